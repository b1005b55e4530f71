import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './support/browser';
import {
  apiAsPage,
  chooseByKeyboard,
  expectAnnounced,
  expectNoHorizontalScroll,
  heading,
  mainNav,
  press,
  typeInto,
  useJourney,
} from './support/journey';

/**
 * One subsidy from claim to payment (plan 四(二)), by keyboard alone: the institution submits the
 * demo trainee's completed claim (the engine checks it and keeps its explanation) → a 城关区 training
 * officer puts it on public notice and the public reads the masked list at 320 px → the period ends →
 * the 城关区 reviewer approves → the 兰州市 reviewer approves → 兰州市 finance approves it on the city
 * budget → the same finance officer makes a payment batch → the cashier pays it with a voucher
 * reference → the money trail shows every link from claim to payment.
 * The notice period is a few seconds here, and the settling loop runs every second.
 */

const journey = useJourney({ SUBSIDY_NOTICE_DAYS: '0.0001', NOTICE_SETTLE_SECONDS: '1' });

interface ClaimRow {
  id: string;
  claimNo: string;
  status: string;
  personName: string;
}

async function goTo(page: Page, navLabel: string, title: string): Promise<void> {
  await press(page, mainNav(page).getByRole('link', { name: navLabel, exact: true }));
  await heading(page, title).waitFor();
}

/** Ticks the checkbox of one claim by keyboard. */
async function tick(page: Page, claimNo: string): Promise<void> {
  const box = page.getByRole('checkbox', { name: `选择申领 ${claimNo}` });
  await box.focus();
  await page.keyboard.press('Space');
  await expect.poll(() => box.isChecked()).toBe(true);
}

/** The full text of the option of a native select that contains `part` (chooseByKeyboard needs it whole). */
async function optionContaining(select: Locator, part: string): Promise<string> {
  await expect.poll(() => select.evaluate((el: HTMLSelectElement, p) => [...el.options].some((o) => o.text.includes(p)), part)).toBe(true);
  return select.evaluate((el: HTMLSelectElement, p) => [...el.options].find((o) => o.text.includes(p))!.text, part);
}

async function approveStep(page: Page, claimNo: string, fund?: string): Promise<void> {
  await goTo(page, '补贴审核', '补贴审核');
  await tick(page, claimNo);
  if (fund) {
    const select = page.getByLabel('支付资金（财务审定时必选）');
    await chooseByKeyboard(page, select, await optionContaining(select, fund));
  }
  await expectNoAxeViolations(page, `review queue with ${claimNo} chosen`);
  await press(page, page.getByRole('button', { name: '审核通过', exact: true }));
  await expectAnnounced(page, '已办理 1 项');
}

describe('subsidy from claim to payment', () => {
  it('claim → notice → county approval → city approval → finance approval → payment batch → paid → money trail', async () => {
    // 1. The institution submits the demo trainee's claim, which it completed before.
    const { context: institutionContext, page: institution } = await journey.signedIn('jigou.demo');
    const drafts = await apiAsPage<{ items: ClaimRow[] }>(
      institution,
      'GET',
      `${journey.server.baseUrl}/api/subsidy-claims?status=draft&pageSize=50`,
    );
    const ready = await Promise.all(
      drafts.items.map((c) =>
        apiAsPage<ClaimRow & { bankAccountMasked: string | null; amountFen: number }>(
          institution,
          'GET',
          `${journey.server.baseUrl}/api/subsidy-claims/${c.id}`,
        ),
      ),
    );
    const claim = ready.find((c) => c.bankAccountMasked && c.amountFen > 0);
    expect(claim, 'the demo seed has a completed draft claim').toBeDefined();
    const claimNo = claim!.claimNo;

    await goTo(institution, '我的补贴申领', '我的补贴申领');
    await press(institution, institution.getByRole('link', { name: claimNo }));
    await heading(institution, '补贴申领详情').waitFor();
    await institution.getByRole('heading', { name: '填写申领（第 1 步，共 2 步）' }).waitFor();
    await expectNoAxeViolations(institution, 'claim form');
    await press(institution, institution.getByRole('button', { name: '保存并核对' }));
    await institution.getByRole('heading', { name: '核对申领信息（第 2 步，共 2 步）' }).waitFor();
    await expectNoAxeViolations(institution, 'claim check-your-answers');
    await press(institution, institution.getByRole('button', { name: '提交申领' }));
    await expectAnnounced(institution, `申领 ${claimNo} 已提交`);
    await institution
      .getByRole('table', { name: /补贴资格核查|核查/ })
      .first()
      .waitFor();
    await expect.poll(() => institution.getByText('通过', { exact: true }).count()).toBeGreaterThanOrEqual(6);
    await expectNoAxeViolations(institution, 'claim submitted with its eligibility explanation');
    await institutionContext.close();

    // 2. The county training officer puts it on public notice (the maker).
    const { context: officerContext, page: officer } = await journey.signedIn('chengguan.peixun');
    await goTo(officer, '补贴公示', '补贴公示');
    await tick(officer, claimNo);
    await press(officer, officer.getByRole('button', { name: '下一步：核对名单' }));
    await officer.getByRole('heading', { name: '请核对公示名单' }).waitFor();
    await expectNoAxeViolations(officer, 'subsidy list check');
    await press(officer, officer.getByRole('button', { name: '确认公示' }));
    await expectAnnounced(officer, '并公示');
    await officerContext.close();

    // the public reads the list, names masked, at 320 px
    const onNotice = await (async () => {
      const { context, page } = await journey.signedIn('chengguan.shenhe');
      const detail = await apiAsPage<{ status: string }>(page, 'GET', `${journey.server.baseUrl}/api/subsidy-claims/${claim!.id}`);
      await context.close();
      return detail.status;
    })();
    expect(['on_notice', 'noticed']).toContain(onNotice);
    const { context: publicContext, page: visitor } = await journey.newPage({ width: 320, height: 800 });
    await visitor.goto(`${journey.server.baseUrl}/public/notices`);
    await heading(visitor, '公示').waitFor();
    await press(visitor, visitor.getByRole('link', { name: /职业培训补贴公示名单/ }).first());
    const lines = visitor.getByRole('table', { name: /职业培训补贴公示名单/ });
    await lines.waitFor();
    expect(await lines.textContent()).toContain('*');
    expect(await lines.textContent()).not.toContain(claim!.personName);
    await expectNoAxeViolations(visitor, 'public subsidy list at 320 px');
    await expectNoHorizontalScroll(visitor, 'public subsidy list at 320 px');
    await publicContext.close();

    // 3. The period ends (seconds here): the county reviewer approves, then the city reviewer.
    const { context: countyContext, page: county } = await journey.signedIn('chengguan.shenhe');
    await expect
      .poll(
        async () =>
          (await apiAsPage<{ status: string }>(county, 'GET', `${journey.server.baseUrl}/api/subsidy-claims/${claim!.id}`)).status,
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('noticed');
    await approveStep(county, claimNo);
    await countyContext.close();

    const { context: cityContext, page: city } = await journey.signedIn('lanzhou.shenhe');
    await approveStep(city, claimNo);
    await cityContext.close();

    // 4. City finance approves it on the city budget and makes a payment batch.
    const { context: financeContext, page: finance } = await journey.signedIn('lanzhou.caiwu');
    await approveStep(finance, claimNo, '兰州市');
    await goTo(finance, '支付批次', '支付批次');
    await press(finance, finance.getByRole('link', { name: '编制支付批次' }));
    await heading(finance, '编制支付批次').waitFor();
    const fundSelect = finance.getByLabel('资金', { exact: true });
    await chooseByKeyboard(finance, fundSelect, await optionContaining(fundSelect, '待支付'));
    await tick(finance, claimNo);
    await press(finance, finance.getByRole('button', { name: '下一步：核对' }));
    await finance.getByRole('heading', { name: '核对批次信息' }).waitFor();
    await expectNoAxeViolations(finance, 'payment batch check');
    await press(finance, finance.getByRole('button', { name: '确认编制批次' }));
    await heading(finance, '支付批次详情').waitFor();
    await expectAnnounced(finance, '已编制支付批次');
    const batchUrl = finance.url();
    await financeContext.close();

    // 5. The cashier pays it (the maker of the batch may not).
    const { context: cashierContext, page: cashier } = await journey.signedIn('lanzhou.chuna');
    await cashier.goto(batchUrl);
    await heading(cashier, '支付批次详情').waitFor();
    await typeInto(cashier, cashier.getByLabel('凭证号'), 'JZ-2026-1129-001');
    await press(cashier, cashier.getByRole('button', { name: /^确认支付/ }));
    await expectAnnounced(cashier, '已支付：1 笔');
    await expectNoAxeViolations(cashier, 'batch paid');

    // 6. The money trail shows every link from the claim to the payment.
    await cashier.goto(`${journey.server.baseUrl}/subsidies/trail/claims/${claim!.id}`);
    await heading(cashier, '补贴资金流向').waitFor();
    await cashier.getByText('全部 10 个环节均已具备。').waitFor();
    for (const label of ['申领', '培训班', '考勤', '考核', '证书', '资格核查', '公示', '审核', '支付', '台账']) {
      await cashier.getByRole('heading', { level: 2, name: new RegExp(`^\\d+\\. ${label}`) }).waitFor();
    }
    expect(await cashier.getByText('此环节缺失。').count()).toBe(0);
    await expect.poll(async () => (await cashier.locator('.trail-links').textContent()) ?? '').toContain('JZ-2026-1129-001');
    await expectNoAxeViolations(cashier, 'money trail of a paid claim');
    await cashierContext.close();
  });
});
