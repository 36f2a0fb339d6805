import { QaKnowledgeService } from '../src/domain/qa/qa-knowledge.service';
import { buildCourse, enroll, publishCourse, registerAdmin, registerCreator, registerUser, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

let creator: Account;
let python: BuiltCourse;
let photo: BuiltCourse;
let learner: Account;

async function addFaq(courseId: number, question: string, answer: string): Promise<number> {
  const res = await app.request<{ id: number }>('POST', `/api/creator/courses/${courseId}/faq`, { token: creator.token, body: { question, answer } });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function askAndAnswer(courseId: number, text: string, reply: string, isPublic = true): Promise<number> {
  const asked = await app.request<{ id: number }>('POST', `/api/courses/${courseId}/questions`, { token: learner.token, body: { text, is_public: isPublic } });
  expect(asked.status).toBe(201);
  if (reply) expect((await app.request('POST', `/api/questions/${asked.body.id}/answer`, { token: creator.token, body: { answer: reply } })).status).toBe(200);
  return asked.body.id;
}

function fresh(): QaKnowledgeService {
  return new QaKnowledgeService(app.container.dataSource, { threshold: app.container.config.chat.qaThreshold, refundWindowDays: app.container.config.orders.refundWindowDays });
}

beforeAll(async () => {
  let admin: Account;
  [creator, admin, learner] = await Promise.all([registerCreator(app), registerAdmin(app), registerUser(app)]);
  // One after the other: the first creates the test category.
  python = await buildCourse(app, creator);
  photo = await buildCourse(app, creator);
  await publishCourse(app, creator, admin, python.id);
  await publishCourse(app, creator, admin, photo.id);
  await enroll(app, learner.user.id, python.id);
  await enroll(app, learner.user.id, photo.id);

  await addFaq(python.id, 'Python 装饰器是什么？', '装饰器接收一个函数并返回新函数。');
  await addFaq(python.id, '课程用哪个 Python 版本？', 'Python 3.11。');
  await addFaq(photo.id, '摄影课需要什么相机？', '手机就可以，进阶再考虑微单。');
  await addFaq(photo.id, '拍夜景需要三脚架吗？', '长曝光需要三脚架，手持请提高感光度。');
  await askAndAnswer(python.id, '虚拟环境怎么创建？', '用 python -m venv .venv 创建。');
  await askAndAnswer(python.id, '我的作业批改了吗？', '已经批改，请查收。', false);
  await askAndAnswer(photo.id, '白平衡怎么设置？', '');
});

describe('QaKnowledgeService.load and answer', () => {
  let knowledge: QaKnowledgeService;
  beforeAll(() => {
    knowledge = fresh();
  });

  it('knows only the platform help before it is loaded', () => {
    expect(knowledge.answer('怎么退款', null)).toMatchObject({ confident: true, hit: { doc: { id: 'help:refund', courseId: null } } });
    expect(knowledge.answer('装饰器是什么', null).hit?.doc.source).not.toBe('faq');
  });

  it('loads FAQ entries and answered public questions, not private or open ones', async () => {
    const helpOnly = knowledge.size;
    await knowledge.load();
    expect(knowledge.size).toBe(helpOnly + 4 + 1);
    expect(knowledge.answer('虚拟环境怎么创建', null)).toMatchObject({ confident: true, hit: { doc: { source: 'question', courseId: python.id } } });
    expect(knowledge.answer('作业批改了吗', null).hit?.doc.source).not.toBe('question');
    expect(knowledge.answer('白平衡怎么设置', null).confident).toBe(false);
  });

  it("answers from the given courses' entries only", () => {
    const mine = knowledge.answer('装饰器是什么', [python.id]);
    expect(mine).toMatchObject({ confident: true, hit: { doc: { source: 'faq', courseId: python.id, answer: '装饰器接收一个函数并返回新函数。' } } });
    expect(knowledge.answer('装饰器是什么', [photo.id]).confident).toBe(false);
    expect(knowledge.answer('需要什么相机', [photo.id]).hit?.doc.courseId).toBe(photo.id);
    expect(knowledge.answer('需要什么相机', [python.id]).hit?.doc.courseId ?? null).not.toBe(photo.id);
    expect(knowledge.answer('拍夜景要带三脚架吗', null)).toMatchObject({ confident: true, hit: { doc: { courseId: photo.id } } });
  });

  it('still answers platform questions whatever the courses, and says when it does not know', () => {
    expect(knowledge.answer('如何申请退款？', [photo.id])).toMatchObject({ confident: true, hit: { doc: { id: 'help:refund' } } });
    expect(knowledge.answer('今天天气怎么样', [python.id, photo.id]).confident).toBe(false);
  });

  it('loads again to the same result (idempotent), also when two loads overlap', async () => {
    const size = knowledge.size;
    await Promise.all([knowledge.load(), knowledge.load()]);
    await knowledge.load();
    expect(knowledge.size).toBe(size);
  });

  it('reads large tables in batches, all of them', async () => {
    const extra = fresh();
    const values = Array.from({ length: 2500 }, (_, i) => `(${photo.id}, '批量问题${i}', '批量答案${i}', ${100 + i})`).join(', ');
    await app.container.dataSource.query(`INSERT INTO faq_entries (course_id, question, answer, position) VALUES ${values}`);
    try {
      await extra.load();
      expect(extra.size).toBe(knowledge.size + 2500);
    } finally {
      await app.container.dataSource.query("DELETE FROM faq_entries WHERE question LIKE '批量问题%'");
    }
  });
});

describe("the container's knowledge follows this process's changes once loaded", () => {
  const knowledge = () => app.container.qaKnowledge;

  it('ignores changes before it is loaded (the API never loads it)', async () => {
    const size = knowledge().size;
    await addFaq(python.id, '生成器和迭代器有什么区别？', '生成器是一种迭代器。');
    expect(knowledge().size).toBe(size);
  });

  it('picks up new FAQ entries, edits, deletions and answers without reloading', async () => {
    await knowledge().load();
    expect(knowledge().answer('生成器和迭代器有什么区别', [python.id]).hit?.doc.answer).toBe('生成器是一种迭代器。');

    const id = await addFaq(photo.id, '镜头怎么清洁？', '用气吹和镜头纸。');
    expect(knowledge().answer('镜头怎么清洁', [photo.id])).toMatchObject({ confident: true, hit: { doc: { id: `faq:${id}` } } });

    await app.request('PATCH', `/api/creator/faq/${id}`, { token: creator.token, body: { answer: '先用气吹，再用镜头纸。' } });
    expect(knowledge().answer('镜头怎么清洁', [photo.id]).hit?.doc.answer).toBe('先用气吹，再用镜头纸。');

    await app.request('DELETE', `/api/creator/faq/${id}`, { token: creator.token });
    expect(knowledge().answer('镜头怎么清洁', [photo.id]).hit?.doc.id).not.toBe(`faq:${id}`);

    const questionId = await askAndAnswer(photo.id, '人像用什么焦段？', '85mm 左右最常用。');
    expect(knowledge().answer('人像用什么焦段', [photo.id])).toMatchObject({ confident: true, hit: { doc: { id: `question:${questionId}` } } });
  });

  it('keeps private answers out', async () => {
    await askAndAnswer(photo.id, '我的照片能帮忙看看吗？', '已私信回复。', false);
    expect(knowledge().answer('我的照片能帮忙看看吗', [photo.id]).hit?.doc.source).not.toBe('question');
  });
});

describe('courses that were never published', () => {
  it('keep their FAQ out of what the bot answers anyone', async () => {
    const draft = await buildCourse(app, creator);
    await addFaq(draft.id, '潜水课程的潜水地点在哪里？', '在三亚蜈支洲岛，报名后发具体集合点。');
    const knowledge = fresh();
    await knowledge.load();
    const { hit } = knowledge.answer('潜水地点在哪里', null);
    expect(hit?.doc.courseId).not.toBe(draft.id);
  });
});
