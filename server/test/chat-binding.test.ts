import { randomBytes } from 'node:crypto';
import { expectError } from './support/expect-error';
import { registerUser, type Account } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

interface CodeBody {
  code: string;
  expires_at: string;
}

interface BindingBody {
  bound: boolean;
  contact_name?: string;
  bound_at?: string;
}

const CODES_PER_MINUTE = 4;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ BINDING_CODE_MAX_PER_MINUTE: String(CODES_PER_MINUTE) });
});
afterAll(() => app.close());

async function issue(account: Account): Promise<CodeBody> {
  const res = await app.request<CodeBody>('POST', '/api/me/chat-binding-code', { token: account.token });
  expect(res.status).toBe(201);
  return res.body;
}

function contact(name = '微信用户') {
  return { contactId: `wxid_${randomBytes(6).toString('hex')}`, contactName: name };
}

function bind(code: string, who = contact()) {
  return app.container.chatBindings.bind({ ...who, code });
}

async function expectInvalid(promise: Promise<unknown>): Promise<void> {
  await expect(promise).rejects.toMatchObject({ status: 409, code: 'BINDING_CODE_INVALID' });
}

async function bindingOf(account: Account): Promise<BindingBody> {
  const res = await app.request<BindingBody>('GET', '/api/me/chat-binding', { token: account.token });
  expect(res.status).toBe(200);
  return res.body;
}

/** A well-formed code that no unused code row holds right now. */
async function unusedDigits(): Promise<string> {
  const rows: Array<{ code: string }> = await app.container.dataSource.query('SELECT code FROM binding_codes WHERE used_at IS NULL');
  const taken = new Set(rows.map((r) => r.code));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!taken.has(code)) return code;
  }
}

describe('binding codes', () => {
  it('answers 401 to anonymous callers', async () => {
    expectError(await app.request('POST', '/api/me/chat-binding-code'), 401, 'UNAUTHORIZED');
    expectError(await app.request('GET', '/api/me/chat-binding'), 401, 'UNAUTHORIZED');
    expectError(await app.request('DELETE', '/api/me/chat-binding'), 401, 'UNAUTHORIZED');
  });

  it('issues six digits that expire after BINDING_CODE_TTL_S (600 s by default)', async () => {
    const learner = await registerUser(app);
    const before = app.clock.now().getTime();
    const { code, expires_at } = await issue(learner);
    expect(code).toMatch(/^\d{6}$/);
    const ttl = Date.parse(expires_at) - before;
    expect(ttl).toBeGreaterThanOrEqual(599_000);
    expect(ttl).toBeLessThanOrEqual(601_000);
    expect(await bindingOf(learner)).toEqual({ bound: false });
  });

  it('are issued to many learners asking at the same moment, each their own', async () => {
    const learners = await Promise.all(Array.from({ length: 12 }, () => registerUser(app)));
    const answers = await Promise.all(learners.map((l) => app.request<{ code: string }>('POST', '/api/me/chat-binding-code', { token: l.token })));
    expect(answers.map((a) => a.status)).toEqual(learners.map(() => 201));
    expect(new Set(answers.map((a) => a.body.code)).size).toBe(learners.length);
  });
});

describe('binding a chat contact', () => {
  it('links the contact to the user of the code, and the profile shows the contact name', async () => {
    const learner = await registerUser(app);
    const { code } = await issue(learner);
    const who = contact('小明');
    const user = await bind(code, who);
    expect(user.id).toBe(learner.user.id);
    expect(user.passwordHash).toBeUndefined();

    expect((await app.container.chatBindings.userForContact(who.contactId))?.id).toBe(learner.user.id);
    expect(await app.container.chatBindings.contactForUser(learner.user.id)).toMatchObject(who);
    const shown = await bindingOf(learner);
    expect(shown).toEqual({ bound: true, contact_name: '小明', bound_at: expect.any(String) });
    expect(Math.abs(Date.parse(shown.bound_at!) - app.clock.now().getTime())).toBeLessThan(60_000);
  });

  it('uses a code up: a second bind with it is refused, from any contact', async () => {
    const learner = await registerUser(app);
    const { code } = await issue(learner);
    const first = contact();
    await bind(code, first);
    await expectInvalid(bind(code, first));
    await expectInvalid(bind(code));
    expect((await app.container.chatBindings.userForContact(first.contactId))?.id).toBe(learner.user.id);
  });

  it('refuses unknown and malformed codes alike', async () => {
    await expectInvalid(bind(await unusedDigits()));
    for (const code of ['', '12345', '1234567', 'abcdef', '12345 ', "1' OR '1'='1"]) await expectInvalid(bind(code));
  });

  it('refuses a code once it has expired', async () => {
    const learner = await registerUser(app);
    const { code } = await issue(learner);
    app.clock.advance(601);
    try {
      await expectInvalid(bind(code));
    } finally {
      app.clock.advance(-601);
    }
    expect(await bindingOf(learner)).toEqual({ bound: false });
  });

  it('invalidates older unused codes when a new one is issued', async () => {
    const learner = await registerUser(app);
    const older = await issue(learner);
    const newer = await issue(learner);
    await expectInvalid(bind(older.code));
    expect((await bind(newer.code)).id).toBe(learner.user.id);
  });

  it('lets only one of two contacts racing with the same code win', async () => {
    const learner = await registerUser(app);
    const { code } = await issue(learner);
    const [a, b] = [contact(), contact()];
    const results = await Promise.allSettled([bind(code, a), bind(code, b)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const bound = await app.container.chatBindings.contactForUser(learner.user.id);
    expect([a.contactId, b.contactId]).toContain(bound?.contactId);
    const rows: Array<{ n: string }> = await app.container.dataSource.query('SELECT COUNT(*) AS n FROM chat_bindings WHERE user_id = ?', [learner.user.id]);
    expect(Number(rows[0]!.n)).toBe(1);
  });
});

describe('re-binding', () => {
  it('moves the user to the latest contact: the old contact is no longer anybody', async () => {
    const learner = await registerUser(app);
    const [oldPhone, newPhone] = [contact('旧手机'), contact('新手机')];
    await bind((await issue(learner)).code, oldPhone);
    await bind((await issue(learner)).code, newPhone);
    expect(await app.container.chatBindings.contactForUser(learner.user.id)).toMatchObject(newPhone);
    expect(await app.container.chatBindings.userForContact(oldPhone.contactId)).toBeNull();
    expect((await bindingOf(learner)).contact_name).toBe('新手机');
  });

  it('moves a contact to the user whose code it sends last', async () => {
    const [first, second] = await Promise.all([registerUser(app), registerUser(app)]);
    const shared = contact('家里的微信');
    await bind((await issue(first)).code, shared);
    await bind((await issue(second)).code, shared);
    expect((await app.container.chatBindings.userForContact(shared.contactId))?.id).toBe(second.user.id);
    expect(await app.container.chatBindings.contactForUser(first.user.id)).toBeNull();
    expect(await bindingOf(first)).toEqual({ bound: false });
  });
});

describe('unbinding', () => {
  it('answers 204, forgets the contact, and answers 204 again when nothing is bound', async () => {
    const learner = await registerUser(app);
    const who = contact();
    await bind((await issue(learner)).code, who);
    const res = await app.request('DELETE', '/api/me/chat-binding', { token: learner.token });
    expect(res.status).toBe(204);
    expect(await bindingOf(learner)).toEqual({ bound: false });
    expect(await app.container.chatBindings.userForContact(who.contactId)).toBeNull();
    expect((await app.request('DELETE', '/api/me/chat-binding/', { token: learner.token })).status).toBe(204);
  });

  it("touches only the caller's own binding", async () => {
    const [mine, theirs] = await Promise.all([registerUser(app), registerUser(app)]);
    const theirContact = contact();
    await bind((await issue(theirs)).code, theirContact);
    expect((await app.request('DELETE', '/api/me/chat-binding', { token: mine.token })).status).toBe(204);
    expect((await app.container.chatBindings.userForContact(theirContact.contactId))?.id).toBe(theirs.user.id);
  });
});

describe('issuing limits', () => {
  it(`answers 429 with Retry-After after ${CODES_PER_MINUTE} codes in a minute, per user`, async () => {
    const [busy, other] = await Promise.all([registerUser(app), registerUser(app)]);
    for (let i = 0; i < CODES_PER_MINUTE; i++) await issue(busy);
    const refused = await app.request('POST', '/api/me/chat-binding-code', { token: busy.token });
    expectError(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    await issue(other);
  });
});
