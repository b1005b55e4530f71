import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type BrowserContext, type CDPSession, type Locator, type Page, type Route, request as http } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../src/shared/domain/identity-number';
import { expectNoAxeViolations, launchBrowser, newContext, tabUntilFocused } from './support/browser';
import { DEMO_PASSWORD, expectAnnounced, expectFocused, expectVisibleFocus, heading, mainNav } from './support/journey';
import { type RunningServer, startServer } from './support/server';

/**
 * The acceptance line of the import: a county registrar, in the browser and by keyboard alone,
 * downloads the template, imports a file with good and bad rows, watches progress, downloads the
 * error file, fixes it and re-imports; the counts match, and axe finds nothing on any state.
 */

let server: RunningServer;
let browser: Browser;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'abletrain-import-e2e-'));
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// the file: good rows of 城关区 (620102) and bad rows, each bad row with exactly one problem

/** Enough good rows that the real run lasts a few progress polls (one batch is 1,000 rows on PGlite). */
const GOOD_ROWS = 8000;
const NAME_PREFIX = '验收';

function idNumber(region: string, birth: string, sequence: number): string {
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** A wrong check character for a first-17: the right one shifted along the check alphabet. */
function withWrongCheck(id: string): string {
  const alphabet = '10X98765432';
  const right = checkCharacter(id.slice(0, 17));
  return id.slice(0, 17) + alphabet[(alphabet.indexOf(right) + 1) % alphabet.length];
}

const hanDigits = '零一二三四五六七八九';
const hanNumber = (n: number) => [...String(n)].map((d) => hanDigits[Number(d)]).join('');

/** Cells by template header (without the `*`). */
type Row = Record<string, string>;

/** The n-th good person: born from 1940 on, 400 per birth day (the demo persons are born 1950–2008). */
function goodPerson(n: number): Row {
  const day = new Date(Date.UTC(1940, 0, 1) + Math.floor(n / 400) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const id = idNumber('620102', day, (n % 400) + 100);
  return {
    身份证号: id,
    姓名: `${NAME_PREFIX}${hanNumber(n)}`,
    残疾人证号: `${id}${(n % 7) + 1}${(n % 4) + 1}`,
    登记县区代码: '620102',
    户籍地代码: '620102',
    城乡: n % 2 ? '城镇' : '农村',
    文化程度: '高中',
    手机号: `139${String(n).padStart(8, '0')}`,
    就业状况: '未就业',
    培训意愿: '就业技能培训、创业创新培训',
  };
}

/** Someone 七里河区 (620103) has already registered: the Chengguan registrar may not touch them. */
const registeredInQilihe = idNumber('620103', '19410601', 101);

interface BadRow {
  what: string;
  /** the row as first typed */
  row: Row;
  /** the error file's column and a fragment of its reason */
  column: string;
  reason: string;
  /** the corrected row, or null when the row cannot be fixed by this registrar and is taken out */
  fixed: Row | null;
}

function badRows(): BadRow[] {
  const person = (n: number, overrides: Row = {}): Row => ({ ...goodPerson(100_000 + n), ...overrides });
  const checksum = person(1);
  const certificate = person(2);
  const otherCounty = person(3, { 身份证号: idNumber('620103', '19420302', 123) });
  otherCounty['残疾人证号'] = `${otherCounty['身份证号']}42`;
  const phone = person(4);
  const noName = person(5);
  return [
    {
      what: 'ID number with a wrong check character',
      row: { ...checksum, 身份证号: withWrongCheck(checksum['身份证号']!) },
      column: '身份证号',
      reason: '身份证号校验码不正确',
      fixed: checksum,
    },
    {
      what: 'certificate number with category 9',
      row: { ...certificate, 残疾人证号: `${certificate['身份证号']}92` },
      column: '残疾人证号',
      reason: '残疾类别',
      fixed: certificate,
    },
    {
      what: 'filed under another county (登记县区 620103)',
      row: { ...otherCounty, 登记县区代码: '620103' },
      column: '登记县区代码',
      reason: '不能登记本账号管辖范围以外（620103）的人员',
      fixed: otherCounty,
    },
    {
      what: 'a seven-digit phone number',
      row: { ...phone, 手机号: '1381234' },
      column: '手机号',
      reason: '电话号码格式不正确',
      fixed: phone,
    },
    {
      what: 'no name',
      row: { ...noName, 姓名: '' },
      column: '姓名',
      reason: '请填写姓名',
      fixed: noName,
    },
    {
      what: 'a person 七里河区 has registered already',
      row: { ...person(6), 身份证号: registeredInQilihe, 残疾人证号: '' },
      column: '身份证号',
      reason: '该身份证号已在本账号管辖范围以外的县区登记',
      fixed: null,
    },
  ];
}

/** Where the bad rows sit among the good ones (0-based data row positions; past the end: last). */
const badPositions = [2, 7, 15, 40, 1500, GOOD_ROWS + 5];

/** The good rows with the bad (or fixed) ones put in at their positions; a null is left out. */
function fileRows(bad: (Row | null)[]): Row[] {
  const rows = Array.from({ length: GOOD_ROWS }, (_, n) => goodPerson(n));
  bad.forEach((row, i) => {
    if (row) rows.splice(Math.min(badPositions[i]!, rows.length), 0, row);
  });
  return rows;
}

/** The template, filled in: the data rows go into its 人员信息 sheet under its own headers. */
async function fillTemplate(template: Buffer, rows: Row[], name: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('人员信息')!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map((h) => String(h).replace('*', ''));
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] || null));
  const path = join(workDir, name);
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  return path;
}

// ---------------------------------------------------------------------------------------------
// the browser side

/** Signs in through the login form by keyboard alone. */
async function signInByKeyboard(page: Page, username: string): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await heading(page, '登录').waitFor();
  await tabUntilFocused(page, page.getByLabel('用户名', { exact: true }));
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await expectFocused(page.getByLabel('密码', { exact: true }), 'password field');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await heading(page, '首页').waitFor();
}

/** Tabs to a control and presses a key on it, checking the focus ring on the way. */
async function activate(page: Page, target: Locator, what: string, key = 'Enter'): Promise<void> {
  await tabUntilFocused(page, target, 60);
  await expectVisibleFocus(page, what);
  await page.keyboard.press(key);
}

/** Tabs to a download button, presses Enter and answers the file the browser saved. */
async function downloadByKeyboard(page: Page, trigger: Locator, what: string): Promise<{ name: string; bytes: Buffer }> {
  await tabUntilFocused(page, trigger, 60);
  await expectVisibleFocus(page, what);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

/** The summary table under its caption, as label → count. */
async function summaryCounts(page: Page, caption: string): Promise<Record<string, number>> {
  const table = page.getByRole('table', { name: caption });
  await table.waitFor();
  return table.evaluate((el) =>
    Object.fromEntries(
      [...el.querySelectorAll('tbody tr')].map((tr) => [tr.querySelector('th')!.textContent, Number(tr.querySelector('td')!.textContent)]),
    ),
  );
}

interface JobPoll {
  status: string;
  progress: number;
  total: number | null;
}

/**
 * Watches the wizard's progress polls (GET /api/jobs/:id) on their way to the page. It can hold
 * the next poll back so that the page stays in the state it shows, long enough for axe and the
 * accessibility tree to look at it; the import itself runs on in the server meanwhile.
 */
class JobPolls {
  readonly seen: JobPoll[] = [];
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  private freeze: { when: (poll: JobPoll) => boolean; shown: (poll: JobPoll) => void } | null = null;

  async attach(page: Page): Promise<void> {
    await page.route(/\/api\/jobs\/[0-9a-f-]+$/, (route) => this.handle(route));
  }

  /** Holds every poll back from now until `release`. */
  hold(): void {
    this.gate ??= new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
    this.openGate = null;
  }

  /** Resolves once a poll matching `when` has reached the page; the polls after it are held. */
  freezeOn(when: (poll: JobPoll) => boolean): Promise<JobPoll> {
    return new Promise((shown) => (this.freeze = { when, shown }));
  }

  private async handle(route: Route): Promise<void> {
    while (this.gate) await this.gate;
    const response = await route.fetch();
    const poll = (await response.json()) as JobPoll;
    this.seen.push({ status: poll.status, progress: poll.progress, total: poll.total });
    await route.fulfill({ response });
    if (this.freeze?.when(poll)) {
      const { shown } = this.freeze;
      this.freeze = null;
      this.hold();
      shown(poll);
    }
  }
}

interface ProgressbarState {
  valueNow: number | null;
  valueMax: number | null;
  valueText: string | null;
}

/**
 * The progress bar as assistive technology gets it: its value and maximum from Chromium's
 * accessibility tree (through CDP; `null` when the bar is indeterminate), its text from
 * aria-valuetext (CDP does not report that one). `null` when no progress bar has that name.
 */
async function progressbar(page: Page, cdp: CDPSession, name: string): Promise<ProgressbarState | null> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: {
      ignored: boolean;
      role?: { value: string };
      name?: { value: string };
      value?: { value: unknown };
      properties?: { name: string; value: { value: unknown } }[];
    }[];
  };
  const bar = nodes.find((n) => !n.ignored && n.role?.value === 'progressbar' && n.name?.value === name);
  if (!bar) return null;
  const valueNow = typeof bar.value?.value === 'number' ? bar.value.value : null;
  const max = bar.properties?.find((p) => p.name === 'valuemax')?.value.value;
  const valueText = await page
    .getByRole('progressbar', { name, exact: true })
    .getAttribute('aria-valuetext', { timeout: 1_000 })
    .catch(() => null);
  return { valueNow, valueMax: valueNow !== null && typeof max === 'number' ? max : null, valueText };
}

interface RunExpectation {
  dryRun: boolean;
  /** hold the page on the first poll that shows the run under way, and check the bar there */
  catchUnderWay: boolean;
  /** what the page shows while the first poll is still out ("正在准备") is checked too */
  checkPreparing: boolean;
  state: string;
}

/**
 * Starts a run with `start` (a key press) and watches it to the end: the labelled progress bar
 * in the accessibility tree, its live region, axe on each state held still, the polls in order,
 * and the result heading taking focus.
 */
async function watchRun(page: Page, cdp: CDPSession, polls: JobPolls, start: () => Promise<void>, run: RunExpectation): Promise<void> {
  const barName = run.dryRun ? '试运行检查进度' : '导入进度';
  const what = run.dryRun ? '试运行检查' : '导入';
  const from = polls.seen.length;
  if (run.checkPreparing) polls.hold();
  const underWay = run.catchUnderWay
    ? polls.freezeOn((p) => p.status === 'running' && p.total !== null && p.total > 0 && p.progress < p.total)
    : null;
  await start();

  const step = page.getByRole('heading', {
    level: 2,
    name: `第 ${run.dryRun ? 2 : 3} 步，共 3 步：${run.dryRun ? '试运行检查' : '正式导入'}`,
  });
  await step.waitFor();

  if (run.checkPreparing) {
    // the first poll is held: the page shows an indeterminate bar and says the run has begun
    await expect
      .poll(() => progressbar(page, cdp, barName), { message: `${run.state}: indeterminate bar`, timeout: 5_000 })
      .toEqual({
        valueNow: null,
        valueMax: null,
        valueText: '正在准备',
      });
    await expectAnnounced(page, `${what}已开始，正在准备`);
    await expectFocused(step, `${run.state}: step heading`);
    await expectNoAxeViolations(page, `${run.state}, preparing`);
    polls.release();
  }

  const result = page.getByRole('heading', { level: 3, name: run.dryRun ? '试运行检查完成（未写入任何数据）' : '导入完成' });
  if (underWay) {
    const caught = await Promise.race([underWay, result.waitFor({ timeout: 60_000 }).then(() => null)]);
    expect(caught, `${run.state}: the run ended before a progress poll saw it under way (more rows needed?)`).not.toBeNull();
    const poll = caught!;
    const percent = Math.floor((poll.progress / poll.total!) * 100);
    await expect
      .poll(() => progressbar(page, cdp, barName), { message: `${run.state}: bar under way`, timeout: 5_000 })
      .toEqual({
        valueNow: poll.progress,
        valueMax: poll.total,
        valueText: `${percent}%，已处理 ${poll.progress} 行，共 ${poll.total} 行`,
      });
    await expectAnnounced(page, `${what}已完成 ${Math.floor(percent / 10) * 10}%`);
    await expectNoAxeViolations(page, `${run.state}, under way`);
    polls.release();
  }

  await result.waitFor({ timeout: 60_000 });
  await expectFocused(result, `${run.state}: result heading`);
  expect(await progressbar(page, cdp, barName), `${run.state}: the bar is gone`).toBeNull();

  // the polls this run made: never backwards, ending in success
  const mine = polls.seen.slice(from);
  expect(mine.at(-1)?.status, `${run.state}: last poll`).toBe('succeeded');
  for (let i = 1; i < mine.length; i++) expect(mine[i]!.progress, `${run.state}: poll ${i}`).toBeGreaterThanOrEqual(mine[i - 1]!.progress);
}

/** Chooses an import strategy in the radio group with the arrow keys. */
async function chooseStrategy(page: Page, label: string): Promise<void> {
  const group = page.getByRole('group', { name: '导入方式' });
  const target = group.getByRole('radio', { name: label });
  await tabUntilFocused(page, group.getByRole('radio', { checked: true }), 60);
  await expectVisibleFocus(page, 'strategy radio');
  for (let i = 0; i < 4 && !(await target.isChecked()); i++) await page.keyboard.press('ArrowDown');
  expect(await target.isChecked(), `strategy ${label}`).toBe(true);
  await expectFocused(target, `strategy ${label}`);
}

/**
 * Step 1 by keyboard: the strategy, the file (set on the focused input, as the system's file
 * dialog would), then 上传并试运行检查. With `emptyFirst`, the form is first sent without a file:
 * the error summary takes focus and its link leads back to the file input.
 */
async function uploadStep(page: Page, path: string, strategy: string, emptyFirst = false): Promise<() => Promise<void>> {
  await chooseStrategy(page, strategy);
  const input = page.getByLabel('选择要导入的文件');
  const submit = page.getByRole('button', { name: '上传并试运行检查' });
  if (emptyFirst) {
    await activate(page, submit, 'upload button');
    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: '请修改以下问题后再提交' }) });
    await summary.waitFor();
    await expectFocused(summary, 'error summary of step 1');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'import wizard, step 1, no file chosen');
    await activate(page, summary.getByRole('link', { name: '请选择要导入的文件' }), 'summary link', 'Enter');
    await expectFocused(input, 'file input after the summary link');
  } else {
    await tabUntilFocused(page, input, 10);
  }
  await expectVisibleFocus(page, 'file input');
  await input.setInputFiles(path);
  await expectFocused(input, 'file input after choosing the file');
  expect(await input.getAttribute('aria-invalid'), 'the error clears once a file is chosen').toBeNull();
  await tabUntilFocused(page, submit, 5);
  await expectVisibleFocus(page, 'upload button');
  return () => page.keyboard.press('Enter');
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const cellText = (value: ExcelJS.CellValue): string => (value === null || value === undefined ? '' : String(value));

describe('批量导入 by the county registrar, by keyboard alone', () => {
  it('downloads the template, imports good and bad rows, downloads the error file, fixes it and re-imports', async () => {
    // 七里河区 has registered someone already (set up through the API, as that county's registrar)
    const neighbour = await http.newContext({ baseURL: server.baseUrl });
    const { csrfToken } = (await (await neighbour.get('/api/auth/session')).json()) as { csrfToken: string };
    const signedIn = await neighbour.post('/api/auth/login', {
      headers: { 'x-csrf-token': csrfToken },
      data: { username: 'qilihe.dengji', password: DEMO_PASSWORD },
    });
    expect(signedIn.status(), await signedIn.text()).toBe(200);
    const registered = await neighbour.post('/api/persons', {
      headers: { 'x-csrf-token': ((await signedIn.json()) as { csrfToken: string }).csrfToken },
      data: { idNumber: registeredInQilihe, name: '七里河已登记', countyCode: '620103', hukouRegionCode: '620103' },
    });
    expect(registered.status(), await registered.text()).toBe(200);
    await neighbour.dispose();

    const context: BrowserContext = await newContext(browser);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Accessibility.enable');
    const polls = new JobPolls();
    await polls.attach(page);

    // ---- sign in and open the wizard by keyboard
    await signInByKeyboard(page, 'chengguan.dengji');
    const importLink = mainNav(page).getByRole('link', { name: '导入', exact: true });
    await activate(page, importLink, 'navigation link 导入');
    const pageHeading = heading(page, '批量导入人员');
    await pageHeading.waitFor();
    await expectFocused(pageHeading, 'import page h1');
    expect(new URL(page.url()).pathname).toBe('/persons/import');
    expect(await importLink.getAttribute('aria-current')).toBe('page');
    const steps = page.getByRole('list', { name: '导入步骤' });
    expect(await steps.getByRole('listitem').allTextContents()).toEqual([
      '1第 1 步：准备并上传文件（当前步骤）',
      '2第 2 步：试运行检查（未开始）',
      '3第 3 步：正式导入（未开始）',
    ]);
    await expectNoAxeViolations(page, 'import wizard, step 1');

    // ---- the template
    const template = await downloadByKeyboard(page, page.getByRole('button', { name: '下载导入模板（.xlsx）' }), 'template button');
    expect(template.name).toBe('残疾人实名制登记导入模板.xlsx');
    expect(template.bytes.subarray(0, 2).toString('latin1'), 'an xlsx is a zip').toBe('PK');
    await expectAnnounced(page, '模板“残疾人实名制登记导入模板.xlsx”已开始下载。');
    const templateBook = await readWorkbook(template.bytes);
    expect(templateBook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['填写说明', 'visible'],
      ['人员信息', 'visible'],
      ['代码表', 'hidden'],
    ]);
    const dataSheet = templateBook.getWorksheet('人员信息')!;
    const headers = (dataSheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers.slice(0, 6)).toEqual(['身份证号*', '姓名*', '残疾人证号', '旧版证号(是/否)', '登记县区代码*', '户籍地代码*']);
    expect(dataSheet.actualRowCount, 'the data sheet holds headers only').toBe(1);
    await expectNoAxeViolations(page, 'import wizard, template downloaded');

    // ---- first file: good rows and bad rows
    const bad = badRows();
    const firstRows = fileRows(bad.map((b) => b.row));
    const firstPath = await fillTemplate(template.bytes, firstRows, '城关区人员导入.xlsx');
    const sheetRow = (row: Row) => firstRows.indexOf(row) + 2;

    const upload = await uploadStep(page, firstPath, '只新增（已登记的人员跳过）', true);
    await watchRun(page, cdp, polls, upload, { dryRun: true, checkPreparing: true, catchUnderWay: false, state: 'first dry run' });
    const firstRowCount = GOOD_ROWS + bad.length;
    await page.getByText(/^文件：城关区人员导入\.xlsx（\d+ KB）；导入方式：只新增（已登记的人员跳过）$/).waitFor();
    expect(await summaryCounts(page, '试运行结果')).toEqual({
      数据行数: firstRowCount,
      将新增: GOOD_ROWS,
      将更新: 0,
      无变化: 0,
      未通过: bad.length,
    });
    await page.getByText(`有 ${bad.length} 行未通过检查，正式导入时这些行会被跳过`).waitFor();
    expect(await steps.getByRole('listitem').nth(1).textContent()).toBe('2第 2 步：试运行检查（当前步骤）');
    await expectNoAxeViolations(page, 'first dry run finished');

    await watchRun(
      page,
      cdp,
      polls,
      () => activate(page, page.getByRole('button', { name: '下一步：正式导入（未通过的行不会导入）' }), 'start the real run'),
      { dryRun: false, checkPreparing: false, catchUnderWay: true, state: 'first import' },
    );
    expect(await summaryCounts(page, '导入结果')).toEqual({
      数据行数: firstRowCount,
      已新增: GOOD_ROWS,
      已更新: 0,
      无变化: 0,
      未通过: bad.length,
    });
    await page.getByText(`有 ${bad.length} 行未通过，没有导入`).waitFor();
    expect(await steps.getByRole('listitem').allTextContents()).toEqual([
      '✓第 1 步：准备并上传文件（已完成）',
      '✓第 2 步：试运行检查（已完成）',
      '3第 3 步：正式导入（当前步骤）',
    ]);
    await expectNoAxeViolations(page, 'first import finished');

    // ---- the error file: row, column and a reason in Chinese for every bad row
    const errorFile = await downloadByKeyboard(
      page,
      page.getByRole('button', { name: `下载错误明细（${bad.length} 行未通过）` }),
      'error file button',
    );
    expect(errorFile.name).toBe('导入错误明细-城关区人员导入.xlsx');
    await expectAnnounced(page, '错误明细“导入错误明细-城关区人员导入.xlsx”已开始下载。');
    await expectNoAxeViolations(page, 'error file downloaded');
    const problems = (await readWorkbook(errorFile.bytes)).worksheets[0]!;
    const lines: string[][] = [];
    problems.eachRow((row) => lines.push((row.values as ExcelJS.CellValue[]).slice(1).map(cellText)));
    expect(lines[0]).toEqual(['行号', '列', '原值', '问题']);
    const expectedLines = bad
      .map((b) => ({ row: sheetRow(b.row), column: b.column, reason: b.reason, what: b.what }))
      .sort((a, b) => a.row - b.row);
    expect(lines.slice(1).map(([row, column]) => [Number(row), column])).toEqual(expectedLines.map((l) => [l.row, l.column]));
    lines.slice(1).forEach(([, , , reason], i) => {
      expect(reason, expectedLines[i]!.what).toContain(expectedLines[i]!.reason);
      expect(reason, `${expectedLines[i]!.what}: a reason in Chinese`).toMatch(/\p{Script=Han}/u);
    });
    // ID numbers stay masked in the error file
    const errorText = lines.flat().join(' ');
    for (const { row, what } of bad) expect(errorText, `${what}: ID number in full`).not.toContain(row['身份证号']);

    // ---- fixed file: every row again, the bad ones corrected or taken out
    const fixedRows = fileRows(bad.map((b) => b.fixed));
    const fixedCount = bad.filter((b) => b.fixed).length;
    const fixedPath = await fillTemplate(template.bytes, fixedRows, '城关区人员导入-已修改.xlsx');

    await activate(page, page.getByRole('button', { name: '修改错误行后重新导入' }), 'restart button');
    const stepOne = page.getByRole('heading', { level: 2, name: '第 1 步，共 3 步：准备并上传文件' });
    await expectFocused(stepOne, 'step 1 heading after restarting');
    await expectNoAxeViolations(page, 'import wizard, step 1 again');

    const reupload = await uploadStep(page, fixedPath, '新增并更新已登记人员');
    await watchRun(page, cdp, polls, reupload, { dryRun: true, checkPreparing: true, catchUnderWay: false, state: 'second dry run' });
    await page.getByText(/^文件：城关区人员导入-已修改\.xlsx（\d+ KB）；导入方式：新增并更新已登记人员$/).waitFor();
    const secondCounts = { rows: GOOD_ROWS + fixedCount, created: fixedCount, unchanged: GOOD_ROWS };
    expect(await summaryCounts(page, '试运行结果')).toEqual({
      数据行数: secondCounts.rows,
      将新增: secondCounts.created,
      将更新: 0,
      无变化: secondCounts.unchanged,
      未通过: 0,
    });
    await page.getByText('所有行均通过检查。').waitFor();
    expect(await page.getByRole('button', { name: /^下载错误明细/ }).count()).toBe(0);
    await expectNoAxeViolations(page, 'second dry run finished');

    await watchRun(
      page,
      cdp,
      polls,
      () => activate(page, page.getByRole('button', { name: '下一步：正式导入（未通过的行不会导入）' }), 'start the second real run'),
      { dryRun: false, checkPreparing: true, catchUnderWay: false, state: 'second import' },
    );
    expect(await summaryCounts(page, '导入结果')).toEqual({
      数据行数: secondCounts.rows,
      已新增: secondCounts.created,
      已更新: 0,
      无变化: secondCounts.unchanged,
      未通过: 0,
    });
    await page.getByText('所有行均通过检查。').waitFor();
    await expectNoAxeViolations(page, 'second import finished');

    // ---- the persons are there: the list by name, then one of the fixed rows by its ID number
    await activate(page, page.getByRole('link', { name: '查看人员列表' }), 'link to the person list');
    await heading(page, '人员登记').waitFor();
    const filters = page.getByRole('search', { name: '筛选人员' });
    await tabUntilFocused(page, filters.getByLabel('姓名'), 60);
    await page.keyboard.type(NAME_PREFIX);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `共找到 ${secondCounts.rows} 人` })
      .waitFor();
    await expectNoAxeViolations(page, 'person list of the imported persons');

    const checksumFixed = bad[0]!.fixed!;
    await tabUntilFocused(page, page.getByLabel('身份证号或残疾人证号'), 60);
    await page.keyboard.type(checksumFixed['身份证号']!);
    await page.keyboard.press('Enter');
    await heading(page, '人员详情').waitFor();
    await page.getByText(`${checksumFixed['姓名']}（城关区）`, { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'detail of a person imported after the fix');

    // and through the API: as many persons as the fixed file has rows, each fixed row (and the first
    // and last good one) under its own name in 城关区
    const listed = await page.request.get(`${server.baseUrl}/api/persons?q=${encodeURIComponent(NAME_PREFIX)}&pageSize=1`);
    expect(((await listed.json()) as { total: number }).total).toBe(secondCounts.rows);
    const csrf = (await context.cookies()).find((c) => c.name === '__Host-at_csrf')!.value;
    for (const row of [...bad.flatMap((b) => (b.fixed ? [b.fixed] : [])), goodPerson(0), goodPerson(GOOD_ROWS - 1)]) {
      const found = await page.request.post(`${server.baseUrl}/api/persons/search-by-id`, {
        headers: { 'x-csrf-token': csrf },
        data: { number: row['身份证号'] },
      });
      const { person } = (await found.json()) as { person: { name: string; countyCode: string } | null };
      expect(person, row['姓名']).toMatchObject({ name: row['姓名'], countyCode: '620102' });
    }
    // the person 七里河区 holds stays theirs, out of this registrar's sight
    const neighbours = await page.request.post(`${server.baseUrl}/api/persons/search-by-id`, {
      headers: { 'x-csrf-token': csrf },
      data: { number: registeredInQilihe },
    });
    expect(((await neighbours.json()) as { person: unknown }).person).toBeNull();
    await context.close();
  }, 240_000);
});
