import { type Kysely, sql } from 'kysely';

/**
 * Training supply, first part: institutions (培训机构) and the public notice (公示) that
 * institutions, base accreditations and catalogue programmes pass through before they take effect.
 * Later supply tables (accreditation, trainers, catalogue, contests) refer to these.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE institution (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- the county-level unit the institution sits in (scope), and its full address region
      county_code text NOT NULL REFERENCES region (code),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('public_centre', 'university', 'vocational_college', 'special_school',
                                         'training_institution', 'enterprise', 'social_organisation')),
      credit_code text NOT NULL CHECK (credit_code ~ '^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$'),
      address text NOT NULL,
      contact_name text NOT NULL,
      contact_phone text NOT NULL,
      -- accessibility of premises: codes from src/shared/domain (step-free access, accessible toilet, lift, ...)
      accessibility text[] NOT NULL DEFAULT '{}',
      accessibility_note text,
      -- occupation names or codes offered (职业/工种)
      occupations text[] NOT NULL DEFAULT '{}',
      -- draft → on_notice → active; refused when an objection is upheld; closed by the federation
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'on_notice', 'active', 'refused', 'closed')),
      remarks text,
      version integer NOT NULL DEFAULT 1,
      created_by uuid,
      updated_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX institution_credit_code_key ON institution (credit_code);
    CREATE INDEX institution_county_idx ON institution (county_code, status, name);

    -- institution accounts act for one institution; the institution's own administrator manages them
    ALTER TABLE app_user ADD COLUMN institution_id uuid REFERENCES institution (id);
    ALTER TABLE app_user ADD COLUMN institution_admin boolean NOT NULL DEFAULT false;
    CREATE INDEX app_user_institution_idx ON app_user (institution_id) WHERE institution_id IS NOT NULL;

    CREATE TABLE public_notice (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subject_kind text NOT NULL CHECK (subject_kind IN ('institution', 'accreditation', 'programme')),
      subject_id uuid NOT NULL,
      -- the region whose staff handle objections (the deciding tier)
      region_code text NOT NULL REFERENCES region (code),
      title text NOT NULL,
      -- what the public reads: no personal data beyond what the notice is about
      summary text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      -- open: on notice; held: an objection is pending or upheld; effective: ended clean; withdrawn: stopped by staff
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'held', 'effective', 'refused', 'withdrawn')),
      settled_at timestamptz,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at)
    );
    -- one open notice per subject at a time
    CREATE UNIQUE INDEX public_notice_open_key ON public_notice (subject_kind, subject_id) WHERE status IN ('open', 'held');
    CREATE INDEX public_notice_status_idx ON public_notice (status, ends_at);
    CREATE INDEX public_notice_region_idx ON public_notice (region_code, status);

    CREATE TABLE notice_objection (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      notice_id uuid NOT NULL REFERENCES public_notice (id),
      -- the code the filer keeps to look the objection up
      lookup_code text NOT NULL,
      anonymous boolean NOT NULL DEFAULT false,
      filer_name text,
      filer_contact_sealed bytea,
      content text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'upheld', 'dismissed')),
      decision_reason text,
      decided_by uuid,
      decided_at timestamptz,
      filer_ip text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX notice_objection_lookup_key ON notice_objection (lookup_code);
    CREATE INDEX notice_objection_notice_idx ON notice_objection (notice_id, status);
  `.execute(db);
}
