import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, tabUntilFocused } from './support/browser';
import {
  chooseByKeyboard,
  expectAnnounced,
  expectFocused,
  expectNoHorizontalScroll,
  heading,
  mainNav,
  press,
  typeInto,
  useJourney,
} from './support/journey';

/**
 * Base accreditation, by keyboard alone: an institution applies with a document, the 城关区
 * reviewer reads it and accredits at the county tier, the public notice ends clean (about nine
 * seconds here), the base is on the public list and 城关区 turns green on the coverage map. Its
 * county evaluation offers no downgrade (the county tier is the lowest) and keeps it. Then the same
 * base goes up and down the tiers (分级动态管理): the 兰州市 reviewer promotes it to the city tier,
 * the promotion's notice ends clean, that reviewer's evaluation downgrades it back to the county
 * tier, and its history shows the accreditation, the promotion and the downgrade.
 */

const journey = useJourney({ NOTICE_DAYS: '0.0001', NOTICE_SETTLE_SECONDS: '1' });

const baseName = '兰州市盲人保健按摩职业培训基地';
const plaqueNo = 'GS-CG-2026-E2E';
const promotedPlaqueNo = 'GS-LZ-2026-E2E';
const fullMarks: [string, string][] = [
  ['场地设施与无障碍环境（0–20 分）', '20'],
  ['师资队伍（0–15 分）', '15'],
  ['培训组织与管理制度（0–15 分）', '15'],
  ['培训完成情况（结业率）（0–20 分）', '20'],
  ['学员满意度（0–15 分）', '15'],
  ['就业创业成效（0–15 分）', '15'],
];

async function openFromNav(page: Page, label: string, title: string): Promise<void> {
  await press(page, mainNav(page).getByRole('link', { name: label, exact: true }));
  await heading(page, title).waitFor();
}

describe('base accreditation', () => {
  it('apply → county accreditation → notice → public list and green county → city promotion → evaluation downgrade, with history', async () => {
    // 1. The institution applies.
    const { context: institutionContext, page: institution } = await journey.signedIn('jigou.demo');
    await openFromNav(institution, '基地挂牌', '基地挂牌');
    await expectNoAxeViolations(institution, 'accreditation list (institution)');
    await press(institution, institution.getByRole('link', { name: '申请基地挂牌' }));
    await heading(institution, '申请基地挂牌').waitFor();
    await expectNoAxeViolations(institution, 'apply form');

    // an empty submit lands on the error summary
    await press(institution, institution.getByRole('button', { name: '提交申请' }));
    const summary = institution.getByRole('alert').filter({ has: institution.getByRole('heading', { name: '请修改以下问题后再提交' }) });
    await summary.waitFor();
    await expectFocused(summary, 'error summary of the apply form');
    await expectNoAxeViolations(institution, 'apply form with errors');

    await typeInto(institution, institution.getByLabel('基地名称'), baseName);
    await chooseByKeyboard(institution, institution.getByLabel('基地类别'), '盲人按摩培训基地');
    await chooseByKeyboard(institution, institution.getByLabel('申请级别'), '县区级');
    await typeInto(institution, institution.getByLabel('培训职业（工种）'), '保健按摩师');
    await typeInto(institution, institution.getByLabel('申请说明'), '按摩实训室 3 间，盲文教材齐全。');
    // the file chooser is the browser's own dialog: the journey hands it the file
    await institution
      .getByLabel('申请材料')
      .setInputFiles({ name: '申请书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 e2e') });
    await institution.getByRole('list', { name: '已选择的文件' }).getByText('申请书.pdf').waitFor();
    await press(institution, institution.getByRole('button', { name: '提交申请' }));
    await heading(institution, `基地挂牌：${baseName}`).waitFor();
    await expectAnnounced(institution, '挂牌申请已提交');
    await institution.getByRole('table', { name: '挂牌概况' }).getByText('待审核').waitFor();
    await expectNoAxeViolations(institution, 'application detail (institution)');
    await institutionContext.close();

    // 2. The 城关区 reviewer accredits it at the county tier; it goes on public notice.
    const { context: reviewerContext, page: reviewer } = await journey.signedIn('chengguan.shenhe');
    await openFromNav(reviewer, '基地挂牌', '基地挂牌');
    await press(reviewer, reviewer.getByRole('link', { name: baseName }));
    await heading(reviewer, `基地挂牌：${baseName}`).waitFor();
    await expectNoAxeViolations(reviewer, 'application detail (reviewer)');
    // the reviewer can open the institution's document
    const [download] = await Promise.all([
      reviewer.waitForEvent('download'),
      press(reviewer, reviewer.getByRole('button', { name: '下载 申请书.pdf' }).first()),
    ]);
    expect(download.suggestedFilename()).toBe('申请书.pdf');
    const accreditForm = reviewer.locator('form[id="accredit"]');
    expect(await accreditForm.getByLabel('挂牌级别').evaluate((el: HTMLSelectElement) => [...el.options].map((o) => o.text))).toEqual([
      '县区级',
    ]);
    await typeInto(reviewer, accreditForm.getByLabel('牌匾编号'), plaqueNo);
    await typeInto(reviewer, accreditForm.getByLabel('审核意见'), '材料齐全，现场核查合格');
    await press(reviewer, accreditForm.getByRole('button', { name: '审核通过，进入公示' }));
    const announced = await expectAnnounced(reviewer, '审核通过，已进入公示');
    await expectFocused(announced, 'status line after accrediting');
    await reviewer.getByRole('table', { name: '挂牌概况' }).getByText('公示中').waitFor();
    await expectNoAxeViolations(reviewer, 'accreditation on notice');

    // 3. The notice period (about nine seconds here) ends clean and the server settles it.
    await expect
      .poll(
        async () => {
          await reviewer.reload();
          await heading(reviewer, `基地挂牌：${baseName}`).waitFor();
          return reviewer.getByRole('table', { name: '挂牌概况' }).getByText('已挂牌').count();
        },
        { timeout: 40_000, interval: 2_000, message: 'the accreditation takes effect when its notice ends' },
      )
      .toBe(1);
    // the history shows each step
    const historyTab = reviewer.getByRole('tab', { name: /^历史记录/ });
    await tabUntilFocused(reviewer, reviewer.getByRole('tab', { name: '申请信息' }), 80);
    await reviewer.keyboard.press('ArrowRight');
    await expectFocused(historyTab, 'history tab');
    const history = reviewer.getByRole('table', { name: '历史记录（全部步骤，按时间先后）' });
    for (const step of ['提交挂牌申请', '审核通过，挂牌并公示', '公示期满无异议，挂牌生效']) {
      await history.getByRole('cell', { name: step, exact: true }).waitFor();
    }
    await expectNoAxeViolations(reviewer, 'accreditation history');

    // 4. The public list (no login) shows it.
    const { context: publicContext, page: visitor } = await journey.newPage();
    await visitor.goto(`${journey.server.baseUrl}/public/bases`);
    await heading(visitor, '认定基地名单').waitFor();
    const row = visitor.getByRole('row').filter({ hasText: baseName });
    await row.waitFor();
    expect(await row.textContent()).toContain(plaqueNo);
    expect(await row.textContent()).toContain('县区级');
    await expectNoAxeViolations(visitor, 'public list of bases');
    await publicContext.close();

    // 5. 城关区 is green on the coverage map (and in the table beside it).
    await openFromNav(reviewer, '基地县区覆盖', '基地县区覆盖');
    await reviewer.getByRole('img', { name: '城关区：已覆盖（1 家基地）' }).waitFor();
    await reviewer.getByRole('row', { name: /城关区 兰州市 1 ✓ 已覆盖/ }).waitFor();
    await expectNoAxeViolations(reviewer, 'coverage page (county)');

    // The county tier is the lowest, so its evaluation offers keep, suspend or revoke, never a downgrade.
    await openFromNav(reviewer, '基地挂牌', '基地挂牌');
    await press(reviewer, reviewer.getByRole('link', { name: baseName }));
    await heading(reviewer, `基地挂牌：${baseName}`).waitFor();
    const countyEvaluation = reviewer.locator('form[id="evaluation"]');
    for (const [label, value] of fullMarks) await typeInto(reviewer, countyEvaluation.getByLabel(label, { exact: true }), value);
    await expectAnnounced(reviewer, '总分 100 分；评分表建议：保留');
    const decisions = await countyEvaluation.getByLabel('评估结论').evaluate((el: HTMLSelectElement) => [...el.options].map((o) => o.text));
    expect(decisions).toEqual(['请选择', '保留（维持现级别）（评分表建议）', '暂停', '摘牌']);
    await chooseByKeyboard(reviewer, countyEvaluation.getByLabel('评估结论'), '保留（维持现级别）（评分表建议）');
    await typeInto(reviewer, countyEvaluation.getByLabel('结论理由'), '首年运行良好');
    await press(reviewer, countyEvaluation.getByRole('button', { name: '记录评估结论' }));
    await expectAnnounced(reviewer, '评估已记录，结论：保留（维持现级别）');
    await reviewerContext.close();

    // 6. The 兰州市 reviewer promotes the same base to the city tier; the promotion goes on notice.
    const { context: cityContext, page: city } = await journey.signedIn('lanzhou.shenhe');
    await openFromNav(city, '基地县区覆盖', '基地县区覆盖');
    await city.getByRole('img', { name: '城关区：已覆盖（1 家基地）' }).waitFor();
    await city.getByRole('img', { name: /^红古区：未覆盖/ }).waitFor();
    await expectNoAxeViolations(city, 'coverage page (city)');
    await openFromNav(city, '基地挂牌', '基地挂牌');
    await press(city, city.getByRole('link', { name: baseName }));
    await heading(city, `基地挂牌：${baseName}`).waitFor();
    const overview = city.getByRole('table', { name: '挂牌概况' });
    await overview.getByRole('cell', { name: '县区级', exact: true }).waitFor();
    const promoteForm = city.locator('form[id="promote"]');
    expect(await promoteForm.getByLabel('晋升级别').evaluate((el: HTMLSelectElement) => [...el.options].map((o) => o.text))).toEqual([
      '市州级',
    ]);
    // the city reviewer does not manage the county-tier base: promotion is its only action here
    expect(await city.locator('form[id="evaluation"]').count()).toBe(0);
    await expectNoAxeViolations(city, 'promotion form');
    await typeInto(city, promoteForm.getByLabel('新牌匾编号'), promotedPlaqueNo);
    await press(city, promoteForm.getByRole('button', { name: '晋级…' }));
    const promoteDialog = city.getByRole('dialog', { name: `晋级为市州级基地：${baseName}` });
    await promoteDialog.waitFor();
    const reasonField = promoteDialog.getByLabel('原因');
    await expectFocused(reasonField, 'reason field of the promotion dialog');
    await city.keyboard.type('年度评估满分，带动就业成效突出');
    await expectNoAxeViolations(city, 'promotion reason dialog');
    await press(city, promoteDialog.getByRole('button', { name: '晋级并公示' }));
    const promoted = await expectAnnounced(city, '已晋级为市州级基地，进入公示');
    await expectFocused(promoted, 'status line after promoting');
    await overview.getByRole('row', { name: /晋级公示/ }).waitFor();
    await expectNoAxeViolations(city, 'promotion on notice');

    // 7. The promotion's notice ends clean: the base is city tier, with the new plaque number.
    await expect
      .poll(
        async () => {
          await city.reload();
          await heading(city, `基地挂牌：${baseName}`).waitFor();
          return overview.getByRole('cell', { name: '市州级', exact: true }).count();
        },
        { timeout: 40_000, interval: 2_000, message: 'the promotion takes effect when its notice ends' },
      )
      .toBe(1);
    await overview.getByRole('cell', { name: promotedPlaqueNo, exact: true }).waitFor();
    await expectNoAxeViolations(city, 'promoted base');

    // 8. The 兰州市 reviewer, who manages it now, evaluates it and downgrades it to the county tier.
    const evaluation = city.locator('form[id="evaluation"]');
    const scores: [string, string][] = [
      ['场地设施与无障碍环境（0–20 分）', '12'],
      ['师资队伍（0–15 分）', '12'],
      ['培训组织与管理制度（0–15 分）', '12'],
      ['培训完成情况（结业率）（0–20 分）', '14'],
      ['学员满意度（0–15 分）', '12'],
      ['就业创业成效（0–15 分）', '12'],
    ];
    for (const [label, value] of scores) await typeInto(city, evaluation.getByLabel(label, { exact: true }), value);
    await expectAnnounced(city, '总分 74 分；评分表建议：降级');
    await chooseByKeyboard(city, evaluation.getByLabel('评估结论'), '降级（评分表建议）');
    await evaluation.getByLabel('降至级别').waitFor();
    await typeInto(city, evaluation.getByLabel('结论理由'), '场地设施未达市州级标准，降为县区级');
    await expectNoAxeViolations(city, 'evaluation form filled');
    await press(city, evaluation.getByRole('button', { name: '记录评估结论' }));
    await expectAnnounced(city, '评估已记录，结论：降级');
    await overview.getByRole('cell', { name: '县区级', exact: true }).waitFor();

    // 9. The history shows the accreditation, the promotion and the downgrade.
    await tabUntilFocused(city, city.getByRole('tab', { name: '申请信息' }), 80);
    await city.keyboard.press('ArrowRight');
    const cityHistory = city.getByRole('table', { name: '历史记录（全部步骤，按时间先后）' });
    for (const step of [
      '审核通过，挂牌并公示',
      '公示期满无异议，挂牌生效',
      '晋级（升级）并公示',
      '晋级公示期满无异议，晋级生效',
      '定期评估',
      '降级',
    ]) {
      // two evaluations (the county's keep, the city's downgrade): any one of a step's rows will do
      await cityHistory.getByRole('cell', { name: step, exact: true }).first().waitFor();
    }
    await cityHistory.getByRole('cell', { name: /级别：县区级 → 市州级/ }).waitFor();
    await cityHistory.getByRole('cell', { name: /级别：市州级 → 县区级/ }).waitFor();
    await expectNoAxeViolations(city, 'history after the promotion and the downgrade');
    await city.keyboard.press('ArrowRight');
    await city.getByRole('table', { name: '定期评估记录' }).getByRole('cell', { name: '74', exact: true }).waitFor();

    // 10. At 320 px the coverage page reflows (the table scrolls in its own box).
    await city.setViewportSize({ width: 320, height: 800 });
    await openFromNav(city, '基地县区覆盖', '基地县区覆盖').catch(async () => {
      await city.goto(`${journey.server.baseUrl}/coverage`);
      await heading(city, '基地县区覆盖').waitFor();
    });
    await expectNoHorizontalScroll(city, 'coverage page at 320 px');
    await cityContext.close();
  });
});
