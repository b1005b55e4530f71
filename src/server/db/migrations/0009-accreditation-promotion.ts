import { type Kysely, sql } from 'kysely';

/**
 * Promotion (晋级) of an accredited base to the next tier up. While the promotion is on public
 * notice the base stays active at its tier; the proposed tier, plaque number, term and promoting
 * region wait in `promotion` and take effect when the notice ends clean. A pending plaque number
 * is unique among pending promotions (the service also checks it against granted plaques).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE base_accreditation ADD COLUMN promotion jsonb;
    CREATE UNIQUE INDEX base_accreditation_promotion_plaque_key ON base_accreditation ((promotion ->> 'plaqueNo'))
      WHERE promotion IS NOT NULL;

    ALTER TABLE accreditation_event DROP CONSTRAINT accreditation_event_command_check;
    ALTER TABLE accreditation_event ADD CONSTRAINT accreditation_event_command_check
      CHECK (command IN ('apply', 'reject', 'accredit', 'notice_effective', 'notice_refused', 'notice_withdrawn',
                         'renew', 'downgrade', 'suspend', 'reinstate', 'revoke', 'evaluate',
                         'promote', 'promotion_effective', 'promotion_refused', 'promotion_withdrawn'));
  `.execute(db);
}
