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
  // --- trainer pool (area C: trainers) ---
  // institution users read (and ask may-teach about) only trainers linked to their institution
  'trainers.read': ['training_officer', 'reviewer', 'statistician', 'institution_user'],
  // the pool is the federation's register: institutions propose trainers through class applications
  'trainers.write': ['training_officer'],
  // rotation records, and (province level only, checked by the service) the trainer-training base
  'trainers.rotation': ['training_officer'],
  'trainers.unmask': ['training_officer', 'reviewer'],
  // --- end trainer pool ---
  // --- public notice (area E: notices) ---
  'notices.public': 'public',
  'objections.file': 'public',
  'objections.lookup': 'public',
  'notices.read': ['reviewer', 'training_officer'],
  'notices.handle': ['reviewer', 'training_officer'],
  // --- end public notice ---
  // --- base accreditation and county coverage (area B: accreditation) ---
  'bases.public': 'public',
  // institutions apply for their own institution only (the service checks the account's institution)
  'accreditation.apply': ['institution_user'],
  // institutions read their own applications; staff read their region's
  'accreditation.read': ['training_officer', 'reviewer', 'statistician', 'institution_user'],
  // the service also checks the tier against the reviewer's region level
  'accreditation.review': ['reviewer'],
  'accreditation.evaluate': ['reviewer'],
  // province staff only (checked by the service)
  'evaluation_sheet.manage': ['training_officer', 'reviewer'],
  'coverage.read': ['training_officer', 'reviewer', 'statistician'],
  // --- end base accreditation ---
  // --- institutions (area A: institutions) ---
  // staff read institutions of their region; security admins too, to find one whose first account they create
  'institutions.read': ['training_officer', 'reviewer', 'statistician', 'security_admin'],
  'institutions.write': ['training_officer'],
  // institution users see and describe their own institution (the service finds it from the account)
  'my_institution.read': ['institution_user'],
  'my_institution.write': ['institution_user'],
  // the institution's own admin manages its accounts (flag checked by the service); staff list them and
  // create the first admin account of an institution that has none
  'institution_accounts.manage': ['training_officer', 'security_admin', 'institution_user'],
  // --- end institutions ---
  // --- catalogue, competitions and high-skill talent (area D: catalogue) ---
  // every signed-in account reads the catalogue; province and city staff maintain it (checked by the service)
  'catalogue.read': 'session',
  'catalogue.write': ['training_officer'],
  'catalogue.public': 'public',
  'contests.read': ['training_officer', 'reviewer', 'statistician', 'employment_officer'],
  'contests.write': ['training_officer'],
  'talent.read': ['training_officer', 'reviewer', 'statistician', 'employment_officer'],
  'talent.write': ['training_officer'],
  // --- end catalogue ---
  // --- training classes (issue 5); institution users act only on their own institution's classes (service) ---
  'classes.read': ['training_officer', 'reviewer', 'statistician', 'institution_user'],
  // the institution files, edits, starts, submits for completion review and closes its classes
  'classes.apply': ['institution_user'],
  // the federation of the class's county approves or returns the opening application and the completion
  'classes.review': ['reviewer'],
  // a trainer outside the rotation cycle teaches only with a waiver the federation records
  'classes.waive': ['training_officer', 'reviewer'],
  'enrolments.manage': ['institution_user', 'training_officer'],
  'enrolments.apply': ['trainee'],
  'attendance.read': ['training_officer', 'reviewer', 'statistician', 'institution_user'],
  'attendance.record': ['institution_user'],
  'attendance.scan': ['trainee'],
  'inspections.read': ['training_officer', 'reviewer', 'institution_user'],
  'inspections.manage': ['training_officer', 'reviewer'],
  'inspections.reply': ['institution_user'],
  'class_records.read': ['training_officer', 'reviewer', 'statistician', 'institution_user'],
  'class_records.write': ['institution_user'],
  'exams.record': ['institution_user'],
  'certificates.read': ['training_officer', 'reviewer', 'statistician', 'institution_user'],
  'certificates.issue': ['institution_user'],
  'certificates.revoke': ['institution_user', 'reviewer'],
  'certificates.verify': 'public',
  'skill_certificates.write': ['training_officer', 'institution_user'],
  'satisfaction.read': ['training_officer', 'reviewer', 'statistician', 'institution_user'],
  // the trainee answers on their own account; staff may enter it with a trainee who asks for help
  'satisfaction.answer': ['trainee', 'training_officer'],
  // the trainee's own classes, sign-in and certificates
  'my_classes.read': ['trainee'],
  // --- end training classes ---
  // --- subsidies and fund supervision (issue 6); institution users act only on their own claims (service) ---
  'subsidy_standards.read': ['training_officer', 'finance_officer', 'reviewer', 'statistician', 'institution_user'],
  // province defaults and city/county overrides (the service checks the region)
  'subsidy_standards.write': ['finance_officer'],
  'subsidy_claims.read': ['training_officer', 'finance_officer', 'reviewer', 'statistician', 'institution_user'],
  // the institution completes, submits and withdraws its claims
  'subsidy_claims.apply': ['institution_user'],
  // county staff put claims on public notice (the maker) and record objection outcomes on them
  'subsidy_claims.prepare': ['training_officer', 'finance_officer'],
  // county and city review (reviewer) and the finance step (finance_officer): the service matches step and role
  'subsidy_claims.approve': ['reviewer', 'finance_officer'],
  // staff run the engine again on a claim (a check row is kept; the status does not change)
  'subsidy_claims.recheck': ['training_officer', 'finance_officer', 'reviewer'],
  'subsidy_notices.public': 'public',
  // the subsidy lists and held claims of the region (staff only)
  'subsidy_notices.read': ['training_officer', 'finance_officer', 'reviewer', 'statistician'],
  'funds.read': ['finance_officer', 'reviewer', 'statistician'],
  'funds.write': ['finance_officer'],
  'payments.read': ['finance_officer', 'reviewer', 'statistician'],
  // batches, payment, reversal; the account that pays is never the one that made the batch
  'payments.manage': ['finance_officer'],
  'payments.export': ['finance_officer'],
  // the money trail: claim → class → attendance → exam → certificate → approval → payment
  'money_trail.read': ['training_officer', 'finance_officer', 'reviewer', 'statistician', 'institution_user'],
  'fraud_signals.read': ['training_officer', 'finance_officer', 'reviewer', 'statistician'],
  'fraud_signals.review': ['reviewer', 'finance_officer'],
  // --- end subsidies ---
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
