import { type Kysely, sql } from 'kysely';
import type { AppUserUpdate, NewAppUser, Tables } from '../../db/tables';

export interface UserListFilter {
  scopeCodes: string[] | null;
  regionCodes?: string[] | undefined;
  q?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  page: number;
  pageSize: number;
}

export interface LockPolicy {
  maxFailures: number;
  windowMinutes: number;
}

function userColumns(db: Kysely<Tables>, lock: LockPolicy) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.code', 'u.region_code')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.kind',
      'u.roles',
      'u.region_code',
      'r.name as region_name',
      'u.organization_name',
      'u.status',
      'u.totp_enabled',
      'u.must_change_password',
      'u.last_login_at',
      'u.created_at',
      sql<boolean>`(
        SELECT count(*) FROM login_failure f
        WHERE f.username = lower(u.username)
          AND f.occurred_at > greatest(now() - make_interval(mins => ${lock.windowMinutes}), coalesce(u.lock_reset_at, '-infinity'::timestamptz))
      ) >= ${lock.maxFailures}`.as('locked'),
    ]);
}

export type UserListRow = Awaited<ReturnType<ReturnType<typeof userColumns>['executeTakeFirstOrThrow']>>;

/** Every query takes the executor, so a service can run it inside its transaction. */
export const usersRepository = {
  async list(db: Kysely<Tables>, filter: UserListFilter, lock: LockPolicy): Promise<{ rows: UserListRow[]; total: number }> {
    let query = db.selectFrom('app_user as u');
    if (filter.scopeCodes) query = query.where('u.region_code', 'in', filter.scopeCodes);
    if (filter.regionCodes) query = query.where('u.region_code', 'in', filter.regionCodes);
    if (filter.kind) query = query.where('u.kind', '=', filter.kind as never);
    if (filter.status) query = query.where('u.status', '=', filter.status as never);
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
    }
    const ids = query.select('u.id');
    const [rows, count] = await Promise.all([
      userColumns(db, lock)
        .where('u.id', 'in', ids)
        .orderBy('u.created_at', 'desc')
        .orderBy('u.id')
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  findById(db: Kysely<Tables>, id: string, lock: LockPolicy): Promise<UserListRow | undefined> {
    return userColumns(db, lock).where('u.id', '=', id).executeTakeFirst();
  },

  async usernameTaken(db: Kysely<Tables>, username: string): Promise<boolean> {
    const row = await db
      .selectFrom('app_user')
      .select('id')
      .where(sql<string>`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
    return row !== undefined;
  },

  async insert(db: Kysely<Tables>, user: NewAppUser): Promise<string> {
    const row = await db.insertInto('app_user').values(user).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  async update(db: Kysely<Tables>, id: string, changes: AppUserUpdate): Promise<void> {
    await db
      .updateTable('app_user')
      .set({ ...changes, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  async countLocked(db: Kysely<Tables>, scopeCodes: string[] | null, lock: LockPolicy): Promise<number> {
    let query = userColumns(db, lock);
    if (scopeCodes) query = query.where('u.region_code', 'in', scopeCodes);
    const rows = await db
      .selectFrom(query.as('x'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('x.locked', '=', true)
      .executeTakeFirstOrThrow();
    return Number(rows.n);
  },
};
