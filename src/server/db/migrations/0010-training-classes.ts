import { type Kysely, sql } from 'kysely';

/**
 * Training classes end to end (domain §5, §6, §8): the opening application and its review, the
 * trainers and schedule, enrolment, attendance evidence, inspections, class records (台账),
 * exam and completion, training certificates with public verification, skill-level certificates
 * and the satisfaction survey. Every row carries the class's county code (scope and distribution
 * key). Code lists mirror src/shared/domain/class-codes.ts and class-status.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- a trainee's account points at their registry record (QR sign-in, survey, own classes)
    ALTER TABLE app_user ADD COLUMN person_id uuid REFERENCES person (id);
    CREATE UNIQUE INDEX app_user_person_key ON app_user (person_id) WHERE person_id IS NOT NULL;

    CREATE SEQUENCE training_class_no_seq;

    CREATE TABLE training_class (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- 班级编号 PX-<county>-<year>-<serial>, given when the class is created
      class_no text NOT NULL UNIQUE,
      -- the institution's county-level unit: scope, reviewing federation and distribution key
      county_code text NOT NULL REFERENCES region (code),
      institution_id uuid NOT NULL REFERENCES institution (id),
      -- the accredited base it runs at, when it runs at one
      base_id uuid REFERENCES base_accreditation (id),
      programme_id uuid NOT NULL REFERENCES catalogue_programme (id),
      programme_code text NOT NULL,
      name text NOT NULL,
      training_type text NOT NULL CHECK (training_type IN ('employment_skills', 'on_the_job', 'entrepreneurship', 'high_skill',
                                                           'employer_staff', 'rural_practical', 'contest')),
      venue_address text NOT NULL,
      venue_region_code text NOT NULL REFERENCES region (code),
      venue_features text[] NOT NULL DEFAULT '{}' CHECK (venue_features <@ ARRAY['step_free_entrance', 'lift', 'accessible_toilet',
        'tactile_paving', 'hearing_loop', 'accessible_parking', 'rest_area']::text[]),
      venue_notes text,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      period_code text NOT NULL CHECK (period_code IN ('long', 'medium', 'short')),
      training_year integer NOT NULL,
      hours integer NOT NULL CHECK (hours BETWEEN 1 AND 4000),
      planned_size integer NOT NULL CHECK (planned_size BETWEEN 1 AND 500),
      budget_fen bigint NOT NULL CHECK (budget_fen >= 0),
      -- accommodations the institution will provide (on top of what the roster needs)
      accommodations_offered text[] NOT NULL DEFAULT '{}',
      -- the pass rule, fixed when the class is approved: exam score and attendance rate (percent)
      pass_score integer NOT NULL DEFAULT 60 CHECK (pass_score BETWEEN 0 AND 100),
      attendance_threshold integer NOT NULL DEFAULT 80 CHECK (attendance_threshold BETWEEN 1 AND 100),
      exam_on date,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'running',
        'completion_submitted', 'completion_returned', 'completion_approved', 'closed', 'cancelled')),
      submitted_at timestamptz,
      review_due_on date,
      completion_submitted_at timestamptz,
      completion_review_due_on date,
      remarks text,
      version integer NOT NULL DEFAULT 1,
      created_by uuid,
      updated_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on)
    );
    CREATE INDEX training_class_county_idx ON training_class (county_code, status, starts_on DESC);
    CREATE INDEX training_class_institution_idx ON training_class (institution_id, starts_on DESC);
    CREATE INDEX training_class_review_idx ON training_class (review_due_on) WHERE status IN ('submitted', 'completion_submitted');
    CREATE INDEX training_class_programme_idx ON training_class (programme_code);

    -- the trainers of a class; one who fails the rotation check teaches only with a recorded waiver
    CREATE TABLE class_trainer (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      class_id uuid NOT NULL REFERENCES training_class (id),
      county_code text NOT NULL REFERENCES region (code),
      trainer_id uuid NOT NULL REFERENCES trainer (id),
      role text NOT NULL DEFAULT 'lead' CHECK (role IN ('lead', 'assistant', 'interpreter')),
      waiver_reason text,
      waiver_by uuid,
      waiver_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (class_id, trainer_id),
      CHECK ((waiver_reason IS NULL) = (waiver_by IS NULL))
    );
    CREATE INDEX class_trainer_trainer_idx ON class_trainer (trainer_id);

    CREATE TABLE class_session (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      class_id uuid NOT NULL REFERENCES training_class (id),
      county_code text NOT NULL REFERENCES region (code),
      seq integer NOT NULL CHECK (seq >= 1),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      topic text NOT NULL,
      trainer_id uuid REFERENCES trainer (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (class_id, seq),
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX class_session_time_idx ON class_session (class_id, starts_at);

    -- one row per transition, written in the transaction that makes it
    CREATE TABLE class_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      class_id uuid NOT NULL REFERENCES training_class (id),
      county_code text NOT NULL REFERENCES region (code),
      command text NOT NULL CHECK (command IN ('create', 'submit', 'return', 'approve', 'start', 'submit_completion',
        'return_completion', 'approve_completion', 'close', 'cancel')),
      from_status text,
      to_status text NOT NULL,
      comment text,
      -- [{ fileId, name }]
      documents jsonb NOT NULL DEFAULT '[]',
      actor_id uuid,
      actor_name text,
      occurred_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX class_event_class_idx ON class_event (class_id, occurred_at);

    -- a roster line: a registered person, or (type 5) an external participant
    CREATE TABLE class_enrolment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      class_id uuid NOT NULL REFERENCES training_class (id),
      county_code text NOT NULL REFERENCES region (code),
      participant_kind text NOT NULL CHECK (participant_kind IN ('person', 'external')),
      person_id uuid REFERENCES person (id),
      external_name text,
      external_organisation text,
      external_role text,
      external_phone_sealed bytea,
      external_phone_masked text,
      status text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('applied', 'enrolled', 'declined', 'withdrawn')),
      source text NOT NULL CHECK (source IN ('trainee', 'institution', 'staff')),
      status_reason text,
      -- accommodations this trainee needs in this class (copied from the registry, adjustable)
      accommodations text[] NOT NULL DEFAULT '{}',
      exam_score numeric(5, 1) CHECK (exam_score BETWEEN 0 AND 100),
      exam_absent boolean NOT NULL DEFAULT false,
      exam_recorded_at timestamptz,
      -- the pass decision fixed when completion is submitted: exam and attendance
      completion_result text CHECK (completion_result IN ('passed', 'failed')),
      completion_reason text,
      enrolled_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK ((participant_kind = 'person') = (person_id IS NOT NULL)),
      CHECK (participant_kind = 'person' OR external_name IS NOT NULL)
    );
    CREATE UNIQUE INDEX class_enrolment_person_key ON class_enrolment (class_id, person_id)
      WHERE person_id IS NOT NULL AND status IN ('applied', 'enrolled');
    CREATE INDEX class_enrolment_person_idx ON class_enrolment (person_id) WHERE person_id IS NOT NULL;
    CREATE INDEX class_enrolment_class_idx ON class_enrolment (class_id, status);

    -- sign-in and sign-out of one trainee in one session
    CREATE TABLE attendance (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      class_id uuid NOT NULL REFERENCES training_class (id),
      county_code text NOT NULL REFERENCES region (code),
      session_id uuid NOT NULL REFERENCES class_session (id),
      enrolment_id uuid NOT NULL REFERENCES class_enrolment (id),
      signed_in_at timestamptz,
      signed_out_at timestamptz,
      method_in text CHECK (method_in IN ('roster', 'qr')),
      method_out text CHECK (method_out IN ('roster', 'qr')),
      -- a keyed hash of the phone's device identifier (QR only): one device for several trainees is a flag
      device_hash text,
      -- anomaly flags: outside_session, shared_device, two_places
      flags text[] NOT NULL DEFAULT '{}',
      recorded_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (session_id, enrolment_id),
      CHECK (signed_out_at IS NULL OR signed_in_at IS NULL OR signed_out_at >= signed_in_at)
    );
    CREATE INDEX attendance_enrolment_idx ON attendance (enrolment_id);
    CREATE INDEX attendance_device_idx ON attendance (device_hash) WHERE device_hash IS NOT NULL;

    -- every QR scan, accepted or refused: a token is used once per trainee and direction (no replay)
    CREATE TABLE attendance_scan (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      class_id uuid NOT NULL REFERENCES training_class (id),
      county_code text NOT NULL REFERENCES region (code),
      session_id uuid NOT NULL REFERENCES class_session (id),
      enrolment_id uuid REFERENCES class_enrolment (id),
      token_nonce text NOT NULL,
      direction text NOT NULL CHECK (direction IN ('in', 'out')),
      device_hash text,
      outcome text NOT NULL CHECK (outcome IN ('accepted', 'expired', 'replayed', 'not_enrolled', 'invalid', 'not_running')),
      scanned_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX attendance_scan_once_key ON attendance_scan (token_nonce, enrolment_id, direction) WHERE outcome = 'accepted';
    CREATE INDEX attendance_scan_session_idx ON attendance_scan (session_id, scanned_at);

    -- a documented random selection of running classes for spot checks (随机抽查)
    CREATE TABLE inspection_draw (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_code text NOT NULL REFERENCES region (code),
      seed text NOT NULL,
      sample_size integer NOT NULL CHECK (sample_size >= 1),
      -- the population was narrowed to one training type when set
      training_type text,
      -- the class ids considered, in the order the method ranks them, and those selected
      population jsonb NOT NULL,
      selected jsonb NOT NULL,
      method text NOT NULL,
      drawn_by uuid,
      drawn_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE inspection (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      class_id uuid NOT NULL REFERENCES training_class (id),
      county_code text NOT NULL REFERENCES region (code),
      kind text NOT NULL CHECK (kind IN ('scheduled', 'random')),
      draw_id uuid REFERENCES inspection_draw (id),
      planned_on date NOT NULL,
      inspected_on date,
      inspector_id uuid,
      inspector_region_code text NOT NULL REFERENCES region (code),
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'passed', 'rectifying', 'rectified', 'closed')),
      findings text,
      -- [{ fileId, name }]
      photos jsonb NOT NULL DEFAULT '[]',
      rectification_request text,
      rectification_due_on date,
      rectification_reply text,
      rectification_documents jsonb NOT NULL DEFAULT '[]',
      rectification_replied_at timestamptz,
      closed_at timestamptz,
      closed_by uuid,
      closing_comment text,
      version integer NOT NULL DEFAULT 1,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind = 'scheduled' OR draw_id IS NOT NULL)
    );
    CREATE INDEX inspection_class_idx ON inspection (class_id, planned_on);
    CREATE INDEX inspection_county_idx ON inspection (county_code, status);

    -- class records (台账): documents, photos and teaching-video metadata, kept at least five years
    CREATE TABLE class_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      class_id uuid NOT NULL REFERENCES training_class (id),
      county_code text NOT NULL REFERENCES region (code),
      kind text NOT NULL CHECK (kind IN ('document', 'photo', 'video', 'sign_sheet', 'exam_paper', 'other')),
      title text NOT NULL,
      file_id uuid REFERENCES stored_file (id),
      -- teaching video kept elsewhere: { durationSeconds, location, sha256, recordedOn }
      video jsonb,
      retain_until date NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (file_id IS NOT NULL OR video IS NOT NULL)
    );
    CREATE INDEX class_record_class_idx ON class_record (class_id, created_at);

    -- 培训合格证书: issued by the institution after the completion review
    CREATE TABLE training_certificate (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      certificate_no text NOT NULL UNIQUE,
      verify_code text NOT NULL UNIQUE,
      class_id uuid NOT NULL REFERENCES training_class (id),
      enrolment_id uuid NOT NULL REFERENCES class_enrolment (id),
      person_id uuid REFERENCES person (id),
      county_code text NOT NULL REFERENCES region (code),
      holder_name text NOT NULL,
      holder_name_masked text NOT NULL,
      issued_on date NOT NULL,
      issued_by uuid,
      status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
      revoked_reason text,
      revoked_at timestamptz,
      revoked_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'revoked') = (revoked_reason IS NOT NULL))
    );
    CREATE UNIQUE INDEX training_certificate_enrolment_key ON training_certificate (enrolment_id);
    CREATE INDEX training_certificate_person_idx ON training_certificate (person_id) WHERE person_id IS NOT NULL;
    -- the last certificate serial per county and year: a counter row, not a sequence, because the
    -- serial restarts every year in every county and a rolled-back issue must not leave a gap
    CREATE TABLE training_certificate_serial (
      county_code text NOT NULL REFERENCES region (code),
      year integer NOT NULL,
      last_serial integer NOT NULL CHECK (last_serial BETWEEN 0 AND 999999),
      PRIMARY KEY (county_code, year)
    );

    -- 职业技能等级证书 recorded for trainees who took the assessment
    CREATE TABLE skill_certificate (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES person (id),
      county_code text NOT NULL REFERENCES region (code),
      class_id uuid REFERENCES training_class (id),
      certificate_no text NOT NULL UNIQUE CHECK (certificate_no ~ '^[YS][0-9]{21}$'),
      level text NOT NULL CHECK (level IN ('1', '2', '3', '4', '5')),
      occupation text NOT NULL,
      issued_on date NOT NULL,
      issuer text NOT NULL,
      recorded_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX skill_certificate_person_idx ON skill_certificate (person_id);

    -- 满意度评价: one answer sheet per trainee and class
    CREATE TABLE satisfaction_response (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      class_id uuid NOT NULL REFERENCES training_class (id),
      enrolment_id uuid NOT NULL UNIQUE REFERENCES class_enrolment (id),
      county_code text NOT NULL REFERENCES region (code),
      institution_id uuid NOT NULL REFERENCES institution (id),
      programme_code text NOT NULL,
      survey_version integer NOT NULL,
      -- { questionKey: score 1–5 }
      answers jsonb NOT NULL,
      overall numeric(3, 2) NOT NULL CHECK (overall BETWEEN 1 AND 5),
      comment text,
      -- trainee: on their own account; assisted: entered with the trainee by federation staff
      channel text NOT NULL CHECK (channel IN ('trainee', 'assisted')),
      submitted_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX satisfaction_response_institution_idx ON satisfaction_response (institution_id, submitted_at);
    CREATE INDEX satisfaction_response_programme_idx ON satisfaction_response (programme_code);

    -- nothing in the class records is deleted before its retention date, whoever asks
    CREATE FUNCTION class_record_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.retain_until > current_date THEN
        RAISE EXCEPTION 'class record % is kept until %', OLD.id, OLD.retain_until USING ERRCODE = '23514';
      END IF;
      RETURN OLD;
    END;
    $$;
    CREATE TRIGGER class_record_keep BEFORE DELETE ON class_record FOR EACH ROW EXECUTE FUNCTION class_record_keep();
    CREATE FUNCTION class_record_no_shorten() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.retain_until < OLD.retain_until OR NEW.file_id IS DISTINCT FROM OLD.file_id THEN
        RAISE EXCEPTION 'class record % cannot be shortened or replaced', OLD.id USING ERRCODE = '23514';
      END IF;
      RETURN NEW;
    END;
    $$;
    CREATE TRIGGER class_record_no_shorten BEFORE UPDATE ON class_record FOR EACH ROW EXECUTE FUNCTION class_record_no_shorten();
  `.execute(db);
}
