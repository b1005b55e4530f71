import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { expectNoAxeViolations, launchBrowser, newContext, tabUntilFocused } from './support/browser';
import { expectFocused, expectNoHorizontalScroll, expectVisibleFocus, heading, mainNav, signIn } from './support/journey';
import { e2eTemplateDataDir, type RunningServer, startServer } from './support/server';

/**
 * The acceptance line of the public notice: a member of the public, on a phone-sized screen and by
 * keyboard alone, finds a notice, files an anonymous objection, keeps the code and looks it up; the
 * county training officer then sees the notice held with the objection pending. axe finds nothing.
 */
const TITLE = '城关区盲人按摩培训项目（拟列入培训目录）';
let server: RunningServer;
let browser: Browser;

/** A notice written straight into a copy of the seeded data dir, before the server opens it. */
async function seededDataDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'abletrain-e2e-notice-'));
  if (existsSync(join(e2eTemplateDataDir, 'PG_VERSION'))) cpSync(e2eTemplateDataDir, dir, { recursive: true });
  const database = await openDatabase({ dataDir: dir });
  await migrateToLatest(database.db);
  const now = Date.now();
  await database.db
    .insertInto('public_notice')
    .values({
      subject_kind: 'programme',
      subject_id: crypto.randomUUID(),
      region_code: '620102',
      title: TITLE,
      summary: '培训内容：中医推拿、保健按摩；培训机构：兰州市残疾人职业技能培训中心；计划 40 人。',
      starts_at: new Date(now - 3_600_000),
      ends_at: new Date(now + 5 * 86_400_000),
    })
    .execute();
  await database.close();
  return dir;
}

beforeAll(async () => {
  const dataDir = await seededDataDir();
  [server, browser] = await Promise.all([startServer({}, { dataDir }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function pressOn(page: Page, target: ReturnType<Page['getByRole']>, what: string) {
  await tabUntilFocused(page, target, 60);
  await expectVisibleFocus(page, what);
  await page.keyboard.press('Enter');
}

describe('公示与异议', () => {
  let lookupCode = '';

  it('a member of the public files an anonymous objection by keyboard at 320 px and looks it up', async () => {
    const context = await newContext(browser, { width: 320, height: 800 });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await heading(page, '登录').waitFor();
    await pressOn(page, page.getByRole('link', { name: /无需登录/ }), 'link to the public site');

    await heading(page, '公开信息').waitFor();
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('培训监督电话：12385');
    await expectNoAxeViolations(page, 'public home');
    await expectNoHorizontalScroll(page, 'public home at 320 px');

    const nav = page.getByRole('navigation', { name: '公开信息导航' });
    await pressOn(page, nav.getByRole('link', { name: '公示', exact: true }), 'nav link 公示');
    await heading(page, '公示').waitFor();
    const noticeLink = page.getByRole('main').getByRole('link', { name: TITLE });
    await noticeLink.waitFor();
    await expectNoAxeViolations(page, 'public notice list');
    await expectNoHorizontalScroll(page, 'public notice list at 320 px');

    await pressOn(page, noticeLink, 'notice link');
    await heading(page, TITLE).waitFor();
    await expectFocused(heading(page, TITLE), 'the notice page h1');
    await expectNoAxeViolations(page, 'public notice detail with the objection form');
    await expectNoHorizontalScroll(page, 'public notice detail at 320 px');

    // the honeypot is never reached by Tab; the content field is
    const content = page.getByLabel('异议内容');
    await tabUntilFocused(page, content, 60);
    await page.keyboard.type('培训场地在三楼，没有电梯和无障碍通道，盲人学员上下楼不安全。');
    await pressOn(page, page.getByRole('button', { name: '下一步：核对内容' }), 'next button');
    const check = page.getByRole('heading', { name: '请核对后提交' });
    await expectFocused(check, 'the check-your-answers heading');
    await expect.poll(() => page.getByRole('main').textContent()).toContain('匿名');
    await expectNoAxeViolations(page, 'check your answers');
    // a person reads the answers back; the server refuses forms sent within three seconds
    await page.waitForTimeout(3_000);
    await pressOn(page, page.getByRole('button', { name: '确认提交异议' }), 'submit button');

    const done = page.getByRole('heading', { name: '异议已提交' });
    await expectFocused(done, 'the confirmation heading');
    lookupCode = (await page.locator('.lookup-code').textContent()) ?? '';
    expect(lookupCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expectNoAxeViolations(page, 'objection filed, code shown');

    await pressOn(page, page.getByRole('link', { name: '用查询码查看处理情况' }), 'lookup link');
    await heading(page, '异议查询').waitFor();
    expect(await page.getByLabel('查询码').inputValue()).toBe(lookupCode);
    await pressOn(page, page.getByRole('button', { name: '查询' }), 'lookup button');
    const result = page.getByRole('heading', { name: '处理情况：处理中' });
    await expectFocused(result, 'the lookup result heading');
    await expectNoAxeViolations(page, 'lookup result');
    await expectNoHorizontalScroll(page, 'lookup result at 320 px');

    // the list now says the notice is held
    await page.goto(`${server.baseUrl}/public/notices`);
    await page.getByText('有异议，处理中').first().waitFor();

    // 200% text (the root font doubled) in a 640 px window: still one column, nothing cut off
    await page.setViewportSize({ width: 640, height: 900 });
    for (const path of ['/public/notices', '/public/objections/lookup', '/public']) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '32px';
      });
      await expectNoHorizontalScroll(page, `${path} at 200% text`);
    }
    await context.close();
  });

  it('the county training officer sees the notice held with the objection pending, and dismisses it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.baseUrl, 'chengguan.peixun');
    await pressOn(page, mainNav(page).getByRole('link', { name: '公示与异议' }), 'nav link 公示与异议');
    await heading(page, '公示与异议').waitFor();
    const row = page.getByRole('row').filter({ hasText: TITLE });
    await row.getByText('有异议，处理中').waitFor();
    await expectNoAxeViolations(page, 'staff notice list');

    await pressOn(page, row.getByRole('link', { name: TITLE }), 'notice link in the table');
    await heading(page, TITLE).waitFor();
    const card = page.getByRole('article', { name: /第 1 条：处理中/ });
    await card.getByText(lookupCode).waitFor();
    await expectNoAxeViolations(page, 'staff notice detail with a pending objection');

    await pressOn(page, card.getByRole('button', { name: '异议不成立：第 1 条异议' }), 'dismiss button');
    const dialog = page.getByRole('dialog', { name: /异议不成立/ });
    await dialog.waitFor();
    await expectFocused(dialog.getByLabel('原因'), 'the reason field');
    await page.keyboard.type('经现场核查，培训改在一楼教室进行');
    await expectNoAxeViolations(page, 'dismiss dialog');
    await pressOn(page, dialog.getByRole('button', { name: '确认异议不成立' }), 'confirm dismissal');
    await page.getByRole('status').filter({ hasText: '已处理：异议不成立。公示状态：公示中' }).waitFor();
    await page.getByRole('article', { name: /第 1 条：异议不成立/ }).waitFor();
    await expectNoAxeViolations(page, 'staff notice detail after the dismissal');
    await context.close();
  });
});
