import { sql } from 'kysely';
import { countingClaimStatuses } from '../../../shared/domain/subsidy-codes';
import type { SubsidyHistoryEntry } from '../../../shared/domain/subsidy-eligibility';
import type { Db } from '../../db/database';

/**
 * The subsidy history of persons, for the eligibility engine: every claim in a counting status, of
 * any institution, year and region. It is read without the actor's scope on purpose (the rules are
 * checked across regions); what reaches the actor is only the engine's explanation. One query for
 * a whole batch of persons.
 */
export async function loadSubsidyHistory(db: Db, personIds: readonly string[]): Promise<Map<string, SubsidyHistoryEntry[]>> {
  const byPerson = new Map<string, SubsidyHistoryEntry[]>();
  if (personIds.length === 0) return byPerson;
  const unique = [...new Set(personIds)];
  const rows = await db
    .selectFrom('subsidy_claim as c')
    .innerJoin('institution as i', 'i.id', 'c.institution_id')
    .innerJoin('region as r', 'r.code', 'c.county_code')
    .leftJoin('subsidy_fund as f', 'f.id', 'c.fund_id')
    .select([
      'c.id',
      'c.claim_no',
      'c.person_id',
      'c.enrolment_id',
      'c.occupation',
      'c.skill_level',
      'c.training_year',
      'c.amount_fen',
      'c.status',
      'i.name as institution_name',
      'r.name as region_name',
      'f.name as fund_name',
    ])
    .where(sql<boolean>`c.person_id = any(${sql.val(unique)}::uuid[])`)
    .where('c.status', 'in', countingClaimStatuses)
    .orderBy('c.created_at')
    .execute();
  for (const row of rows) {
    const entry: SubsidyHistoryEntry = {
      claimId: row.id,
      claimNo: row.claim_no,
      personId: row.person_id,
      enrolmentId: row.enrolment_id,
      occupation: row.occupation,
      skillLevel: row.skill_level,
      trainingYear: row.training_year,
      amountFen: Number(row.amount_fen),
      status: row.status,
      institutionName: row.institution_name,
      regionName: row.region_name,
      fundName: row.fund_name,
    };
    const list = byPerson.get(row.person_id);
    if (list) list.push(entry);
    else byPerson.set(row.person_id, [entry]);
  }
  return byPerson;
}
