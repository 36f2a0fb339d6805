import type { AnswerKey, QuestionKind } from './grading';

/** What of a quiz decides how an attempt is graded, or whether it passes. */
export interface GradedShape {
  passPercent: number;
  required: boolean;
  questions: ReadonlyArray<{ kind: QuestionKind; options: readonly string[]; answerKey: AnswerKey; points: number }>;
}

/**
 * Once learners have attempted a quiz, its edits may only reword it: the quiz's title, a question's
 * prompt and explanation. Anything their attempts were graded by (the pass mark, whether it is
 * required, the questions, their kinds, options, answers and points) stays. Returns what an edit
 * would change of that, or null when it only rewords.
 */
export function gradingChange(current: GradedShape, next: GradedShape): string | null {
  if (next.passPercent !== current.passPercent) return 'pass_percent';
  if (next.required !== current.required) return 'required';
  if (next.questions.length !== current.questions.length) return 'the number of questions';
  for (const [i, was] of current.questions.entries()) {
    const now = next.questions[i]!;
    const n = i + 1;
    if (now.kind !== was.kind) return `the kind of question ${n}`;
    if (!sameJson(now.options, was.options)) return `the options of question ${n}`;
    if (!sameJson(now.answerKey, was.answerKey)) return `the answer of question ${n}`;
    if (now.points !== was.points) return `the points of question ${n}`;
  }
  return null;
}

/** Equal as JSON values, whatever the order of object keys (a JSON column does not keep it). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)).map(([k, w]) => [k, canonical(w)])) : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
