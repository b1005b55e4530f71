import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type {
  BatchClaim,
  BatchDetail,
  BatchFund,
  BatchPaidReceipt,
  BatchSummary,
  CandidateClaim,
  CreateBatchInput,
  PaymentLine,
  ReversalReceipt,
} from '../../../shared/contracts/subsidy-payments-contracts';
import { BATCH_MAX_CLAIMS, idempotencyKeyPattern } from '../../../shared/contracts/subsidy-payments-contracts';
import { maskName, spokenForMasked } from '../../../shared/domain/masking';
import { can } from '../../../shared/domain/permissions';
import { todayInChina } from '../../../shared/domain/person-validation';
import { batchNumber, type BatchStatus, claimStatusLabels } from '../../../shared/domain/subsidy-codes';
import { AppError, invalidField, validationFailed, fieldIssue } from '../../../shared/errors';
import { type Db, uniqueViolation } from '../../db/database';
import type { Tables } from '../../db/tables';
import { type Actor, inScope, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { PersonalDataCrypto } from '../../platform/personal-data-crypto';
import type { RequestMeta } from '../../platform/request-context';
import type { RegionsService } from '../regions/regions.service';
import { claimForActor, type ClaimRow, moveClaim } from '../subsidy-claims/claim-access';
import { appendLedger } from '../subsidy-funds/ledger';
import { type BatchRow, type ClaimLineRow, subsidyPaymentsRepository as repo } from './subsidy-payments.repository';

export const PAY_SCOPE = 'payment-batches.pay';
export const REVERSE_SCOPE = 'subsidy-payments.reverse';
const CANDIDATE_LIMIT = BATCH_MAX_CLAIMS;

/** A key sent again with another request: answered 422 by the route (no error code maps to it). */
export class IdempotencyKeyReused extends AppError {
  constructor() {
    super('VALIDATION_FAILED', '该幂等键已用于另一请求', {
      issues: [fieldIssue('headers.idempotency-key', '幂等键（Idempotency-Key）', '该幂等键已用于另一请求，请为新的请求生成新的幂等键')],
    });
  }
}

/** What an idempotent command answers: the body, and whether it is the stored answer of an earlier request. */
export interface IdempotentAnswer<T> {
  body: T;
  replayed: boolean;
}

export interface PaymentsOptions {
  clock?: () => Date;
}

/** Stable JSON (keys sorted at every depth): two equal bodies give one digest whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestDigest(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

/** The header value, checked: 8–100 characters of letters, digits and - _ : . (a UUID fits). */
function checkKey(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  const label = '幂等键（Idempotency-Key）';
  if (value === undefined || value.trim() === '')
    throw invalidField('headers.idempotency-key', label, '付款类请求须带请求头 Idempotency-Key，请刷新页面后重试');
  if (!idempotencyKeyPattern.test(value))
    throw invalidField('headers.idempotency-key', label, '幂等键须为 8 至 100 个字母、数字或 - _ : . 字符');
  return value;
}

function pgCode(error: unknown): string | null {
  return error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : null;
}

function payeeOf(line: { payee_name: string | null; payee_kind: string; person_name: string; institution_name: string }): string {
  return line.payee_name ?? (line.payee_kind === 'institution' ? line.institution_name : line.person_name);
}

function maskedAccount(text: string | null) {
  return text ? { text, spoken: spokenForMasked('bankAccount', text) } : null;
}

/**
 * Payment batches (支付批次), payments and reversals. A batch gathers approved claims of one fund;
 * paying it writes, in one transaction, one payment row and one ledger entry per claim, moves every
 * claim and the batch to paid, and keeps the answer with the request's idempotency key, so the same
 * request sent again (a double click, a retry after a timeout, twenty at once) pays once and gets
 * the first answer back. Payments and ledger entries are never changed: a reversal is a new row.
 */
export class SubsidyPaymentsService {
  private readonly clock: () => Date;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly regions: RegionsService,
    private readonly crypto: PersonalDataCrypto,
    options: PaymentsOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  private regionName(code: string): string {
    return this.regions.get(code)?.name ?? code;
  }

  // ---------------------------------------------------------------- reading

  async list(
    actor: Actor,
    query: { status?: BatchStatus | undefined; fundId?: string | undefined; q?: string | undefined; page: number; pageSize: number },
  ) {
    const { rows, total } = await repo.listBatches(
      this.db,
      { regionCodes: scopeCodes(actor.scope), status: query.status, fundId: query.fundId, q: query.q },
      query.page,
      query.pageSize,
    );
    return { items: rows.map((r) => this.summary(r)), total, page: query.page, pageSize: query.pageSize };
  }

  private summary(r: NonNullable<Awaited<ReturnType<typeof repo.batchWithNames>>>): BatchSummary {
    return {
      id: r.id,
      batchNo: r.batch_no,
      regionCode: r.region_code,
      regionName: this.regionName(r.region_code),
      fundId: r.fund_id,
      fundName: r.fund_name,
      fundCode: r.fund_code,
      status: r.status,
      claimCount: r.claim_count,
      totalFen: Number(r.total_fen),
      voucherRef: r.voucher_ref,
      createdByName: r.created_by_name,
      createdAt: r.created_at.toISOString(),
      paidByName: r.paid_by_name,
      paidAt: r.paid_at?.toISOString() ?? null,
    };
  }

  /** A batch the actor reaches: its paying region lies in the actor's scope; anything else is not found. */
  private async readable(db: Db, actor: Actor, id: string) {
    const row = await repo.batchWithNames(db, id);
    if (!row || actor.kind !== 'staff' || !inScope(actor.scope, row.region_code)) throw new AppError('NOT_FOUND', '支付批次不存在');
    return row;
  }

  private claimLine(line: ClaimLineRow): CandidateClaim {
    const payee = payeeOf(line);
    return {
      id: line.id,
      claimNo: line.claim_no,
      countyCode: line.county_code,
      personNameMasked: maskName(line.person_name).text,
      institutionName: line.institution_name,
      occupation: line.occupation,
      skillLevel: line.skill_level,
      amountFen: Number(line.amount_fen),
      payeeKind: line.payee_kind,
      // a person's full name stays off the screen like the rest of the list; the bank file has it in full
      payeeName: line.payee_kind === 'person' ? maskName(payee).text : payee,
      bankName: line.bank_name,
      bankAccount: maskedAccount(line.bank_account_masked),
      status: line.status,
    };
  }

  async get(actor: Actor, id: string): Promise<BatchDetail> {
    return this.detail(this.db, actor, await this.readable(this.db, actor, id));
  }

  private async detail(db: Db, actor: Actor, row: NonNullable<Awaited<ReturnType<typeof repo.batchWithNames>>>): Promise<BatchDetail> {
    const [lines, payments] = await Promise.all([repo.claimsOfBatch(db, row.id), repo.paymentsOfBatch(db, row.id)]);
    const paymentOf = new Map(payments.filter((p) => p.kind === 'payment').map((p) => [p.claim_id, p.id]));
    const reversalOf = new Map(payments.filter((p) => p.kind === 'reversal').map((p) => [p.claim_id, p.id]));
    const manage = can(actor.roles, 'payments.manage');
    const isMaker = row.created_by === actor.userId;
    const claims: BatchClaim[] = lines.map((line) => ({
      ...this.claimLine(line),
      paymentId: paymentOf.get(line.id) ?? null,
      reversalId: reversalOf.get(line.id) ?? null,
    }));
    return {
      ...this.summary(row),
      cancelledReason: row.cancelled_reason,
      remarks: row.remarks,
      version: row.version,
      claims,
      canPay: manage && row.status === 'draft' && !isMaker && claims.length > 0,
      payBlockedReason: manage && row.status === 'draft' && isMaker ? '本批次由您编制，须由另一名财务人员支付（编制与支付分离）' : null,
      canEdit: manage && row.status === 'draft',
      canReverse: manage && row.status === 'paid',
      canExportFull: can(actor.roles, 'payments.export'),
    };
  }

  async funds(actor: Actor): Promise<{ items: BatchFund[] }> {
    const rows = await repo.fundsWithWaiting(this.db, scopeCodes(actor.scope));
    return {
      items: rows.map((f) => ({
        id: f.id,
        regionCode: f.region_code,
        regionName: this.regionName(f.region_code),
        year: f.year,
        kind: f.kind,
        code: f.code,
        name: f.name,
        waitingCount: Number(f.waiting_count),
        waitingFen: Number(f.waiting_fen),
      })),
    };
  }

  private async fundForActor(db: Db, actor: Actor, fundId: string, field: string) {
    const fund = await repo.fund(db, fundId);
    if (!fund || !inScope(actor.scope, fund.region_code)) throw invalidField(field, '资金', '资金不存在或不在本账号的管辖区域内');
    return fund;
  }

  async candidates(actor: Actor, fundId: string) {
    const fund = await this.fundForActor(this.db, actor, fundId, 'query.fundId');
    const rows = await repo.candidates(this.db, fund.id, scopeCodes(actor.scope), CANDIDATE_LIMIT + 1);
    const items = rows.slice(0, CANDIDATE_LIMIT).map((r) => this.claimLine(r));
    const waiting = (await this.funds(actor)).items.find((f) => f.id === fund.id);
    return {
      fund: waiting ?? {
        id: fund.id,
        regionCode: fund.region_code,
        regionName: this.regionName(fund.region_code),
        year: fund.year,
        kind: fund.kind,
        code: fund.code,
        name: fund.name,
        waitingCount: items.length,
        waitingFen: items.reduce((s, c) => s + c.amountFen, 0),
      },
      items,
      truncated: rows.length > CANDIDATE_LIMIT,
    };
  }

  async claimPayments(actor: Actor, claimId: string): Promise<{ items: PaymentLine[] }> {
    const { row } = await claimForActor(this.db, actor, claimId);
    const rows = await repo.paymentsOfClaim(this.db, row.id);
    return {
      items: rows.map((p) => ({
        id: p.id,
        kind: p.kind,
        claimId: p.claim_id,
        claimNo: p.claim_no,
        batchId: p.batch_id,
        batchNo: p.batch_no,
        amountFen: Number(p.amount_fen),
        payeeName: p.payee_name,
        bankName: p.bank_name,
        bankAccount: maskedAccount(p.bank_account_masked),
        voucherRef: p.voucher_ref,
        reversesId: p.reverses_id,
        reason: p.reason,
        createdByName: p.created_by_name,
        createdAt: p.created_at.toISOString(),
      })),
    };
  }

  // ---------------------------------------------------------------- making a batch

  async create(actor: Actor, input: CreateBatchInput, meta: RequestMeta): Promise<BatchDetail> {
    const id = await this.conflictSafe(() =>
      this.db.transaction().execute(async (trx) => {
        const fund = await this.fundForActor(trx, actor, input.fundId, 'body.fundId');
        if (fund.status !== 'open') throw new AppError('CONFLICT', `资金“${fund.name}”已关闭，不能再编制支付批次`);
        const rows = await repo.lockClaims(trx, input.claimIds);
        const byId = new Map(rows.map((r) => [r.id, r]));
        const problems: string[] = [];
        const claims = input.claimIds.map((claimId, i) => {
          const row = byId.get(claimId);
          if (!row || !inScope(actor.scope, row.county_code))
            throw invalidField(`body.claimIds.${i}`, '申领', `第 ${i + 1} 项申领不存在或不在本账号的管辖区域内`);
          if (row.status !== 'approved') problems.push(`申领 ${row.claim_no} 当前为“${claimStatusLabels[row.status]}”`);
          else if (row.fund_id !== fund.id) problems.push(`申领 ${row.claim_no} 审定的资金不是“${fund.name}”`);
          else if (Number(row.amount_fen) <= 0) problems.push(`申领 ${row.claim_no} 的补贴金额为 0`);
          return row;
        });
        if (problems.length > 0) {
          const shown = problems.slice(0, 10).join('；');
          throw new AppError(
            'CONFLICT',
            `以下申领不能编入支付批次（只有已审定、待支付的申领可以编入）：${shown}${problems.length > 10 ? ` 等 ${problems.length} 项` : ''}`,
          );
        }
        const now = this.clock();
        const serial = await repo.nextBatchSerial(trx);
        const batchNo = batchNumber(fund.region_code, Number(todayInChina(now).slice(0, 4)), serial);
        const totalFen = claims.reduce((sum, c) => sum + Number(c.amount_fen), 0);
        const batch = await repo.insertBatch(trx, {
          batch_no: batchNo,
          region_code: fund.region_code,
          fund_id: fund.id,
          claim_count: claims.length,
          total_fen: totalFen,
          created_by: actor.userId,
          remarks: input.remarks || null,
        });
        for (const claim of claims)
          await moveClaim(trx, claim, { command: 'batch', to: 'batched', comment: batchNo, set: { batch_id: batch.id } }, actor);
        await this.audit.append(
          trx as Transaction<Tables>,
          actorEvent(actor, meta, {
            action: 'payments.batch_create',
            outcome: 'success',
            regionCode: fund.region_code,
            targetType: 'payment_batch',
            targetId: batch.id,
            details: { batchNo, fundId: fund.id, claims: claims.length, totalFen },
          }),
        );
        return batch.id;
      }),
    );
    return this.get(actor, id);
  }

  private async lockDraft(trx: Db, actor: Actor, id: string, what: string): Promise<BatchRow> {
    const batch = await repo.lockBatch(trx, id);
    if (!batch || !inScope(actor.scope, batch.region_code)) throw new AppError('NOT_FOUND', '支付批次不存在');
    if (batch.status !== 'draft')
      throw new AppError('CONFLICT', `批次 ${batch.batch_no} ${batch.status === 'paid' ? '已支付' : '已作废'}，不能${what}`);
    return batch;
  }

  async removeClaim(actor: Actor, id: string, claimId: string, meta: RequestMeta): Promise<BatchDetail> {
    await this.conflictSafe(() =>
      this.db.transaction().execute(async (trx) => {
        const batch = await this.lockDraft(trx, actor, id, '移出申领');
        const claims = await repo.lockClaimsOfBatch(trx, batch.id);
        const claim = claims.find((c) => c.id === claimId);
        if (!claim) throw invalidField('body.claimId', '申领', '该申领不在本批次中');
        await moveClaim(trx, claim, { command: 'unbatch', to: 'approved', comment: batch.batch_no, set: { batch_id: null } }, actor);
        const left = claims.filter((c) => c.id !== claimId);
        await repo.setBatchTotals(
          trx,
          batch,
          left.length,
          left.reduce((sum, c) => sum + Number(c.amount_fen), 0),
        );
        await this.audit.append(
          trx as Transaction<Tables>,
          actorEvent(actor, meta, {
            action: 'payments.batch_remove',
            outcome: 'success',
            regionCode: batch.region_code,
            targetType: 'payment_batch',
            targetId: batch.id,
            details: { batchNo: batch.batch_no, claimId, claimNo: claim.claim_no },
          }),
        );
      }),
    );
    return this.get(actor, id);
  }

  async cancel(actor: Actor, id: string, reason: string, meta: RequestMeta): Promise<BatchDetail> {
    await this.conflictSafe(() =>
      this.db.transaction().execute(async (trx) => {
        const batch = await this.lockDraft(trx, actor, id, '作废');
        const claims = await repo.lockClaimsOfBatch(trx, batch.id);
        for (const claim of claims)
          await moveClaim(
            trx,
            claim,
            { command: 'unbatch', to: 'approved', comment: `批次 ${batch.batch_no} 作废：${reason}`, set: { batch_id: null } },
            actor,
          );
        // the totals stay as they were: the record of what was cancelled
        await repo.cancelBatch(trx, batch, reason);
        await this.audit.append(
          trx as Transaction<Tables>,
          actorEvent(actor, meta, {
            action: 'payments.batch_cancel',
            outcome: 'success',
            regionCode: batch.region_code,
            targetType: 'payment_batch',
            targetId: batch.id,
            details: { batchNo: batch.batch_no, claims: claims.length, reason },
          }),
        );
      }),
    );
    return this.get(actor, id);
  }

  /** Unique-key collisions of two people acting at once become a plain 409. */
  private async conflictSafe<T>(work: () => Promise<T>, message = '记录已被他人同时修改，请刷新后重试'): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (uniqueViolation(error) !== null) throw new AppError('CONFLICT', message);
      const code = pgCode(error);
      // serialization failure or deadlock: nothing was written; the same request may be sent again
      if (code === '40001' || code === '40P01') throw new AppError('CONFLICT', '系统繁忙，本次操作未生效，请稍后重试');
      throw error;
    }
  }

  // ---------------------------------------------------------------- idempotent money commands

  /**
   * Runs a money command once per (scope, account, key). The key row is inserted first in the
   * command's own transaction: a concurrent request with the same key waits on the primary key
   * until that transaction ends, then finds the row and answers the stored response; if the first
   * one rolled back, the waiting insert succeeds and this request does the work itself.
   */
  private async idempotent<T>(
    actor: Actor,
    scope: string,
    rawKey: string | string[] | undefined,
    request: { method: string; path: string; body: unknown },
    work: (trx: Db) => Promise<T>,
    conflictMessage: string,
  ): Promise<IdempotentAnswer<T>> {
    const key = checkKey(rawKey);
    const digest = requestDigest(request.method, request.path, request.body);
    const run = () =>
      this.db.transaction().execute(async (trx): Promise<IdempotentAnswer<T>> => {
        const fresh = await repo.claimKey(trx, { key, scope, actor_id: actor.userId, request_digest: digest });
        if (!fresh) {
          const stored = await repo.key(trx, scope, actor.userId, key);
          if (!stored) throw new AppError('CONFLICT', '同一请求正在处理，请稍后用同一幂等键重试');
          if (stored.request_digest !== digest) throw new IdempotencyKeyReused();
          if (stored.response === null) throw new AppError('CONFLICT', '同一请求正在处理，请稍后用同一幂等键重试');
          return { body: stored.response as T, replayed: true };
        }
        const body = await work(trx);
        await repo.storeAnswer(trx, scope, actor.userId, key, 200, body);
        return { body, replayed: false };
      });
    return this.conflictSafe(run, conflictMessage);
  }

  async pay(
    actor: Actor,
    id: string,
    rawKey: string | string[] | undefined,
    body: { voucherRef: string },
    meta: RequestMeta,
  ): Promise<IdempotentAnswer<BatchPaidReceipt>> {
    return this.idempotent(
      actor,
      PAY_SCOPE,
      rawKey,
      { method: 'POST', path: `/api/payment-batches/${id}/pay`, body },
      async (trx) => {
        const batch = await repo.lockBatch(trx, id);
        if (!batch || !inScope(actor.scope, batch.region_code)) throw new AppError('NOT_FOUND', '支付批次不存在');
        if (batch.status === 'paid') throw new AppError('CONFLICT', '该批次已支付，不能重复支付');
        if (batch.status !== 'draft') throw new AppError('CONFLICT', `批次 ${batch.batch_no} 已作废，不能支付`);
        if (batch.created_by === actor.userId)
          throw new AppError('FORBIDDEN', '编制支付批次的人员不能支付同一批次，请由另一名财务人员支付（编制与支付分离）');
        const claims = await repo.lockClaimsOfBatch(trx, batch.id);
        if (claims.length === 0) throw new AppError('CONFLICT', `批次 ${batch.batch_no} 中没有申领，不能支付`);
        const problems = claims
          .filter((c) => c.status !== 'batched')
          .map((c) => `申领 ${c.claim_no} 当前为“${claimStatusLabels[c.status]}”`);
        if (problems.length > 0)
          throw new AppError(
            'CONFLICT',
            `批次中有申领不能支付，请先移出：${problems.slice(0, 10).join('；')}${problems.length > 10 ? ` 等 ${problems.length} 项` : ''}`,
          );
        const outside = claims.find((c) => !inScope(actor.scope, c.county_code));
        if (outside) throw new AppError('OUT_OF_SCOPE', `申领 ${outside.claim_no} 不在本账号的管辖区域内，不能支付`);
        const totalFen = claims.reduce((sum, c) => sum + Number(c.amount_fen), 0);
        if (claims.length !== batch.claim_count || totalFen !== Number(batch.total_fen))
          throw new AppError('CONFLICT', `批次 ${batch.batch_no} 的合计与明细不符，请刷新后核对`);

        const names = await this.payeeNames(trx, claims);
        const paidAt = this.clock();
        for (const claim of claims) {
          const payment = await repo.insertPayment(trx, {
            kind: 'payment',
            claim_id: claim.id,
            batch_id: batch.id,
            county_code: claim.county_code,
            fund_id: batch.fund_id,
            amount_fen: claim.amount_fen,
            payee_name: names.get(claim.id) ?? null,
            bank_name: claim.bank_name,
            bank_account_masked: claim.bank_account_masked,
            voucher_ref: body.voucherRef,
            reverses_id: null,
            reason: null,
            created_by: actor.userId,
          });
          await appendLedger(trx, {
            fundId: batch.fund_id,
            regionCode: batch.region_code,
            kind: 'payment',
            amountFen: Number(claim.amount_fen),
            claimId: claim.id,
            paymentId: payment.id,
            batchId: batch.id,
            voucherRef: body.voucherRef,
            memo: `支付 ${claim.claim_no}`,
            createdBy: actor.userId,
          });
          await moveClaim(
            trx,
            claim,
            { command: 'pay', to: 'paid', comment: `${batch.batch_no} 凭证 ${body.voucherRef}`, set: { paid_at: paidAt } },
            actor,
          );
        }
        await repo.markPaid(trx, batch, actor.userId, paidAt, body.voucherRef);
        await this.audit.append(
          trx as Transaction<Tables>,
          actorEvent(actor, meta, {
            action: 'payments.pay',
            outcome: 'success',
            regionCode: batch.region_code,
            targetType: 'payment_batch',
            targetId: batch.id,
            details: { batchNo: batch.batch_no, claims: claims.length, totalFen, voucherRef: body.voucherRef },
          }),
        );
        return {
          batchId: batch.id,
          batchNo: batch.batch_no,
          status: 'paid' as const,
          voucherRef: body.voucherRef,
          paidAt: paidAt.toISOString(),
          paidByName: actor.displayName,
          claimCount: claims.length,
          totalFen,
          paymentCount: claims.length,
        };
      },
      // a payment row of a claim already exists: someone paid it through another batch or request
      '该批次已支付，不能重复支付',
    );
  }

  private async payeeNames(trx: Db, claims: ClaimRow[]): Promise<Map<string, string>> {
    const rows = await trx
      .selectFrom('subsidy_claim as c')
      .innerJoin('person as p', 'p.id', 'c.person_id')
      .innerJoin('institution as i', 'i.id', 'c.institution_id')
      .select(['c.id', 'c.payee_name', 'c.payee_kind', 'p.name as person_name', 'i.name as institution_name'])
      .where(
        'c.id',
        'in',
        claims.map((c) => c.id),
      )
      .execute();
    return new Map(rows.map((r) => [r.id, payeeOf(r)]));
  }

  async reverse(
    actor: Actor,
    paymentId: string,
    rawKey: string | string[] | undefined,
    body: { reason: string; voucherRef: string },
    meta: RequestMeta,
  ): Promise<IdempotentAnswer<ReversalReceipt>> {
    return this.idempotent(
      actor,
      REVERSE_SCOPE,
      rawKey,
      { method: 'POST', path: `/api/subsidy-payments/${paymentId}/reverse`, body },
      async (trx) => {
        const payment = await repo.payment(trx, paymentId);
        if (!payment) throw new AppError('NOT_FOUND', '支付记录不存在');
        // the claim's lock orders two reversals of one payment: the second finds the first
        const { row: claim } = await claimForActor(trx, actor, payment.claim_id, { forUpdate: true }).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', '支付记录不存在');
          throw error;
        });
        if (payment.kind !== 'payment') throw new AppError('CONFLICT', '这是一笔冲销记录，不能再冲销');
        if (await repo.reversalOf(trx, payment.id)) throw new AppError('CONFLICT', `申领 ${claim.claim_no} 的这笔支付已冲销，不能重复冲销`);
        if (claim.status !== 'paid')
          throw new AppError('CONFLICT', `申领 ${claim.claim_no} 当前为“${claimStatusLabels[claim.status]}”，不能冲销`);
        const reversal = await repo.insertPayment(trx, {
          kind: 'reversal',
          claim_id: claim.id,
          batch_id: payment.batch_id,
          county_code: payment.county_code,
          fund_id: payment.fund_id,
          amount_fen: payment.amount_fen,
          payee_name: payment.payee_name,
          bank_name: payment.bank_name,
          bank_account_masked: payment.bank_account_masked,
          voucher_ref: body.voucherRef,
          reverses_id: payment.id,
          reason: body.reason,
          created_by: actor.userId,
        });
        const fund = await repo.fund(trx, payment.fund_id);
        await appendLedger(trx, {
          fundId: payment.fund_id,
          regionCode: fund!.region_code,
          kind: 'reversal',
          amountFen: Number(payment.amount_fen),
          claimId: claim.id,
          paymentId: reversal.id,
          batchId: payment.batch_id,
          voucherRef: body.voucherRef,
          memo: `冲销 ${claim.claim_no}：${body.reason}`,
          createdBy: actor.userId,
        });
        await moveClaim(trx, claim, { command: 'reverse', to: 'reversed', comment: body.reason }, actor);
        await this.audit.append(
          trx as Transaction<Tables>,
          actorEvent(actor, meta, {
            action: 'payments.reverse',
            outcome: 'success',
            regionCode: claim.county_code,
            targetType: 'subsidy_payment',
            targetId: payment.id,
            details: {
              claimNo: claim.claim_no,
              reversalId: reversal.id,
              amountFen: Number(payment.amount_fen),
              voucherRef: body.voucherRef,
              reason: body.reason,
            },
          }),
        );
        return {
          paymentId: payment.id,
          reversalId: reversal.id,
          claimId: claim.id,
          claimNo: claim.claim_no,
          batchId: payment.batch_id,
          amountFen: Number(payment.amount_fen),
          voucherRef: body.voucherRef,
          reason: body.reason,
          createdAt: reversal.created_at.toISOString(),
        };
      },
      '这笔支付已冲销，不能重复冲销',
    );
  }

  // ---------------------------------------------------------------- export

  /**
   * The batch's payment list for the bank and finance. Account numbers are masked unless `full`:
   * then the actor needs payments.export and a reason, and the read is audited as a sensitive one
   * before any number is opened.
   */
  async exportRows(actor: Actor, id: string, query: { full: 'true' | 'false'; reason?: string | undefined }, meta: RequestMeta) {
    const full = query.full === 'true';
    const reason = query.reason?.trim() ?? '';
    if (full) {
      if (!can(actor.roles, 'payments.export')) throw new AppError('FORBIDDEN', '导出完整银行账号须有财务导出权限');
      if (reason.length < 2) throw validationFailed([fieldIssue('query.reason', '原因', '导出完整银行账号须填写原因（至少 2 个字）')]);
    }
    const batch = await this.readable(this.db, actor, id);
    const [lines, payments] = await Promise.all([repo.claimsOfBatch(this.db, batch.id), repo.paymentsOfBatch(this.db, batch.id)]);
    const paid = new Set(payments.filter((p) => p.kind === 'payment').map((p) => p.claim_id));
    await this.audit.record(
      actorEvent(actor, meta, {
        action: full ? 'payments.export_full' : 'payments.export',
        outcome: 'success',
        regionCode: batch.region_code,
        targetType: 'payment_batch',
        targetId: batch.id,
        details: { batchNo: batch.batch_no, rows: lines.length, full, ...(full && { reason }) },
      }),
    );
    const rows: PaymentExportRow[] = lines.map((line, i) => ({
      index: i + 1,
      claimNo: line.claim_no,
      payeeName: payeeOf(line),
      bankName: line.bank_name ?? '',
      bankAccount: full && line.bank_account_sealed ? this.crypto.open(line.bank_account_sealed) : (line.bank_account_masked ?? ''),
      amountYuan: Number(line.amount_fen) / 100,
      institutionName: line.institution_name,
      status: claimStatusLabels[line.status],
      paid: paid.has(line.id),
      voucherRef: batch.voucher_ref ?? '',
    }));
    return { batchNo: batch.batch_no, full, rows };
  }
}

export interface PaymentExportRow {
  index: number;
  claimNo: string;
  payeeName: string;
  bankName: string;
  bankAccount: string;
  amountYuan: number;
  institutionName: string;
  status: string;
  paid: boolean;
  voucherRef: string;
}
