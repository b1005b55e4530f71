import type { StaffRole, UserKind } from '../../shared/domain/roles';
import { todayInChina } from '../../shared/domain/person-validation';
import { hashPassword } from '../modules/auth/password-hasher';
import type { RegionsService } from '../modules/regions/regions.service';
import type { PersonalDataCrypto } from '../platform/personal-data-crypto';
import type { Database } from './database';
import { loadDemoPersons } from './demo-persons';
import { seedDemoInstitutions } from './demo-institutions'; // area A: institutions
import { seedDemoAccreditation } from './demo-accreditation'; // area B: accreditation
import { seedDemoTrainers } from './demo-trainers'; // area C: trainers
import { seedDemoCatalogue } from './demo-catalogue'; // area D: catalogue
import { seedDemoClasses } from './demo-classes'; // issue 5, area G: training classes at every stage
import { seedDemoSubsidies } from './demo-subsidies'; // issue 6, area F: subsidy standards, funds and claims at every stage

/** One password for every demo account; it passes the staff policy. Demo mode only. */
export const DEMO_PASSWORD = 'AbleTrain#2026';
/** The demo account with a second factor already bound (base32, for any authenticator app). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface DemoAccount {
  username: string;
  displayName: string;
  kind: UserKind;
  roles: StaffRole[];
  regionCode: string;
  organizationName?: string;
  totp?: boolean;
}

/** Demo accounts for the Gansu demo data set: one per role, plus a sibling county for scope trials. */
export const demoAccounts: DemoAccount[] = [
  { username: 'sysadmin', displayName: '省残联系统管理员', kind: 'staff', roles: ['system_admin'], regionCode: '620000' },
  { username: 'secadmin', displayName: '省残联安全管理员', kind: 'staff', roles: ['security_admin'], regionCode: '620000' },
  { username: 'auditadmin', displayName: '省残联审计管理员', kind: 'staff', roles: ['audit_admin'], regionCode: '620000' },
  { username: 'sheng.shenhe', displayName: '省残联审核人', kind: 'staff', roles: ['reviewer'], regionCode: '620000' },
  { username: 'sheng.tongji', displayName: '省残联统计员', kind: 'staff', roles: ['statistician'], regionCode: '620000' },
  // area D: the province training officer who maintains the training catalogue and provincial contests
  { username: 'sheng.peixun', displayName: '省残联培训专干', kind: 'staff', roles: ['training_officer'], regionCode: '620000' },
  { username: 'lanzhou.shenhe', displayName: '兰州市残联审核人', kind: 'staff', roles: ['reviewer'], regionCode: '620100' },
  { username: 'lanzhou.anquan', displayName: '兰州市残联安全管理员', kind: 'staff', roles: ['security_admin'], regionCode: '620100' },
  // issue 6, area F: finance officers who approve claims (maker) and pay batches (checker)
  { username: 'sheng.caiwu', displayName: '省残联财务人员', kind: 'staff', roles: ['finance_officer'], regionCode: '620000' },
  { username: 'lanzhou.caiwu', displayName: '兰州市残联财务人员', kind: 'staff', roles: ['finance_officer'], regionCode: '620100' },
  { username: 'lanzhou.chuna', displayName: '兰州市残联出纳', kind: 'staff', roles: ['finance_officer'], regionCode: '620100' },
  { username: 'chengguan.dengji', displayName: '城关区残联登记员', kind: 'staff', roles: ['registrar'], regionCode: '620102' },
  { username: 'chengguan.peixun', displayName: '城关区残联培训专干', kind: 'staff', roles: ['training_officer'], regionCode: '620102' },
  { username: 'chengguan.caiwu', displayName: '城关区残联财务人员', kind: 'staff', roles: ['finance_officer'], regionCode: '620102' },
  { username: 'chengguan.jiuye', displayName: '城关区残联就业专干', kind: 'staff', roles: ['employment_officer'], regionCode: '620102' },
  { username: 'chengguan.anquan', displayName: '城关区残联安全管理员', kind: 'staff', roles: ['security_admin'], regionCode: '620102' },
  // area B: the county reviewer who accredits county-tier bases
  { username: 'chengguan.shenhe', displayName: '城关区残联审核人', kind: 'staff', roles: ['reviewer'], regionCode: '620102' },
  { username: 'qilihe.dengji', displayName: '七里河区残联登记员', kind: 'staff', roles: ['registrar'], regionCode: '620103' },
  {
    username: 'xigu.dengji',
    displayName: '西固区残联登记员（已绑定动态验证码）',
    kind: 'staff',
    roles: ['registrar'],
    regionCode: '620104',
    totp: true,
  },
  {
    username: 'jigou.demo',
    displayName: '培训机构联系人',
    kind: 'institution',
    roles: [],
    regionCode: '620102',
    organizationName: '兰州市残疾人职业技能培训中心',
  },
  {
    username: 'qiye.demo',
    displayName: '用人单位联系人',
    kind: 'employer',
    roles: [],
    regionCode: '620102',
    organizationName: '甘肃陇原电子商务有限公司',
  },
  { username: 'xueyuan.demo', displayName: '学员', kind: 'trainee', roles: [], regionCode: '620102' },
  { username: 'xueyuan.xin', displayName: '新学员', kind: 'trainee', roles: [], regionCode: '620102' },
];

/** With the demo persons (a few thousand over every county, sealed) unless `persons: false`: tests and benchmarks bring their own. */
export type DemoSeedOptions = { persons?: true; crypto: PersonalDataCrypto; regions: RegionsService } | { persons: false };

/** Loads the demo data set once, into an empty database; the marker in app_meta keeps it from running twice. */
export async function seedDemo(database: Database, options: DemoSeedOptions): Promise<boolean> {
  const { db } = database;
  const done = await db.selectFrom('app_meta').select('key').where('key', '=', 'demo_seeded').executeTakeFirst();
  if (done) return false;
  // Persons first, in their own transaction with their own marker (PGlite's COPY cannot run inside
  // a Kysely transaction): a start killed between the two steps does not load them twice.
  if (options.persons !== false) await loadDemoPersons(database, { ...options, today: todayInChina() });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const account of demoAccounts) {
      await trx
        .insertInto('app_user')
        .values({
          username: account.username,
          display_name: account.displayName,
          kind: account.kind,
          roles: account.roles,
          region_code: account.regionCode,
          organization_name: account.organizationName ?? null,
          password_hash: passwordHash,
          password_changed_at: new Date(),
          must_change_password: false,
          totp_secret: account.totp ? DEMO_TOTP_SECRET : null,
          totp_enabled: account.totp ?? false,
        })
        .execute();
    }
    await seedDemoInstitutions(trx); // institutions (area A), after the accounts: links jigou.demo
    await seedDemoAccreditation(trx); // base accreditation (area B), after the institutions
    await seedDemoCatalogue(trx); // catalogue, contests, talent (area D), after the persons
    await trx
      .insertInto('app_meta')
      .values({ key: 'demo_seeded', value: JSON.stringify({ at: new Date().toISOString() }) })
      .execute();
  });
  if (options.persons !== false) await seedDemoTrainers(db, options.crypto, todayInChina()); // trainer pool (area C), after the institutions
  if (options.persons !== false) await seedDemoClasses(db, todayInChina()); // training classes (issue 5), after the persons and trainers
  if (options.persons !== false) await seedDemoSubsidies(db, options.crypto, options.regions, todayInChina()); // subsidies (issue 6, area F), after the classes
  return true;
}
