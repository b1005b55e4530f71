import { type Kysely, type Selectable, sql } from 'kysely';
import type { AccessibilityFeature, InstitutionKind, InstitutionStatus } from '../../../shared/domain/institution-codes';
import type { InstitutionTable, Tables } from '../../db/tables';

export interface InstitutionListFilter {
  /** county codes the list may show; null for the whole province */
  countyCodes: string[] | null;
  /** an institution account sees its own institution only */
  institutionId?: string | undefined;
  q?: string | undefined;
  kind?: InstitutionKind | undefined;
  status?: InstitutionStatus | undefined;
  accessibility?: AccessibilityFeature | undefined;
  page: number;
  pageSize: number;
}

/** The columns a staff member writes (the rest are kept by the service and the database). */
export type InstitutionColumns = Pick<
  Selectable<InstitutionTable>,
  | 'county_code'
  | 'name'
  | 'kind'
  | 'credit_code'
  | 'address'
  | 'contact_name'
  | 'contact_phone'
  | 'accessibility'
  | 'accessibility_note'
  | 'occupations'
  | 'remarks'
>;

export type ProfileColumns = Pick<
  InstitutionColumns,
  'contact_name' | 'contact_phone' | 'accessibility' | 'accessibility_note' | 'occupations'
>;

function escapeLike(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const accountColumns = [
  'id',
  'username',
  'display_name',
  'institution_admin',
  'status',
  'must_change_password',
  'last_login_at',
  'created_at',
  'region_code',
] as const;

/** SQL only; every function takes the executor so the service can pass its transaction. */
export const institutionsRepository = {
  async list(db: Kysely<Tables>, filter: InstitutionListFilter) {
    let query = db.selectFrom('institution');
    if (filter.countyCodes) query = query.where('county_code', 'in', filter.countyCodes.length ? filter.countyCodes : ['']);
    if (filter.institutionId) query = query.where('id', '=', filter.institutionId);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.accessibility) query = query.where(sql<boolean>`accessibility @> ARRAY[${filter.accessibility}]::text[]`);
    if (filter.q) {
      const like = escapeLike(filter.q);
      query = query.where((eb) => eb.or([eb('name', 'ilike', like), eb('credit_code', '=', filter.q!.toUpperCase())]));
    }
    const [rows, count] = await Promise.all([
      query
        .selectAll()
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  /** Drafts in the counties: registered, not yet put on notice. */
  async countAwaitingNotice(db: Kysely<Tables>, countyCodes: string[] | null): Promise<number> {
    let query = db.selectFrom('institution').where('status', '=', 'draft');
    if (countyCodes) query = query.where('county_code', 'in', countyCodes.length ? countyCodes : ['']);
    const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  findById(db: Kysely<Tables>, id: string) {
    return db.selectFrom('institution').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The row, locked for the rest of the caller's transaction. */
  lockById(db: Kysely<Tables>, id: string) {
    return db.selectFrom('institution').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  findByCreditCode(db: Kysely<Tables>, creditCode: string) {
    return db.selectFrom('institution').select(['id', 'name', 'county_code']).where('credit_code', '=', creditCode).executeTakeFirst();
  },

  insert(db: Kysely<Tables>, values: InstitutionColumns & { created_by: string }) {
    return db
      .insertInto('institution')
      .values({ ...values, updated_by: values.created_by })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Writes the changes only if the row is still at `version`; undefined when someone else saved first. */
  update(
    db: Kysely<Tables>,
    id: string,
    version: number,
    changes: Partial<InstitutionColumns> & { status?: InstitutionStatus; updated_by: string },
  ) {
    return db
      .updateTable('institution')
      .set({ ...changes, version: version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** A status change decided elsewhere (the notice's outcome), only from the expected status. */
  async setStatusFrom(db: Kysely<Tables>, id: string, from: InstitutionStatus, to: InstitutionStatus): Promise<boolean> {
    const result = await db
      .updateTable('institution')
      .set((eb) => ({ status: to, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  // ------------------------------------------------------------------ accounts of an institution

  /** The institution an account acts for, and whether it administers the institution's accounts. */
  membership(db: Kysely<Tables>, userId: string) {
    return db.selectFrom('app_user').select(['institution_id', 'institution_admin', 'kind']).where('id', '=', userId).executeTakeFirst();
  },

  /** The institution an account acts for, or null (staff, or an institution account not yet linked). */
  async institutionOfAccount(db: Kysely<Tables>, userId: string) {
    const row = await db
      .selectFrom('app_user as u')
      .innerJoin('institution as i', 'i.id', 'u.institution_id')
      .select(['i.id', 'i.name', 'i.county_code', 'i.status'])
      .where('u.id', '=', userId)
      .executeTakeFirst();
    return row ?? null;
  },

  accounts(db: Kysely<Tables>, institutionId: string) {
    return db
      .selectFrom('app_user')
      .select(accountColumns)
      .where('institution_id', '=', institutionId)
      .where('kind', '=', 'institution')
      .orderBy('institution_admin', 'desc')
      .orderBy('created_at')
      .execute();
  },

  account(db: Kysely<Tables>, institutionId: string, accountId: string) {
    return db
      .selectFrom('app_user')
      .select(accountColumns)
      .where('id', '=', accountId)
      .where('institution_id', '=', institutionId)
      .where('kind', '=', 'institution')
      .executeTakeFirst();
  },

  async activeAdminCount(db: Kysely<Tables>, institutionId: string): Promise<number> {
    const row = await db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('institution_id', '=', institutionId)
      .where('institution_admin', '=', true)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The institution's name and county follow onto its accounts (shown on screens and used for scope). */
  async syncAccounts(db: Kysely<Tables>, institutionId: string, name: string, countyCode: string): Promise<void> {
    await db
      .updateTable('app_user')
      .set({ organization_name: name, region_code: countyCode, updated_at: new Date() })
      .where('institution_id', '=', institutionId)
      .execute();
  },

  /** Closing an institution disables its accounts; answers their ids (their sessions end too). */
  async disableAccounts(db: Kysely<Tables>, institutionId: string): Promise<string[]> {
    const rows = await db
      .updateTable('app_user')
      .set({ status: 'disabled', updated_at: new Date() })
      .where('institution_id', '=', institutionId)
      .where('status', '=', 'active')
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  },
};

export type InstitutionRow = NonNullable<Awaited<ReturnType<typeof institutionsRepository.findById>>>;
export type AccountRow = NonNullable<Awaited<ReturnType<typeof institutionsRepository.account>>>;
