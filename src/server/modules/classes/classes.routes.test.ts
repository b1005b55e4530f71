import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClassDetail, type ClassSummary, classTrainerRoles, type ReviewQueueItem } from '../../../shared/contracts/classes-contracts';
import { classTrainingTypes, periodCodes } from '../../../shared/domain/class-codes';
import type { TrainerDetail } from '../../../shared/contracts/trainers-contracts';
import { type ClassCommand, classCommands, classStatuses } from '../../../shared/domain/class-status';
import { checkCharacter } from '../../../shared/domain/identity-number';
import { todayInChina } from '../../../shared/domain/person-validation';
import { addDays, addYears } from '../../../shared/domain/trainer-rotation';
import { issuesOf, okBody } from '../../testing/answers';
import { itMatchesCodeLists } from '../../testing/check-constraints';
import { multipart } from '../../testing/multipart';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { demoInstitutionId, demoProgramme } from './class-fixtures';

/** "now" of the classes service: each test sets the China day it plays on */
let now = new Date('2027-03-05T10:00:00+08:00');
function setToday(day: string): void {
  now = new Date(`${day}T10:00:00+08:00`);
}

let t: TestApp;
let institution: TestClient; // jigou.demo, 兰州市残疾人职业技能培训中心 (620102)
let reviewer: TestClient; // chengguan.shenhe, reviewer of 620102
let officer: TestClient; // chengguan.peixun, training officer of 620102 (may waive, may not review)
let otherReviewer: TestClient; // reviewer of 七里河区 620103
let otherInstitution: TestClient; // an account of 兰州市城关区启智特殊教育学校 (620102)
let programme: { id: string; code: string; hours: number };
let inCycle: TrainerDetail; // linked to the centre, joined a year ago
let overdue: TrainerDetail; // linked to the centre, six years without rotation
let foreign: TrainerDetail; // linked to another institution only

const realToday = todayInChina();
// Friday 5 March 2027; the class starts 20 days later
const FRIDAY = '2027-03-05';
const STARTS = '2027-03-25';
const ENDS = '2027-04-02';

let sequence = 300;
function nextIdNumber(): string {
  sequence += 2;
  const first17 = `620102${'19820304'}${String(sequence + 1).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

async function createTrainer(name: string, joinedOn: string, institutionId: string): Promise<TrainerDetail> {
  const provinceOfficer = await t.loginAs('sheng.peixun');
  return okBody<TrainerDetail>(
    await provinceOfficer.post('/api/trainers', {
      idNumber: nextIdNumber(),
      name,
      phone: '13919310002',
      countyCode: '620102',
      sources: ['base_teacher'],
      engagement: 'part_time',
      occupations: ['电子商务师'],
      joinedOn,
      qualifications: [],
      institutions: [{ institutionId, role: 'teacher', fromOn: joinedOn }],
    }),
  );
}

const at = (day: string, time: string) => `${day}T${time}:00+08:00`;

function classBody(overrides: Record<string, unknown> = {}) {
  return {
    programmeId: programme.id,
    name: '电子商务客服培训班（2027 春季）',
    trainingType: 'employment_skills',
    venueBaseId: null,
    venueAddress: '兰州市城关区雁滩路 1 号',
    venueRegionCode: '620102',
    venueFeatures: ['step_free_entrance', 'accessible_toilet'],
    venueNotes: null,
    startsOn: STARTS,
    endsOn: ENDS,
    hours: 60,
    plannedSize: 20,
    budgetFen: 3_000_000,
    accommodationsOffered: ['sign_language'],
    examOn: ENDS,
    remarks: null,
    trainers: [{ trainerId: inCycle.id, role: 'lead' }],
    sessions: [
      { startsAt: at(addDays(STARTS, 1), '09:00'), endsAt: at(addDays(STARTS, 1), '12:00'), topic: '网店客服话术', trainerId: inCycle.id },
      { startsAt: at(STARTS, '09:00'), endsAt: at(STARTS, '12:00'), topic: '电商平台概述', trainerId: inCycle.id },
    ],
    ...overrides,
  };
}

async function createClass(overrides: Record<string, unknown> = {}): Promise<ClassDetail> {
  return okBody<ClassDetail>(await institution.post('/api/classes', classBody(overrides)));
}

async function detail(client: TestClient, id: string): Promise<ClassDetail> {
  return okBody<ClassDetail>(await client.get(`/api/classes/${id}`));
}

function run(client: TestClient, id: string, command: ClassCommand, body: Record<string, unknown>) {
  return client.post(`/api/classes/${id}/commands/${command}`, body);
}

async function step(client: TestClient, id: string, command: ClassCommand, comment?: string): Promise<ClassDetail> {
  const { version } = await detail(client, id);
  return okBody<ClassDetail>(await run(client, id, command, { version, ...(comment && { comment }) }));
}

/** A refused command: 409 with the message, and nothing about the class changed. */
async function expectRefused(client: TestClient, id: string, command: ClassCommand, message?: string): Promise<void> {
  const before = await detail(reviewer, id);
  const res = await run(client, id, command, { version: before.version, comment: '测试原因' });
  expect(res.statusCode, `${command}: ${res.body}`).toBe(409);
  expect(res.json().code).toBe('CONFLICT');
  if (message) expect(res.json().message).toBe(message);
  const after = await detail(reviewer, id);
  expect({ status: after.status, version: after.version, events: after.events.length }).toEqual({
    status: before.status,
    version: before.version,
    events: before.events.length,
  });
}

async function queue(client: TestClient): Promise<ReviewQueueItem[]> {
  return okBody<{ items: ReviewQueueItem[] }>(await client.get('/api/classes/review-queue')).items;
}

beforeAll(async () => {
  t = await buildTestApp({ clock: () => now });
  await t.createAccount({ username: 'qilihe.shenhe', roles: ['reviewer'], regionCode: '620103' });
  await t.createAccount({ username: 'qizhi.jigou', kind: 'institution', institutionName: '兰州市城关区启智特殊教育学校' });
  [institution, reviewer, officer, otherReviewer, otherInstitution] = await Promise.all([
    t.loginAs('jigou.demo'),
    t.loginAs('chengguan.shenhe'),
    t.loginAs('chengguan.peixun'),
    t.loginAs('qilihe.shenhe'),
    t.loginAs('qizhi.jigou'),
  ]);
  programme = await demoProgramme(t.database.db);
  const centre = await demoInstitutionId(t.database.db);
  inCycle = await createTrainer('赵明远', addYears(realToday, -1), centre.id);
  overdue = await createTrainer('钱立新', addYears(realToday, -6), centre.id);
  const school = await demoInstitutionId(t.database.db, '兰州市城关区启智特殊教育学校');
  foreign = await createTrainer('孙启智', addYears(realToday, -1), school.id);
}, 120_000);
afterAll(() => t.close());

describe('the code lists', () => {
  itMatchesCodeLists(
    () => t.database.db,
    [
      ['training_class', 'status', classStatuses],
      ['training_class', 'training_type', classTrainingTypes],
      ['training_class', 'period_code', periodCodes],
      ['class_trainer', 'role', classTrainerRoles],
      ['class_event', 'command', classCommands],
    ],
  );
});

describe('a class from application to closing', () => {
  let id: string;
  let documentId: string;
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('demo png body')]);

  it('creates a draft with the derived fields and sessions in time order', async () => {
    setToday(FRIDAY);
    const before = await t.lastAuditSeq();
    const created = await createClass();
    id = created.id;
    expect(created).toMatchObject({
      status: 'draft',
      version: 1,
      countyCode: '620102',
      countyName: '城关区',
      institutionName: '兰州市残疾人职业技能培训中心',
      programmeCode: programme.code,
      periodCode: 'short',
      trainingYear: 2027,
      budgetFen: 3_000_000,
      venueRegionName: '城关区',
      party: 'institution',
      today: FRIDAY,
      allowedCommands: ['submit', 'cancel'],
      canEdit: true,
      canWaive: false,
    });
    expect(created.classNo).toMatch(/^PX-620102-2027-\d{4,}$/);
    expect(created.sessions.map((s) => [s.seq, s.topic])).toEqual([
      [1, '电商平台概述'],
      [2, '网店客服话术'],
    ]);
    expect(created.trainers).toEqual([
      expect.objectContaining({
        trainerId: inCycle.id,
        name: '赵明远',
        role: 'lead',
        mayTeach: expect.objectContaining({ allowed: true }),
      }),
    ]);
    expect(created.events).toEqual([
      expect.objectContaining({ command: 'create', fromStatus: null, toStatus: 'draft', actorName: '培训机构联系人' }),
    ]);
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({ action: 'classes.create', outcome: 'success', target_id: id, region_code: '620102' }),
    );
  });

  it('shows the reviewer the class with the federation commands', async () => {
    const seen = await detail(reviewer, id);
    expect(seen).toMatchObject({ party: 'federation', allowedCommands: ['cancel'], canEdit: false, canWaive: true });
    // a training officer may waive but not review: no commands
    expect((await detail(officer, id)).allowedCommands).toEqual([]);
  });

  it('refuses a submission 14 days before the start with the Chinese reason', async () => {
    setToday(addDays(STARTS, -14));
    await expectRefused(institution, id, 'submit', '开班申请须在开班前至少 15 天提交（本班开班日期 2027-03-25，最迟 2027-03-10 提交）');
  });

  it('refuses commands out of order or by the wrong party, writing nothing', async () => {
    setToday(FRIDAY);
    await expectRefused(institution, id, 'approve', '“批准开班”由残联审核人员办理');
    await expectRefused(reviewer, id, 'approve', '培训班当前为“草稿”，不能批准开班');
    await expectRefused(institution, id, 'start');
    await expectRefused(institution, id, 'close');
    await expectRefused(reviewer, id, 'submit', '“提交开班申请”由培训机构办理');
  });

  it('submits 15 days (and more) before the start; the review is due five working days later, skipping the weekend', async () => {
    // exactly 15 days before is on time
    setToday(addDays(STARTS, -15));
    const onTime = await createClass();
    expect((await step(institution, onTime.id, 'submit')).status).toBe('submitted');
    // the class under test is submitted on Friday, 20 days before
    setToday(FRIDAY);
    const before = await t.lastAuditSeq();
    const submitted = await step(institution, id, 'submit');
    expect(submitted).toMatchObject({ status: 'submitted', reviewDueOn: '2027-03-12', overdue: false, version: 2 });
    expect(submitted.submittedAt).toBe(new Date(at(FRIDAY, '10:00')).toISOString());
    expect(submitted.events.at(-1)).toMatchObject({ command: 'submit', fromStatus: 'draft', toStatus: 'submitted', comment: null });
    expect(await t.auditSince(before)).toContainEqual(expect.objectContaining({ action: 'classes.submit', target_id: id }));
    // editing is closed while the application waits for review
    const edit = await institution.put(`/api/classes/${id}`, { ...classBody(), version: submitted.version });
    expect(edit.statusCode).toBe(409);
  });

  it('puts the class in the review queue, overdue the day after the due day', async () => {
    setToday('2027-03-12');
    expect((await queue(reviewer)).find((i) => i.id === id)).toMatchObject({ stage: 'opening', reviewDueOn: '2027-03-12', overdue: false });
    setToday('2027-03-13');
    expect((await queue(reviewer)).find((i) => i.id === id)).toMatchObject({ overdue: true });
    const home = okBody<{ tasks: { key: string; label: string; count: number; href: string }[] }>(await reviewer.get('/api/home'));
    expect(home.tasks).toContainEqual(expect.objectContaining({ key: 'classes.review', href: '/classes/review' }));
    expect(home.tasks.find((task) => task.key === 'classes.review')!.label).toMatch(/已逾期/);
  });

  it('a reviewer of another county neither sees nor reaches the class', async () => {
    expect((await otherReviewer.get(`/api/classes/${id}`)).statusCode).toBe(404);
    expect((await queue(otherReviewer)).map((i) => i.id)).not.toContain(id);
    const list = okBody<{ items: ClassSummary[] }>(await otherReviewer.get('/api/classes?pageSize=200'));
    expect(list.items.map((i) => i.id)).not.toContain(id);
    const res = await run(otherReviewer, id, 'approve', { version: 2 });
    expect(res.statusCode).toBe(404);
  });

  it('another institution gets 404 and an empty list', async () => {
    expect((await otherInstitution.get(`/api/classes/${id}`)).statusCode).toBe(404);
    expect(okBody<{ items: ClassSummary[]; total: number }>(await otherInstitution.get('/api/classes'))).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await run(otherInstitution, id, 'cancel', { version: 2, comment: '不办了' })).statusCode).toBe(404);
  });

  it('returns only with a comment', async () => {
    const { payload, headers } = multipart([{ filename: '修改意见.png', content: png, contentType: 'image/png' }]);
    documentId = okBody<{ id: string }>(await reviewer.request({ method: 'POST', url: '/api/files', payload, headers })).id;
    setToday('2027-03-08');
    const { version } = await detail(reviewer, id);
    const issues = issuesOf(await run(reviewer, id, 'return', { version }));
    expect(issues['body.comment']).toBe('请填写退回的原因和需要修改的内容');
    const returned = okBody<ClassDetail>(
      await run(reviewer, id, 'return', { version, comment: '请补充场地无障碍说明', documentIds: [documentId] }),
    );
    expect(returned).toMatchObject({ status: 'returned', allowedCommands: ['cancel'] });
    expect(returned.events.at(-1)).toMatchObject({
      command: 'return',
      fromStatus: 'submitted',
      toStatus: 'returned',
      comment: '请补充场地无障碍说明',
      actorName: '城关区残联审核人',
      documents: [{ fileId: documentId, name: '修改意见.png' }],
    });
    // the institution downloads the reviewer's document; another institution cannot
    const download = await institution.get(`/api/classes/${id}/documents/${documentId}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(png)).toBe(true);
    expect((await otherInstitution.get(`/api/classes/${id}/documents/${documentId}`)).statusCode).toBe(404);
    const home = okBody<{ tasks: { key: string; count: number; href: string }[] }>(await institution.get('/api/home'));
    expect(home.tasks).toContainEqual(expect.objectContaining({ key: 'classes.returned', href: '/classes?status=returned' }));
  });

  it('lets the institution edit the returned application, with the version', async () => {
    const current = await detail(institution, id);
    const stale = await institution.put(`/api/classes/${id}`, { ...classBody(), version: current.version - 1 });
    expect(stale.statusCode).toBe(409);
    const edited = okBody<ClassDetail>(
      await institution.put(`/api/classes/${id}`, { ...classBody({ venueNotes: '一楼教室，入口有坡道' }), version: current.version }),
    );
    expect(edited).toMatchObject({ venueNotes: '一楼教室，入口有坡道', version: current.version + 1, status: 'returned' });
  });

  it('resubmits with a new due date, then the reviewer approves', async () => {
    const resubmitted = await step(institution, id, 'submit');
    expect(resubmitted).toMatchObject({ status: 'submitted', reviewDueOn: '2027-03-15' });
    setToday('2027-03-09');
    const approved = await step(reviewer, id, 'approve');
    expect(approved).toMatchObject({ status: 'approved', reviewDueOn: '2027-03-15', overdue: false });
    expect((await queue(reviewer)).map((i) => i.id)).not.toContain(id);
    await expectRefused(institution, id, 'submit');
    await expectRefused(institution, id, 'cancel', '培训班当前为“已批准开班”，不能取消培训班');
  });

  it('does not start before the start date', async () => {
    setToday(addDays(STARTS, -1));
    await expectRefused(institution, id, 'start', '开班日期为 2027-03-25，不能提前开始培训');
    setToday(STARTS);
    expect(await step(institution, id, 'start')).toMatchObject({ status: 'running', allowedCommands: ['submit_completion'] });
    await expectRefused(reviewer, id, 'cancel');
    await expectRefused(reviewer, id, 'approve_completion');
  });

  it('submits the completion, which the reviewer approves; then the class closes', async () => {
    setToday(ENDS);
    const submitted = await step(institution, id, 'submit_completion');
    // Friday 2 April + 5 working days → Friday 9 April
    expect(submitted).toMatchObject({ status: 'completion_submitted', completionReviewDueOn: '2027-04-09' });
    expect((await queue(reviewer)).find((i) => i.id === id)).toMatchObject({ stage: 'completion', reviewDueOn: '2027-04-09' });
    await expectRefused(institution, id, 'approve_completion');
    setToday('2027-04-06');
    expect(await step(reviewer, id, 'approve_completion')).toMatchObject({ status: 'completion_approved', allowedCommands: ['close'] });
    const closed = await step(institution, id, 'close');
    expect(closed).toMatchObject({ status: 'closed', allowedCommands: [] });
    for (const command of ['submit', 'approve', 'start', 'cancel', 'close'] as const) await expectRefused(reviewer, id, command);
  });

  it('kept one event per transition, with actor, from, to and comment', async () => {
    const { events } = await detail(reviewer, id);
    expect(events.map((e) => `${e.command}:${e.fromStatus ?? '-'}→${e.toStatus}`)).toEqual([
      'create:-→draft',
      'submit:draft→submitted',
      'return:submitted→returned',
      'submit:returned→submitted',
      'approve:submitted→approved',
      'start:approved→running',
      'submit_completion:running→completion_submitted',
      'approve_completion:completion_submitted→completion_approved',
      'close:completion_approved→closed',
    ]);
    for (const e of events) expect(e.actorName).toBeTruthy();
    const rows = await t.database.db.selectFrom('class_event').select(['actor_id', 'comment']).where('class_id', '=', id).execute();
    expect(rows.every((r) => r.actor_id !== null)).toBe(true);
  });

  it('lists the class for its institution and the reviewer with filters', async () => {
    const own = okBody<{ items: ClassSummary[] }>(await institution.get('/api/classes?status=closed&trainingYear=2027'));
    expect(own.items.map((i) => i.id)).toContain(id);
    const found = okBody<{ items: ClassSummary[] }>(
      await reviewer.get(`/api/classes?q=${encodeURIComponent((await detail(reviewer, id)).classNo)}`),
    );
    expect(found.items).toEqual([expect.objectContaining({ id, status: 'closed', enrolledCount: 0, reviewDueOn: null, overdue: false })]);
    const none = okBody<{ items: ClassSummary[] }>(await institution.get('/api/classes?status=draft&trainingType=contest'));
    expect(none.items.map((i) => i.id)).not.toContain(id);
  });
});

describe('trainers overdue for rotation', () => {
  it('block the submission until a waiver is recorded', async () => {
    setToday(FRIDAY);
    const created = await createClass({
      trainers: [{ trainerId: overdue.id, role: 'lead' }],
      sessions: classBody().sessions.map((s) => ({ ...s, trainerId: null })),
    });
    expect(created.trainers[0]).toMatchObject({ name: '钱立新', mayTeach: { allowed: false }, waiver: null });
    const refused = await run(institution, created.id, 'submit', { version: created.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/^授课师资钱立新不能授课：.*须先参加师资轮训/);
    // the institution cannot grant itself a waiver
    expect((await institution.post(`/api/classes/${created.id}/trainers/${overdue.id}/waiver`, { reason: '急需' })).statusCode).toBe(403);
    expect((await reviewer.post(`/api/classes/${created.id}/trainers/${foreign.id}/waiver`, { reason: '无此人' })).statusCode).toBe(404);
    const before = await t.lastAuditSeq();
    const waived = okBody<ClassDetail>(
      await officer.post(`/api/classes/${created.id}/trainers/${overdue.id}/waiver`, { reason: '本地唯一具备资质的讲师，已报名下期轮训' }),
    );
    expect(waived.trainers[0]).toMatchObject({
      mayTeach: { allowed: true },
      waiver: { reason: '本地唯一具备资质的讲师，已报名下期轮训', by: '城关区残联培训专干' },
    });
    expect(await t.auditSince(before)).toContainEqual(expect.objectContaining({ action: 'classes.waiver_record', target_id: created.id }));
    const submitted = await step(institution, created.id, 'submit');
    expect(submitted.status).toBe('submitted');
    // the waiver can still be removed before approval; then approval stands on its own
    const removed = okBody<ClassDetail>(await officer.delete(`/api/classes/${created.id}/trainers/${overdue.id}/waiver`));
    expect(removed.trainers[0]!.waiver).toBeNull();
    await step(reviewer, created.id, 'approve');
    expect((await officer.delete(`/api/classes/${created.id}/trainers/${overdue.id}/waiver`)).statusCode).toBe(409);
  });

  it('need at least one trainer and one session to submit', async () => {
    const bare = await createClass({ trainers: [], sessions: [] });
    const res = await run(institution, bare.id, 'submit', { version: bare.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('请至少安排一名授课师资后再提交');
  });
});

describe('bad input', () => {
  async function countClasses(): Promise<number> {
    const row = await t.database.db
      .selectFrom('training_class')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  const session = (day: string, from: string, to: string, trainerId: string | null = null) => ({
    startsAt: at(day, from),
    endsAt: at(day, to),
    topic: '课程',
    trainerId,
  });

  it.each([
    ['end before start', { endsOn: addDays(STARTS, -1), sessions: [] }, 'body.endsOn', '结束日期不能早于开始日期'],
    ['a session outside the dates', { sessions: [session(addDays(ENDS, 1), '09:00', '12:00')] }, 'body.sessions.0.startsAt', null],
    ['a session ending before it starts', { sessions: [session(STARTS, '12:00', '09:00')] }, 'body.sessions.0.endsAt', null],
    [
      'overlapping sessions',
      { sessions: [session(STARTS, '09:00', '12:00'), session(STARTS, '11:00', '13:00')] },
      'body.sessions.1.startsAt',
      '第 2 个课次与第 1 个课次时间重叠',
    ],
    ['an unknown programme', { programmeId: '00000000-0000-4000-8000-00000000abcd' }, 'body.programmeId', null],
    ['a type that differs from the programme', { trainingType: 'on_the_job' }, 'body.trainingType', null],
    [
      'another institution’s trainer',
      { trainers: [{ trainerId: '__foreign__', role: 'lead' }], sessions: [] },
      'body.trainers.0.trainerId',
      null,
    ],
    ['a negative budget', { budgetFen: -1 }, 'body.budgetFen', null],
    ['a budget in yuan with cents', { budgetFen: 12.5 }, 'body.budgetFen', null],
    ['a planned size of 0', { plannedSize: 0 }, 'body.plannedSize', null],
    ['a venue outside the province', { venueRegionCode: '110101' }, 'body.venueRegionCode', null],
    ['an unknown venue feature', { venueFeatures: ['helipad'] }, 'body.venueFeatures.0', null],
    ['an unknown base', { venueBaseId: '00000000-0000-4000-8000-00000000abcd' }, 'body.venueBaseId', null],
  ] as const)('refuses %s with a 400 naming the field, writing nothing', async (_name, overrides, field, message) => {
    const body = classBody(overrides as Record<string, unknown>);
    if ((body.trainers as { trainerId: string }[])[0]?.trainerId === '__foreign__')
      body.trainers = [{ trainerId: foreign.id, role: 'lead' }];
    const before = await countClasses();
    const issues = issuesOf(await institution.post('/api/classes', body));
    expect(Object.keys(issues)).toContain(field);
    if (message) expect(issues[field]).toBe(message);
    expect(await countClasses()).toBe(before);
  });

  it('lets employer-staff and contest classes use a programme of any type', async () => {
    const created = await createClass({ trainingType: 'employer_staff' });
    expect(created.trainingType).toBe('employer_staff');
  });

  it('answers unknown and malformed ids and commands with 4xx, never 500', async () => {
    const created = await createClass();
    expect((await institution.get('/api/classes/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await institution.get('/api/classes/not-a-uuid')).statusCode).toBe(400);
    expect((await run(institution, created.id, 'create' as ClassCommand, { version: 1 })).statusCode).toBe(400);
    expect((await run(institution, created.id, 'submit', {})).statusCode).toBe(400);
    expect((await run(institution, created.id, 'submit', { version: 99 })).statusCode).toBe(409);
    expect(
      (await run(institution, created.id, 'submit', { version: 1, documentIds: ['00000000-0000-4000-8000-000000000000'] })).statusCode,
    ).toBe(400);
    expect((await institution.get(`/api/classes/${created.id}/documents/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await reviewer.post('/api/classes', classBody())).statusCode).toBe(403);
    expect((await institution.get('/api/classes/review-queue')).statusCode).toBe(403);
  });
});

describe('form options', () => {
  it('offers the active programmes and the institution’s own trainers with their may-teach answer', async () => {
    const options = okBody<{
      institution: { name: string };
      programmes: { id: string }[];
      trainers: { id: string; name: string; idNumber: { text: string }; mayTeach: { allowed: boolean } }[];
      on: string;
    }>(await institution.get(`/api/classes/form-options?on=${STARTS}`));
    expect(options.institution.name).toBe('兰州市残疾人职业技能培训中心');
    expect(options.programmes.map((p) => p.id)).toContain(programme.id);
    const ids = options.trainers.map((tr) => tr.id);
    expect(ids).toEqual(expect.arrayContaining([inCycle.id, overdue.id]));
    expect(ids).not.toContain(foreign.id);
    expect(options.trainers.find((tr) => tr.id === overdue.id)!.mayTeach.allowed).toBe(false);
    expect(options.trainers.find((tr) => tr.id === inCycle.id)!.idNumber.text).toMatch(/^620\*+\d{2}$|^620\*+\dX$/);
    expect(options.on).toBe(STARTS);
  });
});

describe('hooks from other areas', () => {
  it('refuse with 409 and write nothing when a guard answers a reason; effects run in the transaction', async () => {
    setToday(FRIDAY);
    const created = await createClass({ remarks: 'guard-test' });
    t.services.classes.registerGuard('submit', async (_trx, row) => (row.remarks === 'guard-test' ? '测试守卫：不允许提交' : null));
    const seen: string[] = [];
    t.services.classes.registerEffect('cancel', async (trx, row) => {
      const status = await trx.selectFrom('training_class').select('status').where('id', '=', row.id).executeTakeFirstOrThrow();
      seen.push(status.status);
    });
    await expectRefused(institution, created.id, 'submit', '测试守卫：不允许提交');
    await step(institution, created.id, 'cancel', '计划调整');
    expect(seen).toEqual(['cancelled']);
  });
});
