import { parseArgs } from 'node:util';
import { DEFAULT_ENGINE, type EngineOptions } from '../domain/recommendations/engine';
import { evaluate } from '../domain/recommendations/eval/offline-eval';
import { DEFAULT_SYNTHETIC, generateLog } from '../domain/recommendations/eval/synthetic';

/**
 * npm run eval:recs: the recommender against recency-weighted popularity on a seeded synthetic log
 * (100,000 learners, 5,000 courses, 2,000,000 interactions by default), leave-last-purchase-out.
 * Runs the engine in memory, as the nightly recompute does after reading MySQL, and reports its time
 * and the process's peak RSS. The last line is key=value pairs for comparing runs.
 *
 *   npm run eval:recs -- --learners 20000 --courses 1000 --interactions 400000 --seed 7
 */
const USAGE = `usage: npm run eval:recs -- [--learners n] [--courses n] [--interactions n] [--seed n] [--neighbours k] [--top-n n]`;

function intOption(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${value}"`);
  return n;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      learners: { type: 'string' },
      courses: { type: 'string' },
      interactions: { type: 'string' },
      seed: { type: 'string' },
      neighbours: { type: 'string' },
      'top-n': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // A fixed end of the log, so the seeded log (and its recency weights) is the same on every run.
  const now = Date.UTC(2025, 10, 26);
  const options = {
    ...DEFAULT_SYNTHETIC,
    now,
    learners: intOption(values.learners, DEFAULT_SYNTHETIC.learners, 'learners'),
    courses: intOption(values.courses, DEFAULT_SYNTHETIC.courses, 'courses'),
    interactions: intOption(values.interactions, DEFAULT_SYNTHETIC.interactions, 'interactions'),
    seed: intOption(values.seed, DEFAULT_SYNTHETIC.seed, 'seed'),
  };
  const engine: EngineOptions = {
    ...DEFAULT_ENGINE,
    topN: intOption(values['top-n'], 20, 'top-n'),
    neighbours: intOption(values.neighbours, 50, 'neighbours'),
    halfLifeMs: 30 * 86_400_000,
  };

  console.log(
    `synthetic log: ${options.learners} learners, ${options.courses} courses, ${options.interactions} interactions (seed ${options.seed}); ` +
      `engine: top ${engine.topN}, ${engine.neighbours} neighbours per course, shrink ${engine.shrink}`,
  );
  const log = generateLog(options);
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  const result = evaluate(log, engine, now, 10);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const f = (n: number) => n.toFixed(4);
  const rows = [
    ['recommender', 'HR@10', 'NDCG@10'],
    ['ours: item-item cosine + category + popularity', f(result.ours.hr), f(result.ours.ndcg)],
    ['popular: recency-weighted', f(result.popular.hr), f(result.popular.ndcg)],
    ['ours / popular', (result.ours.hr / result.popular.hr).toFixed(2) + '×', (result.ours.ndcg / result.popular.ndcg).toFixed(2) + '×'],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [n, r] of rows.entries()) {
    console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log(
    `learners evaluated: ${result.evaluated} (${result.coldStart} with no history left, popularity for both); training entries: ${result.trainingEntries}`,
  );
  console.log(
    `recompute (signals → neighbours → top-${engine.topN} for every learner): ${(result.recomputeMs / 1000).toFixed(2)} s; ` +
      `RSS after generating the log ${rssBeforeMb.toFixed(0)} MB, peak ${peakRssMb.toFixed(0)} MB`,
  );
  console.log(
    `HR@10 ours=${f(result.ours.hr)} popular=${f(result.popular.hr)} NDCG@10 ours=${f(result.ours.ndcg)} popular=${f(result.popular.ndcg)} ` +
      `hr_ratio=${(result.ours.hr / result.popular.hr).toFixed(2)} recompute_s=${(result.recomputeMs / 1000).toFixed(2)} peak_rss_mb=${peakRssMb.toFixed(0)} ` +
      `learners=${options.learners} courses=${options.courses} interactions=${options.interactions}`,
  );
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
