import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the registry list at province scale (measured on 1,000,000 persons):
 * - the list sorts by `updated_at` (not `created_at`), per county and province-wide, tie-broken by id;
 * - a birth-date sort per county;
 * - the statistics index also carries sex, birth date and employment status, so a filtered
 *   count (category, level, working age, employment) is an index-only scan;
 * - the name/birth-date index carries the phone, so possible duplicates in a scope are grouped
 *   from the index alone;
 * - `merged_into`, for the history of records merged into a survivor.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX person_county_list_idx;
    DROP INDEX person_list_idx;
    DROP INDEX person_stats_idx;
    DROP INDEX person_name_birth_idx;
    CREATE INDEX person_county_updated_idx ON person (county_code, updated_at DESC, id DESC) WHERE status = 'active';
    CREATE INDEX person_updated_idx ON person (updated_at DESC, id DESC) WHERE status = 'active';
    CREATE INDEX person_county_birth_idx ON person (county_code, birth_date, id) WHERE status = 'active';
    CREATE INDEX person_stats_idx ON person (county_code, disability_category, disability_level)
      INCLUDE (sex, birth_date, employment_status) WHERE status = 'active';
    CREATE INDEX person_name_birth_idx ON person (county_code, name, birth_date) INCLUDE (phone) WHERE status = 'active';
    CREATE INDEX person_merged_into_idx ON person (merged_into) WHERE merged_into IS NOT NULL;
  `.execute(db);
}
