import { blankQuestion, formOf, questionsOf, type QuestionForm } from './quiz-draft';

const q = (patch: Partial<QuestionForm>): QuestionForm => ({ ...blankQuestion(), prompt: '题', ...patch });

describe('questionsOf', () => {
  it('turns the form into the API shape for all five kinds: lines of text, blank lines dropped', () => {
    const forms = [
      q({ prompt: ' 哪个是质数？ ', options: '4\n\n 7 \n9', answer: 1, explanation: ' 7 只能被 1 和自己整除 ' }),
      q({ kind: 'multiple', options: '2\n3\n4', choices: [0, 2], points: '3' }),
      q({ kind: 'true_false', prompt: '地球是圆的', truth: true }),
      q({ kind: 'fill_in', accepted: '北京\n\n Beijing ' }),
      q({ kind: 'short_answer', points: '5' }),
    ];
    expect(questionsOf(forms)).toEqual([
      { kind: 'single', prompt: '哪个是质数？', options: ['4', '7', '9'], answer: 1, points: 1, explanation: '7 只能被 1 和自己整除' },
      { kind: 'multiple', prompt: '题', options: ['2', '3', '4'], answer: [0, 2], points: 3 },
      { kind: 'true_false', prompt: '地球是圆的', answer: true, points: 1 },
      { kind: 'fill_in', prompt: '题', answer: ['北京', 'Beijing'], points: 1 },
      { kind: 'short_answer', prompt: '题', points: 5 },
    ]);
  });

  it('names the first question not filled in', () => {
    const ok = q({ options: 'a\nb' });
    expect(questionsOf([ok, { ...ok, prompt: ' ' }])).toBe(2);
    expect(questionsOf([{ ...ok, options: 'a' }])).toBe(1);
    expect(questionsOf([ok, ok, { ...ok, answer: 2 }])).toBe(3);
    expect(questionsOf([q({ kind: 'multiple', options: 'a\nb', choices: [] })])).toBe(1);
    expect(questionsOf([q({ kind: 'fill_in', accepted: '  \n' })])).toBe(1);
    expect(questionsOf([q({ kind: 'short_answer', points: '0' })])).toBe(1);
  });

  it('puts a saved question back in the form, and out again unchanged', () => {
    const saved = [
      { id: 1, kind: 'single' as const, prompt: 'p', options: ['a', 'b'], points: 2, answer: 1, explanation: 'e' },
      { id: 2, kind: 'multiple' as const, prompt: 'p', options: ['a', 'b', 'c'], points: 1, answer: [0, 2], explanation: null },
      { id: 3, kind: 'true_false' as const, prompt: 'p', options: [], points: 1, answer: false, explanation: null },
      { id: 4, kind: 'fill_in' as const, prompt: 'p', options: [], points: 1, answer: ['x', 'y'], explanation: null },
      { id: 5, kind: 'short_answer' as const, prompt: 'p', options: [], points: 4, answer: null, explanation: null },
    ];
    expect(questionsOf(saved.map(formOf))).toEqual([
      { kind: 'single', prompt: 'p', options: ['a', 'b'], answer: 1, points: 2, explanation: 'e' },
      { kind: 'multiple', prompt: 'p', options: ['a', 'b', 'c'], answer: [0, 2], points: 1 },
      { kind: 'true_false', prompt: 'p', answer: false, points: 1 },
      { kind: 'fill_in', prompt: 'p', answer: ['x', 'y'], points: 1 },
      { kind: 'short_answer', prompt: 'p', points: 4 },
    ]);
  });
});
