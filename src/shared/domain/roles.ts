/** Kinds of account. Staff belong to a region; the others act for an organisation or themselves. */
export const userKinds = ['staff', 'institution', 'employer', 'trainee'] as const;
export type UserKind = (typeof userKinds)[number];

export const userKindLabels: Record<UserKind, string> = {
  staff: '残联工作人员',
  institution: '培训机构用户',
  employer: '用人单位用户',
  trainee: '残疾人学员',
};

/** Duty roles of staff (maker/checker) and the three MLPS administrators. */
export const dutyRoles = ['registrar', 'training_officer', 'finance_officer', 'employment_officer', 'reviewer', 'statistician'] as const;
export const adminRoles = ['system_admin', 'security_admin', 'audit_admin'] as const;
export const staffRoles = [...dutyRoles, ...adminRoles] as const;
export type StaffRole = (typeof staffRoles)[number];
export type AdminRole = (typeof adminRoles)[number];

/** Roles that non-staff accounts hold implicitly: one per kind. */
export const kindRoles = {
  institution: 'institution_user',
  employer: 'employer_user',
  trainee: 'trainee',
} as const;
export type Role = StaffRole | (typeof kindRoles)[keyof typeof kindRoles];

export const roleLabels: Record<Role, string> = {
  registrar: '登记员',
  training_officer: '培训专干',
  finance_officer: '财务人员',
  employment_officer: '就业专干',
  reviewer: '审核人',
  statistician: '统计员',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
  institution_user: '培训机构用户',
  employer_user: '用人单位用户',
  trainee: '学员',
};

export function isAdminRole(role: string): role is AdminRole {
  return (adminRoles as readonly string[]).includes(role);
}

/**
 * MLPS keeps the three administrators apart: an administrator role is held alone,
 * never together with another administrator role or a duty role.
 * Returns a Chinese message when the combination is not allowed.
 */
export function checkRoleCombination(roles: readonly StaffRole[]): string | null {
  if (roles.length === 0) return '至少选择一个岗位角色';
  if (new Set(roles).size !== roles.length) return '岗位角色不能重复';
  const admins = roles.filter(isAdminRole);
  if (admins.length > 0 && roles.length > 1) return '系统管理员、安全管理员、审计管理员须单独设置，不能与其他角色兼任';
  return null;
}

/** Effective roles of an account: staff hold their duty roles, the others their kind's role. */
export function effectiveRoles(kind: UserKind, roles: readonly StaffRole[]): Role[] {
  return kind === 'staff' ? [...roles] : [kindRoles[kind]];
}
