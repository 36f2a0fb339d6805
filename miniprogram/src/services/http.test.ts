import { zhCN } from '../i18n/zh-CN';
import { ApiError, createHttp, type Transport, type TransportRequest, type TransportResponse } from './http';

/** A scripted network: each call takes the next answer (a response, or 'offline' to fail without one). */
function network(answers: Array<TransportResponse | 'offline'>) {
  const seen: TransportRequest[] = [];
  const transport: Transport = async (req) => {
    seen.push(req);
    const next = answers.shift();
    if (next === undefined) throw new Error('no more scripted answers');
    if (next === 'offline') throw new Error('request:fail');
    return next;
  };
  return { transport, seen };
}

function client(answers: Array<TransportResponse | 'offline'>, token: string | null = 'tok') {
  const net = network(answers);
  const slept: number[] = [];
  let unauthorized = 0;
  const request = createHttp({
    baseUrl: 'https://api.example',
    transport: net.transport,
    token: () => token,
    onUnauthorized: () => unauthorized++,
    sleep: async (ms) => void slept.push(ms),
    retryDelaysMs: [100, 300],
  });
  return { request, seen: net.seen, slept, unauthorized: () => unauthorized };
}

const errorBody = (code: string, message: string) => ({ error: { code, message } });

describe('the API client', () => {
  it('sends the token, JSON and the query, and returns the body', async () => {
    const c = client([{ statusCode: 200, data: { ok: true } }]);
    await expect(c.request('/api/courses', { query: { q: '数据 分析', page: 2, sort: undefined } })).resolves.toEqual({ ok: true });
    expect(c.seen[0]).toMatchObject({ url: 'https://api.example/api/courses?q=%E6%95%B0%E6%8D%AE%20%E5%88%86%E6%9E%90&page=2', method: 'GET' });
    expect(c.seen[0]!.header.Authorization).toBe('Bearer tok');
  });

  it('turns an error body into an ApiError with the code, in Chinese where the code is known', async () => {
    const c = client([{ statusCode: 403, data: errorBody('NOT_ENROLLED', 'only learners enrolled in this course can review it') }]);
    const err = (await c.request('/api/courses/1/reviews', { method: 'POST', body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 403, code: 'NOT_ENROLLED', message: zhCN.errorCodes.NOT_ENROLLED });
  });

  it("shows the server's own message for codes it has no words for", async () => {
    const c = client([{ statusCode: 400, data: errorBody('VALIDATION_ERROR', 'rating: must be at most 5') }]);
    await expect(c.request('/api/x', { method: 'POST', body: {} })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: 'rating: must be at most 5' });
  });

  it('retries a GET that got no answer, then succeeds', async () => {
    const c = client(['offline', { statusCode: 503, data: errorBody('SERVICE_UNAVAILABLE', 'down') }, { statusCode: 200, data: [1] }]);
    await expect(c.request('/api/categories')).resolves.toEqual([1]);
    expect(c.seen).toHaveLength(3);
    expect(c.slept).toEqual([100, 300]);
  });

  it('gives up after the retries with a network error the learner can read', async () => {
    const c = client(['offline', 'offline', 'offline']);
    await expect(c.request('/api/categories')).rejects.toMatchObject({ code: 'NETWORK', message: zhCN.errors.network, isNetwork: true });
  });

  it('never resends a POST behind the learner\'s back', async () => {
    const c = client(['offline']);
    await expect(c.request('/api/orders', { method: 'POST', body: { course: 1 } })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(c.seen).toHaveLength(1);
  });

  it('asks to sign in again when the server refuses our token, but not for a visitor', async () => {
    const signedIn = client([{ statusCode: 401, data: errorBody('UNAUTHORIZED', 'token expired') }]);
    await expect(signedIn.request('/api/me')).rejects.toMatchObject({ status: 401 });
    expect(signedIn.unauthorized()).toBe(1);

    const visitor = client([{ statusCode: 401, data: errorBody('UNAUTHORIZED', 'authentication required') }], null);
    await expect(visitor.request('/api/me')).rejects.toMatchObject({ status: 401 });
    expect(visitor.unauthorized()).toBe(0);
    expect(visitor.seen[0]!.header.Authorization).toBeUndefined();
  });

  it('survives a body that is not the error contract (a proxy page)', async () => {
    const c = client([{ statusCode: 502, data: '<html>bad gateway</html>' }, { statusCode: 502, data: '' }, { statusCode: 502, data: '' }]);
    await expect(c.request('/api/courses')).rejects.toMatchObject({ status: 502, code: 'HTTP_502', message: zhCN.errors.server });
  });
});
