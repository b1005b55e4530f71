import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { InstitutionKind } from '../../shared/domain/institution-codes';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, T | string, T | string>;

export interface RegionTable {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parent_code: string | null;
  sort_order: number;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  kind: 'staff' | 'institution' | 'employer' | 'trainee';
  roles: ColumnType<string[], string[], string[]>;
  /** the region the account belongs to, any level */
  region_code: string;
  organization_name: string | null;
  status: Generated<'active' | 'disabled'>;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_counter: number | null;
  lock_reset_at: Date | null;
  care_mode: Generated<boolean>;
  last_login_at: Date | null;
  /** institution accounts: the institution they act for, and whether they manage its accounts */
  institution_id: string | null;
  institution_admin: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserSessionTable {
  /** sha-256 of the cookie token: a stolen table row cannot be replayed as a cookie */
  token_hash: string;
  user_id: string;
  stage: 'totp' | 'totp_enrol' | 'change_password' | 'active';
  view_region_code: string | null;
  idle_timeout_seconds: number;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Date;
  ended_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailureTable {
  id: Generated<string>;
  username: string;
  ip: string;
  occurred_at: Generated<Date>;
}

export interface AuditLogTable {
  seq: ColumnType<number, number, never>;
  occurred_at: ColumnType<Date, Date, never>;
  actor_id: string | null;
  actor_name: string | null;
  region_code: string | null;
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: Json;
  prev_hash: string;
  hash: string;
}

export interface JobTable {
  id: Generated<string>;
  kind: string;
  status: Generated<'queued' | 'running' | 'succeeded' | 'failed'>;
  payload: Json;
  progress: Generated<number>;
  total: number | null;
  result: Json | null;
  error: string | null;
  owner_id: string | null;
  region_code: string | null;
  attempts: Generated<number>;
  locked_until: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StoredFileTable {
  id: Generated<string>;
  owner_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_at: Generated<Date>;
}

export interface AppMetaTable {
  key: string;
  value: Json<unknown>;
}

export interface PersonTable {
  id: Generated<string>;
  county_code: string;
  id_number_sealed: Buffer;
  id_number_index: string;
  id_number_masked: string;
  certificate_sealed: Buffer | null;
  certificate_index: string | null;
  certificate_masked: string | null;
  certificate_legacy: Generated<boolean>;
  name: string;
  sex: 'male' | 'female';
  /** 'YYYY-MM-DD' (the DATE parser keeps it a string) */
  birth_date: string;
  disability_category: '1' | '2' | '3' | '4' | '5' | '6' | '7' | null;
  disability_level: '1' | '2' | '3' | '4' | null;
  hukou_region_code: string;
  residence_region_code: string | null;
  urban_rural: 'urban' | 'rural' | null;
  education: 'none' | 'primary' | 'junior' | 'senior' | 'vocational' | 'college' | 'bachelor' | 'postgraduate' | null;
  phone: string | null;
  employment_status: Generated<'employed' | 'unemployed'>;
  employment_form: 'quota' | 'concentrated' | 'self_employed' | 'rural_farming' | 'public_welfare' | 'assisted' | 'flexible' | null;
  training_wishes: ColumnType<string[], string[] | undefined, string[]>;
  training_needs: string | null;
  accommodations: ColumnType<string[], string[] | undefined, string[]>;
  accommodation_other: string | null;
  remarks: string | null;
  status: Generated<'active' | 'merged'>;
  merged_into: string | null;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PersonEmploymentTable {
  id: Generated<string>;
  person_id: string;
  county_code: string;
  employment_status: 'employed' | 'unemployed';
  employment_form: PersonTable['employment_form'];
  employer_name: string | null;
  started_on: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface PersonConsentTable {
  id: Generated<string>;
  person_id: string;
  county_code: string;
  purpose: 'training' | 'employment_referral' | 'statistics' | 'subsidy';
  scope: string;
  given_on: string;
  withdrawn_on: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface PersonChangeTable {
  id: Generated<string>;
  person_id: string;
  county_code: string;
  kind: 'create' | 'update' | 'import' | 'merge' | 'merged_into' | 'consent' | 'employment';
  fields: ColumnType<string[], string[] | undefined, string[]>;
  actor_id: string | null;
  actor_name: string | null;
  source: string | null;
  changed_at: Generated<Date>;
}

export interface PersonDuplicateDismissalTable {
  person_a: string;
  person_b: string;
  county_code: string;
  dismissed_by: string | null;
  dismissed_at: Generated<Date>;
}

export interface InstitutionTable {
  id: Generated<string>;
  county_code: string;
  name: string;
  kind: InstitutionKind;
  credit_code: string;
  address: string;
  contact_name: string;
  contact_phone: string;
  accessibility: ColumnType<string[], string[] | undefined, string[]>;
  accessibility_note: string | null;
  occupations: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<'draft' | 'on_notice' | 'active' | 'refused' | 'closed'>;
  remarks: string | null;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type NoticeSubjectKind = 'institution' | 'accreditation' | 'programme';

export interface PublicNoticeTable {
  id: Generated<string>;
  subject_kind: NoticeSubjectKind;
  subject_id: string;
  region_code: string;
  title: string;
  summary: string;
  starts_at: Date;
  ends_at: Date;
  status: Generated<'open' | 'held' | 'effective' | 'refused' | 'withdrawn'>;
  settled_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface NoticeObjectionTable {
  id: Generated<string>;
  notice_id: string;
  lookup_code: string;
  anonymous: Generated<boolean>;
  filer_name: string | null;
  filer_contact_sealed: Buffer | null;
  content: string;
  status: Generated<'pending' | 'upheld' | 'dismissed'>;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  filer_ip: string | null;
  created_at: Generated<Date>;
}

export interface Tables {
  institution: InstitutionTable;
  public_notice: PublicNoticeTable;
  notice_objection: NoticeObjectionTable;
  person: PersonTable;
  person_employment: PersonEmploymentTable;
  person_consent: PersonConsentTable;
  person_change: PersonChangeTable;
  person_duplicate_dismissal: PersonDuplicateDismissalTable;
  region: RegionTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  login_failure: LoginFailureTable;
  audit_log: AuditLogTable;
  job: JobTable;
  stored_file: StoredFileTable;
  app_meta: AppMetaTable;
}

export type AppUserRow = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;
export type JobRow = Selectable<JobTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
