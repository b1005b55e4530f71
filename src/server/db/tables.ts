import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { InstitutionKind } from '../../shared/domain/institution-codes';
import type {
  AccreditationCommand,
  AccreditationStatus,
  AccreditationTier,
  BaseKind,
  EvaluationOutcome,
  ScoreSheet,
  ScoreSheetItem,
} from '../../shared/domain/accreditation'; // area B: accreditation
import type { ClassTrainingType, PeriodCode, VenueFeature } from '../../shared/domain/class-codes';
import type { ClassCommand, ClassStatus } from '../../shared/domain/class-status';
import type { SkillLevel } from '../../shared/domain/catalogue-codes';
import type {
  ApprovalStep,
  BatchStatus,
  ClaimCommand,
  ClaimStatus,
  FundKind,
  LedgerEntryKind,
  PayeeKind,
  SubsidyItem,
} from '../../shared/domain/subsidy-codes';
import type { EligibilityDecision, RuleOutcome } from '../../shared/domain/subsidy-eligibility';

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
  /** a trainee account's registry record */
  person_id: Generated<string | null>;
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

export type NoticeSubjectKind = 'institution' | 'accreditation' | 'programme' | 'subsidy_list';

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
  /** the line of a subsidy notice list the objection is about (subsidy lists only) */
  line_no: number | null;
  created_at: Generated<Date>;
}

// --- trainer pool (area C: trainers), migration 0006 ---
export interface TrainerTable {
  id: Generated<string>;
  county_code: string;
  name: string;
  sex: 'male' | 'female';
  birth_date: string;
  id_number_sealed: Buffer;
  id_number_index: string;
  id_number_masked: string;
  phone_sealed: Buffer | null;
  phone_masked: string | null;
  person_id: string | null;
  sources: ColumnType<string[], string[], string[]>;
  engagement: 'full_time' | 'part_time';
  occupations: ColumnType<string[], string[] | undefined, string[]>;
  joined_on: string;
  status: Generated<'active' | 'left'>;
  left_on: string | null;
  rotation_due_on: string;
  remarks: string | null;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TrainerQualificationTable {
  id: Generated<string>;
  trainer_id: string;
  county_code: string;
  kind: 'skill_level' | 'vocational_qualification' | 'teacher' | 'professional_title' | 'other';
  title: string;
  number: string | null;
  level: string | null;
  occupation: string | null;
  issuer: string | null;
  issued_on: string | null;
  expires_on: string | null;
}

export interface TrainerInstitutionTable {
  id: Generated<string>;
  trainer_id: string;
  institution_id: string;
  county_code: string;
  role: 'teacher' | 'practice_instructor' | 'guest_lecturer';
  from_on: string;
  to_on: string | null;
}

export interface TrainerTrainingBaseTable {
  id: Generated<string>;
  institution_id: string;
  region_code: string;
  designated_on: string;
  ended_on: string | null;
  note: string | null;
  designated_by: string | null;
  created_at: Generated<Date>;
}

export interface TrainerRotationTable {
  id: Generated<string>;
  trainer_id: string;
  county_code: string;
  started_on: string;
  completed_on: string;
  hours: number;
  base_id: string | null;
  provider_name: string | null;
  topic: string;
  result: 'passed' | 'failed';
  certificate_number: string | null;
  entered_by: string | null;
  entered_at: Generated<Date>;
  voided_at: Date | null;
  voided_by: string | null;
  void_reason: string | null;
  corrects_id: string | null;
}
// --- end trainer pool ---

// --- base accreditation (area B: accreditation), migration 0005 ---
/** a document attached to a step: a file of the files module and the name it was uploaded under */
export interface AttachedFile {
  fileId: string;
  name: string;
}

export interface BaseAccreditationTable {
  id: Generated<string>;
  institution_id: string;
  county_code: string;
  base_name: string;
  base_kind: BaseKind;
  occupations: ColumnType<string[], string[] | undefined, string[]>;
  requested_tier: AccreditationTier;
  tier: AccreditationTier | null;
  granting_region_code: string;
  plaque_no: string | null;
  /** 'YYYY-MM-DD' */
  term_start: string | null;
  term_end: string | null;
  status: Generated<AccreditationStatus>;
  application_note: string | null;
  documents: Json<AttachedFile[]>;
  applied_by: string | null;
  applied_at: Generated<Date>;
  accredited_on: string | null;
  last_evaluated_on: string | null;
  /** a promotion on public notice (晋级公示中), null otherwise */
  promotion: ColumnType<PendingPromotion | null, PendingPromotion | string | null | undefined, PendingPromotion | string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** What a promotion on notice will set when the notice ends clean. */
export interface PendingPromotion {
  tier: AccreditationTier;
  plaqueNo: string;
  /** 'YYYY-MM-DD' */
  termStart: string;
  termEnd: string;
  /** the promoting region: it manages the base once the promotion takes effect */
  grantingRegionCode: string;
}

export interface AccreditationEventTable {
  id: Generated<string>;
  accreditation_id: string;
  county_code: string;
  command: AccreditationCommand;
  from_status: AccreditationStatus | null;
  to_status: AccreditationStatus;
  from_tier: AccreditationTier | null;
  to_tier: AccreditationTier | null;
  reason: string | null;
  documents: Json<AttachedFile[]>;
  details: Json;
  actor_id: string | null;
  actor_name: string | null;
  occurred_at: Generated<Date>;
}

export interface EvaluationSheetTable {
  version: number;
  items: Json<ScoreSheetItem[]>;
  thresholds: Json<ScoreSheet['thresholds']>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface BaseEvaluationTable {
  id: Generated<string>;
  accreditation_id: string;
  county_code: string;
  sheet_version: number;
  evaluated_on: string;
  scores: Json<Record<string, number>>;
  /** numeric: pg answers a string */
  total: ColumnType<string, number, number>;
  suggestion: EvaluationOutcome;
  decision: EvaluationOutcome;
  reason: string;
  documents: Json<AttachedFile[]>;
  evaluated_by: string | null;
  created_at: Generated<Date>;
}
// --- end base accreditation ---

// --- catalogue, competitions and high-skill talent (area D: catalogue), migration 0007 ---
type TextArray<T extends string = string> = ColumnType<T[], T[] | undefined, T[]>;

export interface CatalogueProgrammeTable {
  id: Generated<string>;
  programme_code: string;
  edition: number;
  region_code: string;
  name: string;
  occupation: string;
  skill: string | null;
  training_type: 'employment_skills' | 'on_the_job' | 'entrepreneurship' | 'high_skill' | 'rural_practical';
  hours: number;
  skill_level: '5' | '4' | '3' | '2' | '1' | 'special' | 'none';
  target_categories: TextArray;
  accommodations: TextArray;
  subsidy_standard_ref: string | null;
  brands: TextArray;
  description: string | null;
  status: Generated<'draft' | 'on_notice' | 'active' | 'superseded' | 'retired' | 'refused'>;
  effective_from: string | null;
  effective_to: string | null;
  based_on_id: string | null;
  notice_id: string | null;
  refusal_reason: string | null;
  retired_reason: string | null;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ContestTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  level: 'national' | 'province' | 'city' | 'county';
  occupations: ColumnType<string[], string[], string[]>;
  starts_on: string;
  ends_on: string;
  venue: string | null;
  organiser: string;
  remarks: string | null;
  status: Generated<'planned' | 'finished' | 'cancelled'>;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ContestEntrantTable {
  id: Generated<string>;
  contest_id: string;
  person_id: string;
  county_code: string;
  occupation: string;
  rank: number | null;
  /** numeric(7,2): pg answers a string */
  score: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  award: 'gold' | 'silver' | 'bronze' | 'first_prize' | 'second_prize' | 'third_prize' | 'excellence' | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ContestBudgetLineTable {
  id: Generated<string>;
  contest_id: string;
  category:
    | 'training'
    | 'training_materials'
    | 'venue_equipment'
    | 'judges'
    | 'organisation'
    | 'prize_money'
    | 'travel'
    | 'food_lodging'
    | 'sundries';
  amount_fen: number;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TalentCandidateTable {
  id: Generated<string>;
  person_id: string;
  county_code: string;
  kind: 'trainer_pool' | 'high_skill';
  contest_entrant_id: string;
  status: Generated<'open' | 'accepted' | 'dismissed'>;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Generated<Date>;
}

export interface TalentMemberTable {
  id: Generated<string>;
  person_id: string;
  county_code: string;
  categories: ColumnType<string[], string[], string[]>;
  specialty: string;
  evidence: string | null;
  status: Generated<'active' | 'removed'>;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ApprenticeshipTable {
  id: Generated<string>;
  county_code: string;
  master_member_id: string | null;
  master_name: string;
  apprentice_person_id: string;
  craft: string;
  started_on: string;
  goals: string;
  status: Generated<'active' | 'completed' | 'ended'>;
  ended_on: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ApprenticeshipProgressTable {
  id: Generated<string>;
  apprenticeship_id: string;
  county_code: string;
  recorded_on: string;
  note: string;
  milestone: string | null;
  recorded_by: string | null;
  recorded_by_name: string | null;
  created_at: Generated<Date>;
}
// --- end catalogue ---

// --- training classes (migration 0010) ---
/** numeric: pg answers a string */
type Numeric = ColumnType<string, number | string, number | string>;

export interface TrainingClassTable {
  id: Generated<string>;
  class_no: string;
  county_code: string;
  institution_id: string;
  base_id: string | null;
  programme_id: string;
  programme_code: string;
  name: string;
  training_type: ClassTrainingType;
  venue_address: string;
  venue_region_code: string;
  venue_features: TextArray<VenueFeature>;
  venue_notes: string | null;
  starts_on: string;
  ends_on: string;
  period_code: PeriodCode;
  training_year: number;
  hours: number;
  planned_size: number;
  /** bigint: pg answers a string */
  budget_fen: ColumnType<string, number | string | bigint, number | string | bigint>;
  accommodations_offered: TextArray;
  pass_score: Generated<number>;
  attendance_threshold: Generated<number>;
  exam_on: string | null;
  status: Generated<ClassStatus>;
  submitted_at: Date | null;
  review_due_on: string | null;
  completion_submitted_at: Date | null;
  completion_review_due_on: string | null;
  remarks: string | null;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ClassTrainerTable {
  id: Generated<string>;
  class_id: string;
  county_code: string;
  trainer_id: string;
  role: Generated<'lead' | 'assistant' | 'interpreter'>;
  waiver_reason: string | null;
  waiver_by: string | null;
  waiver_at: Date | null;
  created_at: Generated<Date>;
}

export interface ClassSessionTable {
  id: Generated<string>;
  class_id: string;
  county_code: string;
  seq: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  topic: string;
  trainer_id: string | null;
  created_at: Generated<Date>;
}

export interface ClassEventTable {
  id: Generated<string>;
  class_id: string;
  county_code: string;
  command: ClassCommand;
  from_status: ClassStatus | null;
  to_status: ClassStatus;
  comment: string | null;
  // optional on insert (defaults to '[]'); Generated<Json> would hide the array type on select
  documents: ColumnType<{ fileId: string; name: string }[], { fileId: string; name: string }[] | string | undefined, string>;
  actor_id: string | null;
  actor_name: string | null;
  occurred_at: Generated<Date>;
}

export interface ClassEnrolmentTable {
  id: Generated<string>;
  class_id: string;
  county_code: string;
  participant_kind: 'person' | 'external';
  person_id: string | null;
  external_name: string | null;
  external_organisation: string | null;
  external_role: string | null;
  external_phone_sealed: Buffer | null;
  external_phone_masked: string | null;
  status: Generated<'applied' | 'enrolled' | 'declined' | 'withdrawn'>;
  source: 'trainee' | 'institution' | 'staff';
  status_reason: string | null;
  accommodations: TextArray;
  exam_score: Numeric | null;
  exam_absent: Generated<boolean>;
  exam_recorded_at: Date | null;
  completion_result: 'passed' | 'failed' | null;
  completion_reason: string | null;
  enrolled_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface AttendanceTable {
  id: Generated<string>;
  class_id: string;
  county_code: string;
  session_id: string;
  enrolment_id: string;
  signed_in_at: Timestamp | null;
  signed_out_at: Timestamp | null;
  method_in: 'roster' | 'qr' | null;
  method_out: 'roster' | 'qr' | null;
  device_hash: string | null;
  flags: TextArray<'outside_session' | 'shared_device' | 'two_places'>;
  recorded_by: string | null;
  updated_at: Generated<Date>;
}

export interface AttendanceScanTable {
  id: Generated<string>;
  class_id: string;
  county_code: string;
  session_id: string;
  enrolment_id: string | null;
  token_nonce: string;
  direction: 'in' | 'out';
  device_hash: string | null;
  outcome: 'accepted' | 'expired' | 'replayed' | 'not_enrolled' | 'invalid' | 'not_running';
  scanned_at: Generated<Date>;
}

export interface InspectionDrawTable {
  id: Generated<string>;
  region_code: string;
  seed: string;
  sample_size: number;
  training_type: string | null;
  population: Json<string[]>;
  selected: Json<string[]>;
  method: string;
  drawn_by: string | null;
  drawn_at: Generated<Date>;
}

export interface InspectionTable {
  id: Generated<string>;
  class_id: string;
  county_code: string;
  kind: 'scheduled' | 'random';
  draw_id: string | null;
  planned_on: string;
  inspected_on: string | null;
  inspector_id: string | null;
  inspector_region_code: string;
  status: Generated<'planned' | 'passed' | 'rectifying' | 'rectified' | 'closed'>;
  findings: string | null;
  photos: ColumnType<AttachedFile[], AttachedFile[] | string | undefined, AttachedFile[] | string>;
  rectification_request: string | null;
  rectification_due_on: string | null;
  rectification_reply: string | null;
  rectification_documents: ColumnType<AttachedFile[], AttachedFile[] | string | undefined, AttachedFile[] | string>;
  rectification_replied_at: Date | null;
  closed_at: Date | null;
  closed_by: string | null;
  closing_comment: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ClassRecordTable {
  id: Generated<string>;
  class_id: string;
  county_code: string;
  kind: 'document' | 'photo' | 'video' | 'sign_sheet' | 'exam_paper' | 'other';
  title: string;
  file_id: string | null;
  video: Json<{ durationSeconds: number; location: string; sha256: string | null; recordedOn: string | null }> | null;
  retain_until: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TrainingCertificateTable {
  id: Generated<string>;
  certificate_no: string;
  verify_code: string;
  class_id: string;
  enrolment_id: string;
  person_id: string | null;
  county_code: string;
  holder_name: string;
  holder_name_masked: string;
  issued_on: string;
  issued_by: string | null;
  status: Generated<'valid' | 'revoked'>;
  revoked_reason: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  created_at: Generated<Date>;
}

export interface TrainingCertificateSerialTable {
  county_code: string;
  year: number;
  last_serial: number;
}

export interface SkillCertificateTable {
  id: Generated<string>;
  person_id: string;
  county_code: string;
  class_id: string | null;
  certificate_no: string;
  level: '1' | '2' | '3' | '4' | '5';
  occupation: string;
  issued_on: string;
  issuer: string;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export interface SatisfactionResponseTable {
  id: Generated<string>;
  class_id: string;
  enrolment_id: string;
  county_code: string;
  institution_id: string;
  programme_code: string;
  survey_version: number;
  answers: Json<Record<string, number>>;
  overall: Numeric;
  comment: string | null;
  channel: 'trainee' | 'assisted';
  submitted_at: Generated<Date>;
}
// --- end training classes ---

// --- subsidies and fund supervision (migration 0011) ---
/** money in fen: a bigint column, read as a number (database.ts parses INT8); write numbers */
type Fen = ColumnType<number, number | bigint | string, number | bigint | string>;
/** a money column with a database default */
type FenDefault = ColumnType<number, number | bigint | string | undefined, number | bigint | string>;
/** a jsonb column with a database default */
type JsonDefault<T> = ColumnType<T, T | string | undefined, T | string>;

export interface SubsidyStandardTable {
  id: Generated<string>;
  region_code: string;
  training_type: ClassTrainingType;
  programme_code: string | null;
  skill_level: SkillLevel | null;
  tuition_fen: FenDefault;
  materials_fen: FenDefault;
  exam_fee_fen: FenDefault;
  assisting_staff_fen: FenDefault;
  effective_from: string;
  effective_to: string | null;
  status: Generated<'active' | 'retired'>;
  basis: string | null;
  remarks: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  retired_by: string | null;
  retired_at: Date | null;
  retired_reason: string | null;
}

export interface SubsidyFundTable {
  id: Generated<string>;
  region_code: string;
  year: number;
  kind: FundKind;
  code: string;
  name: string;
  source: string | null;
  status: Generated<'open' | 'closed'>;
  remarks: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface SubsidyClaimTable {
  id: Generated<string>;
  claim_no: string;
  county_code: string;
  class_id: string;
  enrolment_id: string;
  person_id: string;
  certificate_id: string | null;
  institution_id: string;
  programme_code: string;
  occupation: string;
  skill_level: SkillLevel;
  training_type: ClassTrainingType;
  training_year: number;
  exam_on: string | null;
  submit_due_on: string;
  standard_id: string | null;
  assisted: Generated<boolean>;
  items: JsonDefault<SubsidyItem[]>;
  amount_fen: FenDefault;
  standard_fen: FenDefault;
  job_seeking_region_code: string | null;
  other_funding: string | null;
  payee_kind: Generated<PayeeKind>;
  payee_name: string | null;
  bank_name: string | null;
  bank_account_sealed: Buffer | null;
  bank_account_index: string | null;
  bank_account_masked: string | null;
  documents: JsonDefault<{ fileId: string; name: string }[]>;
  status: Generated<ClaimStatus>;
  eligibility: Json<EligibilityDecision> | null;
  hold_reason: string | null;
  notice_list_id: string | null;
  notice_line_no: number | null;
  prepared_by: string | null;
  step_due_on: string | null;
  fund_id: string | null;
  batch_id: string | null;
  submitted_at: Date | null;
  approved_at: Date | null;
  paid_at: Date | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SubsidyCheckTable {
  id: Generated<string>;
  claim_id: string;
  county_code: string;
  eligible: boolean;
  rules: Json<RuleOutcome[]>;
  context: 'submit' | 'recheck' | 'approve';
  checked_by: string | null;
  checked_at: Generated<Date>;
}

export interface SubsidyClaimEventTable {
  id: Generated<string>;
  claim_id: string;
  county_code: string;
  command: ClaimCommand;
  step: ApprovalStep | null;
  from_status: ClaimStatus | null;
  to_status: ClaimStatus;
  comment: string | null;
  documents: JsonDefault<{ fileId: string; name: string }[]>;
  due_on: string | null;
  late: Generated<boolean>;
  actor_id: string | null;
  actor_name: string | null;
  occurred_at: Generated<Date>;
}

export interface SubsidyNoticeListTable {
  id: Generated<string>;
  list_no: string;
  county_code: string;
  notice_id: string | null;
  title: string;
  claim_count: number;
  total_fen: Fen;
  status: Generated<'on_notice' | 'effective' | 'withdrawn'>;
  prepared_by: string | null;
  created_at: Generated<Date>;
}

export interface PaymentBatchTable {
  id: Generated<string>;
  batch_no: string;
  region_code: string;
  fund_id: string;
  status: Generated<BatchStatus>;
  claim_count: Generated<number>;
  total_fen: FenDefault;
  voucher_ref: string | null;
  created_by: string;
  paid_by: string | null;
  paid_at: Date | null;
  cancelled_reason: string | null;
  remarks: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface SubsidyPaymentTable {
  id: Generated<string>;
  kind: 'payment' | 'reversal';
  claim_id: string;
  batch_id: string;
  county_code: string;
  fund_id: string;
  amount_fen: Fen;
  payee_name: string | null;
  bank_name: string | null;
  bank_account_masked: string | null;
  voucher_ref: string;
  reverses_id: string | null;
  reason: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface LedgerEntryTable {
  id: Generated<string>;
  fund_id: string;
  region_code: string;
  kind: LedgerEntryKind;
  amount_fen: Fen;
  claim_id: string | null;
  payment_id: string | null;
  batch_id: string | null;
  voucher_ref: string | null;
  memo: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface IdempotencyKeyTable {
  key: string;
  scope: string;
  actor_id: string;
  request_digest: string;
  status_code: number | null;
  response: Json<unknown> | null;
  created_at: Generated<Date>;
}

export interface FraudSignalReviewTable {
  id: Generated<string>;
  signal_key: string;
  region_code: string;
  decision: 'confirmed' | 'dismissed';
  comment: string;
  reviewed_by: string;
  reviewed_at: Generated<Date>;
}
// --- end subsidies ---

export interface Tables {
  // subsidies and fund supervision (migration 0011)
  subsidy_standard: SubsidyStandardTable;
  subsidy_fund: SubsidyFundTable;
  subsidy_claim: SubsidyClaimTable;
  subsidy_check: SubsidyCheckTable;
  subsidy_claim_event: SubsidyClaimEventTable;
  subsidy_notice_list: SubsidyNoticeListTable;
  payment_batch: PaymentBatchTable;
  subsidy_payment: SubsidyPaymentTable;
  ledger_entry: LedgerEntryTable;
  idempotency_key: IdempotencyKeyTable;
  fraud_signal_review: FraudSignalReviewTable;
  // training classes (migration 0010)
  training_class: TrainingClassTable;
  class_trainer: ClassTrainerTable;
  class_session: ClassSessionTable;
  class_event: ClassEventTable;
  class_enrolment: ClassEnrolmentTable;
  attendance: AttendanceTable;
  attendance_scan: AttendanceScanTable;
  inspection_draw: InspectionDrawTable;
  inspection: InspectionTable;
  class_record: ClassRecordTable;
  training_certificate: TrainingCertificateTable;
  training_certificate_serial: TrainingCertificateSerialTable;
  skill_certificate: SkillCertificateTable;
  satisfaction_response: SatisfactionResponseTable;
  // catalogue, competitions and high-skill talent (area D)
  catalogue_programme: CatalogueProgrammeTable;
  contest: ContestTable;
  contest_entrant: ContestEntrantTable;
  contest_budget_line: ContestBudgetLineTable;
  talent_candidate: TalentCandidateTable;
  talent_member: TalentMemberTable;
  apprenticeship: ApprenticeshipTable;
  apprenticeship_progress: ApprenticeshipProgressTable;
  // base accreditation (area B)
  base_accreditation: BaseAccreditationTable;
  accreditation_event: AccreditationEventTable;
  evaluation_sheet: EvaluationSheetTable;
  base_evaluation: BaseEvaluationTable;
  // trainer pool (area C)
  trainer: TrainerTable;
  trainer_qualification: TrainerQualificationTable;
  trainer_institution: TrainerInstitutionTable;
  trainer_training_base: TrainerTrainingBaseTable;
  trainer_rotation: TrainerRotationTable;
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
