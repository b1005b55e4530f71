import type { Role } from './roles';

/**
 * The permission matrix: every API route names one action, and this table says which roles may
 * perform it. `public` actions need no session; `session` actions need any signed-in account.
 * Region scope is applied on top of this by the services and repositories (src/server/platform/actor.ts).
 */
export const actions = {
  // no session needed
  'health.read': 'public',
  'auth.session': 'public',
  'auth.login': 'public',
  'regions.read': 'public',
  // any signed-in account, also while a login step is still open
  'auth.logout': 'step',
  'auth.totp': 'step',
  'auth.password': 'step',
  // any fully signed-in account
  'auth.extend': 'session',
  'me.preferences': 'session',
  'home.read': 'session',
  'jobs.read': 'session',
  'files.upload': 'session',
  'files.read': 'session',
  // role-bound
  'users.read': ['security_admin', 'system_admin'],
  'users.export': ['security_admin', 'audit_admin'],
  // the account routes admit both administrators; the service then applies the two below
  'users.write': ['security_admin', 'system_admin'],
  'users.manage': ['security_admin'],
  'admins.manage': ['system_admin'],
  'persons.read': ['registrar', 'training_officer', 'employment_officer', 'reviewer'],
  'persons.write': ['registrar'],
  'persons.unmask': ['registrar', 'reviewer'],
  'persons.merge': ['registrar', 'reviewer'],
  'persons.import': ['registrar'],
  'persons.export': ['registrar', 'reviewer', 'statistician'],
  // a full (unmasked) export needs approval rights on top of persons.export
  'persons.export_full': ['reviewer'],
  'audit.read': ['audit_admin'],
  'audit.verify': ['audit_admin'],
} as const satisfies Record<string, 'public' | 'step' | 'session' | readonly Role[]>;

export type Action = keyof typeof actions;

export function isAction(value: string): value is Action {
  return Object.hasOwn(actions, value);
}

/** Whether any of the roles may perform the action (public and session actions: always). */
export function can(roles: readonly Role[], action: Action): boolean {
  const rule = actions[action];
  if (typeof rule === 'string') return true;
  return roles.some((role) => (rule as readonly Role[]).includes(role));
}

export function actionAudience(action: Action): 'public' | 'step' | 'session' | 'roles' {
  const rule = actions[action];
  return typeof rule === 'string' ? rule : 'roles';
}
