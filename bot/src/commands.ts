/** What a chat message asks the bot to do. Anything that is not a command is a question for Q&A. */
export type Command =
  | { kind: 'bind'; code: string }
  | { kind: 'my-courses' }
  | { kind: 'my-orders' }
  | { kind: 'recommend' }
  | { kind: 'help' }
  /** "今日销售": a creator's sales so far today. */
  | { kind: 'today-sales' }
  /** "转给老师" hands the question the bot could not answer to a course's teacher; `choice` picks the course (1-based). */
  | { kind: 'forward'; choice?: number }
  /** A creator answering a forwarded question: "#Q12 答：…", or WeChat's quote-reply of the forwarded message. */
  | { kind: 'answer'; questionId: number; text: string }
  | { kind: 'question'; text: string };

// WeChat separates a group @mention from the rest with U+2005; names themselves may contain plain spaces.
const MENTION_WITH_SEPARATOR = /^@[^\u2005]*\u2005/;
const MENTION_PLAIN = /^@\S+(?:\s+|$)/;
// "绑定" followed only by code-like characters is an attempt to bind; "绑定手机号怎么弄" is a question.
const BIND = /^绑定([0-9A-Za-z ]*)$/;
const BIND_CODE = /^\d{6}$/;
const FORWARD = /^转给老师 ?(?:第? ?(\d{1,2}) ?[门个]?)?$/;
// The marker the forwarded question carries ("#Q12"), in half- or full-width, then an optional "答：".
const ANSWER = /^[#＃]\s*[QqＱｑ]\s*([0-9０-９]{1,10})(?![0-9０-９])[\s:：,，]*(?:答\s*[:：]?)?\s*([\s\S]*)$/;
// WeChat's quote-reply: 「sender：quoted text」, a line of "- - -", then the reply itself.
const QUOTE_REPLY = /^「([\s\S]*?)」\s*\n\s*(?:-\s*){3,}\n([\s\S]*)$/;
const MARKER = /[#＃]\s*[QqＱｑ]\s*([0-9０-９]{1,10})(?![0-9０-９])/;

const FIXED: Record<string, Command> = {
  我的课程: { kind: 'my-courses' },
  我的订单: { kind: 'my-orders' },
  推荐: { kind: 'recommend' },
  今日销售: { kind: 'today-sales' },
  帮助: { kind: 'help' },
  help: { kind: 'help' },
};

/** Removes leading @mentions ("@知识小助手 绑定 123456"), however many, before the message is read. */
export function stripMentions(text: string): string {
  let rest = text.trimStart();
  for (;;) {
    const next = (MENTION_WITH_SEPARATOR.exec(rest) ?? MENTION_PLAIN.exec(rest))?.[0];
    if (!next) return rest;
    rest = rest.slice(next.length).trimStart();
  }
}

/**
 * A reply to a forwarded question, read from the text as typed: the answer goes to a learner word for
 * word, so it must not pass through the normalization that commands get (NFKC turns "，" into ",").
 */
function parseAnswer(raw: string): Command | undefined {
  const quoted = QUOTE_REPLY.exec(raw);
  if (quoted) {
    const marker = MARKER.exec(quoted[1] ?? '');
    const reply = (quoted[2] ?? '').trim();
    if (marker?.[1] && reply) return { kind: 'answer', questionId: Number(marker[1].normalize('NFKC')), text: reply };
    return undefined;
  }
  const direct = ANSWER.exec(raw);
  if (!direct?.[1]) return undefined;
  return { kind: 'answer', questionId: Number(direct[1].normalize('NFKC')), text: (direct[2] ?? '').trim() };
}

export function parseCommand(text: string): Command {
  const typed = stripMentions(text).trim();
  const answer = parseAnswer(typed);
  if (answer) return answer;
  // NFKC after the mentions are gone: it turns U+2005 into a plain space, which would hide where a name ends.
  // It also folds full-width digits, letters and the ideographic space that Chinese keyboards produce.
  const body = stripMentions(text).normalize('NFKC').trim().replace(/\s+/g, ' ');
  // An empty message (a bare @mention) is best answered with what the bot can do.
  if (body === '') return { kind: 'help' };

  const fixed = FIXED[body.toLowerCase()];
  if (fixed) return fixed;

  const forward = FORWARD.exec(body);
  if (forward) return forward[1] ? { kind: 'forward', choice: Number(forward[1]) } : { kind: 'forward' };

  const bind = BIND.exec(body);
  if (bind) {
    // People copy codes as "123 456"; the spaces carry no meaning.
    const code = (bind[1] ?? '').replace(/ /g, '');
    // A mistyped code gets the help text, which shows the "绑定 123456" form, rather than a Q&A guess.
    return BIND_CODE.test(code) ? { kind: 'bind', code } : { kind: 'help' };
  }
  // A question keeps the learner's own characters ("？", full-width letters): it may be stored and forwarded.
  return { kind: 'question', text: typed };
}
