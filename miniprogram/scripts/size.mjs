// `npm run size`: builds the mini-program and the H5 app, prints their sizes and fails past the budgets.
// WeChat refuses any package over 2 MB; our main package must stay far below that, so learners on a slow
// network see the store quickly, and the learning pages load as a subpackage when first opened.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1024;
/** Budgets, in bytes. */
export const BUDGET = {
  weappMain: 450 * KB,
  // Raised from 1 MB for the creator and admin console: its subpackage carries the charts (ECharts with
  // bar, line and pie only, ~590 KB). Learners never download it, each package stays far below WeChat's
  // 2 MB, and the whole far below its 20 MB; the console subpackage has its own budget below.
  weappTotal: 1536 * KB,
  h5FirstLoadGzip: 200 * KB,
};
/** Subpackages with a budget of their own (bytes). */
const SUB_BUDGET = { 'creator/': 768 * KB };

const here = fileURLToPath(new URL('..', import.meta.url));
const dist = (target) => join(here, 'dist', target);

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

function build(target) {
  const started = Date.now();
  const result = spawnSync('npx', ['taro', 'build', '--type', target], { cwd: here, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`taro build --type ${target} failed`);
  return (Date.now() - started) / 1000;
}

const weappSeconds = build('weapp');
const h5Seconds = build('h5');

// weapp: the main package is everything outside the subpackage roots (app.json lists them).
const app = JSON.parse(readFileSync(join(dist('weapp'), 'app.json'), 'utf8'));
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, '') + '/');
const weappFiles = files(dist('weapp')).filter((f) => !f.endsWith('.LICENSE.txt') && !f.endsWith('.map'));
const sizeOf = (list) => list.reduce((sum, f) => sum + statSync(f).size, 0);
const inSub = (f) => subRoots.some((r) => relative(dist('weapp'), f).startsWith(r));
const weappMain = sizeOf(weappFiles.filter((f) => !inSub(f)));
const weappTotal = sizeOf(weappFiles);
const subs = subRoots.map((r) => [r, sizeOf(weappFiles.filter((f) => relative(dist('weapp'), f).startsWith(r)))]);

// H5 first load: index.html and the scripts and styles it references, gzipped as a server would send them.
const html = readFileSync(join(dist('h5'), 'index.html'), 'utf8');
const assets = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => join(dist('h5'), m[1]));
const h5FirstLoadGzip = [Buffer.from(html), ...assets.map((a) => readFileSync(a))].reduce((sum, b) => sum + gzipSync(b).length, 0);
const h5Total = sizeOf(files(dist('h5')).filter((f) => !f.endsWith('.map') && !f.endsWith('.LICENSE.txt')));

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const rows = [
  ['weapp main package', weappMain, BUDGET.weappMain],
  ...subs.map(([r, n]) => [`weapp subpackage ${r}`, n, SUB_BUDGET[r] ?? null]),
  ['weapp total', weappTotal, BUDGET.weappTotal],
  ['H5 first load (gzip)', h5FirstLoadGzip, BUDGET.h5FirstLoadGzip],
  ['H5 total (raw)', h5Total, null],
];
console.log('\nsize                          actual        budget');
for (const [name, actual, budget] of rows) console.log(`${name.padEnd(30)}${kb(actual).padStart(10)}  ${budget ? kb(budget).padStart(12) : ''.padStart(12)}  ${budget && actual > budget ? 'OVER BUDGET' : ''}`);
console.log(`build time: weapp ${weappSeconds.toFixed(1)} s, H5 ${h5Seconds.toFixed(1)} s`);
const over = rows.filter(([, actual, budget]) => budget && actual > budget);
console.log(
  `weapp_main_kb=${(weappMain / KB).toFixed(1)} ${subs.map(([r, n]) => `weapp_${r.replace(/\/$/, '')}_kb=${(n / KB).toFixed(1)}`).join(' ')} weapp_total_kb=${(weappTotal / KB).toFixed(1)} h5_first_load_gzip_kb=${(h5FirstLoadGzip / KB).toFixed(1)} weapp_build_s=${weappSeconds.toFixed(1)} h5_build_s=${h5Seconds.toFixed(1)}`,
);
if (over.length) {
  console.error(`✖ over budget: ${over.map(([n]) => n).join(', ')}`);
  process.exit(1);
}
