import { answerProblem, grade, type GradableQuestion } from './grading';

const questions: GradableQuestion[] = [
  { id: 1, kind: 'single', points: 2, answerKey: { kind: 'single', choice: 1 } },
  { id: 2, kind: 'multiple', points: 3, answerKey: { kind: 'multiple', choices: [0, 2] } },
  { id: 3, kind: 'true_false', points: 1, answerKey: { kind: 'true_false', value: false } },
  { id: 4, kind: 'fill_in', points: 2, answerKey: { kind: 'fill_in', accepted: ['Beijing', '北京'] } },
  { id: 5, kind: 'short_answer', points: 4, answerKey: { kind: 'short_answer' } },
];

describe('grading', () => {
  it('scores each kind all or nothing and leaves a short answer to the creator', () => {
    const g = grade(questions, new Map<number, number | number[] | boolean | string>([[1, 1], [2, [2, 0]], [3, false], [4, '  ＢＥＩＪＩＮＧ '], [5, '因为……']]));
    expect(g.results.map((r) => r.correct)).toEqual([true, true, true, true, null]);
    expect(g).toMatchObject({ score: 8, maxScore: 12, complete: false });
  });

  it('gives nothing for a partly right multiple choice, a wrong option or a missing answer', () => {
    const g = grade(questions, new Map<number, number | number[] | boolean | string>([[1, 0], [2, [0]], [5, '']]));
    expect(g.results.map((r) => r.points)).toEqual([0, 0, 0, 0, 0]);
    expect(g).toMatchObject({ score: 0, percent: 0, complete: true });
  });

  it("completes with the creator's points for the short answer, capped at the question's points", () => {
    const answers = new Map<number, number | number[] | boolean | string>([[1, 1], [2, [0, 2]], [3, false], [4, '北京'], [5, '答案']]);
    expect(grade(questions, answers, new Map([[5, 3]]))).toMatchObject({ score: 11, percent: 91, complete: true });
    expect(grade(questions, answers, new Map([[5, 99]]))).toMatchObject({ score: 12, percent: 100 });
  });

  it('names what does not fit a question', () => {
    expect(answerProblem('single', 3, 3)).toMatch(/index/);
    expect(answerProblem('multiple', 3, [1, 1])).toMatch(/distinct/);
    expect(answerProblem('true_false', 0, 'yes')).toMatch(/true or false/);
    expect(answerProblem('fill_in', 0, 2)).toMatch(/text/);
    expect(answerProblem('single', 3, 2)).toBeNull();
  });
});
