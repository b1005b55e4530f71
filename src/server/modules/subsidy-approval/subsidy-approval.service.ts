import type { Transaction } from 'kysely';
import type {
  DecisionAnswer,
  DecisionResult,
  listHeldClaims,
  listNoticeCandidates,
  listNoticeLists,
  NoticeListView,
  publicNoticeLines,
  reviewFunds,
  reviewQueue,
} from '../../../shared/contracts/subsidy-approval-contracts';
import type { ContractResponse } from '../../../shared/contracts/contract';
import { skillLevelLabels } from '../../../shared/domain/catalogue-codes';
import { addWorkingDays, formatFen } from '../../../shared/domain/class-codes';
import { maskName } from '../../../shared/domain/masking';
import { noticeStatusLabels } from '../../../shared/domain/notice-rules';
import { todayInChina } from '../../../shared/domain/person-validation';
import { roleLabels } from '../../../shared/domain/roles';
import {
  type ApprovalStep,
  approvalStepLabels,
  approvalStepLevel,
  approvalStepOf,
  approvalStepResult,
  approvalStepRole,
  approvalSteps,
  type ClaimStatus,
  claimStatusLabels,
  fundPosition,
  type LedgerEntryKind,
  noticeListNumber,
} from '../../../shared/domain/subsidy-codes';
import { type EligibilityDecision, type EligibilityOptions, failedSummary } from '../../../shared/domain/subsidy-eligibility';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/database';
import type { Tables } from '../../db/tables';
import { type Actor, inScope, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { RouteInput } from '../../platform/routing';
import type { NoticesService, NoticeSubjectHandlers } from '../notices/notices.service';
import type { RegionsService } from '../regions/regions.service';
import { claimForActor, type ClaimRow, moveClaim, placeOf, requireClaimStatus } from '../subsidy-claims/claim-access';
import { evaluateClaims, recordCheck } from '../subsidy-claims/claim-eligibility';
import { appendLedger, fundSums } from '../subsidy-funds/ledger';
import { subsidyApprovalRepository as repo } from './subsidy-approval.repository';

export interface SubsidyApprovalOptions {
  /** SUBSIDY_NOTICE_DAYS */
  noticeDays: number;
  /** SUBSIDY_STEP_WORKING_DAYS: each review step is due this many working days after it starts */
  stepWorkingDays: number;
  holidays: readonly string[];
  workingWeekends: readonly string[];
  eligibility: EligibilityOptions;
  clock?: () => Date;
}

const SYSTEM = { userId: null, displayName: '系统（公示期满）' };
const listStatusLabels = { on_notice: '公示中', effective: '公示期满', withdrawn: '已撤回' } as const;
type Decision = 'approve' | 'return' | 'reject';
const decisionWords: Record<Decision, string> = { approve: '审核通过', return: '退回修改', reject: '不予补贴' };

/**
 * The public notice of subsidy lists and the approval chain after it (domain §7). The county puts
 * submitted claims on notice as numbered lines (the actor is the maker, 制单人); the notice's outcome
 * moves the claims (effective → noticed, an upheld objection on a line or on the list → held). Then
 * county review → city review → finance審定, each step by a different person than the maker and
 * the earlier steps, each with a due date in working days. The finance step commits the money.
 */
export class SubsidyApprovalService {
  private readonly clock: () => Date;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly regions: RegionsService,
    private readonly notices: NoticesService,
    private readonly options: SubsidyApprovalOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  private today(): string {
    return todayInChina(this.clock());
  }

  private stepDueFrom(today: string): string {
    return addWorkingDays(today, this.options.stepWorkingDays, {
      holidays: this.options.holidays,
      workingWeekends: this.options.workingWeekends,
    });
  }

  private regionName(code: string): string {
    return this.regions.get(code)?.name ?? code;
  }

  // ------------------------------------------------------------------ notice outcome

  noticeHandlers(): NoticeSubjectHandlers {
    return {
      onEffective: async (trx, listId) => {
        const dueOn = this.stepDueFrom(this.today());
        for (const claim of await repo.claimsOfList(trx, listId, ['on_notice'])) {
          await moveClaim(
            trx,
            claim,
            { command: 'notice_effective', to: 'noticed', dueOn, set: { step_due_on: dueOn, hold_reason: null } },
            SYSTEM,
          );
        }
        await repo.setListStatus(trx, listId, 'effective');
      },
      onRefused: async (trx, listId, reason) => {
        for (const claim of await repo.claimsOfList(trx, listId, ['on_notice'])) {
          await moveClaim(trx, claim, { command: 'hold', to: 'held', comment: reason, set: { hold_reason: reason } }, SYSTEM);
        }
      },
      onWithdrawn: async (trx, listId, reason) => {
        // the lines go away with the notice: the claims wait to be put on another list
        for (const claim of await repo.claimsOfList(trx, listId, ['on_notice'])) {
          await moveClaim(
            trx,
            claim,
            {
              command: 'release',
              to: 'submitted',
              comment: `公示已撤回：${reason}`,
              set: { notice_list_id: null, notice_line_no: null, prepared_by: null, hold_reason: null },
            },
            SYSTEM,
          );
        }
        await repo.setListStatus(trx, listId, 'withdrawn');
      },
      hasLine: async (trx, listId, lineNo) => (await repo.claimOfLine(trx, listId, lineNo)) !== undefined,
      onLineUpheld: async (trx, listId, lineNo, reason) => {
        const claim = await repo.claimOfLine(trx, listId, lineNo);
        // a second upheld objection on a line already held changes nothing
        if (!claim || claim.status !== 'on_notice') return;
        await moveClaim(
          trx,
          claim,
          { command: 'hold', to: 'held', comment: `第 ${lineNo} 行异议成立：${reason}`, set: { hold_reason: reason } },
          SYSTEM,
        );
      },
    };
  }

  // ------------------------------------------------------------------ putting on notice

  async candidates(actor: Actor, query: RouteInput<typeof listNoticeCandidates>['query']) {
    const { rows, total } = await repo.candidates(this.db, scopeCodes(actor.scope), query.pageSize, (query.page - 1) * query.pageSize);
    return {
      items: rows.map((r) => ({
        id: r.id,
        claimNo: r.claim_no,
        personName: r.person_name,
        institutionName: r.institution_name,
        classNo: r.class_no,
        occupation: r.occupation,
        skillLevel: r.skill_level,
        skillLevelLabel: skillLevelLabels[r.skill_level],
        amountFen: Number(r.amount_fen),
        submittedAt: r.submitted_at?.toISOString() ?? null,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    } satisfies ContractResponse<typeof listNoticeCandidates>;
  }

  async putOnNotice(actor: Actor, body: { claimIds: string[]; title?: string | undefined }, meta: RequestMeta): Promise<NoticeListView> {
    if (actor.regionLevel !== 'county')
      throw new AppError('FORBIDDEN', '补贴名单由申领所在县区的培训专干或财务人员编制公示，请使用县区账号');
    const listId = await this.db.transaction().execute(async (trx) => {
      const claims = await repo.lockClaims(trx, body.claimIds);
      const found = new Set(claims.map((c) => c.id));
      const missing = body.claimIds.filter((id) => !found.has(id) || !inScope(actor.scope, claims.find((c) => c.id === id)!.county_code));
      if (missing.length > 0) throw new AppError('NOT_FOUND', `有 ${missing.length} 项申领不存在或不在本账号的管辖区域`);
      for (const claim of claims) requireClaimStatus(claim, ['submitted'], '列入公示');
      const counties = new Set(claims.map((c) => c.county_code));
      if (counties.size > 1) throw new AppError('CONFLICT', '一份公示名单只能包含同一县区的申领，请按县区分别公示');
      const county = claims[0]!.county_code;
      const countyName = this.regionName(county);
      const serial = await repo.nextListSerial(trx);
      const year = this.today().slice(0, 4);
      const listNo = noticeListNumber(county, Number(year), serial);
      const totalFen = claims.reduce((sum, c) => sum + Number(c.amount_fen), 0);
      const title = body.title ?? `${countyName}职业培训补贴公示名单（${listNo}）`;
      const list = await trx
        .insertInto('subsidy_notice_list')
        .values({
          list_no: listNo,
          county_code: county,
          title,
          claim_count: claims.length,
          total_fen: totalFen,
          prepared_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { noticeId } = await this.notices.open(
        trx,
        {
          kind: 'subsidy_list',
          id: list.id,
          regionCode: county,
          title,
          summary: `${countyName}拟对以下 ${claims.length} 名学员发放职业培训补贴，合计 ${formatFen(totalFen)}。对名单中某一行有异议的，请注明行号。`,
        },
        actor.userId,
        this.options.noticeDays,
      );
      await trx.updateTable('subsidy_notice_list').set({ notice_id: noticeId }).where('id', '=', list.id).execute();
      let lineNo = 0;
      for (const claim of claims) {
        lineNo += 1;
        await moveClaim(
          trx,
          claim,
          {
            command: 'put_on_notice',
            to: 'on_notice',
            comment: `列入公示名单 ${listNo} 第 ${lineNo} 行`,
            set: { notice_list_id: list.id, notice_line_no: lineNo, prepared_by: actor.userId, step_due_on: null },
          },
          actor,
        );
      }
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'subsidy_notices.put_on_notice',
          outcome: 'success',
          regionCode: county,
          targetType: 'subsidy_notice_list',
          targetId: list.id,
          details: { listNo, noticeId, claimCount: claims.length, totalFen },
        }),
      );
      return list.id;
    });
    return this.listView(actor, listId);
  }

  private async listView(actor: Actor, listId: string): Promise<NoticeListView> {
    const { rows } = await repo.lists(this.db, scopeCodes(actor.scope), 1, 0, listId);
    if (!rows[0]) throw new AppError('NOT_FOUND', '公示名单不存在');
    return this.toListView(rows[0]);
  }

  private toListView(r: Awaited<ReturnType<typeof repo.lists>>['rows'][number]): NoticeListView {
    return {
      id: r.id,
      listNo: r.list_no,
      countyCode: r.county_code,
      countyName: this.regionName(r.county_code),
      title: r.title,
      claimCount: r.claim_count,
      totalFen: Number(r.total_fen),
      status: r.status,
      statusLabel: listStatusLabels[r.status],
      noticeId: r.notice_id,
      noticeStatus: r.notice_status,
      noticeStatusLabel: r.notice_status ? noticeStatusLabels[r.notice_status] : null,
      noticeEndsAt: r.notice_ends_at?.toISOString() ?? null,
      heldCount: r.held_count,
      preparedByName: r.prepared_by_name,
      createdAt: r.created_at.toISOString(),
    };
  }

  async lists(actor: Actor, query: RouteInput<typeof listNoticeLists>['query']): Promise<ContractResponse<typeof listNoticeLists>> {
    requireStaff(actor);
    const { rows, total } = await repo.lists(this.db, scopeCodes(actor.scope), query.pageSize, (query.page - 1) * query.pageSize);
    return { items: rows.map((r) => this.toListView(r)), total, page: query.page, pageSize: query.pageSize };
  }

  // ------------------------------------------------------------------ held claims

  async held(actor: Actor, query: RouteInput<typeof listHeldClaims>['query']): Promise<ContractResponse<typeof listHeldClaims>> {
    requireStaff(actor);
    const { rows, total } = await repo.held(this.db, scopeCodes(actor.scope), query.pageSize, (query.page - 1) * query.pageSize);
    return {
      items: rows.map((r) => ({
        id: r.id,
        claimNo: r.claim_no,
        personName: r.person_name,
        institutionName: r.institution_name,
        amountFen: Number(r.amount_fen),
        listNo: r.list_no,
        lineNo: r.notice_line_no,
        holdReason: r.hold_reason,
        heldAt: r.updated_at.toISOString(),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Release or reject a held claim: a county reviewer of the claim's county, with a comment. */
  async decideHeld(actor: Actor, claimId: string, decision: 'release' | 'reject', comment: string, meta: RequestMeta) {
    return this.db.transaction().execute(async (trx) => {
      const { row } = await claimForActor(trx, actor, claimId, { forUpdate: true });
      if (!actor.roles.includes('reviewer') || actor.regionLevel !== 'county')
        throw new AppError('FORBIDDEN', '暂停办理的申领由县区残联审核人决定恢复办理或不予补贴');
      requireClaimStatus(row, ['held'], decision === 'release' ? '恢复办理' : '作不予补贴处理');
      let to: ClaimStatus = 'rejected';
      let set: Record<string, unknown> = {};
      let dueOn: string | null = null;
      if (decision === 'release') {
        const list = row.notice_list_id ? await repo.noticeOfList(trx, row.notice_list_id) : undefined;
        const noticeStatus = list?.notice_status ?? null;
        if (noticeStatus === 'open' || noticeStatus === 'held') {
          to = 'on_notice';
          set = { hold_reason: null };
        } else if (noticeStatus === 'withdrawn' || noticeStatus === null) {
          // the notice it was held on is gone: it waits to be put on another list
          to = 'submitted';
          set = { hold_reason: null, notice_list_id: null, notice_line_no: null, prepared_by: null };
        } else {
          to = 'noticed';
          dueOn = this.stepDueFrom(this.today());
          set = { hold_reason: null, step_due_on: dueOn };
        }
      } else {
        set = { step_due_on: null };
      }
      await moveClaim(trx, row, { command: decision, to, comment, dueOn, set }, actor);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: decision === 'release' ? 'subsidy_claims.release' : 'subsidy_claims.reject_held',
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'subsidy_claim',
          targetId: row.id,
          details: { claimNo: row.claim_no, from: row.status, to, comment },
        }),
      );
      return { claimId: row.id, claimNo: row.claim_no, status: to, statusLabel: claimStatusLabels[to] };
    });
  }

  // ------------------------------------------------------------------ public lines

  async publicLines(noticeId: string): Promise<ContractResponse<typeof publicNoticeLines>> {
    const list = await repo.listByNotice(this.db, noticeId);
    // a withdrawn list is no longer published: the same answer as an unknown one
    if (!list || list.notice_status === 'withdrawn') throw new AppError('NOT_FOUND', '该公示没有可公开的补贴名单');
    const rows = await repo.publicLines(this.db, list.id);
    return {
      listNo: list.list_no,
      countyName: this.regionName(list.county_code),
      totalFen: Number(list.total_fen),
      lines: rows.map((r) => {
        const masked = maskName(r.person_name);
        return {
          lineNo: r.notice_line_no!,
          maskedName: masked.text,
          spokenName: masked.spoken,
          institutionName: r.institution_name,
          className: r.class_name,
          occupation: r.occupation,
          skillLevelLabel: skillLevelLabels[r.skill_level],
          amountFen: Number(r.amount_fen),
          trainingYear: r.training_year,
        };
      }),
    };
  }

  // ------------------------------------------------------------------ review queue

  /** The steps this account takes: its role and its region level decide (the scope decides the counties). */
  stepsFor(actor: Actor): ApprovalStep[] {
    if (actor.kind !== 'staff') return [];
    return approvalSteps.filter((step) => actor.roles.includes(approvalStepRole[step]) && actor.regionLevel === approvalStepLevel[step]);
  }

  private statusOf(step: ApprovalStep): ClaimStatus {
    return (Object.entries(approvalStepOf) as [ClaimStatus, ApprovalStep][]).find(([, s]) => s === step)![0];
  }

  async queue(actor: Actor, query: RouteInput<typeof reviewQueue>['query']): Promise<ContractResponse<typeof reviewQueue>> {
    const steps = this.stepsFor(actor);
    const today = this.today();
    const counties = scopeCodes(actor.scope);
    const chosen = query.step ? steps.filter((s) => s === query.step) : steps;
    const { rows, total } = await repo.queue(this.db, {
      counties,
      statuses: chosen.map((s) => this.statusOf(s)),
      overdueBefore: query.overdue ? today : undefined,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    const counts = await repo.queueCounts(
      this.db,
      counties,
      steps.map((s) => this.statusOf(s)),
      today,
    );
    const approvals = await repo.approvalsBy(
      this.db,
      actor.userId,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => {
        const step = approvalStepOf[r.status]!;
        const decision = r.eligibility as EligibilityDecision | null;
        const earlier = approvals.some((a) => a.claim_id === r.id && a.step !== step);
        return {
          id: r.id,
          claimNo: r.claim_no,
          countyCode: r.county_code,
          countyName: this.regionName(r.county_code),
          personName: r.person_name,
          institutionName: r.institution_name,
          occupation: r.occupation,
          skillLevelLabel: skillLevelLabels[r.skill_level],
          trainingYear: r.training_year,
          amountFen: Number(r.amount_fen),
          status: r.status,
          step,
          stepLabel: approvalStepLabels[step],
          dueOn: r.step_due_on,
          daysLeft: r.step_due_on ? daysBetween(today, r.step_due_on) : null,
          overdue: r.step_due_on !== null && today > r.step_due_on,
          eligible: decision ? decision.eligible : null,
          eligibilitySummary: !decision ? '尚未核查' : decision.eligible ? '符合补贴条件' : failedSummary(decision),
          blockedReason:
            r.prepared_by === actor.userId ? '您是本申领的制单人（经办人），不能审核' : earlier ? '您已审核过本申领的前一环节' : null,
        };
      }),
      total,
      page: query.page,
      pageSize: query.pageSize,
      steps: steps.map((step) => {
        const c = counts.find((x) => x.status === this.statusOf(step));
        return { step, label: approvalStepLabels[step], count: c?.n ?? 0, overdue: c?.overdue ?? 0 };
      }),
    };
  }

  /** Home page: claims waiting for a step this account takes, and how many of them are overdue. */
  async countForHome(actor: Actor): Promise<{ count: number; overdue: number }> {
    const steps = this.stepsFor(actor);
    if (steps.length === 0) return { count: 0, overdue: 0 };
    const counts = await repo.queueCounts(
      this.db,
      scopeCodes(actor.scope),
      steps.map((s) => this.statusOf(s)),
      this.today(),
    );
    return { count: counts.reduce((s, c) => s + c.n, 0), overdue: counts.reduce((s, c) => s + c.overdue, 0) };
  }

  /** Funds the account may commit: open, of its region, a region under it or above it. */
  private fundRegions(actor: Actor): string[] {
    const above = this.regions.path(actor.regionCode).map((r) => r.code);
    const below = scopeCodes(actor.scope) ?? [...this.regions.subtree(actor.regionCode)];
    return [...new Set([...above, ...below, actor.regionCode])];
  }

  async funds(actor: Actor, query: RouteInput<typeof reviewFunds>['query']): Promise<ContractResponse<typeof reviewFunds>> {
    const funds = await repo.openFunds(this.db, this.fundRegions(actor), query.year);
    const sums = await repo.ledgerSumsByFund(
      this.db,
      funds.map((f) => f.id),
    );
    return {
      items: funds.map((f) => {
        const byKind: Partial<Record<LedgerEntryKind, number>> = {};
        for (const s of sums.filter((x) => x.fund_id === f.id)) byKind[s.kind] = s.total;
        return {
          id: f.id,
          name: f.name,
          code: f.code,
          year: f.year,
          regionCode: f.region_code,
          regionName: this.regionName(f.region_code),
          availableFen: fundPosition(byKind).availableFen,
        };
      }),
    };
  }

  // ------------------------------------------------------------------ decisions

  async decide(
    actor: Actor,
    decision: Decision,
    body: { claimIds: string[]; comment?: string | undefined; fundId?: string | undefined },
    meta: RequestMeta,
  ): Promise<DecisionAnswer> {
    const results: DecisionResult[] = [];
    // each claim in its own transaction: one refused claim does not hold up the others
    for (const claimId of body.claimIds) {
      try {
        const done = await this.db.transaction().execute((trx) => this.decideOne(trx, actor, decision, claimId, body, meta));
        results.push({ claimId, ok: true, code: null, message: null, ...done });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error instanceof IneligibleAtApproval) {
          // the refused approval rolled back; the check that refused it is kept for the auditor
          await this.db.transaction().execute((trx) => recordCheck(trx, error.row, error.decision, 'approve', actor.userId));
        }
        const claimNo = await this.db
          .selectFrom('subsidy_claim')
          .select('claim_no')
          .where('id', '=', claimId)
          .executeTakeFirst()
          .then((r) => r?.claim_no ?? null);
        results.push({
          claimId,
          claimNo: error.code === 'NOT_FOUND' ? null : claimNo,
          ok: false,
          status: null,
          statusLabel: null,
          late: null,
          message: error.message,
          code: error.code,
        });
        await this.audit.record(
          actorEvent(actor, meta, {
            action: `subsidy_claims.${decision}`,
            outcome: error.code === 'FORBIDDEN' || error.code === 'OUT_OF_SCOPE' ? 'denied' : 'failure',
            targetType: 'subsidy_claim',
            targetId: claimId,
            details: { code: error.code, message: error.message },
          }),
        );
      }
    }
    const done = results.filter((r) => r.ok).length;
    const failed = results.length - done;
    if (done === 0) {
      // nothing went through: the answer is the (first) refusal, with every claim's reason
      const first = results[0]!;
      const message =
        results.length === 1
          ? first.message!
          : `${results.length} 项申领均未办理：${results.map((r) => `${r.claimNo ?? '未找到的申领'}：${r.message}`).join('；')}`;
      throw new AppError(first.code as AppError['code'], message, { results });
    }
    return { done, failed, results };
  }

  private async decideOne(
    trx: Transaction<Tables>,
    actor: Actor,
    decision: Decision,
    claimId: string,
    body: { comment?: string | undefined; fundId?: string | undefined },
    meta: RequestMeta,
  ): Promise<{ claimNo: string; status: ClaimStatus; statusLabel: string; late: boolean }> {
    const { row } = await claimForActor(trx, actor, claimId, { forUpdate: true });
    const step = approvalStepOf[row.status];
    if (!step) requireClaimStatus(row, Object.keys(approvalStepOf) as ClaimStatus[], decisionWords[decision]);
    const s = step!;
    const role = approvalStepRole[s];
    const level = approvalStepLevel[s];
    if (!actor.roles.includes(role) || actor.regionLevel !== level)
      throw new AppError(
        'FORBIDDEN',
        `申领 ${row.claim_no} 处于“${approvalStepLabels[s]}”环节，应由${level === 'county' ? '县区' : '市州'}残联${roleLabels[role]}办理`,
      );
    if (row.prepared_by === actor.userId) throw new AppError('FORBIDDEN', '制单人（经办人）不能审核自己经办的申领');
    if ((await repo.approversOf(trx, row.id, s)).includes(actor.userId))
      throw new AppError('FORBIDDEN', '同一人不能审核同一申领的两个环节');
    if (decision !== 'approve' && !body.comment) throw new AppError('VALIDATION_FAILED', `${decisionWords[decision]}须写明意见`);
    const today = this.today();
    const dueOn = row.step_due_on;
    const late = dueOn !== null && today > dueOn;
    let to: ClaimStatus;
    let set: Record<string, unknown>;
    const details: Record<string, unknown> = { claimNo: row.claim_no, step: s, dueOn, late };
    if (decision === 'return') {
      to = 'returned';
      set = { notice_line_no: null, step_due_on: null };
    } else if (decision === 'reject') {
      to = 'rejected';
      set = { step_due_on: null };
    } else if (s !== 'finance_review') {
      to = approvalStepResult[s];
      set = { step_due_on: this.stepDueFrom(today) };
    } else {
      to = 'approved';
      const fundId = await this.commit(trx, actor, row, body.fundId);
      set = { step_due_on: null, fund_id: fundId, approved_at: this.clock() };
      details.fundId = fundId;
      details.amountFen = Number(row.amount_fen);
    }
    await moveClaim(trx, row, { command: decision, to, step: s, comment: body.comment ?? null, dueOn, late, set }, actor);
    await this.audit.append(
      trx,
      actorEvent(actor, meta, {
        action: `subsidy_claims.${decision}`,
        outcome: 'success',
        regionCode: row.county_code,
        targetType: 'subsidy_claim',
        targetId: row.id,
        details,
      }),
    );
    return { claimNo: row.claim_no, status: to, statusLabel: claimStatusLabels[to], late };
  }

  /**
   * The finance step: the claim is checked again (the history may have changed since it was
   * submitted), then its amount is committed on a fund of its region and its training year.
   */
  private async commit(trx: Transaction<Tables>, actor: Actor, row: ClaimRow, fundId: string | undefined): Promise<string> {
    if (!fundId)
      throw new AppError('VALIDATION_FAILED', '财务审定须选择支付资金', {
        issues: [{ field: 'body.fundId', label: '资金', message: '财务审定须选择支付资金' }],
      });
    const decision = (await evaluateClaims(trx, this.regions, this.options.eligibility, [row])).get(row.id)!;
    if (!decision.eligible) throw new IneligibleAtApproval(row, decision);
    await recordCheck(trx, row, decision, 'approve', actor.userId);
    const { fund, position } = await fundSums(trx, fundId, { forUpdate: true });
    const place = placeOf(this.regions, row.county_code);
    if (![place.countyCode, place.cityCode, place.provinceCode].includes(fund.region_code))
      throw new AppError('CONFLICT', `资金“${fund.name}”属于${this.regionName(fund.region_code)}，不能用于${place.name}的申领`);
    if (!this.fundRegions(actor).includes(fund.region_code)) throw new AppError('OUT_OF_SCOPE', '该资金不在本账号的管辖区域');
    if (fund.status !== 'open') throw new AppError('CONFLICT', `资金“${fund.name}”已关闭，不能再占用`);
    // the rule chosen: the fund's year is the training year of the claim (the budget year the training belongs to)
    if (fund.year !== row.training_year)
      throw new AppError('CONFLICT', `资金“${fund.name}”是 ${fund.year} 年度的，本申领的培训年度为 ${row.training_year} 年`);
    const amount = Number(row.amount_fen);
    if (position.availableFen < amount)
      throw new AppError(
        'CONFLICT',
        `资金可用余额不足：“${fund.name}”可用 ${formatFen(position.availableFen)}，本申领需 ${formatFen(amount)}`,
      );
    if (amount > 0)
      await appendLedger(trx, {
        fundId: fund.id,
        regionCode: fund.region_code,
        kind: 'commitment',
        amountFen: amount,
        claimId: row.id,
        memo: `审定占用：${row.claim_no}`,
        createdBy: actor.userId,
      });
    return fund.id;
  }
}

/** The finance step's re-check failed: the decision is recorded outside the refused transaction. */
class IneligibleAtApproval extends AppError {
  constructor(
    readonly row: ClaimRow,
    readonly decision: EligibilityDecision,
  ) {
    super('CONFLICT', `申领 ${row.claim_no} 复核不符合补贴条件，不能审定：${failedSummary(decision)}`);
  }
}

/** Lists of other institutions' trainees are federation work: an institution account reads its own claims elsewhere. */
function requireStaff(actor: Actor): void {
  if (actor.kind !== 'staff')
    throw new AppError('FORBIDDEN', '补贴公示名单和暂停办理的申领由残联工作人员查看；机构请在“补贴申领”中查看本机构的申领');
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
