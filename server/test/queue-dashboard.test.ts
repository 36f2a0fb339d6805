import { QUEUES } from '../src/queues';
import { expectError } from './support/expect-error';
import { registerAdmin, registerCreator, type Account } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let admin: Account;

beforeAll(async () => {
  app = await startTestApp();
  admin = await registerAdmin(app);
});
afterAll(async () => {
  await app.close();
});

async function ticketUrl(token: string): Promise<string> {
  const res = await app.request<{ url: string; expires_at: string }>('POST', '/api/admin/queue-dashboard/ticket', { token });
  expect(res.status).toBe(201);
  return res.body.url;
}

/** What a browser does with the ticket link: follow it, keep the cookie. */
async function openTicket(url: string): Promise<{ status: number; cookie: string | null; location: string | null }> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, cookie: res.headers.get('set-cookie'), location: res.headers.get('location') };
}

describe('the queue dashboard', () => {
  it('opens for an admin through a ticket, then shows every queue', async () => {
    const opened = await openTicket(await ticketUrl(admin.token));
    expect(opened.status).toBe(302);
    expect(opened.location).toBe('/admin/queues');
    expect(opened.cookie).toMatch(/^kp_queues=[^;]+; path=\/admin\/queues; .*samesite=strict; httponly/i);
    const cookie = opened.cookie!.split(';')[0]!;

    const page = await fetch(`${app.baseUrl}/admin/queues`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const queues = await fetch(`${app.baseUrl}/admin/queues/api/queues`, { headers: { cookie } });
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: Array<{ name: string }> }).queues.map((q) => q.name).sort();
    expect(names).toEqual(Object.values(QUEUES).sort());
    expect(names).toEqual(expect.arrayContaining(['order-expiry', 'paid-question-deadlines', 'sales-digest', 'bot-outbox']));
  });

  it('is closed without a session, and a ticket works once', async () => {
    expectError(await app.request('GET', '/admin/queues'), 401, 'DASHBOARD_SESSION_REQUIRED');
    expectError(await app.request('GET', '/admin/queues/api/queues'), 401, 'DASHBOARD_SESSION_REQUIRED');
    const url = await ticketUrl(admin.token);
    expect((await openTicket(url)).status).toBe(302);
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('TICKET_USED');
  });

  it('does not take an API token, or anything from a non-admin, as a ticket or session', async () => {
    const creator = await registerCreator(app);
    expectError(await app.request('POST', '/api/admin/queue-dashboard/ticket', { token: creator.token }), 403, 'ROLE_REQUIRED');
    expectError(await app.request('GET', `/admin/queues/login?ticket=${admin.token}`), 401, 'TOKEN_INVALID');
    expectError(await app.request('GET', '/admin/queues', { headers: { cookie: `kp_queues=${admin.token}` } }), 401, 'TOKEN_INVALID');
    // Nor is a ticket an API token.
    const ticket = new URL(await ticketUrl(admin.token)).searchParams.get('ticket')!;
    expectError(await app.request('GET', '/api/me', { token: ticket }), 401, 'TOKEN_INVALID');
  });

  it('closes at once for an admin who is no longer one', async () => {
    const former = await registerAdmin(app);
    const opened = await openTicket(await ticketUrl(former.token));
    await app.container.dataSource.query("UPDATE users SET role = 'learner' WHERE id = ?", [former.user.id]);
    expectError(await app.request('GET', '/admin/queues', { headers: { cookie: opened.cookie!.split(';')[0]! } }), 403, 'ROLE_REQUIRED');
  });
});
