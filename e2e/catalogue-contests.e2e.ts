import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../src/shared/domain/identity-number';
import { expectNoAxeViolations } from './support/browser';
import {
  apiAsPage,
  chooseByKeyboard,
  expectAnnounced,
  expectFocused,
  expectNoHorizontalScroll,
  heading,
  mainNav,
  useJourney,
} from './support/journey';

/**
 * Training supply, area D: the province training officer revises a catalogue programme and puts
 * the new version on notice; the public reads the catalogue without logging in; the demo contest
 * shows its entrants and results; the county officer reads the talent roster, the candidates and
 * an apprenticeship and records its progress. Every state is checked with axe, some at 320 px.
 */

const journey = useJourney();

async function openNav(page: Page, label: string, title: string): Promise<void> {
  await mainNav(page).getByRole('link', { name: label, exact: true }).click();
  await heading(page, title).waitFor();
}

describe('the training catalogue', () => {
  it('is revised by the province: a new version as a draft, edited, then put on notice', async () => {
    const { context, page } = await journey.signedIn('sheng.peixun');
    await openNav(page, '培训目录', '培训目录');
    await page
      .getByRole('status')
      .filter({ hasText: /共找到 \d+ 个项目版本/ })
      .waitFor();
    await expectNoAxeViolations(page, 'catalogue list');

    await chooseByKeyboard(page, page.getByLabel('特色品牌'), '保健（医疗）按摩');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('link', { name: '盲人保健按摩' }).click();
    await heading(page, '培训项目：盲人保健按摩').waitFor();
    await expectNoAxeViolations(page, 'programme detail');

    await page.getByRole('button', { name: '修订为新版本' }).click();
    await heading(page, '修改目录项目草稿').waitFor();
    await expectAnnounced(page, '已建立第 2 版草稿');
    await expectNoAxeViolations(page, 'draft edit form');
    await page.getByLabel('培训学时').fill('0');
    await page.getByRole('button', { name: '保存草稿' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '请修改以下问题后再提交' });
    await summary.waitFor();
    await expectFocused(summary, 'error summary');
    await expectNoAxeViolations(page, 'draft edit form with an error');
    await page.getByLabel('培训学时').fill('520');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expectAnnounced(page, '草稿已保存。');
    await page.getByRole('button', { name: '提交公示' }).click();
    const dialog = page.getByRole('dialog', { name: '提交公示' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'submit dialog');
    await dialog.getByRole('button', { name: '提交公示' }).click();
    await expectAnnounced(page, '已提交公示');
    await page.getByText(/公示中：/).waitFor();
    const history = page.getByRole('table', { name: /全部版本/ });
    await history.getByRole('link', { name: '第 1 版' }).waitFor();
    await expectNoAxeViolations(page, 'programme on notice');

    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page, 'programme on notice at 320 px');
    await context.close();
  });

  it('is open to the public without logging in, filtered by type', async () => {
    const { context, page } = await journey.newPage();
    await page.goto(`${journey.server.baseUrl}/public/catalogue`);
    await heading(page, '培训目录').waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /共 \d+ 个现行有效的培训项目/ })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: '电商客服' }).waitFor();
    await expectNoAxeViolations(page, 'public catalogue');
    await chooseByKeyboard(page, page.getByLabel('培训类型'), '农村实用技术培训');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('heading', { level: 2, name: '马铃薯种植' }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: '电商客服' }).count()).toBe(0);
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page, 'public catalogue at 320 px');
    await expectNoAxeViolations(page, 'public catalogue filtered, 320 px');
    await context.close();
  });
});

describe('contests and high-skill talent', () => {
  it('shows the demo contest to its organiser with editable results and the budget', async () => {
    const { context, page } = await journey.signedIn('sheng.peixun');
    await openNav(page, '职业技能竞赛', '职业技能竞赛');
    await page.getByRole('link', { name: /甘肃省第七届残疾人职业技能竞赛/ }).click();
    await heading(page, '甘肃省第七届残疾人职业技能竞赛（演示）').waitFor();
    const results = page.getByRole('table', { name: /参赛人员与成绩/ });
    await results.waitFor();
    await expectNoAxeViolations(page, 'contest detail (organiser)');
    await page.getByRole('table', { name: '经费明细' }).getByText('不属于培训补贴范围（提升计划明确不含）').first().waitFor();
    await page.getByRole('button', { name: '保存成绩与奖项' }).click();
    await expectAnnounced(page, /成绩已保存。5 名获奖人员已列入候选名单/);
    await expectNoAxeViolations(page, 'results saved');
    await context.close();
  });

  it('lets the county officer read the roster and candidates and record an apprenticeship’s progress', async () => {
    const { context, page } = await journey.signedIn('chengguan.peixun');
    await openNav(page, '高技能人才', '高技能人才名册');
    await page.getByRole('table', { name: '高技能人才名册' }).waitFor();
    await expectNoAxeViolations(page, 'talent roster');
    await openNav(page, '竞赛获奖候选人', '竞赛获奖候选人');
    await page.getByRole('table', { name: '竞赛获奖候选人' }).waitFor();
    await expectNoAxeViolations(page, 'candidates');
    await openNav(page, '带徒传技', '带徒传技');
    await page.getByRole('table', { name: '师徒结对' }).getByRole('link').first().click();
    await heading(page, '师徒结对详情').waitFor();
    await expectNoAxeViolations(page, 'apprenticeship detail');
    await page.getByLabel('进展情况').fill('完成打籽绣练习，针脚均匀。');
    await page.getByLabel('达成的阶段目标（可选）').fill('掌握打籽绣');
    await page.getByRole('button', { name: '记录进展' }).click();
    await expectAnnounced(page, /已记录 .* 的进展。/);
    await page.getByRole('table', { name: '带徒进展记录' }).getByText('掌握打籽绣').waitFor();
    await expectNoAxeViolations(page, 'progress recorded');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page, 'apprenticeship at 320 px');
    await context.close();
  });
});

describe('a county contest, by keyboard and form', () => {
  // 城关区, born 1993-06-21
  const idNumber = `62010219930621157${checkCharacter('62010219930621157')}`;

  it('is recorded, takes a registry person found by ID number, and its winner becomes a candidate', async () => {
    const { context: registrarContext, page: registrar } = await journey.signedIn('chengguan.dengji');
    await apiAsPage(registrar, 'POST', `${journey.server.baseUrl}/api/persons`, {
      idNumber,
      name: '赛场新秀',
      countyCode: '620102',
      hukouRegionCode: '620102',
    });
    await registrarContext.close();

    const { context, page } = await journey.signedIn('chengguan.peixun');
    await openNav(page, '职业技能竞赛', '职业技能竞赛');
    await page.getByRole('link', { name: '登记竞赛' }).click();
    await heading(page, '登记竞赛').waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    await expectFocused(page.getByRole('alert').filter({ hasText: '请修改以下问题后再提交' }), 'error summary');
    await expectNoAxeViolations(page, 'contest form with errors');
    await page.getByLabel('竞赛名称').fill('城关区残疾人面点技能比武');
    await chooseByKeyboard(page, page.getByLabel('竞赛级别'), '县区级');
    await page.getByLabel('竞赛项目（职业/工种）').fill('中式面点');
    await page.getByLabel('开始日期').fill('2026-05-10');
    await page.getByLabel('结束日期').fill('2026-05-10');
    await page.getByLabel('主办单位').fill('城关区残疾人联合会');
    await page.getByRole('button', { name: '保存' }).click();
    await heading(page, '城关区残疾人面点技能比武').waitFor();
    await expectAnnounced(page, '竞赛已登记。');
    await expectNoAxeViolations(page, 'new contest');

    await page.getByLabel('参赛人员的身份证号或残疾人证号').fill(idNumber);
    await page.getByRole('button', { name: '查找' }).click();
    await expectAnnounced(page, '已找到：赛场新秀（城关区）。');
    // the number is masked on screen once found
    expect(await page.getByText(idNumber).count()).toBe(0);
    await expectNoAxeViolations(page, 'entrant found');
    await page.getByRole('button', { name: '报名', exact: true }).click();
    await expectAnnounced(page, '赛场新秀 已报名“中式面点”。');
    await page.getByLabel('赛场新秀 的名次').fill('1');
    await page.getByLabel('赛场新秀 的成绩').fill('92.5');
    await chooseByKeyboard(page, page.getByLabel('赛场新秀 的奖项'), '一等奖');
    await page.getByRole('button', { name: '保存成绩与奖项' }).click();
    await expectAnnounced(page, /成绩已保存。1 名获奖人员已列入候选名单/);
    await expectNoAxeViolations(page, 'county contest with results');

    await openNav(page, '竞赛获奖候选人', '竞赛获奖候选人');
    const row = page.getByRole('row').filter({ hasText: '赛场新秀' });
    await row.getByText('高技能人才候选人').waitFor();
    expect(await row.getByText('师资库候选人').count()).toBe(0);
    await row.getByRole('button', { name: '纳入：赛场新秀（高技能人才候选人）', exact: true }).click();
    await expectAnnounced(page, '赛场新秀 已纳入高技能人才名册。');
    await expectNoAxeViolations(page, 'candidate accepted');
    await context.close();
  });
});
