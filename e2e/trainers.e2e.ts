import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../src/shared/domain/identity-number';
import { todayInChina } from '../src/shared/domain/person-validation';
import { addDays } from '../src/shared/domain/trainer-rotation';
import { expectNoAxeViolations } from './support/browser';
import { chooseByKeyboard, expectAnnounced, expectNoHorizontalScroll, heading, mainNav, useJourney } from './support/journey';

/**
 * Trainer pool: a county training officer finds the demo trainer who is one day overdue, records
 * the rotation that puts them back in cycle, asks whether they may teach, and registers a trainer
 * (a wrong ID number is named in the error summary first). Every state is checked with axe.
 */

const journey = useJourney();

const today = todayInChina();
// demo-trainers.ts: 马玉霞 of 城关区 joined exactly five years and one day ago and has no rotation
const overdueTrainer = '马玉霞';

async function openList(page: Page): Promise<void> {
  await mainNav(page).getByRole('link', { name: '师资库' }).click();
  await heading(page, '师资库').waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /共找到 \d+ 名师资/ })
    .waitFor();
}

describe('a county training officer', () => {
  it('finds an overdue trainer, records the rotation and asks whether they may teach', async () => {
    const { context, page } = await journey.signedIn('chengguan.peixun');
    await openList(page);
    await expectNoAxeViolations(page, 'trainer list');

    await chooseByKeyboard(page, page.getByLabel('轮训状态'), '已逾期');
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: overdueTrainer }) });
    await row.getByText('已逾期 1 天', { exact: false }).waitFor();
    // the state is a word in the badge, not only a colour
    await row.getByText('已逾期', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'trainer list filtered to overdue');

    await row.getByRole('link', { name: overdueTrainer }).click();
    await heading(page, '师资详情').waitFor();
    await expectNoAxeViolations(page, 'trainer detail');

    await page.getByRole('tab', { name: /轮训记录/ }).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByText('已逾期未完成').waitFor();
    await expectNoAxeViolations(page, 'rotation tab');
    await panel.getByLabel('开始日期').fill(addDays(today, -4));
    await panel.getByLabel('结业日期').fill(today);
    await panel.getByLabel('学时').fill('40');
    await chooseByKeyboard(page, panel.getByLabel('培训地点'), '兰州市残疾人职业技能培训中心（省级师资研修基地）');
    await panel.getByLabel('培训主题').fill('无障碍教学方法');
    await panel.getByRole('button', { name: '登记轮训' }).click();
    await expectAnnounced(page, `已登记 ${today} 结业的轮训（合格）。`);
    await panel.getByText('周期内', { exact: true }).first().waitFor();
    await expectNoAxeViolations(page, 'rotation recorded');

    await page.getByRole('tab', { name: '能否授课' }).click();
    await page.getByLabel('授课日期').fill(addDays(today, 30));
    await page.getByRole('tabpanel').getByRole('button', { name: '查询' }).click();
    await expectAnnounced(page, /可以授课/);
    await expectNoAxeViolations(page, 'may-teach answer');

    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page, 'trainer detail at 320 px');
    await context.close();
  });

  it('registers a trainer; a wrong ID number is named in the error summary', async () => {
    const { context, page } = await journey.signedIn('chengguan.peixun');
    await openList(page);
    await page.getByRole('link', { name: '师资入库' }).click();
    await heading(page, '师资入库').waitFor();
    await expectNoAxeViolations(page, 'new trainer form');
    // text at 200%: the form still fits the window without sideways scrolling
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    await expectNoHorizontalScroll(page, 'new trainer form with 200% text');
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '';
    });

    const first17 = '62010219850315207';
    const good = first17 + checkCharacter(first17);
    const bad = first17 + (good[17] === '1' ? '2' : '1');
    await page.getByLabel('身份证号').fill(bad);
    await page.getByLabel('姓名').fill('李键盘');
    await page.getByRole('checkbox', { name: '劳动模范' }).check();
    await page.getByLabel('授课职业（工种）').fill('保健按摩师、电子商务师');
    await page.getByRole('button', { name: '入库', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: '请修改以下问题后再提交' });
    await summary.getByText('身份证号：身份证号校验码不正确，请核对').waitFor();
    await expectNoAxeViolations(page, 'new trainer form with errors');

    await page.getByLabel('身份证号').fill(good);
    await page.getByRole('button', { name: '入库', exact: true }).click();
    await heading(page, '师资详情').waitFor();
    await expectAnnounced(page, '师资已入库。');
    expect(await page.getByText(good).count()).toBe(0);
    await context.close();
  });

  it('reads the due and overdue list, also at 320 px', async () => {
    const { context, page } = await journey.signedIn('chengguan.peixun');
    await mainNav(page).getByRole('link', { name: '师资轮训到期' }).click();
    await heading(page, '师资轮训到期与逾期').waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /共 \d+ 名师资，按轮训截止日先后排列/ })
      .waitFor();
    await expectNoAxeViolations(page, 'rotation due list');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page, 'rotation due list at 320 px');

    await page.getByRole('button', { name: '菜单' }).click();
    await mainNav(page).getByRole('link', { name: '师资研修基地' }).click();
    await heading(page, '师资研修基地').waitFor();
    await page.getByText('兰州市残疾人职业技能培训中心').first().waitFor();
    await expectNoAxeViolations(page, 'trainer-training bases');
    // a county officer reads the designations but cannot make one
    expect(await page.getByRole('heading', { name: '认定师资研修基地' }).count()).toBe(0);
    await context.close();
  });
});

describe('a provincial training officer', () => {
  it('designates a trainer-training base by keyboard', async () => {
    const { context, page } = await journey.signedIn('sheng.peixun');
    await mainNav(page).getByRole('link', { name: '师资研修基地' }).click();
    await heading(page, '师资研修基地').waitFor();
    await page.getByRole('heading', { name: '认定师资研修基地' }).waitFor();
    await expectNoAxeViolations(page, 'trainer-training bases, province');
    await chooseByKeyboard(page, page.getByLabel('培训机构'), '天水市麦积区残疾人职业培训基地（麦积区）');
    await page.getByLabel('说明（选填）').fill('陇东南片区师资研修');
    await page.getByRole('button', { name: '认定', exact: true }).press('Enter');
    await expectAnnounced(page, '已认定 天水市麦积区残疾人职业培训基地 为师资研修基地。');
    await page.getByRole('row').filter({ hasText: '天水市麦积区残疾人职业培训基地' }).getByText('现行').waitFor();
    await expectNoAxeViolations(page, 'base designated');
    await context.close();
  });
});
