import { applyRoomMessage, chinaMinute, roomOrder, roomUrl } from './live';
import type { RoomQuestion } from './types';

const q = (id: number, upvotes = 0, answered = false): RoomQuestion => ({ id, asker_name: '学员', text: `问题${id}`, upvotes, answered, created_at: '2026-01-01T00:00:00Z' });

describe('the live Q&A room', () => {
  it('builds the socket URL from the API base, or the page in H5', () => {
    expect(roomUrl('', 'https://app.example.com', 7, 'a.b.c')).toBe('wss://app.example.com/api/live-sessions/7/room?token=a.b.c');
    expect(roomUrl('http://127.0.0.1:3000/', 'http://x', 7, 't')).toBe('ws://127.0.0.1:3000/api/live-sessions/7/room?token=t');
  });

  it('applies snapshots and events, never adding a question twice', () => {
    let list = applyRoomMessage([q(9)], { type: 'snapshot', session: {} as never, you: { name: '', moderator: false }, questions: [q(1), q(2)] });
    expect(list.map((x) => x.id)).toEqual([1, 2]);
    list = applyRoomMessage(list, { type: 'question', question: q(3) });
    list = applyRoomMessage(list, { type: 'question', question: q(3) });
    list = applyRoomMessage(list, { type: 'upvoted', question_id: 2, upvotes: 4 });
    list = applyRoomMessage(list, { type: 'answered', question_id: 1 });
    expect(list).toEqual([q(1, 0, true), q(2, 4), q(3)]);
  });

  it('shows the most wanted open questions first', () => {
    expect(roomOrder([q(1, 0, true), q(2, 1), q(3, 5)]).map((x) => x.id)).toEqual([3, 2, 1]);
  });

  it('shows start times in Beijing time', () => {
    expect(chinaMinute('2026-06-01T12:00:00Z')).toBe('2026-06-01 20:00');
  });
});
