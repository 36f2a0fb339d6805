import { livePlayerUrl } from '../platform/live-player';
import { applyRoomMessage, chinaMinute, liveStreamChoice, roomOrder, roomUrl } from './live';
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

describe("choosing how to show a session's stream", () => {
  const both = { wechat_live_room_id: '1024', hls_url: 'https://live.example.com/a.m3u8' };
  const roomOnly = { wechat_live_room_id: '1024', hls_url: null };
  const hlsOnly = { wechat_live_room_id: null, hls_url: 'https://live.example.com/a.m3u8' };
  const neither = { wechat_live_room_id: null, hls_url: null };

  it('opens the WeChat live plugin in a mini-program build that declares it', () => {
    expect(liveStreamChoice(both, { platform: 'weapp', livePlugin: true })).toEqual({ kind: 'plugin', roomId: '1024' });
    expect(liveStreamChoice(roomOnly, { platform: 'weapp', livePlugin: true })).toEqual({ kind: 'plugin', roomId: '1024' });
    expect(livePlayerUrl('1024')).toBe('plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=1024');
  });

  it('plays the HLS stream without the plugin, and in the browser', () => {
    expect(liveStreamChoice(both, { platform: 'weapp', livePlugin: false })).toEqual({ kind: 'video', src: hlsOnly.hls_url });
    expect(liveStreamChoice(hlsOnly, { platform: 'weapp', livePlugin: true })).toEqual({ kind: 'video', src: hlsOnly.hls_url });
    expect(liveStreamChoice(both, { platform: 'h5', livePlugin: true })).toEqual({ kind: 'video', src: hlsOnly.hls_url });
  });

  it('says there is nothing to play when the stream is not set up for this platform', () => {
    expect(liveStreamChoice(neither, { platform: 'weapp', livePlugin: true })).toEqual({ kind: 'none' });
    expect(liveStreamChoice(roomOnly, { platform: 'weapp', livePlugin: false })).toEqual({ kind: 'none' });
    expect(liveStreamChoice(roomOnly, { platform: 'h5', livePlugin: false })).toEqual({ kind: 'none' });
  });
});
