/**
 * The baseline of the users-list benchmark: a bare Fastify route (no plugins, no session, no
 * schemas) answering `GET /api/users?pageSize=20` with the same rows from the users repository's own
 * query, scoped to the same region codes: the difference is what the platform adds. Started by run-bench.ts as its own process.
 *
 *   node --import tsx bench/bare-users-server.ts <scope region code>     (DATA_DIR or DATABASE_URL, HOST, PORT)
 */
import Fastify from 'fastify';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/database';
import { createRegionsRepository } from '../src/server/modules/regions/regions.repository';
import { RegionsService } from '../src/server/modules/regions/regions.service';
import { usersRepository } from '../src/server/modules/users/users.repository';
import { toSummary } from '../src/server/modules/users/users.service';

const scopeRoot = process.argv[2] ?? '620102';
const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
const { db } = database;
const regions = new RegionsService(createRegionsRepository(db), config.PROVINCE_CODE);
await regions.load();
const scope = [...regions.subtree(scopeRoot)];
const lock = { windowMinutes: config.LOGIN_LOCK_MINUTES, maxFailures: config.LOGIN_MAX_FAILURES };

async function listUsers(page: number, pageSize: number) {
  const { rows, total } = await usersRepository.list(db, { scopeCodes: scope, page, pageSize }, lock);
  return { items: rows.map(toSummary), total, page, pageSize };
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
