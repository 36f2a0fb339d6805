import { parseCommand, stripMentions } from './commands';

describe('parseCommand', () => {
  it('reads a bind code', () => {
    expect(parseCommand('绑定 123456')).toEqual({ kind: 'bind', code: '123456' });
    expect(parseCommand('绑定123456')).toEqual({ kind: 'bind', code: '123456' });
    expect(parseCommand('  绑定   654321  ')).toEqual({ kind: 'bind', code: '654321' });
    expect(parseCommand('绑定 123 456')).toEqual({ kind: 'bind', code: '123456' });
  });

  it('folds full-width digits and the ideographic space', () => {
    expect(parseCommand('绑定　１２３４５６')).toEqual({ kind: 'bind', code: '123456' });
  });

  it('answers a malformed bind with help instead of treating it as a question', () => {
    for (const text of ['绑定', '绑定 12345', '绑定 1234567', '绑定 12345a', '绑定 abcdef']) {
      expect(parseCommand(text)).toEqual({ kind: 'help' });
    }
  });

  it('recognizes the fixed commands', () => {
    expect(parseCommand('我的课程')).toEqual({ kind: 'my-courses' });
    expect(parseCommand('我的订单')).toEqual({ kind: 'my-orders' });
    expect(parseCommand('推荐')).toEqual({ kind: 'recommend' });
    expect(parseCommand('帮助')).toEqual({ kind: 'help' });
    expect(parseCommand('help')).toEqual({ kind: 'help' });
    expect(parseCommand('HELP')).toEqual({ kind: 'help' });
    expect(parseCommand('ｈｅｌｐ')).toEqual({ kind: 'help' });
  });

  it('reads commands after @mentions in a group', () => {
    expect(parseCommand('@知识小助手 我的课程')).toEqual({ kind: 'my-courses' });
    expect(parseCommand('@知识小助手\u2005绑定 123456')).toEqual({ kind: 'bind', code: '123456' });
    expect(parseCommand('@知识 小助手\u2005推荐')).toEqual({ kind: 'recommend' });
    expect(parseCommand('@张三 @知识小助手 帮助')).toEqual({ kind: 'help' });
    expect(parseCommand('@知识小助手')).toEqual({ kind: 'help' });
  });

  it('treats everything else as a question, as typed but for the mentions', () => {
    // Questions are stored and forwarded to teachers, so they keep full-width punctuation.
    expect(parseCommand('@知识小助手 Python 数据分析课适合零基础吗？')).toEqual({
      kind: 'question',
      text: 'Python 数据分析课适合零基础吗？',
    });
    // A command word inside a sentence is a question, not the command.
    expect(parseCommand('绑定手机号怎么弄')).toEqual({ kind: 'question', text: '绑定手机号怎么弄' });
    expect(parseCommand('推荐一门数据课')).toEqual({ kind: 'question', text: '推荐一门数据课' });
    expect(parseCommand('我的课程在哪里看')).toEqual({ kind: 'question', text: '我的课程在哪里看' });
    // An email address is not a mention because it does not start the message.
    expect(parseCommand('联系 a@b.com')).toEqual({ kind: 'question', text: '联系 a@b.com' });
  });
});

describe('stripMentions', () => {
  it('keeps text that starts without a mention', () => {
    expect(stripMentions('绑定 123456')).toBe('绑定 123456');
  });
});

describe('parseCommand: forwarding to the teacher', () => {
  it('reads "转给老师" with an optional course number', () => {
    expect(parseCommand('转给老师')).toEqual({ kind: 'forward' });
    expect(parseCommand('@知识小助手 转给老师')).toEqual({ kind: 'forward' });
    expect(parseCommand('转给老师 2')).toEqual({ kind: 'forward', choice: 2 });
    expect(parseCommand('转给老师２')).toEqual({ kind: 'forward', choice: 2 });
    expect(parseCommand('转给老师 第1门')).toEqual({ kind: 'forward', choice: 1 });
  });

  it('leaves sentences about teachers to Q&A', () => {
    expect(parseCommand('转给老师要多久')).toEqual({ kind: 'question', text: '转给老师要多久' });
  });
});

describe('parseCommand: a creator answering "#Q<id>"', () => {
  it('reads the question id and keeps the answer exactly as typed', () => {
    expect(parseCommand('#Q12 答：先装 Python，再看第二章。')).toEqual({ kind: 'answer', questionId: 12, text: '先装 Python，再看第二章。' });
    expect(parseCommand('#q7 可以，零基础也能学')).toEqual({ kind: 'answer', questionId: 7, text: '可以，零基础也能学' });
    expect(parseCommand('＃Ｑ１２：第一行\n第二行')).toEqual({ kind: 'answer', questionId: 12, text: '第一行\n第二行' });
    expect(parseCommand('#Q12答:好的')).toEqual({ kind: 'answer', questionId: 12, text: '好的' });
    expect(parseCommand('#Q12')).toEqual({ kind: 'answer', questionId: 12, text: '' });
  });

  it('reads WeChat’s quote-reply of the forwarded message', () => {
    const quoted = '「知识小助手：学员在《Python 入门》提问（#Q34）：装不上怎么办」\n- - - - - - - - - - - - - - -\n用 Anaconda 安装就好。';
    expect(parseCommand(quoted)).toEqual({ kind: 'answer', questionId: 34, text: '用 Anaconda 安装就好。' });
    const withoutMarker = '「小明：你好」\n- - - - - - - - - - - - - - -\n你好呀';
    expect(parseCommand(withoutMarker).kind).toBe('question');
  });

  it('does not take a marker in the middle of a sentence, or a longer number, for an answer', () => {
    expect(parseCommand('我的问题 #Q12 有回复了吗').kind).toBe('question');
    expect(parseCommand('#Qabc').kind).toBe('question');
  });
});
