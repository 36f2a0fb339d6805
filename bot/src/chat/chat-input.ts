/** POST /chat's body: one message from a person, in a direct chat or a group. */
export interface ChatInput {
  from: { id: string; name: string };
  text: string;
  room?: { id: string; topic: string; mentioned?: boolean };
}

export interface FieldProblem {
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const MAX_ID = 64;
const MAX_NAME = 64;
const MAX_TEXT = 2000;
// Contact and room ids travel as puppet ids; keep them to characters every puppet accepts.
const ID = /^[A-Za-z0-9_@.:-]+$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function id(value: unknown, field: string, problems: FieldProblem[]): string {
  if (typeof value !== 'string' || value === '') problems.push({ field, message: 'required: a non-empty string' });
  else if (value.length > MAX_ID || !ID.test(value)) problems.push({ field, message: `at most ${MAX_ID} characters of A-Z a-z 0-9 _ @ . : -` });
  else return value;
  return '';
}

function optionalName(value: unknown, field: string, problems: FieldProblem[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || [...value].length > MAX_NAME) {
    problems.push({ field, message: `must be a non-empty string of at most ${MAX_NAME} characters` });
    return undefined;
  }
  return value.trim();
}

/** Checks a POST /chat body, naming every bad field at once. */
export function parseChatInput(body: unknown): Parsed<ChatInput> {
  const problems: FieldProblem[] = [];
  if (!isObject(body)) return { ok: false, problems: [{ field: 'body', message: 'must be a JSON object' }] };

  let from: ChatInput['from'] = { id: '', name: '' };
  if (!isObject(body.from)) problems.push({ field: 'from', message: 'required: an object {id, name}' });
  else {
    const fromId = id(body.from.id, 'from.id', problems);
    from = { id: fromId, name: optionalName(body.from.name, 'from.name', problems) ?? fromId };
  }

  const text = body.text;
  if (typeof text !== 'string' || text.trim() === '') problems.push({ field: 'text', message: 'required: a non-empty string' });
  else if ([...text].length > MAX_TEXT) problems.push({ field: 'text', message: `at most ${MAX_TEXT} characters` });

  let room: ChatInput['room'];
  if (body.room !== undefined && body.room !== null) {
    if (!isObject(body.room)) problems.push({ field: 'room', message: 'must be an object {id, topic, mentioned?}' });
    else {
      const roomId = id(body.room.id, 'room.id', problems);
      const topic = optionalName(body.room.topic, 'room.topic', problems) ?? roomId;
      const mentioned = body.room.mentioned;
      if (mentioned !== undefined && typeof mentioned !== 'boolean') problems.push({ field: 'room.mentioned', message: 'must be a boolean' });
      room = { id: roomId, topic, ...(typeof mentioned === 'boolean' ? { mentioned } : {}) };
    }
  }

  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { from, text: text as string, ...(room ? { room } : {}) } };
}
