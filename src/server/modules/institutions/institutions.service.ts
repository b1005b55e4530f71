import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/institutions-contracts';
import type { InstitutionAccount, InstitutionAccountCommand, InstitutionDetail } from '../../../shared/contracts/institutions-contracts';
import {
  type AccessibilityFeature,
  accessibilityFeatureLabels,
  accessibilityFeatures,
  institutionAllows,
  type InstitutionCommand,
  institutionKindLabels,
  institutionStatusLabels,
} from '../../../shared/domain/institution-codes';
import { AppError, fieldIssue, validationFailed } from '../../../shared/errors';
import { type Db, uniqueViolation } from '../../db/database';
import type { Tables } from '../../db/tables';
import { type Actor, assertInScope, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { AuthService } from '../auth/auth.service';
import { hashPassword, oneTimePassword, oneTimePasswordReset } from '../auth/password-hasher';
import type { NoticeSubjectHandlers, NoticesService } from '../notices/notices.service';
import type { RegionsService } from '../regions/regions.service';
import type { UsersService } from '../users/users.service';
import { type AccountRow, type InstitutionColumns, type InstitutionRow, institutionsRepository as repo } from './institutions.repository';

type ListQuery = z.output<typeof contracts.institutionListQuery>;
type InstitutionInput = z.output<typeof contracts.institutionInput>;
type ProfileInput = z.output<typeof contracts.institutionProfileInput>;
type NewAccountInput = z.output<NonNullable<(typeof contracts.createInstitutionAccount)['body']>>;

/** How the actor stands towards one institution's accounts. */
type AccountAccess = { mode: 'staff' | 'admin' | 'member'; institution: InstitutionRow };

const CREDIT_CODE_TAKEN = '该统一社会信用代码已有机构登记，同一机构不能重复登记';
const STALE = '该机构信息在您打开后已被他人修改，请刷新后重试';

function creditCodeConflict(): AppError {
  return new AppError('CONFLICT', `统一社会信用代码：${CREDIT_CODE_TAKEN}`, {
    issues: [fieldIssue('body.creditCode', '统一社会信用代码', CREDIT_CODE_TAKEN)],
  });
}

const commandRefusals: Record<InstitutionCommand, string> = {
  edit: '公示中或已注销的机构不能修改',
  submit: '只有待公示或公示未通过的机构可以提交公示',
  close: '公示中的机构不能注销，请待公示结束后再办理',
};

/** The fields whose values differ, by API name (the history lists names, never values). */
function changedFields(before: InstitutionRow, after: Partial<InstitutionColumns>): string[] {
  const names: Record<keyof InstitutionColumns, string> = {
    county_code: 'countyCode',
    name: 'institutionName',
    kind: 'institutionKind',
    credit_code: 'creditCode',
    address: 'address',
    contact_name: 'contactName',
    contact_phone: 'contactPhone',
    accessibility: 'accessibility',
    accessibility_note: 'accessibilityNote',
    occupations: 'offeredOccupations',
    remarks: 'remarks',
  };
  return (Object.keys(after) as (keyof InstitutionColumns)[])
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => names[key]);
}

function profileColumns(input: ProfileInput) {
  // the code list's order, so the same set is always stored the same way
  const accessibility = accessibilityFeatures.filter((f) => input.accessibility.includes(f));
  return {
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    accessibility,
    accessibility_note: input.accessibilityNote || null,
    occupations: input.offeredOccupations,
  };
}

function toColumns(input: InstitutionInput): InstitutionColumns {
  return {
    ...profileColumns(input),
    county_code: input.countyCode,
    name: input.institutionName,
    kind: input.institutionKind,
    credit_code: input.creditCode,
    address: input.address,
    remarks: input.remarks || null,
  };
}

function toAccount(row: AccountRow, actor: Actor): InstitutionAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    institutionAdmin: row.institution_admin,
    status: row.status,
    mustChangePassword: row.must_change_password,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    self: row.id === actor.userId,
  };
}

/**
 * Training institutions (培训机构): registered by county training officers, put on public notice,
 * in effect when the notice ends clean. Every read and write is held to the actor's region; an
 * institution account reaches only its own institution, and its admin manages its accounts.
 */
export class InstitutionsService {
  private countyUnitCodes: ReadonlySet<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly regions: RegionsService,
    private readonly notices: NoticesService,
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /** What happens to an institution when its notice is settled (registered on NoticesService in app.ts). */
  noticeHandlers(): NoticeSubjectHandlers {
    const settle = async (trx: Transaction<Tables>, id: string, to: 'active' | 'refused' | 'draft', reason: string | null) => {
      if (!(await repo.setStatusFrom(trx, id, 'on_notice', to))) return;
      const row = await repo.findById(trx, id);
      await this.audit.append(trx, {
        action: { active: 'institutions.effective', refused: 'institutions.refused', draft: 'institutions.withdrawn' }[to],
        outcome: 'success',
        regionCode: row?.county_code ?? null,
        targetType: 'institution',
        targetId: id,
        details: reason ? { reason } : {},
      });
    };
    return {
      onEffective: (trx, id) => settle(trx, id, 'active', null),
      onRefused: (trx, id, reason) => settle(trx, id, 'refused', reason),
      // a withdrawn notice hands the institution back as a draft, to correct and submit again
      onWithdrawn: (trx, id, reason) => settle(trx, id, 'draft', reason),
    };
  }

  private regionName(code: string): string {
    return this.regions.get(code)?.name ?? code;
  }

  private summary(row: InstitutionRow) {
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      creditCode: row.credit_code,
      countyCode: row.county_code,
      countyName: this.regionName(row.county_code),
      status: row.status,
      accessibility: row.accessibility as AccessibilityFeature[],
      occupations: row.occupations,
      updatedAt: row.updated_at.toISOString(),
    };
  }

  private async detail(row: InstitutionRow): Promise<InstitutionDetail> {
    const [notice, history] = await Promise.all([
      this.notices.latestOfSubject('institution', row.id),
      this.audit.historyOf('institution', row.id),
    ]);
    return {
      ...this.summary(row),
      address: row.address,
      contactName: row.contact_name,
      contactPhone: row.contact_phone,
      accessibilityNote: row.accessibility_note,
      remarks: row.remarks,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      notice: notice
        ? {
            id: notice.id,
            status: notice.status,
            startsAt: notice.starts_at.toISOString(),
            endsAt: notice.ends_at.toISOString(),
            settledAt: notice.settled_at?.toISOString() ?? null,
          }
        : null,
      history: history.map((h) => {
        const details = (h.details ?? {}) as { fields?: unknown; reason?: unknown };
        return {
          action: h.action,
          actorName: h.actor_name,
          at: h.occurred_at.toISOString(),
          fields: Array.isArray(details.fields) ? details.fields.filter((f): f is string => typeof f === 'string') : [],
          reason: typeof details.reason === 'string' ? details.reason : null,
        };
      }),
    };
  }

  /** A row the actor may see: missing → NOT_FOUND, another region → OUT_OF_SCOPE (audited by the error handler). */
  private async visible(actor: Actor, id: string): Promise<InstitutionRow> {
    const row = await repo.findById(this.db, id);
    if (!row) throw new AppError('NOT_FOUND');
    assertInScope(actor.scope, row.county_code);
    return row;
  }

  /** The county of a new or moved institution: a county-level unit inside the actor's region. */
  private checkCounty(actor: Actor, code: string): void {
    this.countyUnitCodes ??= new Set(this.regions.countyUnits().map((r) => r.code));
    if (!this.regions.get(code)) throw validationFailed([fieldIssue('body.countyCode', '所在县区', `区域代码 ${code} 不存在`)]);
    if (!this.countyUnitCodes.has(code)) {
      throw validationFailed([fieldIssue('body.countyCode', '所在县区', '请选择机构所在的县级单位（区、县、县级市），不能选择省或市州')]);
    }
    assertInScope(actor.scope, code);
  }

  // -------------------------------------------------------------------------------- reading

  async list(actor: Actor, query: ListQuery) {
    const countyCodes = query.regionCode ? this.regions.listRegionCodes(query.regionCode, actor.scope) : scopeCodes(actor.scope);
    const { rows, total } = await repo.list(this.db, {
      countyCodes,
      q: query.q || undefined,
      kind: query.institutionKind,
      status: query.status,
      accessibility: query.accessibilityFeature,
      page: query.page,
      pageSize: query.pageSize,
    });
    return { items: rows.map((row) => this.summary(row)), total, page: query.page, pageSize: query.pageSize };
  }

  /** For the home page: institutions of the actor's region not yet put on notice. */
  countAwaitingNotice(actor: Actor): Promise<number> {
    return repo.countAwaitingNotice(this.db, scopeCodes(actor.scope));
  }

  async get(actor: Actor, id: string): Promise<InstitutionDetail> {
    return this.detail(await this.visible(actor, id));
  }

  // -------------------------------------------------------------------------------- staff writes

  async create(actor: Actor, input: InstitutionInput, meta: RequestMeta): Promise<InstitutionDetail> {
    this.checkCounty(actor, input.countyCode);
    const columns = toColumns(input);
    const row = await this.db
      .transaction()
      .execute(async (trx) => {
        if (await repo.findByCreditCode(trx, columns.credit_code)) throw creditCodeConflict();
        const row = await repo.insert(trx, { ...columns, created_by: actor.userId });
        await this.audit.append(
          trx,
          actorEvent(actor, meta, {
            action: 'institutions.create',
            outcome: 'success',
            regionCode: row.county_code,
            targetType: 'institution',
            targetId: row.id,
            details: { kind: row.kind },
          }),
        );
        return row;
      })
      .catch((error: unknown) => {
        // two registrations of one code at the same moment: the unique index decides
        throw uniqueViolation(error) === 'institution_credit_code_key' ? creditCodeConflict() : error;
      });
    return this.detail(row);
  }

  /** Locks the row, checks scope, status and version; the caller writes inside the same transaction. */
  private async lockFor(trx: Transaction<Tables>, actor: Actor, id: string, version: number, command: InstitutionCommand) {
    const row = await repo.lockById(trx, id);
    if (!row) throw new AppError('NOT_FOUND');
    assertInScope(actor.scope, row.county_code);
    if (row.version !== version) throw new AppError('CONFLICT', STALE);
    if (!institutionAllows(row.status, command)) {
      throw new AppError('CONFLICT', `${commandRefusals[command]}（当前状态：${institutionStatusLabels[row.status]}）`);
    }
    return row;
  }

  async update(actor: Actor, id: string, input: InstitutionInput & { version: number }, meta: RequestMeta): Promise<InstitutionDetail> {
    const columns = toColumns(input);
    const row = await this.db
      .transaction()
      .execute(async (trx) => {
        const before = await this.lockFor(trx, actor, id, input.version, 'edit');
        if (columns.county_code !== before.county_code) this.checkCounty(actor, columns.county_code);
        if (columns.credit_code !== before.credit_code) {
          const owner = await repo.findByCreditCode(trx, columns.credit_code);
          if (owner && owner.id !== id) throw creditCodeConflict();
        }
        const fields = changedFields(before, columns);
        const after = await repo.update(trx, id, before.version, { ...columns, updated_by: actor.userId });
        if (!after) throw new AppError('CONFLICT', STALE);
        if (fields.includes('institutionName') || fields.includes('countyCode')) {
          await repo.syncAccounts(trx, id, after.name, after.county_code);
        }
        await this.audit.append(
          trx,
          actorEvent(actor, meta, {
            action: 'institutions.update',
            outcome: 'success',
            regionCode: after.county_code,
            targetType: 'institution',
            targetId: id,
            details: { fields },
          }),
        );
        return after;
      })
      .catch((error: unknown) => {
        throw uniqueViolation(error) === 'institution_credit_code_key' ? creditCodeConflict() : error;
      });
    return this.detail(row);
  }

  /** Puts the institution on public notice; it takes effect when the period ends with no objection upheld. */
  async submit(actor: Actor, id: string, version: number, meta: RequestMeta): Promise<InstitutionDetail> {
    const row = await this.db.transaction().execute(async (trx) => {
      const before = await this.lockFor(trx, actor, id, version, 'submit');
      const after = await repo.update(trx, id, before.version, { status: 'on_notice', updated_by: actor.userId });
      if (!after) throw new AppError('CONFLICT', STALE);
      const { noticeId, endsAt } = await this.notices.open(
        trx,
        {
          kind: 'institution',
          id,
          regionCode: after.county_code,
          title: `培训机构公示：${after.name}`,
          summary: this.noticeSummary(after),
        },
        actor.userId,
      );
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'institutions.submit',
          outcome: 'success',
          regionCode: after.county_code,
          targetType: 'institution',
          targetId: id,
          details: { noticeId, endsAt: endsAt.toISOString() },
        }),
      );
      return after;
    });
    return this.detail(row);
  }

  /** What the public reads on the notice: the institution's public facts, never its contact person. */
  private noticeSummary(row: InstitutionRow): string {
    const accessibility = (row.accessibility as AccessibilityFeature[]).map((f) => accessibilityFeatureLabels[f]).join('、');
    return [
      `机构名称：${row.name}`,
      `机构类型：${institutionKindLabels[row.kind]}`,
      `统一社会信用代码：${row.credit_code}`,
      `所在县区：${this.regions
        .path(row.county_code)
        .map((r) => r.name)
        .join('')}`,
      `地址：${row.address}`,
      `开设职业（工种）：${row.occupations.join('、') || '未填写'}`,
      `无障碍设施与服务：${accessibility || '未填写'}`,
    ].join('\n');
  }

  /** Closes the institution; its accounts are disabled and signed out in the same step. */
  async close(actor: Actor, id: string, version: number, reason: string, meta: RequestMeta): Promise<InstitutionDetail> {
    const { row, disabled } = await this.db.transaction().execute(async (trx) => {
      const before = await this.lockFor(trx, actor, id, version, 'close');
      const after = await repo.update(trx, id, before.version, { status: 'closed', updated_by: actor.userId });
      if (!after) throw new AppError('CONFLICT', STALE);
      const disabled = await repo.disableAccounts(trx, id);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'institutions.close',
          outcome: 'success',
          regionCode: after.county_code,
          targetType: 'institution',
          targetId: id,
          details: { reason, from: before.status, accountsDisabled: disabled.length },
        }),
      );
      return { row: after, disabled };
    });
    for (const userId of disabled) await this.auth.endUserSessions(userId);
    return this.detail(row);
  }

  // -------------------------------------------------------------------------------- the institution's own view

  /** The institution an institution account acts for. */
  private async ownInstitution(actor: Actor): Promise<{ row: InstitutionRow; admin: boolean }> {
    const membership = await repo.membership(this.db, actor.userId);
    if (!membership?.institution_id) throw new AppError('NOT_FOUND', '本账号尚未关联培训机构，请联系所在县区残联');
    const row = await repo.findById(this.db, membership.institution_id);
    if (!row) throw new AppError('NOT_FOUND', '本账号尚未关联培训机构，请联系所在县区残联');
    return { row, admin: membership.institution_admin };
  }

  /**
   * The institution an account acts for, or null (staff, or an institution account not yet linked);
   * pass the caller's transaction to read inside it.
   */
  institutionOfAccount(userId: string, db: Db = this.db) {
    return repo.institutionOfAccount(db, userId);
  }

  async mine(actor: Actor): Promise<InstitutionDetail & { institutionAdmin: boolean }> {
    const { row, admin } = await this.ownInstitution(actor);
    return { ...(await this.detail(row)), institutionAdmin: admin };
  }

  /** An institution describes itself: contacts, premises, occupations. Name, code and region stay with the federation. */
  async updateMine(actor: Actor, input: ProfileInput & { version: number }, meta: RequestMeta) {
    const { row: own, admin } = await this.ownInstitution(actor);
    const columns = profileColumns(input);
    const row = await this.db.transaction().execute(async (trx) => {
      const before = await repo.lockById(trx, own.id);
      if (!before) throw new AppError('NOT_FOUND');
      if (before.version !== input.version) throw new AppError('CONFLICT', STALE);
      if (before.status === 'closed') throw new AppError('CONFLICT', '机构已注销，不能修改');
      const fields = changedFields(before, columns);
      const after = await repo.update(trx, own.id, before.version, { ...columns, updated_by: actor.userId });
      if (!after) throw new AppError('CONFLICT', STALE);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'institutions.profile_update',
          outcome: 'success',
          regionCode: after.county_code,
          targetType: 'institution',
          targetId: own.id,
          details: { fields },
        }),
      );
      return after;
    });
    return { ...(await this.detail(row)), institutionAdmin: admin };
  }

  // -------------------------------------------------------------------------------- accounts

  private async accountAccess(actor: Actor, institutionId: string): Promise<AccountAccess> {
    if (actor.kind === 'institution') {
      const membership = await repo.membership(this.db, actor.userId);
      if (membership?.institution_id !== institutionId) {
        // another institution's accounts: refused like a row outside the region
        if (await repo.findById(this.db, institutionId)) throw new AppError('OUT_OF_SCOPE', '只能管理本机构的账号');
        throw new AppError('NOT_FOUND');
      }
      const institution = await repo.findById(this.db, institutionId);
      if (!institution) throw new AppError('NOT_FOUND');
      return { mode: membership.institution_admin ? 'admin' : 'member', institution };
    }
    return { mode: 'staff', institution: await this.visible(actor, institutionId) };
  }

  async accounts(actor: Actor, institutionId: string) {
    const { mode, institution } = await this.accountAccess(actor, institutionId);
    if (mode === 'member') throw new AppError('FORBIDDEN', '只有本机构的管理员可以管理账号');
    const rows = await repo.accounts(this.db, institutionId);
    const hasAdmin = rows.some((r) => r.institution_admin && r.status === 'active');
    return {
      items: rows.map((r) => toAccount(r, actor)),
      mayManage: mode === 'admin' && institution.status !== 'closed',
      mayCreateAdmin: mode === 'staff' && !hasAdmin && institution.status !== 'closed',
    };
  }

  /** A new account with a one-time password (shown once, changed at first sign-in). */
  async createAccount(actor: Actor, institutionId: string, input: NewAccountInput, meta: RequestMeta) {
    const { mode, institution } = await this.accountAccess(actor, institutionId);
    if (mode === 'member') throw new AppError('FORBIDDEN', '只有本机构的管理员可以管理账号');
    if (institution.status === 'closed') throw new AppError('CONFLICT', '机构已注销，不能新建账号');
    if (mode === 'staff' && !input.institutionAdmin) {
      throw new AppError('FORBIDDEN', '工作人员只能为机构建立管理员账号，其他账号由机构管理员建立');
    }
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const id = await this.db.transaction().execute(async (trx) => {
      // the institution row is the lock that keeps two "first admin" requests from both passing
      await repo.lockById(trx, institutionId);
      if (mode === 'staff' && (await repo.activeAdminCount(trx, institutionId)) > 0) {
        throw new AppError('CONFLICT', '该机构已有管理员账号，其他账号由机构管理员在“我的机构”中管理');
      }
      if (await this.users.usernameTaken(trx, input.username)) {
        throw validationFailed([fieldIssue('body.username', '用户名', '用户名已被使用')]);
      }
      const id = await this.users.insertAccount(trx, {
        username: input.username,
        display_name: input.displayName,
        kind: 'institution',
        roles: [],
        region_code: institution.county_code,
        organization_name: institution.name,
        institution_id: institutionId,
        institution_admin: input.institutionAdmin,
        password_hash: passwordHash,
        password_changed_at: new Date(),
        must_change_password: true,
      });
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'institution_accounts.create',
          outcome: 'success',
          regionCode: institution.county_code,
          targetType: 'user',
          targetId: id,
          details: { institutionId, institutionAdmin: input.institutionAdmin },
        }),
      );
      return id;
    });
    const row = await repo.account(this.db, institutionId, id);
    return { account: toAccount(row!, actor), oneTimePassword: password };
  }

  async accountCommand(
    actor: Actor,
    institutionId: string,
    accountId: string,
    command: InstitutionAccountCommand,
    reason: string,
    meta: RequestMeta,
  ) {
    const { mode, institution } = await this.accountAccess(actor, institutionId);
    if (mode !== 'admin') {
      throw new AppError(
        'FORBIDDEN',
        mode === 'staff' ? '机构账号由本机构管理员管理；账号被锁定或遗失密码，请联系安全管理员' : '只有本机构的管理员可以管理账号',
      );
    }
    if (institution.status === 'closed') throw new AppError('CONFLICT', '机构已注销，其账号不能再变更');
    if (accountId === actor.userId) throw new AppError('FORBIDDEN', '不能对自己的账号执行此操作，请在“我的账号”中修改密码');
    const target = await repo.account(this.db, institutionId, accountId);
    if (!target) throw new AppError('NOT_FOUND');
    const reset = command === 'reset-password' ? await oneTimePasswordReset() : null;
    const changes =
      reset?.changes ??
      (command === 'disable'
        ? { status: 'disabled' as const }
        : command === 'enable'
          ? { status: 'active' as const }
          : { institution_admin: command === 'grant-admin' });
    await this.db.transaction().execute(async (trx) => {
      await this.users.updateAccount(trx, accountId, changes);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: `institution_accounts.${command}`,
          outcome: 'success',
          regionCode: institution.county_code,
          targetType: 'user',
          targetId: accountId,
          details: { institutionId, reason },
        }),
      );
    });
    if (command === 'disable' || command === 'reset-password') await this.auth.endUserSessions(accountId);
    const row = await repo.account(this.db, institutionId, accountId);
    return { account: toAccount(row!, actor), oneTimePassword: reset?.password ?? null };
  }
}
