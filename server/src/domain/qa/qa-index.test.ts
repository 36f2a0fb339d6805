import { platformHelp } from './platform-help';
import { analyze, QaIndex, type QaDoc } from './qa-index';

/** QA_CONFIDENCE_THRESHOLD's default (config.ts): these corpora are what it was calibrated on. */
const THRESHOLD = 0.4;

const PYTHON = 1;
const PHOTO = 2;

function faq(id: number, courseId: number, question: string, answer: string): QaDoc {
  return { id: `faq:${id}`, courseId, question, answer, source: 'faq' };
}

const COURSE_FAQ: QaDoc[] = [
  faq(1, PYTHON, 'Python 装饰器是什么？', '装饰器是接收一个函数并返回新函数的函数，用 @ 语法把它套在函数定义上。'),
  faq(2, PYTHON, '课程用的是哪个 Python 版本？', '全部示例基于 Python 3.11，3.8 以上都可以运行。'),
  faq(3, PYTHON, '课后习题的答案在哪里？', '每一章最后一个课时附有习题讲解视频和参考代码。'),
  faq(4, PHOTO, '摄影课需要什么相机？', '手机就可以，第三章起建议用可以手动调节光圈快门的相机。'),
  faq(5, PHOTO, '怎么调整曝光？', '用曝光补偿或者手动模式，看直方图判断，高光不要溢出。'),
  faq(6, PHOTO, '课程素材可以商用吗？', '课程提供的练习照片仅供学习，不可商用。'),
  faq(7, PHOTO, '课程有效期是多久？', '购买后永久有效，可以反复观看。'),
];

function realistic(): QaIndex {
  return new QaIndex([...platformHelp({ refundWindowDays: 7 }), ...COURSE_FAQ]);
}

describe('analyze', () => {
  it('drops question words, particles and punctuation, keeping what the question is about', () => {
    expect(analyze('如何申请退款？').map((u) => u.term)).toEqual(['申请', '退款']);
    expect(analyze('怎么退款').map((u) => u.term)).toEqual(['退款']);
    expect(analyze('你好，请问一下').map((u) => u.term)).toEqual([]);
  });

  it('folds synonyms, full-width letters and case', () => {
    expect(analyze('我想退钱').map((u) => u.term)).toEqual(['退款']);
    expect(analyze('ＰＹＴＨＯＮ').map((u) => u.term)).toEqual(['python']);
  });

  it('keeps the dictionary words inside a compound, so 开发票 meets 发票', () => {
    expect(analyze('开发票')).toEqual([{ term: '开发票', parts: ['开发', '发票'] }]);
  });
});

describe('QaIndex on platform help and two courses', () => {
  const index = realistic();

  it.each(['怎么退款', '如何申请退款？', '我想退钱', '我想申请退款'])('answers %s with the refund help, confidently', (query) => {
    const [top] = index.search(query);
    expect(top?.doc.id).toBe('help:refund');
    expect(top!.confidence).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('names the configured refund window in the refund answer', () => {
    expect(index.search('怎么退款')[0]!.doc.answer).toContain('7 天内');
    const strict = new QaIndex(platformHelp({ refundWindowDays: 3 }));
    expect(strict.search('怎么退款')[0]!.doc.answer).toContain('3 天内');
  });

  it.each<[string, string]>([
    ['退款多久到账', 'help:refund-time'],
    ['退款要多长时间到账', 'help:refund-time'],
    ['我买的课在哪里看', 'help:my-courses'],
    ['怎么买课', 'help:buy'],
    ['请问怎么购买这门课程', 'help:buy'],
    ['能开发票吗', 'help:invoice'],
    ['付款成功但是没有开通课程', 'help:pay-failed'],
    ['支付失败', 'help:pay-failed'],
    ['怎么联系老师', 'help:contact-creator'],
    ['怎么绑定微信', 'help:bind-chat'],
    ['优惠券', 'help:coupon'],
    ['可以试听吗', 'help:free-preview'],
    ['怎么开课', 'help:become-creator'],
    ['装饰器怎么用', 'faq:1'],
    ['python版本', 'faq:2'],
    ['习题答案在哪', 'faq:3'],
    ['需要什么相机', 'faq:4'],
    ['曝光怎么调整', 'faq:5'],
    ['素材能商用吗', 'faq:6'],
    ['课程有效期多久', 'faq:7'],
  ])('answers %s with %s, confidently', (query, id) => {
    const [top] = index.search(query);
    expect({ id: top?.doc.id, confident: (top?.confidence ?? 0) >= THRESHOLD }).toEqual({ id, confident: true });
  });

  it.each(['今天天气怎么样', '你好', '推荐一本好书', '课程', '这个课讲得怎么样', '我想学习英语', '这门课多少钱', '股票怎么买', '我要投诉', '视频播放不了', '明天几点上课'])(
    'does not answer %s confidently',
    (query) => {
      const [top] = index.search(query);
      expect(top?.confidence ?? 0).toBeLessThan(THRESHOLD);
    },
  );

  it('finds nothing at all for words no entry has', () => {
    expect(index.search('今天天气怎么样')).toEqual([]);
    expect(index.search('')).toEqual([]);
    expect(index.search('？！。')).toEqual([]);
  });

  it('scores an exact question at full confidence, and keeps every confidence within 0..1', () => {
    expect(index.search('如何申请退款？')[0]!.confidence).toBeCloseTo(1, 5);
    for (const query of ['退款', '课程 退款 发票 相机 python', '怎么买课', '装饰器']) {
      for (const hit of index.search(query, { limit: 20 })) {
        expect(hit.confidence).toBeGreaterThanOrEqual(0);
        expect(hit.confidence).toBeLessThanOrEqual(1);
      }
    }
  });

  it('ranks by confidence, then score, and honours the limit', () => {
    const hits = index.search('退款', { limit: 3 });
    expect(hits).toHaveLength(3);
    for (let i = 1; i < hits.length; i++) {
      const [a, b] = [hits[i - 1]!, hits[i]!];
      expect(a.confidence > b.confidence || (a.confidence === b.confidence && a.score >= b.score)).toBe(true);
    }
  });
});

describe('QaIndex filters', () => {
  const index = realistic();
  const coursesOf = (hits: Array<{ doc: QaDoc }>) => new Set(hits.map((h) => h.doc.courseId));

  it("searches only the given courses' entries, plus platform help", () => {
    expect(index.search('相机', { courseIds: [PYTHON] }).map((h) => h.doc.id)).not.toContain('faq:4');
    expect(index.search('相机', { courseIds: [PHOTO] })[0]?.doc.id).toBe('faq:4');
    expect(coursesOf(index.search('课程', { courseIds: [PYTHON], limit: 50 }))).toEqual(new Set([null, PYTHON]));
  });

  it('searches every course when courseIds is null or absent, and only help for an empty list', () => {
    expect(coursesOf(index.search('课程', { courseIds: null, limit: 50 }))).toEqual(new Set([null, PYTHON, PHOTO]));
    expect(coursesOf(index.search('课程', { limit: 50 }))).toEqual(new Set([null, PYTHON, PHOTO]));
    expect(coursesOf(index.search('课程', { courseIds: [], limit: 50 }))).toEqual(new Set([null]));
  });

  it('leaves platform help out when asked to', () => {
    expect(index.search('怎么退款', { includeHelp: false })).toEqual([]);
    expect(coursesOf(index.search('课程', { includeHelp: false, limit: 50 }))).toEqual(new Set([PYTHON, PHOTO]));
  });
});

describe('QaIndex changes', () => {
  it('replaces an entry added again under the same id, and forgets removed ones', () => {
    const index = realistic();
    const size = index.size;
    index.add(faq(4, PHOTO, '摄影课需要买镜头吗？', '套机镜头就够用，后面再考虑定焦。'));
    expect(index.size).toBe(size);
    expect(index.search('需要什么相机', { includeHelp: false }).map((h) => h.doc.id)).not.toContain('faq:4');
    expect(index.search('要买镜头吗')[0]?.doc.id).toBe('faq:4');

    index.remove('faq:4');
    index.remove('faq:4');
    index.remove('no-such-id');
    expect(index.size).toBe(size - 1);
    expect(index.search('镜头')).toEqual([]);
  });

  it('starts empty and answers nothing', () => {
    const index = new QaIndex();
    expect(index.size).toBe(0);
    expect(index.search('怎么退款')).toEqual([]);
  });
});

describe('QaIndex with 10,000 entries', () => {
  const topics = ['Python', '装饰器', '变量', '循环', '列表', '字典', '摄影', '曝光', '光圈', '快门', '构图', '英语', '语法', '单词', '发音', '理财', '基金', '债券', '保险', '健身', '跑步', '减脂', '饮食', '绘画', '素描', '水彩', '吉他', '和弦', '钢琴', '乐理', '写作', '剧本', '营销', '直播', '剪辑', '表格', '图表', '演讲', '沟通', '睡眠'];
  const asks = ['是什么', '怎么学', '有什么技巧', '需要准备什么', '常见错误有哪些', '适合零基础吗', '练习多久能见效', '推荐什么工具', '有没有参考资料'];
  const COURSES = 500;
  // A fixed linear congruential sequence: the same corpus on every run.
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

  const docs: QaDoc[] = [];
  for (let i = 0; i < 10_000; i++) {
    const [a, b] = [pick(topics), pick(topics)];
    docs.push(faq(100_000 + i, 1 + (i % COURSES), `${a}${pick(asks)}？`, `关于${a}和${b}，本课程第${(i % 12) + 1}章有详细讲解，建议先看示例再动手练习${b}。`));
  }
  // Entries only one course has, to be found among all the others.
  const planted = [
    faq(1, 7, '乌克丽丽的琴弦多久换一次？', '尼龙弦大约三个月换一次，音色发闷就该换了。'),
    faq(2, 8, '直播间的补光灯怎么摆？', '主灯四十五度侧前方，辅灯在另一侧降低亮度，避免眼镜反光。'),
  ];
  const index = new QaIndex([...platformHelp({ refundWindowDays: 7 }), ...docs, ...planted]);

  it('holds every entry', () => {
    expect(index.size).toBe(10_000 + planted.length + platformHelp({ refundWindowDays: 7 }).length);
  });

  it("finds one course's entry among ten thousand, from a paraphrase", () => {
    const [top] = index.search('乌克丽丽琴弦要多久更换');
    expect(top?.doc.id).toBe('faq:1');
    expect(top!.confidence).toBeGreaterThanOrEqual(THRESHOLD);
    expect(index.search('补光灯应该怎么摆放')[0]?.doc.id).toBe('faq:2');
  });

  it('still answers platform questions from the help, and not unrelated ones', () => {
    const [refund] = index.search('怎么退款');
    expect(refund?.doc.id).toBe('help:refund');
    expect(refund!.confidence).toBeGreaterThanOrEqual(THRESHOLD);
    expect(index.search('今天天气怎么样')[0]?.confidence ?? 0).toBeLessThan(THRESHOLD);
  });

  it("keeps to the asker's courses among many", () => {
    expect(index.search('乌克丽丽琴弦要多久更换', { courseIds: [8, 9] }).map((h) => h.doc.id)).not.toContain('faq:1');
    const hits = index.search('光圈是什么', { courseIds: [3, 4], limit: 10 });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect([3, 4, null]).toContain(hit.doc.courseId);
    const everywhere = index.search('光圈是什么', { limit: 10 });
    expect(everywhere[0]!.doc.question).toBe('光圈是什么？');
  });

  it('answers a common question with an entry that asks exactly that', () => {
    for (const hit of index.search('吉他有什么技巧', { limit: 3 })) expect(hit.doc.question).toBe('吉他有什么技巧？');
  });

  it('follows removals at this size', () => {
    index.remove('faq:1');
    expect(index.search('乌克丽丽琴弦要多久更换').map((h) => h.doc.id)).not.toContain('faq:1');
    index.add(planted[0]!);
    expect(index.search('乌克丽丽琴弦要多久更换')[0]?.doc.id).toBe('faq:1');
  });
});
