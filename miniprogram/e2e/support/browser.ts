/**
 * What every browser test sets up: Debian's Chromium, a page of its own (phone or desk sized) whose
 * complaints go to the test's output, locators for what a person can see, and screenshots in one folder.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CHROMIUM_ARGS, chromiumPath } = require('../chromium.cjs') as { CHROMIUM_ARGS: string[]; chromiumPath: () => string };

/** The built H5 app the test API serves (`npx taro build --type h5`). */
export const H5_DIR = resolve(__dirname, '..', '..', 'dist', 'h5');

/** Where the tests leave their screenshots (git-ignored). */
const SHOTS = resolve(__dirname, '..', '..', '..', 'var', 'screenshots');

const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const DESK = { width: 1280, height: 860 };

export type Viewport = 'phone' | 'desk' | { width: number; height: number };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/**
 * A page in a context of its own (its own storage and session; close it with `page.context().close()`),
 * phone-sized unless told. What the browser complains about goes to stderr under `[label]`, to tell a
 * broken page from a slow one.
 */
export async function openPage(browser: Browser, { label = 'browser', viewport = 'phone' }: { label?: string; viewport?: Viewport } = {}): Promise<Page> {
  const options: BrowserContextOptions = viewport === 'phone' ? PHONE : { viewport: viewport === 'desk' ? DESK : viewport, locale: 'zh-CN' };
  const page = await (await browser.newContext(options)).newPage();
  const say = (line: string) => process.stderr.write(`[${label}] ${line}\n`);
  page.on('pageerror', (err) => say(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') say(`console on ${page.url()}: ${msg.text()} ${msg.location().url}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) say(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => say(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  return page;
}

/** Locators for only what the person can see on a page. */
export interface Visible {
  /** `page.locator(selector, options)`, visible matches only. */
  on(selector: string, options?: { hasText?: string | RegExp }): Locator;
  /** `page.getByText(t, { exact })`, visible matches only. */
  text(t: string, exact?: boolean): Locator;
}

/**
 * Taro keeps earlier pages in the DOM, hidden: look only at what the person can see. Give the page, or
 * where to find it when it is opened later (a file's shared page, opened in its beforeAll).
 */
export function visible(page: Page | (() => Page)): Visible {
  const of = typeof page === 'function' ? page : () => page;
  return {
    on: (selector, options) => of().locator(selector, options).filter({ visible: true }),
    text: (t, exact = false) => of().getByText(t, { exact }).filter({ visible: true }),
  };
}

let shotsReady = false;

/** Saves `<name>.png` in the screenshots folder. */
export async function screenshot(page: Page, name: string, { fullPage = false }: { fullPage?: boolean } = {}): Promise<void> {
  if (!shotsReady) {
    mkdirSync(SHOTS, { recursive: true });
    shotsReady = true;
  }
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Closes what a test file opened, in the order given (the browser before the app it talks to); what never opened is skipped. */
export async function closeAll(...opened: Array<{ close(): Promise<unknown> } | undefined>): Promise<void> {
  for (const thing of opened) await thing?.close();
}
