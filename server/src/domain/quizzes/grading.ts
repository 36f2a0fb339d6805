/** The kinds of question a quiz holds; short answers are graded by the course's creator. */
export const QUESTION_KINDS = ['single', 'multiple', 'true_false', 'fill_in', 'short_answer'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The correct answer of a question, as the creator set it; never sent to a learner before they submit. */
export type AnswerKey =
  | { kind: 'single'; choice: number }
  | { kind: 'multiple'; choices: number[] }
  | { kind: 'true_false'; value: boolean }
  | { kind: 'fill_in'; accepted: string[] }
  | { kind: 'short_answer' };

/** What a learner gave: an option index, several, true/false, or text. */
export type GivenAnswer = number | number[] | boolean | string;

export interface GradableQuestion {
  id: number;
  kind: QuestionKind;
  points: number;
  answerKey: AnswerKey;
}

/** One question's outcome: `correct` and `points` are null while a short answer waits for the creator. */
export interface QuestionResult {
  questionId: number;
  given: GivenAnswer | null;
  correct: boolean | null;
  points: number | null;
  maxPoints: number;
}

export interface Grade {
  results: QuestionResult[];
  score: number;
  maxScore: number;
  /** Whole percent of the points, 0..100. */
  percent: number;
  /** False until every question is graded. */
  complete: boolean;
}

/** Fill-in answers compare without regard to case, full-width forms or runs of spaces. */
export function normalizeText(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function isCorrect(key: AnswerKey, given: GivenAnswer | null): boolean | null {
  if (given === null) return key.kind === 'short_answer' ? null : false;
  switch (key.kind) {
    case 'single':
      return given === key.choice;
    case 'multiple': {
      if (!Array.isArray(given)) return false;
      const chosen = new Set(given);
      return chosen.size === key.choices.length && key.choices.every((c) => chosen.has(c));
    }
    case 'true_false':
      return given === key.value;
    case 'fill_in':
      return typeof given === 'string' && key.accepted.some((a) => normalizeText(a) === normalizeText(given));
    case 'short_answer':
      return null;
  }
}

/**
 * Grades what can be graded at once (choices, true/false, fill-in: all or nothing per question);
 * short answers stay open unless `creatorPoints` gives their points.
 */
export function grade(questions: readonly GradableQuestion[], answers: ReadonlyMap<number, GivenAnswer>, creatorPoints: ReadonlyMap<number, number> = new Map()): Grade {
  const results = questions.map((q): QuestionResult => {
    const given = answers.get(q.id) ?? null;
    if (q.kind === 'short_answer') {
      const awarded = creatorPoints.get(q.id);
      // An empty short answer earns nothing and needs no creator.
      if (given === null || (typeof given === 'string' && given.trim() === '')) return { questionId: q.id, given, correct: false, points: 0, maxPoints: q.points };
      if (awarded === undefined) return { questionId: q.id, given, correct: null, points: null, maxPoints: q.points };
      const points = Math.max(0, Math.min(q.points, awarded));
      return { questionId: q.id, given, correct: points === q.points, points, maxPoints: q.points };
    }
    const correct = isCorrect(q.answerKey, given);
    return { questionId: q.id, given, correct, points: correct ? q.points : 0, maxPoints: q.points };
  });
  const score = results.reduce((sum, r) => sum + (r.points ?? 0), 0);
  const maxScore = results.reduce((sum, r) => sum + r.maxPoints, 0);
  return {
    results,
    score,
    maxScore,
    percent: maxScore === 0 ? 100 : Math.floor((100 * score) / maxScore),
    complete: results.every((r) => r.points !== null),
  };
}

/** Why a given answer does not fit its question (wrong type, an option that does not exist), or null. */
export function answerProblem(kind: QuestionKind, optionCount: number, given: GivenAnswer): string | null {
  const isIndex = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < optionCount;
  switch (kind) {
    case 'single':
      return isIndex(given) ? null : `must be the index of one option (0 to ${optionCount - 1})`;
    case 'multiple':
      return Array.isArray(given) && given.every(isIndex) && new Set(given).size === given.length
        ? null
        : `must be a list of distinct option indexes (0 to ${optionCount - 1})`;
    case 'true_false':
      return typeof given === 'boolean' ? null : 'must be true or false';
    case 'fill_in':
    case 'short_answer':
      return typeof given === 'string' ? null : 'must be text';
  }
}
