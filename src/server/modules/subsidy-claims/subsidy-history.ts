import { sql } from 'kysely';
import type { SkillLevel } from '../../../shared/domain/catalogue-codes';
import { type ClaimStatus, countingClaimStatuses } from '../../../shared/domain/subsidy-codes';
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
  // One JSON row instead of a row per claim: decoding each field of tens of thousands of rows cost
  // more than the query itself (three times it on PGlite); a JSON array of text arrays is also cheaper
  // for the server to build than json_build_array. Positions are read below in the order written here.
  const { rows } = await sql<{ history: HistoryTuple[] | null }>`
    SELECT json_agg(ARRAY[c.id::text, c.claim_no, c.person_id::text, c.enrolment_id::text, c.occupation, c.skill_level,
                          c.training_year::text, c.amount_fen::text, c.status, i.name, r.name, f.name] ORDER BY c.created_at) AS history
    FROM subsidy_claim c
    JOIN institution i ON i.id = c.institution_id
    JOIN region r ON r.code = c.county_code
    LEFT JOIN subsidy_fund f ON f.id = c.fund_id
    WHERE c.person_id = any(${sql.val(unique)}::uuid[]) AND c.status = any(${sql.val([...countingClaimStatuses])}::text[])`.execute(db);
  for (const row of rows[0]?.history ?? []) {
    const entry: SubsidyHistoryEntry = {
      claimId: row[0],
      claimNo: row[1],
      personId: row[2],
      enrolmentId: row[3],
      occupation: row[4],
      skillLevel: row[5],
      trainingYear: Number(row[6]),
      amountFen: Number(row[7]),
      status: row[8],
      institutionName: row[9],
      regionName: row[10],
      fundName: row[11],
    };
    const list = byPerson.get(entry.personId);
    if (list) list.push(entry);
    else byPerson.set(entry.personId, [entry]);
  }
  return byPerson;
}

type HistoryTuple = [
  id: string,
  claimNo: string,
  personId: string,
  enrolmentId: string,
  occupation: string,
  skillLevel: SkillLevel,
  trainingYear: string,
  amountFen: string,
  status: ClaimStatus,
  institutionName: string,
  regionName: string,
  fundName: string | null,
];
