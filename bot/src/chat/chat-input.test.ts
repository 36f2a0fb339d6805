import { parseChatInput } from './chat-input';

describe('parseChatInput', () => {
  it('accepts a direct message and a group message', () => {
    expect(parseChatInput({ from: { id: 'wx_1', name: '小明' }, text: '帮助' })).toEqual({ ok: true, value: { from: { id: 'wx_1', name: '小明' }, text: '帮助' } });
    expect(parseChatInput({ from: { id: 'wx_1' }, text: 'hi', room: { id: 'g1', topic: '学习群', mentioned: true } })).toEqual({
      ok: true,
      value: { from: { id: 'wx_1', name: 'wx_1' }, text: 'hi', room: { id: 'g1', topic: '学习群', mentioned: true } },
    });
  });

  it('names every bad field at once', () => {
    const result = parseChatInput({ from: { id: '', name: 5 }, text: '   ', room: { id: 'bad id', mentioned: 'yes' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(['from.id', 'from.name', 'text', 'room.id', 'room.mentioned']);
  });

  it('rejects what is not an object, and missing parts', () => {
    expect(parseChatInput([])).toEqual({ ok: false, problems: [{ field: 'body', message: 'must be a JSON object' }] });
    const result = parseChatInput({});
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['from', 'text']);
    const long = parseChatInput({ from: { id: 'a' }, text: 'x'.repeat(2001) });
    expect(long.ok ? [] : long.problems.map((p) => p.field)).toEqual(['text']);
  });
});
