import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { SessionStage, SessionState } from '../../../shared/contracts/auth-contracts';
import { actions, can, type Action } from '../../../shared/domain/permissions';
import { checkPassword } from '../../../shared/domain/password-policy';
import { effectiveRoles, type StaffRole } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import type { Config } from '../../config';
import type { AppUserRow } from '../../db/tables';
import type { Actor } from '../../platform/actor';
import type { AuditTrail } from '../../platform/audit-trail';
import type { RegionsService } from '../regions/regions.service';
import type { AuthRepository, SessionRow } from './auth.repository';
import { burnVerifyTime, hashPassword, verifyPassword } from './password-hasher';

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export interface ResolvedSession {
  actor: Actor;
  session: SessionRow;
  user: AppUserRow;
}

const TOUCH_INTERVAL_MS = 15_000;
const TOTP_PERIOD = 30;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function totpFor(user: Pick<AppUserRow, 'username'>, secretBase32: string): TOTP {
  return new TOTP({
    issuer: 'AbleTrain',
    label: user.username,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** Sessions, logins, second factor and password changes. */
export class AuthService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly regions: RegionsService,
    private readonly audit: AuditTrail,
    private readonly config: Config,
  ) {}

  // ---------- login ----------

  private lockWindowStart(user: AppUserRow | undefined): Date {
    const windowStart = new Date(Date.now() - this.config.LOGIN_LOCK_MINUTES * 60_000);
    const reset = user?.lock_reset_at;
    return reset && reset > windowStart ? reset : windowStart;
  }

  async isLocked(user: AppUserRow): Promise<boolean> {
    return (await this.repository.countFailures(user.username, this.lockWindowStart(user))) >= this.config.LOGIN_MAX_FAILURES;
  }

  private async refuseLogin(username: string, user: AppUserRow | undefined, meta: RequestMeta, reason: string): Promise<void> {
    await this.audit.record({
      action: 'auth.login',
      outcome: 'failure',
      actorId: user?.id ?? null,
      actorName: username.slice(0, 64),
      regionCode: user?.region_code ?? null,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { reason },
    });
  }

  /** Checks the password; answers the same for an unknown name as for a wrong password. */
  async login(username: string, password: string, meta: RequestMeta): Promise<{ token: string; state: SessionState }> {
    const ipWindow = new Date(Date.now() - this.config.LOGIN_LOCK_MINUTES * 60_000);
    if ((await this.repository.countIpFailures(meta.ip, ipWindow)) >= this.config.LOGIN_IP_MAX_FAILURES) {
      await this.refuseLogin(username, undefined, meta, 'ip_limited');
      throw new AppError('RATE_LIMITED', '该地址登录失败次数过多，请稍后再试');
    }
    const user = await this.repository.findUserByUsername(username);
    const failures = await this.repository.countFailures(username, this.lockWindowStart(user));
    if (failures >= this.config.LOGIN_MAX_FAILURES) {
      await this.refuseLogin(username, user, meta, 'locked');
      throw new AppError('ACCOUNT_LOCKED', `账号已临时锁定，请 ${this.config.LOGIN_LOCK_MINUTES} 分钟后再试或联系管理员解锁`);
    }
    const passwordOk = user ? await verifyPassword(user.password_hash, password) : (await burnVerifyTime(password), false);
    if (!user || !passwordOk) {
      await this.repository.recordFailure(username, meta.ip);
      await this.refuseLogin(username, user, meta, user ? 'wrong_password' : 'unknown_user');
      if (failures + 1 >= this.config.LOGIN_MAX_FAILURES) {
        await this.audit.record({
          action: 'auth.lockout',
          outcome: 'success',
          actorId: user?.id ?? null,
          actorName: username.slice(0, 64),
          ip: meta.ip,
          requestId: meta.requestId,
          details: { failures: failures + 1 },
        });
        throw new AppError(
          'ACCOUNT_LOCKED',
          `连续 ${this.config.LOGIN_MAX_FAILURES} 次登录失败，账号已临时锁定 ${this.config.LOGIN_LOCK_MINUTES} 分钟`,
        );
      }
      throw new AppError('LOGIN_FAILED');
    }
    if (user.status !== 'active') {
      await this.refuseLogin(username, user, meta, 'disabled');
      throw new AppError('ACCOUNT_DISABLED');
    }

    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const session: SessionRow = {
      token_hash: hashToken(token),
      user_id: user.id,
      stage: this.stageAfterPassword(user),
      view_region_code: null,
      idle_timeout_seconds: this.idleTimeoutSeconds(user),
      last_seen_at: now,
      expires_at: new Date(now.getTime() + this.config.SESSION_ABSOLUTE_HOURS * 3_600_000),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 256) ?? null,
      created_at: now,
      ended_at: null,
    };
    await this.repository.createSession(session);
    await this.repository.updateUser(user.id, { lock_reset_at: now, last_login_at: now });
    await this.audit.record({
      action: 'auth.login',
      outcome: 'success',
      actorId: user.id,
      actorName: user.username,
      regionCode: user.region_code,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { stage: session.stage },
    });
    return { token, state: this.stateFor({ user, session }) };
  }

  private idleTimeoutSeconds(user: AppUserRow): number {
    return (user.kind === 'staff' ? this.config.SESSION_IDLE_MINUTES_STAFF : this.config.SESSION_IDLE_MINUTES_OTHER) * 60;
  }

  private passwordExpired(user: AppUserRow): boolean {
    if (user.kind !== 'staff' || this.config.PASSWORD_MAX_AGE_DAYS === 0) return false;
    return Date.now() - user.password_changed_at.getTime() > this.config.PASSWORD_MAX_AGE_DAYS * 86_400_000;
  }

  private stageAfterPassword(user: AppUserRow): SessionStage {
    if (user.totp_enabled) return 'totp';
    if (user.kind === 'staff' && this.config.requireStaffTotp) return 'totp_enrol';
    return this.stageAfterSecondFactor(user);
  }

  private stageAfterSecondFactor(user: AppUserRow): SessionStage {
    return user.must_change_password || this.passwordExpired(user) ? 'change_password' : 'active';
  }

  // ---------- sessions ----------

  /**
   * Finds the live session of a cookie token. Ends and refuses a session past its idle or
   * absolute lifetime; records activity unless `touch` is false.
   */
  async resolve(token: string, touch: boolean): Promise<ResolvedSession | null> {
    const tokenHash = hashToken(token);
    const found = await this.repository.findSessionWithUser(tokenHash);
    if (!found) return null;
    const { session, user } = found;
    const now = Date.now();
    const idleEnd = session.last_seen_at.getTime() + session.idle_timeout_seconds * 1000;
    if (now >= idleEnd || now >= session.expires_at.getTime()) {
      await this.repository.endSession(tokenHash);
      throw new AppError('SESSION_EXPIRED');
    }
    if (user.status !== 'active') {
      await this.repository.endSession(tokenHash);
      throw new AppError('SESSION_EXPIRED');
    }
    if (touch && now - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
      session.last_seen_at = new Date(now);
      await this.repository.updateSession(tokenHash, { last_seen_at: session.last_seen_at });
    }
    return { session, user, actor: this.actorFor(user, session) };
  }

  private actorFor(user: AppUserRow, session: SessionRow): Actor {
    const region = this.regions.require(user.region_code);
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      kind: user.kind,
      roles: effectiveRoles(user.kind, user.roles as StaffRole[]),
      regionCode: user.region_code,
      regionLevel: region.level,
      scope: this.regions.scopeFor(session.view_region_code ?? user.region_code),
      sessionTokenHash: session.token_hash,
      stage: session.stage,
    };
  }

  stateFor(resolved: Pick<ResolvedSession, 'user' | 'session'> | null, csrfToken = ''): SessionState {
    const base = { csrfToken, demoMode: this.config.demoMode };
    if (!resolved) {
      return {
        ...base,
        authenticated: false,
        stage: null,
        user: null,
        idleTimeoutSeconds: null,
        idleRemainingSeconds: null,
        absoluteRemainingSeconds: null,
        passwordExpiresInDays: null,
      };
    }
    const { user, session } = resolved;
    const now = Date.now();
    const region = this.regions.require(user.region_code);
    const view = session.view_region_code ? this.regions.require(session.view_region_code) : null;
    const roles = effectiveRoles(user.kind, user.roles as StaffRole[]);
    const allowed = session.stage === 'active' ? (Object.keys(actions) as Action[]).filter((a) => can(roles, a)) : [];
    const passwordAgeDays = (now - user.password_changed_at.getTime()) / 86_400_000;
    return {
      ...base,
      authenticated: true,
      stage: session.stage,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        kind: user.kind,
        roles,
        region: { code: region.code, name: region.name, level: region.level },
        viewRegion: view ? { code: view.code, name: view.name, level: view.level } : null,
        organizationName: user.organization_name,
        careMode: user.care_mode,
        totpEnabled: user.totp_enabled,
        actions: allowed,
      },
      idleTimeoutSeconds: session.idle_timeout_seconds,
      idleRemainingSeconds: Math.max(0, Math.floor((session.last_seen_at.getTime() + session.idle_timeout_seconds * 1000 - now) / 1000)),
      absoluteRemainingSeconds: Math.max(0, Math.floor((session.expires_at.getTime() - now) / 1000)),
      passwordExpiresInDays:
        user.kind === 'staff' && this.config.PASSWORD_MAX_AGE_DAYS > 0
          ? Math.ceil(this.config.PASSWORD_MAX_AGE_DAYS - passwordAgeDays)
          : null,
    };
  }

  async extend(resolved: ResolvedSession): Promise<SessionState> {
    resolved.session.last_seen_at = new Date();
    await this.repository.updateSession(resolved.session.token_hash, { last_seen_at: resolved.session.last_seen_at });
    return this.stateFor(resolved);
  }

  async logout(resolved: ResolvedSession, meta: RequestMeta): Promise<void> {
    await this.repository.endSession(resolved.session.token_hash);
    await this.audit.record({
      action: 'auth.logout',
      outcome: 'success',
      actorId: resolved.user.id,
      actorName: resolved.user.username,
      regionCode: resolved.user.region_code,
      ip: meta.ip,
      requestId: meta.requestId,
    });
  }

  /** Ends every session of an account at once (disable, password reset, second-factor reset). */
  endUserSessions(userId: string): Promise<void> {
    return this.repository.endUserSessions(userId);
  }

  async setViewRegion(resolved: ResolvedSession, code: string | null): Promise<SessionState> {
    if (code !== null) {
      const own = resolved.user.region_code;
      this.regions.require(code);
      if (resolved.user.kind !== 'staff' || !this.regions.isWithin(code, own)) throw new AppError('OUT_OF_SCOPE');
      if (code === own) code = null;
    }
    resolved.session.view_region_code = code;
    await this.repository.updateSession(resolved.session.token_hash, { view_region_code: code });
    return this.stateFor(resolved);
  }

  async setPreferences(resolved: ResolvedSession, careMode: boolean): Promise<SessionState> {
    await this.repository.updateUser(resolved.user.id, { care_mode: careMode });
    resolved.user.care_mode = careMode;
    return this.stateFor(resolved);
  }

  // ---------- second factor ----------

  private async checkCode(resolved: ResolvedSession, secret: string, code: string, meta: RequestMeta): Promise<number> {
    const { user } = resolved;
    const delta = totpFor(user, secret).validate({ token: code, window: 1 });
    const counter = delta === null ? null : Math.floor(Date.now() / 1000 / TOTP_PERIOD) + delta;
    // A code is good once: a replayed (or older) code is refused like a wrong one.
    if (counter === null || (user.totp_last_counter !== null && counter <= user.totp_last_counter)) {
      await this.repository.recordFailure(user.username, meta.ip);
      await this.audit.record({
        action: 'auth.totp',
        outcome: 'failure',
        actorId: user.id,
        actorName: user.username,
        regionCode: user.region_code,
        ip: meta.ip,
        requestId: meta.requestId,
      });
      if (await this.isLocked(user)) {
        await this.repository.endSession(resolved.session.token_hash);
        throw new AppError('ACCOUNT_LOCKED');
      }
      throw new AppError('TOTP_INVALID', undefined, {
        issues: [{ field: 'body.code', label: '动态验证码', message: '动态验证码不正确或已过期' }],
      });
    }
    return counter;
  }

  async verifyTotp(resolved: ResolvedSession, code: string, meta: RequestMeta): Promise<SessionState> {
    const { user, session } = resolved;
    if (session.stage !== 'totp' || !user.totp_secret) throw new AppError('STEP_REQUIRED');
    const counter = await this.checkCode(resolved, user.totp_secret, code, meta);
    user.totp_last_counter = counter;
    await this.repository.updateUser(user.id, { totp_last_counter: counter, lock_reset_at: new Date() });
    return this.advance(resolved, this.stageAfterSecondFactor(user), 'auth.totp', meta);
  }

  async beginTotpEnrolment(resolved: ResolvedSession): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
    const { user, session } = resolved;
    if (session.stage !== 'totp_enrol' && !(session.stage === 'active' && !user.totp_enabled)) throw new AppError('STEP_REQUIRED');
    const secret = new Secret({ size: 20 }).base32;
    await this.repository.updateUser(user.id, { totp_secret: secret, totp_enabled: false });
    const otpauthUrl = totpFor(user, secret).toString();
    const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return { secret, otpauthUrl, qrSvg };
  }

  async confirmTotpEnrolment(resolved: ResolvedSession, code: string, meta: RequestMeta): Promise<SessionState> {
    const { user, session } = resolved;
    const fresh = await this.repository.findUserById(user.id);
    if (!fresh?.totp_secret || fresh.totp_enabled) throw new AppError('STEP_REQUIRED', '请先获取绑定二维码');
    const counter = await this.checkCode(resolved, fresh.totp_secret, code, meta);
    await this.repository.updateUser(user.id, { totp_enabled: true, totp_last_counter: counter });
    Object.assign(user, { totp_enabled: true, totp_secret: fresh.totp_secret, totp_last_counter: counter });
    const next = session.stage === 'totp_enrol' ? this.stageAfterSecondFactor(user) : session.stage;
    return this.advance(resolved, next, 'auth.totp_enrol', meta);
  }

  // ---------- password ----------

  async changePassword(resolved: ResolvedSession, currentPassword: string, newPassword: string, meta: RequestMeta): Promise<SessionState> {
    const { user, session } = resolved;
    if (session.stage !== 'change_password' && session.stage !== 'active') throw new AppError('STEP_REQUIRED');
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      await this.audit.record({
        action: 'auth.password',
        outcome: 'failure',
        actorId: user.id,
        actorName: user.username,
        regionCode: user.region_code,
        ip: meta.ip,
        requestId: meta.requestId,
        details: { reason: 'wrong_current' },
      });
      throw new AppError('VALIDATION_FAILED', '当前密码不正确', {
        issues: [{ field: 'body.currentPassword', label: '当前密码', message: '当前密码不正确' }],
      });
    }
    const problems = checkPassword(newPassword, user.username, user.kind);
    if (currentPassword === newPassword) problems.push('新密码不能与当前密码相同');
    if (problems.length > 0) {
      throw new AppError('PASSWORD_POLICY', `新密码不符合要求：${problems.join('；')}`, {
        issues: problems.map((message) => ({ field: 'body.newPassword', label: '新密码', message })),
      });
    }
    const changedAt = new Date();
    await this.repository.updateUser(user.id, {
      password_hash: await hashPassword(newPassword),
      password_changed_at: changedAt,
      must_change_password: false,
    });
    Object.assign(user, { password_changed_at: changedAt, must_change_password: false });
    // Other sessions of the account end: whoever knew the old password is out.
    await this.repository.endUserSessions(user.id, session.token_hash);
    return this.advance(resolved, session.stage === 'change_password' ? 'active' : session.stage, 'auth.password', meta);
  }

  private async advance(resolved: ResolvedSession, stage: SessionStage, action: string, meta: RequestMeta): Promise<SessionState> {
    resolved.session.stage = stage;
    await this.repository.updateSession(resolved.session.token_hash, { stage, last_seen_at: new Date() });
    await this.audit.record({
      action,
      outcome: 'success',
      actorId: resolved.user.id,
      actorName: resolved.user.username,
      regionCode: resolved.user.region_code,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { stage },
    });
    return this.stateFor(resolved);
  }
}
