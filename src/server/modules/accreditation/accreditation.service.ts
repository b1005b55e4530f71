import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/accreditation-contracts';
import type { ContractResponse } from '../../../shared/contracts/contract';
import {
  type AccreditationCommand,
  type AccreditationStatus,
  type AccreditationTier,
  accreditationTierLabels,
  addDays,
  addMonths,
  allowedCommands,
  baseKindLabels,
  checkOutcome,
  checkPromotion,
  checkScores,
  checkScoreSheet,
  checkTerm,
  checkTierGrant,
  evaluationOutcomeLabels,
  grantingRegion,
  lowerTiers,
  maxTotal,
  nextStatus,
  promotionTier,
  type ScoreSheet,
  type StaffCommand,
  suggestOutcome,
  termHoldingStatuses,
  termsOverlap,
  tierRank,
  totalScore,
} from '../../../shared/domain/accreditation';
import { can } from '../../../shared/domain/permissions';
import { todayInChina } from '../../../shared/domain/person-validation';
import { AppError, fieldIssue, invalidField } from '../../../shared/errors';
import { type Db, uniqueViolation } from '../../db/database';
import type { AttachedFile, Tables } from '../../db/tables';
import { type Actor, assertInScope, inScope, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { InstitutionsService } from '../institutions/institutions.service';
import type { NoticesService } from '../notices/notices.service';
import type { RegionsService } from '../regions/regions.service';
import { type AccreditationRow, accreditationRepository as repo, type EvaluationSheetRow } from './accreditation.repository';
import { ownUploads, fileOwner } from '../../platform/file-store';

type ListQuery = z.output<typeof contracts.accreditationListQuery>;
type ApplyInput = z.output<typeof contracts.applyInput>;
type AccreditInput = z.output<typeof contracts.accreditInput>;
type RenewInput = z.output<typeof contracts.renewInput>;
type DowngradeInput = z.output<typeof contracts.downgradeInput>;
type PromoteInput = z.output<typeof contracts.promoteInput>;
type DecisionInput = z.output<typeof contracts.decisionInput>;
type EvaluationInput = z.output<typeof contracts.evaluationInput>;
type SheetInput = z.output<typeof contracts.scoreSheetInput>;
type PublicQuery = z.output<NonNullable<(typeof contracts.listPublicBases)['query']>>;
type Detail = ContractResponse<typeof contracts.getAccreditation>;
type Summary = z.infer<typeof contracts.accreditationSummary>;

export interface AccreditationOptions {
  /** reminders: terms ending within this many days (ACCREDITATION_REMINDER_DAYS) */
  reminderDays: number;
  /** months between periodic evaluations (EVALUATION_INTERVAL_MONTHS) */
  evaluationIntervalMonths: number;
  /** today in China, 'YYYY-MM-DD' (tests fix it) */
  today?: () => string;
}

function conflict(field: string, label: string, message: string): AppError {
  return new AppError('CONFLICT', message, { issues: [fieldIssue(field, label, message)] });
}

const commandActions: Record<AccreditationCommand, string> = {
  apply: 'accreditation.apply',
  reject: 'accreditation.reject',
  accredit: 'accreditation.accredit',
  notice_effective: 'accreditation.effective',
  notice_refused: 'accreditation.refused',
  notice_withdrawn: 'accreditation.notice_withdrawn',
  renew: 'accreditation.renew',
  downgrade: 'accreditation.downgrade',
  suspend: 'accreditation.suspend',
  reinstate: 'accreditation.reinstate',
  revoke: 'accreditation.revoke',
  evaluate: 'accreditation.evaluate',
  promote: 'accreditation.promote',
  promotion_effective: 'accreditation.promotion_effective',
  promotion_refused: 'accreditation.promotion_refused',
  promotion_withdrawn: 'accreditation.promotion_withdrawn',
};

function toSheet(row: EvaluationSheetRow): ScoreSheet {
  return { version: row.version, items: row.items, thresholds: row.thresholds };
}

/**
 * Base accreditation (挂牌认定) and its graded, dynamic management: applications by institutions,
 * review at the tier of the reviewer's region, public notice, renewal, downgrade, suspension,
 * exit, periodic evaluation; every step one event row and one audit row in the same transaction.
 * The status machine and the tier rule live in src/shared/domain/accreditation.ts.
 */
export class AccreditationService {
  constructor(
    readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly regions: RegionsService,
    private readonly notices: NoticesService,
    private readonly institutions: InstitutionsService,
    readonly options: AccreditationOptions,
  ) {}

  today(): string {
    return this.options.today?.() ?? todayInChina();
  }

  /** The notice outcomes change the accreditation inside the transaction that settles the notice. */
  registerNoticeHandlers(): void {
    this.notices.registerSubject('accreditation', {
      onEffective: (trx, id) => this.settleNotice(trx, id, 'notice_effective', null),
      onRefused: (trx, id, reason) => this.settleNotice(trx, id, 'notice_refused', reason),
      onWithdrawn: (trx, id, reason) => this.settleNotice(trx, id, 'notice_withdrawn', reason),
    });
  }

  private async settleNotice(trx: Transaction<Tables>, id: string, command: AccreditationCommand, reason: string | null): Promise<void> {
    const row = await repo.get(trx, id, true);
    if (!row) return;
    if (row.promotion) return this.settlePromotion(trx, row, command, reason);
    const to = nextStatus(row.status, command);
    if (to === null) return;
    const withdrawn = command === 'notice_withdrawn';
    await repo.update(trx, id, {
      status: to,
      ...(command === 'notice_effective' && { accredited_on: this.today() }),
      // a withdrawn notice returns the application for a new decision: the plaque number is free again
      ...(withdrawn && { tier: null, plaque_no: null, term_start: null, term_end: null, granting_region_code: row.granting_region_code }),
    });
    await repo.recordEvent(trx, {
      accreditation_id: id,
      county_code: row.county_code,
      command,
      from_status: row.status,
      to_status: to,
      from_tier: row.tier,
      to_tier: withdrawn ? null : row.tier,
      reason,
      actor_id: null,
      actor_name: null,
    });
    await this.audit.append(trx, {
      action: commandActions[command],
      outcome: 'success',
      actorName: 'system',
      regionCode: row.county_code,
      targetType: 'base_accreditation',
      targetId: id,
      details: { from: row.status, to, ...(reason && { reason }) },
    });
  }

  /**
   * A promotion's notice ends: clean, the base takes the new tier, plaque number and term and the
   * promoting region manages it; refused or withdrawn, it stays at its tier. Either way the pending
   * promotion is cleared and one event row and one audit row record it.
   */
  private async settlePromotion(
    trx: Transaction<Tables>,
    row: AccreditationRow,
    noticeCommand: AccreditationCommand,
    reason: string | null,
  ): Promise<void> {
    const promotion = row.promotion!;
    const command: AccreditationCommand =
      noticeCommand === 'notice_effective'
        ? 'promotion_effective'
        : noticeCommand === 'notice_refused'
          ? 'promotion_refused'
          : 'promotion_withdrawn';
    const to = nextStatus(row.status, command) ?? row.status;
    const effective = command === 'promotion_effective' && to === 'active';
    await repo.update(
      trx,
      row.id,
      effective
        ? {
            promotion: null,
            tier: promotion.tier,
            plaque_no: promotion.plaqueNo,
            term_start: promotion.termStart,
            term_end: promotion.termEnd,
            granting_region_code: promotion.grantingRegionCode,
            accredited_on: this.today(),
          }
        : { promotion: null },
    );
    const details = effective
      ? { plaqueNo: promotion.plaqueNo, previousPlaqueNo: row.plaque_no, termStart: promotion.termStart, termEnd: promotion.termEnd }
      : { proposedTier: promotion.tier, proposedPlaqueNo: promotion.plaqueNo };
    await repo.recordEvent(trx, {
      accreditation_id: row.id,
      county_code: row.county_code,
      command,
      from_status: row.status,
      to_status: to,
      from_tier: row.tier,
      to_tier: effective ? promotion.tier : row.tier,
      reason,
      details,
      actor_id: null,
      actor_name: null,
    });
    await this.audit.append(trx, {
      action: commandActions[command],
      outcome: 'success',
      actorName: 'system',
      regionCode: row.county_code,
      targetType: 'base_accreditation',
      targetId: row.id,
      details: { from: row.status, to, ...(effective && { tier: promotion.tier }), ...details, ...(reason && { reason }) },
    });
  }

  // -------------------------------------------------------------------------------------------
  // who may see and do what

  private async institutionOf(actor: Actor) {
    return actor.kind === 'institution' ? this.institutions.institutionOfAccount(actor.userId) : null;
  }

  /** A row the actor may read: staff by region scope, an institution only its own. Hidden rows are NOT_FOUND. */
  private async readable(db: Db | Transaction<Tables>, actor: Actor, id: string, forUpdate = false): Promise<AccreditationRow> {
    const row = await repo.get(db, id, forUpdate);
    if (!row) throw new AppError('NOT_FOUND');
    if (actor.kind === 'institution') {
      const own = await this.institutions.institutionOfAccount(actor.userId, db);
      if (!own || own.id !== row.institution_id) throw new AppError('NOT_FOUND');
      return row;
    }
    if (actor.kind !== 'staff' || !inScope(actor.scope, row.county_code)) throw new AppError('NOT_FOUND');
    return row;
  }

  /** The region path (province → city → county) of a county-level unit. */
  private unitPath(countyCode: string) {
    return this.regions.path(countyCode).map((r) => ({ code: r.code, level: r.level }));
  }

  /**
   * Graded management (分级管理): an application is decided by the region of the tier it asks for,
   * a base is managed by the region of its tier, and by no other (a region above supervises
   * through the lists, it does not act in the lower tier's place). The account's own region
   * counts, not a view narrowed to a child region.
   */
  private manages(actor: Actor, row: Pick<AccreditationRow, 'granting_region_code'>): boolean {
    return actor.kind === 'staff' && row.granting_region_code === actor.regionCode;
  }

  private commandsFor(actor: Actor, row: AccreditationRow): StaffCommand[] {
    // a promotion on notice holds every other step until the notice ends
    if (row.promotion) return [];
    const own = this.manages(actor, row)
      ? allowedCommands(row.status, row.tier).filter((command) =>
          command === 'evaluate' ? can(actor.roles, 'accreditation.evaluate') : can(actor.roles, 'accreditation.review'),
        )
      : [];
    return this.mayPromote(actor, row) ? [...own, 'promote'] : own;
  }

  /** Promotion (晋级) is taken by the region of the next tier up, not by the managing region. */
  private mayPromote(actor: Actor, row: AccreditationRow): boolean {
    if (actor.kind !== 'staff' || !can(actor.roles, 'accreditation.review') || row.tier === null || row.promotion) return false;
    const target = promotionTier(row.tier);
    if (target === null) return false;
    const reviewer = { code: actor.regionCode, level: actor.regionLevel };
    return checkPromotion(reviewer, row.status, row.tier, target, this.unitPath(row.county_code)) === null;
  }

  private assertCommand(actor: Actor, row: AccreditationRow, command: StaffCommand): AccreditationStatus {
    if (row.promotion) throw new AppError('CONFLICT', '该基地晋级公示中，公示结束前不能办理其他事项');
    if (!this.manages(actor, row)) {
      throw new AppError('OUT_OF_SCOPE', `该基地由${this.regions.get(row.granting_region_code)?.name ?? '其他区域'}管理，本账号不能操作`);
    }
    const to = nextStatus(row.status, command);
    if (to === null) throw new AppError('CONFLICT', `当前状态不能执行此操作，请刷新后查看最新状态`);
    return to;
  }

  private assertVersion(row: AccreditationRow, version: number): void {
    if (row.version !== version) throw new AppError('CONFLICT', '该记录已被他人修改，请刷新后重试');
  }

  private async documents(trx: Transaction<Tables>, actor: Actor, ids: readonly string[]): Promise<AttachedFile[]> {
    const files = await ownUploads(trx, actor.userId, ids, 'body.documentIds', '附件');
    return files.map(({ fileId, name }) => ({ fileId, name }));
  }

  /** One step: the row's change, its event row and its audit row, in the caller's transaction. */
  private async step(
    trx: Transaction<Tables>,
    actor: Actor,
    meta: RequestMeta,
    row: AccreditationRow,
    command: AccreditationCommand,
    change: {
      to: AccreditationStatus;
      set?: Parameters<typeof repo.update>[2];
      toTier?: AccreditationTier | null;
      reason: string | null;
      documents: AttachedFile[];
      details?: Record<string, unknown>;
    },
  ): Promise<void> {
    if (change.set || change.to !== row.status) await repo.update(trx, row.id, { status: change.to, ...change.set });
    const toTier = change.toTier === undefined ? row.tier : change.toTier;
    await repo.recordEvent(trx, {
      accreditation_id: row.id,
      county_code: row.county_code,
      command,
      from_status: command === 'apply' ? null : row.status,
      to_status: change.to,
      from_tier: command === 'apply' ? null : row.tier,
      to_tier: toTier,
      reason: change.reason,
      documents: change.documents,
      details: change.details ?? {},
      actor_id: actor.userId,
      actor_name: actor.displayName,
    });
    await this.audit.append(
      trx,
      actorEvent(actor, meta, {
        action: commandActions[command],
        outcome: 'success',
        regionCode: row.county_code,
        targetType: 'base_accreditation',
        targetId: row.id,
        details: { from: row.status, to: change.to, ...(toTier !== row.tier && { tier: toTier }), ...change.details },
      }),
    );
  }

  // -------------------------------------------------------------------------------------------
  // reading

  private summary(row: AccreditationRow): Summary {
    return {
      id: row.id,
      institutionId: row.institution_id,
      institutionName: row.institution_name,
      countyCode: row.county_code,
      countyName: this.regions.get(row.county_code)?.name ?? row.county_code,
      baseName: row.base_name,
      baseKind: row.base_kind,
      requestedTier: row.requested_tier,
      tier: row.tier,
      grantingRegionCode: row.granting_region_code,
      grantingRegionName: this.regions.get(row.granting_region_code)?.name ?? row.granting_region_code,
      plaqueNo: row.plaque_no,
      termStart: row.term_start,
      termEnd: row.term_end,
      status: row.status,
      appliedAt: row.applied_at.toISOString(),
      lastEvaluatedOn: row.last_evaluated_on,
      updatedAt: row.updated_at.toISOString(),
    };
  }

  async list(actor: Actor, query: ListQuery) {
    let countyCodes = scopeCodes(actor.scope);
    let institutionId: string | undefined;
    if (actor.kind === 'institution') {
      const own = await this.institutionOf(actor);
      if (!own) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      institutionId = own.id;
      countyCodes = null;
    } else if (query.regionCode) {
      this.regions.require(query.regionCode);
      assertInScope(actor.scope, query.regionCode);
      countyCodes = query.regionCode === this.regions.provinceCode ? null : [...this.regions.subtree(query.regionCode)];
    }
    const { items, total } = await repo.list(
      this.db,
      { countyCodes, institutionId, status: query.status, tier: query.tier, baseKind: query.baseKind, q: query.q || undefined },
      query.page,
      query.pageSize,
    );
    return { items: items.map((row) => this.summary(row)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<Detail> {
    const row = await this.readable(this.db, actor, id);
    const [events, evaluations, notice] = await Promise.all([
      repo.events(this.db, id),
      repo.evaluations(this.db, id),
      row.status === 'on_notice' || row.promotion ? repo.noticeEnd(this.db, id) : Promise.resolve(undefined),
    ]);
    const promotion = row.promotion;
    return {
      ...this.summary(row),
      occupations: row.occupations,
      applicationNote: row.application_note,
      documents: row.documents,
      accreditedOn: row.accredited_on,
      version: row.version,
      allowedCommands: this.commandsFor(actor, row),
      noticeEndsAt: notice ? notice.ends_at.toISOString() : null,
      pendingPromotion: promotion
        ? {
            ...promotion,
            grantingRegionName: this.regions.get(promotion.grantingRegionCode)?.name ?? promotion.grantingRegionCode,
          }
        : null,
      events: events.map((e) => ({
        id: e.id,
        command: e.command,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        fromTier: e.from_tier,
        toTier: e.to_tier,
        reason: e.reason,
        documents: e.documents,
        details: e.details,
        actorName: e.actor_name,
        occurredAt: e.occurred_at.toISOString(),
      })),
      evaluations: evaluations.map((e) => ({
        id: e.id,
        sheetVersion: e.sheet_version,
        evaluatedOn: e.evaluated_on,
        scores: e.scores,
        total: Number(e.total),
        suggestion: e.suggestion,
        decision: e.decision,
        reason: e.reason,
        documents: e.documents,
      })),
    };
  }

  /**
   * A document attached to the accreditation or one of its steps, for anyone who may read the
   * accreditation: the answer names the uploader, whose file the store then opens.
   */
  async document(actor: Actor, id: string, fileId: string): Promise<{ ownerId: string }> {
    const row = await this.readable(this.db, actor, id);
    const events = await repo.events(this.db, id);
    const evaluations = await repo.evaluations(this.db, id);
    const attached = [row.documents, ...events.map((e) => e.documents), ...evaluations.map((e) => e.documents)].some((list) =>
      list.some((d) => d.fileId === fileId),
    );
    const owner = attached ? await fileOwner(this.db, fileId) : undefined;
    if (!owner) throw new AppError('NOT_FOUND');
    return { ownerId: owner };
  }

  // -------------------------------------------------------------------------------------------
  // application

  async apply(actor: Actor, input: ApplyInput, meta: RequestMeta): Promise<Detail> {
    const institution = await this.institutionOf(actor);
    if (!institution) throw new AppError('OUT_OF_SCOPE', '本账号未关联培训机构，不能申请基地挂牌');
    if (institution.status !== 'active') {
      throw new AppError('CONFLICT', '本机构尚未完成登记公示（或已注销），暂不能申请基地挂牌');
    }
    const granting = grantingRegion(input.requestedTier, this.unitPath(institution.county_code));
    if (!granting) throw invalidField('body.requestedTier', '申请级别', '无法确定该级别的审核机关');
    const id = await this.db.transaction().execute(async (trx) => {
      await repo.lockInstitution(trx, institution.id);
      const documents = await this.documents(trx, actor, input.documentIds);
      if (await repo.hasPendingApplication(trx, institution.id, input.baseKind)) {
        throw conflict('body.baseKind', '基地类别', `本机构已有一份${baseKindLabels[input.baseKind]}申请在审核中，请勿重复申请`);
      }
      const { id } = await repo.insert(trx, {
        institution_id: institution.id,
        county_code: institution.county_code,
        base_name: input.baseName,
        base_kind: input.baseKind,
        occupations: input.occupations,
        requested_tier: input.requestedTier,
        granting_region_code: granting,
        application_note: input.note,
        documents: JSON.stringify(documents),
        applied_by: actor.userId,
      });
      const row = (await repo.get(trx, id))!;
      await this.step(trx, actor, meta, row, 'apply', { to: 'applied', reason: input.note, documents, toTier: null });
      return id;
    });
    return this.get(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // review and management

  /** Terms of the same institution and base kind must not overlap. */
  private async assertNoOverlap(trx: Transaction<Tables>, row: AccreditationRow, term: { start: string; end: string }, field: string) {
    const holders = await repo.termHolders(trx, row.institution_id, row.base_kind, row.id, termHoldingStatuses);
    const clash = holders.find((h) => termsOverlap(term, { start: h.term_start!, end: h.term_end! }));
    if (clash) {
      throw conflict(
        field,
        field.endsWith('termEnd') ? '有效期结束' : '有效期开始',
        `有效期与本机构同类基地（牌匾编号 ${clash.plaque_no}，${clash.term_start} 至 ${clash.term_end}）重叠，同一机构同类基地的有效期不能重叠`,
      );
    }
  }

  private async assertPlaqueFree(trx: Transaction<Tables>, plaqueNo: string, exceptId: string) {
    const holder = await repo.plaqueHolder(trx, plaqueNo, exceptId);
    if (holder) throw conflict('body.plaqueNo', '牌匾编号', `牌匾编号 ${plaqueNo} 已被“${holder.base_name}”使用，牌匾编号不能重复`);
  }

  /** A transaction that gives a plaque number: two reviewers racing for one number lose to the unique index. */
  private async inPlaqueTransaction(plaqueNo: string, work: (trx: Transaction<Tables>) => Promise<void>): Promise<void> {
    try {
      await this.db.transaction().execute(work);
    } catch (error) {
      if (uniqueViolation(error) !== null) throw conflict('body.plaqueNo', '牌匾编号', `牌匾编号 ${plaqueNo} 已被使用，牌匾编号不能重复`);
      throw error;
    }
  }

  async accredit(actor: Actor, id: string, input: AccreditInput, meta: RequestMeta): Promise<Detail> {
    const termIssue = checkTerm({ start: input.termStart, end: input.termEnd });
    if (termIssue) throw invalidField('body.termEnd', '有效期结束', termIssue);
    await this.inPlaqueTransaction(input.plaqueNo, async (trx) => {
      const row = await this.readable(trx, actor, id, true);
      await repo.lockInstitution(trx, row.institution_id);
      const refusal = checkTierGrant({ code: actor.regionCode, level: actor.regionLevel }, input.tier, this.unitPath(row.county_code));
      if (refusal) throw invalidField('body.tier', '挂牌级别', refusal);
      const to = this.assertCommand(actor, row, 'accredit');
      this.assertVersion(row, input.version);
      await this.assertPlaqueFree(trx, input.plaqueNo, row.id);
      await this.assertNoOverlap(trx, row, { start: input.termStart, end: input.termEnd }, 'body.termStart');
      const documents = await this.documents(trx, actor, input.documentIds);
      await this.step(trx, actor, meta, row, 'accredit', {
        to,
        toTier: input.tier,
        set: {
          tier: input.tier,
          plaque_no: input.plaqueNo,
          term_start: input.termStart,
          term_end: input.termEnd,
          granting_region_code: actor.regionCode,
        },
        reason: input.reason,
        documents,
        details: { plaqueNo: input.plaqueNo, termStart: input.termStart, termEnd: input.termEnd },
      });
      const tierLabel = accreditationTierLabels[input.tier];
      await this.notices.open(
        trx,
        {
          kind: 'accreditation',
          id: row.id,
          regionCode: actor.regionCode,
          title: `${row.institution_name}${tierLabel}${baseKindLabels[row.base_kind]}挂牌认定公示`,
          summary:
            `拟认定${row.institution_name}“${row.base_name}”为${tierLabel}${baseKindLabels[row.base_kind]}，` +
            `牌匾编号 ${input.plaqueNo}，有效期 ${input.termStart} 至 ${input.termEnd}` +
            (row.occupations.length ? `，培训职业（工种）：${row.occupations.join('、')}。` : '。'),
        },
        actor.userId,
      );
    });
    return this.get(actor, id);
  }

  async renew(actor: Actor, id: string, input: RenewInput, meta: RequestMeta): Promise<Detail> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, actor, id, true);
      await repo.lockInstitution(trx, row.institution_id);
      const to = this.assertCommand(actor, row, 'renew');
      this.assertVersion(row, input.version);
      if (input.termEnd <= row.term_end!)
        throw invalidField('body.termEnd', '有效期结束', `续期后的结束日期须晚于现有结束日期 ${row.term_end}`);
      await this.assertNoOverlap(trx, row, { start: row.term_start!, end: input.termEnd }, 'body.termEnd');
      const documents = await this.documents(trx, actor, input.documentIds);
      await this.step(trx, actor, meta, row, 'renew', {
        to,
        set: { term_end: input.termEnd },
        reason: input.reason,
        documents,
        details: { previousTermEnd: row.term_end, termEnd: input.termEnd },
      });
    });
    return this.get(actor, id);
  }

  /** A downgrade moves the base to a lower tier, managed from then on by that tier's region. */
  private async applyDowngrade(
    trx: Transaction<Tables>,
    actor: Actor,
    meta: RequestMeta,
    row: AccreditationRow,
    tier: AccreditationTier,
    reason: string,
    documents: AttachedFile[],
    field: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    if (!row.tier || tierRank[tier] >= tierRank[row.tier]) {
      throw invalidField(field, '降至级别', `须低于现有级别（${row.tier ? accreditationTierLabels[row.tier] : '未定级'}）`);
    }
    const granting = grantingRegion(tier, this.unitPath(row.county_code));
    if (!granting) throw invalidField(field, '降至级别', '无法确定该级别的管理机关');
    await this.step(trx, actor, meta, row, 'downgrade', {
      to: 'active',
      toTier: tier,
      set: { tier, granting_region_code: granting },
      reason,
      documents,
      details,
    });
  }

  async downgrade(actor: Actor, id: string, input: DowngradeInput, meta: RequestMeta): Promise<Detail> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, actor, id, true);
      this.assertCommand(actor, row, 'downgrade');
      this.assertVersion(row, input.version);
      const documents = await this.documents(trx, actor, input.documentIds);
      await this.applyDowngrade(trx, actor, meta, row, input.tier, input.reason, documents, 'body.tier');
    });
    return this.get(actor, id);
  }

  /**
   * Promotion (晋级): the reviewer of the next tier up promotes an active base to its own tier with a
   * new plaque number and term. Like an accreditation it goes on public notice; the base stays
   * active at its tier meanwhile, and the promotion takes effect when the notice ends clean.
   */
  async promote(actor: Actor, id: string, input: PromoteInput, meta: RequestMeta): Promise<Detail> {
    const termIssue = checkTerm({ start: input.termStart, end: input.termEnd });
    if (termIssue) throw invalidField('body.termEnd', '有效期结束', termIssue);
    await this.inPlaqueTransaction(input.plaqueNo, async (trx) => {
      const row = await this.readable(trx, actor, id, true);
      await repo.lockInstitution(trx, row.institution_id);
      if (row.promotion) throw new AppError('CONFLICT', '该基地已在晋级公示中，请勿重复晋级');
      if (nextStatus(row.status, 'promote') === null) throw new AppError('CONFLICT', '当前状态不能晋级，只有已挂牌的基地可以晋级');
      const refusal = checkPromotion(
        { code: actor.regionCode, level: actor.regionLevel },
        row.status,
        row.tier,
        input.tier,
        this.unitPath(row.county_code),
      );
      if (refusal) throw invalidField('body.tier', '晋升级别', refusal);
      this.assertVersion(row, input.version);
      if (input.plaqueNo === row.plaque_no) throw conflict('body.plaqueNo', '牌匾编号', '晋级须使用新的牌匾编号，不能沿用现有编号');
      await this.assertPlaqueFree(trx, input.plaqueNo, row.id);
      await this.assertNoOverlap(trx, row, { start: input.termStart, end: input.termEnd }, 'body.termStart');
      const documents = await this.documents(trx, actor, input.documentIds);
      const promotion = {
        tier: input.tier,
        plaqueNo: input.plaqueNo,
        termStart: input.termStart,
        termEnd: input.termEnd,
        grantingRegionCode: actor.regionCode,
      };
      await this.step(trx, actor, meta, row, 'promote', {
        to: 'active',
        set: { promotion },
        reason: input.reason,
        documents,
        details: { proposedTier: input.tier, proposedPlaqueNo: input.plaqueNo, termStart: input.termStart, termEnd: input.termEnd },
      });
      const tierLabel = accreditationTierLabels[input.tier];
      await this.notices.open(
        trx,
        {
          kind: 'accreditation',
          id: row.id,
          regionCode: actor.regionCode,
          title: `${row.institution_name}${baseKindLabels[row.base_kind]}晋级为${tierLabel}基地公示`,
          summary:
            `拟将${row.institution_name}“${row.base_name}”由${accreditationTierLabels[row.tier!]}晋升为${tierLabel}${baseKindLabels[row.base_kind]}，` +
            `牌匾编号 ${input.plaqueNo}，有效期 ${input.termStart} 至 ${input.termEnd}。晋级理由：${input.reason}`,
        },
        actor.userId,
      );
    });
    return this.get(actor, id);
  }

  async decide(actor: Actor, id: string, input: DecisionInput, meta: RequestMeta): Promise<Detail> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, actor, id, true);
      const to = this.assertCommand(actor, row, input.command);
      this.assertVersion(row, input.version);
      const documents = await this.documents(trx, actor, input.documentIds);
      await this.step(trx, actor, meta, row, input.command, { to, reason: input.reason, documents });
    });
    return this.get(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // evaluation

  async sheet(): Promise<ContractResponse<typeof contracts.getEvaluationSheet>> {
    const row = await repo.currentSheet(this.db);
    const sheet = toSheet(row);
    return { ...sheet, maxTotal: maxTotal(sheet), createdAt: row.created_at.toISOString() };
  }

  async publishSheet(actor: Actor, input: SheetInput, meta: RequestMeta) {
    if (actor.regionLevel !== 'province') throw new AppError('OUT_OF_SCOPE', '评分表由省级统一制定，市县账号不能修改');
    const issues = checkScoreSheet(input);
    if (issues.length > 0) {
      const labels: Record<string, string> = {
        items: '评分项',
        'thresholds.keepMin': '保留分数线',
        'thresholds.downgradeMin': '降级分数线',
      };
      throw new AppError('VALIDATION_FAILED', issues.map((i) => i.message).join('；'), {
        issues: issues.map((i) => fieldIssue(`body.${i.field}`, labels[i.field] ?? '评分项代码', i.message)),
      });
    }
    await this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('evaluation_sheet').select('version').orderBy('version', 'desc').forUpdate().execute();
      const latest = current[0]?.version ?? 0;
      if (latest !== input.baseVersion) throw new AppError('CONFLICT', `评分表已更新为第 ${latest} 版，请刷新后再修改`);
      await repo.insertSheet(trx, { version: latest + 1, items: input.items, thresholds: input.thresholds, created_by: actor.userId });
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'evaluation_sheet.publish',
          outcome: 'success',
          regionCode: actor.regionCode,
          targetType: 'evaluation_sheet',
          targetId: String(latest + 1),
          details: { version: latest + 1, items: input.items.length, maxTotal: maxTotal(input) },
        }),
      );
    });
    return this.sheet();
  }

  async evaluate(actor: Actor, id: string, input: EvaluationInput, meta: RequestMeta): Promise<Detail> {
    if (input.evaluatedOn > this.today()) throw invalidField('body.evaluatedOn', '评估日期', '评估日期不能晚于今天');
    await this.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, actor, id, true);
      this.assertCommand(actor, row, 'evaluate');
      this.assertVersion(row, input.version);
      const sheet = toSheet(await repo.currentSheet(trx));
      if (sheet.version !== input.sheetVersion) {
        throw new AppError('CONFLICT', `评分表已更新为第 ${sheet.version} 版，请刷新后按新版评分`);
      }
      const scoreIssues = checkScores(sheet, input.scores);
      if (scoreIssues.length > 0) {
        throw new AppError('VALIDATION_FAILED', scoreIssues.map((i) => i.message).join('；'), {
          issues: scoreIssues.map((i) => fieldIssue(`body.${i.field}`, '评分', i.message)),
        });
      }
      const outcomeIssue = checkOutcome(input.decision, row.status, row.tier!);
      if (outcomeIssue) throw invalidField('body.decision', '评估结论', outcomeIssue);
      const total = totalScore(input.scores);
      const suggestion = suggestOutcome(sheet, total);
      const documents = await this.documents(trx, actor, input.documentIds);
      const evaluation = await repo.insertEvaluation(trx, {
        accreditation_id: row.id,
        county_code: row.county_code,
        sheet_version: sheet.version,
        evaluated_on: input.evaluatedOn,
        scores: input.scores,
        total,
        suggestion,
        decision: input.decision,
        reason: input.reason,
        documents,
        evaluated_by: actor.userId,
      });
      const details = { evaluationId: evaluation.id, total, suggestion, decision: input.decision, sheetVersion: sheet.version };
      await this.step(trx, actor, meta, row, 'evaluate', {
        to: row.status,
        set: { last_evaluated_on: input.evaluatedOn },
        reason: input.reason,
        documents,
        details,
      });
      const after = { ...row, version: row.version + 1, last_evaluated_on: input.evaluatedOn };
      const because = `定期评估（${input.evaluatedOn}，总分 ${total}）结论：${evaluationOutcomeLabels[input.decision]}。${input.reason}`;
      if (input.decision === 'downgrade') {
        const tier = input.downgradeTo ?? lowerTiers(row.tier!)[0]!;
        await this.applyDowngrade(trx, actor, meta, after, tier, because, [], 'body.downgradeTo', { evaluationId: evaluation.id });
      } else if (input.decision === 'suspend' || input.decision === 'revoke') {
        await this.step(trx, actor, meta, after, input.decision, {
          to: nextStatus(row.status, input.decision)!,
          reason: because,
          documents: [],
          details: { evaluationId: evaluation.id },
        });
      }
    });
    return this.get(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // reminders, coverage, public list

  async reminders(actor: Actor, withinDays: number | undefined) {
    const days = withinDays ?? this.options.reminderDays;
    const today = this.today();
    let countyCodes = scopeCodes(actor.scope);
    let institutionId: string | undefined;
    if (actor.kind === 'institution') {
      const own = await this.institutionOf(actor);
      if (!own)
        return { withinDays: days, evaluationIntervalMonths: this.options.evaluationIntervalMonths, termsEnding: [], evaluationsDue: [] };
      institutionId = own.id;
      countyCodes = null;
    }
    const months = this.options.evaluationIntervalMonths;
    const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
    const [ending, due] = await Promise.all([
      repo.termsEndingBy(this.db, countyCodes, institutionId, addDays(today, days)),
      // due within the window: last evaluation (or accreditation) at least `months` minus the window ago
      repo.evaluationsDueBy(this.db, countyCodes, institutionId, addMonths(addDays(today, days), -months)),
    ]);
    return {
      withinDays: days,
      evaluationIntervalMonths: months,
      termsEnding: ending.map((row) => ({ ...this.summary(row), dueOn: row.term_end!, daysLeft: daysBetween(today, row.term_end!) })),
      evaluationsDue: due.map((row) => {
        const dueOn = addMonths(row.last_evaluated_on ?? row.accredited_on ?? row.term_start!, months);
        return { ...this.summary(row), dueOn, daysLeft: daysBetween(today, dueOn) };
      }),
    };
  }

  /** For the home page: reminders due for a staff member who can act on them. */
  async countDueForHome(actor: Actor): Promise<number> {
    const { termsEnding, evaluationsDue } = await this.reminders(actor, undefined);
    return termsEnding.length + evaluationsDue.length;
  }

  async coverage(actor: Actor, cityCode: string | undefined, mappedCodes: ReadonlySet<string>) {
    let root = this.regions.require(actor.scope.rootCode);
    if (cityCode) {
      const city = this.regions.require(cityCode);
      assertInScope(actor.scope, cityCode);
      if (city.level !== 'city') throw invalidField('query.cityCode', '市州', '请选择一个市州');
      root = city;
    }
    return this.coverageOf(root.code, mappedCodes);
  }

  /**
   * Coverage below a region (default the province), without an actor: the figure the target
   * “每县至少 1 家基地” reads (`covered / total`), for monitoring and reports.
   */
  async coverageOf(rootCode: string = this.regions.provinceCode, mappedCodes: ReadonlySet<string> = new Set()) {
    const root = this.regions.require(rootCode);
    const inRoot = this.regions.subtree(root.code);
    const day = this.today();
    const counts = await repo.liveCountsByCounty(this.db, day);
    const units = this.regions
      .countyUnits()
      .filter((u) => inRoot.has(u.code))
      .map((u) => {
        const city = u.level === 'city' ? u : this.regions.get(u.parentCode!)!;
        const activeBases = counts.get(u.code) ?? 0;
        return {
          code: u.code,
          name: u.name,
          cityCode: city.code,
          cityName: city.name,
          activeBases,
          covered: activeBases > 0,
          onMap: mappedCodes.has(u.code),
          sortOrder: u.sortOrder,
        };
      })
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map(({ sortOrder: _sortOrder, ...unit }) => unit);
    const cities = new Map<string, { code: string; name: string; covered: number; total: number }>();
    for (const unit of units) {
      const city = cities.get(unit.cityCode) ?? { code: unit.cityCode, name: unit.cityName, covered: 0, total: 0 };
      city.total++;
      if (unit.covered) city.covered++;
      cities.set(unit.cityCode, city);
    }
    return {
      asOf: day,
      rootCode: root.code,
      rootName: root.name,
      rootLevel: root.level,
      covered: units.filter((u) => u.covered).length,
      total: units.length,
      cities: [...cities.values()],
      units,
    };
  }

  async publicBases(query: PublicQuery) {
    const countyCodes = query.regionCode ? this.regions.listRegionCodes(query.regionCode) : null;
    const { items, total } = await repo.liveBases(this.db, this.today(), countyCodes, query.baseKind, query.page, query.pageSize);
    return {
      items: items.map((row) => {
        const county = this.regions.get(row.county_code);
        const city = county?.level === 'city' ? county : county?.parentCode ? this.regions.get(county.parentCode) : undefined;
        return {
          id: row.id,
          baseName: row.base_name,
          institutionName: row.institution_name,
          countyCode: row.county_code,
          countyName: county?.name ?? row.county_code,
          cityName: city?.name ?? '',
          baseKind: row.base_kind,
          tier: row.tier!,
          plaqueNo: row.plaque_no!,
          occupations: row.occupations,
          termStart: row.term_start!,
          termEnd: row.term_end!,
        };
      }),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
