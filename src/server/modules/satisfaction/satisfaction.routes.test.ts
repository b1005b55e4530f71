import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccreditationClassResults, ClassSatisfaction, MySurvey } from '../../../shared/contracts/satisfaction-contracts';
import { currentSurvey } from '../../../shared/domain/satisfaction-survey';
import { issuesOf, okBody } from '../../testing/answers';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { type ClassFixture, demoInstitutionId, insertClass, registerPerson } from '../classes/class-fixtures';

// a fixed "now": 2026-06-15 12:00 in China
const NOW = new Date('2026-06-15T04:00:00Z');
const TODAY = '2026-06-15';

let t: TestApp;
let trainee: TestClient; // xueyuan.demo, linked to person A
let officer: TestClient; // chengguan.peixun, training officer of 620102
let otherOfficer: TestClient; // a training officer of 七里河区 620103
let institution: TestClient; // jigou.demo
let otherInstitution: TestClient; // an account of another institution
let reviewer: TestClient; // chengguan.shenhe
const persons: { id: string }[] = [];
let centre: { id: string; countyCode: string };

const answers = (score: number, overrides: Record<string, number> = {}) => ({
  ...Object.fromEntries(currentSurvey.questions.map((q) => [q.key, score])),
  ...overrides,
});

async function enrol(cls: ClassFixture, personIds: string[], passed: string[] = []): Promise<Map<string, string>> {
  const lines = new Map<string, string>();
  for (const personId of personIds) {
    const row = await t.database.db
      .insertInto('class_enrolment')
      .values({
        class_id: cls.id,
        county_code: cls.countyCode,
        participant_kind: 'person',
        person_id: personId,
        status: 'enrolled',
        source: 'institution',
        accommodations: [],
        completion_result: passed.includes(personId) ? 'passed' : passed.length > 0 ? 'failed' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    lines.set(personId, row.id);
  }
  return lines;
}

beforeAll(async () => {
  t = await buildTestApp({ clock: () => NOW });
  const registrar = await t.loginAs('chengguan.dengji');
  const names = ['张小明', '李红', '王刚', '赵敏'];
  for (const [i, name] of names.entries()) {
    persons.push(await registerPerson(registrar, { county: '620102', birth: '19900101', sequence: 301 + i, name }));
  }
  await t.database.db.updateTable('app_user').set({ person_id: persons[0]!.id }).where('username', '=', 'xueyuan.demo').execute();
  centre = await demoInstitutionId(t.database.db);
  const other = await demoInstitutionId(t.database.db, '兰州市七里河区阳光职业技能培训学校');
  await t.createAccount({ username: 'jigou.other', kind: 'institution', roles: [], regionCode: '620103' });
  await t.database.db.updateTable('app_user').set({ institution_id: other.id }).where('username', '=', 'jigou.other').execute();
  await t.createAccount({ username: 'qilihe.peixun.t', roles: ['training_officer'], regionCode: '620103' });
  [trainee, officer, otherOfficer, institution, otherInstitution, reviewer] = await Promise.all([
    t.loginAs('xueyuan.demo'),
    t.loginAs('chengguan.peixun'),
    t.loginAs('qilihe.peixun.t'),
    t.loginAs('jigou.demo'),
    t.loginAs('jigou.other'),
    t.loginAs('chengguan.shenhe'),
  ]);
});
afterAll(() => t.close());

describe('the trainee answers the survey of their own class', () => {
  let cls: ClassFixture;

  beforeAll(async () => {
    cls = await insertClass(t.database.db, { status: 'completion_approved', starts_on: '2026-05-01', ends_on: '2026-05-20' });
    await enrol(
      cls,
      persons.map((p) => p.id),
    );
  });

  it('lists the class as awaiting an answer and shows the questions with every scale point in words', async () => {
    const list = okBody<{ items: { classId: string }[] }>(await trainee.get('/api/my/surveys'));
    expect(list.items.map((i) => i.classId)).toContain(cls.id);
    const survey = okBody<MySurvey>(await trainee.get(`/api/my/classes/${cls.id}/survey`));
    expect(survey).toMatchObject({ open: true, answered: false, notOpenReason: null });
    expect(survey.survey.questions).toHaveLength(currentSurvey.questions.length);
    expect(survey.survey.scale.map((s) => s.label)).toEqual(['非常不满意', '不满意', '一般', '满意', '非常满意']);
  });

  it('names the unanswered or out-of-range question, and writes nothing', async () => {
    const { content: _c, ...missing } = answers(4);
    const issues = issuesOf(await trainee.post(`/api/my/classes/${cls.id}/survey`, { surveyVersion: 1, answers: missing }));
    expect(issues['body.answers.content']).toContain('学到的内容有用吗');
    const out = issuesOf(await trainee.post(`/api/my/classes/${cls.id}/survey`, { surveyVersion: 1, answers: answers(4, { venue: 7 }) }));
    expect(Object.keys(out)).toEqual(['body.answers.venue']);
    expect(await t.database.db.selectFrom('satisfaction_response').select('id').where('class_id', '=', cls.id).execute()).toEqual([]);
  });

  it('takes one answer (channel trainee, overall the mean) and refuses a second with 409', async () => {
    const before = await t.lastAuditSeq();
    const res = await trainee.post(`/api/my/classes/${cls.id}/survey`, {
      surveyVersion: 1,
      answers: answers(4, { content: 5, venue: 3 }),
      comment: '老师很耐心',
    });
    okBody(res);
    const row = await t.database.db
      .selectFrom('satisfaction_response')
      .selectAll()
      .where('class_id', '=', cls.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'trainee', survey_version: 1, comment: '老师很耐心', institution_id: centre.id });
    expect(Number(row.overall)).toBe(4);
    const audit = await t.auditSince(before);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'satisfaction.answer', outcome: 'success', target_id: cls.id }));
    // the audit row records who answered, never what
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain('content');

    const again = await trainee.post(`/api/my/classes/${cls.id}/survey`, { surveyVersion: 1, answers: answers(1) });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().message).toContain('已经评价过');
    expect(okBody<MySurvey>(await trainee.get(`/api/my/classes/${cls.id}/survey`))).toMatchObject({ answered: true });
    const list = okBody<{ items: { classId: string }[] }>(await trainee.get('/api/my/surveys'));
    expect(list.items.map((i) => i.classId)).not.toContain(cls.id);
  });

  it('keeps one answer when two arrive at once (the second is a 409, never a 500)', async () => {
    const race = await insertClass(t.database.db, { status: 'closed', starts_on: '2026-01-05', ends_on: '2026-01-10' });
    await enrol(race, [persons[0]!.id]);
    const body = { surveyVersion: 1, answers: answers(4) };
    const codes = (
      await Promise.all([trainee.post(`/api/my/classes/${race.id}/survey`, body), trainee.post(`/api/my/classes/${race.id}/survey`, body)])
    ).map((r) => r.statusCode);
    expect(codes.sort()).toEqual([200, 409]);
  });

  it('refuses an old survey version', async () => {
    const res = await trainee.post(`/api/my/classes/${cls.id}/survey`, { surveyVersion: 99, answers: answers(3) });
    expect(res.statusCode).toBe(409);
  });
});

describe('when the survey is open', () => {
  it('is closed before the class ends, and opens on its last day while it still runs', async () => {
    const early = await insertClass(t.database.db, { status: 'running', starts_on: '2026-06-01', ends_on: '2026-06-30' });
    const lastDay = await insertClass(t.database.db, { status: 'running', starts_on: '2026-06-01', ends_on: TODAY });
    const approved = await insertClass(t.database.db, { status: 'approved', starts_on: '2026-05-01', ends_on: '2026-05-10' });
    for (const cls of [early, lastDay, approved]) await enrol(cls, [persons[0]!.id]);

    const closed = okBody<MySurvey>(await trainee.get(`/api/my/classes/${early.id}/survey`));
    expect(closed.open).toBe(false);
    expect(closed.notOpenReason).toContain('2026-06-30');
    const refused = await trainee.post(`/api/my/classes/${early.id}/survey`, { surveyVersion: 1, answers: answers(5) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('还不能评价');
    expect((await trainee.post(`/api/my/classes/${approved.id}/survey`, { surveyVersion: 1, answers: answers(5) })).statusCode).toBe(409);

    expect(okBody<MySurvey>(await trainee.get(`/api/my/classes/${lastDay.id}/survey`)).open).toBe(true);
    okBody(await trainee.post(`/api/my/classes/${lastDay.id}/survey`, { surveyVersion: 1, answers: answers(5) }));
  });

  it('answers 404 for a class the trainee is not enrolled in (or withdrew from)', async () => {
    const notMine = await insertClass(t.database.db, { status: 'closed', starts_on: '2026-04-01', ends_on: '2026-04-10' });
    await enrol(notMine, [persons[1]!.id]);
    expect((await trainee.get(`/api/my/classes/${notMine.id}/survey`)).statusCode).toBe(404);
    expect((await trainee.post(`/api/my/classes/${notMine.id}/survey`, { surveyVersion: 1, answers: answers(5) })).statusCode).toBe(404);
    const withdrawn = await insertClass(t.database.db, { status: 'closed', starts_on: '2026-04-01', ends_on: '2026-04-10' });
    const lines = await enrol(withdrawn, [persons[0]!.id]);
    await t.database.db.updateTable('class_enrolment').set({ status: 'withdrawn' }).where('id', '=', lines.get(persons[0]!.id)!).execute();
    expect((await trainee.get(`/api/my/classes/${withdrawn.id}/survey`)).statusCode).toBe(404);
  });

  it('gives staff no survey of their own', async () => {
    expect(okBody<{ items: unknown[] }>(await officer.get('/api/my/surveys')).items).toEqual([]);
  });
});

describe('an assisted answer and the results', () => {
  let cls: ClassFixture;
  let lines: Map<string, string>;

  beforeAll(async () => {
    cls = await insertClass(t.database.db, { status: 'closed', starts_on: '2026-03-01', ends_on: '2026-03-20' });
    lines = await enrol(
      cls,
      persons.map((p) => p.id),
      [persons[0]!.id, persons[1]!.id, persons[2]!.id],
    );
    okBody(await trainee.post(`/api/my/classes/${cls.id}/survey`, { surveyVersion: 1, answers: answers(5), comment: '很有用' }));
  });

  it('lets the county training officer enter an answer with a trainee, once', async () => {
    const roster = okBody<{ open: boolean; items: { enrolmentId: string; name: string; answered: boolean }[] }>(
      await officer.get(`/api/classes/${cls.id}/satisfaction/roster`),
    );
    expect(roster.open).toBe(true);
    expect(roster.items).toHaveLength(4);
    expect(roster.items.find((i) => i.enrolmentId === lines.get(persons[0]!.id))).toMatchObject({ answered: true, name: '张**' });

    const url = `/api/classes/${cls.id}/enrolments/${lines.get(persons[1]!.id)}/survey`;
    okBody(await officer.post(url, { surveyVersion: 1, answers: answers(3, { support: 1 }), comment: '希望多一些手语翻译' }));
    const row = await t.database.db
      .selectFrom('satisfaction_response')
      .select(['channel'])
      .where('enrolment_id', '=', lines.get(persons[1]!.id)!)
      .executeTakeFirstOrThrow();
    expect(row.channel).toBe('assisted');
    expect((await officer.post(url, { surveyVersion: 1, answers: answers(3) })).statusCode).toBe(409);
    // out of scope, or not a training officer
    expect((await otherOfficer.post(url, { surveyVersion: 1, answers: answers(3) })).statusCode).toBe(404);
    expect((await institution.post(url, { surveyVersion: 1, answers: answers(3) })).statusCode).toBe(403);
    // a line of another class
    const foreign = `/api/classes/${cls.id}/enrolments/${lines.get(persons[2]!.id)!.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}/survey`;
    expect((await officer.post(foreign, { surveyVersion: 1, answers: answers(3) })).statusCode).toBe(404);
  });

  it('shows per-question averages, distributions, the response rate and comments without names', async () => {
    const result = okBody<ClassSatisfaction>(await institution.get(`/api/classes/${cls.id}/satisfaction`));
    expect(result).toMatchObject({ enrolled: 4, responses: 2, responseRate: 50, assisted: 1 });
    const support = result.questions.find((q) => q.key === 'support')!;
    expect(support.average).toBe(3); // (5 + 1) / 2
    expect(support.distribution).toEqual([1, 0, 0, 0, 1]);
    expect(result.questions.find((q) => q.key === 'content')!.average).toBe(4);
    // overall: 5 and (3 × 6 + 1) / 7 = 2.71
    expect(result.overallAverage).toBe(3.86);
    expect(result.overallDistribution).toEqual([0, 0, 1, 0, 1]);
    expect(result.comments.map((c) => c.text).sort()).toEqual(['希望多一些手语翻译', '很有用']);
    expect(JSON.stringify(result)).not.toContain('张');
    expect((await otherInstitution.get(`/api/classes/${cls.id}/satisfaction`)).statusCode).toBe(404);
    expect((await otherOfficer.get(`/api/classes/${cls.id}/satisfaction`)).statusCode).toBe(404);
  });
});

describe('the summary by institution and by programme', () => {
  it('adds up classes, responses, average and completion rate over the year in scope', async () => {
    // a class of another county's institution: outside 城关区's scope
    const other = await demoInstitutionId(t.database.db, '兰州市七里河区阳光职业技能培训学校');
    const foreign = await insertClass(t.database.db, {
      status: 'closed',
      starts_on: '2026-02-01',
      ends_on: '2026-02-10',
      institution_id: other.id,
    });
    await enrol(foreign, [persons[3]!.id], [persons[3]!.id]);

    const byInstitution = okBody<{ rows: { key: string; name: string; classes: number; completionRate: number | null }[] }>(
      await officer.get('/api/satisfaction/summary?groupBy=institution&year=2026'),
    );
    expect(byInstitution.rows.map((r) => r.key)).toEqual([centre.id]);
    const row = byInstitution.rows[0]!;
    // every class of the year that started; the cancelled and approved ones do not count
    expect(row).toMatchObject({ name: '兰州市残疾人职业技能培训中心' });
    const centreClasses = await t.database.db
      .selectFrom('training_class')
      .select('id')
      .where('institution_id', '=', centre.id)
      .where('training_year', '=', 2026)
      .where('status', 'in', ['running', 'completion_submitted', 'completion_returned', 'completion_approved', 'closed'])
      .execute();
    expect(row.classes).toBe(centreClasses.length);
    // completion: passed over enrolled in the completion_approved and closed classes
    const completed = await t.database.db
      .selectFrom('class_enrolment as e')
      .innerJoin('training_class as c', 'c.id', 'e.class_id')
      .select(['e.completion_result'])
      .where('c.institution_id', '=', centre.id)
      .where('c.status', 'in', ['completion_approved', 'closed'])
      .where('e.status', '=', 'enrolled')
      .execute();
    const passed = completed.filter((e) => e.completion_result === 'passed').length;
    expect(row.completionRate).toBe(Math.round((passed / completed.length) * 1000) / 10);

    const province = okBody<{ rows: { key: string }[] }>(
      await (await t.loginAs('sheng.peixun')).get('/api/satisfaction/summary?groupBy=institution&year=2026'),
    );
    expect(province.rows.map((r) => r.key).sort()).toEqual([centre.id, other.id].sort());

    const byProgramme = okBody<{ rows: { key: string; name: string; responses: number; overallAverage: number | null }[] }>(
      await officer.get('/api/satisfaction/summary?groupBy=programme&year=2026'),
    );
    expect(byProgramme.rows).toHaveLength(1);
    expect(byProgramme.rows[0]!.key).toBe('GS-DS-001');
    expect(byProgramme.rows[0]!.name).toContain('GS-DS-001');
    const responses = await t.database.db
      .selectFrom('satisfaction_response')
      .select('overall')
      .where('institution_id', '=', centre.id)
      .execute();
    expect(byProgramme.rows[0]!.responses).toBe(responses.length);

    // another year has nothing; an institution sees only its own
    expect(okBody<{ rows: unknown[] }>(await officer.get('/api/satisfaction/summary?groupBy=programme&year=2025')).rows).toEqual([]);
    const own = okBody<{ rows: { key: string }[] }>(await otherInstitution.get('/api/satisfaction/summary?year=2026'));
    expect(own.rows.map((r) => r.key)).toEqual([other.id]);
    expect(issuesOf(await officer.get('/api/satisfaction/summary?groupBy=county'))['querystring.groupBy']).toBeDefined();
  });
});

describe('the class results that feed the base evaluation', () => {
  it('answers completion rate, satisfaction and proportional suggestions since the last evaluation', async () => {
    const row = await t.database.db
      .selectFrom('base_accreditation')
      .select('id')
      .where('institution_id', '=', centre.id)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('base_accreditation')
      .set({
        status: 'active',
        tier: 'county',
        plaque_no: 'GS-CG-T-001',
        term_start: '2025-01-01',
        term_end: '2027-12-31',
        accredited_on: '2024-12-31',
        last_evaluated_on: '2026-01-01',
      })
      .where('id', '=', row.id)
      .execute();
    // before the period: not counted
    const old = await insertClass(t.database.db, { status: 'closed', starts_on: '2025-11-01', ends_on: '2025-12-20' });
    await enrol(old, [persons[0]!.id], []);

    const feed = okBody<AccreditationClassResults>(await reviewer.get(`/api/accreditations/${row.id}/class-results`));
    expect(feed).toMatchObject({ periodFrom: '2026-01-01', periodTo: TODAY, periodBasis: 'evaluation' });
    expect(feed.classList.map((c) => c.id)).not.toContain(old.id);
    // classes in the period: only those that ended by today, started and not cancelled
    expect(feed.classList.every((c) => c.endsOn >= '2026-01-01' && c.endsOn <= TODAY)).toBe(true);
    expect(feed.classList.some((c) => c.endsOn === '2026-06-30')).toBe(false);
    const completion = feed.suggestions.find((s) => s.itemKey === 'completion')!;
    const satisfaction = feed.suggestions.find((s) => s.itemKey === 'satisfaction')!;
    expect(completion.maxScore).toBe(20);
    expect(satisfaction.maxScore).toBe(15);
    expect(feed.completionRate).toBe(Math.round((feed.passed / feed.completedEnrolled) * 1000) / 10);
    expect(completion.score).toBe(Math.round((feed.passed / feed.completedEnrolled) * 200) / 10);
    expect(completion.explanation).toContain(`结业率 ${feed.completionRate}%`);
    expect(satisfaction.score).toBe(Math.round((feed.satisfactionAverage! / 5) * 150) / 10);
    expect(satisfaction.explanation).toContain('满分 5 分');
    expect(feed.trainees).toBeGreaterThanOrEqual(4);

    // the institution reads its own, another institution does not find it
    okBody(await institution.get(`/api/accreditations/${row.id}/class-results`));
    expect((await otherInstitution.get(`/api/accreditations/${row.id}/class-results`)).statusCode).toBe(404);
  });

  it('suggests nothing when there is nothing to base it on', async () => {
    const row = await t.database.db
      .selectFrom('base_accreditation')
      .select('id')
      .where('institution_id', '=', centre.id)
      .executeTakeFirstOrThrow();
    await t.database.db.updateTable('base_accreditation').set({ last_evaluated_on: TODAY }).where('id', '=', row.id).execute();
    const feed = okBody<AccreditationClassResults>(await reviewer.get(`/api/accreditations/${row.id}/class-results`));
    // only the running class that ends today is in the period: no completion results yet
    expect(feed.classList.map((c) => c.status)).toEqual(['running']);
    expect(feed.completedClasses).toBe(0);
    const completion = feed.suggestions.find((s) => s.itemKey === 'completion')!;
    expect(completion.score).toBeNull();
    expect(completion.explanation).toContain('按实际情况评分');
  });
});
