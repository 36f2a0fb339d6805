import type { QuizDraft } from '../services/console-api';

/** A question as the console's form holds it: options as lines of text. */
export interface QuestionForm {
  kind: 'single' | 'true_false';
  prompt: string;
  options: string;
  answer: number;
  truth: boolean;
}

export const blankQuestion = (): QuestionForm => ({ kind: 'single', prompt: '', options: '', answer: 0, truth: true });

/** The form's questions as the API takes them, or the number (1-based) of the first one not filled in. */
export function questionsOf(forms: QuestionForm[]): QuizDraft['questions'] | number {
  const out: QuizDraft['questions'] = [];
  for (const [i, q] of forms.entries()) {
    const prompt = q.prompt.trim();
    if (!prompt) return i + 1;
    if (q.kind === 'true_false') {
      out.push({ kind: 'true_false', prompt, answer: q.truth });
      continue;
    }
    const options = q.options.split('\n').map((o) => o.trim()).filter(Boolean);
    if (options.length < 2 || q.answer >= options.length) return i + 1;
    out.push({ kind: 'single', prompt, options, answer: q.answer });
  }
  return out;
}
