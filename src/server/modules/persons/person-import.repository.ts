import { type Kysely, sql } from 'kysely';
import type { PersonRow, Tables } from '../../db/tables';
import type { PersonColumns } from './person-record';

type Executor = Kysely<Tables>;

/** `= any($1::text[])`: one parameter for a batch of thousands of keys. */
const anyOf = (values: readonly string[]) => sql<string>`any(${values}::text[])`;

/** What a certificate lookup needs to tell "held by this person" from "held by another". */
export type CertificateHolder = Pick<PersonRow, 'id' | 'merged_into' | 'certificate_index'>;

export interface NewImportedPerson {
  columns: PersonColumns;
  /** person_change.source: `import:<jobId>:<row>` */
  source: string;
}

/**
 * SQL of the import's batch path: one statement per batch where the service's upsert needs one
 * per row. Rows are laid out exactly as `personsRepository.insert`, `recordChange` and
 * `recordEmployment` would write them one by one.
 */
export const personImportRepository = {
  /** The persons holding any of these ID numbers (blind indexes); locked when `lock` (the write path). */
  findByIdIndexes(db: Executor, indexes: readonly string[], lock: boolean): Promise<PersonRow[]> {
    if (indexes.length === 0) return Promise.resolve([]);
    const query = db.selectFrom('person').selectAll().where('id_number_index', '=', anyOf(indexes));
    return (lock ? query.forUpdate() : query).execute();
  },

  findCertificateHolders(db: Executor, indexes: readonly string[]): Promise<CertificateHolder[]> {
    if (indexes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('person')
      .select(['id', 'merged_into', 'certificate_index'])
      .where('certificate_index', '=', anyOf(indexes))
      .execute();
  },

  /**
   * Inserts new persons with their `import` change row and first employment entry in one
   * statement (data-modifying CTEs), and answers the new ids by blind index. The ID numbers must
   * be distinct and new: a clash fails the statement (unique index), and with it the batch.
   */
  async insertCreated(
    db: Executor,
    persons: readonly NewImportedPerson[],
    actor: { id: string; name: string },
  ): Promise<Map<string, string>> {
    if (persons.length === 0) return new Map();
    const input = persons.map(({ columns: c, source }) => ({
      county_code: c.county_code,
      id_number_sealed: c.id_number_sealed.toString('hex'),
      id_number_index: c.id_number_index,
      id_number_masked: c.id_number_masked,
      certificate_sealed: c.certificate_sealed ? c.certificate_sealed.toString('hex') : null,
      certificate_index: c.certificate_index ?? null,
      certificate_masked: c.certificate_masked ?? null,
      certificate_legacy: c.certificate_legacy ?? false,
      name: c.name,
      sex: c.sex,
      birth_date: c.birth_date,
      disability_category: c.disability_category ?? null,
      disability_level: c.disability_level ?? null,
      hukou_region_code: c.hukou_region_code,
      residence_region_code: c.residence_region_code ?? null,
      urban_rural: c.urban_rural ?? null,
      education: c.education ?? null,
      phone: c.phone ?? null,
      employment_status: c.employment_status ?? 'unemployed',
      employment_form: c.employment_form ?? null,
      training_wishes: c.training_wishes ?? [],
      training_needs: c.training_needs ?? null,
      accommodations: c.accommodations ?? [],
      accommodation_other: c.accommodation_other ?? null,
      remarks: c.remarks ?? null,
      source,
    }));
    const { rows } = await sql<{ id: string; id_number_index: string }>`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS t(
          county_code text, id_number_sealed text, id_number_index text, id_number_masked text,
          certificate_sealed text, certificate_index text, certificate_masked text, certificate_legacy boolean,
          name text, sex text, birth_date date, disability_category text, disability_level text,
          hukou_region_code text, residence_region_code text, urban_rural text, education text, phone text,
          employment_status text, employment_form text, training_wishes text[], training_needs text,
          accommodations text[], accommodation_other text, remarks text, source text
        )
      ), inserted AS (
        INSERT INTO person (
          county_code, id_number_sealed, id_number_index, id_number_masked,
          certificate_sealed, certificate_index, certificate_masked, certificate_legacy,
          name, sex, birth_date, disability_category, disability_level,
          hukou_region_code, residence_region_code, urban_rural, education, phone,
          employment_status, employment_form, training_wishes, training_needs,
          accommodations, accommodation_other, remarks, created_by, updated_by
        )
        SELECT
          county_code, decode(id_number_sealed, 'hex'), id_number_index, id_number_masked,
          decode(certificate_sealed, 'hex'), certificate_index, certificate_masked, certificate_legacy,
          name, sex, birth_date, disability_category, disability_level,
          hukou_region_code, residence_region_code, urban_rural, education, phone,
          employment_status, employment_form, training_wishes, training_needs,
          accommodations, accommodation_other, remarks, ${actor.id}::uuid, ${actor.id}::uuid
        FROM input
        RETURNING id, id_number_index, county_code, employment_status, employment_form
      ), changes AS (
        INSERT INTO person_change (person_id, county_code, kind, fields, actor_id, actor_name, source)
        SELECT inserted.id, inserted.county_code, 'import', '{}', ${actor.id}::uuid, ${actor.name}, input.source
        FROM inserted JOIN input USING (id_number_index)
      ), employment AS (
        INSERT INTO person_employment (person_id, county_code, employment_status, employment_form, employer_name, started_on, recorded_by)
        SELECT id, county_code, employment_status, employment_form, NULL, NULL, ${actor.id}::uuid
        FROM inserted
      )
      SELECT id, id_number_index FROM inserted
    `.execute(db);
    return new Map(rows.map((r) => [r.id_number_index, r.id]));
  },
};
