import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, tabUntilFocused } from './support/browser';
import {
  DEMO_PASSWORD,
  expectAnnounced,
  expectFocused,
  expectVisibleFocus,
  heading,
  mainNav,
  signOut,
  submitLogin,
  totpCode,
  useJourney,
} from './support/journey';

/** Staff passwords last 10 days here, so every staff account is inside the 14-day warning. */
const journey = useJourney({ PASSWORD_MAX_AGE_DAYS: '10' });

async function detail(page: Page, term: string): Promise<string> {
  return page.evaluate((name) => {
    const dt = [...document.querySelectorAll('dt')].find((el) => el.textContent === name);
    return dt?.nextElementSibling?.textContent ?? '';
  }, term);
}

describe('我的账号', () => {
  it('warns of an expiring password on every page and changes it while signed in', async () => {
    const { context, page } = await journey.signedIn('chengguan.caiwu');
    const banner = page.getByRole('banner');
    await banner.getByText('您的登录密码将在 10 天后过期。').waitFor();
    const link = banner.getByRole('link', { name: '前往“我的账号”修改密码' });
    await expectNoAxeViolations(page, 'home with the password-expiry notice');

    await tabUntilFocused(page, link);
    await expectVisibleFocus(page, 'password-expiry link');
    await page.keyboard.press('Enter');
    await heading(page, '我的账号').waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await mainNav(page).getByRole('link', { name: '我的账号' }).getAttribute('aria-current')).toBe('page');
    expect(await detail(page, '用户名')).toBe('chengguan.caiwu');
    expect(await detail(page, '岗位角色')).toBe('财务人员');
    expect(await detail(page, '密码有效期')).toBe('还有 10 天');
    expect(await banner.getByRole('link', { name: '前往“我的账号”修改密码' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'account page');

    const form = page.getByRole('region', { name: '修改密码' });
    const current = form.getByLabel('当前密码', { exact: true });
    const fresh = form.getByLabel('新密码', { exact: true });
    const confirm = form.getByLabel('再次输入新密码');
    const newPassword = 'Caiwu#Fresh-2026';

    // A wrong current password: the server's answer lands in the summary, linked to the field.
    await current.fill('Not#TheRight-2026');
    await fresh.fill(newPassword);
    await form.getByText('✓ 新密码符合要求').waitFor();
    await confirm.fill(newPassword);
    await confirm.press('Enter');
    const summary = form.getByRole('alert').filter({ has: page.getByRole('heading', { name: '请修改以下问题后再提交' }) });
    await summary.waitFor();
    await expectFocused(summary, 'error summary on the account page');
    const fieldLink = summary.getByRole('link', { name: '当前密码：当前密码不正确' });
    await expectNoAxeViolations(page, 'account page, wrong current password');
    await fieldLink.focus();
    await page.keyboard.press('Enter');
    await expectFocused(current, 'current password after the summary link');

    await page.keyboard.press('Control+A');
    await page.keyboard.type(DEMO_PASSWORD);
    await tabUntilFocused(page, form.getByRole('button', { name: '修改密码' }));
    await page.keyboard.press('Enter');
    const done = await expectAnnounced(page, '密码已修改');
    await expectFocused(done, 'password-changed status');
    expect(await current.inputValue()).toBe('');
    await expectNoAxeViolations(page, 'account page, password changed');

    await signOut(page);
    await submitLogin(page, 'chengguan.caiwu', DEMO_PASSWORD);
    await page.getByRole('alert').filter({ hasText: '用户名或密码不正确' }).waitFor();
    await submitLogin(page, 'chengguan.caiwu', newPassword);
    await heading(page, '首页').waitFor();
    await context.close();
  });

  it('lets a trainee bind a second factor of their own', async () => {
    const { context, page } = await journey.signedIn('xueyuan.demo');
    // trainee passwords do not expire: no notice
    expect(await page.getByText(/您的登录密码/).count()).toBe(0);
    await mainNav(page).getByRole('link', { name: '我的账号' }).click();
    await heading(page, '我的账号').waitFor();
    expect(await detail(page, '动态验证码（第二因素）')).toBe('未绑定');
    expect(await detail(page, '密码有效期')).toBe('长期有效');
    const section = page.getByRole('region', { name: '动态验证码（第二因素）' });
    const start = section.getByRole('button', { name: '开始绑定' });
    const secretText = section.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{4})+$/);

    // Started and cancelled: focus returns to the start button.
    await tabUntilFocused(page, start, 60);
    await page.keyboard.press('Enter');
    await expectFocused(section.getByRole('group', { name: '绑定动态验证码' }), 'enrolment panel');
    const first = (await secretText.textContent())!.replace(/\s+/g, '');
    await expectNoAxeViolations(page, 'account page, enrolment open');
    await tabUntilFocused(page, section.getByRole('button', { name: '取消绑定' }));
    await page.keyboard.press('Enter');
    await expectFocused(start, 'start button after cancelling');

    // Started again: a new secret each time (a POST, never a GET).
    await page.keyboard.press('Enter');
    await secretText.waitFor();
    const secret = (await secretText.textContent())!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(secret).not.toBe(first);
    await section.getByRole('heading', { level: 3, name: '第 1 步：在身份验证器中添加本账号' }).waitFor();

    const code = section.getByLabel('动态验证码', { exact: true });
    await code.fill(totpCode(first));
    await section.getByRole('button', { name: '确认绑定' }).click();
    await section.getByRole('alert').filter({ hasText: '动态验证码不正确或已过期' }).waitFor();
    await expectNoAxeViolations(page, 'account page, enrolment code refused');

    await code.fill(totpCode(secret));
    await code.press('Enter');
    const done = await expectAnnounced(page, '动态验证码已绑定');
    await expectFocused(done, 'bound status');
    await section.getByText(/^已绑定。/).waitFor();
    expect(await detail(page, '动态验证码（第二因素）')).toBe('已绑定');
    await expectNoAxeViolations(page, 'account page, second factor bound');

    // The next login asks for it.
    await signOut(page);
    await submitLogin(page, 'xueyuan.demo', DEMO_PASSWORD);
    await heading(page, '输入动态验证码').waitFor();
    await page.getByLabel('动态验证码', { exact: true }).fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await heading(page, '首页').waitFor();
    await context.close();
  });
});
