import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildCreditCode } from '../src/shared/domain/credit-code';
import { expectNoAxeViolations, tabUntilFocused } from './support/browser';
import {
  chooseByKeyboard,
  expectAnnounced,
  expectFocused,
  expectNoHorizontalScroll,
  heading,
  mainNav,
  useJourney,
} from './support/journey';

/**
 * Institutions: a county training officer registers one by keyboard (the credit code is checked
 * as it is typed) and puts it on notice; the demo institution's admin describes its premises and
 * creates an account, whose one-time password is shown once.
 */

const journey = useJourney();

const creditCode = buildCreditCode('5', '2', '620102', 'MJ900123');

async function openList(page: Page): Promise<void> {
  await mainNav(page).getByRole('link', { name: '培训机构' }).click();
  await heading(page, '培训机构').waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /共找到 \d+ 家培训机构/ })
    .waitFor();
}

describe('a county training officer', () => {
  it('registers an institution by keyboard and puts it on public notice', async () => {
    const { context, page } = await journey.signedIn('chengguan.peixun');
    await openList(page);
    await expectNoAxeViolations(page, 'institutions list');
    await page.getByRole('link', { name: '兰州市残疾人职业技能培训中心' }).waitFor();

    await tabUntilFocused(page, page.getByRole('link', { name: '登记培训机构' }), 60);
    await page.keyboard.press('Enter');
    await heading(page, '登记培训机构').waitFor();
    await expectNoAxeViolations(page, 'new institution form');

    await page.getByLabel('机构名称').fill('兰州市城关区键盘测试培训学校');
    await chooseByKeyboard(page, page.getByLabel('机构类型'), '培训机构');
    // a mistyped check character is named while typing, before any submit
    const code = page.getByLabel('统一社会信用代码');
    await code.fill(creditCode.slice(0, 17) + (creditCode[17] === '1' ? '2' : '1'));
    await page.getByText('统一社会信用代码校验码（第 18 位）不正确，请核对').waitFor();
    await expectNoAxeViolations(page, 'credit code error');
    await code.fill(creditCode.toLowerCase());
    await page.getByText('登记管理部门').waitFor();
    expect(await code.inputValue()).toBe(creditCode);
    await page.getByLabel('详细地址').fill('甘肃省兰州市城关区键盘路 1 号');
    await page.getByLabel('联系人', { exact: true }).fill('键盘老师');
    await page.getByLabel('联系电话').fill('0931-8000123');
    await page.getByRole('checkbox', { name: '坡道' }).check();
    await page.getByRole('checkbox', { name: '手语服务' }).check();
    await page.getByLabel('开设的职业（工种）').fill('保健按摩师\n电子商务师');
    const register = page.getByRole('button', { name: '登记', exact: true });
    await register.focus();
    await page.keyboard.press('Enter');

    await heading(page, '培训机构详情').waitFor();
    await expectAnnounced(page, '登记成功。');
    await expectNoAxeViolations(page, 'institution detail');
    await page.getByRole('tab', { name: '场所无障碍' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('tabpanel').getByText('手语服务').waitFor();
    await page.getByRole('tab', { name: '公示与变更记录' }).click();
    await page.getByRole('tabpanel').getByText('尚未提交公示', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'institution history tab');

    await page.getByRole('button', { name: '提交公示' }).click();
    const dialog = page.getByRole('dialog', { name: /提交公示/ });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'submit for notice dialog');
    await dialog.getByRole('button', { name: '确认提交公示' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectAnnounced(page, /已提交公示，公示截止/);
    await page.getByRole('tab', { name: '基本信息' }).click();
    await page.getByRole('tabpanel').getByText('公示中').waitFor();
    expect(await page.getByRole('button', { name: '提交公示' }).count()).toBe(0);

    // narrow screen: the tables scroll in their own box, the page does not
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page, 'institution detail at 320 px');
    await page.getByRole('button', { name: '菜单' }).click();
    await openList(page);
    await expectNoHorizontalScroll(page, 'institutions list at 320 px');

    // 200% text (the root font doubled) in a 640 px window
    await page.setViewportSize({ width: 640, height: 900 });
    for (const path of ['/institutions', '/institutions/new']) {
      await page.goto(`${journey.server.baseUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '32px';
      });
      await expectNoHorizontalScroll(page, `${path} at 200% text`);
    }
    await context.close();
  });
});

describe('the institution’s own admin', () => {
  it('describes its premises and creates an account for a colleague', async () => {
    const { context, page } = await journey.signedIn('jigou.demo');
    expect(await mainNav(page).getByRole('link', { name: '培训机构', exact: true }).count()).toBe(0);
    await mainNav(page).getByRole('link', { name: '我的机构' }).click();
    await heading(page, '我的机构').waitFor();
    await page.getByText('兰州市残疾人职业技能培训中心').first().waitFor();
    await expectNoAxeViolations(page, 'my institution');

    await page.getByRole('button', { name: '修改联系人、无障碍设施与开设职业' }).click();
    const editor = page.getByRole('heading', { name: '修改本机构信息' });
    await expectFocused(editor, 'profile editor heading');
    await page.getByRole('checkbox', { name: '助听环路（感应线圈）' }).check();
    await expectNoAxeViolations(page, 'my institution profile editor');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expectAnnounced(page, '已保存本机构的联系人、无障碍设施与开设职业。');

    await page.getByRole('tab', { name: '机构账号' }).click();
    await page.getByRole('button', { name: '新建账号' }).click();
    await expectFocused(page.getByLabel('用户名'), 'new account username');
    await page.getByLabel('用户名').fill('jigou.jiaowu');
    await page.getByLabel('姓名').fill('教务老师');
    await expectNoAxeViolations(page, 'new institution account form');
    await page.getByRole('button', { name: '建立账号' }).click();
    const secret = page.locator('.one-time-password');
    await secret.waitFor();
    await secret.getByText(/一次性密码：/).waitFor();
    await expectFocused(secret, 'one-time password box');
    await expectNoAxeViolations(page, 'one-time password shown');
    await page.getByRole('button', { name: /停用 教务老师/ }).waitFor();
    await context.close();
  });
});
