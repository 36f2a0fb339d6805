import { answersPayload, correctAnswerText, newAttemptId, toggleChoice, unansweredNumbers } from './quiz';
import type { QuizAttempt, QuizQuestion } from './types';

const questions: QuizQuestion[] = [
  { id: 11, kind: 'single', prompt: 'a', options: ['甲', '乙'], points: 1 },
  { id: 12, kind: 'multiple', prompt: 'b', options: ['甲', '乙', '丙'], points: 1 },
  { id: 13, kind: 'true_false', prompt: 'c', options: [], points: 1 },
  { id: 14, kind: 'fill_in', prompt: 'd', options: [], points: 1 },
];

describe('taking a quiz', () => {
  it('toggles multiple-choice picks in option order', () => {
    expect(toggleChoice(undefined, 2)).toEqual([2]);
    expect(toggleChoice([2], 0)).toEqual([0, 2]);
    expect(toggleChoice([0, 2], 2)).toEqual([0]);
  });

  it('names the unanswered questions and sends only answered ones, trimmed', () => {
    const answers = { 11: 1, 12: [], 13: false, 14: '  北京 ' };
    expect(unansweredNumbers(questions, answers)).toEqual([2]);
    expect(answersPayload(questions, answers)).toEqual({ '11': 1, '13': false, '14': '北京' });
    expect(unansweredNumbers(questions, { 14: '   ' })).toEqual([1, 2, 3, 4]);
  });

  it('reads the correct answer after submitting', () => {
    const labels = { yes: '对', no: '错', or: '或' };
    const base = { explanation: null, given: null, correct: false };
    const q = (i: number, answer: QuizAttempt['questions'][number]['answer']) => ({ ...questions[i]!, ...base, answer });
    expect(correctAnswerText(q(0, 1), labels)).toBe('乙');
    expect(correctAnswerText(q(1, [0, 2]), labels)).toBe('甲、丙');
    expect(correctAnswerText(q(2, false), labels)).toBe('错');
    expect(correctAnswerText(q(3, ['北京', 'Beijing']), labels)).toBe('北京 或 Beijing');
    expect(correctAnswerText({ ...q(3, null), kind: 'short_answer' }, labels)).toBeNull();
  });
});

describe('the client id of a quiz submit', () => {
  it('is what the API takes (8 to 64 of A-Z, a-z, 0-9, _ or -) and differs between submits', () => {
    const ids = Array.from({ length: 50 }, () => newAttemptId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(new Set(ids).size).toBe(50);
    expect(newAttemptId(0, () => 0)).toBe('qa-0-000000000000');
  });
});
