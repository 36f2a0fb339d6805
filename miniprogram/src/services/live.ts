import type { LiveSession, RoomMessage, RoomQuestion } from './types';

/** The room's WebSocket URL: the API's own host (the page's, in H5) with ws(s) instead of http(s). */
export function roomUrl(apiBase: string, pageOrigin: string, sessionId: number, token: string): string {
  const base = (apiBase || pageOrigin).replace(/\/$/, '').replace(/^http/, 'ws');
  return `${base}/api/live-sessions/${sessionId}/room?token=${encodeURIComponent(token)}`;
}

/** The room's questions after one message: a snapshot replaces them all (a reconnect loses nothing), events change one. */
export function applyRoomMessage(questions: RoomQuestion[], message: RoomMessage): RoomQuestion[] {
  switch (message.type) {
    case 'snapshot':
      return message.questions;
    case 'question':
      return questions.some((q) => q.id === message.question.id) ? questions : [...questions, message.question];
    case 'upvoted':
      return questions.map((q) => (q.id === message.question_id ? { ...q, upvotes: message.upvotes } : q));
    case 'answered':
      return questions.map((q) => (q.id === message.question_id ? { ...q, answered: true } : q));
    default:
      return questions;
  }
}

/** Most upvoted first, then oldest; answered ones after the open ones. */
export function roomOrder(questions: RoomQuestion[]): RoomQuestion[] {
  return [...questions].sort((a, b) => Number(a.answered) - Number(b.answered) || b.upvotes - a.upvotes || a.id - b.id);
}

/** 2026-06-01 20:00, Beijing time: sessions are scheduled and read in China, whatever the device's zone. */
export function chinaMinute(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** How this build shows a session's stream: the WeChat live plugin's player, the HLS stream in a video, or nothing set up. */
export type LiveStreamChoice = { kind: 'plugin'; roomId: string } | { kind: 'video'; src: string } | { kind: 'none' };

/**
 * The plugin only inside WeChat, and only when the build declares it (it needs a real appid with live
 * enabled); otherwise the HLS stream if there is one; else nothing to play.
 */
export function liveStreamChoice(session: Pick<LiveSession, 'wechat_live_room_id' | 'hls_url'>, build: { platform: 'weapp' | 'h5'; livePlugin: boolean }): LiveStreamChoice {
  if (build.platform === 'weapp' && build.livePlugin && session.wechat_live_room_id) return { kind: 'plugin', roomId: session.wechat_live_room_id };
  if (session.hls_url) return { kind: 'video', src: session.hls_url };
  return { kind: 'none' };
}

/** The close code the room sends when the learner's access to the course has ended: reconnecting would be refused. */
export const CLOSE_ACCESS_ENDED = 4403;
