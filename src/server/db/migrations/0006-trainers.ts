import { type Kysely, sql } from 'kysely';

/**
 * The trainer pool (师资库, plan 三(四)): trainers with their sources, qualifications, institutions
 * and rotation training (五年一周期全员轮训), and the provincial trainer-training base (师资研修基地).
 * Refers only to region, person and institution (0001–0004), never to accreditation tables.
 * The ID number and phone are sealed like a person's (blind index for the one-person-one-record
 * rule, masks for lists).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE trainer (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- the county-level unit of the registering federation or of the main institution (scope)
      county_code text NOT NULL REFERENCES region (code),
      name text NOT NULL,
      sex text NOT NULL CHECK (sex IN ('male', 'female')),
      birth_date date NOT NULL,
      id_number_sealed bytea NOT NULL,
      id_number_index text NOT NULL,
      id_number_masked text NOT NULL,
      phone_sealed bytea,
      phone_masked text,
      -- a trainer who is a disabled person registered in the real-name registry
      person_id uuid REFERENCES person (id),
      sources text[] NOT NULL CHECK (cardinality(sources) >= 1 AND sources <@ ARRAY['base_teacher', 'high_skill_worker',
        'contest_winner', 'model_worker', 'job_expert', 'rural_leader', 'self_reliance_model', 'rural_revitalisation_talent',
        'skilled_worker']::text[]),
      engagement text NOT NULL CHECK (engagement IN ('full_time', 'part_time')),
      occupations text[] NOT NULL DEFAULT '{}',
      joined_on date NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
      left_on date,
      -- the last day the next rotation may be completed on, kept with every write so lists and
      -- the due/overdue filters are one indexed range (src/shared/domain/trainer-rotation.ts)
      rotation_due_on date NOT NULL,
      remarks text,
      version integer NOT NULL DEFAULT 1,
      created_by uuid,
      updated_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'left') = (left_on IS NOT NULL)),
      CHECK (left_on IS NULL OR left_on >= joined_on)
    );
    CREATE UNIQUE INDEX trainer_id_number_index_key ON trainer (id_number_index);
    CREATE INDEX trainer_county_idx ON trainer (county_code, status, name);
    CREATE INDEX trainer_due_idx ON trainer (rotation_due_on, county_code) WHERE status = 'active';
    CREATE INDEX trainer_person_idx ON trainer (person_id) WHERE person_id IS NOT NULL;

    CREATE TABLE trainer_qualification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      trainer_id uuid NOT NULL REFERENCES trainer (id),
      county_code text NOT NULL REFERENCES region (code),
      kind text NOT NULL CHECK (kind IN ('skill_level', 'vocational_qualification', 'teacher', 'professional_title', 'other')),
      title text NOT NULL,
      number text,
      level text,
      occupation text,
      issuer text,
      issued_on date,
      expires_on date,
      CHECK (expires_on IS NULL OR issued_on IS NULL OR expires_on >= issued_on)
    );
    CREATE INDEX trainer_qualification_trainer_idx ON trainer_qualification (trainer_id);

    CREATE TABLE trainer_institution (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      trainer_id uuid NOT NULL REFERENCES trainer (id),
      institution_id uuid NOT NULL REFERENCES institution (id),
      -- the trainer's county (scope of the row), not the institution's
      county_code text NOT NULL REFERENCES region (code),
      role text NOT NULL CHECK (role IN ('teacher', 'practice_instructor', 'guest_lecturer')),
      from_on date NOT NULL,
      to_on date,
      CHECK (to_on IS NULL OR to_on >= from_on)
    );
    CREATE INDEX trainer_institution_trainer_idx ON trainer_institution (trainer_id);
    CREATE INDEX trainer_institution_institution_idx ON trainer_institution (institution_id, trainer_id);

    -- the provincial trainer-training base (plan: 建设1家省级残疾人职业培训师资研修基地), designated
    -- by province staff; a designation ends rather than being deleted, so history stays
    CREATE TABLE trainer_training_base (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL REFERENCES institution (id),
      -- the province that designated it
      region_code text NOT NULL REFERENCES region (code),
      designated_on date NOT NULL,
      ended_on date,
      note text,
      designated_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ended_on IS NULL OR ended_on >= designated_on)
    );
    CREATE UNIQUE INDEX trainer_training_base_current_key ON trainer_training_base (institution_id) WHERE ended_on IS NULL;

    -- rotation training records: never edited; a wrong record is voided with a reason (and a
    -- corrected one entered), both audited
    CREATE TABLE trainer_rotation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      trainer_id uuid NOT NULL REFERENCES trainer (id),
      county_code text NOT NULL REFERENCES region (code),
      started_on date NOT NULL,
      completed_on date NOT NULL,
      hours integer NOT NULL CHECK (hours BETWEEN 1 AND 2000),
      -- at the provincial base, or elsewhere (a national course) by name
      base_id uuid REFERENCES trainer_training_base (id),
      provider_name text,
      topic text NOT NULL,
      result text NOT NULL CHECK (result IN ('passed', 'failed')),
      certificate_number text,
      entered_by uuid,
      entered_at timestamptz NOT NULL DEFAULT now(),
      voided_at timestamptz,
      voided_by uuid,
      void_reason text,
      -- the record this one corrects (voided at the same time)
      corrects_id uuid REFERENCES trainer_rotation (id),
      CHECK (completed_on >= started_on),
      CHECK ((base_id IS NULL) <> (provider_name IS NULL)),
      CHECK ((voided_at IS NULL) = (void_reason IS NULL))
    );
    CREATE INDEX trainer_rotation_trainer_idx ON trainer_rotation (trainer_id, completed_on);
  `.execute(db);
}
