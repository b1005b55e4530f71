/**
 * The baseline of the users-list benchmark: a bare Fastify route (no plugins, no session, no
 * schemas) answering `GET /api/users?pageSize=20` with the same rows from the same SQL the users
 * repository runs, scoped to the same region codes. Started by run-bench.ts as its own process.
 *
 *   node --import tsx bench/bare-users-server.ts <scope region code>     (DATA_DIR or DATABASE_URL, HOST, PORT)
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/database';
import { createRegionsRepository } from '../src/server/modules/regions/regions.repository';
import { RegionsService } from '../src/server/modules/regions/regions.service';

const scopeRoot = process.argv[2] ?? '620102';
const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
const { db } = database;
const regions = new RegionsService(createRegionsRepository(db), config.PROVINCE_CODE);
await regions.load();
const scope = [...regions.subtree(scopeRoot)];
const lock = { windowMinutes: config.LOGIN_LOCK_MINUTES, maxFailures: config.LOGIN_MAX_FAILURES };

async function listUsers(page: number, pageSize: number) {
  const ids = db.selectFrom('app_user as u').where('u.region_code', 'in', scope);
  const [rows, count] = await Promise.all([
    db
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
      ])
      .where('u.id', 'in', ids.select('u.id'))
      .orderBy('u.created_at', 'desc')
      .orderBy('u.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    ids.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      kind: row.kind,
      roles: row.roles,
      regionCode: row.region_code,
      regionName: row.region_name,
      organizationName: row.organization_name,
      status: row.status,
      locked: row.locked,
      totpEnabled: row.totp_enabled,
      mustChangePassword: row.must_change_password,
      lastLoginAt: row.last_login_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    })),
    total: Number(count.n),
    page,
    pageSize,
  };
}

const app = Fastify();
app.get<{ Querystring: { page?: string; pageSize?: string } }>('/api/users', async (request) =>
  listUsers(Number(request.query.page ?? 1), Number(request.query.pageSize ?? 20)),
);
app.get('/api/health', async () => ({ status: 'ok' }));

const close = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void close());
process.on('SIGINT', () => void close());
await app.listen({ port: config.PORT, host: config.HOST });
