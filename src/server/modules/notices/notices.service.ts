import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'kysely';
import type {
  fileObjection,
  getNotice,
  getPublicNotice,
  listNotices,
  listPublicNotices,
  lookupObjection,
  NoticeDetail,
  NoticeSummary,
  ObjectionBody,
  PublicNotice,
} from '../../../shared/contracts/notices-contracts';
import type { ContractResponse } from '../../../shared/contracts/contract';
import { maskPhone } from '../../../shared/domain/masking';
import {
  formatLookupCode,
  isUndecided,
  newLookupCode,
  type NoticeStatus,
  noticeStatusLabels,
  OBJECTION_FORM_MAX_AGE_HOURS,
  OBJECTION_MIN_FILL_SECONDS,
  type ObjectionDecision,
  objectionRefusal,
  objectionStatusLabels,
  publicStatusLabel,
} from '../../../shared/domain/notice-rules';
import { can } from '../../../shared/domain/permissions';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/database';
import type { NoticeSubjectKind, Tables } from '../../db/tables';
import { type Actor, assertInScope, inScope, scopeCodes } from '../../platform/actor';
import { actorEvent, auditActor, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { PersonalDataCrypto } from '../../platform/personal-data-crypto';
import type { RouteInput } from '../../platform/routing';
import type { RegionsService } from '../regions/regions.service';
import { type NoticeListRow, type NoticeRow, noticesRepository as repo } from './notices.repository';

/** What a module puts on public notice (公示): the public reads title and summary, nothing else. */
export interface NoticeSubject {
  kind: NoticeSubjectKind;
  id: string;
  /** the region whose staff decide objections: the tier that made the decision on notice */
  regionCode: string;
  title: string;
  summary: string;
}

/**
 * How a subject module learns the outcome of its notice. All run inside the transaction that
 * settles the notice, so the subject's status and the notice's change together.
 */
export interface NoticeSubjectHandlers {
  /** the period ended with no objection pending or upheld: the item takes effect */
  onEffective(trx: Transaction<Tables>, subjectId: string): Promise<void>;
  /** an objection was upheld: the item does not take effect */
  onRefused(trx: Transaction<Tables>, subjectId: string, reason: string): Promise<void>;
  /** staff withdrew the notice: the item goes back to the subject module (e.g. to draft) */
  onWithdrawn?(trx: Transaction<Tables>, subjectId: string, reason: string): Promise<void>;
  /**
   * For subjects made of lines (a subsidy list): whether line N exists. An objection may name a
   * line only when the subject answers this.
   */
  hasLine?(trx: Transaction<Tables>, subjectId: string, lineNo: number): Promise<boolean>;
  /**
   * An objection naming one line was upheld: only that line stops (the subject module holds it);
   * the rest of the notice goes on as if the objection had been dismissed.
   */
  onLineUpheld?(trx: Transaction<Tables>, subjectId: string, lineNo: number, reason: string): Promise<void>;
}

export interface NoticesOptions {
  /** length of a notice period in days (configurable: NOTICE_DAYS) */
  noticeDays: number;
}

/** Where the settling loop reports a failed round (the app's pino logger). */
export interface SettleLog {
  error(object: object, message: string): void;
}

const FORM_TOKEN_PURPOSE = 'notice-objection-form';

/** The objection form's issue time, signed with the keyed digest (HMAC-SM3) so a bot cannot backdate it. */
export function objectionFormToken(crypto: PersonalDataCrypto, noticeId: string, issuedAtMs: number): string {
  return `${issuedAtMs}.${crypto.blindIndex(`${FORM_TOKEN_PURPOSE}|${noticeId}|${issuedAtMs}`)}`;
}

/**
 * Public notice: institutions, base accreditations and catalogue programmes are announced for a
 * period before they take effect; anyone may object meanwhile. Subject modules open a notice in
 * their own transaction and register handlers for the outcome; `settleDue` closes ended periods.
 *
 * A filed objection holds the notice (status `held`): it cannot take effect until staff decide.
 * Upheld → refused at once; dismissed → back to open, or effective at once if the period has
 * ended and nothing else is pending.
 */
export class NoticesService {
  private readonly handlers = new Map<NoticeSubjectKind, NoticeSubjectHandlers>();
  private settleTimer: NodeJS.Timeout | null = null;
  private settling: Promise<unknown> | null = null;

  constructor(
    protected readonly db: Db,
    protected readonly audit: AuditTrail,
    protected readonly crypto: PersonalDataCrypto,
    protected readonly regions: RegionsService,
    protected readonly options: NoticesOptions,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  registerSubject(kind: NoticeSubjectKind, handlers: NoticeSubjectHandlers): void {
    if (this.handlers.has(kind)) throw new Error(`notice subject ${kind} registered twice`);
    this.handlers.set(kind, handlers);
  }

  /**
   * Puts other handlers in place and answers the previous ones: for tests that stand in for a
   * subject module (registerSubject refuses a second registration on purpose).
   */
  replaceSubject(kind: NoticeSubjectKind, handlers: NoticeSubjectHandlers | undefined): NoticeSubjectHandlers | undefined {
    const previous = this.handlers.get(kind);
    if (handlers) this.handlers.set(kind, handlers);
    else this.handlers.delete(kind);
    return previous;
  }

  protected handlersFor(kind: NoticeSubjectKind): NoticeSubjectHandlers {
    const found = this.handlers.get(kind);
    if (!found) throw new Error(`no notice handlers registered for ${kind}`);
    return found;
  }

  now(): Date {
    return this.clock();
  }

  get noticeDays(): number {
    return this.options.noticeDays;
  }

  /**
   * Opens the notice of a subject inside the caller's transaction; answers its id and end. A subject
   * with its own configured period (subsidy lists: SUBSIDY_NOTICE_DAYS) passes `periodDays`.
   */
  async open(
    trx: Transaction<Tables>,
    subject: NoticeSubject,
    actorId: string | null,
    periodDays: number = this.options.noticeDays,
  ): Promise<{ noticeId: string; endsAt: Date }> {
    const startsAt = this.now();
    const endsAt = new Date(startsAt.getTime() + periodDays * 86_400_000);
    const row = await trx
      .insertInto('public_notice')
      .values({
        subject_kind: subject.kind,
        subject_id: subject.id,
        region_code: subject.regionCode,
        title: subject.title,
        summary: subject.summary,
        starts_at: startsAt,
        ends_at: endsAt,
        created_by: actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { noticeId: row.id, endsAt };
  }

  /** The latest notice of a subject, for the subject's own detail page (the subject module reads no notice table). */
  latestOfSubject(kind: NoticeSubjectKind, subjectId: string) {
    return repo.latestOfSubject(this.db, kind, subjectId);
  }

  // ------------------------------------------------------------------ settling

  /**
   * Settles every notice whose period has ended and that has no pending objection: it becomes
   * effective and its subject module is told, one transaction per notice. Answers how many.
   */
  async settleDue(): Promise<number> {
    const now = this.now();
    const due = await this.db
      .selectFrom('public_notice')
      .select(['id'])
      .where('status', '=', 'open')
      .where('ends_at', '<=', now)
      .orderBy('ends_at')
      .limit(500)
      .execute();
    let settled = 0;
    const failures: unknown[] = [];
    for (const { id } of due) {
      try {
        const done = await this.db.transaction().execute(async (trx) => {
          const notice = await repo.get(trx, id, true);
          if (!notice || notice.status !== 'open' || notice.ends_at > now) return false;
          // a held notice is never 'open', but an objection row is the truth: check it as well
          if ((await repo.countPending(trx, id)) > 0) return false;
          await this.makeEffective(trx, notice, now, { actorId: null, actorName: 'system' });
          return true;
        });
        if (done) settled++;
      } catch (error) {
        // one subject module's failing handler must not hold up the other notices
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} notice(s) could not be settled`);
    return settled;
  }

  /** Settles ended notices now and then every `everyMs` (the server's loop; tests call settleDue). */
  startSettling(everyMs: number, log: SettleLog): void {
    this.stopSettlingTimer();
    const round = () => {
      if (this.settling) return;
      this.settling = this.settleDue()
        .catch((error: unknown) => log.error({ err: error }, 'settling public notices failed'))
        .finally(() => {
          this.settling = null;
        });
    };
    this.settleTimer = setInterval(round, everyMs);
    this.settleTimer.unref();
    round();
  }

  async stopSettling(): Promise<void> {
    this.stopSettlingTimer();
    await this.settling;
  }

  private stopSettlingTimer(): void {
    if (this.settleTimer) clearInterval(this.settleTimer);
    this.settleTimer = null;
  }

  private async makeEffective(
    trx: Transaction<Tables>,
    notice: NoticeRow,
    now: Date,
    who: { actorId: string | null; actorName: string; ip?: string; requestId?: string },
  ): Promise<void> {
    await repo.setStatus(trx, notice.id, 'effective', now);
    await this.handlersFor(notice.subject_kind).onEffective(trx, notice.subject_id);
    await this.audit.append(trx, {
      ...who,
      action: 'notices.effective',
      outcome: 'success',
      regionCode: notice.region_code,
      targetType: 'public_notice',
      targetId: notice.id,
      details: { subjectKind: notice.subject_kind, subjectId: notice.subject_id },
    });
  }

  // ------------------------------------------------------------------ public (no login)

  site(supervisionPhone: string) {
    return { supervisionPhone, noticeDays: this.options.noticeDays };
  }

  async listPublic(query: {
    kind?: NoticeSubjectKind | undefined;
    page: number;
    pageSize: number;
  }): Promise<ContractResponse<typeof listPublicNotices>> {
    const { rows, total } = await repo.listUndecided(this.db, query.kind, query.pageSize, (query.page - 1) * query.pageSize);
    const now = this.now();
    return { items: rows.map((r) => this.toPublic(r, now)), total, page: query.page, pageSize: query.pageSize };
  }

  async getPublic(id: string): Promise<ContractResponse<typeof getPublicNotice>> {
    const row = await repo.get(this.db, id);
    if (!row) throw new AppError('NOT_FOUND', '该公示不存在，请从公示列表重新进入');
    const now = this.now();
    return { ...this.toPublic(row, now), formToken: this.formToken(id, now.getTime()) };
  }

  private toPublic(row: NoticeRow, now: Date): PublicNotice {
    return {
      id: row.id,
      kind: row.subject_kind,
      title: row.title,
      summary: row.summary,
      regionName: this.regions.get(row.region_code)?.name ?? row.region_code,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      status: row.status,
      statusLabel: publicStatusLabel(row.status, row.ends_at, now),
      acceptsObjections: objectionRefusal(row.status, row.ends_at, now) === null,
    };
  }

  private formToken(noticeId: string, issuedAtMs: number): string {
    return objectionFormToken(this.crypto, noticeId, issuedAtMs);
  }

  private checkFormToken(noticeId: string, token: string, now: Date): void {
    const refuse = (message: string) =>
      new AppError('VALIDATION_FAILED', message, { issues: [{ field: 'body.formToken', label: '表单凭据', message }] });
    const [issued, signature] = token.split('.');
    const issuedAtMs = Number(issued);
    const expected = Number.isSafeInteger(issuedAtMs) ? this.formToken(noticeId, issuedAtMs).split('.')[1]! : '';
    if (!signature || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))
      throw refuse('页面已过期，请刷新页面后重新提交');
    const age = now.getTime() - issuedAtMs;
    if (age < OBJECTION_MIN_FILL_SECONDS * 1000) throw refuse('提交过快，请核对填写的内容后再提交');
    if (age > OBJECTION_FORM_MAX_AGE_HOURS * 3_600_000) throw refuse('页面打开时间过长，请刷新页面后重新提交');
  }

  async fileObjection(noticeId: string, body: ObjectionBody, meta: RequestMeta): Promise<ContractResponse<typeof fileObjection>> {
    if (body.website) {
      const message = '“网址”一项供系统识别自动提交，请保持为空';
      throw new AppError('VALIDATION_FAILED', message, { issues: [{ field: 'body.website', label: '网址（请勿填写）', message }] });
    }
    const now = this.now();
    this.checkFormToken(noticeId, body.formToken, now);
    return this.db.transaction().execute(async (trx) => {
      // the lock orders this against a decision or the settling of the same notice
      const notice = await repo.get(trx, noticeId, true);
      if (!notice) throw new AppError('NOT_FOUND', '该公示不存在，不能提出异议');
      const refusal = objectionRefusal(notice.status, notice.ends_at, now);
      if (refusal) throw new AppError('CONFLICT', refusal);
      const lineNo = body.lineNo ?? null;
      if (lineNo !== null) await this.checkLine(trx, notice, lineNo);
      const lookupCode = newLookupCode(randomInt);
      const anonymous = body.anonymous;
      const row = await repo.insertObjection(trx, {
        notice_id: notice.id,
        lookup_code: lookupCode,
        anonymous,
        filer_name: anonymous ? null : (body.name ?? null),
        filer_contact_sealed: !anonymous && body.contact ? this.crypto.seal(body.contact) : null,
        content: body.content,
        filer_ip: meta.ip,
        line_no: lineNo,
      });
      if (notice.status === 'open') await repo.setStatus(trx, notice.id, 'held', null);
      await this.audit.append(trx, {
        action: 'objections.file',
        outcome: 'success',
        actorId: null,
        actorName: null,
        regionCode: notice.region_code,
        targetType: 'notice_objection',
        targetId: row.id,
        ip: meta.ip,
        requestId: meta.requestId,
        details: { noticeId: notice.id, anonymous, lineNo },
      });
      return { lookupCode: formatLookupCode(lookupCode), filedAt: row.created_at.toISOString(), noticeTitle: notice.title };
    });
  }

  /** A named line must belong to a subject made of lines and exist in it. */
  private async checkLine(trx: Transaction<Tables>, notice: NoticeRow, lineNo: number): Promise<void> {
    const refuse = (message: string) =>
      new AppError('VALIDATION_FAILED', message, { issues: [{ field: 'body.lineNo', label: '异议针对的行号', message }] });
    const hasLine = this.handlers.get(notice.subject_kind)?.hasLine;
    if (!hasLine) throw refuse('该公示不是名单公示，异议不能指定行号，请清空“异议针对第几行”');
    if (!(await hasLine(trx, notice.subject_id, lineNo))) throw refuse(`公示名单中没有第 ${lineNo} 行`);
  }

  async lookup(code: string): Promise<ContractResponse<typeof lookupObjection>> {
    const row = await repo.findObjectionByCode(this.db, code);
    // one message for a mistyped and an unknown code: the answer must not help guessing
    if (!row) throw new AppError('NOT_FOUND', '没有找到该查询码对应的异议，请核对查询码');
    return {
      lookupCode: formatLookupCode(row.lookup_code),
      status: row.status,
      statusLabel: objectionStatusLabels[row.status],
      filedAt: row.created_at.toISOString(),
      decidedAt: row.decided_at?.toISOString() ?? null,
      decisionReason: row.status === 'pending' ? null : row.decision_reason,
      notice: {
        id: row.notice_id,
        title: row.notice_title,
        kind: row.notice_kind,
        statusLabel: publicStatusLabel(row.notice_status, row.notice_ends_at, this.now()),
      },
    };
  }

  // ------------------------------------------------------------------ staff

  async list(actor: Actor, query: RouteInput<typeof listNotices>['query']): Promise<ContractResponse<typeof listNotices>> {
    let regionCodes = scopeCodes(actor.scope);
    if (query.regionCode) {
      assertInScope(actor.scope, query.regionCode);
      this.regions.require(query.regionCode);
      regionCodes = [...this.regions.subtree(query.regionCode)];
    }
    const { rows, total } = await repo.listForStaff(this.db, {
      regionCodes,
      kind: query.kind,
      status: query.status,
      from: query.from ? chinaMidnight(query.from, 0) : undefined,
      to: query.to ? chinaMidnight(query.to, 1) : undefined,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map((r) => this.toSummary(r)), total, page: query.page, pageSize: query.pageSize };
  }

  /** Home page: notices in scope held by a pending objection (someone has to decide it). */
  async countHeldForHome(actor: Actor): Promise<number> {
    return repo.countHeld(this.db, scopeCodes(actor.scope));
  }

  async get(actor: Actor, id: string): Promise<ContractResponse<typeof getNotice>> {
    return this.detail(this.db, actor, id);
  }

  async decide(
    actor: Actor,
    noticeId: string,
    objectionId: string,
    input: { decision: ObjectionDecision; reason: string },
    meta: RequestMeta,
  ): Promise<NoticeDetail> {
    return this.db.transaction().execute(async (trx) => {
      const notice = await this.lockInScope(trx, actor, noticeId);
      const objection = await repo.getObjection(trx, noticeId, objectionId, true);
      if (!objection) throw new AppError('NOT_FOUND', '该异议不存在');
      if (objection.status !== 'pending')
        throw new AppError('CONFLICT', `该异议已处理（${objectionStatusLabels[objection.status]}），不能重复处理`);
      const now = this.now();
      await repo.decideObjection(trx, objection.id, input.decision === 'uphold' ? 'upheld' : 'dismissed', input.reason, actor.userId, now);
      let noticeStatus: NoticeStatus = notice.status;
      const handlers = this.handlersFor(notice.subject_kind);
      // an upheld objection naming one line stops that line only; the notice goes on as if dismissed
      const lineOnly = input.decision === 'uphold' && objection.line_no !== null && handlers.onLineUpheld !== undefined;
      if (isUndecided(notice.status)) {
        if (lineOnly) await handlers.onLineUpheld!(trx, notice.subject_id, objection.line_no!, input.reason);
        if (input.decision === 'uphold' && !lineOnly) {
          noticeStatus = 'refused';
          await repo.setStatus(trx, notice.id, 'refused', now);
          await handlers.onRefused(trx, notice.subject_id, input.reason);
        } else if ((await repo.countPending(trx, notice.id)) === 0) {
          if (now >= notice.ends_at) {
            noticeStatus = 'effective';
            await this.makeEffective(trx, notice, now, auditActor(actor, meta));
          } else {
            noticeStatus = 'open';
            await repo.setStatus(trx, notice.id, 'open', null);
          }
        }
      }
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'notices.objection_decide',
          outcome: 'success',
          regionCode: notice.region_code,
          targetType: 'notice_objection',
          targetId: objection.id,
          details: { noticeId: notice.id, decision: input.decision, reason: input.reason, noticeStatus, lineNo: objection.line_no },
        }),
      );
      return this.detail(trx, actor, noticeId);
    });
  }

  async withdraw(actor: Actor, noticeId: string, reason: string, meta: RequestMeta): Promise<NoticeDetail> {
    return this.db.transaction().execute(async (trx) => {
      const notice = await this.lockInScope(trx, actor, noticeId);
      if (!isUndecided(notice.status)) throw new AppError('CONFLICT', `该公示已结束（${noticeStatusLabels[notice.status]}），不能撤回`);
      const now = this.now();
      await repo.setStatus(trx, notice.id, 'withdrawn', now);
      await this.handlersFor(notice.subject_kind).onWithdrawn?.(trx, notice.subject_id, reason);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'notices.withdraw',
          outcome: 'success',
          regionCode: notice.region_code,
          targetType: 'public_notice',
          targetId: notice.id,
          details: { reason, subjectKind: notice.subject_kind, subjectId: notice.subject_id },
        }),
      );
      return this.detail(trx, actor, noticeId);
    });
  }

  private async lockInScope(trx: Transaction<Tables>, actor: Actor, noticeId: string): Promise<NoticeRow> {
    const notice = await repo.get(trx, noticeId, true);
    if (!notice) throw new AppError('NOT_FOUND', '该公示不存在');
    assertInScope(actor.scope, notice.region_code);
    return notice;
  }

  private async detail(db: Db, actor: Actor, id: string): Promise<NoticeDetail> {
    const row = await repo.getWithCounts(db, id);
    if (!row) throw new AppError('NOT_FOUND', '该公示不存在');
    assertInScope(actor.scope, row.region_code);
    const objections = await repo.objectionsOf(db, id);
    const handler = can(actor.roles, 'notices.handle') && inScope(actor.scope, row.region_code);
    return {
      ...this.toSummary(row),
      summary: row.summary,
      createdAt: row.created_at.toISOString(),
      canHandle: handler && (isUndecided(row.status) || row.pending_objections > 0),
      objections: objections.map((o) => ({
        id: o.id,
        lookupCode: formatLookupCode(o.lookup_code),
        anonymous: o.anonymous,
        filerName: o.filer_name,
        filerContact: o.filer_contact_sealed ? maskContact(this.crypto.open(o.filer_contact_sealed)) : null,
        content: o.content,
        lineNo: o.line_no,
        status: o.status,
        decisionReason: o.decision_reason,
        decidedByName: o.decided_by_name,
        decidedAt: o.decided_at?.toISOString() ?? null,
        filedAt: o.created_at.toISOString(),
      })),
    };
  }

  private toSummary(row: NoticeListRow): NoticeSummary {
    return {
      id: row.id,
      kind: row.subject_kind,
      subjectId: row.subject_id,
      title: row.title,
      regionCode: row.region_code,
      regionName: this.regions.get(row.region_code)?.name ?? row.region_code,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      status: row.status,
      settledAt: row.settled_at?.toISOString() ?? null,
      pendingObjections: row.pending_objections,
      totalObjections: row.total_objections,
    };
  }
}

/** A date (YYYY-MM-DD) at midnight in China (UTC+8), plus whole days. */
function chinaMidnight(date: string, plusDays: number): Date {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + plusDays * 86_400_000);
}

/** A phone number gets the usual phone mask; anything else (an e-mail, a WeChat id) keeps its ends. */
function maskContact(contact: string): { text: string; spoken: string } {
  const digits = contact.replace(/[\s-]/g, '');
  if (/^\+?\d{7,15}$/.test(digits)) return maskPhone(digits);
  const chars = [...contact];
  if (chars.length <= 2) return { text: '*'.repeat(chars.length), spoken: '联系方式已隐藏' };
  const hidden = chars.length - 2;
  return {
    text: `${chars[0]}${'*'.repeat(hidden)}${chars.at(-1)}`,
    spoken: `联系方式 ${chars[0]} 开头，${chars.at(-1)} 结尾，中间 ${hidden} 位已隐藏`,
  };
}
