import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../src/shared/domain/identity-number';
import { expectNoAxeViolations, tabUntilFocused } from './support/browser';
import {
  apiAsPage,
  chooseByKeyboard,
  expectFocused,
  expectNoHorizontalScroll,
  expectVisibleFocus,
  heading,
  signIn,
  signOut,
  useJourney,
} from './support/journey';

/**
 * Editing a person by keyboard alone without reading a full number: the ID number, certificate
 * number and phone stay masked, the education changes, then the phone changes through its own
 * “修改”. No unmask request is made, so no unmask audit row is written.
 */

const journey = useJourney();

// 城关区, born 1982-03-15; certificate 肢体残疾 二级
const idNumber = `62010219820315135${checkCharacter('62010219820315135')}`;
const person = {
  idNumber,
  certificateNumber: `${idNumber}42`,
  name: '键盘修改',
  countyCode: '620102',
  hukouRegionCode: '620102',
  phone: '13700001234',
  education: 'junior',
};

/** Every request the page makes that reads a full number. */
function watchUnmask(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/unmask')) seen.push(`${request.method()} ${request.url()}`);
  });
  return seen;
}

/** The detail page's value for a term (the text of the <dd> after its <dt>). */
async function detail(page: Page, term: string): Promise<string> {
  return page.evaluate((name) => {
    const dt = [...document.querySelectorAll('dt')].find((el) => el.textContent === name);
    return dt?.nextElementSibling?.textContent ?? '';
  }, term);
}

/** From the detail page: Tab to “修改信息”, Enter, and wait for the form with the masked numbers. */
async function openEdit(page: Page): Promise<void> {
  await tabUntilFocused(page, page.getByRole('link', { name: '修改信息' }), 60);
  await expectVisibleFocus(page, '修改信息 link');
  await page.keyboard.press('Enter');
  await heading(page, '修改人员信息').waitFor();
  await page.getByRole('button', { name: '修改身份证号' }).waitFor();
}

/** Submits the form by keyboard, checks the review, confirms, and lands on the detail page. */
async function reviewAndSave(page: Page, expected: Record<string, string | RegExp>): Promise<void> {
  await tabUntilFocused(page, page.getByRole('button', { name: '下一步：核对信息' }), 80);
  await page.keyboard.press('Enter');
  const review = page.getByRole('heading', { name: '请核对以下信息' });
  await review.waitFor();
  await expectFocused(review, 'review heading');
  for (const [term, value] of Object.entries(expected)) {
    const text = await detail(page, term);
    if (typeof value === 'string') expect(text, term).toBe(value);
    else expect(text, term).toMatch(value);
  }
  await expectNoAxeViolations(page, 'edit review');
  await tabUntilFocused(page, page.getByRole('button', { name: '确认保存修改' }), 10);
  await page.keyboard.press('Enter');
  await heading(page, '人员详情').waitFor();
  await page.getByRole('status').filter({ hasText: '修改已保存。' }).waitFor();
}

describe('editing a person without unmasking', () => {
  let personId = '';

  it('changes the education with the numbers masked, then the phone through its own “修改”', async () => {
    const { context, page } = await journey.newPage();
    const unmasked = watchUnmask(page);
    await signIn(page, journey.server.baseUrl, 'chengguan.dengji');
    personId = (await apiAsPage<{ id: string }>(page, 'POST', `${journey.server.baseUrl}/api/persons`, person)).id;
    await page.goto(`${journey.server.baseUrl}/persons/${personId}`);
    await heading(page, '人员详情').waitFor();

    // 1. Education only: the numbers are shown masked, nothing is loaded in full.
    await openEdit(page);
    const idButton = page.getByRole('button', { name: '修改身份证号' });
    expect(await page.getByText(`620${'*'.repeat(13)}${idNumber.slice(-2)}`).count()).toBe(1);
    expect(await page.getByText('137****1234').count()).toBe(1);
    // the mask is read in its spoken form, with the hint, as the button's description
    const description = await idButton.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(description).toContain(`身份证号 620 开头，${idNumber.slice(-2)} 结尾，中间 13 位已隐藏`);
    expect(description).toContain('需要更正时点击“修改”');
    expect(await page.getByRole('textbox', { name: /身份证号|残疾人证号|联系电话/ }).count()).toBe(0);
    await expectNoAxeViolations(page, 'edit form, numbers masked');

    await tabUntilFocused(page, page.getByLabel('文化程度'), 60);
    await chooseByKeyboard(page, page.getByLabel('文化程度'), '高中');
    await reviewAndSave(page, {
      身份证号: /（不修改）$/,
      残疾人证号: /（不修改）$/,
      联系电话: /137\*\*\*\*1234.*（不修改）$/,
      文化程度: '高中',
    });
    expect(await detail(page, '文化程度')).toBe('高中');
    expect(await detail(page, '联系电话')).toContain('137****1234');
    expect(unmasked).toEqual([]);

    // 2. The phone: “修改” opens an empty input and moves focus there; “取消修改” goes back.
    await openEdit(page);
    const phoneButton = page.getByRole('button', { name: '修改联系电话' });
    await tabUntilFocused(page, phoneButton, 60);
    await page.keyboard.press('Enter');
    const phone = page.getByRole('textbox', { name: '新的联系电话' });
    await expectFocused(phone, 'new phone input after 修改');
    expect(await phone.inputValue()).toBe('');
    await page.getByText('原联系电话：').waitFor();
    await expectNoAxeViolations(page, 'edit form, phone change open');

    // checked as typed with the shared rule; the message is the field's description
    await page.keyboard.type('12345');
    const error = page.getByText('电话号码格式不正确：手机号为 11 位，固定电话须带区号');
    await error.waitFor();
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    const errorId = await error.evaluate((el) => el.closest('[id]')?.id ?? '');
    expect((await phone.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
    await expectNoAxeViolations(page, 'edit form, phone invalid');

    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    const cancel = page.getByRole('button', { name: '取消修改联系电话，保留原号码' });
    await expectFocused(cancel, 'cancel the phone change');
    await page.keyboard.press('Enter');
    await expectFocused(phoneButton, '修改联系电话 after cancelling');
    expect(await phone.count()).toBe(0);
    expect(await error.count()).toBe(0);

    await page.keyboard.press('Enter');
    await expectFocused(phone, 'new phone input, opened again');
    await page.keyboard.type('139 1234 5678');
    await reviewAndSave(page, { 身份证号: /（不修改）$/, 联系电话: '13912345678', 文化程度: '高中' });
    expect(await detail(page, '联系电话')).toContain('139****5678');
    expect(await detail(page, '身份证号')).toContain(`620${'*'.repeat(13)}${idNumber.slice(-2)}`);
    expect(unmasked).toEqual([]);

    // the history names the changed fields only
    const saved = await apiAsPage<{ changes: { kind: string; fields: string[] }[] }>(
      page,
      'GET',
      `${journey.server.baseUrl}/api/persons/${personId}`,
    );
    expect(saved.changes.slice(0, 2).map((c) => c.fields)).toEqual([['phone'], ['education']]);
    await signOut(page);
    await context.close();
  });

  it('writes no unmask row to the audit trail', async () => {
    const { context, page } = await journey.signedIn('auditadmin');
    const rows = await apiAsPage<{ items: { action: string; targetId: string | null }[] }>(
      page,
      'GET',
      `${journey.server.baseUrl}/api/audit?action=persons.unmask&pageSize=100`,
    );
    expect(rows.items.filter((r) => r.targetId === personId)).toEqual([]);
    const updates = await apiAsPage<{ items: { action: string; targetId: string | null }[] }>(
      page,
      'GET',
      `${journey.server.baseUrl}/api/audit?action=persons.update&pageSize=100`,
    );
    expect(updates.items.filter((r) => r.targetId === personId)).toHaveLength(2);
    await context.close();
  });

  it('fits a 320 px wide screen with a change open', async () => {
    const { context, page } = await journey.newPage({ width: 320, height: 640 });
    await signIn(page, journey.server.baseUrl, 'chengguan.dengji');
    await page.goto(`${journey.server.baseUrl}/persons/${personId}/edit`);
    await heading(page, '修改人员信息').waitFor();
    const idButton = page.getByRole('button', { name: '修改身份证号' });
    await idButton.waitFor();
    await expectNoHorizontalScroll(page, 'edit form at 320 px');
    await expectNoAxeViolations(page, 'edit form at 320 px');
    await idButton.focus();
    await page.keyboard.press('Enter');
    await expectFocused(page.getByRole('textbox', { name: '新的身份证号' }), 'new ID number input at 320 px');
    await expectNoHorizontalScroll(page, 'edit form at 320 px, ID change open');
    await expectNoAxeViolations(page, 'edit form at 320 px, ID change open');
    await context.close();
  });
});
