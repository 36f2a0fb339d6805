import type { GivenAnswer, QuizAttempt, QuizQuestion } from './types';

/** A multiple-choice pick toggled: in or out, the list kept in option order. */
export function toggleChoice(current: GivenAnswer | undefined, index: number): number[] {
  const picked = Array.isArray(current) ? current : [];
  return picked.includes(index) ? picked.filter((i) => i !== index) : [...picked, index].sort((a, b) => a - b);
}

function isAnswered(answer: GivenAnswer | undefined): boolean {
  if (answer === undefined) return false;
  if (typeof answer === 'string') return answer.trim() !== '';
  if (Array.isArray(answer)) return answer.length > 0;
  return true;
}

/** Positions (1-based) of the questions not answered yet, to tell the learner before they submit. */
export function unansweredNumbers(questions: QuizQuestion[], answers: Record<number, GivenAnswer>): number[] {
  return questions.flatMap((q, i) => (isAnswered(answers[q.id]) ? [] : [i + 1]));
}

/** What the API takes: answered questions only, texts trimmed. */
export function answersPayload(questions: QuizQuestion[], answers: Record<number, GivenAnswer>): Record<string, GivenAnswer> {
  const out: Record<string, GivenAnswer> = {};
  for (const q of questions) {
    const a = answers[q.id];
    if (!isAnswered(a)) continue;
    out[String(q.id)] = typeof a === 'string' ? a.trim() : a!;
  }
  return out;
}

/** The correct answer as the learner reads it after submitting; null for a short answer (the creator grades it). */
export function correctAnswerText(q: QuizAttempt['questions'][number], labels: { yes: string; no: string; or: string }): string | null {
  const { answer } = q;
  if (answer === null) return null;
  if (typeof answer === 'boolean') return answer ? labels.yes : labels.no;
  if (typeof answer === 'number') return q.options[answer] ?? '';
  if (q.kind === 'multiple') return (answer as number[]).map((i) => q.options[i] ?? '').join('、');
  return (answer as string[]).join(` ${labels.or} `);
}

/**
 * The client's id for one submit of a quiz (the API's client_attempt_id): kept while the learner retries
 * the same answers, so a submit whose response was lost, or a double tap, makes one attempt.
 */
export function newAttemptId(now = Date.now(), random = Math.random): string {
  const tail = Array.from({ length: 3 }, () => Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0')).join('');
  return `qa-${now.toString(36)}-${tail}`;
}
