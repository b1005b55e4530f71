import { type Kysely, sql } from 'kysely';

/**
 * Base accreditation (挂牌认定) with graded, dynamic management (分级动态管理): applications,
 * accreditations at a tier with plaque and term, periodic evaluations against a versioned score
 * sheet, and one event row per step (the history). The enums mirror src/shared/domain/accreditation.ts
 * (a test asserts they match). The default score sheet is src/shared/domain's `defaultScoreSheet`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE base_accreditation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL REFERENCES institution (id),
      -- the institution's county-level unit: scope and distribution key
      county_code text NOT NULL REFERENCES region (code),
      base_name text NOT NULL,
      base_kind text NOT NULL CHECK (base_kind IN ('general', 'blind_massage', 'intangible_heritage', 'practice_internship')),
      occupations text[] NOT NULL DEFAULT '{}',
      requested_tier text NOT NULL CHECK (requested_tier IN ('county', 'city', 'province', 'national')),
      -- the tier granted (null until the review grants one) and the region whose staff granted it and manage it
      tier text CHECK (tier IN ('county', 'city', 'province', 'national')),
      granting_region_code text NOT NULL REFERENCES region (code),
      plaque_no text,
      term_start date,
      term_end date,
      status text NOT NULL DEFAULT 'applied'
        CHECK (status IN ('applied', 'rejected', 'on_notice', 'refused', 'active', 'suspended', 'revoked')),
      application_note text,
      -- [{ fileId, name }] from the files module
      documents jsonb NOT NULL DEFAULT '[]',
      applied_by uuid,
      applied_at timestamptz NOT NULL DEFAULT now(),
      accredited_on date,
      last_evaluated_on date,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (term_end IS NULL OR term_start IS NULL OR term_end >= term_start),
      CHECK (status IN ('applied', 'rejected') OR (tier IS NOT NULL AND plaque_no IS NOT NULL AND term_start IS NOT NULL))
    );
    CREATE UNIQUE INDEX base_accreditation_plaque_key ON base_accreditation (plaque_no) WHERE plaque_no IS NOT NULL;
    CREATE INDEX base_accreditation_county_idx ON base_accreditation (county_code, status);
    CREATE INDEX base_accreditation_granting_idx ON base_accreditation (granting_region_code, status);
    CREATE INDEX base_accreditation_institution_idx ON base_accreditation (institution_id, base_kind);
    CREATE INDEX base_accreditation_term_end_idx ON base_accreditation (term_end) WHERE status = 'active';

    CREATE TABLE accreditation_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      accreditation_id uuid NOT NULL REFERENCES base_accreditation (id),
      county_code text NOT NULL REFERENCES region (code),
      command text NOT NULL CHECK (command IN ('apply', 'reject', 'accredit', 'notice_effective', 'notice_refused', 'notice_withdrawn',
                                               'renew', 'downgrade', 'suspend', 'reinstate', 'revoke', 'evaluate')),
      from_status text,
      to_status text NOT NULL,
      from_tier text,
      to_tier text,
      reason text,
      documents jsonb NOT NULL DEFAULT '[]',
      -- what else the step changed: term, plaque, evaluation id and total
      details jsonb NOT NULL DEFAULT '{}',
      actor_id uuid,
      actor_name text,
      -- clock_timestamp: the steps of one transaction (an evaluation and its downgrade) keep their order
      occurred_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX accreditation_event_accreditation_idx ON accreditation_event (accreditation_id, occurred_at);

    CREATE TABLE evaluation_sheet (
      version integer PRIMARY KEY,
      -- [{ key, label, maxScore }]
      items jsonb NOT NULL,
      -- { keepMin, downgradeMin, suspendMin }
      thresholds jsonb NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE base_evaluation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      accreditation_id uuid NOT NULL REFERENCES base_accreditation (id),
      county_code text NOT NULL REFERENCES region (code),
      sheet_version integer NOT NULL REFERENCES evaluation_sheet (version),
      evaluated_on date NOT NULL,
      scores jsonb NOT NULL,
      total numeric(6, 1) NOT NULL,
      suggestion text NOT NULL CHECK (suggestion IN ('keep', 'downgrade', 'suspend', 'revoke')),
      decision text NOT NULL CHECK (decision IN ('keep', 'downgrade', 'suspend', 'revoke')),
      reason text NOT NULL,
      documents jsonb NOT NULL DEFAULT '[]',
      evaluated_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX base_evaluation_accreditation_idx ON base_evaluation (accreditation_id, evaluated_on);

    INSERT INTO evaluation_sheet (version, items, thresholds) VALUES (
      1,
      '[{"key":"facilities","label":"场地设施与无障碍环境","maxScore":20},
        {"key":"trainers","label":"师资队伍","maxScore":15},
        {"key":"management","label":"培训组织与管理制度","maxScore":15},
        {"key":"completion","label":"培训完成情况（结业率）","maxScore":20},
        {"key":"satisfaction","label":"学员满意度","maxScore":15},
        {"key":"employment","label":"就业创业成效","maxScore":15}]',
      '{"keepMin":80,"downgradeMin":70,"suspendMin":60}'
    );
  `.execute(db);
}
