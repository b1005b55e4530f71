import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/demo-seed';
import type { AuditLogRow } from '../db/tables';
import { buildTestApp, type TestApp, type TestClient } from '../testing/test-app';
import { chainHash } from './audit-trail';

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.loginAs('secadmin');
});
afterAll(() => t.close());

/** Runs statements as the superuser with the insert-only triggers off, the way an intruder with DBA rights would. */
async function behindTheApp(
  statements: (trx: Parameters<Parameters<ReturnType<TestApp['database']['db']['transaction']>['execute']>[0]>[0]) => Promise<void>,
) {
  await t.database.db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(trx);
    await statements(trx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(trx);
  });
}

function expectChained(rows: AuditLogRow[], previous: AuditLogRow | undefined) {
  let prev = previous;
  for (const row of rows) {
    if (prev) {
      expect(row.seq).toBe(prev.seq + 1);
      expect(row.prev_hash).toBe(prev.hash);
    }
    expect(chainHash(row)).toBe(row.hash);
    prev = row;
  }
}

async function lastRow(): Promise<AuditLogRow | undefined> {
  return t.database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

describe('every write adds one chained row', () => {
  it('for account administration and sign-in events', async () => {
    const steps: [string, () => Promise<unknown>][] = [];
    let userId = '';
    steps.push([
      'users.create',
      async () => {
        const res = await admin.post('/api/users', {
          username: 'chain.user',
          displayName: '链测试',
          kind: 'staff',
          regionCode: '620102',
          roles: ['registrar'],
        });
        expect(res.statusCode, res.body).toBe(200);
        userId = res.json().user.id;
      },
    ]);
    steps.push([
      'users.update',
      async () => expect((await admin.patch(`/api/users/${userId}`, { displayName: '链测试二' })).statusCode).toBe(200),
    ]);
    steps.push([
      'users.disable',
      async () => expect((await admin.post(`/api/users/${userId}/disable`, { reason: '测试停用' })).statusCode).toBe(200),
    ]);
    steps.push([
      'users.enable',
      async () => expect((await admin.post(`/api/users/${userId}/enable`, { reason: '测试启用' })).statusCode).toBe(200),
    ]);
    steps.push([
      'users.unlock',
      async () => expect((await admin.post(`/api/users/${userId}/unlock`, { reason: '测试解锁' })).statusCode).toBe(200),
    ]);
    steps.push([
      'users.reset-totp',
      async () => expect((await admin.post(`/api/users/${userId}/reset-totp`, { reason: '测试重置' })).statusCode).toBe(200),
    ]);
    steps.push([
      'users.reset-password',
      async () => expect((await admin.post(`/api/users/${userId}/reset-password`, { reason: '测试重置' })).statusCode).toBe(200),
    ]);
    const c = t.client();
    steps.push([
      'auth.login',
      async () => expect((await c.post('/api/auth/login', { username: 'chengguan.dengji', password: DEMO_PASSWORD })).statusCode).toBe(200),
    ]);
    steps.push(['auth.logout', async () => expect((await c.post('/api/auth/logout', {})).statusCode).toBe(200)]);

    for (const [action, step] of steps) {
      const before = await lastRow();
      await step();
      const added = await t.auditSince(before?.seq ?? 0);
      expect(
        added.map((r) => r.action),
        action,
      ).toEqual([action]);
      expect(added[0]).toMatchObject({ outcome: 'success', ip: expect.any(String), request_id: expect.any(String) });
      expectChained(added, before);
    }
    expect(await t.services.audit.verify()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('names the actor and the target of an administrative write', async () => {
    const row = (await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'users.update')
      .orderBy('seq', 'desc')
      .executeTakeFirst())!;
    expect(row).toMatchObject({
      actor_name: 'secadmin',
      actor_id: await t.userId('secadmin'),
      target_type: 'user',
      target_id: await t.userId('chain.user'),
      region_code: '620102',
    });
  });

  it('keeps passwords out of the trail', async () => {
    const all = await t.database.db.selectFrom('audit_log').selectAll().execute();
    expect(all.length).toBeGreaterThan(5);
    expect(JSON.stringify(all)).not.toContain(DEMO_PASSWORD);
  });

  it('stays one unbroken chain under concurrent appends', async () => {
    const before = await lastRow();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.services.audit.record({ action: 'test.concurrent', outcome: 'success', details: { i } })),
    );
    const added = await t.auditSince(before!.seq);
    expect(added).toHaveLength(20);
    expectChained(added, before);
    expect((await t.services.audit.verify()).ok).toBe(true);
  });
});

describe('verify', () => {
  it('passes on a clean chain and counts every row', async () => {
    const outcome = await t.services.audit.verify();
    const last = await lastRow();
    expect(outcome).toEqual({ ok: true, checked: last!.seq, firstBroken: null });
  });

  it('walks the chain in batches', async () => {
    const last = await lastRow();
    expect(await t.services.audit.verify(3)).toEqual({ ok: true, checked: last!.seq, firstBroken: null });
  });

  it('names the seq of an edited row', async () => {
    const target = (await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'users.disable').executeTakeFirst())!;
    try {
      await behindTheApp((trx) =>
        sql`UPDATE audit_log SET actor_name = 'someone.else' WHERE seq = ${target.seq}`.execute(trx).then(() => undefined),
      );
      const outcome = await t.services.audit.verify();
      expect(outcome.ok).toBe(false);
      expect(outcome.firstBroken).toEqual({ seq: target.seq, reason: `第 ${target.seq} 条记录内容已被篡改` });
      expect(outcome.checked).toBe(target.seq - 1);
    } finally {
      await behindTheApp((trx) =>
        sql`UPDATE audit_log SET actor_name = ${target.actor_name} WHERE seq = ${target.seq}`.execute(trx).then(() => undefined),
      );
    }
    expect((await t.services.audit.verify()).ok).toBe(true);
  });

  it('notices an edited detail even when the key order of the JSON changes', async () => {
    const target = (await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'users.reset-password')
      .executeTakeFirst())!;
    try {
      await behindTheApp((trx) =>
        sql`UPDATE audit_log SET details = jsonb_set(details, '{reason}', '"另一原因"') WHERE seq = ${target.seq}`
          .execute(trx)
          .then(() => undefined),
      );
      expect((await t.services.audit.verify()).firstBroken?.seq).toBe(target.seq);
    } finally {
      await behindTheApp((trx) =>
        sql`UPDATE audit_log SET details = ${JSON.stringify(target.details)}::jsonb WHERE seq = ${target.seq}`
          .execute(trx)
          .then(() => undefined),
      );
    }
    expect((await t.services.audit.verify()).ok).toBe(true);
  });

  it('names the next seq when an edited row was given a fresh hash', async () => {
    const target = (await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'users.enable').executeTakeFirst())!;
    const forged = { ...target, outcome: 'failure' as const };
    try {
      await behindTheApp((trx) =>
        sql`UPDATE audit_log SET outcome = 'failure', hash = ${chainHash(forged)} WHERE seq = ${target.seq}`
          .execute(trx)
          .then(() => undefined),
      );
      const outcome = await t.services.audit.verify();
      expect(outcome.firstBroken).toEqual({ seq: target.seq + 1, reason: `第 ${target.seq + 1} 条记录的前序哈希与上一条不符` });
    } finally {
      await behindTheApp((trx) =>
        sql`UPDATE audit_log SET outcome = ${target.outcome}, hash = ${target.hash} WHERE seq = ${target.seq}`
          .execute(trx)
          .then(() => undefined),
      );
    }
    expect((await t.services.audit.verify()).ok).toBe(true);
  });

  it('names the missing seq of a deleted row', async () => {
    const target = (await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'users.unlock').executeTakeFirst())!;
    try {
      await behindTheApp((trx) => sql`DELETE FROM audit_log WHERE seq = ${target.seq}`.execute(trx).then(() => undefined));
      const outcome = await t.services.audit.verify();
      expect(outcome.ok).toBe(false);
      expect(outcome.firstBroken).toEqual({ seq: target.seq, reason: `第 ${target.seq} 条记录缺失（已被删除）` });
    } finally {
      await t.database.db
        .insertInto('audit_log')
        .values({ ...target, details: JSON.stringify(target.details) })
        .execute();
    }
    expect((await t.services.audit.verify()).ok).toBe(true);
  });

  it('names seq 1 when the first row is deleted', async () => {
    const first = (await t.database.db.selectFrom('audit_log').selectAll().where('seq', '=', 1).executeTakeFirst())!;
    try {
      await behindTheApp((trx) => sql`DELETE FROM audit_log WHERE seq = 1`.execute(trx).then(() => undefined));
      expect((await t.services.audit.verify()).firstBroken).toEqual({ seq: 1, reason: '第 1 条记录缺失（已被删除）' });
    } finally {
      await t.database.db
        .insertInto('audit_log')
        .values({ ...first, details: JSON.stringify(first.details) })
        .execute();
    }
  });
});

describe('insert-only for the application connection', () => {
  it.each([
    ['UPDATE', sql`UPDATE audit_log SET actor_name = 'x' WHERE seq = 1`],
    ['DELETE', sql`DELETE FROM audit_log WHERE seq = 1`],
    ['TRUNCATE', sql`TRUNCATE audit_log`],
  ])('refuses %s', async (_name, statement) => {
    const before = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(statement.execute(t.database.db)).rejects.toThrow(/insert-only/);
    const after = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await t.services.audit.verify()).ok).toBe(true);
  });
});

describe('when the audit write fails', () => {
  it('rolls the business write back', async () => {
    await sql`ALTER TABLE audit_log ADD CONSTRAINT test_refuse_user_create CHECK (action <> 'users.create') NOT VALID`.execute(
      t.database.db,
    );
    try {
      const res = await admin.post('/api/users', {
        username: 'never.there',
        displayName: '不应存在',
        kind: 'staff',
        regionCode: '620102',
        roles: ['registrar'],
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: 'INTERNAL', message: '系统内部错误，请稍后再试' });
      expect(res.body).not.toMatch(/audit_log|constraint|at \w+ \(/);
    } finally {
      await sql`ALTER TABLE audit_log DROP CONSTRAINT test_refuse_user_create`.execute(t.database.db);
    }
    expect(
      await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'never.there').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('rolls a command back too', async () => {
    const id = await t.userId('chengguan.caiwu');
    await sql`ALTER TABLE audit_log ADD CONSTRAINT test_refuse_disable CHECK (action <> 'users.disable') NOT VALID`.execute(t.database.db);
    try {
      expect((await admin.post(`/api/users/${id}/disable`, { reason: '测试回滚' })).statusCode).toBe(500);
    } finally {
      await sql`ALTER TABLE audit_log DROP CONSTRAINT test_refuse_disable`.execute(t.database.db);
    }
    const row = await t.database.db.selectFrom('app_user').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
    expect((await t.services.audit.verify()).ok).toBe(true);
  });
});
