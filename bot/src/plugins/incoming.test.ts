import { types } from 'wechaty';
import { routeMessage, type MessageFacts } from './incoming';

const facts = (overrides: Partial<MessageFacts>): MessageFacts => ({ self: false, type: types.Message.Text, inRoom: false, mentionsBot: false, text: '帮助', ...overrides });

describe('routeMessage', () => {
  it('answers direct text messages', () => {
    expect(routeMessage(facts({}))).toEqual({ kind: 'help' });
    expect(routeMessage(facts({ text: '怎么退款' }))).toEqual({ kind: 'question', text: '怎么退款' });
  });

  it('never answers itself or anything but text', () => {
    expect(routeMessage(facts({ self: true }))).toBeNull();
    expect(routeMessage(facts({ type: types.Message.Image }))).toBeNull();
    expect(routeMessage(facts({ type: types.Message.Attachment }))).toBeNull();
  });

  it('answers in a group only when mentioned', () => {
    expect(routeMessage(facts({ inRoom: true, text: '我的课程' }))).toBeNull();
    expect(routeMessage(facts({ inRoom: true, mentionsBot: true, text: '我的课程' }))).toEqual({ kind: 'my-courses' });
    // A mention that Wechaty could not strip (another client's format) is stripped by the parser.
    expect(routeMessage(facts({ inRoom: true, mentionsBot: true, text: '@知识小助手\u2005推荐' }))).toEqual({ kind: 'recommend' });
  });
});
