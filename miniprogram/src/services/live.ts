import type { RoomMessage, RoomQuestion } from './types';

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
