import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, tabUntilFocused } from './support/browser';
import {
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  expectFocused,
  expectVisibleFocus,
  freshTotpCode,
  heading,
  mainNav,
  readmeAccounts,
  signOut,
  submitLogin,
  useJourney,
} from './support/journey';

const journey = useJourney();

describe('login with the keyboard alone', () => {
  it('skips to the form, reports a wrong password in a focused summary, signs in and out', async () => {
    const { context, page } = await journey.newPage();
    await page.goto(`${journey.server.baseUrl}/`);
    await heading(page, '登录').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectNoAxeViolations(page, 'login page');

    // The first Tab of the page lands on the skip link, which is shown when focused.
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: '跳到主要内容' });
    await expectFocused(skipLink, 'skip link');
    await expectVisibleFocus(page, 'skip link');
    expect(await skipLink.evaluate((el) => el.getBoundingClientRect().top >= 0)).toBe(true);
    await expectNoAxeViolations(page, 'login page, skip link focused');
    await page.keyboard.press('Enter');
    await expectFocused(page.getByRole('main'), 'main after the skip link');

    const username = page.getByLabel('用户名', { exact: true });
    const password = page.getByLabel('密码', { exact: true });
    await page.keyboard.press('Tab');
    await expectFocused(username, 'username field right after main');
    await expectVisibleFocus(page, 'username field');
    await page.keyboard.type('chengguan.dengji');
    await page.keyboard.press('Tab');
    await expectFocused(password, 'password field');
    await expectVisibleFocus(page, 'password field');
    await page.keyboard.type('Wrong#Password2026');
    await page.keyboard.press('Enter');

    // The error summary takes focus and names the problem.
    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: '请修改以下问题后再提交' }) });
    await summary.waitFor();
    await expectFocused(summary, 'error summary');
    await expectVisibleFocus(page, 'error summary');
    expect(await summary.textContent()).toContain('用户名或密码不正确');
    expect(await password.inputValue()).toBe('');
    await expectNoAxeViolations(page, 'login page, wrong password');

    await tabUntilFocused(page, password);
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    await heading(page, '首页').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.getByText('本账号区域：甘肃省 / 兰州市 / 城关区').isVisible()).toBe(true);
    await page.getByRole('heading', { level: 2, name: '待办事项' }).waitFor();
    await expectFocused(heading(page, '首页'), 'home h1 after login');
    await expectNoAxeViolations(page, 'home page, registrar');

    // Navigation and logout are reachable by Tab, with a visible ring on each stop.
    const homeLink = mainNav(page).getByRole('link', { name: '首页' });
    await tabUntilFocused(page, page.getByRole('button', { name: '退出登录' }));
    await expectVisibleFocus(page, 'logout button');
    await page.keyboard.press('Shift+Tab');
    await expectVisibleFocus(page, 'control before logout');
    await tabUntilFocused(page, homeLink);
    await expectVisibleFocus(page, 'navigation link');
    expect(await homeLink.getAttribute('aria-current')).toBe('page');

    await tabUntilFocused(page, page.getByRole('button', { name: '退出登录' }), 80);
    await page.keyboard.press('Enter');
    await heading(page, '登录').waitFor();
    await page.getByText('您已退出登录。').waitFor();
    await expectNoAxeViolations(page, 'login page after logout');
    await context.close();
  });
});

describe('every demo account in the README', () => {
  it('signs in and sees the navigation of its own roles', async () => {
    const accounts = readmeAccounts();
    // 17 platform accounts, plus sheng.peixun (catalogue), chengguan.shenhe (accreditation), xueyuan.xin (a trainee on no
    // class) and the finance officers sheng.caiwu, lanzhou.caiwu and lanzhou.chuna (subsidies)
    expect(accounts.map((a) => a.username)).toHaveLength(23);
    const { context, page } = await journey.newPage();
    await page.goto(`${journey.server.baseUrl}/login`);

    for (const account of accounts) {
      await heading(page, '登录').waitFor();
      await submitLogin(page, account.username, DEMO_PASSWORD);
      if (account.username === 'xigu.dengji') {
        await heading(page, '输入动态验证码').waitFor();
        await page.getByLabel('动态验证码', { exact: true }).fill(freshTotpCode(DEMO_TOTP_SECRET));
        await page.getByRole('button', { name: '验证并登录' }).click();
      }
      await heading(page, '首页').waitFor();

      const nav = mainNav(page);
      await nav.getByRole('link', { name: '首页' }).waitFor();
      const links = await nav.getByRole('link').allTextContents();
      const expectUsers = /系统管理员|安全管理员/.test(account.role);
      const expectAudit = account.role.includes('审计管理员');
      expect(links, account.username).toContain('我的账号');
      expect(links.includes('用户管理'), `${account.username} (${account.role}) 用户管理`).toBe(expectUsers);
      expect(links.includes('审计日志'), `${account.username} (${account.role}) 审计日志`).toBe(expectAudit);
      // the header names the account's own region
      const regionName = account.region.replace(/\s*\d{6}$/, '');
      expect(await page.getByRole('banner').getByText(`本账号区域：${regionName}`).isVisible(), account.username).toBe(true);
      await expectNoAxeViolations(page, `home page of ${account.username}`);
      await signOut(page);
    }
    await context.close();
  });
});
