import { type Kysely, sql } from 'kysely';

/**
 * The real-name registry. ID and certificate numbers are stored sealed (SM4-CBC + HMAC-SM3) with a
 * keyed blind index for exact match; the masked forms are kept for lists. Category and level are
 * kept in clear for statistics, so reports never decrypt.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE person (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      county_code text NOT NULL REFERENCES region (code),
      id_number_sealed bytea NOT NULL,
      id_number_index text NOT NULL,
      id_number_masked text NOT NULL,
      certificate_sealed bytea,
      certificate_index text,
      certificate_masked text,
      certificate_legacy boolean NOT NULL DEFAULT false,
      name text NOT NULL,
      sex text NOT NULL CHECK (sex IN ('male', 'female')),
      birth_date date NOT NULL,
      disability_category text CHECK (disability_category IN ('1', '2', '3', '4', '5', '6', '7')),
      disability_level text CHECK (disability_level IN ('1', '2', '3', '4')),
      hukou_region_code text NOT NULL CHECK (hukou_region_code ~ '^[0-9]{6}$'),
      residence_region_code text CHECK (residence_region_code ~ '^[0-9]{6}$'),
      urban_rural text CHECK (urban_rural IN ('urban', 'rural')),
      education text CHECK (education IN ('none', 'primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'postgraduate')),
      phone text,
      employment_status text NOT NULL DEFAULT 'unemployed' CHECK (employment_status IN ('employed', 'unemployed')),
      employment_form text CHECK (employment_form IN ('quota', 'concentrated', 'self_employed', 'rural_farming', 'public_welfare', 'assisted', 'flexible')),
      training_wishes text[] NOT NULL DEFAULT '{}',
      training_needs text,
      accommodations text[] NOT NULL DEFAULT '{}',
      accommodation_other text,
      remarks text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged')),
      merged_into uuid REFERENCES person (id),
      version integer NOT NULL DEFAULT 1,
      created_by uuid,
      updated_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'merged') = (merged_into IS NOT NULL))
    );
    -- one ID number, one person: enforced by the database, not only by the service
    CREATE UNIQUE INDEX person_id_number_index_key ON person (id_number_index);
    CREATE UNIQUE INDEX person_certificate_index_key ON person (certificate_index) WHERE certificate_index IS NOT NULL;
    CREATE INDEX person_county_list_idx ON person (county_code, created_at DESC, id) WHERE status = 'active';
    CREATE INDEX person_list_idx ON person (created_at DESC, id) WHERE status = 'active';
    CREATE INDEX person_stats_idx ON person (county_code, disability_category, disability_level) WHERE status = 'active';
    CREATE INDEX person_name_phone_idx ON person (name, phone) WHERE status = 'active';
    CREATE INDEX person_name_birth_idx ON person (county_code, name, birth_date) WHERE status = 'active';

    CREATE TABLE person_employment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES person (id),
      county_code text NOT NULL REFERENCES region (code),
      employment_status text NOT NULL CHECK (employment_status IN ('employed', 'unemployed')),
      employment_form text CHECK (employment_form IN ('quota', 'concentrated', 'self_employed', 'rural_farming', 'public_welfare', 'assisted', 'flexible')),
      employer_name text,
      started_on date,
      recorded_by uuid,
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX person_employment_person_idx ON person_employment (person_id, recorded_at);

    CREATE TABLE person_consent (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES person (id),
      county_code text NOT NULL REFERENCES region (code),
      purpose text NOT NULL CHECK (purpose IN ('training', 'employment_referral', 'statistics', 'subsidy')),
      scope text NOT NULL,
      given_on date NOT NULL,
      withdrawn_on date,
      recorded_by uuid,
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX person_consent_person_idx ON person_consent (person_id);

    -- what changed, by whom, never the values of protected fields
    CREATE TABLE person_change (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES person (id),
      county_code text NOT NULL REFERENCES region (code),
      kind text NOT NULL CHECK (kind IN ('create', 'update', 'import', 'merge', 'merged_into', 'consent', 'employment')),
      fields text[] NOT NULL DEFAULT '{}',
      actor_id uuid,
      actor_name text,
      source text,
      changed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX person_change_person_idx ON person_change (person_id, changed_at);

    -- a pair of possible duplicates that a person reviewed and found to be two people
    CREATE TABLE person_duplicate_dismissal (
      person_a uuid NOT NULL REFERENCES person (id),
      person_b uuid NOT NULL REFERENCES person (id),
      county_code text NOT NULL REFERENCES region (code),
      dismissed_by uuid,
      dismissed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (person_a, person_b),
      CHECK (person_a < person_b)
    );
  `.execute(db);
}
