import { blankQuestion, questionsOf } from './quiz-draft';

describe('questionsOf', () => {
  it('turns the form into the API shape: options one per line, blank lines dropped', () => {
    const single = { ...blankQuestion(), prompt: ' 哪个是质数？ ', options: '4\n\n 7 \n9', answer: 1 };
    const truth = { ...blankQuestion(), kind: 'true_false' as const, prompt: '地球是圆的', truth: true };
    expect(questionsOf([single, truth])).toEqual([
      { kind: 'single', prompt: '哪个是质数？', options: ['4', '7', '9'], answer: 1 },
      { kind: 'true_false', prompt: '地球是圆的', answer: true },
    ]);
  });

  it('names the first question not filled in: no prompt, fewer than two options, an answer past the options', () => {
    const ok = { ...blankQuestion(), prompt: '题', options: 'a\nb' };
    expect(questionsOf([ok, { ...ok, prompt: ' ' }])).toBe(2);
    expect(questionsOf([{ ...ok, options: 'a' }])).toBe(1);
    expect(questionsOf([ok, ok, { ...ok, answer: 2 }])).toBe(3);
  });
});
