import { type RawBuilder, sql } from 'kysely';
import {
  checkEligibilityBatch,
  type EligibilityDecision,
  type EligibilityOptions,
  type SubsidyCandidate,
} from '../../../shared/domain/subsidy-eligibility';
import type { Db } from '../../db/database';
import type { RegionsService } from '../regions/regions.service';
import { type ClaimRow, placeOf } from './claim-access';
import { loadSubsidyHistory } from './subsidy-history';

/**
 * Runs the eligibility engine over claims, loading what it needs in bulk: the certificates, the
 * persons' hukou and residence regions, the class venue, and the history of every person in one
 * query each. The submission of one claim, the recheck and the benchmark of 10,000 claims all come
 * through here, so what is measured is what runs.
 */
export async function evaluateClaims(
  db: Db,
  regions: RegionsService,
  options: EligibilityOptions,
  claims: readonly ClaimRow[],
): Promise<Map<string, EligibilityDecision>> {
  const decisions = new Map<string, EligibilityDecision>();
  if (claims.length === 0) return decisions;
  // independent loads: on PostgreSQL the history (the longest) takes a connection first and the
  // candidates' queries share another; on PGlite they queue, at no loss
  const [history, candidates] = await Promise.all([
    loadSubsidyHistory(
      db,
      claims.map((c) => c.person_id),
    ),
    candidatesFor(db, regions, claims),
  ]);
  const results = checkEligibilityBatch(candidates, history, options);
  claims.forEach((claim, index) => decisions.set(claim.id, results[index]!));
  return decisions;
}

/** The engine's view of each claim, in the order given. */
export async function candidatesFor(db: Db, regions: RegionsService, claims: readonly ClaimRow[]): Promise<SubsidyCandidate[]> {
  const personIds = [...new Set(claims.map((c) => c.person_id))];
  const classIds = [...new Set(claims.map((c) => c.class_id))];
  const certificateIds = claims.map((c) => c.certificate_id).filter((id): id is string => id !== null);
  // each answers one JSON array of text arrays: per-field decoding of 10,000-row results was most of
  // the time on PGlite (see loadSubsidyHistory)
  const [persons, classes, certificates] = await Promise.all([
    jsonRows<[id: string, hukouRegionCode: string, residenceRegionCode: string | null]>(
      db,
      sql`SELECT json_agg(ARRAY[id::text, hukou_region_code, residence_region_code]) FROM person
          WHERE id = any(${sql.val(personIds)}::uuid[])`,
    ),
    jsonRows<[id: string, venueRegionCode: string]>(
      db,
      sql`SELECT json_agg(ARRAY[id::text, venue_region_code]) FROM training_class WHERE id = any(${sql.val(classIds)}::uuid[])`,
    ),
    certificateIds.length === 0
      ? Promise.resolve([])
      : jsonRows<[id: string, certificateNo: string, status: 'valid' | 'revoked', issuedOn: string, enrolmentId: string]>(
          db,
          sql`SELECT json_agg(ARRAY[id::text, certificate_no, status, issued_on::text, enrolment_id::text]) FROM training_certificate
              WHERE id = any(${sql.val(certificateIds)}::uuid[])`,
        ),
  ]);
  const personById = new Map(persons.map(([id, hukou, residence]) => [id, { hukou, residence }]));
  const classById = new Map(classes.map(([id, venue]) => [id, venue]));
  const certificateById = new Map(
    certificates.map(([id, number, status, issuedOn, enrolmentId]) => [id, { number, status, issuedOn, enrolmentId }]),
  );
  const places = new Map<string, ReturnType<typeof placeOf>>();
  const place = (code: string) => {
    let found = places.get(code);
    if (!found) {
      found = placeOf(regions, code);
      places.set(code, found);
    }
    return found;
  };
  return claims.map((claim) => {
    const person = personById.get(claim.person_id);
    const venue = classById.get(claim.class_id);
    const certificate = claim.certificate_id ? certificateById.get(claim.certificate_id) : undefined;
    return {
      claimId: claim.id,
      personId: claim.person_id,
      enrolmentId: claim.enrolment_id,
      occupation: claim.occupation,
      skillLevel: claim.skill_level,
      trainingYear: claim.training_year,
      amountFen: Number(claim.amount_fen),
      // a certificate of another enrolment does not count for this training
      certificate:
        certificate && certificate.enrolmentId === claim.enrolment_id
          ? { number: certificate.number, status: certificate.status, issuedOn: certificate.issuedOn }
          : null,
      trainingPlace: place(venue ?? claim.county_code),
      places: {
        hukou: person ? place(person.hukou) : null,
        residence: person?.residence ? place(person.residence) : null,
        job_seeking: claim.job_seeking_region_code ? place(claim.job_seeking_region_code) : null,
      },
      otherFunding: claim.other_funding,
    };
  });
}

/** The one JSON array a `SELECT json_agg(…)` answers (none when no row matched). */
async function jsonRows<T>(db: Db, query: RawBuilder<unknown>): Promise<T[]> {
  const { rows } = await sql<{ json_agg: T[] | null }>`${query}`.execute(db);
  return rows[0]?.json_agg ?? [];
}

/** Keeps a decision: a subsidy_check row (kept for good) and the claim's latest decision. */
export async function recordCheck(
  trx: Db,
  claim: ClaimRow,
  decision: EligibilityDecision,
  context: 'submit' | 'recheck' | 'approve',
  checkedBy: string | null,
): Promise<void> {
  await trx
    .insertInto('subsidy_check')
    .values({
      claim_id: claim.id,
      county_code: claim.county_code,
      eligible: decision.eligible,
      rules: JSON.stringify(decision.rules),
      context,
      checked_by: checkedBy,
    })
    .execute();
  await trx
    .updateTable('subsidy_claim')
    .set({ eligibility: JSON.stringify(decision) })
    .where('id', '=', claim.id)
    .execute();
}
