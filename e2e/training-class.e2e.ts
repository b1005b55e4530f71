import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInChina } from '../src/shared/domain/person-validation';
import { addDays } from '../src/shared/domain/trainer-rotation';
import { certificateNumber, idNumber } from '../src/server/modules/persons/person-import-fixtures';
import { expectNoAxeViolations } from './support/browser';
import {
  apiAsPage,
  chooseByKeyboard,
  expectAnnounced,
  expectFocused,
  expectNoHorizontalScroll,
  heading,
  mainNav,
  press,
  typeInto,
  signIn,
  useJourney,
} from './support/journey';

/**
 * One training class from opening application to a verified certificate (plan 三(五)), by keyboard
 * alone: the institution applies with a schedule whose first session is running now → the 城关区
 * reviewer approves → the institution enrols two registered persons and accepts a trainee's own
 * application → the class starts → attendance over three sessions, the trainee signing in by QR code
 * on a 390 px phone → a training officer inspects → exam results → completion submitted and
 * approved → certificates issued and one PDF downloaded → the public /verify page confirms it; the
 * trainee answers the satisfaction survey on the phone.
 * Submission lead time is 0 days here so the class may start today.
 */

const journey = useJourney({ CLASS_SUBMIT_LEAD_DAYS: '0' });

const className = '电商客服就业技能培训班（键盘全流程）';
const today = todayInChina();
const endsOn = addDays(today, 2);
const trainees = [
  { name: '马晓燕', id: idNumber('620102', '19930412', 62), category: 2 },
  { name: '杨建国', id: idNumber('620102', '19880907', 71), category: 4 },
];

/** The first session runs now (China time), so a QR code may be shown for it; the others follow on the next days. */
function nowSessionTimes(): { start: string; end: string } {
  const china = new Date(Date.now() + 8 * 3_600_000);
  const minutes = china.getUTCHours() * 60 + china.getUTCMinutes();
  const start = Math.max(0, minutes - 20);
  const end = Math.min(23 * 60 + 59, minutes + 100);
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { start: hhmm(start), end: hhmm(end) };
}

async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
}

async function openClass(page: Page, navLabel: string, listTitle: string): Promise<void> {
  await press(page, mainNav(page).getByRole('link', { name: navLabel, exact: true }));
  await heading(page, listTitle).waitFor();
  await press(page, page.getByRole('link', { name: className }).first());
  await heading(page, `培训班：${className}`).waitFor();
}

async function command(page: Page, button: string, announced: string): Promise<void> {
  await press(page, page.getByRole('button', { name: button, exact: true }));
  await expectAnnounced(page, announced);
}

describe('training class end to end', () => {
  it('apply → approve → enrol → attendance with a QR sign-in → inspection → exam → completion → certificate → public verification', async () => {
    // fixtures the journey does not test: two registered persons of 城关区
    const { context: registrarContext, page: registrar } = await journey.signedIn('chengguan.dengji');
    for (const t of trainees) {
      await apiAsPage(registrar, 'POST', `${journey.server.baseUrl}/api/persons`, {
        idNumber: t.id,
        certificateNumber: certificateNumber(t.id, t.category, 2),
        name: t.name,
        countyCode: '620102',
        hukouRegionCode: '620102',
      });
    }
    await registrarContext.close();

    // 1. The institution files the opening application.
    const { context: institutionContext, page: institution } = await journey.signedIn('jigou.demo');
    await press(institution, mainNav(institution).getByRole('link', { name: '我的培训班', exact: true }));
    await heading(institution, '我的培训班').waitFor();
    await press(institution, institution.getByRole('link', { name: '填写开班申请' }));
    await heading(institution, '填写开班申请').waitFor();
    await chooseByKeyboard(institution, institution.getByLabel('培训项目（现行培训目录）'), '电商客服（GS-DS-001）');
    await expect.poll(() => institution.getByLabel('学时').inputValue()).not.toBe('');
    await typeInto(institution, institution.getByLabel('培训班名称'), className);
    await typeInto(institution, institution.getByLabel('培训地点（详细地址）'), '兰州市城关区东岗西路 1 号 2 楼');
    for (const feature of ['无台阶入口或坡道', '无障碍卫生间']) {
      await institution.getByRole('checkbox', { name: feature }).focus();
      await institution.keyboard.press('Space');
    }
    await institution.getByLabel('开班日期').fill(today);
    await institution.getByLabel('结业日期').fill(endsOn);
    await typeInto(institution, institution.getByLabel('计划人数'), '20');
    await typeInto(institution, institution.getByLabel('预算（元）'), '36000');

    await press(institution, institution.getByRole('button', { name: '添加授课师资' }));
    const trainer = institution.getByLabel('师资', { exact: true });
    await trainer.focus();
    for (let i = 0; i < 30; i++) {
      await institution.keyboard.press('ArrowDown');
      const line = await institution
        .locator('.may-teach-line')
        .first()
        .textContent()
        .catch(() => '');
      if (line?.startsWith('可以授课')) break;
    }
    await institution.locator('.may-teach-line').first().getByText('可以授课').waitFor();

    const now = nowSessionTimes();
    const sessions = [
      { date: today, start: now.start, end: now.end, topic: '开班第一课：网店客服基础' },
      { date: addDays(today, 1), start: '09:00', end: '12:00', topic: '售前咨询与订单处理' },
      { date: endsOn, start: '09:00', end: '12:00', topic: '售后服务与结业考核' },
    ];
    for (const [index, s] of sessions.entries()) {
      await institution.getByLabel('上课日期', { exact: true }).fill(s.date);
      await institution.getByLabel('开始时间', { exact: true }).fill(s.start);
      await institution.getByLabel('结束时间', { exact: true }).fill(s.end);
      await typeInto(institution, institution.getByLabel('课程内容', { exact: true }), s.topic);
      await press(institution, institution.getByRole('button', { name: '添加到课表' }));
      await expectAnnounced(institution, `课表现有 ${index + 1} 个课次`);
    }
    await expectNoAxeViolations(institution, 'class application with its schedule');
    await press(institution, institution.getByRole('button', { name: '保存为草稿' }));
    await heading(institution, `培训班：${className}`).waitFor();
    await expectAnnounced(institution, '开班申请已保存为草稿');
    await command(institution, '提交开班申请', '已提交开班申请');
    await expectNoAxeViolations(institution, 'class submitted');

    // 2. The county reviewer approves it from the review queue.
    const { context: reviewerContext, page: reviewer } = await journey.signedIn('chengguan.shenhe');
    await openClass(reviewer, '开班审核', '开班与结业审核');
    await command(reviewer, '批准开班', '已批准开班');
    await expectNoAxeViolations(reviewer, 'class approved');

    // 3. Enrolment: two persons by ID number and name, then a trainee's own application (on a phone).
    await institution.reload();
    await heading(institution, `培训班：${className}`).waitFor();
    await openTab(institution, '学员');
    for (const t of trainees) {
      await typeInto(institution, institution.getByLabel('身份证号'), t.id);
      await typeInto(institution, institution.getByLabel('姓名'), t.name);
      await press(institution, institution.getByRole('button', { name: '录入学员' }));
      await expectAnnounced(institution, `已录取 ${t.name}`);
    }
    await expectNoAxeViolations(institution, 'roster with two trainees');

    const { context: phoneContext, page: phone } = await journey.newPage({ width: 390, height: 844 });
    await signIn(phone, journey.server.baseUrl, 'xueyuan.xin');
    await phone.goto(`${journey.server.baseUrl}/my/classes`);
    await heading(phone, '我的培训').waitFor();
    await press(phone, phone.getByRole('button', { name: `报名：${className}` }));
    await heading(phone, '确认报名信息').waitFor();
    await expectNoAxeViolations(phone, 'trainee confirms the application at 390 px');
    await press(phone, phone.getByRole('button', { name: '确认报名' }));
    await expectAnnounced(phone, '报名');
    await expectNoHorizontalScroll(phone, 'my classes at 390 px');

    await institution.reload();
    await heading(institution, `培训班：${className}`).waitFor();
    await openTab(institution, '学员');
    const accept = institution.getByRole('button', { name: /^录取 / });
    const applicant = ((await accept.getAttribute('aria-label')) ?? '').replace(/^录取 /, '');
    await press(institution, accept);
    await expectAnnounced(institution, `已录取 ${applicant}`);

    // 4. The class starts; attendance: a QR sign-in for the session running now, the roster for the rest.
    await openTab(institution, '概况');
    await command(institution, '开始培训', '已开始培训');
    await openTab(institution, '考勤');
    await press(institution, institution.getByRole('button', { name: '显示第 1 课签到二维码' }));
    const qrHeading = institution.getByRole('heading', { name: '第 1 课签到二维码' });
    await expectFocused(qrHeading, 'the QR panel heading');
    await expectNoAxeViolations(institution, 'QR sign-in code shown');
    const scanUrl = ((await institution.locator('.qr-link').textContent()) ?? '').trim();
    expect(scanUrl).toMatch(/\/attend\/[\w-]+$/);

    await phone.goto(scanUrl);
    await heading(phone, '确认签到').waitFor();
    await expectNoAxeViolations(phone, 'QR sign-in at 390 px');
    await expectNoHorizontalScroll(phone, 'QR sign-in at 390 px');
    await press(phone, phone.getByRole('button', { name: '确认签到' }));
    const signedIn = phone.getByRole('heading', { level: 1 });
    await expect.poll(() => signedIn.textContent()).toContain('签到');
    await expectFocused(signedIn, 'the sign-in result heading');
    await expectNoAxeViolations(phone, 'signed in by QR at 390 px');

    await press(institution, institution.getByRole('button', { name: '关闭二维码' }));
    await expectFocused(await expectAnnounced(institution, '已关闭二维码'), 'the status line after closing the QR code');
    for (const seq of [1, 2, 3]) {
      await press(institution, institution.getByRole('button', { name: `第 ${seq} 课点名` }));
      await expectFocused(institution.getByRole('heading', { name: `第 ${seq} 课点名` }), `the roster of session ${seq}`);
      await press(institution, institution.getByRole('button', { name: '全部勾选签到' }));
      await press(institution, institution.getByRole('button', { name: '保存点名' }));
      await expectAnnounced(institution, `已保存第 ${seq} 课点名`);
      if (seq === 1) await expectNoAxeViolations(institution, 'roster of the first session');
      await press(institution, institution.getByRole('button', { name: '关闭点名表' }));
      // focus returns to the tab's status line, which says the roster closed
      await expectFocused(await expectAnnounced(institution, '已关闭点名表'), 'the status line after closing the roster');
    }
    await institution.getByText(applicant).first().waitFor();
    await expectNoAxeViolations(institution, 'attendance after three sessions');

    // 5. A training officer inspects the running class and finds it in order.
    const { context: officerContext, page: officer } = await journey.signedIn('chengguan.peixun');
    await openClass(officer, '培训班', '培训班');
    await openTab(officer, '过程检查');
    await press(officer, officer.getByRole('button', { name: '安排检查' }));
    await expectAnnounced(officer, '已安排计划检查');
    await typeInto(officer, officer.getByLabel('检查发现'), '场地无障碍设施齐全，手语翻译到岗，签到记录与现场人数一致。');
    await press(officer, officer.getByRole('button', { name: '保存检查结果' }));
    await expectAnnounced(officer, '已记录检查结果：合格');
    await expectNoAxeViolations(officer, 'inspection recorded');
    await officerContext.close();

    // 6. Exam results and the completion review.
    await openTab(institution, '结业与证书');
    await institution.getByLabel('考核日期').fill(today);
    for (const score of await institution.locator('.exam-score-input').all()) {
      await typeInto(institution, score, '86');
    }
    await press(institution, institution.getByRole('button', { name: '保存考核成绩' }));
    await expectAnnounced(institution, '已保存考核成绩，全部学员已录入');
    await openTab(institution, '概况');
    await command(institution, '提交结业审核', '已提交结业审核');

    await reviewer.reload();
    await heading(reviewer, `培训班：${className}`).waitFor();
    await command(reviewer, '结业审核通过', '结业审核通过');
    await expectNoAxeViolations(reviewer, 'completion approved');
    await reviewerContext.close();

    // 7. Certificates, the PDF, and the public verification page.
    await institution.reload();
    await heading(institution, `培训班：${className}`).waitFor();
    await openTab(institution, '结业与证书');
    await press(institution, institution.getByRole('button', { name: /^颁发证书/ }));
    await expectAnnounced(institution, '已颁发 3 张培训合格证书');
    const downloading = institution.waitForEvent('download');
    await press(institution, institution.getByRole('button', { name: `下载 ${trainees[0]!.name} 的证书 PDF` }));
    const download = await downloading;
    const pdf = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of pdf) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expectNoAxeViolations(institution, 'certificates issued');

    await press(institution, institution.getByRole('link', { name: `查看 ${trainees[0]!.name} 的证书` }));
    await institution.getByRole('heading', { name: '培训合格证书' }).waitFor();
    const verifyUrl = (await institution.locator('.certificate-url a').getAttribute('href')) ?? '';
    expect(verifyUrl).toMatch(/\/verify\/[\w-]+$/);
    await expectNoAxeViolations(institution, 'certificate HTML twin');
    await institutionContext.close();

    // 8. The trainee answers the satisfaction survey on the phone: every question by keyboard, then checks and sends.
    await phone.goto(`${journey.server.baseUrl}/my/classes`);
    await heading(phone, '我的培训').waitFor();
    const mine = phone.getByRole('listitem').filter({ has: phone.getByRole('heading', { name: className }) });
    await mine.getByText(/培训合格证书：PXZ/).waitFor();
    await press(phone, mine.getByRole('link', { name: '评价这个培训班' }));
    await heading(phone, '培训满意度评价').waitFor();
    await expectNoAxeViolations(phone, 'satisfaction survey at 390 px');
    await expectNoHorizontalScroll(phone, 'satisfaction survey at 390 px');
    const questions = phone.locator('fieldset.survey-question');
    const count = await questions.count();
    expect(count).toBeGreaterThanOrEqual(6);
    for (let i = 0; i < count; i++) {
      await questions.nth(i).getByRole('radio', { name: '非常满意' }).focus();
      await phone.keyboard.press('Space');
    }
    await typeInto(phone, phone.getByLabel('还有什么想说的？（可以不填）'), '手语翻译很及时，谢谢老师。');
    await press(phone, phone.getByRole('button', { name: '下一步：检查答案' }));
    await expectFocused(phone.getByRole('heading', { name: '请检查您的答案' }), 'the check-your-answers heading');
    await expectNoAxeViolations(phone, 'survey answers checked at 390 px');
    await press(phone, phone.getByRole('button', { name: '提交评价' }));
    await expectFocused(phone.getByRole('heading', { name: '谢谢您的评价！' }), 'the thank-you heading');
    await phoneContext.close();

    const { context: publicContext, page: visitor } = await journey.newPage({ width: 320, height: 800 });
    await visitor.goto(verifyUrl);
    const result = visitor.getByRole('heading', { name: '核验结果：证书有效' });
    await result.waitFor();
    await expectFocused(result, 'the verification result');
    await visitor.getByText('马**').first().waitFor();
    expect(await visitor.getByRole('main').textContent()).not.toContain(trainees[0]!.name);
    await expectNoAxeViolations(visitor, 'public verification at 320 px');
    await expectNoHorizontalScroll(visitor, 'public verification at 320 px');
    await publicContext.close();
  });
});
