import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, tabUntilFocused } from './support/browser';
import {
  DEMO_PASSWORD,
  expectFocused,
  expectNoHorizontalScroll,
  expectVisibleFocus,
  heading,
  mainNav,
  signIn,
  signOut,
  submitLogin,
  useJourney,
} from './support/journey';

const journey = useJourney();

const switchName = '关怀模式（大字号、高对比度）';

function careSwitch(page: Page) {
  return page.getByRole('switch', { name: switchName });
}

async function looks(page: Page) {
  return page.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    const primary = document.querySelector('.ant-btn-primary');
    return {
      careClass: document.documentElement.classList.contains('care-mode'),
      rootFontSize: root.fontSize,
      textColor: getComputedStyle(document.body).color,
      primaryBackground: primary ? getComputedStyle(primary).backgroundColor : null,
    };
  });
}

async function savedCareMode(page: Page): Promise<boolean | undefined> {
  const res = await page.context().request.get(`${page.url().replace(/(https?:\/\/[^/]+).*/, '$1')}/api/auth/session`);
  return ((await res.json()) as { user: { careMode: boolean } | null }).user?.careMode;
}

/** Toggles the switch from the keyboard alone and waits for the page to follow. */
async function toggleByKeyboard(page: Page, on: boolean): Promise<void> {
  const toggle = careSwitch(page);
  // from the users page the Tab order passes every account row first (the demo has 23 accounts)
  await tabUntilFocused(page, toggle, 150);
  await expectVisibleFocus(page, '关怀模式 switch');
  await page.keyboard.press('Space');
  await expect.poll(() => toggle.getAttribute('aria-checked')).toBe(String(on));
  await expect.poll(async () => (await looks(page)).careClass).toBe(on);
}

describe('关怀模式 (large text, high contrast)', () => {
  it('switches on by keyboard, enlarges text and darkens the palette, and is kept with the account', async () => {
    const { context, page } = await journey.newPage();
    await page.goto(`${journey.server.baseUrl}/login`);
    await heading(page, '登录').waitFor();
    const standard = await looks(page);
    expect(standard).toMatchObject({ careClass: false, rootFontSize: '16px', primaryBackground: 'rgb(9, 88, 217)' });

    await toggleByKeyboard(page, true);
    const care = await looks(page);
    expect(care).toMatchObject({ careClass: true, rootFontSize: '20px', textColor: 'rgb(0, 0, 0)', primaryBackground: 'rgb(0, 58, 140)' });
    // antd's own controls follow the larger type too
    const inputFont = await page.getByLabel('用户名', { exact: true }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(inputFont).toBeGreaterThanOrEqual(20);
    await expectNoAxeViolations(page, 'login page in 关怀模式');

    // Chosen before signing in, it is saved to the account that signs in.
    await submitLogin(page, 'chengguan.jiuye', DEMO_PASSWORD);
    await heading(page, '首页').waitFor();
    expect(await careSwitch(page).getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => savedCareMode(page)).toBe(true);
    expect((await looks(page)).rootFontSize).toBe('20px');
    await expectNoAxeViolations(page, 'home page in 关怀模式');
    await mainNav(page).getByRole('link', { name: '我的账号' }).click();
    await heading(page, '我的账号').waitFor();
    await expectNoAxeViolations(page, 'account page in 关怀模式');

    // Still on after logging out on this screen ...
    await signOut(page);
    expect(await careSwitch(page).getAttribute('aria-checked')).toBe('true');
    await context.close();

    // ... and in a new browser, once the account signs in.
    const { context: fresh, page: other } = await journey.newPage();
    await other.goto(`${journey.server.baseUrl}/login`);
    await heading(other, '登录').waitFor();
    expect((await looks(other)).careClass).toBe(false);
    await submitLogin(other, 'chengguan.jiuye', DEMO_PASSWORD);
    await heading(other, '首页').waitFor();
    await expect.poll(async () => (await looks(other)).rootFontSize).toBe('20px');

    // Switched off again by keyboard: standard size, saved.
    await toggleByKeyboard(other, false);
    expect((await looks(other)).rootFontSize).toBe('16px');
    await expect.poll(() => savedCareMode(other)).toBe(false);
    await expectNoAxeViolations(other, 'home page after leaving 关怀模式');
    await fresh.close();
  });
});

describe('reflow', () => {
  it('fits a 320 px wide screen, standard and in 关怀模式, with the navigation behind a menu button', async () => {
    const { context, page } = await journey.newPage({ width: 320, height: 640 });
    await page.goto(`${journey.server.baseUrl}/login`);
    await heading(page, '登录').waitFor();
    await expectNoHorizontalScroll(page, 'login at 320 px');
    await expectNoAxeViolations(page, 'login at 320 px');

    await signIn(page, journey.server.baseUrl, 'secadmin');
    await expectNoHorizontalScroll(page, 'home at 320 px');

    const menu = page.getByRole('button', { name: '菜单' });
    const usersLink = mainNav(page).getByRole('link', { name: '用户管理' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await usersLink.isVisible()).toBe(false);
    await expectNoAxeViolations(page, 'home at 320 px, menu closed');
    await tabUntilFocused(page, menu);
    await page.keyboard.press('Enter');
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');
    await usersLink.waitFor();
    await expectNoHorizontalScroll(page, 'home at 320 px, menu open');
    await expectNoAxeViolations(page, 'home at 320 px, menu open');
    await tabUntilFocused(page, usersLink);
    await page.keyboard.press('Enter');
    await heading(page, '用户管理').waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /共找到 \d+ 个账号/ })
      .waitFor();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    await expectNoHorizontalScroll(page, 'users at 320 px');
    await expectNoAxeViolations(page, 'users at 320 px');

    await toggleByKeyboard(page, true);
    await expectNoHorizontalScroll(page, 'users at 320 px in 关怀模式');
    await expectNoAxeViolations(page, 'users at 320 px in 关怀模式');
    await menu.click();
    await mainNav(page).getByRole('link', { name: '首页' }).click();
    await heading(page, '首页').waitFor();
    await expectNoHorizontalScroll(page, 'home at 320 px in 关怀模式');
    await expectNoAxeViolations(page, 'home at 320 px in 关怀模式');
    await menu.click();
    await mainNav(page).getByRole('link', { name: '我的账号' }).click();
    await heading(page, '我的账号').waitFor();
    await expectNoHorizontalScroll(page, 'account at 320 px in 关怀模式');
    await expectNoAxeViolations(page, 'account at 320 px in 关怀模式');
    await toggleByKeyboard(page, false); // leave secadmin as it was for the other journeys
    await signOut(page);
    await expectNoHorizontalScroll(page, 'login at 320 px in 关怀模式');
    await context.close();
  });

  it('keeps every page within the window with text at 200 %', async () => {
    const { context, page } = await journey.newPage({ width: 640, height: 800 });
    const bigText = async () => {
      await page.addStyleTag({ content: 'html, html.care-mode { font-size: 32px !important; }' });
      await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('32px');
    };
    await page.goto(`${journey.server.baseUrl}/login`);
    await heading(page, '登录').waitFor();
    await bigText();
    await expectNoHorizontalScroll(page, 'login with 200 % text');
    await expectNoAxeViolations(page, 'login with 200 % text');

    await submitLogin(page, 'secadmin', DEMO_PASSWORD);
    await heading(page, '首页').waitFor();
    await expectNoHorizontalScroll(page, 'home with 200 % text');
    const menu = page.getByRole('button', { name: '菜单' });
    await menu.click();
    await mainNav(page).getByRole('link', { name: '用户管理' }).click();
    await heading(page, '用户管理').waitFor();
    await expectFocused(heading(page, '用户管理'), 'users h1');
    await expectNoHorizontalScroll(page, 'users with 200 % text');
    await expectNoAxeViolations(page, 'users with 200 % text');
    await context.close();
  });
});
