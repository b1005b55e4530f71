/**
 * A baseline of the person-list benchmark: a bare Fastify route (no plugins, no session, no
 * schemas) answering `GET /api/persons` by replaying the statements PersonsService.list ran for
 * the benchmark's request (captured by person-registry.bench.ts, in the same groups) and laying the
 * page out with the same toSummary: the difference is what the platform adds. Its own process.
 *
 *   node --import tsx bench/bare-persons-server.ts <statements.json>     (DATA_DIR or DATABASE_URL, HOST, PORT)
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { CompiledQuery } from 'kysely';
import { todayInChina } from '../src/shared/domain/person-validation';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/database';
import { type PersonSummaryRow, toSummary } from '../src/server/modules/persons/person-record';
import { createRegionsRepository } from '../src/server/modules/regions/regions.repository';
import { RegionsService } from '../src/server/modules/regions/regions.service';

const groups = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { text: string; values: unknown[]; page: boolean }[][];
const config = loadConfig();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
const { db } = database;
const regions = new RegionsService(createRegionsRepository(db), config.PROVINCE_CODE);
await regions.load();
const workingAge = { min: config.WORKING_AGE_MIN, maxMale: config.WORKING_AGE_MAX_MALE, maxFemale: config.WORKING_AGE_MAX_FEMALE };

const app = Fastify();
app.get('/api/persons', async () => {
  let rows: PersonSummaryRow[] = [];
  for (const group of groups) {
    const results = await Promise.all(group.map((s) => db.executeQuery<PersonSummaryRow>(CompiledQuery.raw(s.text, s.values))));
    group.forEach((s, i) => {
      if (s.page) rows = results[i]!.rows;
    });
  }
  const view = { today: todayInChina(), workingAge, regionName: (code: string) => regions.get(code)?.name ?? code };
  return { items: rows.map((row) => toSummary(row, view)), total: rows.length };
});
app.get('/api/health', async () => ({ status: 'ok' }));

const close = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void close());
process.on('SIGINT', () => void close());
await app.listen({ port: config.PORT, host: config.HOST });
