import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext } from './support/browser';
import {
  DEMO_TOTP_SECRET,
  expectFocused,
  freshTotpCode,
  heading,
  signIn,
  signOut,
  submitLogin,
  DEMO_PASSWORD,
  totpCode,
  wrongTotpCode,
} from './support/journey';
import { type RunningServer, startServer } from './support/server';

/** demo: staff TOTP optional (xigu.dengji has one); enforcing: REQUIRE_STAFF_TOTP=true */
let demo: RunningServer;
let enforcing: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [demo, enforcing, browser] = await Promise.all([startServer(), startServer({ REQUIRE_STAFF_TOTP: 'true' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([demo?.stop(), enforcing?.stop()]);
});

describe('second factor at login', () => {
  it('asks xigu.dengji for the code, reports a wrong one accessibly, accepts the right one', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.baseUrl}/login`);
    await heading(page, '登录').waitFor();
    await submitLogin(page, 'xigu.dengji', DEMO_PASSWORD);

    const title = heading(page, '输入动态验证码');
    await title.waitFor();
    await expectFocused(title, 'TOTP step heading');
    const code = page.getByLabel('动态验证码', { exact: true });
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    await expectNoAxeViolations(page, 'TOTP step');

    // A letter-containing code is stopped in the browser, with the summary linking to the field.
    await code.fill('12ab');
    await page.getByRole('button', { name: '验证并登录' }).click();
    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: '请修改以下问题后再提交' }) });
    await summary.waitFor();
    await expectFocused(summary, 'error summary (format)');
    const link = summary.getByRole('link', { name: '动态验证码为 6 位数字' });
    await link.waitFor();
    await expectNoAxeViolations(page, 'TOTP step, format error');
    await link.click();
    await expectFocused(code, 'code field after following the summary link');

    // A wrong code: the server's refusal names the field, and the summary takes focus again.
    await code.fill(wrongTotpCode(DEMO_TOTP_SECRET));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await summary.filter({ hasText: '动态验证码不正确或已过期' }).waitFor();
    await expectFocused(summary, 'error summary (wrong code)');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await code.inputValue()).toBe('');
    await expectNoAxeViolations(page, 'TOTP step, wrong code');

    await code.fill(freshTotpCode(DEMO_TOTP_SECRET));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await heading(page, '首页').waitFor();
    await page.getByText('本账号区域：甘肃省 / 兰州市 / 西固区').waitFor();
    await expectNoAxeViolations(page, 'home after TOTP');
    await signOut(page);
    await context.close();
  });
});

describe('enrolment when REQUIRE_STAFF_TOTP=true', () => {
  it('makes a staff account bind a second factor, read from the page, before it reaches home', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${enforcing.baseUrl}/login`);
    await heading(page, '登录').waitFor();
    await submitLogin(page, 'chengguan.peixun', DEMO_PASSWORD);

    await heading(page, '绑定动态验证码').waitFor();
    await page.getByRole('heading', { level: 2, name: '第 1 步：在身份验证器中添加本账号' }).waitFor();
    await page.getByRole('img', { name: /绑定本账号动态验证码的二维码/ }).waitFor();
    // The secret as shown on screen, in groups of four.
    const shown = await page.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{4})+$/).textContent();
    const secret = shown!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Screen readers get it spelled out character by character.
    expect(await page.getByText(secret.slice(0, 4).split('').join(' ')).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'TOTP enrolment step');

    const code = page.getByLabel('动态验证码', { exact: true });
    await code.fill(wrongTotpCode(secret));
    await page.getByRole('button', { name: '确认绑定' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '动态验证码不正确或已过期' });
    await summary.waitFor();
    await expectFocused(summary, 'error summary on enrolment');
    await expectNoAxeViolations(page, 'TOTP enrolment step, wrong code');

    await code.fill(totpCode(secret));
    await page.getByRole('button', { name: '确认绑定' }).click();
    await heading(page, '首页').waitFor();
    await expectNoAxeViolations(page, 'home after enrolment');

    // The next login asks for a code from the new secret.
    await signOut(page);
    await submitLogin(page, 'chengguan.peixun', DEMO_PASSWORD);
    await heading(page, '输入动态验证码').waitFor();
    await page.getByLabel('动态验证码', { exact: true }).fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await heading(page, '首页').waitFor();
    await context.close();
  });

  it('does not ask a trainee for a second factor', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, enforcing.baseUrl, 'xueyuan.demo');
    await context.close();
  });
});
