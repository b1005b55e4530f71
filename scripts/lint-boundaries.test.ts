// The layer boundaries of docs/architecture.md live in eslint.config.js; this keeps them from
// silently eroding (a glob typo there would allow everything). Each case lints one line of code
// as if it were a file at the given path.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const keep = [typeof x];\n`, { filePath: resolve(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.ruleId!);
}

const importOf = (source: string) => `import * as x from '${source}';`;

describe('import boundaries', () => {
  const refused: [string, string][] = [
    ['src/shared/domain/a.ts', 'node:crypto'],
    ['src/shared/domain/a.ts', 'fs'],
    ['src/shared/domain/a.ts', 'fastify'],
    ['src/shared/domain/a.ts', 'kysely'],
    ['src/shared/domain/a.ts', 'pg'],
    ['src/shared/domain/a.ts', '@electric-sql/pglite'],
    ['src/shared/domain/a.ts', 'react'],
    ['src/shared/domain/a.ts', 'antd'],
    ['src/shared/domain/a.ts', '../../server/db/database'],
    ['src/shared/contracts/a.ts', '../../web/lib/api-client'],
    ['src/web/lib/a.ts', '../../server/app'],
    ['src/web/features/users/a.tsx', '../../../server/modules/users/users.service'],
    ['src/web/lib/a.ts', 'node:path'],
    ['src/shared/domain/a.test.ts', '../../server/db/database'],
    ['src/web/lib/a.ts', 'kysely'],
    ['src/server/app.ts', '../web/lib/api-client'],
    ['src/server/platform/a.ts', '../../web/app/app-theme'],
    ['src/server/app.ts', '../../scripts/admin-create'],
    ['src/shared/errors.ts', '../../bench/run-bench'],
    ['src/web/lib/a.ts', '../../../e2e/journeys'],
    ['src/server/modules/users/users.routes.ts', './users.repository'],
    ['src/server/modules/audit/audit.routes.ts', '../users/users.repository'],
    ['src/server/platform/platform.routes.ts', '../modules/users/users.repository'],
    ['src/server/modules/auth/auth.service.ts', '../users/users.repository'],
    ['src/server/modules/home/home.service.ts', '../regions/regions.repository.ts'],
    ['src/server/platform/a.ts', 'node:process'],
  ];
  it.each(refused)('%s may not import %s', async (file, source) => {
    const code = source === 'node:process' ? `import { env as x } from 'node:process';` : importOf(source);
    expect(await violations(file, code)).toContain('no-restricted-imports');
  });

  const allowed: [string, string][] = [
    ['src/shared/domain/a.ts', 'zod'],
    ['src/shared/domain/a.test.ts', 'node:fs'],
    ['src/shared/contracts/a.ts', '../domain/roles'],
    ['src/web/lib/a.ts', '../../shared/errors'],
    ['src/web/lib/a.ts', 'react'],
    ['src/web/lib/a.ts', 'antd'],
    ['src/server/modules/users/users.service.ts', './users.repository'],
    ['src/server/modules/users/users.service.ts', '../auth/auth.service'],
    ['src/server/modules/users/users.routes.ts', './users.service'],
    ['src/server/app.ts', './modules/auth/auth.repository'],
    ['src/server/platform/a.ts', 'node:fs'],
    ['src/server/platform/a.ts', '../../shared/errors'],
    ['scripts/a.ts', '../src/server/modules/users/users.repository'],
    ['bench/a.ts', '../src/server/app'],
    ['e2e/a.ts', '../src/server/db/demo-seed'],
  ];
  it.each(allowed)('%s may import %s', async (file, source) => {
    expect(await violations(file, importOf(source))).toEqual([]);
  });
});

describe('process.env', () => {
  it.each(['src/server/platform/a.ts', 'src/shared/a.ts', 'scripts/admin-create.ts', 'bench/bench-server.ts'])(
    'is refused in %s',
    async (file) => {
      expect(await violations(file, 'const x = process.env.PORT;')).toContain('no-restricted-syntax');
      expect(await violations(file, 'const x = globalThis.process.env;')).toContain('no-restricted-syntax');
    },
  );

  it.each(['src/server/config.ts', 'src/server/testing/a.ts', 'src/server/a.test.ts', 'scripts/test-all.ts', 'bench/run-bench.ts'])(
    'is allowed in %s',
    async (file) => {
      expect(await violations(file, 'const x = process.env.PORT;')).toEqual([]);
    },
  );
});
