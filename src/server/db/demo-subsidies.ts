import { randomInt } from 'node:crypto';
import { type Insertable, sql, type Transaction } from 'kysely';
import { newVerifyCode, trainingCertificateNo } from '../../shared/domain/certificate-codes';
import { attendanceRate } from '../../shared/domain/class-attendance';
import { addWorkingDays, type ClassTrainingType } from '../../shared/domain/class-codes';
import { completionReasonText, completionResult } from '../../shared/domain/class-completion';
import { maskBankAccount, maskName } from '../../shared/domain/masking';
import { ageOn } from '../../shared/domain/person-validation';
import {
  type ApprovalStep,
  type ClaimCommand,
  type ClaimStatus,
  type LedgerEntryKind,
  normaliseBankAccount,
  type StandardAmounts,
  standardCeilingFen,
  type SubsidyItem,
  claimNumber,
  noticeListNumber,
  batchNumber,
} from '../../shared/domain/subsidy-codes';
import { addDays } from '../../shared/domain/trainer-rotation';
import { placeOf } from '../modules/subsidy-claims/claim-access';
import { evaluateClaims } from '../modules/subsidy-claims/claim-eligibility';
import type { RegionsService } from '../modules/regions/regions.service';
import type { PersonalDataCrypto } from '../platform/personal-data-crypto';
import type { Db } from './database';
import { DEMO_CLASS_INSTITUTION, DEMO_SECOND_INSTITUTION } from './demo-classes';
import type { SubsidyClaimTable, Tables } from './tables';

/**
 * Subsidy demo data (issue 6): standards, funds with their budgets, and claims of the demo
 * institution's closed class at every stage of the flow — drafts, submitted, on public notice,
 * noticed, approved by county, city and finance, paid in a batch (one payment reversed), an
 * ineligible claim that conflicts with a claim paid to the same trainee by another institution, and
 * one bank account on three trainees (a fraud signal). Everything is dated around `today` from the
 * closed class's exam, so a fresh start always shows a current picture. Bank accounts are sealed,
 * blind-indexed and masked as the claims service stores them. Runs once (marker in app_meta).
 */

/** The defaults of config.ts: the demo is built without the running configuration. */
const rules = { claimWindowDays: 30, noticeDays: 7, stepWorkingDays: 5, yearlyCapFen: 1_000_000, regionMatch: 'city' as const };
const STANDARD_FROM = '2025-01-01';
const OCCUPATION = '电子商务师';
/** the donor of the city's donation fund */
export const DEMO_FOUNDATION = '甘肃省残疾人福利基金会';
/** the 620100 budget line's budget, 500,000.00 元 */
export const DEMO_CITY_BUDGET_FEN = 50_000_000;

type Trx = Transaction<Tables>;
type Actor = { id: string | null; name: string };

/** A moment on a day in China (the demo's clock times are Beijing time). */
function at(day: string, time = '10:00'): Date {
  return new Date(`${day}T${time}:00+08:00`);
}

async function userOf(trx: Trx, username: string): Promise<Actor | null> {
  const row = await trx.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', username).executeTakeFirst();
  return row ? { id: row.id, name: row.display_name } : null;
}

async function nextSerial(trx: Trx, sequence: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT nextval(${sequence}::regclass) AS n`.execute(trx);
  return Number(rows[0]!.n);
}

// ---------------------------------------------------------------- standards and funds

const provinceDefaults: [ClassTrainingType, StandardAmounts][] = [
  ['employment_skills', { tuitionFen: 150_000, materialsFen: 20_000, examFeeFen: 20_000, assistingStaffFen: 40_000 }],
  ['on_the_job', { tuitionFen: 100_000, materialsFen: 10_000, examFeeFen: 15_000, assistingStaffFen: 30_000 }],
  ['entrepreneurship', { tuitionFen: 200_000, materialsFen: 30_000, examFeeFen: 0, assistingStaffFen: 40_000 }],
  ['high_skill', { tuitionFen: 300_000, materialsFen: 30_000, examFeeFen: 50_000, assistingStaffFen: 50_000 }],
  ['employer_staff', { tuitionFen: 80_000, materialsFen: 10_000, examFeeFen: 15_000, assistingStaffFen: 30_000 }],
  ['rural_practical', { tuitionFen: 60_000, materialsFen: 10_000, examFeeFen: 0, assistingStaffFen: 20_000 }],
  // contest training: prize money, travel, food and lodging are recorded on claims but never subsidised
  ['contest', { tuitionFen: 100_000, materialsFen: 20_000, examFeeFen: 0, assistingStaffFen: 30_000 }],
];
const cityEmployment: StandardAmounts = { tuitionFen: 170_000, materialsFen: 20_000, examFeeFen: 25_000, assistingStaffFen: 50_000 };
const countyProgramme: StandardAmounts = { tuitionFen: 180_000, materialsFen: 20_000, examFeeFen: 25_000, assistingStaffFen: 60_000 };

async function insertStandard(
  trx: Trx,
  region: string,
  type: ClassTrainingType,
  amounts: StandardAmounts,
  extra: { programme?: string; basis: string; remarks?: string; by: string | null },
): Promise<string> {
  const row = await trx
    .insertInto('subsidy_standard')
    .values({
      region_code: region,
      training_type: type,
      programme_code: extra.programme ?? null,
      skill_level: null,
      tuition_fen: amounts.tuitionFen,
      materials_fen: amounts.materialsFen,
      exam_fee_fen: amounts.examFeeFen,
      assisting_staff_fen: amounts.assistingStaffFen,
      effective_from: STANDARD_FROM,
      basis: extra.basis,
      remarks: extra.remarks ?? null,
      created_by: extra.by,
      created_at: at(addDays(STANDARD_FROM, -20)),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

interface Fund {
  id: string;
  regionCode: string;
}

async function insertFund(
  trx: Trx,
  values: {
    region: string;
    year: number;
    kind: 'budget_line' | 'donation';
    code: string;
    name: string;
    source?: string;
    budgetFen: number;
  },
  by: Actor,
): Promise<Fund> {
  const createdAt = at(`${values.year}-01-10`);
  const row = await trx
    .insertInto('subsidy_fund')
    .values({
      region_code: values.region,
      year: values.year,
      kind: values.kind,
      code: values.code,
      name: values.name,
      source: values.source ?? null,
      created_by: by.id,
      created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('ledger_entry')
    .values({
      fund_id: row.id,
      region_code: values.region,
      kind: 'budget',
      amount_fen: values.budgetFen,
      voucher_ref: values.kind === 'donation' ? `捐赠协议 ${values.code}` : `${values.year} 年预算下达`,
      memo: values.kind === 'donation' ? `${values.source ?? ''}捐赠到账` : '年初预算下达',
      created_by: by.id,
      created_at: createdAt,
    })
    .execute();
  return { id: row.id, regionCode: values.region };
}

async function ledger(
  trx: Trx,
  fund: Fund,
  kind: LedgerEntryKind,
  amountFen: number,
  refs: { claimId?: string; paymentId?: string; batchId?: string; voucher?: string; memo: string; by: Actor; when: Date },
): Promise<void> {
  await trx
    .insertInto('ledger_entry')
    .values({
      fund_id: fund.id,
      region_code: fund.regionCode,
      kind,
      amount_fen: amountFen,
      claim_id: refs.claimId ?? null,
      payment_id: refs.paymentId ?? null,
      batch_id: refs.batchId ?? null,
      voucher_ref: refs.voucher ?? null,
      memo: refs.memo,
      created_by: refs.by.id,
      created_at: refs.when,
    })
    .execute();
}

// ---------------------------------------------------------------- trainees

interface ClosedClass {
  id: string;
  countyCode: string;
  institutionId: string;
  institutionName: string;
  programmeCode: string;
  trainingType: ClassTrainingType;
  trainingYear: number;
  examOn: string;
  issuedOn: string;
}

interface Trainee {
  personId: string;
  name: string;
  enrolmentId: string;
  certificateId: string;
}

async function closedClassOf(trx: Trx, institutionName: string): Promise<ClosedClass | null> {
  const row = await trx
    .selectFrom('training_class as c')
    .innerJoin('institution as i', 'i.id', 'c.institution_id')
    .select(['c.id', 'c.county_code', 'c.institution_id', 'i.name', 'c.programme_code', 'c.training_type', 'c.training_year', 'c.exam_on'])
    .where('i.name', '=', institutionName)
    .where('c.status', '=', 'closed')
    .orderBy('c.starts_on')
    .executeTakeFirst();
  if (!row?.exam_on) return null;
  const certificate = await trx
    .selectFrom('training_certificate')
    .select('issued_on')
    .where('class_id', '=', row.id)
    .orderBy('certificate_no')
    .executeTakeFirst();
  if (!certificate) return null;
  return {
    id: row.id,
    countyCode: row.county_code,
    institutionId: row.institution_id,
    institutionName: row.name,
    programmeCode: row.programme_code,
    trainingType: row.training_type,
    trainingYear: row.training_year,
    examOn: row.exam_on,
    issuedOn: certificate.issued_on,
  };
}

/** The certified trainees of a class, in certificate order. */
async function certifiedOf(trx: Trx, classId: string): Promise<Trainee[]> {
  const rows = await trx
    .selectFrom('training_certificate as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .select(['t.person_id', 'p.name', 't.enrolment_id', 't.id'])
    .where('t.class_id', '=', classId)
    .where('t.status', '=', 'valid')
    .orderBy('t.certificate_no')
    .execute();
  return rows.map((r) => ({ personId: r.person_id!, name: r.name, enrolmentId: r.enrolment_id, certificateId: r.id }));
}

/**
 * Puts more trainees on the closed class, who attended every session, passed and got the class's
 * training certificate on the same day: the demo needs a claim at every stage, more than the class
 * roster of the classes demo has. One of them is a trainee of the other institution's closed
 * class, so the cross-institution rule has something to find.
 */
async function addCertifiedTrainees(
  trx: Trx,
  klass: ClosedClass,
  persons: { id: string; name: string; accommodations: string[] }[],
  by: Actor,
): Promise<Trainee[]> {
  const sessions = await trx
    .selectFrom('class_session')
    .select(['id', 'starts_at', 'ends_at'])
    .where('class_id', '=', klass.id)
    .orderBy('seq')
    .execute();
  const enrolledOn = addDays(klass.examOn, -40);
  const scores = [85, 78, 91, 69, 88, 80];
  const year = Number(klass.issuedOn.slice(0, 4));
  const serialRow = await trx
    .insertInto('training_certificate_serial')
    .values({ county_code: klass.countyCode, year, last_serial: persons.length })
    .onConflict((oc) =>
      oc
        .columns(['county_code', 'year'])
        .doUpdateSet({ last_serial: sql<number>`training_certificate_serial.last_serial + ${persons.length}` }),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  const firstSerial = serialRow.last_serial - persons.length + 1;
  const trainees: Trainee[] = [];
  for (const [i, person] of persons.entries()) {
    const score = scores[i % scores.length]!;
    const outcome = completionResult(
      { examScore: score, examAbsent: false, attendanceRate: attendanceRate(sessions.length, sessions.length).rate },
      { passScore: 60, attendanceThreshold: 80 },
    );
    const enrolment = await trx
      .insertInto('class_enrolment')
      .values({
        class_id: klass.id,
        county_code: klass.countyCode,
        participant_kind: 'person',
        person_id: person.id,
        status: 'enrolled',
        source: 'institution',
        accommodations: person.accommodations,
        exam_score: score,
        exam_absent: false,
        exam_recorded_at: at(klass.examOn, '16:00'),
        completion_result: outcome.result,
        completion_reason: completionReasonText(outcome),
        enrolled_by: by.id,
        created_at: at(enrolledOn),
        updated_at: at(klass.examOn, '16:00'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [s, session] of sessions.entries()) {
      await trx
        .insertInto('attendance')
        .values({
          class_id: klass.id,
          county_code: klass.countyCode,
          session_id: session.id,
          enrolment_id: enrolment.id,
          signed_in_at: new Date(new Date(session.starts_at).getTime() - ((i + s) % 9) * 60_000),
          signed_out_at: new Date(new Date(session.ends_at).getTime() + ((i * 2 + s) % 7) * 60_000),
          method_in: 'roster',
          method_out: 'roster',
          recorded_by: by.id,
        })
        .execute();
    }
    const certificate = await trx
      .insertInto('training_certificate')
      .values({
        certificate_no: trainingCertificateNo(year, klass.countyCode, firstSerial + i),
        verify_code: newVerifyCode(randomInt),
        class_id: klass.id,
        enrolment_id: enrolment.id,
        person_id: person.id,
        county_code: klass.countyCode,
        holder_name: person.name,
        holder_name_masked: maskName(person.name).text,
        issued_on: klass.issuedOn,
        issued_by: by.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    trainees.push({ personId: person.id, name: person.name, enrolmentId: enrolment.id, certificateId: certificate.id });
  }
  return trainees;
}

/** Working-age registered persons of the county (any category: the few served ones are all on rosters) on no roster and with no account. */
async function freshPersons(trx: Trx, countyCode: string, today: string, count: number) {
  const rows = await trx
    .selectFrom('person as p')
    .select(['p.id', 'p.name', 'p.birth_date', 'p.accommodations'])
    .where('p.county_code', '=', countyCode)
    .where('p.status', '=', 'active')
    .where('p.birth_date', '<=', addDays(today, -18 * 366))
    .where('p.birth_date', '>=', addDays(today, -55 * 365))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('class_enrolment as e').select('e.id').whereRef('e.person_id', '=', 'p.id'))),
    )
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('app_user as u').select('u.id').whereRef('u.person_id', '=', 'p.id'))))
    .orderBy('p.id_number_index')
    .limit(count * 2)
    .execute();
  return rows.filter((r) => ageOn(r.birth_date, today) >= 18).slice(0, count);
}

// ---------------------------------------------------------------- claims

/** A demo bank card number: 622848 (a 19-digit debit card BIN) and 13 digits from the trainee's line. */
function demoAccount(n: number): string {
  return `622848${String(40_000_000_000 + n * 7_919_113).padStart(13, '0')}`;
}

/** One bank account the institution entered for three trainees: the shared-account fraud signal. */
const SHARED_ACCOUNT = '6228480398812345671';

type Step = [command: ClaimCommand, to: ClaimStatus, on: Date, actor: Actor, extra?: { step?: ApprovalStep; comment?: string }];

interface Prepared {
  claimId: string;
  countyCode: string;
  steps: Step[];
  amountFen: number;
  payee: { name: string; bankName: string; masked: string } | null;
}

async function insertClaim(
  trx: Trx,
  crypto: PersonalDataCrypto,
  regions: RegionsService,
  klass: ClosedClass,
  trainee: Trainee,
  plan: {
    standardId: string;
    standard: StandardAmounts;
    assisted: boolean;
    items: SubsidyItem[];
    account: string | null;
    bankName?: string;
    steps: Step[];
    set?: Partial<Insertable<SubsidyClaimTable>>;
  },
): Promise<Prepared> {
  const serial = await nextSerial(trx, 'subsidy_claim_no_seq');
  // some registry persons have their hukou outside the city (or the province): the institution then
  // declares the trainee's job-seeking registration in the class's county, as the region rule allows
  const person = await trx
    .selectFrom('person')
    .select(['hukou_region_code', 'residence_region_code'])
    .where('id', '=', trainee.personId)
    .executeTakeFirstOrThrow();
  const city = placeOf(regions, klass.countyCode).cityCode;
  const tied = [person.hukou_region_code, person.residence_region_code].some((code) => code && placeOf(regions, code).cityCode === city);
  const amountFen = plan.items.reduce((sum, item) => sum + item.amountFen, 0);
  const account = plan.account ? normaliseBankAccount(plan.account) : null;
  const masked = account ? maskBankAccount(account).text : null;
  const bankName = account ? (plan.bankName ?? '中国农业银行兰州城关支行') : null;
  const last = plan.steps.at(-1)!;
  const submitted = plan.steps.find(([command]) => command === 'submit' || command === 'find_ineligible');
  const row = await trx
    .insertInto('subsidy_claim')
    .values({
      claim_no: claimNumber(klass.countyCode, klass.trainingYear, serial),
      county_code: klass.countyCode,
      class_id: klass.id,
      enrolment_id: trainee.enrolmentId,
      person_id: trainee.personId,
      certificate_id: trainee.certificateId,
      institution_id: klass.institutionId,
      programme_code: klass.programmeCode,
      occupation: OCCUPATION,
      skill_level: '5',
      training_type: klass.trainingType,
      training_year: klass.trainingYear,
      exam_on: klass.examOn,
      submit_due_on: addDays(klass.examOn, rules.claimWindowDays),
      standard_id: plan.standardId,
      assisted: plan.assisted,
      items: JSON.stringify(plan.items),
      amount_fen: amountFen,
      standard_fen: standardCeilingFen(plan.standard, plan.assisted),
      job_seeking_region_code: tied ? null : klass.countyCode,
      payee_kind: 'person',
      payee_name: account ? trainee.name : null,
      bank_name: bankName,
      bank_account_sealed: account ? crypto.seal(account) : null,
      bank_account_index: account ? crypto.blindIndex(account) : null,
      bank_account_masked: masked,
      status: last[1],
      submitted_at: submitted ? submitted[2] : null,
      version: plan.steps.length,
      created_at: plan.steps[0]![2],
      updated_at: last[2],
      ...plan.set,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let from: ClaimStatus | null = null;
  let stepStart: string | null = null;
  for (const [command, to, on, actor, extra] of plan.steps) {
    const day = on.toISOString().slice(0, 10);
    const due = extra?.step && stepStart ? addWorkingDays(stepStart, rules.stepWorkingDays) : null;
    await trx
      .insertInto('subsidy_claim_event')
      .values({
        claim_id: row.id,
        county_code: klass.countyCode,
        command,
        step: extra?.step ?? null,
        from_status: from,
        to_status: to,
        comment: extra?.comment ?? null,
        documents: '[]',
        due_on: due,
        late: due !== null && day > due,
        actor_id: actor.id,
        actor_name: actor.name,
        occurred_at: on,
      })
      .execute();
    if (command === 'notice_effective' || command === 'approve') stepStart = day;
    from = to;
  }
  return {
    claimId: row.id,
    countyCode: klass.countyCode,
    steps: plan.steps,
    amountFen,
    payee: account ? { name: trainee.name, bankName: bankName!, masked: masked! } : null,
  };
}

const fullItems = (s: StandardAmounts, assisted: boolean): SubsidyItem[] => [
  { category: 'tuition', amountFen: s.tuitionFen },
  { category: 'materials', amountFen: s.materialsFen },
  { category: 'exam_fee', amountFen: s.examFeeFen },
  ...(assisted ? [{ category: 'assisting_staff' as const, amountFen: s.assistingStaffFen, note: '手语翻译全程随班' }] : []),
];

async function insertNoticeList(
  trx: Trx,
  values: {
    countyCode: string;
    countyName: string;
    year: number;
    batch: number;
    claims: Prepared[];
    startsOn: string;
    status: 'on_notice' | 'effective';
    preparedBy: Actor;
  },
): Promise<string> {
  const serial = await nextSerial(trx, 'subsidy_notice_list_no_seq');
  const title = `${values.year} 年${values.countyName}残疾人职业培训补贴公示名单（第 ${values.batch} 批）`;
  const total = values.claims.reduce((sum, c) => sum + c.amountFen, 0);
  const endsOn = addDays(values.startsOn, rules.noticeDays);
  const list = await trx
    .insertInto('subsidy_notice_list')
    .values({
      list_no: noticeListNumber(values.countyCode, values.year, serial),
      county_code: values.countyCode,
      title,
      claim_count: values.claims.length,
      total_fen: total,
      status: values.status,
      prepared_by: values.preparedBy.id,
      created_at: at(values.startsOn, '09:00'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const notice = await trx
    .insertInto('public_notice')
    .values({
      subject_kind: 'subsidy_list',
      subject_id: list.id,
      region_code: values.countyCode,
      title,
      summary: `${values.claims.length} 名学员取得培训合格证书，拟发放职业培训补贴。公示期 ${rules.noticeDays} 天，对名单有异议的，可在公示期内实名或匿名提出。`,
      starts_at: at(values.startsOn, '09:00'),
      ends_at: at(endsOn, '09:00'),
      status: values.status === 'on_notice' ? 'open' : 'effective',
      settled_at: values.status === 'on_notice' ? null : at(endsOn, '09:00'),
      created_by: values.preparedBy.id,
      created_at: at(values.startsOn, '09:00'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('subsidy_notice_list').set({ notice_id: notice.id }).where('id', '=', list.id).execute();
  for (const [i, claim] of values.claims.entries()) {
    await trx
      .updateTable('subsidy_claim')
      .set({ notice_list_id: list.id, notice_line_no: i + 1, prepared_by: values.preparedBy.id })
      .where('id', '=', claim.claimId)
      .execute();
  }
  return list.id;
}

/**
 * Loads the subsidy demo data into a database that has the demo classes (needs the demo persons);
 * does nothing without them or without the demo accounts it names.
 */
export async function seedDemoSubsidies(db: Db, crypto: PersonalDataCrypto, regions: RegionsService, today: string): Promise<void> {
  const done = await db.selectFrom('app_meta').select('key').where('key', '=', 'demo_subsidies_seeded').executeTakeFirst();
  if (done) return;
  await db.transaction().execute(async (trx) => {
    const names = ['jigou.demo', 'chengguan.peixun', 'chengguan.shenhe', 'lanzhou.shenhe', 'lanzhou.caiwu', 'lanzhou.chuna', 'sheng.caiwu'];
    const found = await Promise.all(names.map((n) => userOf(trx, n)));
    if (found.some((a) => a === null)) return;
    const [institution, officer, countyReviewer, cityReviewer, finance, cashier, provinceFinance] = found as [
      Actor,
      Actor,
      Actor,
      Actor,
      Actor,
      Actor,
      Actor,
    ];
    const system: Actor = { id: null, name: '系统（公示期满）' };
    const klass = await closedClassOf(trx, DEMO_CLASS_INSTITUTION);
    const other = await closedClassOf(trx, DEMO_SECOND_INSTITUTION);
    if (!klass || !other) return;
    const original = await certifiedOf(trx, klass.id);
    const otherTrainees = await certifiedOf(trx, other.id);
    const fresh = await freshPersons(trx, klass.countyCode, today, 5);
    if (original.length < 7 || otherTrainees.length < 1 || fresh.length < 5) return;
    const d = (n: number) => addDays(today, n);
    const year = Number(today.slice(0, 4));

    // standards: province defaults for every type, the city's employment-skills rate, the county's programme rate
    const standardIds = new Map<string, string>();
    for (const [type, amounts] of provinceDefaults) {
      standardIds.set(
        `620000:${type}`,
        await insertStandard(trx, '620000', type, amounts, {
          basis: '甘残联发〔2024〕38 号 关于印发《甘肃省残疾人职业培训补贴标准》的通知',
          remarks:
            type === 'contest' ? '竞赛集训的获奖奖金、差旅、食宿及杂费登记但不予补贴' : '辅助教学人员补贴仅限配备手语翻译、助教的班级',
          by: provinceFinance.id,
        }),
      );
    }
    const cityStandard = await insertStandard(trx, '620100', 'employment_skills', cityEmployment, {
      basis: '兰残联发〔2024〕21 号',
      remarks: '兰州市就业技能培训按市级标准执行',
      by: finance.id,
    });
    const countyStandard = await insertStandard(trx, klass.countyCode, 'employment_skills', countyProgramme, {
      programme: klass.programmeCode,
      basis: '城残联发〔2025〕7 号',
      remarks: '电商客服项目含上机实训耗材，教材资料费按实际核定',
      by: officer.id,
    });

    // funds: the province's and the city's budget lines, and a foundation's donation to the city
    await insertFund(
      trx,
      {
        region: '620000',
        year,
        kind: 'budget_line',
        code: '2081107',
        name: `${year} 年省级残疾人职业培训补贴资金`,
        budgetFen: 300_000_000,
      },
      provinceFinance,
    );
    const cityFund = await insertFund(
      trx,
      {
        region: '620100',
        year,
        kind: 'budget_line',
        code: '2081107',
        name: `${year} 年兰州市残疾人职业培训补贴资金`,
        budgetFen: DEMO_CITY_BUDGET_FEN,
      },
      finance,
    );
    const donation = await insertFund(
      trx,
      {
        region: '620100',
        year,
        kind: 'donation',
        code: `JZ-${year}-003`,
        name: `${DEMO_FOUNDATION}“助残就业”捐赠资金`,
        source: DEMO_FOUNDATION,
        budgetFen: 20_000_000,
      },
      finance,
    );

    // five more trainees of the county and one of 七里河's closed class join the closed class
    const crossPerson = otherTrainees[0]!;
    const crossRow = await trx
      .selectFrom('person')
      .select(['id', 'name', 'accommodations'])
      .where('id', '=', crossPerson.personId)
      .executeTakeFirstOrThrow();
    const added = await addCertifiedTrainees(
      trx,
      klass,
      [...fresh.map((p) => ({ id: p.id, name: p.name, accommodations: p.accommodations })), crossRow],
      institution,
    );
    const t = [...original, ...added];
    const crossTrainee = t.at(-1)!;

    const issued = klass.issuedOn;
    const generate = (on: string): Step => ['generate', 'draft', at(on, '17:00'), institution];
    const submit = (on: string): Step => ['submit', 'submitted', at(on, '10:30'), institution];
    const county: Step[] = [
      ['put_on_notice', 'on_notice', at(d(-40), '09:00'), officer],
      ['notice_effective', 'noticed', at(d(-33), '09:00'), system],
    ];
    const approve = (step: ApprovalStep, on: string, actor: Actor, comment: string): Step => [
      'approve',
      step === 'county_review' ? 'county_approved' : step === 'city_review' ? 'city_approved' : 'approved',
      at(on, '15:00'),
      actor,
      { step, comment },
    ];
    const toApproved: Step[] = [
      ...county,
      approve('county_review', d(-30), countyReviewer, '证书、考勤与公示材料齐全，同意。'),
      approve('city_review', d(-25), cityReviewer, '复核无误。'),
      approve('finance_review', d(-20), finance, '标准核定无误，从市级预算资金列支。'),
    ];
    const standard = countyProgramme;
    const base = { standardId: countyStandard, standard, assisted: true, items: fullItems(standard, true) };
    const acct = (i: number) => demoAccount(i + 1);

    // 0: the demo trainee's claim, completed by the institution and ready to submit: its window after
    // the exam had passed, so the county extended it (逾期补报) the same morning
    const extendedDue = d(14);
    const claims: Prepared[] = [];
    claims.push(
      await insertClaim(trx, crypto, regions, klass, t[0]!, {
        ...base,
        account: acct(0),
        steps: [
          generate(issued),
          [
            'edit',
            'draft',
            at(d(-1), '09:30'),
            officer,
            { comment: `延长申领期限至 ${extendedDue}：学员培训合格证书补发延误，准予逾期补报` },
          ],
          ['edit', 'draft', at(d(-1), '11:00'), institution, { comment: '补全银行卡信息与费用明细' }],
        ],
        set: { submit_due_on: extendedDue },
      }),
    );
    // 1: a draft still to be completed (no items, no bank account yet)
    claims.push(await insertClaim(trx, crypto, regions, klass, t[1]!, { ...base, items: [], account: null, steps: [generate(issued)] }));
    // 2–4: one bank account on three trainees; one waits for the notice, two are on notice now
    claims.push(
      await insertClaim(trx, crypto, regions, klass, t[2]!, {
        ...base,
        account: SHARED_ACCOUNT,
        steps: [generate(issued), submit(addDays(issued, 12))],
      }),
    );
    for (const i of [3, 4]) {
      claims.push(
        await insertClaim(trx, crypto, regions, klass, t[i]!, {
          ...base,
          account: SHARED_ACCOUNT,
          steps: [generate(issued), submit(addDays(issued, 5)), ['put_on_notice', 'on_notice', at(d(-2), '09:00'), officer]],
          set: { step_due_on: d(-2 + rules.noticeDays) },
        }),
      );
    }
    // 5: notice period over, waiting for the county (overdue); 6: county approved; 7: city approved
    claims.push(
      await insertClaim(trx, crypto, regions, klass, t[5]!, {
        ...base,
        account: acct(5),
        steps: [generate(issued), submit(addDays(issued, 3)), ...county],
        set: { step_due_on: addWorkingDays(d(-33), rules.stepWorkingDays) },
      }),
    );
    claims.push(
      await insertClaim(trx, crypto, regions, klass, t[6]!, {
        ...base,
        account: acct(6),
        steps: [generate(issued), submit(addDays(issued, 3)), ...county, approve('county_review', d(-4), countyReviewer, '同意。')],
        set: { step_due_on: addWorkingDays(d(-4), rules.stepWorkingDays) },
      }),
    );
    claims.push(
      await insertClaim(trx, crypto, regions, klass, t[7]!, {
        ...base,
        account: acct(7),
        steps: [
          generate(issued),
          submit(addDays(issued, 4)),
          ...county,
          approve('county_review', d(-30), countyReviewer, '同意。'),
          approve('city_review', d(-2), cityReviewer, '复核无误，请财务审定。'),
        ],
        set: { step_due_on: addWorkingDays(d(-2), rules.stepWorkingDays) },
      }),
    );
    // 8: approved by finance from the donation fund, waiting for a batch
    const financeStep = (memo: string): Step[] => [...toApproved.slice(0, -1), approve('finance_review', d(-20), finance, memo)];
    claims.push(
      await insertClaim(trx, crypto, regions, klass, t[8]!, {
        ...base,
        account: acct(8),
        steps: [generate(issued), submit(addDays(issued, 4)), ...financeStep(`标准核定无误，从${DEMO_FOUNDATION}捐赠资金列支。`)],
        set: { fund_id: donation.id, approved_at: at(d(-20), '15:00') },
      }),
    );
    // 9–11: paid in one batch; 11's payment came back from the bank and was reversed
    const paidSteps = (reversed: boolean): Step[] => [
      ...toApproved,
      ['batch', 'batched', at(d(-15), '10:00'), finance],
      ['pay', 'paid', at(d(-14), '11:00'), cashier],
      ...(reversed ? ([['reverse', 'reversed', at(d(-5), '14:00'), cashier, { comment: '银行退票：收款账户已销户' }]] as Step[]) : []),
    ];
    for (const i of [9, 10, 11]) {
      claims.push(
        await insertClaim(trx, crypto, regions, klass, t[i]!, {
          ...base,
          account: acct(i),
          steps: [generate(issued), submit(addDays(issued, 2)), ...paidSteps(i === 11)],
          set: { fund_id: cityFund.id, approved_at: at(d(-20), '15:00'), paid_at: at(d(-14), '11:00') },
        }),
      );
    }
    // 12: the 七里河 trainee: the same occupation and level was already paid by the other institution
    claims.push(
      await insertClaim(trx, crypto, regions, klass, crossTrainee, {
        ...base,
        account: acct(12),
        steps: [generate(issued), ['find_ineligible', 'ineligible', at(addDays(issued, 6), '10:30'), institution]],
      }),
    );

    // the other institution's claim for that trainee, paid in the same city batch
    const otherCountyName = regions.get(other.countyCode)?.name ?? other.countyCode;
    const otherActors = {
      institution: { id: null, name: '七里河区阳光职业技能培训学校联系人' },
      officer: { id: null, name: '七里河区残联培训专干' },
      reviewer: { id: null, name: '七里河区残联审核人' },
    };
    const otherIssued = other.issuedOn;
    const crossPaid = await insertClaim(trx, crypto, regions, other, crossPerson, {
      standardId: cityStandard,
      standard: cityEmployment,
      assisted: false,
      items: fullItems(cityEmployment, false),
      account: acct(20),
      bankName: '兰州银行七里河支行',
      steps: [
        ['generate', 'draft', at(otherIssued, '17:00'), otherActors.institution],
        ['submit', 'submitted', at(addDays(otherIssued, 4), '10:30'), otherActors.institution],
        ['put_on_notice', 'on_notice', at(addDays(otherIssued, 10), '09:00'), otherActors.officer],
        ['notice_effective', 'noticed', at(addDays(otherIssued, 10 + rules.noticeDays), '09:00'), system],
        approve('county_review', addDays(otherIssued, 19), otherActors.reviewer, '同意。'),
        approve('city_review', d(-25), cityReviewer, '复核无误。'),
        approve('finance_review', d(-20), finance, '标准核定无误，从市级预算资金列支。'),
        ['batch', 'batched', at(d(-15), '10:00'), finance],
        ['pay', 'paid', at(d(-14), '11:00'), cashier],
      ],
      set: { fund_id: cityFund.id, approved_at: at(d(-20), '15:00'), paid_at: at(d(-14), '11:00') },
    });

    // notice lists: 城关's first list (effective), its list on notice now, 七里河's list (effective)
    const countyName = regions.get(klass.countyCode)?.name ?? klass.countyCode;
    await insertNoticeList(trx, {
      countyCode: klass.countyCode,
      countyName,
      year: klass.trainingYear,
      batch: 1,
      claims: claims.slice(5, 12),
      startsOn: d(-40),
      status: 'effective',
      preparedBy: officer,
    });
    await insertNoticeList(trx, {
      countyCode: klass.countyCode,
      countyName,
      year: klass.trainingYear,
      batch: 2,
      claims: claims.slice(3, 5),
      startsOn: d(-2),
      status: 'on_notice',
      preparedBy: officer,
    });
    const otherList = await insertNoticeList(trx, {
      countyCode: other.countyCode,
      countyName: otherCountyName,
      year: other.trainingYear,
      batch: 1,
      claims: [crossPaid],
      startsOn: addDays(otherIssued, 10),
      status: 'effective',
      preparedBy: otherActors.officer,
    });
    await trx.updateTable('subsidy_claim').set({ prepared_by: null }).where('notice_list_id', '=', otherList).execute();

    // commitments at finance approval, the batch made by finance and paid by the cashier, one reversal
    const batchClaims = [claims[9]!, claims[10]!, claims[11]!, crossPaid];
    for (const claim of batchClaims)
      await ledger(trx, cityFund, 'commitment', claim.amountFen, {
        claimId: claim.claimId,
        memo: '审定占用',
        by: finance,
        when: at(d(-20), '15:00'),
      });
    await ledger(trx, donation, 'commitment', claims[8]!.amountFen, {
      claimId: claims[8]!.claimId,
      memo: '审定占用',
      by: finance,
      when: at(d(-20), '15:00'),
    });
    const batchSerial = await nextSerial(trx, 'subsidy_batch_no_seq');
    const voucher = `记-${d(-14).replaceAll('-', '')}-${String(batchSerial).padStart(3, '0')}`;
    const total = batchClaims.reduce((sum, c) => sum + c.amountFen, 0);
    const batch = await trx
      .insertInto('payment_batch')
      .values({
        batch_no: batchNumber(cityFund.regionCode, year, batchSerial),
        region_code: cityFund.regionCode,
        fund_id: cityFund.id,
        status: 'paid',
        claim_count: batchClaims.length,
        total_fen: total,
        voucher_ref: voucher,
        created_by: finance.id!,
        paid_by: cashier.id,
        paid_at: at(d(-14), '11:00'),
        remarks: '第一批职业培训补贴直补个人',
        version: 2,
        created_at: at(d(-15), '10:00'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('subsidy_claim')
      .set({ batch_id: batch.id })
      .where(
        'id',
        'in',
        batchClaims.map((c) => c.claimId),
      )
      .execute();
    for (const claim of batchClaims) {
      const payment = await trx
        .insertInto('subsidy_payment')
        .values({
          kind: 'payment',
          claim_id: claim.claimId,
          batch_id: batch.id,
          county_code: claim.countyCode,
          fund_id: cityFund.id,
          amount_fen: claim.amountFen,
          payee_name: claim.payee!.name,
          bank_name: claim.payee!.bankName,
          bank_account_masked: claim.payee!.masked,
          voucher_ref: voucher,
          created_by: cashier.id,
          created_at: at(d(-14), '11:00'),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await ledger(trx, cityFund, 'payment', claim.amountFen, {
        claimId: claim.claimId,
        paymentId: payment.id,
        batchId: batch.id,
        voucher,
        memo: '职业培训补贴支付',
        by: cashier,
        when: at(d(-14), '11:00'),
      });
      if (claim === claims[11]) {
        const reversalVoucher = `记-${d(-5).replaceAll('-', '')}-${String(batchSerial).padStart(3, '0')}-退`;
        const reversal = await trx
          .insertInto('subsidy_payment')
          .values({
            kind: 'reversal',
            claim_id: claim.claimId,
            batch_id: batch.id,
            county_code: claim.countyCode,
            fund_id: cityFund.id,
            amount_fen: claim.amountFen,
            payee_name: claim.payee!.name,
            bank_name: claim.payee!.bankName,
            bank_account_masked: claim.payee!.masked,
            voucher_ref: reversalVoucher,
            reverses_id: payment.id,
            reason: '银行退票：收款账户已销户',
            created_by: cashier.id,
            created_at: at(d(-5), '14:00'),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await ledger(trx, cityFund, 'reversal', claim.amountFen, {
          claimId: claim.claimId,
          paymentId: reversal.id,
          batchId: batch.id,
          voucher: reversalVoucher,
          memo: '银行退票冲销',
          by: cashier,
          when: at(d(-5), '14:00'),
        });
      }
    }

    // eligibility decisions by the engine itself, stored as the submission (and finance) found them
    const checked = [...claims, crossPaid].filter((c) =>
      c.steps.some(([command]) => command === 'submit' || command === 'find_ineligible'),
    );
    const rows = await trx
      .selectFrom('subsidy_claim')
      .selectAll()
      .where(
        'id',
        'in',
        checked.map((c) => c.claimId),
      )
      .execute();
    const decisions = await evaluateClaims(trx, regions, { yearlyCapFen: rules.yearlyCapFen, regionMatch: rules.regionMatch }, rows);
    for (const claim of checked) {
      const decision = decisions.get(claim.claimId)!;
      const row = rows.find((r) => r.id === claim.claimId)!;
      const submitted = claim.steps.find(([command]) => command === 'submit' || command === 'find_ineligible')!;
      const finance = claim.steps.find(([, , , , extra]) => extra?.step === 'finance_review');
      const checks: { context: 'submit' | 'approve'; at: Date; by: string | null }[] = [
        { context: 'submit', at: submitted[2], by: submitted[3].id },
        ...(finance ? [{ context: 'approve' as const, at: finance[2], by: finance[3].id }] : []),
      ];
      for (const check of checks)
        await trx
          .insertInto('subsidy_check')
          .values({
            claim_id: claim.claimId,
            county_code: row.county_code,
            eligible: decision.eligible,
            rules: JSON.stringify(decision.rules),
            context: check.context,
            checked_by: check.by,
            checked_at: check.at,
          })
          .execute();
      await trx
        .updateTable('subsidy_claim')
        .set({ eligibility: JSON.stringify(decision) })
        .where('id', '=', claim.claimId)
        .execute();
    }

    await trx
      .insertInto('app_meta')
      .values({ key: 'demo_subsidies_seeded', value: JSON.stringify({ at: new Date().toISOString() }) })
      .execute();
  });
}
