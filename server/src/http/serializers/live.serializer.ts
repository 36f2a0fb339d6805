import type { LiveSession } from '../../domain/live/live-session.entity';
import type { RoomEvent, RoomQuestion } from '../../domain/live/live-session.service';

export function serializeLiveSession(s: LiveSession) {
  return { id: s.id, course_id: s.courseId, title: s.title, starts_at: s.startsAt.toISOString(), duration_min: s.durationMin, wechat_live_room_id: s.wechatLiveRoomId, hls_url: s.hlsUrl, recording_lesson_id: s.recordingLessonId };
}

export function serializeRoomQuestion(q: RoomQuestion) {
  return { id: q.id, session_id: q.sessionId, asker_name: q.askerName, text: q.text, upvotes: q.upvotes, answered: q.answered, created_at: new Date(q.createdAt).toISOString() };
}

/** What every client of a room receives when something changes. */
export function serializeRoomEvent(e: RoomEvent) {
  switch (e.type) {
    case 'question':
      return { type: 'question', question: serializeRoomQuestion(e.question) };
    case 'upvoted':
      return { type: 'upvoted', question_id: e.questionId, upvotes: e.upvotes };
    case 'answered':
      return { type: 'answered', question_id: e.questionId };
  }
}
