/**
 * The growth phase of `npm run bench`: how list latency grows with the catalog. Published courses are
 * added straight to MySQL (in bulk, with words from a fixed vocabulary so searches find some of them)
 * until the catalog has each size; at each size every list query is measured against an API process with
 * the catalog cache off (what MySQL costs: indexes, counts, offsets) and the default list against the
 * cached API.
 */
import { BenchError, fmt, printTable } from './common.mjs';

const CHUNK = 2000;
const WORDS = ['数据', '分析', '设计', '写作', '摄影', '投资', '编程', '英语', '管理', '营销', '健身', '音乐', '历史', '心理', '产品', '增长'];

/** Deterministic pseudo-random numbers: runs insert the same catalog. */
function generator(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function growCatalog(db, target, seed = 7) {
  const [[{ n }]] = await db.query("SELECT COUNT(*) AS n FROM courses WHERE status = 'PUBLISHED'");
  let missing = target - Number(n);
  if (missing <= 0) return Number(n);
  const [creators] = await db.query("SELECT id, display_name FROM users WHERE role = 'creator' ORDER BY id");
  const [categories] = await db.query('SELECT id, name FROM categories ORDER BY id');
  if (!creators.length || !categories.length) throw new BenchError('growth: the seed has no creators or categories to add courses to');
  const random = generator(seed + target);
  while (missing > 0) {
    const rows = [];
    for (let i = 0; i < Math.min(CHUNK, missing); i++) {
      const a = WORDS[Math.floor(random() * WORDS.length)];
      const b = WORDS[Math.floor(random() * WORDS.length)];
      const creator = creators[Math.floor(random() * creators.length)];
      const category = categories[Math.floor(random() * categories.length)];
      const name = `${a}${b}实战 ${target}-${missing - i}`;
      const description = `从零开始学${a}，兼顾${b}。`;
      const published = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 700 * 86_400_000));
      const text = `${name} ${description} ${category.name} ${creator.display_name}`.toLowerCase();
      rows.push([creator.id, category.id, name, description, 100 + Math.floor(random() * 50_000), 'PUBLISHED', published, text, Math.floor(random() * 500), (1 + random() * 4).toFixed(2), Math.floor(random() * 50)]);
    }
    await db.query(
      'INSERT INTO courses (creator_id, category_id, name, description, price_fen, status, published_at, search_text, sales_count, rating_avg, rating_count) VALUES ?',
      [rows],
    );
    missing -= rows.length;
  }
  await db.query('ANALYZE TABLE courses');
  return target;
}

/** The list queries measured at each size; `cached` ones go to the API with its cache on. */
export function growthTargets(category) {
  return [
    { key: 'list', label: 'GET /api/courses/ (cached)', path: '/api/courses/', cached: true },
    { key: 'list_db', label: 'GET /api/courses/', path: '/api/courses/' },
    { key: 'popular', label: '?sort=popular', path: '/api/courses/?sort=popular' },
    { key: 'category', label: `?category=${category}`, path: `/api/courses/?category=${encodeURIComponent(category)}` },
    { key: 'search', label: '?q=数据&sort=price', path: `/api/courses/?q=${encodeURIComponent('数据')}&sort=price` },
    { key: 'deep', label: '?page=50', path: '/api/courses/?page=50' },
  ];
}

export function reportGrowth(sizes, results, s) {
  console.log(`\ngrowth: list latency by catalog size, ${s.growthConnections} connections, ${s.growthDuration} s each; MySQL alone (catalog cache off) unless marked cached\n`);
  const targets = results[0].rows;
  printTable(
    ['query', ...sizes.map((n) => `${n.toLocaleString('en')}: p50 / p99 ms`), ...sizes.map((n) => `${n.toLocaleString('en')}: req/s`)],
    targets.map((t, i) => [t.label, ...results.map((r) => `${fmt(r.rows[i].p50, 1)} / ${fmt(r.rows[i].p99, 1)}`), ...results.map((r) => fmt(r.rows[i].rps, 0))]),
  );
  const pairs = [];
  for (const r of results) {
    const size = r.size >= 1000 ? `${r.size / 1000}k` : String(r.size);
    for (const row of r.rows) pairs.push(`growth_${row.key}_${size}_p99_ms=${fmt(row.p99, 1)}`);
  }
  return pairs;
}
