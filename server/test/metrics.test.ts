import { startMetricsServer } from '../src/http/metrics-server';
import { buildCourse, publishCourse, registerAdmin, registerCreator, registerUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

async function courseOnSale(): Promise<number> {
  const [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
  const course = await buildCourse(app, creator);
  await publishCourse(app, creator, admin, course.id);
  return course.id;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('Prometheus metrics', () => {
  it('counts requests by route pattern on a separate listener, not on the API', async () => {
    await app.request('GET', '/api/courses/');
    await app.request('GET', '/api/courses/424242/');
    // One pending order, counted by status at scrape time.
    const learner = await registerUser(app);
    const course = await courseOnSale();
    expect((await app.request('POST', '/api/orders/', { token: learner.token, body: { course } })).status).toBe(201);
    const server = await startMetricsServer(app.container.metrics, '127.0.0.1', 0);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/courses"[^}]*status="200"[^}]*\} 1/);
      expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/courses\/:id"[^}]*status="404"[^}]*\} 1/);
      expect(text).not.toContain('424242');
      expect(text).toMatch(/^orders\{[^}]*status="PENDING"[^}]*\} 1$/m);
      // Its expiry job waits in the order-expiry queue until the order's time is up.
      expect(text).toMatch(/^queue_jobs\{[^}]*queue="order-expiry"[^}]*state="delayed"[^}]*\} 1$/m);
      expect(text).toMatch(/^queue_jobs\{[^}]*queue="sales-digest"[^}]*state="failed"[^}]*\} 0$/m);
      expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
    expect((await app.request('GET', '/metrics')).status).toBe(404);
  });
});
