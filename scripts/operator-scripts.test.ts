// The operator commands run as real child processes against a real database: an embedded PGlite
// data dir in a temp folder, or (when TEST_DATABASE_URL is set) a fresh PostgreSQL database.
// A PGlite data dir takes one process at a time, so the test closes its own handle before each spawn.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { testDatabaseUrl } from '../src/server/config';
import { type Database, openDatabase } from '../src/server/db/database';
import { verifyPassword } from '../src/server/modules/auth/password-hasher';
import { AuditTrail } from '../src/server/platform/audit-trail';
import { withDatabase } from '../src/server/testing/global-setup';

const root = resolve(import.meta.dirname, '..');

interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface ScratchDatabase {
  /** what the child process gets on top of the inherited environment */
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/** A migrated database copied from this run's template, reachable by the scripts through their usual configuration. */
async function scratchDatabase(): Promise<ScratchDatabase> {
  const template = inject('templateDatabase');
  const url = testDatabaseUrl();
  if (url) {
    const name = `abletrain_s_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = await openDatabase({ url, poolSize: 1 });
    await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(template)}`.execute(admin.db);
    await admin.close();
    const own = withDatabase(url, name);
    return {
      env: { DATABASE_URL: own },
      open: () => openDatabase({ url: own, poolSize: 1 }),
      drop: async () => {
        const again = await openDatabase({ url, poolSize: 1 });
        await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(again.db);
        await again.close();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'abletrain-scripts-'));
  const dataDir = join(dir, 'data');
  const first = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(template)]) });
  await first.close();
  return {
    env: { DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir }),
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

function runScript(script: string, args: string[], env: Record<string, string>): Promise<ScriptResult> {
  const childEnv: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent', ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function inDatabase<T>(scratch: ScratchDatabase, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await scratch.open();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

describe('operator scripts', () => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await scratchDatabase();
  });
  afterAll(() => scratch?.drop());

  describe('admin:create', () => {
    it('creates an administrator with a one-time password, must_change_password and an audit row', async () => {
      const result = await runScript('scripts/admin-create.ts', ['--username', 'ops.admin', '--name', '运维管理员'], scratch.env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('已创建系统管理员账号：ops.admin');
      expect(result.stdout).toContain('首次登录时必须修改密码');
      const password = /一次性密码：(\S+)/.exec(result.stdout)?.[1];
      expect(password).toMatch(/^.{16}$/);
      // the password appears exactly once
      expect(result.stdout.split(password!).length).toBe(2);

      await inDatabase(scratch, async ({ db }) => {
        const user = await db.selectFrom('app_user').selectAll().where('username', '=', 'ops.admin').executeTakeFirstOrThrow();
        expect(user).toMatchObject({
          kind: 'staff',
          roles: ['system_admin'],
          region_code: '620000',
          must_change_password: true,
          status: 'active',
        });
        expect(await verifyPassword(user.password_hash, password!)).toBe(true);
        const row = await db.selectFrom('audit_log').selectAll().where('target_id', '=', user.id).executeTakeFirstOrThrow();
        expect(row).toMatchObject({ action: 'users.create', outcome: 'success', target_type: 'user', region_code: '620000' });
        expect(JSON.stringify(row.details)).not.toContain(password!);
      });
    });

    it('says when staff must bind a second factor (outside demo mode)', async () => {
      const result = await runScript(
        'scripts/admin-create.ts',
        ['--username', 'lz.audit', '--name', '兰州审计管理员', '--region', '620100', '--role', 'audit_admin'],
        { ...scratch.env, DEMO_MODE: 'false' },
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('已创建审计管理员账号：lz.audit');
      expect(result.stdout).toContain('动态验证码');
    });

    it('refuses a username that exists (case-insensitively) with exit code 1 and creates nothing', async () => {
      const result = await runScript('scripts/admin-create.ts', ['--username', 'OPS.Admin', '--name', '重复'], scratch.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('用户名“OPS.Admin”已存在');
      expect(result.stdout).not.toContain('一次性密码');
      const count = await inDatabase(scratch, ({ db }) =>
        db
          .selectFrom('app_user')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('display_name', '=', '重复')
          .executeTakeFirstOrThrow(),
      );
      expect(Number(count.n)).toBe(0);
    });

    it('refuses a duty role, a bad username and an unknown region', async () => {
      // these two are refused before the database is opened, so they may run side by side
      const [role, name] = await Promise.all([
        runScript('scripts/admin-create.ts', ['--username', 'x.reg', '--name', '甲', '--role', 'registrar'], scratch.env),
        runScript('scripts/admin-create.ts', ['--username', '1x', '--name', '甲'], scratch.env),
      ]);
      expect(role.code).toBe(1);
      expect(role.stderr).toContain('角色只能是');
      expect(name.code).toBe(1);
      expect(name.stderr).toContain('用户名以字母开头');
      const region = await runScript(
        'scripts/admin-create.ts',
        ['--username', 'x.region', '--name', '甲', '--region', '990000'],
        scratch.env,
      );
      expect(region.code).toBe(1);
      expect(region.stderr).toContain('区域代码 990000 不存在');
    });
  });

  describe('audit:verify', () => {
    it('reports an intact chain with the number of rows checked', async () => {
      const rows = await inDatabase(scratch, async ({ db }) => {
        const audit = new AuditTrail(db);
        for (const action of ['auth.login', 'users.update', 'auth.logout'])
          await audit.record({ action, outcome: 'success', details: { n: 1 } });
        const { n } = await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        return Number(n);
      });
      expect(rows).toBeGreaterThanOrEqual(5);
      const result = await runScript('scripts/audit-verify.ts', [], scratch.env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(`审计链完整：已校验 ${rows} 条`);
    });

    it('names the first tampered row and exits 1', async () => {
      await inDatabase(scratch, async ({ db }) => {
        await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db);
        await sql`UPDATE audit_log SET action = 'x' WHERE seq = 2`.execute(db);
        await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(db);
      });
      const result = await runScript('scripts/audit-verify.ts', [], scratch.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('第 2 条');
      expect(result.stderr).toContain('篡改');
      expect(result.stdout).not.toContain('审计链完整');
    });

    it('exits 2 when the embedded data dir does not exist', async () => {
      const result = await runScript('scripts/audit-verify.ts', [], { DATA_DIR: join(tmpdir(), `abletrain-missing-${randomUUID()}`) });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('找不到数据库');
    });
  });
});
