import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

let jieba: Jieba | undefined;
/** The process's one jieba instance: loading its dictionary costs time and memory, so catalog search and Q&A share it. */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** At most this many terms of a query are matched; the rest are ignored (a query is not a document). */
export const MAX_QUERY_TERMS = 8;

/**
 * Splits a search query into the terms that must all occur: jieba words for Chinese, whole words for
 * Latin text, lower-cased, punctuation and duplicates dropped. "数据科学 Python" → ["数据", "科学", "python"].
 */
export function queryTerms(query: string): string[] {
  const words = segmenter().cut(query.normalize('NFKC').toLowerCase(), false);
  const terms = new Set<string>();
  for (const word of words) {
    const term = word.replace(/[^\p{L}\p{N}+#.]/gu, '').replace(/^\.+|\.+$/g, '');
    if (term) terms.add(term);
    if (terms.size === MAX_QUERY_TERMS) break;
  }
  return [...terms];
}

/** The text a course is searched in: name, description, category and creator, normalized like queries. */
export function searchText(parts: { name: string; description: string; category: string; creator: string }): string {
  return [parts.name, parts.category, parts.creator, parts.description].join('\n').normalize('NFKC').toLowerCase();
}
