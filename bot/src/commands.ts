/** What a chat message asks the bot to do. Anything that is not a command is a question for Q&A. */
export type Command =
  | { kind: 'bind'; code: string }
  | { kind: 'my-courses' }
  | { kind: 'my-orders' }
  | { kind: 'recommend' }
  | { kind: 'help' }
  | { kind: 'question'; text: string };

// WeChat separates a group @mention from the rest with U+2005; names themselves may contain plain spaces.
const MENTION_WITH_SEPARATOR = /^@[^\u2005]*\u2005/;
const MENTION_PLAIN = /^@\S+(?:\s+|$)/;
// "绑定" followed only by code-like characters is an attempt to bind; "绑定手机号怎么弄" is a question.
const BIND = /^绑定([0-9A-Za-z ]*)$/;
const BIND_CODE = /^\d{6}$/;

const FIXED: Record<string, Command> = {
  我的课程: { kind: 'my-courses' },
  我的订单: { kind: 'my-orders' },
  推荐: { kind: 'recommend' },
  帮助: { kind: 'help' },
  help: { kind: 'help' },
};

/** Removes leading @mentions ("@知识小助手 绑定 123456"), however many, before the message is read. */
export function stripMentions(text: string): string {
  let rest = text.trimStart();
  for (;;) {
    const next = (MENTION_WITH_SEPARATOR.exec(rest) ?? MENTION_PLAIN.exec(rest))?.[0];
    if (!next) return rest;
    rest = rest.slice(next.length).trimStart();
  }
}

export function parseCommand(text: string): Command {
  // NFKC after the mentions are gone: it turns U+2005 into a plain space, which would hide where a name ends.
  // It also folds full-width digits, letters and the ideographic space that Chinese keyboards produce.
  const body = stripMentions(text).normalize('NFKC').trim().replace(/\s+/g, ' ');
  // An empty message (a bare @mention) is best answered with what the bot can do.
  if (body === '') return { kind: 'help' };

  const fixed = FIXED[body.toLowerCase()];
  if (fixed) return fixed;

  const bind = BIND.exec(body);
  if (bind) {
    // People copy codes as "123 456"; the spaces carry no meaning.
    const code = (bind[1] ?? '').replace(/ /g, '');
    // A mistyped code gets the help text, which shows the "绑定 123456" form, rather than a Q&A guess.
    return BIND_CODE.test(code) ? { kind: 'bind', code } : { kind: 'help' };
  }
  return { kind: 'question', text: body };
}
