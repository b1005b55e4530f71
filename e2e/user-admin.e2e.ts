import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, tabUntilFocused } from './support/browser';
import {
  chooseByKeyboard,
  expectAnnounced,
  expectFocused,
  expectTabStaysInDialog,
  expectVisibleFocus,
  heading,
  mainNav,
  signOut,
  submitLogin,
  useJourney,
} from './support/journey';

const journey = useJourney();

const newUser = { username: 'ce.shi.yuan', displayName: '测试登记员' };
let oneTimePassword = '';

async function openUsersPage(page: Page): Promise<void> {
  await mainNav(page).getByRole('link', { name: '用户管理' }).click();
  await heading(page, '用户管理').waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /共找到 \d+ 个账号/ })
    .waitFor();
}

async function search(page: Page, keyword: string): Promise<void> {
  const box = page.getByRole('search', { name: '查询账号' });
  await box.getByLabel('关键字（用户名或姓名）').fill(keyword);
  await box.getByRole('button', { name: '查询' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /共找到 \d+ 个账号/ })
    .waitFor();
}

/** Opens a row action's dialog, gives a reason by keyboard, confirms and checks the announcement. */
async function rowAction(page: Page, button: string | RegExp, dialogName: string | RegExp, confirm: string, done: string): Promise<void> {
  const trigger = page.getByRole('button', { name: button });
  await trigger.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.waitFor();
  const reason = dialog.getByLabel('原因');
  await expectFocused(reason, `${String(dialogName)}: reason field`);
  await expectNoAxeViolations(page, `dialog ${String(dialogName)}`);
  await page.keyboard.type('端到端测试：核对账号状态');
  await tabUntilFocused(page, dialog.getByRole('button', { name: confirm, exact: true }), 6);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  const status = await expectAnnounced(page, done);
  await expectFocused(status, `status line after ${String(dialogName)}`);
}

describe('user administration by the security administrator', () => {
  it('creates a staff account by keyboard, disables, enables, unlocks, resets a second factor and exports', async () => {
    const { context, page } = await journey.signedIn('secadmin');
    await openUsersPage(page);
    await expectNoAxeViolations(page, 'users page');

    // New account, by keyboard only.
    await tabUntilFocused(page, page.getByRole('button', { name: '新建账号' }), 60);
    await expectVisibleFocus(page, '新建账号 button');
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: '新建账号' });
    await drawer.waitFor();
    await expectFocused(drawer.getByLabel('用户名'), 'username in the drawer');
    await expectNoAxeViolations(page, 'create-account drawer');

    // Submitting it empty puts an error summary at the top of the drawer.
    await tabUntilFocused(page, drawer.getByRole('button', { name: '创建账号' }), 30);
    await page.keyboard.press('Enter');
    const summary = drawer.getByRole('alert').filter({ has: page.getByRole('heading', { name: '请修改以下问题后再提交' }) });
    await summary.waitFor();
    await expectFocused(summary, 'error summary in the drawer');
    await summary.getByRole('link', { name: '请填写用户名' }).waitFor();
    await expectNoAxeViolations(page, 'create-account drawer with errors');

    await tabUntilFocused(page, drawer.getByLabel('用户名'));
    await page.keyboard.type(newUser.username);
    await page.keyboard.press('Tab');
    await expectFocused(drawer.getByLabel('账号类型'), 'account kind');
    expect(await drawer.getByLabel('账号类型').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(
      '残联工作人员',
    );
    await page.keyboard.press('Tab');
    await expectFocused(drawer.getByLabel('姓名'), 'display name');
    await page.keyboard.type(newUser.displayName);
    await page.keyboard.press('Tab');
    const region = drawer.getByLabel('所属区域');
    await expectFocused(region, 'region picker');
    await chooseByKeyboard(page, region, '城关区');
    const registrar = drawer.getByRole('group', { name: '岗位角色（至少选一项）' }).getByRole('checkbox', { name: '登记员' });
    await tabUntilFocused(page, registrar);
    await expectVisibleFocus(page, 'role checkbox');
    await page.keyboard.press('Space');
    expect(await registrar.isChecked()).toBe(true);
    // the administrator roles are the system administrator's to give
    expect(await drawer.getByRole('checkbox', { name: '审计管理员' }).count()).toBe(0);
    await tabUntilFocused(page, drawer.getByRole('button', { name: '创建账号' }));
    await page.keyboard.press('Enter');

    // The one-time password is shown once, and focus moves to it.
    await drawer.waitFor({ state: 'hidden' });
    const created = page.getByRole('alert').filter({ hasText: `账号已创建：${newUser.displayName}（用户名 ${newUser.username}）` });
    await created.waitFor();
    await expect
      .poll(() => created.evaluate((el) => document.activeElement !== document.body && !!document.activeElement?.contains(el)), {
        message: 'focus on the box holding the one-time password',
      })
      .toBe(true);
    const line = await page.getByText('一次性密码：').textContent();
    oneTimePassword = line!.replace('一次性密码：', '').trim();
    expect(oneTimePassword).toMatch(/^\S{12,}$/);
    await expectNoAxeViolations(page, 'one-time password shown');
    await page.getByRole('button', { name: '我已记下，关闭' }).click();

    await search(page, newUser.username);
    const name = `${newUser.displayName}（${newUser.username}）`;
    const row = page.getByRole('row').filter({ hasText: newUser.username });
    expect(await row.getByRole('cell', { name: '城关区' }).count()).toBe(1);
    expect(await row.getByText('待修改密码').count()).toBe(1);

    await rowAction(page, `停用 ${name}`, `停用账号：${newUser.displayName}`, '停用', `已停用：${newUser.displayName}`);
    await row.getByText('已停用').waitFor();
    await expectNoAxeViolations(page, 'users page after disabling');
    await rowAction(page, `启用 ${name}`, `启用账号：${newUser.displayName}`, '启用', `已启用：${newUser.displayName}`);
    await row.getByText('正常').waitFor();

    // Five wrong passwords from another browser lock the account.
    const { context: intruder, page: other } = await journey.newPage();
    await other.goto(`${journey.server.baseUrl}/login`);
    await heading(other, '登录').waitFor();
    for (let i = 0; i < 5; i++) {
      await submitLogin(other, newUser.username, `Wrong#Guess-${i}-2026`);
      await other
        .getByRole('alert')
        .filter({ hasText: /用户名或密码不正确|账号已临时锁定/ })
        .waitFor();
      await other.getByRole('button', { name: '登录', exact: true, disabled: false }).waitFor();
    }
    await other.getByRole('alert').filter({ hasText: '账号已临时锁定' }).waitFor();
    await expectNoAxeViolations(other, 'login page, account locked');
    await intruder.close();

    await search(page, newUser.username);
    await row.getByText('已锁定').waitFor();
    await rowAction(page, `解锁 ${name}`, `解锁账号：${newUser.displayName}`, '解锁', `已解锁：${newUser.displayName}`);
    await expect.poll(() => row.getByText('已锁定').count()).toBe(0);

    // The second factor of xigu.dengji; the modal keeps Tab inside.
    await search(page, 'xigu');
    const xigu = page.getByRole('row').filter({ hasText: 'xigu.dengji' });
    expect(await xigu.getByRole('cell', { name: '已绑定', exact: true }).count()).toBe(1);
    const resetButton = page.getByRole('button', { name: /^重置第二因素 .*（xigu\.dengji）$/ });
    await resetButton.focus();
    await page.keyboard.press('Enter');
    const resetDialog = page.getByRole('dialog', { name: /^重置第二因素：/ });
    await resetDialog.waitFor();
    await expectTabStaysInDialog(page, resetDialog, 'reset second factor dialog');
    // confirming without a reason names the missing field
    await tabUntilFocused(page, resetDialog.getByRole('button', { name: '重置', exact: true }), 6);
    await page.keyboard.press('Enter');
    await resetDialog.getByText('请填写原因').waitFor();
    expect(await resetDialog.getByLabel('原因').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'reset second factor dialog, reason missing');
    await page.keyboard.press('Escape');
    await resetDialog.waitFor({ state: 'hidden' });
    await expectFocused(resetButton, 'reset button after Escape');
    await rowAction(page, /^重置第二因素 .*（xigu\.dengji）$/, /^重置第二因素：/, '重置', '已重置第二因素');
    await xigu.getByRole('cell', { name: '未绑定', exact: true }).waitFor();

    // Export with the filter on screen: only the rows it shows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出账号清单' }).click()]);
    expect(download.suggestedFilename()).toBe('账号清单.xlsx');
    await expectAnnounced(page, '已开始下载：账号清单.xlsx');
    await expectNoAxeViolations(page, 'users page after export');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain('xigu.dengji');
    expect(cells).not.toContain('secadmin');
    await signOut(page);
    await context.close();
  });

  it('lets the new account in with its one-time password only after a new password is set', async () => {
    expect(oneTimePassword).not.toBe('');
    const { context, page } = await journey.newPage();
    await page.goto(`${journey.server.baseUrl}/login`);
    await heading(page, '登录').waitFor();
    await submitLogin(page, newUser.username, oneTimePassword);
    await heading(page, '设置新密码').waitFor();
    await expectNoAxeViolations(page, 'forced password change');

    const current = page.getByLabel('当前密码（一次性密码或原密码）');
    const fresh = page.getByLabel('新密码', { exact: true });
    const confirm = page.getByLabel('再次输入新密码');
    await current.fill(oneTimePassword);
    // The policy is checked as the person types, and read out with the field.
    await fresh.focus();
    await page.keyboard.type('abc');
    const problems = page.getByRole('listitem').filter({ hasText: '✗ 尚未满足' });
    await problems.first().waitFor();
    expect(await problems.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('12')]));
    const describedBy = (await fresh.getAttribute('aria-describedby')) ?? '';
    const description = await page.evaluate(
      (ids) =>
        ids
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      describedBy,
    );
    expect(description).toContain('尚未满足');
    await expectNoAxeViolations(page, 'forced password change, policy not met');
    await page.keyboard.type('Def#2026-xyz');
    await page.getByText('✓ 新密码符合要求').waitFor();
    expect(await problems.count()).toBe(0);
    await confirm.fill('abcDef#2026-xyz');
    await confirm.press('Enter');
    await heading(page, '首页').waitFor();
    await page.getByText('本账号区域：甘肃省 / 兰州市 / 城关区').waitFor();
    await signOut(page);

    // The one-time password is spent; the new one works.
    await submitLogin(page, newUser.username, oneTimePassword);
    await page.getByRole('alert').filter({ hasText: '用户名或密码不正确' }).waitFor();
    await submitLogin(page, newUser.username, 'abcDef#2026-xyz');
    await heading(page, '首页').waitFor();
    await context.close();
  });
});

describe('administrator accounts and the audit trail', () => {
  it('has the system administrator create an audit administrator', async () => {
    const { context, page } = await journey.signedIn('sysadmin');
    await openUsersPage(page);
    await expectNoAxeViolations(page, 'users page as system administrator');
    await page.getByRole('button', { name: '新建账号' }).click();
    const drawer = page.getByRole('dialog', { name: '新建账号' });
    await drawer.waitFor();
    // Only staff accounts and only the administrator roles.
    const kinds = await drawer.getByLabel('账号类型').evaluate((el: HTMLSelectElement) => [...el.options].map((o) => o.textContent));
    expect(kinds).toEqual(['残联工作人员']);
    const roles = drawer.getByRole('group', { name: '岗位角色（至少选一项）' }).getByRole('checkbox');
    expect(await roles.count()).toBe(3);
    expect(await drawer.getByRole('checkbox', { name: '登记员' }).count()).toBe(0);
    await drawer.getByLabel('用户名').fill('shenji.xin');
    await drawer.getByLabel('姓名').fill('新审计管理员');
    await drawer.getByRole('checkbox', { name: '审计管理员' }).check();
    await expectNoAxeViolations(page, 'create-account drawer as system administrator');
    await drawer.getByRole('button', { name: '创建账号' }).click();
    await page.getByText('账号已创建：新审计管理员（用户名 shenji.xin）').waitFor();
    await search(page, 'shenji.xin');
    await page.getByRole('row').filter({ hasText: 'shenji.xin' }).getByRole('cell', { name: '审计管理员', exact: true }).waitFor();
    await signOut(page);
    await context.close();
  });

  it('has the audit administrator search the log and verify the hash chain', async () => {
    const { context, page } = await journey.signedIn('auditadmin');
    await mainNav(page).getByRole('link', { name: '审计日志' }).click();
    await heading(page, '审计日志').waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /共找到 \d+ 条记录/ })
      .waitFor();
    await expectNoAxeViolations(page, 'audit page');

    const filters = page.getByRole('search', { name: '查询审计日志' });
    await filters.getByLabel('操作（如 auth.login）').fill('users.');
    await filters.getByLabel('关键字（操作人、对象）').fill('secadmin');
    await filters.getByRole('button', { name: '查询' }).click();
    const rows = async () => (await page.getByRole('table').getByRole('row').allTextContents()).slice(1);
    await expect
      .poll(async () => (await rows()).filter((text) => !text.includes('users.')), { message: 'rows outside the filter' })
      .toEqual([]);
    const found = (await rows()).join(' ');
    for (const action of ['users.create', 'users.disable', 'users.enable', 'users.unlock', 'users.reset-totp', 'users.export']) {
      expect(found).toContain(action);
    }
    await page
      .getByRole('status')
      .filter({ hasText: /共找到 [1-9]\d* 条记录/ })
      .waitFor();
    await expectNoAxeViolations(page, 'audit page with results');

    await tabUntilFocused(page, page.getByRole('button', { name: '校验哈希链' }), 60);
    await page.keyboard.press('Enter');
    const verdict = await expectAnnounced(page, /校验通过：共校验 \d+ 条记录，哈希链完整/);
    expect(await verdict.getAttribute('role')).toBe('status');
    await expectNoAxeViolations(page, 'audit page after verification');
    await signOut(page);
    await context.close();
  });
});
