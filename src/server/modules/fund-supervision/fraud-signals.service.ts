import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/fund-supervision-contracts';
import type { FraudSignal, FraudSignalList, SignalSubjectType } from '../../../shared/contracts/fund-supervision-contracts';
import { attendanceFlagLabels } from '../../../shared/domain/class-attendance';
import {
  ATTENDANCE_ANOMALY_MIN_PERCENT,
  ATTENDANCE_ANOMALY_MIN_ROWS,
  attendanceAnomalyExplanation,
  certificateBeforeExamExplanation,
  type FraudSignalKind,
  fraudSignalDecisionLabels,
  fraudSignalKindLabels,
  fraudSignalKinds,
  isAttendanceAnomaly,
  PASS_RATE_LOW_MEAN_PERCENT,
  passRateOutlierExplanation,
  passRateOutliers,
  sharedBankExplanation,
  sharedPhoneExplanation,
  twoPlacesExplanation,
} from '../../../shared/domain/fraud-signals';
import { maskName, maskPhone } from '../../../shared/domain/masking';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/database';
import { type Actor, inScope } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { RegionsService } from '../regions/regions.service';
import { claimForActor } from '../subsidy-claims/claim-access';
import { fundSupervisionRepository as repo } from './fund-supervision.repository';

type ListQuery = z.output<typeof contracts.fraudSignalQuery>;
type ReviewInput = z.output<typeof contracts.reviewInput>;

export interface FraudSignalOptions {
  /** FRAUD_SHARED_CONTACT_MIN: persons on one phone or bank account that make a signal */
  sharedContactMin: number;
  /** FRAUD_PASS_RATE_MIN_TRAINEES: examined trainees an institution needs before its pass rate is compared */
  passRateMinTrainees: number;
}

interface Subject {
  type: SignalSubjectType;
  id: string;
  label: string;
  /** the county the subject belongs to: scope is decided on it */
  countyCode: string;
}

interface ComputedSignal {
  key: string;
  kind: FraudSignalKind;
  explanation: string;
  subjects: Subject[];
}

function addSubject(subjects: Subject[], subject: Subject): void {
  if (!subjects.some((s) => s.type === subject.type && s.id === subject.id)) subjects.push(subject);
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * Fraud signals (疑点线索): computed with SQL from claims, persons, attendance, certificates and
 * exams every time they are read, so a signal disappears when its data is corrected. Staff record a
 * review (confirmed or dismissed, with a comment) against a signal's stable key; the latest shows.
 * Staff see a signal when one of its subjects lies in their scope, and only the subjects that do.
 */
export class FraudSignalsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly regions: RegionsService,
    private readonly options: FraudSignalOptions,
  ) {}

  async list(actor: Actor, query: ListQuery): Promise<FraudSignalList> {
    const all = await this.visible(actor, query.regionCode);
    const items = query.kind ? all.filter((s) => s.kind === query.kind) : all;
    return {
      items,
      counts: fraudSignalKinds.map((kind) => ({
        kind,
        label: fraudSignalKindLabels[kind],
        count: all.filter((s) => s.kind === kind).length,
      })),
      rules: this.rules(),
    };
  }

  /** The signals that touch one claim: its own (a shared bank account names it), its person's, its class's and its institution's pass rate. */
  async forClaim(actor: Actor, claimId: string): Promise<{ items: FraudSignal[] }> {
    const { row } = await claimForActor(this.db, actor, claimId);
    if (actor.kind !== 'staff') throw new AppError('NOT_FOUND', '补贴申领不存在');
    const touches = new Set([`claim:${row.id}`, `person:${row.person_id}`, `class:${row.class_id}`]);
    const all = await this.visible(actor);
    // an institution subject touches the claim only on an institution-wide signal: another class's
    // attendance anomaly names the institution too, but says nothing about this claim
    const touching = (s: FraudSignal) =>
      s.subjects.some((x) => touches.has(`${x.type}:${x.id}`)) ||
      (s.kind === 'pass_rate_outlier' && s.subjects.some((x) => x.type === 'institution' && x.id === row.institution_id));
    return { items: all.filter(touching) };
  }

  async review(actor: Actor, input: ReviewInput, meta: RequestMeta): Promise<FraudSignal> {
    const signal = (await this.visible(actor)).find((s) => s.key === input.signalKey);
    if (!signal) throw new AppError('NOT_FOUND', '疑点线索不存在或不在本辖区，请刷新列表');
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.insertReview(trx, {
        signal_key: signal.key,
        region_code: signal.regionCode,
        decision: input.decision,
        comment: input.comment,
        reviewed_by: actor.userId,
      });
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'fraud_signals.review',
          outcome: 'success',
          regionCode: signal.regionCode,
          targetType: 'fraud_signal_review',
          targetId: row.id,
          // the key names ids and an HMAC index only, never a phone or an account in clear
          details: { signalKey: signal.key, kind: signal.kind, decision: input.decision },
        }),
      );
    });
    const [reviewed] = await this.withReviews([{ ...signal, review: undefined }]);
    return reviewed!;
  }

  private rules(): string[] {
    const { sharedContactMin, passRateMinTrainees } = this.options;
    return [
      `共用手机号、共用银行账户：同一号码或账户涉及不少于 ${sharedContactMin} 名申领补贴的学员。`,
      `考勤异常：有补贴申领的培训班，带异常标记的考勤不少于 ${ATTENDANCE_ANOMALY_MIN_ROWS} 条或不低于 ${ATTENDANCE_ANOMALY_MIN_PERCENT}%。`,
      '证书日期早于考核日期：培训合格证书的发证日期早于培训班的考核日期。',
      '同时在两个班：申领补贴的学员在日期重叠的两个培训班同时在册（培训班未取消），或考勤带“同一时间在两处签到”标记。',
      `合格率异常：参加考核学员不少于 ${passRateMinTrainees} 名的机构，合格率高于辖区平均值加 2 个标准差，或平均合格率低于 ${PASS_RATE_LOW_MEAN_PERCENT}% 时全部合格。`,
    ];
  }

  /** Every signal with a subject in the actor's scope (and within `regionCode` when given), reviews attached. */
  private async visible(actor: Actor, regionCode?: string): Promise<FraudSignal[]> {
    if (actor.kind !== 'staff') return [];
    const within = (county: string) => inScope(actor.scope, county) && (!regionCode || this.regions.isWithin(county, regionCode));
    const computed = [...(await this.contactAndRecordSignals()), ...(await this.passRateSignals(within))];
    const shown: FraudSignal[] = [];
    for (const signal of computed) {
      const subjects = signal.subjects.filter((s) => within(s.countyCode));
      if (subjects.length === 0) continue;
      const county = subjects[0]!.countyCode;
      shown.push({
        key: signal.key,
        kind: signal.kind,
        label: fraudSignalKindLabels[signal.kind],
        regionCode: county,
        regionName: this.regions.get(county)?.name ?? county,
        explanation: signal.explanation,
        subjects: subjects.map(({ type, id, label }) => ({ type, id, label })),
      });
    }
    return this.withReviews(shown);
  }

  private async withReviews(signals: FraudSignal[]): Promise<FraudSignal[]> {
    const reviews = new Map(
      (
        await repo.latestReviews(
          this.db,
          signals.map((s) => s.key),
        )
      ).map((r) => [r.signal_key, r]),
    );
    return signals.map((s) => {
      const r = reviews.get(s.key);
      if (!r) {
        const { review: _none, ...rest } = s;
        return rest;
      }
      return {
        ...s,
        review: {
          decision: r.decision,
          decisionLabel: fraudSignalDecisionLabels[r.decision],
          comment: r.comment,
          reviewedBy: r.display_name,
          reviewedAt: new Date(r.reviewed_at).toISOString(),
        },
      };
    });
  }

  private async contactAndRecordSignals(): Promise<ComputedSignal[]> {
    const db = this.db;
    const min = this.options.sharedContactMin;
    const [phones, banks, attendance, certificates, overlaps, twoPlaces] = await Promise.all([
      repo.sharedPhones(db, min),
      repo.sharedBankAccounts(db, min),
      repo.attendanceFlagsOfClaimedClasses(db),
      repo.certificatesBeforeExam(db),
      repo.overlappingEnrolments(db),
      repo.twoPlacesFlags(db),
    ]);
    const out: ComputedSignal[] = [];

    for (const rows of groupBy(phones, (r) => r.phone).values()) {
      const subjects: Subject[] = [];
      const names = new Map<string, string>();
      for (const r of rows) {
        names.set(r.person_id, maskName(r.name).text);
        addSubject(subjects, { type: 'person', id: r.person_id, label: maskName(r.name).text, countyCode: r.claim_county });
        addSubject(subjects, { type: 'claim', id: r.claim_id, label: r.claim_no, countyCode: r.claim_county });
      }
      const firstPerson = [...names.keys()].sort()[0]!;
      out.push({
        key: `shared_phone:${firstPerson}`,
        kind: 'shared_phone',
        explanation: sharedPhoneExplanation({ phoneMasked: maskPhone(rows[0]!.phone).text, names: [...names.values()], min }),
        subjects,
      });
    }

    for (const [index, rows] of groupBy(banks, (r) => r.bank_account_index)) {
      const subjects: Subject[] = [];
      const names = new Map<string, string>();
      for (const r of rows) {
        names.set(r.person_id, maskName(r.name).text);
        addSubject(subjects, { type: 'person', id: r.person_id, label: maskName(r.name).text, countyCode: r.claim_county });
        addSubject(subjects, { type: 'claim', id: r.claim_id, label: r.claim_no, countyCode: r.claim_county });
      }
      out.push({
        key: `shared_bank:${index}`,
        kind: 'shared_bank',
        explanation: sharedBankExplanation({
          accountMasked: rows.find((r) => r.bank_account_masked)?.bank_account_masked ?? '（已隐藏）',
          names: [...names.values()],
          claims: new Set(rows.map((r) => r.claim_id)).size,
          min,
        }),
        subjects,
      });
    }

    for (const r of attendance) {
      const flagged = Number(r.flagged_rows);
      const total = Number(r.total_rows);
      if (!isAttendanceAnomaly(flagged, total)) continue;
      out.push({
        key: `attendance_anomaly:${r.class_id}`,
        kind: 'attendance_anomaly',
        explanation: attendanceAnomalyExplanation({
          classNo: r.class_no,
          className: r.class_name,
          flaggedRows: flagged,
          totalRows: total,
          flagCounts: [
            { label: attendanceFlagLabels.outside_session, count: Number(r.outside_session) },
            { label: attendanceFlagLabels.shared_device, count: Number(r.shared_device) },
            { label: attendanceFlagLabels.two_places, count: Number(r.two_places) },
          ],
        }),
        subjects: [
          { type: 'class', id: r.class_id, label: r.class_no, countyCode: r.county_code },
          { type: 'institution', id: r.institution_id, label: r.institution_name, countyCode: r.county_code },
        ],
      });
    }

    for (const rows of groupBy(certificates, (r) => r.certificate_id).values()) {
      const r = rows[0]!;
      const subjects: Subject[] = [];
      for (const c of rows)
        if (c.claim_id) addSubject(subjects, { type: 'claim', id: c.claim_id, label: c.claim_no!, countyCode: c.county_code });
      if (r.person_id) addSubject(subjects, { type: 'person', id: r.person_id, label: r.holder_name_masked, countyCode: r.county_code });
      addSubject(subjects, { type: 'class', id: r.class_id, label: r.class_no, countyCode: r.county_code });
      out.push({
        key: `certificate_before_exam:${r.certificate_id}`,
        kind: 'certificate_before_exam',
        explanation: certificateBeforeExamExplanation({
          certificateNo: r.certificate_no,
          name: r.holder_name_masked,
          issuedOn: r.issued_on,
          examOn: r.exam_on,
          classNo: r.class_no,
        }),
        subjects,
      });
    }

    // an enrolment flagged "two places" that is already part of an overlapping pair adds its count there
    const flaggedByEnrolment = new Map(twoPlaces.map((f) => [f.enrolment_id, f]));
    const paired = new Set<string>();
    for (const p of overlaps) {
      paired.add(p.first_id);
      paired.add(p.second_id);
      const flaggedRows =
        Number(flaggedByEnrolment.get(p.first_id)?.flagged_rows ?? 0) + Number(flaggedByEnrolment.get(p.second_id)?.flagged_rows ?? 0);
      const masked = maskName(p.name).text;
      out.push({
        key: `two_places:${p.first_id}:${p.second_id}`,
        kind: 'two_places',
        explanation: twoPlacesExplanation({
          name: masked,
          classes: [
            { classNo: p.first_class_no, startsOn: p.first_starts_on, endsOn: p.first_ends_on },
            { classNo: p.second_class_no, startsOn: p.second_starts_on, endsOn: p.second_ends_on },
          ],
          flaggedRows,
        }),
        subjects: [
          { type: 'person', id: p.person_id, label: masked, countyCode: p.first_county },
          { type: 'class', id: p.first_class_id, label: p.first_class_no, countyCode: p.first_county },
          { type: 'class', id: p.second_class_id, label: p.second_class_no, countyCode: p.second_county },
        ],
      });
    }
    for (const f of twoPlaces) {
      if (paired.has(f.enrolment_id)) continue;
      const masked = maskName(f.name).text;
      out.push({
        key: `two_places:${f.enrolment_id}`,
        kind: 'two_places',
        explanation: twoPlacesExplanation({
          name: masked,
          classes: [{ classNo: f.class_no, startsOn: f.starts_on, endsOn: f.ends_on }],
          flaggedRows: Number(f.flagged_rows),
        }),
        subjects: [
          { type: 'person', id: f.person_id, label: masked, countyCode: f.county_code },
          { type: 'class', id: f.class_id, label: f.class_no, countyCode: f.county_code },
        ],
      });
    }
    return out;
  }

  /** Pass-rate outliers among the institutions the viewer sees: the mean and spread are of their scope. */
  private async passRateSignals(within: (county: string) => boolean): Promise<ComputedSignal[]> {
    const rows = (await repo.passRates(this.db)).filter((r) => within(r.county_code));
    const min = this.options.passRateMinTrainees;
    const { statistics, outliers } = passRateOutliers(
      rows.map((r) => ({ institutionId: r.institution_id, examined: Number(r.examined), passed: Number(r.passed) })),
      min,
    );
    const byId = new Map(rows.map((r) => [r.institution_id, r]));
    return outliers.map((o) => {
      const institution = byId.get(o.institutionId)!;
      return {
        key: `pass_rate_outlier:${o.institutionId}`,
        kind: 'pass_rate_outlier' as const,
        explanation: passRateOutlierExplanation({ institutionName: institution.name, outlier: o, statistics, min }),
        subjects: [{ type: 'institution' as const, id: o.institutionId, label: institution.name, countyCode: institution.county_code }],
      };
    });
  }
}
