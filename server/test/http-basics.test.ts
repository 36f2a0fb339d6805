import { connect } from 'node:net';
import { expectError } from './support/expect-error';
import { buildCourse, publishCourse, registerAdmin, registerCreator, uniqueName } from './support/fixtures';
import { startTestApp, type ErrorBody, type TestApp } from './support/harness';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes as they are over a fresh TCP connection (no client-side escaping) and reads the answer to the end. */
function rawRequest(baseUrl: string, request: Buffer): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      const [statusLine, ...headerLines] = raw.subarray(0, split).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let body: Buffer = raw.subarray(split + 4);
      if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: body.toString('utf8') });
    });
  });
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

describe('errors', () => {
  it('answers an unknown route with a 404 JSON error', async () => {
    for (const path of ['/api/no-such-thing', '/api/courses/1/nothing-here', '/no-such-page']) {
      const res = await app.request<ErrorBody>('GET', path);
      expectError(res, 404, 'NOT_FOUND');
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(typeof res.body.error.message).toBe('string');
    }
  });

  it('answers an unsupported method on a known route with a JSON error, never an HTML or text page', async () => {
    const res = await app.request<ErrorBody>('DELETE', '/api/categories');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toMatch(/GET/);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers malformed JSON with 400 MALFORMED_BODY', async () => {
    const res = await app.request('POST', '/api/auth/login', { raw: '{"username": "a", "password":', headers: { 'content-type': 'application/json' } });
    expectError(res, 400, 'MALFORMED_BODY');
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('answers a JSON body that is not an object or array with 400 MALFORMED_BODY (strict JSON)', async () => {
    expectError(await app.request('POST', '/api/auth/login', { raw: '"just a string"', headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_BODY');
  });

  it('answers a JSON body over the default 256kb limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await app.request('POST', '/api/auth/login', { body: { username: 'u', password: 'p'.repeat(300 * 1024) } });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('honours JSON_BODY_LIMIT', async () => {
    const small = await startTestApp({ JSON_BODY_LIMIT: '1kb' });
    try {
      expectError(await small.request('POST', '/api/auth/register', { body: { username: 'u', password: 'p'.repeat(2048) } }), 413, 'PAYLOAD_TOO_LARGE');
      // Under the limit the same route answers on the merits: a 400 naming the bad field, not a size error.
      expectError(await small.request('POST', '/api/auth/register', { body: { username: 'u', password: 1 } }), 400, 'VALIDATION_ERROR', 'password');
    } finally {
      await small.close();
    }
  });

  it('answers bad query parameters with 400 naming them, never 500', async () => {
    expectError(await app.request('GET', '/api/courses?page=abc'), 400, 'VALIDATION_ERROR', 'page');
    expectError(await app.request('GET', '/api/courses?page_size=1000'), 400, 'VALIDATION_ERROR', 'page_size');
    expectError(await app.request('GET', '/api/courses?page=1&page=2'), 400, 'VALIDATION_ERROR', 'page');
    expectError(await app.request('GET', '/api/courses?sort=cheapest'), 400, 'VALIDATION_ERROR', 'sort');
    expectError(await app.request('GET', '/api/courses?min_price=-1'), 400, 'VALIDATION_ERROR', 'min_price');
    expectError(await app.request('GET', '/api/courses?min_price=10&max_price=5'), 400, 'VALIDATION_ERROR', 'min_price');
    expectError(await app.request('GET', '/api/courses/99999999999'), 400, 'VALIDATION_ERROR', 'id');
  });

  it('answers a malformed Authorization header with 401 TOKEN_INVALID', async () => {
    expectError(await app.request('GET', '/api/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401, 'TOKEN_INVALID');
    expectError(await app.request('GET', '/api/me', { headers: { authorization: 'Bearer ' } }), 401, 'TOKEN_INVALID');
  });
});

describe('operations', () => {
  it('/healthz answers 200', async () => {
    const res = await app.request<{ status: string }>('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 with mysql, redis and migrations ok', async () => {
    const res = await app.request<{ status: string; checks: Record<string, string> }>('GET', '/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { mysql: 'ok', redis: 'ok', migrations: 'ok' } });
  });

  it('/api/openapi.json is an OpenAPI 3.1 document describing the routes', async () => {
    const res = await app.request<{
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: Array<{ name: string }> }>>;
    }>('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body.openapi).toMatch(/^3\.1\./);
    expect(res.body.info.title).toBeTruthy();
    expect(res.body.paths['/api/courses']?.get).toBeDefined();
    expect(res.body.paths['/api/auth/login']?.post?.requestBody).toBeDefined();
    expect(res.body.paths['/api/courses/{id}']?.get?.parameters?.map((p) => p.name)).toContain('id');
    expect(res.body.paths['/api/courses']?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['q', 'sort', 'page', 'page_size']));
  });

  it('/api/docs is an HTML page listing the routes', async () => {
    const res = await app.request<string>('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.body).toMatch(/<!doctype html>/i);
    expect(res.body).toContain('/api/auth/login');
  });
});

describe('headers', () => {
  it('sets security headers', async () => {
    const res = await app.request('GET', '/api/categories');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('echoes an allowed origin in CORS headers', async () => {
    const res = await app.request('GET', '/api/categories', { headers: { origin: 'http://localhost:10086' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:10086');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/i);
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });

  it('answers a preflight from an allowed origin, allowing Authorization', async () => {
    const res = await app.request('OPTIONS', '/api/orders', {
      headers: { origin: 'http://localhost:10086', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:10086');
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
  });

  it('gives a foreign origin no CORS permission', async () => {
    const res = await app.request('GET', '/api/categories', { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await app.request('OPTIONS', '/api/courses', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('echoes X-Request-Id when sent and generates one when absent or unusable', async () => {
    const sent = await app.request('GET', '/healthz', { headers: { 'x-request-id': 'req-abc123.XYZ_9' } });
    expect(sent.headers.get('x-request-id')).toBe('req-abc123.XYZ_9');

    const absent = await app.request('GET', '/healthz');
    const generated = absent.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const another = (await app.request('GET', '/healthz')).headers.get('x-request-id');
    expect(another).not.toBe(generated);

    const unusable = await app.request('GET', '/healthz', { headers: { 'x-request-id': 'bad id <script>' } });
    expect(unusable.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const onError = await app.request('GET', '/api/no-such-thing', { headers: { 'x-request-id': 'req-on-error-1' } });
    expect(onError.status).toBe(404);
    expect(onError.headers.get('x-request-id')).toBe('req-on-error-1');
  });
});

describe('a request line with raw UTF-8 bytes', () => {
  beforeAll(async () => {
    const [creator, admin] = await Promise.all([registerCreator(app), registerAdmin(app)]);
    for (const price of [19.9, 9.9]) {
      const built = await buildCourse(app, creator, { name: `数据分析实战 ${uniqueName()}`, price });
      await publishCourse(app, creator, admin, built.id);
    }
  });

  it('is answered 200 JSON with the matching courses, as its escaped form is', async () => {
    const request = Buffer.from('GET /api/courses/?q=数据&sort=price HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'utf8');
    const res = await rawRequest(app.baseUrl, request);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const body = JSON.parse(res.body) as { count: number; results: Array<{ name: string; price_fen: number }> };
    expect(body.count).toBe(2);
    expect(body.results.every((c) => c.name.includes('数据'))).toBe(true);
    expect(body.results.map((c) => c.price_fen)).toEqual([990, 1990]);

    const escaped = await app.request<{ count: number; results: Array<{ id: number }> }>('GET', `/api/courses/?q=${encodeURIComponent('数据')}&sort=price`);
    expect(escaped.body.count).toBe(body.count);
  });

  it('still finds nothing for a term no course has', async () => {
    const res = await rawRequest(app.baseUrl, Buffer.from('GET /api/courses?q=量子烹饪 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'utf8'));
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as { count: number }).count).toBe(0);
  });
});

describe('an unexpected server failure', () => {
  // A table that vanished under the running server: a real fault on our side, not bad input.
  beforeAll(async () => {
    await app.container.dataSource.query('RENAME TABLE categories TO categories_gone');
  });
  afterAll(async () => {
    await app.container.dataSource.query('RENAME TABLE categories_gone TO categories');
  });

  it('is a 500 INTERNAL_ERROR with the request id and no stack trace, SQL or error class', async () => {
    const res = await app.request<ErrorBody & { error: { details: { request_id: string } } }>('GET', '/api/courses/', { headers: { 'x-request-id': 'req-500-test' } });
    expectError(res, 500, 'INTERNAL_ERROR');
    expect(res.body.error.details.request_id).toBe('req-500-test');
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    expect(text).not.toMatch(/stack|SELECT|categories|QueryFailedError|ER_NO_SUCH_TABLE|node_modules/i);
  });
});
