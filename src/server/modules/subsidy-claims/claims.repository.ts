import { type Insertable, sql } from 'kysely';
import type { ClaimStatus } from '../../../shared/domain/subsidy-codes';
import { editableClaimStatuses, openClaimStatuses } from '../../../shared/domain/subsidy-codes';
import type { Db } from '../../db/database';
import type { SubsidyClaimTable } from '../../db/tables';

export interface ClaimListFilter {
  institutionId?: string;
  /** null: the whole province */
  countyCodes?: string[] | null;
  status?: ClaimStatus;
  classId?: string;
  countyCode?: string;
  year?: number;
  claimNo?: string;
  /** still with the institution and past its submission date on `today` */
  overdueOn?: string;
}

/** A claim with the names a list shows: trainee, class and institution. */
function claimWithNames(db: Db) {
  return db
    .selectFrom('subsidy_claim as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .innerJoin('training_class as k', 'k.id', 'c.class_id')
    .innerJoin('institution as i', 'i.id', 'c.institution_id')
    .selectAll('c')
    .select(['p.name as person_name', 'k.class_no', 'k.name as class_name', 'i.name as institution_name']);
}

export type ClaimWithNames = Awaited<ReturnType<typeof claimsRepository.list>>['rows'][number];

/** SQL of subsidy claims. Callers pass the transaction when they write. */
export const claimsRepository = {
  async list(db: Db, filter: ClaimListFilter, page: { page: number; pageSize: number }) {
    let query = claimWithNames(db);
    if (filter.institutionId) query = query.where('c.institution_id', '=', filter.institutionId);
    if (filter.countyCodes) query = query.where('c.county_code', 'in', filter.countyCodes.length > 0 ? filter.countyCodes : ['']);
    if (filter.status) query = query.where('c.status', '=', filter.status);
    if (filter.classId) query = query.where('c.class_id', '=', filter.classId);
    if (filter.countyCode) query = query.where('c.county_code', '=', filter.countyCode);
    if (filter.year) query = query.where('c.training_year', '=', filter.year);
    if (filter.claimNo) query = query.where('c.claim_no', 'like', `%${filter.claimNo.replace(/[%_\\]/g, (m) => `\\${m}`)}%`);
    if (filter.overdueOn) query = query.where('c.status', 'in', editableClaimStatuses).where('c.submit_due_on', '<', filter.overdueOn);
    const [rows, count] = await Promise.all([
      query
        .orderBy('c.created_at', 'desc')
        .orderBy('c.claim_no')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute(),
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  withNames(db: Db, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return claimWithNames(db).where('c.id', 'in', ids).orderBy('c.claim_no').execute();
  },

  ofClass(db: Db, classId: string) {
    return claimWithNames(db).where('c.class_id', '=', classId).orderBy('c.claim_no').execute();
  },

  /** The class with what a claim copies from its programme. */
  classForClaims(db: Db, classId: string) {
    return db
      .selectFrom('training_class as k')
      .innerJoin('catalogue_programme as g', 'g.id', 'k.programme_id')
      .select([
        'k.id',
        'k.county_code',
        'k.institution_id',
        'k.training_type',
        'k.training_year',
        'k.exam_on',
        'k.ends_on',
        'g.programme_code',
        'g.occupation',
        'g.skill_level',
      ])
      .where('k.id', '=', classId)
      .executeTakeFirstOrThrow();
  },

  /** Valid training certificates of a class whose roster line has no open claim yet. */
  certifiedWithoutClaim(db: Db, classId: string) {
    return db
      .selectFrom('training_certificate as t')
      .innerJoin('class_enrolment as e', 'e.id', 't.enrolment_id')
      .innerJoin('person as p', 'p.id', 't.person_id')
      .select(['t.id as certificate_id', 't.enrolment_id', 't.person_id', 'p.name as person_name'])
      .where('t.class_id', '=', classId)
      .where('t.status', '=', 'valid')
      .where('e.participant_kind', '=', 'person')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('subsidy_claim as c')
              .select('c.id')
              .whereRef('c.enrolment_id', '=', 't.enrolment_id')
              .where('c.status', 'in', openClaimStatuses),
          ),
        ),
      )
      .orderBy('t.certificate_no')
      .execute();
  },

  /** A class has assisting staff when a trainer teaches it as assistant or sign-language interpreter. */
  async assisted(db: Db, classId: string): Promise<boolean> {
    const row = await db
      .selectFrom('class_trainer')
      .select('id')
      .where('class_id', '=', classId)
      .where('role', 'in', ['assistant', 'interpreter'])
      .executeTakeFirst();
    return row !== undefined;
  },

  async nextClaimSerial(db: Db): Promise<number> {
    const { rows } = await sql<{ n: number | string }>`SELECT nextval('subsidy_claim_no_seq') AS n`.execute(db);
    return Number(rows[0]!.n);
  },

  insertClaim(db: Db, values: Insertable<SubsidyClaimTable>) {
    return db.insertInto('subsidy_claim').values(values).returningAll().executeTakeFirstOrThrow();
  },

  standard(db: Db, id: string) {
    return db.selectFrom('subsidy_standard').selectAll().where('id', '=', id).executeTakeFirst();
  },

  certificate(db: Db, id: string) {
    return db
      .selectFrom('training_certificate')
      .select(['id', 'certificate_no', 'status', 'enrolment_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /** Another open claim for the same training: the same roster line, or the same person in the same class. */
  otherOpenClaim(db: Db, claim: { id: string; enrolment_id: string; person_id: string; class_id: string }) {
    return db
      .selectFrom('subsidy_claim')
      .select(['id', 'claim_no'])
      .where('id', '!=', claim.id)
      .where('status', 'in', openClaimStatuses)
      .where((eb) =>
        eb.or([
          eb('enrolment_id', '=', claim.enrolment_id),
          eb.and([eb('person_id', '=', claim.person_id), eb('class_id', '=', claim.class_id)]),
        ]),
      )
      .executeTakeFirst();
  },

  checks(db: Db, claimId: string) {
    return db
      .selectFrom('subsidy_check as s')
      .leftJoin('app_user as u', 'u.id', 's.checked_by')
      .select(['s.id', 's.context', 's.eligible', 's.rules', 's.checked_at', 'u.display_name as checked_by_name'])
      .where('s.claim_id', '=', claimId)
      .orderBy('s.checked_at', 'desc')
      .execute();
  },

  events(db: Db, claimId: string) {
    return db.selectFrom('subsidy_claim_event').selectAll().where('claim_id', '=', claimId).orderBy('occurred_at').orderBy('id').execute();
  },

  certificateNo(db: Db, id: string) {
    return db.selectFrom('training_certificate').select('certificate_no').where('id', '=', id).executeTakeFirst();
  },
};
