import { describe, expect, it } from 'vitest';
import { actionAudience, actions, can, isAction, type Action } from './permissions';
import { adminRoles, dutyRoles, kindRoles, type Role } from './roles';

const everyRole: Role[] = [...dutyRoles, ...adminRoles, ...Object.values(kindRoles)];

describe('can', () => {
  it('lets anyone perform public, step and session actions, even without roles', () => {
    for (const action of ['health.read', 'auth.login', 'auth.totp', 'auth.logout', 'home.read', 'jobs.read'] as Action[]) {
      expect(can([], action), action).toBe(true);
      expect(can(['trainee'], action), action).toBe(true);
    }
  });

  it('grants a role-bound action only to the roles listed for it', () => {
    expect(can(['security_admin'], 'users.manage')).toBe(true);
    expect(can(['system_admin'], 'users.manage')).toBe(false);
    expect(can(['system_admin'], 'admins.manage')).toBe(true);
    expect(can(['security_admin'], 'admins.manage')).toBe(false);
    expect(can(['audit_admin'], 'audit.read')).toBe(true);
    expect(can(['security_admin'], 'audit.read')).toBe(false);
    expect(can(['audit_admin'], 'users.export')).toBe(true);
    expect(can(['audit_admin'], 'users.read')).toBe(false);
  });

  it('refuses every role-bound action to an account with no roles', () => {
    for (const action of Object.keys(actions) as Action[]) {
      if (actionAudience(action) !== 'roles') continue;
      expect(can([], action), action).toBe(false);
    }
  });

  it('gives the kind roles only the actions listed for them (their own institution, its trainers, bases and classes; the trainee their own classes)', () => {
    const granted = (Object.keys(actions) as Action[]).filter(
      (action) => actionAudience(action) === 'roles' && can(['trainee', 'institution_user', 'employer_user'], action),
    );
    expect(granted.sort()).toEqual(
      [
        'accreditation.apply',
        'accreditation.read',
        'institution_accounts.manage',
        'my_institution.read',
        'my_institution.write',
        'trainers.read',
        // training classes: the institution runs its own (the service checks the institution), the trainee applies, signs in and answers the survey
        'classes.read',
        'classes.apply',
        'enrolments.manage',
        'enrolments.apply',
        'attendance.read',
        'attendance.record',
        'attendance.scan',
        'inspections.read',
        'inspections.reply',
        'class_records.read',
        'class_records.write',
        'exams.record',
        'certificates.read',
        'certificates.issue',
        'certificates.revoke',
        'skill_certificates.write',
        'satisfaction.read',
        'satisfaction.answer',
        'my_classes.read',
        // subsidies: the institution completes and submits its own claims and reads their money trail and the standards
        'subsidy_standards.read',
        'subsidy_claims.read',
        'subsidy_claims.apply',
        'money_trail.read',
      ].sort(),
    );
  });

  it('agrees with the table for every role and action', () => {
    for (const [action, rule] of Object.entries(actions) as [Action, (typeof actions)[Action]][]) {
      for (const role of everyRole) {
        const expected = typeof rule === 'string' || (rule as readonly Role[]).includes(role);
        expect(can([role], action), `${role} ${action}`).toBe(expected);
      }
    }
  });

  it('is true when any one of several roles may', () => {
    expect(can(['registrar', 'reviewer', 'security_admin'], 'users.manage')).toBe(true);
    expect(can(['registrar', 'reviewer'], 'users.manage')).toBe(false);
  });
});

describe('the matrix', () => {
  it('names only known roles', () => {
    for (const [action, rule] of Object.entries(actions)) {
      if (typeof rule === 'string') expect(['public', 'step', 'session'], action).toContain(rule);
      else for (const role of rule) expect(everyRole, `${action}: ${role}`).toContain(role);
    }
  });

  it('keeps money with finance: only finance officers write funds and standards and pay; the institution never approves', () => {
    for (const action of ['funds.write', 'subsidy_standards.write', 'payments.manage', 'payments.export'] as Action[])
      expect(actions[action], action).toEqual(['finance_officer']);
    for (const action of ['subsidy_claims.prepare', 'subsidy_claims.approve', 'fraud_signals.review'] as Action[])
      expect(can(['institution_user'], action), action).toBe(false);
  });

  it('keeps the audit trail with the audit administrator alone', () => {
    expect(actions['audit.read']).toEqual(['audit_admin']);
    expect(actions['audit.verify']).toEqual(['audit_admin']);
  });

  it('makes only the login, the session probe, health, regions and the public site’s reads and objections public', () => {
    const publicActions = (Object.keys(actions) as Action[]).filter((a) => actionAudience(a) === 'public').sort();
    expect(publicActions).toEqual(
      [
        'auth.login',
        'auth.session',
        'health.read',
        'regions.read',
        // the public site (training supply): notices and objections (E), accredited bases (B), the catalogue (D)
        'notices.public',
        'objections.file',
        'objections.lookup',
        'bases.public',
        'catalogue.public',
        // anyone holding a training certificate's QR code or verify code
        'certificates.verify',
        // the subsidy list on public notice (masked names)
        'subsidy_notices.public',
      ].sort(),
    );
  });
});

describe('isAction', () => {
  it('knows the matrix entries and nothing else, not even inherited object keys', () => {
    expect(isAction('users.read')).toBe(true);
    expect(isAction('users.raed')).toBe(false);
    expect(isAction('')).toBe(false);
    expect(isAction('toString')).toBe(false);
    expect(isAction('__proto__')).toBe(false);
    expect(isAction('constructor')).toBe(false);
  });
});
