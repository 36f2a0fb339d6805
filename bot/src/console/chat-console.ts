import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import { parseArgs } from 'node:util';
import { BOT_NAME } from '../format';

/**
 * `npm run chat`: talk to a running bot (mock puppet) as a WeChat user, through its chat endpoint.
 * Prints the bot's replies, and every few seconds what it sent on its own (notifications, answers from
 * teachers). Flags: --id, --name (asked when missing), --url (default from BOT_CHAT_HOST/BOT_CHAT_PORT).
 */

type Content = { text: string } | { file: { name: string; url: string } };
interface InboxMessage {
  seq: number;
  at: string;
  text?: string;
  file?: { name: string; url: string };
}

const POLL_MS = 1500;
const MENTION_PREFIX = new RegExp(`^[@＠](?:${BOT_NAME})?[\\s\u2005]*`);
const out = (line: string) => process.stdout.write(`${line}\n`);

function show(content: Content | InboxMessage): string {
  if ('file' in content && content.file) return `[文件] ${content.file.name} ${content.file.url}`;
  return 'text' in content && content.text !== undefined ? content.text : '';
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? `${prefix} ` : ' '.repeat([...prefix].length + 1)) + line)
    .join('\n');
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const body = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  return body;
}

function ask(rl: Interface, question: string, fallback: string): Promise<string> {
  return new Promise((resolve) => rl.question(`${question} [${fallback}]: `, (answer) => resolve(answer.trim() || fallback)));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { id: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    out('npm run chat -- [--id wxid_xiaoming] [--name 小明] [--url http://127.0.0.1:4020]');
    return;
  }
  const base = (values.url ?? `http://${process.env.BOT_CHAT_HOST ?? '127.0.0.1'}:${process.env.BOT_CHAT_PORT ?? '4020'}`).replace(/\/$/, '');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  // Lines typed (or piped) before the chat is ready wait their turn instead of being lost.
  const early: string[] = [];
  const keep = (line: string): void => {
    early.push(line);
  };
  rl.on('line', keep);
  let closed = false;
  const whenClosed = new Promise<void>((resolve) =>
    rl.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  try {
    await request(`${base}/healthz`);
  } catch (err) {
    out(`找不到正在运行的机器人（${base}）：${(err as Error).message}`);
    out('先用 npm start（或 npm start -w bot）启动它；WECHATY_PUPPET 须为默认的 wechaty-puppet-mock。');
    rl.close();
    process.exitCode = 1;
    return;
  }
  // Input that ends before the questions are answered (a pipe) takes the defaults.
  const askOr = (question: string, fallback: string) => (closed ? fallback : Promise.race([ask(rl, question, fallback), whenClosed.then(() => fallback)]));
  const id = values.id ?? (await askOr('你的微信号（contact id）', 'wxid_demo'));
  const name = values.name ?? (await askOr('你的昵称', '小明'));
  let room: { id: string; topic: string } | undefined;

  const print = (text: string): void => {
    // Messages arrive while the person types: write above the prompt, then restore it.
    if (process.stdout.isTTY) {
      clearLine(process.stdout, 0);
      cursorTo(process.stdout, 0);
    }
    out(text);
    if (!closed) rl.prompt(true);
  };

  let lastSeq = 0;
  const earlier = await request<{ messages: InboxMessage[] }>(`${base}/inbox?contact=${encodeURIComponent(id)}`);
  lastSeq = earlier.messages.at(-1)?.seq ?? 0;
  for (const m of earlier.messages.slice(-5)) out(indent(show(m), `（之前的通知 ${m.at.slice(11, 19)}）`));

  let polling = false;
  const poll = setInterval(() => {
    if (polling) return;
    polling = true;
    request<{ messages: InboxMessage[] }>(`${base}/inbox?contact=${encodeURIComponent(id)}&after=${lastSeq}`)
      .then(({ messages }) => {
        for (const m of messages) {
          lastSeq = Math.max(lastSeq, m.seq);
          print(indent(show(m), `🔔 ${BOT_NAME}:`));
        }
      })
      .catch((err: unknown) => print(`（收件箱暂时读不到：${(err as Error).message}）`))
      .finally(() => (polling = false));
  }, POLL_MS);

  out(`\n你好，${name}（${id}）。直接输入消息和${BOT_NAME}聊天，例如「帮助」。`);
  out('/room 群名 —— 切到群聊（以 @ 开头的消息才会 @机器人）；/dm —— 回到私聊；/quit —— 退出\n');
  rl.setPrompt(`${name}> `);
  if (!closed) rl.prompt();

  // One message at a time, so replies come back in the order the messages were typed.
  let sending: Promise<void> = Promise.resolve();
  let closing = false;
  const handle = (line: string): void => {
    const text = line.trim();
    if (!text) return closed ? undefined : rl.prompt();
    if (text === '/quit' || text === '/exit') {
      closing = true;
      void sending.then(() => rl.close());
      return;
    }
    if (text === '/dm') {
      room = undefined;
      sending = sending.then(() => print('（已回到私聊）'));
      return;
    }
    if (text.startsWith('/room')) {
      const topic = text.slice('/room'.length).trim() || '学习交流群';
      room = { id: `console-${Buffer.from(topic).toString('hex').slice(0, 32)}`, topic };
      sending = sending.then(() => print(`（已进入群「${topic}」，以 @ 开头的消息会 @${BOT_NAME}）`));
      return;
    }
    const mentioned = room ? /^[@＠]/.test(text) : undefined;
    const body = {
      from: { id, name },
      // "@知识小助手 帮助" and "@帮助" both mean the bot; the endpoint writes the mention the way WeChat does.
      text: room && mentioned ? text.replace(MENTION_PREFIX, '') || '帮助' : text,
      ...(room ? { room: { ...room, mentioned } } : {}),
    };
    const inRoom = !!room;
    sending = sending
      .then(() => request<{ replies: Content[] }>(`${base}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }))
      .then(({ replies }) => {
        if (!replies.length) print(inRoom && !mentioned ? '（群里没有 @机器人，它不会回复）' : '（没有回复）');
        for (const reply of replies) print(indent(show(reply), `${BOT_NAME}:`));
      })
      .catch((err: unknown) => print(`（发送失败：${(err as Error).message}）`));
  };
  rl.off('line', keep);
  rl.on('line', handle);
  for (const line of early.splice(0)) handle(line);

  // Input that ends (a pipe) waits for the last replies; Ctrl-D or /quit at a terminal too.
  await whenClosed;
  if (!closing) await sending;
  clearInterval(poll);
  out('再见！');
}

main().catch((err: unknown) => {
  process.stderr.write(`chat console failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
