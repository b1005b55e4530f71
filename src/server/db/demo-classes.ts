import { randomInt } from 'node:crypto';
import { type Insertable, sql, type Transaction } from 'kysely';
import { newVerifyCode, skillCertificateNo, trainingCertificateNo } from '../../shared/domain/certificate-codes';
import { attendanceRate } from '../../shared/domain/class-attendance';
import { periodCodeOf, trainingYearOf } from '../../shared/domain/class-codes';
import { completionReasonText, completionResult } from '../../shared/domain/class-completion';
import { type ClassCommand, type ClassStatus, reviewDueOn } from '../../shared/domain/class-status';
import { maskName } from '../../shared/domain/masking';
import { ageOn } from '../../shared/domain/person-validation';
import { currentSurvey, overallScore } from '../../shared/domain/satisfaction-survey';
import { addDays } from '../../shared/domain/trainer-rotation';
import type { Db } from './database';
import type { Tables, TrainingClassTable } from './tables';

/** The demo institution whose classes these are (jigou.demo administers it). */
export const DEMO_CLASS_INSTITUTION = '兰州市残疾人职业技能培训中心';
/** The trainee account linked to a demo person on the running class's roster. */
export const DEMO_TRAINEE = 'xueyuan.demo';
/** A trainee account linked to a registry person who is on no class yet. */
export const DEMO_NEW_TRAINEE = 'xueyuan.xin';
/** A second institution with finished classes: the city reviewer evaluates its base (GS-LZ-2023-005). */
export const DEMO_SECOND_INSTITUTION = '兰州市七里河区阳光职业技能培训学校';
const PROGRAMME_CODE = 'GS-DS-001';
// the defaults of config.ts: the demo is built without the running configuration
const timeRules = { submitLeadDays: 15, reviewWorkingDays: 5 };

type Trx = Transaction<Tables>;

interface Actors {
  /** no id where the demo has no account for the role (the events still name who acted) */
  institution: { id: string | null; name: string };
  reviewer: { id: string | null; name: string };
  officer: { id: string; name: string };
}

interface Context {
  trx: Trx;
  today: string;
  institutionId: string;
  countyCode: string;
  programme: { id: string; code: string; hours: number; name: string };
  actors: Actors;
  trainerId: string | null;
}

/** A moment on a day in China (the demo's clock times are Beijing time). */
function at(day: string, time = '10:00'): Date {
  return new Date(`${day}T${time}:00+08:00`);
}

async function insertClass(
  c: Context,
  values: { name: string; status: ClassStatus; startsOn: string; endsOn: string; examOn?: string } & Partial<
    Insertable<TrainingClassTable>
  >,
): Promise<string> {
  const { name, status, startsOn, endsOn, examOn, ...rest } = values;
  const serial = Number((await sql<{ n: string }>`SELECT nextval('training_class_no_seq') AS n`.execute(c.trx)).rows[0]!.n);
  const row = await c.trx
    .insertInto('training_class')
    .values({
      class_no: `PX-${c.countyCode}-${trainingYearOf(startsOn)}-${String(serial).padStart(4, '0')}`,
      county_code: c.countyCode,
      institution_id: c.institutionId,
      programme_id: c.programme.id,
      programme_code: c.programme.code,
      name,
      training_type: 'employment_skills',
      venue_address: '兰州市城关区雁滩路 2188 号 培训中心三楼实训室',
      venue_region_code: c.countyCode,
      venue_features: ['step_free_entrance', 'lift', 'accessible_toilet', 'rest_area'],
      venue_notes: '电梯直达三楼，教室配有大字屏幕和助听设备。',
      starts_on: startsOn,
      ends_on: endsOn,
      period_code: periodCodeOf(startsOn, endsOn),
      training_year: trainingYearOf(startsOn),
      hours: c.programme.hours,
      planned_size: 15,
      budget_fen: 4_500_000,
      accommodations_offered: ['sign_language', 'large_print'],
      exam_on: examOn ?? null,
      status,
      created_by: c.actors.institution.id,
      updated_by: c.actors.institution.id,
      ...rest,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (c.trainerId) {
    await c.trx
      .insertInto('class_trainer')
      .values({ class_id: row.id, county_code: c.countyCode, trainer_id: c.trainerId, role: 'lead' })
      .execute();
  }
  return row.id;
}

const commandTo: Record<ClassCommand, ClassStatus> = {
  create: 'draft',
  submit: 'submitted',
  return: 'returned',
  approve: 'approved',
  start: 'running',
  submit_completion: 'completion_submitted',
  return_completion: 'completion_returned',
  approve_completion: 'completion_approved',
  close: 'closed',
  cancel: 'cancelled',
};

/** One event row per step the class went through, on the days given. */
async function events(c: Context, classId: string, steps: [ClassCommand, string, string?][]): Promise<void> {
  let from: ClassStatus | null = null;
  for (const [command, day, comment] of steps) {
    const to = commandTo[command];
    const federation = ['return', 'approve', 'return_completion', 'approve_completion'].includes(command);
    const actor = federation ? c.actors.reviewer : c.actors.institution;
    await c.trx
      .insertInto('class_event')
      .values({
        class_id: classId,
        county_code: c.countyCode,
        command,
        from_status: from,
        to_status: to,
        comment: comment ?? null,
        documents: '[]',
        actor_id: actor.id,
        actor_name: actor.name,
        occurred_at: at(day, federation ? '15:30' : '09:30'),
      })
      .execute();
    from = to;
  }
}

async function sessions(c: Context, classId: string, slots: { day: string; from: string; to: string; topic: string }[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, slot] of slots.entries()) {
    const row = await c.trx
      .insertInto('class_session')
      .values({
        class_id: classId,
        county_code: c.countyCode,
        seq: i + 1,
        starts_at: at(slot.day, slot.from),
        ends_at: at(slot.day, slot.to),
        topic: slot.topic,
        trainer_id: c.trainerId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

const topics = [
  '电商平台开店与规则',
  '商品拍摄与图片处理',
  '商品详情页制作',
  '客服话术与沟通',
  '订单处理与物流',
  '网店推广基础',
  '直播带货入门',
  '售后服务与评价管理',
];

/** Morning sessions on the given days, 09:00–12:00. */
function mornings(days: string[]) {
  return days.map((day, i) => ({ day, from: '09:00', to: '12:00', topic: topics[i % topics.length]! }));
}

async function enrol(c: Context, classId: string, persons: DemoPerson[], enrolledOn: string): Promise<string[]> {
  const ids: string[] = [];
  for (const person of persons) {
    const row = await c.trx
      .insertInto('class_enrolment')
      .values({
        class_id: classId,
        county_code: c.countyCode,
        participant_kind: 'person',
        person_id: person.id,
        status: 'enrolled',
        source: 'institution',
        accommodations: person.accommodations,
        enrolled_by: c.actors.institution.id,
        created_at: at(enrolledOn),
        updated_at: at(enrolledOn),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

/**
 * Roster sign-in and sign-out of every trainee on these sessions, except where `absent(line, session)`
 * says the trainee stayed away. Answers the sessions attended per line.
 */
async function attend(
  c: Context,
  classId: string,
  sessionIds: string[],
  lines: string[],
  absent: (line: number, session: number) => boolean,
): Promise<number[]> {
  const rows = await c.trx.selectFrom('class_session').select(['id', 'starts_at', 'ends_at']).where('id', 'in', sessionIds).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const attended = lines.map(() => 0);
  for (const [s, sessionId] of sessionIds.entries()) {
    const session = byId.get(sessionId)!;
    const start = new Date(session.starts_at).getTime();
    const end = new Date(session.ends_at).getTime();
    for (const [l, enrolmentId] of lines.entries()) {
      if (absent(l, s)) continue;
      attended[l]!++;
      await c.trx
        .insertInto('attendance')
        .values({
          class_id: classId,
          county_code: c.countyCode,
          session_id: sessionId,
          enrolment_id: enrolmentId,
          signed_in_at: new Date(start - ((l * 7) % 15) * 60_000),
          signed_out_at: new Date(end + ((l * 3) % 10) * 60_000),
          method_in: 'roster',
          method_out: 'roster',
          recorded_by: c.actors.institution.id,
        })
        .execute();
    }
  }
  return attended;
}

/** Exam scores and the pass decision fixed at completion submission (the rule of class-completion.ts). */
async function examine(
  c: Context,
  lines: string[],
  scores: (number | 'absent')[],
  attended: number[],
  sessionCount: number,
  recordedOn: string,
) {
  const results: ('passed' | 'failed')[] = [];
  for (const [i, enrolmentId] of lines.entries()) {
    const score = scores[i % scores.length]!;
    const outcome = completionResult(
      {
        examScore: score === 'absent' ? null : score,
        examAbsent: score === 'absent',
        attendanceRate: attendanceRate(attended[i]!, sessionCount).rate,
      },
      { passScore: 60, attendanceThreshold: 80 },
    );
    results.push(outcome.result);
    await c.trx
      .updateTable('class_enrolment')
      .set({
        exam_score: score === 'absent' ? null : score,
        exam_absent: score === 'absent',
        exam_recorded_at: at(recordedOn, '16:00'),
        completion_result: outcome.result,
        completion_reason: completionReasonText(outcome),
      })
      .where('id', '=', enrolmentId)
      .execute();
  }
  return results;
}

interface DemoPerson {
  id: string;
  name: string;
  accommodations: string[];
}

/**
 * Working-age registered persons of a county whose disability category the demo programme serves
 * (电商客服: hearing, speech, physical), in a stable order, skipping the first `skip`.
 */
async function demoPersons(trx: Trx, countyCode: string, today: string, count: number, skip = 0): Promise<DemoPerson[]> {
  const rows = await trx
    .selectFrom('person')
    .select(['id', 'name', 'birth_date', 'accommodations'])
    .where('county_code', '=', countyCode)
    .where('status', '=', 'active')
    .where('disability_category', 'in', ['2', '3', '4'])
    .where('birth_date', '<=', addDays(today, -18 * 366))
    .where('birth_date', '>=', addDays(today, -55 * 365))
    .orderBy('id_number_index')
    .limit((count + skip) * 2)
    .execute();
  return rows
    .filter((r) => ageOn(r.birth_date, today) >= 18)
    .slice(skip, skip + count)
    .map((r) => ({ id: r.id, name: r.name, accommodations: r.accommodations }));
}

async function userOf(trx: Trx, username: string): Promise<{ id: string; name: string } | null> {
  const row = await trx.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', username).executeTakeFirst();
  return row ? { id: row.id, name: row.display_name } : null;
}

const comments = ['老师讲得很耐心，听不懂可以再问。', '希望多安排一些上机练习的时间。', '手语翻译很及时，谢谢！', '教室离公交站有点远。'];

const answerSets = [
  [5, 5, 4, 5, 4, 5, 5],
  [4, 5, 4, 4, 4, 4, 4],
  [5, 4, 3, 5, 4, 4, 4],
  [4, 4, 4, 3, 5, 3, 4],
  [5, 5, 5, 5, 5, 4, 5],
  [3, 4, 2, 4, 3, 3, 3],
  [4, 5, 4, 5, 4, 5, 5],
];

interface FinishedClass {
  name: string;
  status: 'completion_approved' | 'closed';
  /** eight sessions every third day from here; exam on the last day */
  startsOn: string;
  persons: DemoPerson[];
  scores: (number | 'absent')[];
  absent: (line: number, session: number) => boolean;
  /** the roster lines [from, to) that answered the survey */
  answerLines: [number, number];
  skillCertificates: number;
}

/**
 * A class past its completion review: attendance, exam results, training certificates for those
 * who passed (closed classes: numbers and verify codes as the certificates module issues them),
 * skill-level certificates for some, and survey answers.
 */
async function finishedClass(c: Context, f: FinishedClass): Promise<string> {
  const day = (n: number) => addDays(f.startsOn, n);
  const endsOn = day(25);
  const classId = await insertClass(c, {
    name: f.name,
    status: f.status,
    startsOn: f.startsOn,
    endsOn,
    examOn: endsOn,
    submitted_at: at(day(-30), '09:30'),
    review_due_on: reviewDueOn(day(-30), timeRules),
    completion_submitted_at: at(day(28), '10:00'),
    completion_review_due_on: reviewDueOn(day(28), timeRules),
  });
  const sessionIds = await sessions(c, classId, mornings([0, 3, 6, 9, 12, 15, 18, 21].map(day)));
  await events(c, classId, [
    ['create', day(-35)],
    ['submit', day(-30)],
    ['approve', day(-26)],
    ['start', f.startsOn],
    ['submit_completion', day(28)],
    ['approve_completion', day(31), '成绩与考勤材料齐全，同意结业。'],
    ...(f.status === 'closed' ? ([['close', day(40)]] as [ClassCommand, string][]) : []),
  ]);
  const lines = await enrol(c, classId, f.persons, day(-10));
  const attended = await attend(c, classId, sessionIds, lines, f.absent);
  const results = await examine(c, lines, f.scores, attended, sessionIds.length, endsOn);
  const passed = lines.flatMap((line, i) => (results[i] === 'passed' ? [{ line, person: f.persons[i]! }] : []));
  if (f.status === 'closed' && passed.length > 0) {
    const issuedOn = day(34);
    const year = Number(issuedOn.slice(0, 4));
    const serialRow = await c.trx
      .insertInto('training_certificate_serial')
      .values({ county_code: c.countyCode, year, last_serial: passed.length })
      .onConflict((oc) =>
        oc
          .columns(['county_code', 'year'])
          .doUpdateSet({ last_serial: sql<number>`training_certificate_serial.last_serial + ${passed.length}` }),
      )
      .returning('last_serial')
      .executeTakeFirstOrThrow();
    const first = serialRow.last_serial - passed.length + 1;
    for (const [i, { line, person }] of passed.entries()) {
      await c.trx
        .insertInto('training_certificate')
        .values({
          certificate_no: trainingCertificateNo(year, c.countyCode, first + i),
          verify_code: newVerifyCode(randomInt),
          class_id: classId,
          enrolment_id: line,
          person_id: person.id,
          county_code: c.countyCode,
          holder_name: person.name,
          holder_name_masked: maskName(person.name).text,
          issued_on: issuedOn,
          issued_by: c.actors.institution.id,
        })
        .execute();
    }
  }
  for (const [i, { person }] of passed.slice(1, 1 + f.skillCertificates).entries()) {
    const skillIssued = day(60 + i);
    await c.trx
      .insertInto('skill_certificate')
      .values({
        person_id: person.id,
        county_code: c.countyCode,
        class_id: classId,
        certificate_no: skillCertificateNo({
          assessorKind: 'S',
          institution: '0271',
          province: '62',
          site: '010201',
          year: skillIssued.slice(2, 4),
          level: '5',
          serial: String(301 + i).padStart(6, '0'),
        }),
        level: '5',
        occupation: '电子商务师',
        issued_on: skillIssued,
        issuer: '甘肃省残疾人职业技能评价站',
        recorded_by: c.actors.institution.id,
      })
      .execute();
  }
  const [from, to] = f.answerLines;
  for (const [i, line] of lines.slice(from, to).entries()) {
    const set = answerSets[i % answerSets.length]!;
    const answers = Object.fromEntries(currentSurvey.questions.map((q, k) => [q.key, set[k]!]));
    await c.trx
      .insertInto('satisfaction_response')
      .values({
        class_id: classId,
        enrolment_id: line,
        county_code: c.countyCode,
        institution_id: c.institutionId,
        programme_code: c.programme.code,
        survey_version: currentSurvey.version,
        answers: JSON.stringify(answers),
        overall: overallScore(answers),
        comment: comments[i] ?? null,
        channel: i === 5 ? 'assisted' : 'trainee',
        submitted_at: at(day(26 + i)),
      })
      .execute();
  }
  return classId;
}

/**
 * Training classes of the demo institution at every stage, dated relative to `today` so the demo
 * always looks current: a draft; two applications waiting for review (one overdue); an approved
 * class starting in three weeks; a running class with sessions today and an open inspection; a class
 * whose completion waits for review; and a closed class with certificates and survey answers.
 * The trainee account xueyuan.demo is linked to a person on the running and the closed roster.
 * Needs the demo persons (it takes its trainees from the registry); runs once (marker in app_meta).
 */
export async function seedDemoClasses(db: Db, today: string): Promise<void> {
  const done = await db.selectFrom('app_meta').select('key').where('key', '=', 'demo_classes_seeded').executeTakeFirst();
  if (done) return;
  await db.transaction().execute(async (trx) => {
    const institution = await trx
      .selectFrom('institution')
      .select(['id', 'county_code'])
      .where('name', '=', DEMO_CLASS_INSTITUTION)
      .executeTakeFirst();
    const programme = await trx
      .selectFrom('catalogue_programme')
      .select(['id', 'programme_code', 'hours', 'name'])
      .where('programme_code', '=', PROGRAMME_CODE)
      .where('status', '=', 'active')
      .executeTakeFirst();
    const [institutionUser, reviewer, officer] = await Promise.all([
      userOf(trx, 'jigou.demo'),
      userOf(trx, 'chengguan.shenhe'),
      userOf(trx, 'chengguan.peixun'),
    ]);
    if (!institution || !programme || !institutionUser || !reviewer || !officer) return;
    const persons = await demoPersons(trx, institution.county_code, today, 30);
    if (persons.length < 30) return;
    // a lead trainer of the institution who is in their rotation cycle
    const trainer = await trx
      .selectFrom('trainer as t')
      .innerJoin('trainer_institution as ti', 'ti.trainer_id', 't.id')
      .select('t.id')
      .where('ti.institution_id', '=', institution.id)
      .where('t.rotation_due_on', '>=', addDays(today, 60))
      .orderBy('t.id')
      .executeTakeFirst();
    const c: Context = {
      trx,
      today,
      institutionId: institution.id,
      countyCode: institution.county_code,
      programme: { id: programme.id, code: programme.programme_code, hours: programme.hours, name: programme.name },
      actors: { institution: institutionUser, reviewer, officer },
      trainerId: trainer?.id ?? null,
    };
    const d = (days: number) => addDays(today, days);
    const running = persons.slice(0, 12);
    const awaiting = persons.slice(12, 22);
    // the trainee of the demo (persons[0]) also finished the closed class
    const closed = [persons[0]!, ...persons.slice(22, 30)];

    // a draft the institution is still writing
    const draft = await insertClass(c, { name: '网络直播营销培训班（草稿）', status: 'draft', startsOn: d(45), endsOn: d(64) });
    await sessions(c, draft, mornings([d(45), d(47), d(49)]));
    await events(c, draft, [['create', d(-1)]]);

    // two applications waiting for the 城关区 reviewer: one within its time, one overdue
    for (const [name, submittedOn, startsOn] of [
      ['电子商务客服培训班（第二期）', d(-2), d(28)],
      ['电商美工培训班', d(-12), d(20)],
    ] as const) {
      const id = await insertClass(c, {
        name,
        status: 'submitted',
        startsOn,
        endsOn: addDays(startsOn, 19),
        submitted_at: at(submittedOn, '09:30'),
        review_due_on: reviewDueOn(submittedOn, timeRules),
      });
      await sessions(c, id, mornings([startsOn, addDays(startsOn, 2), addDays(startsOn, 4)]));
      await events(c, id, [
        ['create', addDays(submittedOn, -3)],
        ['submit', submittedOn],
      ]);
    }

    // approved, starting in three weeks
    const approved = await insertClass(c, {
      name: '电子商务运营培训班',
      status: 'approved',
      startsOn: d(21),
      endsOn: d(40),
      submitted_at: at(d(-8), '09:30'),
      review_due_on: reviewDueOn(d(-8), timeRules),
    });
    await sessions(c, approved, mornings([d(21), d(23), d(25), d(27)]));
    await events(c, approved, [
      ['create', d(-10)],
      ['submit', d(-8)],
      ['approve', d(-5), '材料齐全，同意开班。'],
    ]);

    // running: sessions on past days (with attendance), two today (morning and afternoon), more to come
    const runningId = await insertClass(c, {
      name: '电子商务客服培训班（第一期）',
      status: 'running',
      startsOn: d(-10),
      endsOn: d(10),
      examOn: d(10),
      submitted_at: at(d(-35), '09:30'),
      review_due_on: reviewDueOn(d(-35), timeRules),
    });
    const runningSessions = await sessions(c, runningId, [
      ...mornings([d(-10), d(-8), d(-6), d(-4), d(-2)]),
      { day: today, from: '09:00', to: '12:00', topic: '客服话术与沟通（上午）' },
      { day: today, from: '14:00', to: '17:00', topic: '客服话术与沟通（下午实操）' },
      ...mornings([d(2), d(4), d(6), d(8)]),
    ]);
    await events(c, runningId, [
      ['create', d(-38)],
      ['submit', d(-35)],
      ['approve', d(-31), '同意开班，请按计划做好考勤。'],
      ['start', d(-10)],
    ]);
    const runningLines = await enrol(c, runningId, running, d(-20));
    // two trainees missed a session each; one missed three
    await attend(
      c,
      runningId,
      runningSessions.slice(0, 5),
      runningLines,
      (l, s) => (l === 3 && s === 1) || (l === 7 && s === 3) || (l === 10 && s >= 2),
    );
    await trx
      .insertInto('inspection')
      .values({
        class_id: runningId,
        county_code: c.countyCode,
        kind: 'scheduled',
        planned_on: d(-4),
        inspected_on: d(-4),
        inspector_id: officer.id,
        inspector_region_code: c.countyCode,
        status: 'rectifying',
        findings: '到课 11 人，与签到表一致；教学按计划进行。无障碍卫生间堆放杂物，通道不畅；手语翻译仅上午在岗。',
        rectification_request: '清理无障碍卫生间通道；下午实操课安排手语翻译全程在岗，并补充签到表。',
        rectification_due_on: d(3),
        created_by: officer.id,
        created_at: at(d(-6)),
        updated_at: at(d(-4), '16:00'),
      })
      .execute();

    // ended, exam taken, completion waiting for the reviewer
    const awaitingId = await insertClass(c, {
      name: '电商客服（短期）培训班',
      status: 'completion_submitted',
      startsOn: d(-40),
      endsOn: d(-9),
      examOn: d(-9),
      submitted_at: at(d(-62), '09:30'),
      review_due_on: reviewDueOn(d(-62), timeRules),
      completion_submitted_at: at(d(-5), '10:00'),
      completion_review_due_on: reviewDueOn(d(-5), timeRules),
    });
    const awaitingSessions = await sessions(c, awaitingId, mornings([d(-40), d(-36), d(-32), d(-28), d(-24), d(-20), d(-16), d(-12)]));
    await events(c, awaitingId, [
      ['create', d(-65)],
      ['submit', d(-62)],
      ['approve', d(-58)],
      ['start', d(-40)],
      ['submit_completion', d(-5)],
    ]);
    const awaitingLines = await enrol(c, awaitingId, awaiting, d(-50));
    const awaitingAttended = await attend(
      c,
      awaitingId,
      awaitingSessions,
      awaitingLines,
      (l, s) => (l === 4 && s % 2 === 0) || (l === 8 && s === 5),
    );
    await examine(c, awaitingLines, [86, 92.5, 74, 58, 81, 66, 'absent', 95, 70, 88], awaitingAttended, awaitingSessions.length, d(-9));

    // closed: certificates issued, two skill-level certificates, survey answers (not yet the demo trainee's)
    await finishedClass(c, {
      name: '电子商务基础培训班',
      status: 'closed',
      startsOn: d(-120),
      persons: closed,
      scores: [90, 82, 77.5, 64, 88, 71, 93, 52, 79],
      absent: (l, s) => l === 5 && s < 3,
      answerLines: [1, 8],
      skillCertificates: 2,
    });

    // a second institution (七里河区), so the city reviewer's base evaluation reads real class results
    const second = await trx
      .selectFrom('institution')
      .select(['id', 'county_code'])
      .where('name', '=', DEMO_SECOND_INSTITUTION)
      .executeTakeFirst();
    const secondPersons = second ? await demoPersons(trx, second.county_code, today, 16) : [];
    if (second && secondPersons.length === 16) {
      const s: Context = {
        ...c,
        institutionId: second.id,
        countyCode: second.county_code,
        actors: {
          institution: { id: null, name: '七里河区阳光职业技能培训学校联系人' },
          reviewer: { id: null, name: '七里河区残联审核人' },
          officer: c.actors.officer,
        },
        trainerId: null,
      };
      await finishedClass(s, {
        name: '电商客服培训班（七里河）',
        status: 'closed',
        startsOn: d(-150),
        persons: secondPersons.slice(0, 8),
        scores: [84, 91, 66, 73, 58, 88, 79, 95],
        absent: (l, s) => l === 2 && s < 2,
        answerLines: [0, 7],
        skillCertificates: 0,
      });
      await finishedClass(s, {
        name: '电子商务美工培训班（七里河）',
        status: 'completion_approved',
        startsOn: d(-70),
        persons: secondPersons.slice(8, 16),
        scores: [77, 85, 92, 69, 81, 'absent', 74, 88],
        absent: () => false,
        answerLines: [0, 6],
        skillCertificates: 0,
      });
    }

    await trx
      .updateTable('app_user')
      .set({ person_id: persons[0]!.id })
      .where('username', '=', DEMO_TRAINEE)
      .where('person_id', 'is', null)
      .execute();
    // a second trainee on no roster yet, who can apply to an open class and sign in by QR code
    const [newcomer] = await demoPersons(trx, institution.county_code, today, 1, 30);
    if (newcomer) {
      await trx
        .updateTable('app_user')
        .set({ person_id: newcomer.id })
        .where('username', '=', DEMO_NEW_TRAINEE)
        .where('person_id', 'is', null)
        .execute();
    }
    await trx
      .insertInto('app_meta')
      .values({ key: 'demo_classes_seeded', value: JSON.stringify({ at: new Date().toISOString() }) })
      .execute();
  });
}
