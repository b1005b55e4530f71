import type { Kysely } from 'kysely';
import type { PersonRow, Tables } from '../../db/tables';
import type { PersonColumns } from './person-record';

type Executor = Kysely<Tables>;

/** SQL of the real-name registry. Every query takes the executor so a service can run it in its transaction. */
export const personsRepository = {
  /** The row holding an ID number (by its blind index), locked for the caller's transaction. */
  findByIdIndexForUpdate(db: Executor, idIndex: string): Promise<PersonRow | undefined> {
    return db.selectFrom('person').selectAll().where('id_number_index', '=', idIndex).forUpdate().executeTakeFirst();
  },

  findByCertificateIndex(db: Executor, certificateIndex: string): Promise<PersonRow | undefined> {
    return db.selectFrom('person').selectAll().where('certificate_index', '=', certificateIndex).executeTakeFirst();
  },

  findById(db: Executor, id: string): Promise<PersonRow | undefined> {
    return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insert(db: Executor, columns: PersonColumns, actorId: string | null): Promise<PersonRow> {
    return db.insertInto('person').values({ ...columns, created_by: actorId, updated_by: actorId }).returningAll().executeTakeFirstOrThrow();
  },

  /** Updates when the version still matches; answers undefined when someone else changed the row first. */
  async update(db: Executor, id: string, version: number, columns: Partial<PersonColumns>, actorId: string | null): Promise<PersonRow | undefined> {
    return db
      .updateTable('person')
      .set({ ...columns, updated_by: actorId, updated_at: new Date(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  async recordChange(
    db: Executor,
    change: { personId: string; countyCode: string; kind: Tables['person_change']['kind']; fields: string[]; actorId: string | null; actorName: string | null; source: string | null },
  ): Promise<void> {
    await db
      .insertInto('person_change')
      .values({
        person_id: change.personId,
        county_code: change.countyCode,
        kind: change.kind,
        fields: change.fields,
        actor_id: change.actorId,
        actor_name: change.actorName,
        source: change.source,
      })
      .execute();
  },

  async recordEmployment(
    db: Executor,
    entry: { personId: string; countyCode: string; status: 'employed' | 'unemployed'; form: PersonRow['employment_form']; employerName: string | null; startedOn: string | null; actorId: string | null },
  ): Promise<void> {
    await db
      .insertInto('person_employment')
      .values({
        person_id: entry.personId,
        county_code: entry.countyCode,
        employment_status: entry.status,
        employment_form: entry.form,
        employer_name: entry.employerName,
        started_on: entry.startedOn,
        recorded_by: entry.actorId,
      })
      .execute();
  },
};
