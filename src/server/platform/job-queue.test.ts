import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { buildTestApp, type TestApp, type TestClient } from '../testing/test-app';

let t: TestApp;
let ownerId: string;
let owner: TestClient; // xueyuan.demo, trainee in 620102
const gates = new Map<string, () => void>();
const runs = new Map<string, number>();

beforeAll(async () => {
  t = await buildTestApp();
  const { jobs } = t.services;
  // waits at 3 of 10 until the test opens its gate
  jobs.register('test.gated', async ({ job, progress }) => {
    await progress(3, 10);
    await new Promise<void>((resolve) => gates.set(job.id, resolve));
    await progress(10, 10);
    return { imported: 10 };
  });
  jobs.register('test.counted', async ({ job, progress }) => {
    runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
    for (let i = 1; i <= 50; i++) await progress(i, 50);
    return { rows: 50, payload: job.payload };
  });
  jobs.register('test.crash', async () => {
    throw new Error('ECONNRESET while reading /srv/secret/path');
  });
  jobs.register('test.refuse', async () => {
    throw new AppError('VALIDATION_FAILED', '第 3 行：身份证号校验位不正确');
  });
  ownerId = await t.userId('xueyuan.demo');
  owner = await t.loginAs('xueyuan.demo');
});
afterAll(async () => {
  for (const open of gates.values()) open();
  await t.close();
});

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function enqueue(kind: string, payload: Record<string, unknown> = {}) {
  return t.services.jobs.enqueue(kind, payload, { ownerId, regionCode: '620102' });
}

describe('a job', () => {
  it('shows its progress through GET /api/jobs/:id while it runs, then its result', async () => {
    const id = await enqueue('test.gated', { file: 'x.xlsx' });
    const running = await until(
      async () => (await owner.get(`/api/jobs/${id}`)).json(),
      (job) => job.status === 'running' && job.progress === 3,
      'progress 3 of 10',
    );
    expect(running).toMatchObject({ id, kind: 'test.gated', status: 'running', progress: 3, total: 10, result: null, error: null });
    await until(async () => gates.has(id), Boolean, 'the handler to wait');
    gates.get(id)!();
    await t.services.jobs.idle();

    const done = await owner.get(`/api/jobs/${id}`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'succeeded', progress: 10, total: 10, result: { imported: 10 }, error: null });
    // the payload (which may hold personal data) is not part of the answer
    expect(Object.keys(done.json()).sort()).toEqual([
      'createdAt',
      'error',
      'id',
      'kind',
      'progress',
      'result',
      'status',
      'total',
      'updatedAt',
    ]);
  });

  it('records the last progress even when updates come faster than they are written', async () => {
    const id = await enqueue('test.counted');
    await t.services.jobs.idle();
    expect((await owner.get(`/api/jobs/${id}`)).json()).toMatchObject({
      status: 'succeeded',
      progress: 50,
      total: 50,
      result: { rows: 50 },
    });
    expect(runs.get(id)).toBe(1);
  });

  it('fails with a masked message when the handler crashes', async () => {
    const id = await enqueue('test.crash');
    await t.services.jobs.idle();
    const job = (await owner.get(`/api/jobs/${id}`)).json();
    expect(job).toMatchObject({ status: 'failed', error: '任务执行失败', result: null });
    expect(JSON.stringify(job)).not.toContain('secret');
  });

  it('fails with the message of an application error, written for people', async () => {
    const id = await enqueue('test.refuse');
    await t.services.jobs.idle();
    expect((await owner.get(`/api/jobs/${id}`)).json()).toMatchObject({ status: 'failed', error: '第 3 行：身份证号校验位不正确' });
  });

  it('cannot be queued for a kind without a handler', async () => {
    await expect(t.services.jobs.enqueue('test.unknown', {})).rejects.toThrow(/no handler/);
  });
});

describe('leases', () => {
  async function insertRunning(lockedUntil: string) {
    const row = await t.database.db
      .insertInto('job')
      .values({
        kind: 'test.counted',
        payload: JSON.stringify({ crashed: true }),
        owner_id: ownerId,
        region_code: '620102',
        status: 'running',
        attempts: 1,
        locked_until: sql`now() + ${sql.raw(`interval '${lockedUntil}'`)}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('picks up again a running job whose lease has expired (its process died)', async () => {
    await t.services.jobs.idle();
    const id = await insertRunning('-1 minute');
    t.services.jobs.kick();
    await t.services.jobs.idle();
    const row = await t.database.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'succeeded', attempts: 2, progress: 50, locked_until: null });
    expect(runs.get(id)).toBe(1);
  });

  it('leaves alone a running job whose lease is still held', async () => {
    await t.services.jobs.idle();
    const id = await insertRunning('1 hour');
    t.services.jobs.kick();
    await t.services.jobs.idle();
    const row = await t.database.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'running', attempts: 1 });
    expect(runs.has(id)).toBe(false);
    await t.database.db.updateTable('job').set({ status: 'failed', locked_until: null }).where('id', '=', id).execute();
  });
});

describe('who may read a job', () => {
  let id: string;
  beforeAll(async () => {
    id = await enqueue('test.counted');
    await t.services.jobs.idle();
  });

  it('its owner and staff whose scope covers its region', async () => {
    expect((await owner.get(`/api/jobs/${id}`)).statusCode).toBe(200);
    expect((await (await t.loginAs('chengguan.dengji')).get(`/api/jobs/${id}`)).statusCode).toBe(200);
    expect((await (await t.loginAs('lanzhou.shenhe')).get(`/api/jobs/${id}`)).statusCode).toBe(200);
  });

  it('nobody else: another user gets 404', async () => {
    for (const username of ['jigou.demo', 'qiye.demo', 'qilihe.dengji']) {
      const res = await (await t.loginAs(username)).get(`/api/jobs/${id}`);
      expect(res.statusCode, username).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
      expect(res.body).not.toContain('test.counted');
    }
    await t.createAccount({ username: 'other.trainee', kind: 'trainee', regionCode: '620102' });
    expect((await (await t.loginAs('other.trainee')).get(`/api/jobs/${id}`)).statusCode).toBe(404);
  });

  it('an unknown id is 404 and a malformed id 400', async () => {
    expect((await owner.get('/api/jobs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await owner.get('/api/jobs/42')).statusCode).toBe(400);
  });
});
