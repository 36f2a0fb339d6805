import { gradingChange, type GradedShape } from './quiz-edit';

const quiz: GradedShape = {
  passPercent: 60,
  required: true,
  questions: [
    { kind: 'single', options: ['4', '7'], answerKey: { kind: 'single', choice: 1 }, points: 2 },
    { kind: 'fill_in', options: [], answerKey: { kind: 'fill_in', accepted: ['北京'] }, points: 1 },
  ],
};
const edited = (patch: Partial<GradedShape>, question?: { at: number; patch: Partial<GradedShape['questions'][number]> }): GradedShape => ({
  ...quiz,
  ...patch,
  questions: quiz.questions.map((q, i) => (question?.at === i ? { ...q, ...question.patch } : q)),
});

describe('what an edit of an attempted quiz may change', () => {
  it('lets the wording alone through: the same grading shape is no change', () => {
    expect(gradingChange(quiz, structuredClone(quiz))).toBeNull();
  });

  it('names the first thing that would regrade attempts', () => {
    expect(gradingChange(quiz, edited({ passPercent: 80 }))).toBe('pass_percent');
    expect(gradingChange(quiz, edited({ required: false }))).toBe('required');
    expect(gradingChange(quiz, { ...quiz, questions: quiz.questions.slice(1) })).toBe('the number of questions');
    expect(gradingChange(quiz, edited({}, { at: 0, patch: { options: ['4', '9'] } }))).toBe('the options of question 1');
    expect(gradingChange(quiz, edited({}, { at: 0, patch: { answerKey: { kind: 'single', choice: 0 } } }))).toBe('the answer of question 1');
    expect(gradingChange(quiz, edited({}, { at: 1, patch: { answerKey: { kind: 'fill_in', accepted: ['北京', 'Beijing'] } } }))).toBe('the answer of question 2');
    expect(gradingChange(quiz, edited({}, { at: 1, patch: { points: 3 } }))).toBe('the points of question 2');
    expect(gradingChange(quiz, edited({}, { at: 1, patch: { kind: 'short_answer', answerKey: { kind: 'short_answer' } } }))).toBe('the kind of question 2');
  });
});
