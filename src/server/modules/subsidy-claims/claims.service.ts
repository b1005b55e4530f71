import type {
  ClaimDetail,
  ClaimSummary,
  ClassClaims,
  ListClaimsQuery,
  SubmitClassClaimsResult,
  UpdateClaimInput,
} from '../../../shared/contracts/subsidy-claims-contracts';
import type { z } from 'zod';
import { type listClaimsQuery, maxDeadlineExtensionDays } from '../../../shared/contracts/subsidy-claims-contracts';
import { can } from '../../../shared/domain/permissions';
import { spokenForMasked, maskBankAccount } from '../../../shared/domain/masking';
import { todayInChina } from '../../../shared/domain/person-validation';
import { addDays } from '../../../shared/domain/trainer-rotation';
import {
  bankAccountPattern,
  checkClaimItems,
  claimCommandLabels,
  editableClaimStatuses,
  isSubsidisable,
  normaliseBankAccount,
  type StandardAmounts,
  standardCeilingFen,
  type SubsidyItem,
  subsidisableTotalFen,
  subsidyItemCategoryLabels,
  type ClaimStatus,
  claimNumber,
} from '../../../shared/domain/subsidy-codes';
import { type EligibilityOptions, failedSummary } from '../../../shared/domain/subsidy-eligibility';
import { AppError, fieldIssue, invalidField, validationFailed } from '../../../shared/errors';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { Tables } from '../../db/tables';
import { type Actor, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import { ownUploads } from '../../platform/file-store';
import type { PersonalDataCrypto } from '../../platform/personal-data-crypto';
import type { RequestMeta } from '../../platform/request-context';
import { classForActor, type ClassRow, institutionOfActor, requireInstitution } from '../classes/class-access';
import type { RegionsService } from '../regions/regions.service';
import { standardFor } from '../subsidy-standards/standard-lookup';
import { type ClaimRow, claimForActor, moveClaim, requireClaimStatus } from './claim-access';
import { evaluateClaims, recordCheck } from './claim-eligibility';
import { claimsRepository as repo, type ClaimWithNames } from './claims.repository';

export interface ClaimsOptions {
  windowDays: number;
  eligibility: EligibilityOptions;
  clock?: () => Date;
}

/** Classes whose certificates are issued: a claim may be generated for their holders. */
const GENERATE_STATUSES = ['completion_approved', 'closed'] as const;
/** Before the county puts it on notice the institution may take a claim back. */
const WITHDRAWABLE: readonly ClaimStatus[] = ['draft', 'submitted', 'ineligible', 'returned'];

type StandardRow = NonNullable<Awaited<ReturnType<typeof repo.standard>>>;

function amountsOf(row: StandardRow): StandardAmounts {
  return {
    tuitionFen: Number(row.tuition_fen),
    materialsFen: Number(row.materials_fen),
    examFeeFen: Number(row.exam_fee_fen),
    assistingStaffFen: Number(row.assisting_staff_fen),
  };
}

function standardOfCategory(category: SubsidyItem['category'], amounts: StandardAmounts | null, assisted: boolean): number {
  if (!amounts) return 0;
  if (category === 'tuition') return amounts.tuitionFen;
  if (category === 'materials') return amounts.materialsFen;
  if (category === 'exam_fee') return amounts.examFeeFen;
  if (category === 'assisting_staff') return assisted ? amounts.assistingStaffFen : 0;
  return 0;
}

/** The items a generated claim starts with: every subsidisable category at the standard's amount. */
function prefilledItems(amounts: StandardAmounts | null, assisted: boolean): SubsidyItem[] {
  if (!amounts) return [];
  const items: SubsidyItem[] = [
    { category: 'tuition', amountFen: amounts.tuitionFen },
    { category: 'materials', amountFen: amounts.materialsFen },
    { category: 'exam_fee', amountFen: amounts.examFeeFen },
  ];
  if (assisted) items.push({ category: 'assisting_staff', amountFen: amounts.assistingStaffFen });
  return items.filter((i) => i.amountFen > 0);
}

/**
 * Subsidy claims (补贴申领, domain §7): generated for each certificate holder of a class, completed
 * and submitted by the institution, decided by the eligibility engine at submission (the decision
 * and its explanation are kept whatever the outcome), withdrawn, and rechecked by county staff.
 * Every status change goes through moveClaim, every write is audited in its transaction.
 */
export class ClaimsService {
  private readonly clock: () => Date;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly regions: RegionsService,
    private readonly crypto: PersonalDataCrypto,
    private readonly options: ClaimsOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  private today(): string {
    return todayInChina(this.clock());
  }

  private regionName(code: string): string {
    return this.regions.get(code)?.name ?? code;
  }

  // ------------------------------------------------------------------ generation

  /**
   * Creates a draft claim for every valid training certificate of the class whose roster line has no
   * open claim. Idempotent: the caller holds the class row locked, and the unique index on the roster
   * line stops a second open claim should anything slip past.
   */
  async generateForClass(trx: Db, classId: string, actor: { userId: string | null; displayName: string | null }): Promise<string[]> {
    const klass = await repo.classForClaims(trx, classId);
    const lines = await repo.certifiedWithoutClaim(trx, classId);
    if (lines.length === 0) return [];
    const examOn = klass.exam_on;
    const on = examOn ?? klass.ends_on;
    const standard = await standardFor(trx, this.regions, {
      countyCode: klass.county_code,
      trainingType: klass.training_type,
      programmeCode: klass.programme_code,
      skillLevel: klass.skill_level,
      on,
    });
    const assisted = await repo.assisted(trx, classId);
    const items = prefilledItems(standard, assisted);
    const created: string[] = [];
    for (const line of lines) {
      // external participants (type 5 classes) are not registry persons and hold no personal subsidy
      if (!line.person_id) continue;
      const serial = await repo.nextClaimSerial(trx);
      const row = await repo.insertClaim(trx, {
        claim_no: claimNumber(klass.county_code, klass.training_year, serial),
        county_code: klass.county_code,
        class_id: klass.id,
        enrolment_id: line.enrolment_id,
        person_id: line.person_id,
        certificate_id: line.certificate_id,
        institution_id: klass.institution_id,
        programme_code: klass.programme_code,
        occupation: klass.occupation,
        skill_level: klass.skill_level,
        training_type: klass.training_type,
        training_year: klass.training_year,
        exam_on: examOn,
        submit_due_on: addDays(on, this.options.windowDays),
        standard_id: standard?.id ?? null,
        assisted,
        items: JSON.stringify(items),
        amount_fen: subsidisableTotalFen(items),
        standard_fen: standard ? standardCeilingFen(standard, assisted) : 0,
        payee_kind: 'person',
        payee_name: line.person_name,
      });
      // the first event has no status before it, so it is written here rather than by moveClaim
      await trx
        .insertInto('subsidy_claim_event')
        .values({
          claim_id: row.id,
          county_code: row.county_code,
          command: 'generate',
          from_status: null,
          to_status: 'draft',
          comment: standard ? null : '生成时未找到适用的补贴标准',
          actor_id: actor.userId,
          actor_name: actor.displayName,
        })
        .execute();
      created.push(row.id);
    }
    return created;
  }

  /** Effect of the class's close: the claims of its certificate holders are generated in the same transaction. */
  async closeEffect(trx: Db, row: ClassRow, actor: Actor): Promise<void> {
    const created = await this.generateForClass(trx, row.id, { userId: actor.userId, displayName: actor.displayName });
    if (created.length > 0)
      await this.audit.append(trx as Transaction<Tables>, {
        action: 'subsidy_claims.generate',
        outcome: 'success',
        actorId: actor.userId,
        actorName: actor.username,
        regionCode: row.county_code,
        targetType: 'training_class',
        targetId: row.id,
        details: { created: created.length, on: 'close' },
      });
  }

  async generate(actor: Actor, classId: string, meta: RequestMeta): Promise<{ created: number; claims: ClassClaims }> {
    const created = await this.db.transaction().execute(async (trx) => {
      const access = await classForActor(trx, actor, classId, { forUpdate: true });
      requireInstitution(access);
      if (!(GENERATE_STATUSES as readonly string[]).includes(access.row.status))
        throw new AppError('CONFLICT', '培训班结业审核通过并颁发培训合格证书后才能生成补贴申领');
      const ids = await this.generateForClass(trx, classId, { userId: actor.userId, displayName: actor.displayName });
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'subsidy_claims.generate',
          outcome: 'success',
          regionCode: access.row.county_code,
          targetType: 'training_class',
          targetId: classId,
          details: { created: ids.length },
        }),
      );
      return ids.length;
    });
    return { created, claims: await this.ofClass(actor, classId) };
  }

  // ------------------------------------------------------------------ reading

  private summaryOf(row: ClaimWithNames): ClaimSummary {
    return {
      id: row.id,
      claimNo: row.claim_no,
      status: row.status,
      personName: row.person_name,
      classId: row.class_id,
      classNo: row.class_no,
      className: row.class_name,
      institutionName: row.institution_name,
      countyCode: row.county_code,
      countyName: this.regionName(row.county_code),
      occupation: row.occupation,
      skillLevel: row.skill_level,
      trainingYear: row.training_year,
      examOn: row.exam_on,
      submitDueOn: row.submit_due_on,
      overdue: editableClaimStatuses.includes(row.status) && row.submit_due_on < this.today(),
      amountFen: Number(row.amount_fen),
      standardFen: Number(row.standard_fen),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  async list(
    actor: Actor,
    query: z.output<typeof listClaimsQuery>,
  ): Promise<{ items: ClaimSummary[]; total: number; page: number; pageSize: number }> {
    const filter =
      actor.kind === 'institution'
        ? { institutionId: (await institutionOfActor(this.db, actor)).id }
        : actor.kind === 'staff'
          ? { countyCodes: scopeCodes(actor.scope) }
          : null;
    if (!filter) throw new AppError('FORBIDDEN');
    const { rows, total } = await repo.list(
      this.db,
      {
        ...filter,
        ...(query.status && { status: query.status }),
        ...(query.classId && { classId: query.classId }),
        ...(query.countyCode && { countyCode: query.countyCode }),
        ...(query.year && { year: query.year }),
        ...(query.claimNo && { claimNo: query.claimNo }),
        ...(query.overdue && { overdueOn: this.today() }),
      },
      { page: query.page, pageSize: query.pageSize },
    );
    return { items: rows.map((r) => this.summaryOf(r)), total, page: query.page, pageSize: query.pageSize };
  }

  async ofClass(actor: Actor, classId: string): Promise<ClassClaims> {
    const access = await classForActor(this.db, actor, classId);
    const rows = await repo.ofClass(this.db, classId);
    return {
      classId,
      classStatus: access.row.status,
      canGenerate:
        access.party === 'institution' &&
        can(actor.roles, 'subsidy_claims.apply') &&
        (GENERATE_STATUSES as readonly string[]).includes(access.row.status),
      items: rows.map((r) => this.summaryOf(r)),
    };
  }

  async get(actor: Actor, id: string): Promise<ClaimDetail> {
    const access = await claimForActor(this.db, actor, id);
    return this.detail(this.db, actor, access.row, access.party);
  }

  private async detail(db: Db, actor: Actor, row: ClaimRow, party: 'institution' | 'federation'): Promise<ClaimDetail> {
    const [named, standardRow, checks, events, certificate] = await Promise.all([
      repo.withNames(db, [row.id]),
      row.standard_id ? repo.standard(db, row.standard_id) : Promise.resolve(undefined),
      repo.checks(db, row.id),
      repo.events(db, row.id),
      row.certificate_id ? repo.certificateNo(db, row.certificate_id) : Promise.resolve(undefined),
    ]);
    const amounts = standardRow ? amountsOf(standardRow) : null;
    const editable = party === 'institution' && can(actor.roles, 'subsidy_claims.apply') && editableClaimStatuses.includes(row.status);
    const staffChecker = party === 'federation' && can(actor.roles, 'subsidy_claims.recheck');
    const jobRegion = row.job_seeking_region_code ? this.regions.get(row.job_seeking_region_code) : undefined;
    return {
      ...this.summaryOf(named[0]!),
      programmeCode: row.programme_code,
      trainingType: row.training_type,
      assisted: row.assisted,
      items: row.items.map((item) => ({
        category: item.category,
        label: subsidyItemCategoryLabels[item.category],
        amountFen: item.amountFen,
        note: item.note ?? null,
        subsidisable: isSubsidisable(item.category),
        standardFen: standardOfCategory(item.category, amounts, row.assisted),
      })),
      standard:
        standardRow && amounts
          ? {
              id: standardRow.id,
              regionCode: standardRow.region_code,
              regionName: this.regionName(standardRow.region_code),
              effectiveFrom: standardRow.effective_from,
              ...amounts,
            }
          : null,
      jobSeekingRegionCode: row.job_seeking_region_code,
      jobSeekingRegionName: jobRegion
        ? this.regions
            .path(jobRegion.code)
            .map((r) => r.name)
            .reverse()
            .join('')
        : null,
      otherFunding: row.other_funding,
      payeeKind: row.payee_kind,
      payeeName: row.payee_name,
      bankName: row.bank_name,
      bankAccountMasked: row.bank_account_masked,
      bankAccountSpoken: row.bank_account_masked ? spokenForMasked('bankAccount', row.bank_account_masked) : null,
      documents: row.documents,
      checks: checks.map((c) => ({
        id: c.id,
        context: c.context,
        eligible: c.eligible,
        checkedAt: c.checked_at.toISOString(),
        checkedByName: c.checked_by_name,
        rules: c.rules,
      })),
      events: events.map((e) => ({
        id: e.id,
        command: e.command,
        label: claimCommandLabels[e.command],
        fromStatus: e.from_status,
        toStatus: e.to_status,
        comment: e.comment,
        actorName: e.actor_name,
        occurredAt: e.occurred_at.toISOString(),
      })),
      links: {
        classId: row.class_id,
        certificateId: row.certificate_id,
        certificateNo: certificate?.certificate_no ?? null,
        trailUrl: `/subsidies/trail/claims/${row.id}`,
      },
      version: row.version,
      can: {
        edit: editable,
        submit: editable,
        withdraw: party === 'institution' && can(actor.roles, 'subsidy_claims.apply') && WITHDRAWABLE.includes(row.status),
        recheck: staffChecker,
        unmask: party === 'federation' && can(actor.roles, 'payments.manage') && row.bank_account_sealed !== null,
        extendDeadline: party === 'federation' && can(actor.roles, 'subsidy_claims.prepare') && editableClaimStatuses.includes(row.status),
      },
    };
  }

  // ------------------------------------------------------------------ editing

  /** The claim's standard; one is looked up again when none applied at generation (a standard may have been added since). */
  private async standardOf(trx: Db, row: ClaimRow): Promise<{ id: string; amounts: StandardAmounts } | null> {
    if (row.standard_id) {
      const found = await repo.standard(trx, row.standard_id);
      if (found) return { id: found.id, amounts: amountsOf(found) };
    }
    const rule = await standardFor(trx, this.regions, {
      countyCode: row.county_code,
      trainingType: row.training_type,
      programmeCode: row.programme_code,
      skillLevel: row.skill_level,
      on: row.exam_on ?? row.submit_due_on,
    });
    return rule ? { id: rule.id, amounts: rule } : null;
  }

  private itemIssues(items: readonly SubsidyItem[], standard: StandardAmounts, row: ClaimRow) {
    return checkClaimItems(items, standard, { assisted: row.assisted, trainingType: row.training_type }).map((issue) => {
      const index = /^items\.(\d+)\./.exec(issue.field)?.[1];
      const item = index === undefined ? undefined : items[Number(index)];
      return fieldIssue(`body.${issue.field}`, item ? subsidyItemCategoryLabels[item.category] : '补贴明细', issue.message);
    });
  }

  private async lockedForInstitution(trx: Db, actor: Actor, id: string, version: number | null) {
    const access = await claimForActor(trx, actor, id, { forUpdate: true });
    if (access.party !== 'institution') throw new AppError('FORBIDDEN', '补贴申领由培训机构填写和提交');
    if (version !== null && access.row.version !== version)
      throw new AppError('CONFLICT', `申领 ${access.row.claim_no} 已被他人修改，请刷新后再试`);
    return access.row;
  }

  async update(actor: Actor, id: string, input: UpdateClaimInput, meta: RequestMeta): Promise<ClaimDetail> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.lockedForInstitution(trx, actor, id, input.version);
      requireClaimStatus(row, editableClaimStatuses, '修改');
      const standard = await this.standardOf(trx, row);
      if (!standard) throw new AppError('CONFLICT', '本申领没有适用的补贴标准，请联系县区残联设置补贴标准后再填写');
      const items: SubsidyItem[] = input.items.map((i) => ({ category: i.category, amountFen: i.amountFen, note: i.note ?? null }));
      const issues = this.itemIssues(items, standard.amounts, row);
      let bank: { sealed: Buffer | null; index: string | null; masked: string | null } | undefined;
      if (input.bankAccount !== undefined) {
        const account = normaliseBankAccount(input.bankAccount);
        if (account === '') bank = { sealed: null, index: null, masked: null };
        else if (!bankAccountPattern.test(account))
          issues.push(fieldIssue('body.bankAccount', '银行账号', '银行账号为 8 至 30 位数字（可含空格或短横线）'));
        else bank = { sealed: this.crypto.seal(account), index: this.crypto.blindIndex(account), masked: maskBankAccount(account).text };
      }
      // files already on the claim may have been attached by a colleague: only new ones must be the actor's
      const kept = row.documents.filter((d) => input.documentIds.includes(d.fileId));
      const added = input.documentIds.filter((fileId) => !kept.some((d) => d.fileId === fileId));
      if (issues.length > 0) throw validationFailed(issues);
      const uploads = await ownUploads(trx, actor.userId, added, 'body.documentIds', '附件');
      const documents = [...kept, ...uploads.map((u) => ({ fileId: u.fileId, name: u.name }))];
      await moveClaim(
        trx,
        row,
        {
          command: 'edit',
          to: row.status,
          set: {
            standard_id: standard.id,
            standard_fen: standardCeilingFen(standard.amounts, row.assisted),
            items: JSON.stringify(items),
            amount_fen: subsidisableTotalFen(items),
            job_seeking_region_code: input.jobSeekingRegionCode,
            other_funding: input.otherFunding === '' ? null : input.otherFunding,
            payee_kind: input.payeeKind,
            payee_name: input.payeeName,
            bank_name: input.bankName === '' ? null : input.bankName,
            documents: JSON.stringify(documents),
            ...(bank && { bank_account_sealed: bank.sealed, bank_account_index: bank.index, bank_account_masked: bank.masked }),
          },
        },
        actor,
      );
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'subsidy_claims.edit',
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'subsidy_claim',
          targetId: row.id,
          details: { items: items.length, bankAccountChanged: bank !== undefined, documents: documents.length },
        }),
      );
    });
    return this.get(actor, id);
  }

  // ------------------------------------------------------------------ submission

  /**
   * Submits one claim: every refusal leaves it untouched; then the engine decides. An ineligible
   * decision is committed (the claim moves to ineligible with its stored explanation) before the
   * CONFLICT answer is thrown, so the auditor finds it.
   */
  async submit(actor: Actor, id: string, version: number | null, meta: RequestMeta): Promise<ClaimDetail> {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const row = await this.lockedForInstitution(trx, actor, id, version);
      requireClaimStatus(row, editableClaimStatuses, '提交');
      await this.refuseUnready(trx, row);
      const decision = (await evaluateClaims(trx, this.regions, this.options.eligibility, [row])).get(row.id)!;
      await recordCheck(trx, row, decision, 'submit', actor.userId);
      const summary = failedSummary(decision);
      if (decision.eligible) await moveClaim(trx, row, { command: 'submit', to: 'submitted', set: { submitted_at: this.clock() } }, actor);
      else await moveClaim(trx, row, { command: 'find_ineligible', to: 'ineligible', comment: summary }, actor);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'subsidy_claims.submit',
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'subsidy_claim',
          targetId: row.id,
          details: { eligible: decision.eligible, failed: decision.rules.filter((r) => !r.passed).map((r) => r.rule) },
        }),
      );
      return { eligible: decision.eligible, summary };
    });
    if (!outcome.eligible) throw new AppError('CONFLICT', `不符合补贴条件：${outcome.summary}`, { claimId: id });
    return this.get(actor, id);
  }

  /** The refusals of a submission, before the engine runs: nothing is written when one applies. */
  private async refuseUnready(trx: Db, row: ClaimRow): Promise<void> {
    const certificate = row.certificate_id ? await repo.certificate(trx, row.certificate_id) : undefined;
    if (!certificate || certificate.status !== 'valid' || certificate.enrolment_id !== row.enrolment_id) {
      const message = certificate
        ? `培训合格证书 ${certificate.certificate_no} 已撤销，不能申领补贴`
        : '该学员没有本班有效的培训合格证书，不能申领补贴';
      throw new AppError('VALIDATION_FAILED', message, { issues: [fieldIssue('certificate', '培训合格证书', message)] });
    }
    if (row.submit_due_on < this.today())
      throw new AppError('CONFLICT', `已超过申领期限（考核后 ${this.options.windowDays} 天内）：应在 ${row.submit_due_on} 前提交`);
    const standard = await this.standardOf(trx, row);
    if (!standard) throw new AppError('CONFLICT', '本申领没有适用的补贴标准，请联系县区残联设置补贴标准');
    const items = row.items;
    const issues = this.itemIssues(items, standard.amounts, row);
    if (issues.length > 0) throw validationFailed(issues);
    if (!row.bank_account_sealed)
      throw invalidField('body.bankAccount', '银行账号', `请先填写收款人${row.payee_name ? `“${row.payee_name}”` : ''}的银行账号`);
    const other = await repo.otherOpenClaim(trx, row);
    if (other) throw new AppError('CONFLICT', `同一培训已有未办结的补贴申领 ${other.claim_no}，不能重复申领`);
    if (row.standard_id !== standard.id)
      await trx
        .updateTable('subsidy_claim')
        .set({ standard_id: standard.id, standard_fen: standardCeilingFen(standard.amounts, row.assisted) })
        .where('id', '=', row.id)
        .execute();
  }

  /** Submits several claims of one class, each decided on its own and answered line by line. */
  async submitMany(actor: Actor, classId: string, claimIds: readonly string[], meta: RequestMeta): Promise<SubmitClassClaimsResult> {
    const access = await classForActor(this.db, actor, classId);
    requireInstitution(access);
    const results: SubmitClassClaimsResult['results'] = [];
    const rows = await repo.withNames(this.db, [...new Set(claimIds)]);
    for (const claimId of [...new Set(claimIds)]) {
      const row = rows.find((r) => r.id === claimId);
      if (!row || row.class_id !== classId) {
        results.push({ claimId, claimNo: '', outcome: 'refused', message: '不是本班的补贴申领' });
        continue;
      }
      try {
        await this.submit(actor, claimId, null, meta);
        results.push({ claimId, claimNo: row.claim_no, outcome: 'submitted', message: '已提交' });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const ineligible = error.code === 'CONFLICT' && error.message.startsWith('不符合补贴条件');
        results.push({ claimId, claimNo: row.claim_no, outcome: ineligible ? 'ineligible' : 'refused', message: error.message });
      }
    }
    return { results };
  }

  // ------------------------------------------------------------------ withdraw, recheck, unmask

  async withdraw(actor: Actor, id: string, input: { version: number; reason: string }, meta: RequestMeta): Promise<ClaimDetail> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.lockedForInstitution(trx, actor, id, input.version);
      requireClaimStatus(row, WITHDRAWABLE, '撤回');
      await moveClaim(trx, row, { command: 'withdraw', to: 'withdrawn', comment: input.reason }, actor);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'subsidy_claims.withdraw',
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'subsidy_claim',
          targetId: row.id,
          details: { reason: input.reason, from: row.status },
        }),
      );
    });
    return this.get(actor, id);
  }

  /**
   * 逾期补报: the county moves the submission deadline (a certificate reissued late, say) while the
   * institution can still act on the claim. The status stays; the event keeps the date and the reason.
   */
  async extendDeadline(
    actor: Actor,
    id: string,
    input: { version: number; dueOn: string; reason: string },
    meta: RequestMeta,
  ): Promise<ClaimDetail> {
    await this.db.transaction().execute(async (trx) => {
      const access = await claimForActor(trx, actor, id, { forUpdate: true });
      if (access.party !== 'federation') throw new AppError('FORBIDDEN', '申领期限由县区残联工作人员延长');
      const row = access.row;
      requireClaimStatus(row, editableClaimStatuses, '延长申领期限');
      if (row.version !== input.version) throw new AppError('CONFLICT', `申领 ${row.claim_no} 已被他人修改，请刷新后再试`);
      const today = this.today();
      const latest = addDays(today, maxDeadlineExtensionDays);
      const refusal =
        input.dueOn <= row.submit_due_on
          ? `新的申领期限须晚于原期限 ${row.submit_due_on}`
          : input.dueOn < today
            ? `新的申领期限不能早于今天 ${today}`
            : input.dueOn > latest
              ? `新的申领期限最晚为 ${latest}（今天起 ${maxDeadlineExtensionDays} 天内）`
              : null;
      if (refusal) throw invalidField('body.dueOn', '申领期限', refusal);
      await moveClaim(
        trx,
        row,
        {
          command: 'edit',
          to: row.status,
          comment: `延长申领期限至 ${input.dueOn}：${input.reason}`,
          set: { submit_due_on: input.dueOn },
        },
        actor,
      );
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'subsidy_claims.extend_deadline',
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'subsidy_claim',
          targetId: row.id,
          details: { from: row.submit_due_on, to: input.dueOn, reason: input.reason },
        }),
      );
    });
    return this.get(actor, id);
  }

  async recheck(actor: Actor, id: string, meta: RequestMeta): Promise<ClaimDetail> {
    await this.db.transaction().execute(async (trx) => {
      const access = await claimForActor(trx, actor, id, { forUpdate: true });
      if (access.party !== 'federation') throw new AppError('FORBIDDEN', '重新核查由残联工作人员办理');
      const decision = (await evaluateClaims(trx, this.regions, this.options.eligibility, [access.row])).get(id)!;
      await recordCheck(trx, access.row, decision, 'recheck', actor.userId);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'subsidy_claims.recheck',
          outcome: 'success',
          regionCode: access.row.county_code,
          targetType: 'subsidy_claim',
          targetId: id,
          details: { eligible: decision.eligible, failed: decision.rules.filter((r) => !r.passed).map((r) => r.rule) },
        }),
      );
    });
    return this.get(actor, id);
  }

  async unmaskBankAccount(actor: Actor, id: string, reason: string, meta: RequestMeta): Promise<{ value: string | null }> {
    const row = await this.db.transaction().execute(async (trx) => {
      const access = await claimForActor(trx, actor, id);
      if (access.party !== 'federation') throw new AppError('FORBIDDEN');
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'subsidy_claims.unmask',
          outcome: 'success',
          regionCode: access.row.county_code,
          targetType: 'subsidy_claim',
          targetId: id,
          details: { field: 'bankAccount', reason },
        }),
      );
      return access.row;
    });
    return { value: row.bank_account_sealed ? this.crypto.open(row.bank_account_sealed) : null };
  }
}

export type { ListClaimsQuery };
