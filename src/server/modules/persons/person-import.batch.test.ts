/**
 * The import's batch path (one statement for a batch's new persons, decisions taken from batch
 * lookups) must do exactly what PersonsService.upsert does row by row. The same scenario runs on
 * three fresh databases: the reference (every row through upsert), the batch path with batches of
 * three rows (duplicates inside and across batches), and the batch path with one batch. The dry
 * run of the same file must predict it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../shared/contracts/persons-contracts';
import { multipart } from '../../testing/multipart';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { goodRow, inTemplateOrder, readErrorFile, xlsx, type FixtureRow } from './person-import-fixtures';
import { PERSON_IMPORT_JOB, PersonImportService, type PersonImportOptions } from './person-import.service';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

interface Outcome {
  dry: ImportSummary;
  dryLines: unknown[];
  real: ImportSummary;
  lines: unknown[];
  persons: unknown[];
}

async function run(options: PersonImportOptions): Promise<Outcome> {
  const t = await buildTestApp();
  apps.push(t);
  const { db } = t.database;
  const s = t.services;
  const service = new PersonImportService(db, s.persons, s.regions, s.files, s.jobs, s.audit, t.config, options);
  s.jobs.register(PERSON_IMPORT_JOB, (context) => service.run(context));
  const [chengguan, qilihe] = await Promise.all([t.loginAs('chengguan.dengji'), t.loginAs('qilihe.dengji')]);

  const importRows = async (client: TestClient, items: FixtureRow[], dryRun = false) => {
    const { payload, headers } = multipart([{ filename: 'x.xlsx', content: await xlsx(items.map((r) => inTemplateOrder(r))) }]);
    const fileId = (await client.request({ method: 'POST', url: '/api/files', payload, headers })).json().id as string;
    const { jobId } = (await client.post('/api/persons/import', { fileId, strategy: 'create_and_update', dryRun })).json() as {
      jobId: string;
    };
    await s.jobs.idle();
    const job = (await client.get(`/api/jobs/${jobId}`)).json() as { status: string; error: string | null; result: ImportSummary };
    expect(job.status, job.error ?? '').toBe('succeeded');
    const lines = job.result.errorFileId
      ? (await readErrorFile((await client.get(`/api/files/${job.result.errorFileId}`)).rawPayload)).lines
      : [];
    return { summary: job.result, lines };
  };

  // what is registered before the file comes
  const p = (n: number, overrides: FixtureRow = {}) => goodRow(n, overrides);
  const legacy = (n: number, number: string): FixtureRow => p(n, { certificateNumber: number, certificateLegacy: '是' });
  await importRows(chengguan, [p(1, { phone: '13900000001' }), p(2), legacy(4, 'GS-000001'), p(5), p(6)]);
  await importRows(qilihe, [p(3, { countyCode: '620103' })]);
  const index = (n: number) => s.persons.crypto.blindIndex(String(p(n).idNumber));
  const survivor = await db.selectFrom('person').select('id').where('id_number_index', '=', index(6)).executeTakeFirstOrThrow();
  await db.updateTable('person').set({ status: 'merged', merged_into: survivor.id }).where('id_number_index', '=', index(5)).execute();

  const file: FixtureRow[] = [
    p(101), // new
    p(1, { phone: '13900000002' }), // updated
    p(101), // the new person again, same batch: unchanged
    p(2), // unchanged
    legacy(102, 'GS-000001'), // new, but the certificate is P4's: refused
    p(3, { countyCode: '620102' }), // registered in another county: refused
    p(5, { remarks: '并入后更新', certificateNumber: null }), // merged record: its survivor P6 is updated
    legacy(103, 'GS-000002'), // new
    legacy(104, 'GS-000002'), // new, certificate just taken by the row above: refused
    { ...legacy(4, 'GS-000003') }, // P4 moves to another certificate, freeing GS-000001
    legacy(105, 'GS-000001'), // now free: created
    p(101, { name: '改了名字' }), // the new person, updated in a later batch
    p(106, { countyCode: '620103' }), // out of scope: refused
    p(107, { name: '坏3' }), // invalid: refused
    p(1, { phone: '13900000002' }), // updated above: unchanged
    p(108),
    p(5), // the merged record's own certificate onto the survivor: the unique index refuses it, the batch goes on
    p(5, { remarks: '并入后更新', certificateNumber: null }), // as above, after the update: unchanged
  ];
  const dry = await importRows(chengguan, file, true);
  const real = await importRows(chengguan, file);
  const persons = await db
    .selectFrom('person')
    .select(['id', 'id_number_sealed', 'certificate_sealed', 'name', 'phone', 'county_code', 'remarks', 'status', 'version'])
    .execute();
  const changes = await db.selectFrom('person_change').select(['person_id', 'kind', 'fields', 'source']).execute();
  const employment = await db.selectFrom('person_employment').select(['person_id', 'employment_status']).execute();
  // each test database has its own keys: compare the numbers, not their indexes
  const open = (sealed: Buffer | null) => (sealed ? s.persons.crypto.open(sealed) : null);
  const snapshot = persons.map(({ id, id_number_sealed, certificate_sealed, ...person }) => ({
    idNumber: open(id_number_sealed),
    certificateNumber: open(certificate_sealed),
    ...person,
    // the row a change came from (import:<job>:<row>) without the job id, which differs between runs
    // (one batch is one transaction: its changes share a timestamp, so they are put in file order here)
    changes: changes
      .filter((c) => c.person_id === id)
      .map((c) => ({
        row: Number(/^import:[^:]+:(\d+)$/.exec(c.source ?? '')?.[1] ?? 0),
        text: `${c.kind}:${[...c.fields].sort().join(',')}`,
      }))
      .sort((a, b) => a.row - b.row)
      .map((c) => `${c.text} (row ${c.row})`),
    employment: employment.filter((e) => e.person_id === id).length,
  }));
  snapshot.sort((a, b) => a.idNumber!.localeCompare(b.idNumber!));
  const strip = ({ errorFileId: _e, dryRun: _d, ...rest }: ImportSummary) => rest as ImportSummary;
  return { dry: strip(dry.summary), dryLines: dry.lines, real: strip(real.summary), lines: real.lines, persons: snapshot };
}

describe('the batch path', () => {
  it('does what upsert does row by row, and the dry run predicts it', { timeout: 120_000 }, async () => {
    const reference = await run({ batchInserts: false, batchSize: 3 });
    expect(reference.real).toEqual({ rows: 18, created: 4, updated: 4, unchanged: 4, refused: 6 });
    expect(reference.lines.map((l) => (l as unknown[]).slice(0, 2))).toEqual([
      [6, '残疾人证号'],
      [7, '身份证号'],
      [10, '残疾人证号'],
      [14, '登记县区代码'],
      [15, '姓名'],
      [18, '残疾人证号'],
    ]);

    const smallBatches = await run({ batchSize: 3 });
    const oneBatch = await run({ batchSize: 1000 });
    for (const outcome of [smallBatches, oneBatch]) {
      expect(outcome.real).toEqual(reference.real);
      expect(outcome.lines).toEqual(reference.lines);
      expect(outcome.persons).toEqual(reference.persons);
    }
    for (const outcome of [reference, smallBatches, oneBatch]) {
      expect(outcome.dry).toEqual(outcome.real);
      expect(outcome.dryLines).toEqual(outcome.lines);
    }
  });
});
