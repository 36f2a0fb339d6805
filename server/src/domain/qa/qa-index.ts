import { segmenter } from '../catalog/search-terms';

/** One thing the bot can answer with: a course FAQ entry, an answered course question, or platform help. */
export interface QaDoc {
  /** Unique across sources, e.g. "faq:12", "question:34", "help:refund". */
  id: string;
  /** null: platform-wide (help), offered whatever courses the asker has. */
  courseId: number | null;
  question: string;
  answer: string;
  source: 'faq' | 'question' | 'help';
}

export interface QaHit {
  doc: QaDoc;
  /** BM25F: comparable between hits of one query only. */
  score: number;
  /**
   * 0..1, comparable across queries: how much of the query the entry covers and how much of the entry's
   * question the query asks, lowered for queries made only of common words. Compare it with a threshold.
   */
  confidence: number;
}

export interface QaSearchOptions {
  /** Entries of these courses only; null or absent: every course. */
  courseIds?: number[] | null;
  /** Platform help (entries without a course); default true. */
  includeHelp?: boolean;
  /** Default 5. */
  limit?: number;
}

/** A word of a text with, when it is a compound, the dictionary words inside it ("开发票" → 开发, 发票). */
export interface QaUnit {
  term: string;
  parts: string[];
}

// BM25 constants as usually chosen; the question counts twice as much as the answer (BM25F field weights).
const K1 = 1.2;
const B = 0.75;
const QUESTION_WEIGHT = 2;
const ANSWER_WEIGHT = 1;
/** Toward coverage, a word found only in the answer counts this much of one found in the question. */
const ANSWER_COVERAGE = 0.5;
/** Coverage of the query weighs this many times (squared, as in F-beta) more than coverage of the entry's question. */
const BETA_SQUARED = 2;
/**
 * A query must weigh at least this share of an unseen word (in idf) to be answered with full confidence:
 * "课程" alone, a word most entries share, asks nothing in particular.
 */
const MIN_INFORMATION = 0.5;
/** Matched query tokens are tracked in 32-bit masks; words past this many are ignored (a question is not an essay). */
const MAX_QUERY_TOKENS = 30;
/** How many of the best entries by BM25 score are re-ranked by confidence; the most confident one is in practice among them. */
const CANDIDATES = 50;

/**
 * Words that ask rather than say. 怎么, 如何, 怎样 carry the intent "how do I", but nearly every help entry
 * is a how-question, so they discriminate nothing and only make "今天天气怎么样" look like every entry.
 */
const STOP_WORDS = new Set(
  [
    '的 地 得 了 着 过 吗 呢 吧 啊 呀 哦 哈 嘛 么 呗 啦 哇 嗯 是 在 有 和 与 及 或 也 都 就 还 又 而 但 但是 如果 因为 所以 然后',
    '我 我们 你 你们 您 他 她 它 他们 她们 咱 自己 这 那 这个 那个 这些 那些 这里 那里 哪 哪里 哪儿 哪个 个 一个 一下 一些 些 门 这门 本 这本',
    '请问 请 想 想要 要 能 能否 能不能 可以 可不可以 可 会 该 应该 需要 得到 怎么 怎么样 怎么办 怎样 如何 咋 咋办 为什么 为啥 什么 啥 是不是 有没有 谢谢 你好 您好 麻烦 问 问下 问一下',
    'the a an is are am was be to of in on at for and or i you my me we our it its this that how what why do does did can could please with',
  ]
    .join(' ')
    .split(' '),
);

/** People say the same thing in different words; both sides of a match are folded to one of them. */
const SYNONYMS = new Map<string, string>([
  ['退钱', '退款'],
  ['退费', '退款'],
  ['买', '购买'],
  ['购', '购买'],
  ['付款', '支付'],
  ['付钱', '支付'],
  ['付费', '支付'],
  ['缴费', '支付'],
  ['课', '课程'],
  ['开票', '发票'],
  ['试听', '试看'],
  ['讲师', '老师'],
  ['作者', '老师'],
]);

function cleanToken(word: string): string {
  const token = word.replace(/[^\p{L}\p{N}+#.]/gu, '').replace(/^\.+|\.+$/g, '');
  return SYNONYMS.get(token) ?? token;
}

/**
 * A text as matching sees it: NFKC, lower case, jieba words without stop words and punctuation, each
 * with the dictionary words inside it, so "开发票" in a question meets "发票" in an entry.
 */
export function analyze(text: string): QaUnit[] {
  const jieba = segmenter();
  const units: QaUnit[] = [];
  for (const word of jieba.cut(text.normalize('NFKC').toLowerCase(), false)) {
    const term = cleanToken(word);
    if (!term || STOP_WORDS.has(term)) continue;
    const parts: string[] = [];
    // jieba splits only words longer than two characters into dictionary words.
    if (word.length > 2 && /\p{Script=Han}/u.test(word)) {
      for (const piece of jieba.cutForSearch(word, false)) {
        const part = cleanToken(piece);
        if (part && part !== term && !STOP_WORDS.has(part) && !parts.includes(part)) parts.push(part);
      }
    }
    units.push({ term, parts });
  }
  return units;
}

function tokensOf(units: QaUnit[]): string[] {
  const tokens: string[] = [];
  for (const unit of units) tokens.push(unit.term, ...unit.parts);
  return tokens;
}

function counts(tokens: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tokens) out.set(t, (out.get(t) ?? 0) + 1);
  return out;
}

interface Entry {
  doc: QaDoc;
  questionLength: number;
  answerLength: number;
  /** The question's words, for how much of it a query covers. */
  questionUnits: QaUnit[];
  terms: string[];
}

interface Posting {
  inQuestion: number;
  inAnswer: number;
}

interface Candidate {
  slot: number;
  score: number;
  /** Bit i: query token i occurs in the entry's question / answer. */
  questionMask: number;
  answerMask: number;
}

/**
 * An in-memory BM25F index over Q&A entries with an inverted index (term → postings), so a search reads
 * only the entries that share a word with the query. Pure: no database, no I/O.
 */
export class QaIndex {
  private readonly entries = new Map<number, Entry>();
  private readonly slots = new Map<string, number>();
  private readonly postings = new Map<string, Map<number, Posting>>();
  private nextSlot = 0;
  private questionLengths = 0;
  private answerLengths = 0;

  constructor(docs: QaDoc[] = []) {
    for (const doc of docs) this.add(doc);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds an entry, replacing the one with the same id. */
  add(doc: QaDoc): void {
    this.remove(doc.id);
    const questionUnits = analyze(doc.question);
    const questionTokens = counts(tokensOf(questionUnits));
    const answerTokens = counts(tokensOf(analyze(doc.answer)));
    const slot = this.nextSlot++;
    const terms = [...new Set([...questionTokens.keys(), ...answerTokens.keys()])];
    for (const term of terms) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = new Map()));
      list.set(slot, { inQuestion: questionTokens.get(term) ?? 0, inAnswer: answerTokens.get(term) ?? 0 });
    }
    const entry: Entry = {
      doc,
      questionLength: sum(questionTokens.values()),
      answerLength: sum(answerTokens.values()),
      questionUnits,
      terms,
    };
    this.entries.set(slot, entry);
    this.slots.set(doc.id, slot);
    this.questionLengths += entry.questionLength;
    this.answerLengths += entry.answerLength;
  }

  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    const entry = this.entries.get(slot)!;
    for (const term of entry.terms) {
      const list = this.postings.get(term)!;
      list.delete(slot);
      if (list.size === 0) this.postings.delete(term);
    }
    this.questionLengths -= entry.questionLength;
    this.answerLengths -= entry.answerLength;
    this.entries.delete(slot);
    this.slots.delete(id);
  }

  /** The best entries for a question, most confident first (ties: higher score first). */
  search(query: string, options: QaSearchOptions = {}): QaHit[] {
    const limit = options.limit ?? 5;
    const units = analyze(query);
    if (!units.length || !this.entries.size || limit <= 0) return [];
    const tokens = [...new Set(tokensOf(units))].slice(0, MAX_QUERY_TOKENS);
    const courses = options.courseIds ? new Set(options.courseIds) : null;
    const includeHelp = options.includeHelp ?? true;
    const avgQuestion = Math.max(1, this.questionLengths / this.entries.size);
    const avgAnswer = Math.max(1, this.answerLengths / this.entries.size);

    const found = new Map<number, Candidate>();
    tokens.forEach((token, i) => {
      const list = this.postings.get(token);
      if (!list) return;
      const idf = this.idf(token);
      for (const [slot, posting] of list) {
        const entry = this.entries.get(slot)!;
        const courseId = entry.doc.courseId;
        if (courseId === null ? !includeHelp : courses !== null && !courses.has(courseId)) continue;
        const tf =
          (QUESTION_WEIGHT * posting.inQuestion) / (1 - B + (B * entry.questionLength) / avgQuestion) +
          (ANSWER_WEIGHT * posting.inAnswer) / (1 - B + (B * entry.answerLength) / avgAnswer);
        let candidate = found.get(slot);
        if (!candidate) found.set(slot, (candidate = { slot, score: 0, questionMask: 0, answerMask: 0 }));
        candidate.score += (idf * tf * (K1 + 1)) / (tf + K1);
        if (posting.inQuestion) candidate.questionMask |= 1 << i;
        if (posting.inAnswer) candidate.answerMask |= 1 << i;
      }
    });

    const position = new Map(tokens.map((t, i) => [t, i]));
    const queryTokens = new Set(tokensOf(units));
    const specificity = this.specificity(units);
    return topByScore(found.values(), Math.max(CANDIDATES, limit))
      .map((c) => {
        const entry = this.entries.get(c.slot)!;
        const confidence = this.fit(units, position, c, entry, queryTokens) * specificity;
        return { doc: entry.doc, score: c.score, confidence };
      })
      .sort((a, b) => b.confidence - a.confidence || b.score - a.score)
      .slice(0, limit);
  }

  /**
   * Coverage both ways, each weighted by how rare its words are: how much of the query the entry holds
   * (a word only in the answer counts half) and how much of the entry's question the query asks. Their
   * F-beta leans on the first, so "怎么退款" still fits "如何申请退款" well, while a query that shares
   * one word with a long question does not.
   */
  private fit(units: QaUnit[], position: Map<string, number>, c: Candidate, entry: Entry, queryTokens: Set<string>): number {
    const presence = (token: string): number => {
      const i = position.get(token);
      if (i === undefined) return 0;
      if ((c.questionMask >>> i) & 1) return 1;
      return (c.answerMask >>> i) & 1 ? ANSWER_COVERAGE : 0;
    };
    const ofQuery = this.coverage(units, presence);
    const ofEntry = entry.questionUnits.length ? this.coverage(entry.questionUnits, (t) => (queryTokens.has(t) ? 1 : 0)) : 1;
    if (ofQuery === 0 || ofEntry === 0) return 0;
    return ((1 + BETA_SQUARED) * ofQuery * ofEntry) / (BETA_SQUARED * ofEntry + ofQuery);
  }

  /** 1 for a query that says something particular, less for one made only of words most entries share. */
  private specificity(units: QaUnit[]): number {
    let information = 0;
    for (const unit of units) information += this.idf(unit.term);
    return Math.min(1, information / (MIN_INFORMATION * idfOf(this.entries.size, 0)));
  }

  /** The idf-weighted share of `units` found; a compound counts as found to the extent its parts are. */
  private coverage(units: QaUnit[], found: (token: string) => number): number {
    let total = 0;
    let covered = 0;
    for (const unit of units) {
      const weight = this.idf(unit.term);
      let share = found(unit.term);
      if (share < 1 && unit.parts.length) {
        let partWeights = 0;
        let partsFound = 0;
        for (const part of unit.parts) {
          const w = this.idf(part);
          partWeights += w;
          partsFound += w * found(part);
        }
        share = Math.max(share, partsFound / partWeights);
      }
      total += weight;
      covered += weight * share;
    }
    return total === 0 ? 0 : covered / total;
  }

  private idf(term: string): number {
    return idfOf(this.entries.size, this.postings.get(term)?.size ?? 0);
  }
}

/** BM25's idf, never negative; a word no entry has gets the highest weight, so unknown words lower coverage. */
function idfOf(entries: number, withTerm: number): number {
  return Math.log(1 + (entries - withTerm + 0.5) / (withTerm + 0.5));
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** The k highest-scoring candidates without sorting all of them (a common word touches many entries). */
function topByScore(candidates: Iterable<Candidate>, k: number): Candidate[] {
  const top: Candidate[] = [];
  for (const c of candidates) {
    if (top.length === k && c.score <= top[top.length - 1]!.score) continue;
    let i = top.length;
    while (i > 0 && top[i - 1]!.score < c.score) i--;
    top.splice(i, 0, c);
    if (top.length > k) top.pop();
  }
  return top;
}
