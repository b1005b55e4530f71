import { describe, expect, it } from 'vitest';
import { adminRoles, checkRoleCombination, dutyRoles, effectiveRoles, isAdminRole, type StaffRole } from './roles';

describe('checkRoleCombination', () => {
  it('accepts each administrator role alone', () => {
    for (const role of adminRoles) expect(checkRoleCombination([role]), role).toBeNull();
  });

  it('refuses an administrator role together with another administrator role', () => {
    for (const a of adminRoles) {
      for (const b of adminRoles) {
        if (a === b) continue;
        expect(checkRoleCombination([a, b]), `${a}+${b}`).toMatch(/须单独设置/);
      }
    }
    expect(checkRoleCombination([...adminRoles])).toMatch(/不能与其他角色兼任/);
  });

  it('refuses an administrator role together with a duty role, in either order', () => {
    for (const admin of adminRoles) {
      for (const duty of dutyRoles) {
        expect(checkRoleCombination([admin, duty]), `${admin}+${duty}`).not.toBeNull();
        expect(checkRoleCombination([duty, admin]), `${duty}+${admin}`).not.toBeNull();
      }
    }
  });

  it('accepts duty roles alone and together', () => {
    for (const duty of dutyRoles) expect(checkRoleCombination([duty])).toBeNull();
    expect(checkRoleCombination(['registrar', 'training_officer'])).toBeNull();
  });

  it('refuses no role and a repeated role', () => {
    expect(checkRoleCombination([])).toBe('至少选择一个岗位角色');
    expect(checkRoleCombination(['registrar', 'registrar'])).toBe('岗位角色不能重复');
    expect(checkRoleCombination(['audit_admin', 'audit_admin'] as StaffRole[])).not.toBeNull();
  });
});

describe('isAdminRole', () => {
  it('tells the three MLPS administrators from duty roles', () => {
    expect(adminRoles.every(isAdminRole)).toBe(true);
    expect(dutyRoles.some(isAdminRole)).toBe(false);
    expect(isAdminRole('trainee')).toBe(false);
  });
});

describe('effectiveRoles', () => {
  it('gives staff their duty roles and the others their kind role only', () => {
    expect(effectiveRoles('staff', ['registrar', 'reviewer'])).toEqual(['registrar', 'reviewer']);
    expect(effectiveRoles('trainee', [])).toEqual(['trainee']);
    expect(effectiveRoles('institution', [])).toEqual(['institution_user']);
    // a non-staff account never gains a staff role, whatever its row says
    expect(effectiveRoles('employer', ['security_admin'])).toEqual(['employer_user']);
  });
});
