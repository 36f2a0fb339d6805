// `npm start`: makes sure MySQL and Redis run, migrates, seeds the demo catalog when empty, then runs
// the WeChat sandbox, the API, the workers and the chat bot side by side until Ctrl-C, which stops everything cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const env = { ...process.env };
// People read the demo's logs on a terminal; pipes and files get JSON lines.
if (process.stdout.isTTY) env.LOG_FORMAT ??= 'pretty';
const port = Number(env.PORT ?? 3000);
const sandboxPort = Number(env.SANDBOX_PORT ?? 4010);
const sandboxMode = (env.WECHAT_MODE ?? 'sandbox') === 'sandbox';
const children = new Map();
let stopping = false;

function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

function run(name, entry) {
  const child = spawn(tsx, [entry], { cwd: root, env, stdio: 'inherit' });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`✖ ${name} exited unexpectedly (${code ?? signal}); stopping everything`);
      stop(1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
}

async function waitFor(name, url, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  console.error(`✖ ${name} did not become ready at ${url} within ${seconds} s`);
  stop(1);
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  if (children.size === 0) process.exit(code);
  console.log('\n■ stopping…');
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(code || 1);
  }, 15_000).unref();
}

/** The newest modification time under a folder (the H5 app is rebuilt when its sources are newer than the build). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function h5NeedsBuild() {
  if (env.H5_DIR) return false;
  const index = join(root, 'miniprogram', 'dist', 'h5', 'index.html');
  return !existsSync(index) || newest(join(root, 'miniprogram', 'src')) > statSync(index).mtimeMs;
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

if (!env.SKIP_SERVICES) step('MySQL and Redis', 'bash', [join(root, 'scripts', 'ensure-services.sh')]);
step('database migrations', tsx, ['server/src/main/migrate.ts', 'up']);
step('demo catalog', tsx, ['server/src/main/seed.ts']);
if (h5NeedsBuild()) step('H5 store (first start or changed sources: about 20 s)', 'npm', ['run', 'build:h5', '-w', 'miniprogram']);

if (sandboxMode) {
  run('sandbox', 'server/src/main/sandbox.ts');
  await waitFor('sandbox', `http://127.0.0.1:${sandboxPort}/sandbox/healthz`);
}
run('api', 'server/src/main/api.ts');
await waitFor('api', `http://127.0.0.1:${port}/readyz`);
run('jobs', 'jobs/src/main.ts');
run('bot', 'bot/src/main.ts');
// With the mock puppet the bot is reachable on its chat endpoint; a real puppet waits for a QR scan instead.
const botChat = (env.WECHATY_PUPPET ?? 'wechaty-puppet-mock') === 'wechaty-puppet-mock' ? `http://${env.BOT_CHAT_HOST ?? '127.0.0.1'}:${env.BOT_CHAT_PORT ?? 4020}` : null;
if (botChat) await waitFor('bot', `${botChat}/healthz`);

if (!stopping) {
  const base = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const accounts = join(env.VAR_DIR ?? join(root, 'var'), 'demo-accounts.json');
  console.log(`
✔ knowpay is running
  store (H5)         ${base}/   (open it phone-sized: the browser plays WeChat, with the sandbox's login and cashier)
  API                ${base}/api/courses/
  API docs           ${base}/api/docs   (OpenAPI: ${base}/api/openapi.json)
  health             ${base}/readyz${sandboxMode ? `\n  WeChat sandbox     http://127.0.0.1:${sandboxPort}` : ''}
  demo accounts      ${existsSync(accounts) ? `${accounts} (e.g. ${JSON.parse(readFileSync(accounts, 'utf8'))[0]?.username})` : 'none (catalog was seeded earlier)'}
  try                curl '${base}/api/courses/?q=数据&sort=price'
  chat bot           ${botChat ? `npm run chat   (mock WeChat chat at ${botChat})` : 'scan the QR code in the bot log to log in'}
Press Ctrl-C to stop.`);
}
