import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { AppUserRow, AppUserUpdate, Tables } from '../../db/tables';
import type { Selectable } from 'kysely';

export type SessionRow = Selectable<Tables['user_session']>;

export function createAuthRepository(db: Db) {
  return {
    findUserByUsername(username: string): Promise<AppUserRow | undefined> {
      return db
        .selectFrom('app_user')
        .selectAll()
        .where(sql<string>`lower(username)`, '=', username.toLowerCase())
        .executeTakeFirst();
    },

    findUserById(id: string): Promise<AppUserRow | undefined> {
      return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async updateUser(id: string, changes: AppUserUpdate): Promise<void> {
      await db
        .updateTable('app_user')
        .set({ ...changes, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },

    async countFailures(username: string, since: Date): Promise<number> {
      const row = await db
        .selectFrom('login_failure')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('username', '=', username.toLowerCase())
        .where('occurred_at', '>', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async countIpFailures(ip: string, since: Date): Promise<number> {
      const row = await db
        .selectFrom('login_failure')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('ip', '=', ip)
        .where('occurred_at', '>', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async recordFailure(username: string, ip: string): Promise<void> {
      await db.insertInto('login_failure').values({ username: username.toLowerCase(), ip }).execute();
    },

    async createSession(row: Omit<SessionRow, 'created_at' | 'ended_at'>): Promise<void> {
      await db.insertInto('user_session').values(row).execute();
    },

    /** The live session of a token with its account, in one round trip: every API request asks this first. */
    async findSessionWithUser(tokenHash: string): Promise<{ session: SessionRow; user: AppUserRow } | undefined> {
      const row = await db
        .selectFrom('user_session as s')
        .innerJoin('app_user as u', 'u.id', 's.user_id')
        .selectAll('u')
        .select([
          's.token_hash as s_token_hash',
          's.user_id as s_user_id',
          's.stage as s_stage',
          's.view_region_code as s_view_region_code',
          's.idle_timeout_seconds as s_idle_timeout_seconds',
          's.created_at as s_created_at',
          's.last_seen_at as s_last_seen_at',
          's.expires_at as s_expires_at',
          's.ended_at as s_ended_at',
          's.ip as s_ip',
          's.user_agent as s_user_agent',
        ])
        .where('s.token_hash', '=', tokenHash)
        .where('s.ended_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      const {
        s_token_hash,
        s_user_id,
        s_stage,
        s_view_region_code,
        s_idle_timeout_seconds,
        s_created_at,
        s_last_seen_at,
        s_expires_at,
        s_ended_at,
        s_ip,
        s_user_agent,
        ...user
      } = row;
      const session: SessionRow = {
        token_hash: s_token_hash,
        user_id: s_user_id,
        stage: s_stage,
        view_region_code: s_view_region_code,
        idle_timeout_seconds: s_idle_timeout_seconds,
        created_at: s_created_at,
        last_seen_at: s_last_seen_at,
        expires_at: s_expires_at,
        ended_at: s_ended_at,
        ip: s_ip,
        user_agent: s_user_agent,
      };
      return { session, user };
    },

    async updateSession(
      tokenHash: string,
      changes: Partial<Pick<SessionRow, 'stage' | 'view_region_code' | 'last_seen_at'>>,
    ): Promise<void> {
      await db.updateTable('user_session').set(changes).where('token_hash', '=', tokenHash).execute();
    },

    async endSession(tokenHash: string): Promise<void> {
      await db
        .updateTable('user_session')
        .set({ ended_at: new Date() })
        .where('token_hash', '=', tokenHash)
        .where('ended_at', 'is', null)
        .execute();
    },

    async endUserSessions(userId: string, exceptTokenHash?: string): Promise<void> {
      let query = db.updateTable('user_session').set({ ended_at: new Date() }).where('user_id', '=', userId).where('ended_at', 'is', null);
      if (exceptTokenHash) query = query.where('token_hash', '<>', exceptTokenHash);
      await query.execute();
    },

    /** Housekeeping: failures older than any lock window and long-ended sessions. */
    async prune(before: Date): Promise<void> {
      await db.deleteFrom('login_failure').where('occurred_at', '<', before).execute();
      await db
        .deleteFrom('user_session')
        .where((eb) => eb.or([eb('ended_at', '<', before), eb('expires_at', '<', before)]))
        .execute();
    },
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
