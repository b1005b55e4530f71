import { type Kysely, sql } from 'kysely';

/**
 * Training supply, area D: the training catalogue (培训目录清单) with its versions, vocational
 * skills competitions (职业技能竞赛) with entrants, results and budget, the candidates their
 * winners become, the high-skill talent roster (高技能人才) and master–apprentice pairs (带徒传技).
 * Refers to person, region and public_notice only. Code lists mirror src/shared/domain/
 * catalogue-codes.ts, contest-codes.ts and talent-codes.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per version. The catalogue is reference data (replicated, ADR 0008): the region is
    -- the federation that maintains the programme (the province, or a city for a local addition).
    CREATE TABLE catalogue_programme (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      programme_code text NOT NULL CHECK (programme_code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
      edition integer NOT NULL CHECK (edition >= 1),
      region_code text NOT NULL REFERENCES region (code),
      name text NOT NULL,
      occupation text NOT NULL,
      skill text,
      training_type text NOT NULL CHECK (training_type IN ('employment_skills', 'on_the_job', 'entrepreneurship', 'high_skill', 'rural_practical')),
      hours integer NOT NULL CHECK (hours BETWEEN 1 AND 4000),
      skill_level text NOT NULL CHECK (skill_level IN ('5', '4', '3', '2', '1', 'special', 'none')),
      target_categories text[] NOT NULL DEFAULT '{}',
      accommodations text[] NOT NULL DEFAULT '{}',
      subsidy_standard_ref text,
      brands text[] NOT NULL DEFAULT '{}',
      description text,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'on_notice', 'active', 'superseded', 'retired', 'refused')),
      effective_from date,
      effective_to date,
      based_on_id uuid REFERENCES catalogue_programme (id),
      notice_id uuid REFERENCES public_notice (id),
      refusal_reason text,
      retired_reason text,
      version integer NOT NULL DEFAULT 1,
      created_by uuid,
      updated_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (effective_to IS NULL OR effective_from IS NULL OR effective_to >= effective_from)
    );
    CREATE UNIQUE INDEX catalogue_programme_edition_key ON catalogue_programme (programme_code, edition);
    -- at most one version in force and one in the making per programme
    CREATE UNIQUE INDEX catalogue_programme_active_key ON catalogue_programme (programme_code) WHERE status = 'active';
    CREATE UNIQUE INDEX catalogue_programme_open_key ON catalogue_programme (programme_code) WHERE status IN ('draft', 'on_notice');
    CREATE INDEX catalogue_programme_status_idx ON catalogue_programme (status, training_type, name);

    -- The organiser's region scopes who edits the contest and enters results.
    CREATE TABLE contest (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_code text NOT NULL REFERENCES region (code),
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('national', 'province', 'city', 'county')),
      occupations text[] NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      venue text,
      organiser text NOT NULL,
      remarks text,
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'finished', 'cancelled')),
      version integer NOT NULL DEFAULT 1,
      created_by uuid,
      updated_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on)
    );
    CREATE INDEX contest_region_idx ON contest (region_code, starts_on DESC);

    -- An entrant belongs to the person's county (scope and distribution key), whoever organised the contest.
    CREATE TABLE contest_entrant (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contest_id uuid NOT NULL REFERENCES contest (id),
      person_id uuid NOT NULL REFERENCES person (id),
      county_code text NOT NULL REFERENCES region (code),
      occupation text NOT NULL,
      rank integer CHECK (rank >= 1),
      score numeric(7, 2) CHECK (score >= 0 AND score <= 1000),
      award text CHECK (award IN ('gold', 'silver', 'bronze', 'first_prize', 'second_prize', 'third_prize', 'excellence')),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX contest_entrant_key ON contest_entrant (contest_id, person_id, occupation);
    CREATE INDEX contest_entrant_county_idx ON contest_entrant (county_code, contest_id);

    CREATE TABLE contest_budget_line (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contest_id uuid NOT NULL REFERENCES contest (id),
      category text NOT NULL CHECK (category IN ('training', 'training_materials', 'venue_equipment', 'judges', 'organisation',
                                                 'prize_money', 'travel', 'food_lodging', 'sundries')),
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      note text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX contest_budget_line_contest_idx ON contest_budget_line (contest_id);

    -- Winners flagged by a result: read by the trainer pool and the talent roster.
    CREATE TABLE talent_candidate (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES person (id),
      county_code text NOT NULL REFERENCES region (code),
      kind text NOT NULL CHECK (kind IN ('trainer_pool', 'high_skill')),
      contest_entrant_id uuid NOT NULL REFERENCES contest_entrant (id),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
      decision_note text,
      decided_by uuid,
      decided_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX talent_candidate_key ON talent_candidate (contest_entrant_id, kind);
    CREATE INDEX talent_candidate_county_idx ON talent_candidate (county_code, kind, status);

    CREATE TABLE talent_member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES person (id),
      county_code text NOT NULL REFERENCES region (code),
      categories text[] NOT NULL CHECK (cardinality(categories) >= 1
        AND categories <@ ARRAY['student', 'entrepreneur', 'heritage_holder', 'contest_winner', 'patent_holder']::text[]),
      specialty text NOT NULL,
      evidence text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed')),
      version integer NOT NULL DEFAULT 1,
      created_by uuid,
      updated_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX talent_member_person_key ON talent_member (person_id) WHERE status = 'active';
    CREATE INDEX talent_member_county_idx ON talent_member (county_code, status);

    -- A pair belongs to the apprentice's county; the master is a roster member or a named outsider.
    CREATE TABLE apprenticeship (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      county_code text NOT NULL REFERENCES region (code),
      master_member_id uuid REFERENCES talent_member (id),
      master_name text NOT NULL,
      apprentice_person_id uuid NOT NULL REFERENCES person (id),
      craft text NOT NULL,
      started_on date NOT NULL,
      goals text NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'ended')),
      ended_on date,
      created_by uuid,
      updated_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ended_on IS NULL OR ended_on >= started_on)
    );
    CREATE INDEX apprenticeship_county_idx ON apprenticeship (county_code, status);

    CREATE TABLE apprenticeship_progress (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      apprenticeship_id uuid NOT NULL REFERENCES apprenticeship (id),
      county_code text NOT NULL REFERENCES region (code),
      recorded_on date NOT NULL,
      note text NOT NULL,
      milestone text,
      recorded_by uuid,
      recorded_by_name text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX apprenticeship_progress_idx ON apprenticeship_progress (apprenticeship_id, recorded_on);
  `.execute(db);
}
