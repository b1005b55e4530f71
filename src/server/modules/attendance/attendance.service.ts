import { createHash, createHmac } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/attendance-contracts';
import type { ScanRefusal } from '../../../shared/contracts/attendance-contracts';
import {
  type AttendanceDirection,
  type AttendanceFact,
  type AttendanceFlag,
  attendanceDirectionLabels,
  attendanceFlagExplanation,
  attendanceFlagLabels,
  attendanceFlagsOf,
  attendanceRate,
  type AttendanceRate,
  clockTimeInChina,
  factKey,
  meetsThreshold,
} from '../../../shared/domain/class-attendance';
import { spokenForMasked } from '../../../shared/domain/masking';
import { can } from '../../../shared/domain/permissions';
import { todayInChina } from '../../../shared/domain/person-validation';
import { AppError, type FieldIssue, fieldIssue, validationFailed } from '../../../shared/errors';
import { type Db, uniqueViolation } from '../../db/database';
import type { Tables } from '../../db/tables';
import type { Actor } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import { type ClassAccess, type ClassRow, classForActor, requireInstitution } from '../classes/class-access';
import type { AttendanceKeys } from './attendance-keys';
import {
  type AttendanceRow,
  attendanceRepository as repo,
  type FactRow,
  type RosterLineRow,
  type SessionRow,
} from './attendance.repository';
import { qrSvg, signQrToken, unverifiedNonce, unverifiedSessionId, verifyQrToken } from './qr-token';

type ClassAttendance = z.output<typeof contracts.classAttendance>;
type SessionAttendance = z.output<typeof contracts.sessionAttendance>;
type MarkInput = z.output<typeof contracts.markSessionAttendanceInput>;
type QrToken = z.output<typeof contracts.qrToken>;
type ScanPreview = z.output<typeof contracts.scanPreview>;
type ScanResult = z.output<typeof contracts.scanResult>;
type ScanInput = z.output<typeof contracts.scanInput>;

export interface AttendanceOptions {
  /** how long a QR token is valid (CLASS_QR_TOKEN_SECONDS) */
  tokenSeconds: number;
  /** how early before a session a sign-in still counts as on time (CLASS_SIGN_IN_GRACE_MINUTES) */
  graceMinutes: number;
  /** the origin the QR link points at; the request's origin when unset */
  publicBaseUrl: string | undefined;
  clock: () => Date;
}

/** What a trainee reads when a scan is refused: what happened and what to do. */
export const scanRefusalMessages: Record<ScanRefusal, string> = {
  expired: '二维码已过期，请重新扫描教室里的二维码',
  replayed: '你已经用这个二维码确认过了，不需要再次确认',
  not_enrolled: '你不在这个培训班的学员名单里。如果你报了这个班，请告诉培训机构的老师',
  invalid: '二维码无法识别，请重新扫描教室里的二维码',
  not_running: '这个培训班现在不在培训中，不能签到或签退。请告诉培训机构的老师',
};

const refusalCodes: Record<ScanRefusal, 'VALIDATION_FAILED' | 'CONFLICT'> = {
  expired: 'VALIDATION_FAILED',
  invalid: 'VALIDATION_FAILED',
  replayed: 'CONFLICT',
  not_enrolled: 'CONFLICT',
  not_running: 'CONFLICT',
};

function refusal(reason: ScanRefusal): AppError {
  const message = scanRefusalMessages[reason];
  const issues = refusalCodes[reason] === 'VALIDATION_FAILED' ? { issues: [fieldIssue('body.token', '二维码', message)] } : {};
  return new AppError(refusalCodes[reason], message, { reason, ...issues });
}

/** A token may carry an issued-at this far ahead of the server's clock (clocks of two servers differ). */
const CLOCK_SKEW_MS = 30_000;

interface CheckedScan {
  session: SessionRow;
  classRow: ClassRow;
  enrolmentId: string;
  direction: AttendanceDirection;
  nonce: string;
  expiresAt: Date;
}

type ScanCheck =
  | { ok: true; scan: CheckedScan }
  | { ok: false; reason: ScanRefusal; sessionId: string | null; classRow: ClassRow | null; enrolmentId: string | null };

export class AttendanceService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly keys: AttendanceKeys,
    private readonly options: AttendanceOptions,
  ) {}

  /**
   * The attendance rate of every enrolled roster line of a class: sessions signed in to out of all
   * sessions of the class. No access check: callers (completion, training history) have checked it.
   */
  async ratesForClass(db: Db, classId: string): Promise<Map<string, AttendanceRate>> {
    const counts = await repo.attendedCounts(db, classId);
    const total = await repo.sessionCount(db, classId);
    return new Map(counts.map((row) => [row.enrolmentId, attendanceRate(Number(row.attended), total)]));
  }

  // -------------------------------------------------------------------------------------------
  // reading

  async classAttendance(actor: Actor, classId: string): Promise<ClassAttendance> {
    const access = await classForActor(this.db, actor, classId);
    const { row } = access;
    const sessions = await repo.sessionsOfClass(this.db, classId);
    const counts = new Map((await repo.sessionCounts(this.db, classId)).map((c) => [c.session_id, c]));
    const roster = await repo.rosterLines(this.db, classId);
    const rates = await this.ratesForClass(this.db, classId);
    const today = todayInChina(this.options.clock());
    const flagged = await repo.flaggedOfClass(this.db, classId);
    const otherClassNames = await this.otherClassNames(access, flagged);

    const anomalies: ClassAttendance['anomalies'] = [];
    for (const line of flagged) {
      for (const flag of line.flags) {
        anomalies.push({
          flag,
          label: attendanceFlagLabels[flag],
          sessionId: line.session_id,
          sessionSeq: line.seq,
          sessionTopic: line.topic,
          enrolmentId: line.enrolment_id,
          traineeName: line.name,
          explanation: this.explain(flag, line, flagged, otherClassNames),
        });
      }
    }

    return {
      classId,
      className: row.name,
      threshold: row.attendance_threshold,
      graceMinutes: this.options.graceMinutes,
      qrTokenSeconds: this.options.tokenSeconds,
      canRecord: this.mayRecord(actor, access),
      sessions: sessions.map((s) => {
        const c = counts.get(s.id);
        return {
          id: s.id,
          seq: s.seq,
          topic: s.topic,
          startsAt: s.starts_at.toISOString(),
          endsAt: s.ends_at.toISOString(),
          signedIn: Number(c?.signed_in ?? 0),
          signedOut: Number(c?.signed_out ?? 0),
          flagged: Number(c?.flagged ?? 0),
          today: todayInChina(s.starts_at) === today,
        };
      }),
      rates: roster.map((line) => {
        const rate = rates.get(line.enrolment_id) ?? attendanceRate(0, sessions.length);
        return { ...traineeOf(line), ...rate, belowThreshold: !meetsThreshold(rate.rate, row.attendance_threshold) };
      }),
      anomalies,
    };
  }

  async sessionAttendance(actor: Actor, classId: string, sessionId: string): Promise<SessionAttendance> {
    const access = await classForActor(this.db, actor, classId);
    const session = await repo.sessionOfClass(this.db, classId, sessionId);
    if (!session) throw new AppError('NOT_FOUND', '课时不存在');
    return this.sessionView(this.db, access, actor, session);
  }

  private async sessionView(db: Db, access: ClassAccess, actor: Actor, session: SessionRow): Promise<SessionAttendance> {
    const roster = await repo.rosterLines(db, access.row.id);
    const rows = await repo.attendanceOfSession(db, session.id);
    const byEnrolment = new Map(rows.map((r) => [r.enrolment_id, r]));
    return {
      classId: access.row.id,
      className: access.row.name,
      session: {
        id: session.id,
        seq: session.seq,
        topic: session.topic,
        startsAt: session.starts_at.toISOString(),
        endsAt: session.ends_at.toISOString(),
      },
      lines: roster.map((line) => {
        const mark = byEnrolment.get(line.enrolment_id);
        return {
          ...traineeOf(line),
          signedInAt: mark?.signed_in_at?.toISOString() ?? null,
          signedOutAt: mark?.signed_out_at?.toISOString() ?? null,
          methodIn: mark?.method_in ?? null,
          methodOut: mark?.method_out ?? null,
          flags: mark?.flags ?? [],
        };
      }),
      rosterVersion: rosterVersion(rows),
      canRecord: this.mayRecord(actor, access),
    };
  }

  private mayRecord(actor: Actor, access: ClassAccess): boolean {
    return access.party === 'institution' && access.row.status === 'running' && can(actor.roles, 'attendance.record');
  }

  // -------------------------------------------------------------------------------------------
  // roster marking

  async markSession(
    actor: Actor,
    classId: string,
    sessionId: string,
    input: MarkInput,
    meta: RequestMeta,
  ): Promise<SessionAttendance & { changed: number }> {
    return this.db.transaction().execute(async (trx) => {
      const access = await classForActor(trx, actor, classId, { forUpdate: true });
      requireInstitution(access);
      requireRunning(access.row);
      const session = await repo.sessionOfClass(trx, classId, sessionId);
      if (!session) throw new AppError('NOT_FOUND', '课时不存在');
      await repo.lockSession(trx, sessionId);
      const roster = new Set((await repo.rosterLines(trx, classId)).map((l) => l.enrolment_id));
      const current = await repo.attendanceOfSession(trx, sessionId);
      const byEnrolment = new Map(current.map((r) => [r.enrolment_id, r]));

      const issues: FieldIssue[] = [];
      const seen = new Set<string>();
      const wanted: { enrolmentId: string; signedInAt: Date | null; signedOutAt: Date | null }[] = [];
      input.marks.forEach((mark, i) => {
        const at = `body.marks.${i}`;
        if (!roster.has(mark.enrolmentId)) {
          issues.push(fieldIssue(`${at}.enrolmentId`, '学员', '不是本班在册学员'));
          return;
        }
        if (seen.has(mark.enrolmentId)) {
          issues.push(fieldIssue(`${at}.enrolmentId`, '学员', '同一名学员出现了两次'));
          return;
        }
        seen.add(mark.enrolmentId);
        const signedInAt = mark.signedIn ? new Date(mark.signedInAt ?? session.starts_at) : null;
        const signedOutAt = mark.signedOut ? new Date(mark.signedOutAt ?? session.ends_at) : null;
        if (signedInAt && signedOutAt && signedOutAt < signedInAt) {
          issues.push(fieldIssue(`${at}.signedOutAt`, '签退时间', '签退时间不能早于签到时间'));
          return;
        }
        wanted.push({ enrolmentId: mark.enrolmentId, signedInAt, signedOutAt });
      });
      if (issues.length > 0) throw validationFailed(issues);

      const changes = wanted.filter((w) => {
        const row = byEnrolment.get(w.enrolmentId);
        return !sameTime(row?.signed_in_at ?? null, w.signedInAt) || !sameTime(row?.signed_out_at ?? null, w.signedOutAt);
      });
      // the same marks sent twice change nothing and need no fresh version
      if (changes.length === 0) return { ...(await this.sessionView(trx, access, actor, session)), changed: 0 };
      if (input.rosterVersion !== rosterVersion(current)) {
        throw new AppError('CONFLICT', '点名表已被修改（可能有学员刚扫码签到），请刷新后重新点名');
      }

      const now = this.options.clock();
      for (const change of changes) {
        const row = byEnrolment.get(change.enrolmentId);
        const inChanged = !sameTime(row?.signed_in_at ?? null, change.signedInAt);
        const outChanged = !sameTime(row?.signed_out_at ?? null, change.signedOutAt);
        const values = {
          signed_in_at: change.signedInAt,
          signed_out_at: change.signedOutAt,
          method_in: inChanged ? (change.signedInAt ? ('roster' as const) : null) : (row?.method_in ?? null),
          method_out: outChanged ? (change.signedOutAt ? ('roster' as const) : null) : (row?.method_out ?? null),
          recorded_by: actor.userId,
          updated_at: now,
        };
        await trx
          .insertInto('attendance')
          .values({
            class_id: classId,
            county_code: access.row.county_code,
            session_id: sessionId,
            enrolment_id: change.enrolmentId,
            ...values,
          })
          .onConflict((oc) => oc.columns(['session_id', 'enrolment_id']).doUpdateSet(values))
          .execute();
      }
      await this.refreshFlags(trx, sessionId);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'attendance.mark',
          outcome: 'success',
          regionCode: access.row.county_code,
          targetType: 'class_session',
          targetId: sessionId,
          details: {
            classId,
            changed: changes.length,
            signedIn: changes.filter((c) => c.signedInAt).length,
            signedOut: changes.filter((c) => c.signedOutAt).length,
            cleared: changes.filter((c) => !c.signedInAt && !c.signedOutAt).length,
          },
        }),
      );
      return { ...(await this.sessionView(trx, access, actor, session)), changed: changes.length };
    });
  }

  // -------------------------------------------------------------------------------------------
  // QR codes

  async issueQrToken(actor: Actor, classId: string, sessionId: string, direction: AttendanceDirection, origin: string): Promise<QrToken> {
    const access = await classForActor(this.db, actor, classId);
    requireInstitution(access);
    requireRunning(access.row);
    const session = await repo.sessionOfClass(this.db, classId, sessionId);
    if (!session) throw new AppError('NOT_FOUND', '课时不存在');
    const now = this.options.clock();
    if (todayInChina(session.starts_at) !== todayInChina(now)) {
      throw new AppError('CONFLICT', '只能在课时当天生成签到或签退二维码');
    }
    const { token } = signQrToken(this.keys.tokenKey, sessionId, direction, now);
    const url = `${(this.options.publicBaseUrl ?? origin).replace(/\/+$/, '')}/attend/${token}`;
    // the token carries whole seconds: expiry is counted from those, as the scan will count it
    const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const expiresAt = new Date(issuedAt.getTime() + this.options.tokenSeconds * 1000);
    const label = `第 ${session.seq} 课${attendanceDirectionLabels[direction]}二维码，${clockTimeInChina(expiresAt)} 前有效`;
    return {
      token,
      url,
      svg: await qrSvg(url, label),
      issuedAt: issuedAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
      validSeconds: this.options.tokenSeconds,
    };
  }

  /** Every check of a scan, in the order a trainee should hear them; no write. */
  private async checkScan(db: Db, actor: Actor, token: string, lock: boolean): Promise<ScanCheck> {
    const refused = (reason: ScanRefusal, sessionId: string | null, classRow: ClassRow | null = null, enrolmentId: string | null = null) =>
      ({ ok: false, reason, sessionId, classRow, enrolmentId }) as const;
    const claims = verifyQrToken(this.keys.tokenKey, token);
    if (!claims) return refused('invalid', unverifiedSessionId(token));
    const session = await repo.sessionById(db, claims.sessionId);
    if (!session) return refused('invalid', null);
    let classQuery = db.selectFrom('training_class').selectAll().where('id', '=', session.class_id);
    // a scan waits for a roster marking of the class in progress (which locks the class for update)
    if (lock) classQuery = classQuery.forShare();
    const classRow = await classQuery.executeTakeFirstOrThrow();
    const personId = await repo.personOfUser(db, actor.userId);
    const enrolment = personId ? await repo.enrolmentOfPerson(db, classRow.id, personId) : undefined;
    const enrolmentId = enrolment?.id ?? null;
    const now = this.options.clock().getTime();
    if (claims.issuedAt.getTime() > now + CLOCK_SKEW_MS) return refused('invalid', session.id, classRow, enrolmentId);
    const expiresAt = new Date(claims.issuedAt.getTime() + this.options.tokenSeconds * 1000);
    if (now > expiresAt.getTime()) return refused('expired', session.id, classRow, enrolmentId);
    if (classRow.status !== 'running') return refused('not_running', session.id, classRow, enrolmentId);
    if (!enrolmentId) return refused('not_enrolled', session.id, classRow, null);
    if (await repo.acceptedScanExists(db, claims.nonce, enrolmentId, claims.direction)) {
      return refused('replayed', session.id, classRow, enrolmentId);
    }
    return { ok: true, scan: { session, classRow, enrolmentId, direction: claims.direction, nonce: claims.nonce, expiresAt } };
  }

  async previewScan(actor: Actor, token: string): Promise<ScanPreview> {
    const check = await this.checkScan(this.db, actor, token, false);
    if (!check.ok) return { status: 'refused', reason: check.reason, message: scanRefusalMessages[check.reason] };
    const { scan } = check;
    return { status: 'ready', ...subjectOf(scan), expiresAt: scan.expiresAt.toISOString() };
  }

  async confirmScan(actor: Actor, input: ScanInput, meta: RequestMeta): Promise<ScanResult> {
    const deviceHash = createHmac('sha256', this.keys.deviceKey).update(input.deviceId).digest('hex');
    let outcome: { refused: Extract<ScanCheck, { ok: false }> } | { result: ScanResult };
    try {
      outcome = await this.db.transaction().execute(async (trx) => {
        const check = await this.checkScan(trx, actor, input.token, true);
        if (!check.ok) return { refused: check };
        return { result: await this.acceptScan(trx, actor, check.scan, deviceHash, meta) };
      });
    } catch (error) {
      // two confirmations of one token at once: the unique index lets one through
      if (uniqueViolation(error) !== 'attendance_scan_once_key') throw error;
      const check = await this.checkScan(this.db, actor, input.token, false);
      outcome = {
        refused: check.ok
          ? {
              ok: false,
              reason: 'replayed',
              sessionId: check.scan.session.id,
              classRow: check.scan.classRow,
              enrolmentId: check.scan.enrolmentId,
            }
          : check,
      };
    }
    if ('result' in outcome) return outcome.result;
    await this.logRefusedScan(outcome.refused, input.token, deviceHash);
    throw refusal(outcome.refused.reason);
  }

  private async acceptScan(
    trx: Transaction<Tables>,
    actor: Actor,
    scan: CheckedScan,
    deviceHash: string,
    meta: RequestMeta,
  ): Promise<ScanResult> {
    const now = this.options.clock();
    const { session, classRow, enrolmentId, direction } = scan;
    await repo.lockSession(trx, session.id);
    await trx
      .insertInto('attendance_scan')
      .values({
        class_id: classRow.id,
        county_code: classRow.county_code,
        session_id: session.id,
        enrolment_id: enrolmentId,
        token_nonce: scan.nonce,
        direction,
        device_hash: deviceHash,
        outcome: 'accepted',
        scanned_at: now,
      })
      .execute();
    const existing = (await repo.attendanceOfSession(trx, session.id)).find((r) => r.enrolment_id === enrolmentId);
    let recordedAt = now;
    const values: Partial<Pick<AttendanceRow, 'signed_in_at' | 'signed_out_at' | 'method_in' | 'method_out' | 'device_hash'>> = {};
    if (direction === 'in') {
      // signing in twice keeps the first time: presence began then
      if (existing?.signed_in_at && existing.signed_in_at <= now) {
        recordedAt = existing.signed_in_at;
      } else {
        values.signed_in_at = now;
        values.method_in = 'qr';
      }
      values.device_hash = deviceHash;
      if (existing?.signed_out_at && existing.signed_out_at < now) {
        throw new AppError('CONFLICT', '已签退，不能再签到。如有疑问，请告诉培训机构的老师');
      }
    } else {
      if (existing?.signed_in_at && existing.signed_in_at > now) {
        throw new AppError('CONFLICT', '签退时间早于点名记录的签到时间，请告诉培训机构的老师');
      }
      // signing out twice keeps the last time: presence lasted until then
      if (existing?.signed_out_at && existing.signed_out_at >= now) recordedAt = existing.signed_out_at;
      else {
        values.signed_out_at = now;
        values.method_out = 'qr';
      }
      values.device_hash = existing?.device_hash ?? deviceHash;
    }
    await trx
      .insertInto('attendance')
      .values({
        class_id: classRow.id,
        county_code: classRow.county_code,
        session_id: session.id,
        enrolment_id: enrolmentId,
        recorded_by: actor.userId,
        updated_at: now,
        ...values,
      })
      .onConflict((oc) => oc.columns(['session_id', 'enrolment_id']).doUpdateSet({ ...values, recorded_by: actor.userId, updated_at: now }))
      .execute();
    await this.refreshFlags(trx, session.id);
    await this.audit.append(
      trx,
      actorEvent(actor, meta, {
        action: 'attendance.scan',
        outcome: 'success',
        regionCode: classRow.county_code,
        targetType: 'class_session',
        targetId: session.id,
        details: { classId: classRow.id, enrolmentId, direction },
      }),
    );
    return { ...subjectOf(scan), recordedAt: recordedAt.toISOString() };
  }

  /** A refused scan goes into the scan log when its session is known (a forged session id is not). */
  private async logRefusedScan(refused: Extract<ScanCheck, { ok: false }>, token: string, deviceHash: string): Promise<void> {
    const session = refused.sessionId ? await repo.sessionById(this.db, refused.sessionId) : undefined;
    if (!session) return;
    await this.db
      .insertInto('attendance_scan')
      .values({
        class_id: session.class_id,
        county_code: session.county_code,
        session_id: session.id,
        enrolment_id: refused.enrolmentId,
        token_nonce: unverifiedNonce(token),
        direction: verifyQrToken(this.keys.tokenKey, token)?.direction ?? 'in',
        device_hash: deviceHash,
        outcome: refused.reason,
        scanned_at: this.options.clock(),
      })
      .execute();
  }

  // -------------------------------------------------------------------------------------------
  // anomaly flags

  /**
   * Recomputes the flags of a session's rows and of the rows they are compared with: the same
   * persons' rows in overlapping sessions of other classes (which gain or lose two_places).
   */
  private async refreshFlags(trx: Db, sessionId: string): Promise<void> {
    const touched = await this.recomputeSessions(trx, [sessionId]);
    if (touched.length > 0) await this.recomputeSessions(trx, touched);
  }

  private async recomputeSessions(trx: Db, sessionIds: string[]): Promise<string[]> {
    const own = await repo.factsOfSessions(trx, sessionIds);
    const personIds = [...new Set(own.map((f) => f.person_id).filter((id): id is string => id !== null))];
    const others = await repo.overlappingFactsOfPersons(trx, personIds, sessionIds);
    const facts = new Map<string, FactRow>();
    for (const row of [...own, ...others]) facts.set(`${row.session_id}:${row.enrolment_id}`, row);
    const flags = attendanceFlagsOf([...facts.values()].map(toFact), this.options.graceMinutes);
    for (const row of own) {
      const next = flags.get(factKey({ sessionId: row.session_id, enrolmentId: row.enrolment_id })) ?? [];
      if (!sameFlags(row.flags, next)) await repo.setFlags(trx, row.session_id, row.enrolment_id, next);
    }
    return [...new Set(others.map((o) => o.session_id))].filter((id) => !sessionIds.includes(id));
  }

  /** Staff see which other class a two-places trainee signed in to; an institution does not learn another's classes. */
  private async otherClassNames(access: ClassAccess, flagged: { flags: AttendanceFlag[]; person_id: string | null; session_id: string }[]) {
    const names = new Map<string, string[]>();
    if (access.party !== 'federation') return names;
    const twice = flagged.filter((f) => f.flags.includes('two_places') && f.person_id);
    if (twice.length === 0) return names;
    const sessions = [...new Set(twice.map((f) => f.session_id))];
    const mine = await repo.factsOfSessions(this.db, sessions);
    const others = await repo.overlappingFactsOfPersons(this.db, [...new Set(twice.map((f) => f.person_id!))], sessions);
    for (const row of mine) {
      if (!row.person_id) continue;
      const matched = others.filter(
        (o) => o.person_id === row.person_id && o.signed_in_at && o.starts_at < row.ends_at && row.starts_at < o.ends_at,
      );
      if (matched.length) names.set(`${row.session_id}:${row.enrolment_id}`, [...new Set(matched.map((m) => m.class_name))]);
    }
    return names;
  }

  private explain(
    flag: AttendanceFlag,
    line: Awaited<ReturnType<typeof repo.flaggedOfClass>>[number],
    all: Awaited<ReturnType<typeof repo.flaggedOfClass>>,
    otherClassNames: Map<string, string[]>,
  ): string {
    if (flag === 'outside_session') {
      const parts = [
        line.signed_in_at ? `签到 ${clockTimeInChina(line.signed_in_at)}` : null,
        line.signed_out_at ? `签退 ${clockTimeInChina(line.signed_out_at)}` : null,
      ].filter(Boolean);
      return `${parts.join('，')}；课时 ${clockTimeInChina(line.starts_at)}–${clockTimeInChina(line.ends_at)}，最早可提前 ${this.options.graceMinutes} 分钟签到。${attendanceFlagExplanation(flag)}`;
    }
    if (flag === 'shared_device') {
      const sharedWith = all.filter((o) => o.session_id === line.session_id && o.device_hash && o.device_hash === line.device_hash).length;
      return attendanceFlagExplanation(flag, { sharedWith });
    }
    const names = otherClassNames.get(`${line.session_id}:${line.enrolment_id}`);
    return attendanceFlagExplanation(flag, names ? { otherClassName: names.join('、') } : {});
  }
}

function requireRunning(row: ClassRow): void {
  if (row.status !== 'running') throw new AppError('CONFLICT', '培训班不在培训中，不能记录考勤');
}

function traineeOf(line: RosterLineRow) {
  return {
    enrolmentId: line.enrolment_id,
    name: line.name,
    idNumber: line.id_number_masked ? { text: line.id_number_masked, spoken: spokenForMasked('idNumber', line.id_number_masked) } : null,
    organisation: line.organisation,
  };
}

function subjectOf(scan: CheckedScan) {
  return {
    className: scan.classRow.name,
    sessionSeq: scan.session.seq,
    sessionTopic: scan.session.topic,
    startsAt: scan.session.starts_at.toISOString(),
    endsAt: scan.session.ends_at.toISOString(),
    direction: scan.direction,
  };
}

function toFact(row: FactRow): AttendanceFact {
  return {
    sessionId: row.session_id,
    enrolmentId: row.enrolment_id,
    classId: row.class_id,
    personId: row.person_id,
    signedInAt: row.signed_in_at,
    signedOutAt: row.signed_out_at,
    deviceHash: row.device_hash,
    session: { startsAt: row.starts_at, endsAt: row.ends_at },
  };
}

function sameTime(a: Date | null, b: Date | null): boolean {
  return a === null || b === null ? a === b : a.getTime() === b.getTime();
}

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}

/** A fingerprint of a session's marks: any sign-in, sign-out or method change gives another. */
function rosterVersion(rows: AttendanceRow[]): string {
  const lines = rows
    .map((r) =>
      [
        r.enrolment_id,
        r.signed_in_at?.toISOString() ?? '',
        r.signed_out_at?.toISOString() ?? '',
        r.method_in ?? '',
        r.method_out ?? '',
      ].join('|'),
    )
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('base64url').slice(0, 22);
}
