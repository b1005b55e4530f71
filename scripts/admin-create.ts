/**
 * 创建管理员账号 — the operator's way in on a fresh installation (no demo accounts outside demo mode).
 *
 *   npm run admin:create -- --username NAME --name 姓名 [--region 620000] [--role system_admin|security_admin|audit_admin]
 *
 * Uses the configured database (DATA_DIR or DATABASE_URL), migrates it, and writes the account and
 * its audit row in one transaction. Prints the one-time password once; it must be changed at first login.
 * With the embedded database, stop the server first: a PGlite data directory takes one process at a time.
 * Exit codes: 0 created · 1 refused (taken username, invalid input) · 2 could not run.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { createUserBody } from '../src/shared/contracts/users-contracts';
import { adminRoles, roleLabels, type AdminRole } from '../src/shared/domain/roles';
import { AppError } from '../src/shared/errors';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { hashPassword, oneTimePassword } from '../src/server/modules/auth/password-hasher';
import { createRegionsRepository } from '../src/server/modules/regions/regions.repository';
import { RegionsService } from '../src/server/modules/regions/regions.service';
import { usersRepository } from '../src/server/modules/users/users.repository';
import { AuditTrail } from '../src/server/platform/audit-trail';

const usage =
  '用法：npm run admin:create -- --username 用户名 --name 姓名 [--region 区域代码] [--role system_admin|security_admin|audit_admin]';

const optionOf: Record<string, string> = { username: '--username 用户名', displayName: '--name 姓名', regionCode: '--region 区域代码' };

/** A refusal the operator can act on: printed as is, exit code 1. */
class Refusal extends Error {}

function readArguments(provinceCode: string) {
  let values;
  try {
    ({ values } = parseArgs({
      options: { username: { type: 'string' }, name: { type: 'string' }, region: { type: 'string' }, role: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new Refusal(`${error instanceof Error ? error.message : error}\n${usage}`);
  }
  const role = values.role ?? 'system_admin';
  if (!(adminRoles as readonly string[]).includes(role)) {
    throw new Refusal(`角色只能是 ${adminRoles.join('、')} 之一（收到 ${role}）\n${usage}`);
  }
  const parsed = createUserBody.safeParse({
    username: values.username ?? '',
    displayName: values.name ?? '',
    kind: 'staff',
    regionCode: values.region ?? provinceCode,
    roles: [role],
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${optionOf[String(issue.path[0])] ?? issue.path.join('.')}：${issue.message}`);
    throw new Refusal(`输入有误：\n${lines.join('\n')}\n${usage}`);
  }
  return { ...parsed.data, role: role as AdminRole };
}

async function main(): Promise<number> {
  const config = loadConfig();
  const input = readArguments(config.PROVINCE_CODE);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1 });
  try {
    await migrateToLatest(database.db);
    const regions = new RegionsService(createRegionsRepository(database.db), config.PROVINCE_CODE);
    await regions.load();
    const region = regions.require(input.regionCode);

    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const audit = new AuditTrail(database.db);
    await database.db.transaction().execute(async (trx) => {
      if (await usersRepository.usernameTaken(trx, input.username)) {
        throw new Refusal(`用户名“${input.username}”已存在，未创建账号。请换一个用户名，或由系统管理员在“用户管理”中重置该账号的密码。`);
      }
      const id = await usersRepository.insert(trx, {
        username: input.username,
        display_name: input.displayName,
        kind: 'staff',
        roles: [input.role],
        region_code: region.code,
        organization_name: null,
        password_hash: passwordHash,
        password_changed_at: new Date(),
        must_change_password: true,
      });
      await audit.append(trx, {
        action: 'users.create',
        outcome: 'success',
        actorId: null,
        actorName: `命令行 admin:create（${userInfo().username}）`,
        regionCode: region.code,
        targetType: 'user',
        targetId: id,
        details: { kind: 'staff', roles: [input.role], via: 'cli' },
      });
    });

    console.log(`已创建${roleLabels[input.role]}账号：${input.username}（${input.displayName}，${region.name}）`);
    console.log(`一次性密码：${password}`);
    console.log('该密码只显示这一次，请当面或经安全渠道交给本人；首次登录时必须修改密码。');
    if (config.requireStaffTotp) console.log('首次登录时还须绑定动态验证码（TOTP），请准备好身份验证器应用。');
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof Refusal || error instanceof AppError) {
      console.error(error.message);
      process.exit(1);
    }
    console.error('未能创建账号：', error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
