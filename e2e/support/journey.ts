import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext } from './browser';
import { type RunningServer, type StartOptions, startServer } from './server';

/** The README's promises, checked here rather than imported from the server's seed. */
export const DEMO_PASSWORD = 'AbleTrain#2026';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface ReadmeAccount {
  username: string;
  role: string;
  region: string;
}

/** The demo-account table of README.md, row by row. */
export function readmeAccounts(): ReadmeAccount[] {
  const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\|\s*`([a-z][\w.-]*)`\s*\|([^|]+)\|([^|]+)\|\s*$/gm)];
  return rows.map(([, username, role, region]) => ({ username: username!, role: role!.trim(), region: region!.trim() }));
}

export function totpCode(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });
}

/** Six digits no window around now accepts. */
export function wrongTotpCode(secret: string): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((step) => totpCode(secret, Date.now() + step * 30_000)));
  for (let n = 123_457; ; n += 7919) {
    const code = String(n % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

/**
 * A code that has not been used yet in this run: a code is good once, so a second login within the
 * same 30 s takes the next step's code (the server accepts one step of drift).
 */
const usedSteps = new Map<string, number>();
export function freshTotpCode(secret: string): string {
  const step = Math.floor(Date.now() / 30_000);
  const last = usedSteps.get(secret) ?? -Infinity;
  const next = Math.max(step, last + 1);
  if (next > step + 1) throw new Error('no unused TOTP step left inside the accepted window; wait 30 s');
  usedSteps.set(secret, next);
  return totpCode(secret, next * 30_000 + 1_000);
}

/** The focused element, or the antd wrapper that draws its ring, has a visible outline or shadow. */
export async function expectVisibleFocus(page: Page, what: string): Promise<void> {
  const ring = await page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return { tag: 'body', outline: 'none', shadow: 'none' };
    const candidates = [active, active.closest('.ant-input-affix-wrapper')].filter((el): el is Element => el !== null);
    for (const el of candidates) {
      const style = getComputedStyle(el);
      const outline =
        style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? `${style.outlineWidth} ${style.outlineStyle}` : 'none';
      const shadow = style.boxShadow;
      if (outline !== 'none' || shadow !== 'none') return { tag: el.tagName, outline, shadow };
    }
    return { tag: active.tagName, outline: 'none', shadow: 'none' };
  });
  expect(ring.outline !== 'none' || ring.shadow !== 'none', `${what}: focused ${ring.tag} has no visible focus indicator`).toBe(true);
}

export async function expectFocused(locator: Locator, what: string): Promise<void> {
  await expect
    .poll(() => locator.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false), {
      message: `${what} should have focus`,
      timeout: 5_000,
    })
    .toBe(true);
}

/**
 * Tabbing through a modal dialog never reaches the page behind it. Past the last control focus may
 * leave the document for the browser's own UI (as with a native modal <dialog>) and comes back into
 * the dialog; it must never land on the page underneath.
 */
export async function expectTabStaysInDialog(page: Page, dialog: Locator, what: string, presses = 6): Promise<void> {
  let insideCount = 0;
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const where = await dialog.evaluate((el) => {
      const active = document.activeElement;
      if (!active || active === document.body) return 'outside the document';
      return el.contains(active) ? 'dialog' : active.outerHTML.slice(0, 120);
    });
    expect(['dialog', 'outside the document'], `${what}: Tab ${i + 1} moved focus to ${where}`).toContain(where);
    if (where === 'dialog') insideCount++;
  }
  expect(insideCount, `${what}: Tab kept visiting the dialog's controls`).toBeGreaterThan(presses / 2);
}

/** WCAG 1.4.10: nothing wider than the viewport (tables scroll inside their own box). */
export async function expectNoHorizontalScroll(page: Page, state: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${state}: page is ${scrollWidth}px wide in a ${innerWidth}px viewport`).toBeLessThanOrEqual(innerWidth);
}

export function heading(page: Page, name: string): Locator {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: '主导航' });
}

/** Fills the login form (by label) and submits it; does not wait for what comes next. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

interface SignInOptions {
  password?: string;
  totpSecret?: string;
  /** run axe on the login page before signing in */
  axe?: boolean;
}

/** Opens /login, signs in (with the second factor when given) and waits for the home page. */
export async function signIn(page: Page, baseUrl: string, username: string, options: SignInOptions = {}): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await heading(page, '登录').waitFor();
  if (options.axe) await expectNoAxeViolations(page, 'login page');
  await submitLogin(page, username, options.password ?? DEMO_PASSWORD);
  if (options.totpSecret) {
    await heading(page, '输入动态验证码').waitFor();
    await page.getByLabel('动态验证码', { exact: true }).fill(freshTotpCode(options.totpSecret));
    await page.getByRole('button', { name: '验证并登录' }).click();
  }
  await heading(page, '首页').waitFor();
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
}

export interface Journey {
  /** the file's server, started before its journeys */
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A page in a new browser context (the caller closes the context). */
  newPage(viewport?: { width?: number; height?: number }): Promise<OpenPage>;
  /** A page in a new browser context, signed in as `username` on the home page. */
  signedIn(username: string, options?: SignInOptions): Promise<OpenPage>;
}

/**
 * Starts a real server (with these environment overrides) and Chromium before the file's journeys
 * and stops both after them. Call once at the top of a journey file.
 */
export function useJourney(env: Record<string, string> = {}, options: StartOptions = {}): Journey {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(env, options), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const journey: Journey = {
    get server() {
      if (!server) throw new Error('the journey server has not started: use it inside a test');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the journey browser has not started: use it inside a test');
      return browser;
    },
    async newPage(viewport) {
      const context = await newContext(journey.browser, viewport);
      return { context, page: await context.newPage() };
    },
    async signedIn(username, signInOptions) {
      const opened = await journey.newPage();
      await signIn(opened.page, journey.server.baseUrl, username, signInOptions);
      return opened;
    },
  };
  return journey;
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await heading(page, '登录').waitFor();
}

/** Waits for a live region (role=status or alert) to say something containing `text`. */
export async function expectAnnounced(page: Page, text: string | RegExp): Promise<Locator> {
  const region = page.locator('[role="status"], [role="alert"], [aria-live]').filter({ hasText: text });
  await region.first().waitFor();
  return region.first();
}

/** Focus a control and press Enter: a keyboard user's click. */
export async function press(page: Page, target: Locator): Promise<void> {
  await target.focus();
  await page.keyboard.press('Enter');
}

/** Types into a field by keyboard, replacing what it held. */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

/** Chooses an option of a native <select> with arrow keys only. */
export async function chooseByKeyboard(page: Page, select: Locator, label: string): Promise<void> {
  await select.focus();
  for (let i = 0; i < 200; i++) {
    const current = await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '');
    if (current === label) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`option ${label} not reachable by ArrowDown`);
}

/**
 * A JSON request as the signed-in page would send it (its cookies, the CSRF header): for fixtures
 * a journey needs but does not test. Answers the parsed body; throws on an error status.
 */
export async function apiAsPage<T>(page: Page, method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown): Promise<T> {
  const cookies = await page.context().cookies(url);
  const csrf = cookies.find((c) => c.name.endsWith('at_csrf'))?.value ?? '';
  const response = await page.request.fetch(url, { method, headers: { 'x-csrf-token': csrf }, ...(data !== undefined && { data }) });
  if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}
