import type { OwnQuiz, QuizDraft, QuizQuestionDraft } from '../services/console-api';

export type QuestionKind = QuizQuestionDraft['kind'];
export const QUESTION_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'true_false', 'fill_in', 'short_answer'];

/**
 * A question as the console's form holds it, whatever its kind: options and accepted answers as lines
 * of text, so switching the kind back and forth loses nothing typed.
 */
export interface QuestionForm {
  kind: QuestionKind;
  prompt: string;
  /** Single and multiple choice: one option per line. */
  options: string;
  /** Single choice: the right option's index. */
  answer: number;
  /** Multiple choice: the right options' indexes. */
  choices: number[];
  /** True/false. */
  truth: boolean;
  /** Fill-in: the accepted answers, one per line. */
  accepted: string;
  points: string;
  explanation: string;
}

export const blankQuestion = (): QuestionForm => ({ kind: 'single', prompt: '', options: '', answer: 0, choices: [], truth: true, accepted: '', points: '1', explanation: '' });

/** The non-blank lines of a text box, trimmed. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** One question as the API takes it, or null when it is not filled in. */
function draftOf(q: QuestionForm): QuizQuestionDraft | null {
  const prompt = q.prompt.trim();
  const points = q.points.trim() === '' ? 1 : Number(q.points);
  if (!prompt || !Number.isInteger(points) || points < 1 || points > 100) return null;
  const base = { prompt, points, ...(q.explanation.trim() ? { explanation: q.explanation.trim() } : {}) };
  switch (q.kind) {
    case 'single': {
      const options = linesOf(q.options);
      return options.length >= 2 && q.answer < options.length ? { kind: 'single', ...base, options, answer: q.answer } : null;
    }
    case 'multiple': {
      const options = linesOf(q.options);
      return options.length >= 2 && q.choices.length > 0 && q.choices.every((c) => c < options.length) ? { kind: 'multiple', ...base, options, answer: q.choices } : null;
    }
    case 'true_false':
      return { kind: 'true_false', ...base, answer: q.truth };
    case 'fill_in': {
      const accepted = linesOf(q.accepted);
      return accepted.length > 0 ? { kind: 'fill_in', ...base, answer: accepted } : null;
    }
    case 'short_answer':
      return { kind: 'short_answer', ...base };
  }
}

/** The form's questions as the API takes them, or the number (1-based) of the first one not filled in. */
export function questionsOf(forms: QuestionForm[]): QuizDraft['questions'] | number {
  const out: QuizDraft['questions'] = [];
  for (const [i, form] of forms.entries()) {
    const draft = draftOf(form);
    if (!draft) return i + 1;
    out.push(draft);
  }
  return out;
}

/** A saved question (the creator's view, answer included) back in the form, to edit. */
export function formOf(q: OwnQuiz['questions'][number]): QuestionForm {
  const form: QuestionForm = { ...blankQuestion(), kind: q.kind, prompt: q.prompt, options: q.options.join('\n'), points: String(q.points), explanation: q.explanation ?? '' };
  switch (q.kind) {
    case 'single':
      return { ...form, answer: typeof q.answer === 'number' ? q.answer : 0 };
    case 'multiple':
      return { ...form, choices: Array.isArray(q.answer) ? q.answer.filter((a): a is number => typeof a === 'number') : [] };
    case 'true_false':
      return { ...form, truth: q.answer === true };
    case 'fill_in':
      return { ...form, accepted: Array.isArray(q.answer) ? q.answer.map(String).join('\n') : '' };
    case 'short_answer':
      return form;
  }
}
