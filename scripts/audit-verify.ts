/**
 * 审计链校验 — walks the whole hash-chained audit trail of the configured database.
 *
 *   npm run audit:verify                      # DATA_DIR (embedded) or DATABASE_URL (PostgreSQL)
 *
 * Exit codes: 0 the chain is intact · 1 a link is broken (the first one is named) · 2 could not check.
 * Read-only: it neither migrates nor writes.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/database';
import { AuditTrail } from '../src/server/platform/audit-trail';

async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.DATABASE_URL && !existsSync(join(config.DATA_DIR, 'PG_VERSION'))) {
    console.error(`找不到数据库：${resolve(config.DATA_DIR)} 不是内置数据库目录（请设置 DATA_DIR 或 DATABASE_URL）`);
    return 2;
  }
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1 });
  try {
    const outcome = await new AuditTrail(database.db).verify();
    if (outcome.ok) {
      console.log(`审计链完整：已校验 ${outcome.checked} 条`);
      return 0;
    }
    const broken = outcome.firstBroken!;
    console.error(`审计链断裂：第 ${broken.seq} 条（seq ${broken.seq}）— ${broken.reason}`);
    console.error(`此前 ${outcome.checked} 条完整。`);
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('审计链校验未能完成：', error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
