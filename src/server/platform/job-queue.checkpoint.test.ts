import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/test-app';
import type { JobContext } from './job-queue';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { JOB_LEASE_SECONDS: '7' } });
});
afterAll(() => t.close());

async function job(id: string) {
  return t.database.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('a job checkpoint', () => {
  it('commits with the handler’s transaction, and the next run finds it in payload.checkpoint', async () => {
    const seen: unknown[] = [];
    t.services.jobs.register('test.checkpoint', async (context: JobContext) => {
      seen.push((context.job.payload as { checkpoint?: unknown }).checkpoint ?? null);
      await t.database.db.transaction().execute((trx) => context.checkpoint(trx, 40, { lastRow: 41, created: 40 }, 100));
      // the second transaction fails: its checkpoint goes with it
      await t.database.db
        .transaction()
        .execute(async (trx) => {
          await context.checkpoint(trx, 80, { lastRow: 81, created: 80 });
          throw new Error('batch failed');
        })
        .catch(() => undefined);
      const row = await job(context.job.id);
      seen.push({ progress: row.progress, total: row.total, checkpoint: (row.payload as { checkpoint: unknown }).checkpoint });
      return { done: true };
    });
    const id = await t.services.jobs.enqueue('test.checkpoint', { fileId: 'f' }, { ownerId: null });
    await t.services.jobs.idle();
    expect(seen).toEqual([null, { progress: 40, total: 100, checkpoint: { lastRow: 41, created: 40 } }]);
    const done = await job(id);
    expect(done.payload).toEqual({ fileId: 'f', checkpoint: { lastRow: 41, created: 40 } });
    expect(done.status).toBe('succeeded');
  });

  it('renews the lease by JOB_LEASE_SECONDS, and a running job whose lease ran out is taken over', async () => {
    let leaseSeconds = 0;
    t.services.jobs.register('test.lease', async (context) => {
      await t.database.db.transaction().execute((trx) => context.checkpoint(trx, 1, {}));
      const row = await t.database.db
        .selectFrom('job')
        .select(sql<number>`extract(epoch from locked_until - now())`.as('left'))
        .where('id', '=', context.job.id)
        .executeTakeFirstOrThrow();
      leaseSeconds = Number(row.left);
      return {};
    });
    // a job left "running" by a process that died: its lease ran out a second ago
    const orphan = await t.database.db
      .insertInto('job')
      .values({
        kind: 'test.lease',
        payload: JSON.stringify({}),
        status: 'running',
        locked_until: sql`now() - interval '1 second'`,
        attempts: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    t.services.jobs.kick();
    await t.services.jobs.idle();
    expect(leaseSeconds).toBeGreaterThan(5);
    expect(leaseSeconds).toBeLessThanOrEqual(7);
    expect(await job(orphan.id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });
});
