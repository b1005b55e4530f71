import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { createUserBody, UserSummary, updateUser, userCommands } from '../../../shared/contracts/users-contracts';
import { can } from '../../../shared/domain/permissions';
import { checkRoleCombination, isAdminRole, type StaffRole } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { AppUserUpdate, NewAppUser, Tables } from '../../db/tables';
import { type Actor, assertInScope, scopeCodes } from '../../platform/actor';
import type { AuditTrail } from '../../platform/audit-trail';
import type { AuthService } from '../auth/auth.service';
import { hashPassword, oneTimePassword, oneTimePasswordReset } from '../auth/password-hasher';
import type { RegionsService } from '../regions/regions.service';
import { type LockPolicy, type UserListRow, usersRepository } from './users.repository';

type CreateUserInput = z.output<typeof createUserBody>;
type UpdateUserInput = z.output<NonNullable<(typeof updateUser)['body']>>;
type UserCommand = (typeof userCommands)[number];

export function toSummary(row: UserListRow): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    kind: row.kind,
    roles: row.roles as StaffRole[],
    regionCode: row.region_code,
    regionName: row.region_name,
    organizationName: row.organization_name,
    status: row.status,
    locked: row.locked,
    totpEnabled: row.totp_enabled,
    mustChangePassword: row.must_change_password,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

function issue(field: string, label: string, message: string) {
  return { issues: [{ field: `body.${field}`, label, message }] };
}

/**
 * Account administration. The security admin manages business accounts; administrator accounts
 * (the three MLPS roles) are managed by the system admin only, so no one grants themselves power.
 */
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly auth: AuthService,
    private readonly regions: RegionsService,
    config: Config,
  ) {
    this.lock = { maxFailures: config.LOGIN_MAX_FAILURES, windowMinutes: config.LOGIN_LOCK_MINUTES };
  }

  private readonly lock: LockPolicy;

  async list(
    actor: Actor,
    filter: {
      page: number;
      pageSize: number;
      q?: string | undefined;
      regionCode?: string | undefined;
      kind?: string | undefined;
      status?: string | undefined;
    },
  ) {
    if (filter.regionCode) assertInScope(actor.scope, filter.regionCode);
    const { rows, total } = await usersRepository.list(
      this.db,
      {
        ...filter,
        scopeCodes: scopeCodes(actor.scope),
        regionCodes: filter.regionCode ? [...this.regions.subtree(filter.regionCode)] : undefined,
      },
      this.lock,
    );
    return { items: rows.map(toSummary), total, page: filter.page, pageSize: filter.pageSize };
  }

  /** Every account matching the filter in the actor's scope, for export (bounded: accounts are thousands, not millions). */
  async exportRows(
    actor: Actor,
    filter: { q?: string | undefined; regionCode?: string | undefined; kind?: string | undefined; status?: string | undefined },
    requestId: string,
    ip: string,
  ) {
    const result = await this.list(actor, { ...filter, page: 1, pageSize: 100_000 });
    await this.audit.record({
      action: 'users.export',
      outcome: 'success',
      actorId: actor.userId,
      actorName: actor.username,
      regionCode: actor.scope.rootCode,
      ip,
      requestId,
      details: { rows: result.items.length, filter },
    });
    return result.items;
  }

  /** A row outside the scope is refused (and the refusal audited) before anything of it is answered. */
  async get(actor: Actor, id: string): Promise<UserSummary> {
    const row = await usersRepository.findById(this.db, id, this.lock);
    if (!row) throw new AppError('NOT_FOUND');
    assertInScope(actor.scope, row.region_code);
    return toSummary(row);
  }

  countLocked(actor: Actor): Promise<number> {
    return usersRepository.countLocked(this.db, scopeCodes(actor.scope), this.lock);
  }

  // accounts other modules keep (an institution's accounts), written inside their transaction

  usernameTaken(trx: Transaction<Tables>, username: string): Promise<boolean> {
    return usersRepository.usernameTaken(trx, username);
  }

  insertAccount(trx: Transaction<Tables>, account: NewAppUser): Promise<string> {
    return usersRepository.insert(trx, account);
  }

  updateAccount(trx: Transaction<Tables>, id: string, changes: AppUserUpdate): Promise<void> {
    return usersRepository.update(trx, id, changes);
  }

  private assertMayManage(actor: Actor, roles: readonly string[]): void {
    const admin = roles.some(isAdminRole);
    if (!can(actor.roles, admin ? 'admins.manage' : 'users.manage'))
      throw new AppError('FORBIDDEN', admin ? '管理员账号只能由系统管理员管理' : '业务账号只能由安全管理员管理');
  }

  private checkRoles(kind: string, roles: StaffRole[]): void {
    if (kind !== 'staff') {
      if (roles.length > 0)
        throw new AppError(
          'VALIDATION_FAILED',
          '只有工作人员账号可以设置岗位角色',
          issue('roles', '岗位角色', '只有工作人员账号可以设置岗位角色'),
        );
      return;
    }
    const problem = checkRoleCombination(roles);
    if (problem) throw new AppError('VALIDATION_FAILED', problem, issue('roles', '岗位角色', problem));
  }

  async create(actor: Actor, input: CreateUserInput, requestId: string, ip: string) {
    this.checkRoles(input.kind, input.roles);
    this.assertMayManage(actor, input.roles);
    this.regions.require(input.regionCode);
    assertInScope(actor.scope, input.regionCode);
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const id = await this.db.transaction().execute(async (trx) => {
      if (await usersRepository.usernameTaken(trx, input.username)) {
        throw new AppError('CONFLICT', '用户名已被使用', issue('username', '用户名', '用户名已被使用'));
      }
      const id = await usersRepository.insert(trx, {
        username: input.username,
        display_name: input.displayName,
        kind: input.kind,
        roles: input.roles,
        region_code: input.regionCode,
        organization_name: input.kind === 'staff' ? null : input.organizationName,
        password_hash: passwordHash,
        password_changed_at: new Date(),
        must_change_password: true,
      });
      await this.audit.append(trx, {
        action: 'users.create',
        outcome: 'success',
        actorId: actor.userId,
        actorName: actor.username,
        regionCode: input.regionCode,
        targetType: 'user',
        targetId: id,
        ip,
        requestId,
        details: { kind: input.kind, roles: input.roles },
      });
      return id;
    });
    return { user: await this.get(actor, id), oneTimePassword: password };
  }

  async update(actor: Actor, id: string, input: UpdateUserInput, requestId: string, ip: string): Promise<UserSummary> {
    if (id === actor.userId) throw new AppError('FORBIDDEN', '不能修改自己的账号权限');
    const current = await this.get(actor, id);
    const roles = input.roles ?? current.roles;
    this.assertMayManage(actor, [...current.roles, ...roles]);
    if (input.roles) this.checkRoles(current.kind, input.roles);
    if (input.regionCode) {
      this.regions.require(input.regionCode);
      assertInScope(actor.scope, input.regionCode);
    }
    await this.db.transaction().execute(async (trx) => {
      await usersRepository.update(trx, id, {
        ...(input.displayName !== undefined && { display_name: input.displayName }),
        ...(input.regionCode !== undefined && { region_code: input.regionCode }),
        ...(input.roles !== undefined && { roles: input.roles }),
        ...(input.organizationName !== undefined && current.kind !== 'staff' && { organization_name: input.organizationName }),
      });
      await this.audit.append(trx, {
        action: 'users.update',
        outcome: 'success',
        actorId: actor.userId,
        actorName: actor.username,
        regionCode: input.regionCode ?? current.regionCode,
        targetType: 'user',
        targetId: id,
        ip,
        requestId,
        details: { fields: Object.keys(input), roles: input.roles ?? null },
      });
    });
    // Changed roles or region take effect at once: the account signs in again.
    if (input.roles || input.regionCode) await this.auth.endUserSessions(id);
    return this.get(actor, id);
  }

  async command(actor: Actor, id: string, command: UserCommand | 'reset-password', reason: string, requestId: string, ip: string) {
    const current = await this.get(actor, id);
    this.assertMayManage(actor, current.roles);
    if (id === actor.userId) throw new AppError('FORBIDDEN', '不能对自己的账号执行此操作');
    const reset = command === 'reset-password' ? await oneTimePasswordReset() : null;
    const changes =
      reset?.changes ??
      (command === 'disable'
        ? { status: 'disabled' as const }
        : command === 'enable'
          ? { status: 'active' as const }
          : command === 'unlock'
            ? { lock_reset_at: new Date() }
            : { totp_secret: null, totp_enabled: false, totp_last_counter: null });
    await this.db.transaction().execute(async (trx) => {
      await usersRepository.update(trx, id, changes);
      await this.audit.append(trx, {
        action: `users.${command}`,
        outcome: 'success',
        actorId: actor.userId,
        actorName: actor.username,
        regionCode: current.regionCode,
        targetType: 'user',
        targetId: id,
        ip,
        requestId,
        details: { reason },
      });
    });
    if (command !== 'enable' && command !== 'unlock') await this.auth.endUserSessions(id);
    return { user: await this.get(actor, id), oneTimePassword: reset?.password ?? null };
  }
}
