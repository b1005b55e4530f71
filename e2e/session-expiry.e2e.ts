import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext, tabUntilFocused } from './support/browser';
import { expectFocused, expectTabStaysInDialog, heading, signIn } from './support/journey';
import { type RunningServer, startServer } from './support/server';

/**
 * Staff sessions idle out after 1 minute here; the warning shows half-way (30 s before the end).
 * Two people work at once, in real time: one extends, the other lets the session run out.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ SESSION_IDLE_MINUTES_STAFF: '1' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function sessionFromServer(page: Page): Promise<{ stage: string | null; idleRemainingSeconds: number | null }> {
  const res = await page.context().request.get(`${server.baseUrl}/api/auth/session`);
  return (await res.json()) as { stage: string | null; idleRemainingSeconds: number | null };
}

/** Waits for the warning dialog and checks it is named, announced and holds focus. */
async function expectWarning(page: Page, who: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: '会话即将过期' });
  await dialog.waitFor({ timeout: 45_000 });
  await expectFocused(dialog, `${who}: warning dialog`);
  await expectFocused(dialog.getByRole('button', { name: '继续使用' }), `${who}: 继续使用`);
  const countdown = dialog.getByText(/剩余时间约 \d+ 秒/);
  expect(await countdown.getAttribute('aria-live')).toBe('polite');
  await expectNoAxeViolations(page, `${who}: session expiry warning`);
  await expectTabStaysInDialog(page, dialog, `${who}: warning dialog`);
  await tabUntilFocused(page, dialog.getByRole('button', { name: '继续使用' }), 6);
}

describe('idle-timeout warning (SESSION_IDLE_MINUTES_STAFF=1)', () => {
  it('warns accessibly; 继续使用 extends the session, and an ignored warning ends at the login page', async () => {
    const [extendContext, expireContext] = await Promise.all([newContext(browser), newContext(browser)]);
    const [extender, sleeper] = await Promise.all([extendContext.newPage(), expireContext.newPage()]);
    await Promise.all([signIn(extender, server.baseUrl, 'chengguan.dengji'), signIn(sleeper, server.baseUrl, 'qilihe.dengji')]);
    // No warning while more than half of the idle time is left.
    expect(await extender.getByRole('dialog').count()).toBe(0);

    const extend = (async () => {
      await expectWarning(extender, 'extender');
      const before = await sessionFromServer(extender);
      expect(before.idleRemainingSeconds).toBeLessThanOrEqual(32);
      await extender.keyboard.press('Enter');
      await extender.getByRole('dialog', { name: '会话即将过期' }).waitFor({ state: 'hidden' });
      // focus goes back to where it was, not to the top of the document
      expect(await extender.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
      const after = await sessionFromServer(extender);
      expect(after.stage).toBe('active');
      expect(after.idleRemainingSeconds).toBeGreaterThanOrEqual(55);
      await heading(extender, '首页').waitFor();
      expect(new URL(extender.url()).pathname).toBe('/');
    })();

    const expire = (async () => {
      await expectWarning(sleeper, 'sleeper');
      await heading(sleeper, '登录').waitFor({ timeout: 45_000 });
      await sleeper.getByRole('status').filter({ hasText: '登录已超时' }).waitFor();
      expect(new URL(sleeper.url()).pathname).toBe('/login');
      await expectNoAxeViolations(sleeper, 'login page after the session timed out');
      expect((await sessionFromServer(sleeper)).stage).toBeNull();
    })();

    await Promise.all([extend, expire]);
    await Promise.all([extendContext.close(), expireContext.close()]);
  }, 150_000);
});
