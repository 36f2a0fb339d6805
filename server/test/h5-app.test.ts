import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/harness';

/** A stand-in for the built H5 app: the shell and one hashed script, as Taro's build lays them out. */
const built = mkdtempSync(join(tmpdir(), 'knowpay-h5-'));
mkdirSync(join(built, 'js'));
writeFileSync(join(built, 'index.html'), '<!DOCTYPE html><title>知付课堂</title><div id="app"></div>');
writeFileSync(join(built, 'js', 'app.1a2b3c4d.js'), 'console.log("app")');
const missing = join(tmpdir(), 'knowpay-h5-not-built');

let app: TestApp;
let bare: TestApp;
beforeAll(async () => {
  [app, bare] = await Promise.all([startTestApp({ H5_DIR: built }), startTestApp({ H5_DIR: missing })]);
});
afterAll(async () => {
  await Promise.all([app.close(), bare.close()]);
  rmSync(built, { recursive: true, force: true });
});

describe('the H5 store served by the API', () => {
  it('serves the app shell at / without caching it', async () => {
    const res = await app.request<string>('GET', '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.body).toContain('知付课堂');
  });

  it('answers page paths of the app with the shell, so a reload or a shared link opens the page', async () => {
    const res = await app.request<string>('GET', '/pages/course/index?id=3');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<div id="app">');
  });

  it('lets browsers keep hashed scripts for good', async () => {
    const res = await app.request<string>('GET', '/js/app.1a2b3c4d.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('never answers API paths or missing files with the app', async () => {
    const api = await app.request<{ error: { code: string } }>('GET', '/api/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('NOT_FOUND');
    expect((await app.request('GET', '/js/gone.12345678.js')).status).toBe(404);
    expect((await app.request('POST', '/pages/index/index')).status).toBe(404);
    expect((await app.request('GET', '/no-such-page')).status).toBe(404);
  });

  it('says how to build the app when it is not built yet', async () => {
    const res = await bare.request<string>('GET', '/');
    expect(res.status).toBe(503);
    expect(res.body).toContain('npm run build:h5');
  });

  it('tells the browser build where the WeChat sandbox is', async () => {
    const res = await app.request<{ wechat_mode: string; sandbox_url: string | null }>('GET', '/api/client-config');
    expect(res.body).toEqual({ wechat_mode: 'sandbox', sandbox_url: app.sandbox.url });
  });

  it('lets the browser build call the sandbox from its own origin (CORS)', async () => {
    const res = await fetch(`${app.sandbox.url}/sandbox/wx-login`, { method: 'OPTIONS', headers: { origin: app.baseUrl, 'access-control-request-method': 'POST' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
