import { type Kysely, sql } from 'kysely';

/**
 * An institution's history is read from the audit trail (who changed what, when, why) rather than
 * a second change table. The trail has no index by target, so without this a detail page would
 * scan the whole log; partial, because most audit rows (logins, reads, denials) have no target.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, seq) WHERE target_id IS NOT NULL;
  `.execute(db);
}
