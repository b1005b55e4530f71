import { checkCharacter } from '../../shared/domain/identity-number';
import { maskIdNumber, maskPhone } from '../../shared/domain/masking';
import type { TrainerEngagement, TrainerSource } from '../../shared/domain/trainer-codes';
import { addDays, addYears, currentDueDate, type RotationFact } from '../../shared/domain/trainer-rotation';
import type { PersonalDataCrypto } from '../platform/personal-data-crypto';
import type { Db } from './database';

/** The institution the demo designates as the provincial trainer-training base (an institution of demo-institutions.ts). */
export const DEMO_TRAINING_BASE = '兰州市残疾人职业技能培训中心';
/** The day the demo base was designated: rotations before it were held elsewhere. */
const BASE_DESIGNATED_ON = '2022-06-01';

const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '马', '孙', '朱', '胡', '郭', '何', '罗', '高', '梁', '宋'];
const givenNames = [
  '建国',
  '秀兰',
  '志强',
  '海燕',
  '文博',
  '丽娟',
  '国庆',
  '晓梅',
  '永红',
  '俊杰',
  '玉霞',
  '立新',
  '春花',
  '德明',
  '雪莲',
  '振华',
  '桂英',
  '宏伟',
  '静',
  '鹏',
];

const occupationsByCounty: Record<string, string[]> = {
  '620102': ['保健按摩师', '电子商务师', '网络直播营销', '中式面点师', '计算机操作员'],
  '620103': ['电子商务客服', '电子商务美工', '西式面点师'],
  '620104': ['电工', '焊工', '中式烹调师'],
  '620503': ['果树栽培', '中药材种植', '农村电商'],
  '620902': ['剪纸', '刺绣', '夜光杯雕刻'],
  '621102': ['保健按摩师', '医疗按摩', '马铃薯种植'],
};
const counties = Object.keys(occupationsByCounty);

const sourceSets: TrainerSource[][] = [
  ['base_teacher'],
  ['high_skill_worker', 'skilled_worker'],
  ['contest_winner'],
  ['model_worker', 'high_skill_worker'],
  ['job_expert'],
  ['rural_leader', 'rural_revitalisation_talent'],
  ['self_reliance_model', 'contest_winner'],
  ['skilled_worker'],
];

/**
 * Where each demo trainer stands, relative to today: in cycle, due soon, overdue, and the days
 * right around the five-year boundary (due today, due tomorrow, one day overdue).
 */
type Plan =
  | { kind: 'current'; joinedYearsAgo: number; rotatedDaysAgo: number }
  | { kind: 'new'; joinedDaysAgo: number }
  | { kind: 'due_in'; days: number; rotated: boolean }
  | { kind: 'overdue_by'; days: number; rotated: boolean };

const plans: Plan[] = [
  ...[400, 700, 900, 1100, 1300, 1500, 300, 600, 820, 1000, 1200, 450, 750, 980, 200, 1400, 530].map((rotatedDaysAgo, i): Plan => ({
    kind: 'current',
    joinedYearsAgo: 6 + (i % 5),
    rotatedDaysAgo,
  })),
  ...[30, 120, 400, 800, 1200, 60].map((joinedDaysAgo): Plan => ({ kind: 'new', joinedDaysAgo })),
  { kind: 'due_in', days: 0, rotated: false },
  { kind: 'due_in', days: 1, rotated: true },
  ...[12, 45, 90, 150, 175].map((days, i): Plan => ({ kind: 'due_in', days, rotated: i % 2 === 0 })),
  { kind: 'overdue_by', days: 1, rotated: false },
  ...[20, 75, 160, 300, 420, 610, 900, 35, 250].map((days, i): Plan => ({ kind: 'overdue_by', days, rotated: i % 2 === 1 })),
];

function idNumber(countyCode: string, birth: string, sequence: number): string {
  const first17 = `${countyCode}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

interface DemoRotation {
  startedOn: string;
  completedOn: string;
  atBase: boolean;
}

/** Joining date and passed rotations for a plan (completion dates never after today). */
function history(plan: Plan, today: string): { joinedOn: string; rotations: DemoRotation[] } {
  const rotation = (completedOn: string): DemoRotation => ({
    startedOn: addDays(completedOn, -4),
    completedOn,
    atBase: completedOn >= addDays(BASE_DESIGNATED_ON, 4),
  });
  switch (plan.kind) {
    case 'current': {
      const joinedOn = addYears(today, -plan.joinedYearsAgo);
      return { joinedOn, rotations: [rotation(addDays(today, -plan.rotatedDaysAgo))] };
    }
    case 'new':
      return { joinedOn: addDays(today, -plan.joinedDaysAgo), rotations: [] };
    case 'due_in':
    case 'overdue_by': {
      const due = addDays(today, plan.kind === 'due_in' ? plan.days : -plan.days);
      const anchor = addYears(due, -5);
      // a rotation five years ago sets the due date; otherwise the joining date does
      return plan.rotated ? { joinedOn: addYears(anchor, -3), rotations: [rotation(anchor)] } : { joinedOn: anchor, rotations: [] };
    }
  }
}

/**
 * About forty demo trainers over six counties with realistic rotation histories, and the demo
 * provincial trainer-training base. Demo mode only; runs once (its own marker in app_meta).
 */
export async function seedDemoTrainers(db: Db, crypto: PersonalDataCrypto, today: string): Promise<void> {
  const done = await db.selectFrom('app_meta').select('key').where('key', '=', 'demo_trainers_seeded').executeTakeFirst();
  if (done) return;
  await db.transaction().execute(async (trx) => {
    const institutions = await trx.selectFrom('institution').select(['id', 'name', 'county_code']).execute();
    const baseInstitution = institutions.find((i) => i.name === DEMO_TRAINING_BASE) ?? institutions[0];
    let baseId: string | null = null;
    if (baseInstitution) {
      const province = await trx.selectFrom('region').select('code').where('level', '=', 'province').executeTakeFirstOrThrow();
      baseId = (
        await trx
          .insertInto('trainer_training_base')
          .values({
            institution_id: baseInstitution.id,
            region_code: province.code,
            designated_on: BASE_DESIGNATED_ON,
            note: '省残联认定的省级残疾人职业培训师资研修基地（演示数据）',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    for (const [i, plan] of plans.entries()) {
      const countyCode = counties[i % counties.length]!;
      const { joinedOn, rotations } = history(plan, today);
      const birthYear = 1965 + ((i * 7) % 30);
      const birth = `${birthYear}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
      const female = i % 3 === 1;
      const id = idNumber(countyCode, birth, 100 + i * 2 + (female ? 0 : 1));
      const phone = `139${String(19_310_000 + i * 137).padStart(8, '0')}`;
      const occupations = occupationsByCounty[countyCode]!;
      const engagement: TrainerEngagement = i % 4 === 0 ? 'full_time' : 'part_time';
      const facts: RotationFact[] = rotations.map((r) => ({ completedOn: r.completedOn, result: 'passed', voided: false }));
      const trainer = await trx
        .insertInto('trainer')
        .values({
          county_code: countyCode,
          name: `${surnames[i % surnames.length]}${givenNames[(i * 3) % givenNames.length]}`,
          sex: female ? 'female' : 'male',
          birth_date: birth,
          id_number_sealed: crypto.seal(id),
          id_number_index: crypto.blindIndex(id),
          id_number_masked: maskIdNumber(id).text,
          phone_sealed: crypto.seal(phone),
          phone_masked: maskPhone(phone).text,
          sources: sourceSets[i % sourceSets.length]!,
          engagement,
          occupations: [occupations[i % occupations.length]!],
          joined_on: joinedOn,
          rotation_due_on: currentDueDate({ joinedOn }, facts),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('trainer_qualification')
        .values({
          trainer_id: trainer.id,
          county_code: countyCode,
          kind: i % 5 === 0 ? 'teacher' : 'skill_level',
          title: i % 5 === 0 ? '中等职业学校教师资格证' : `${occupations[i % occupations.length]}职业技能等级证书`,
          level: i % 5 === 0 ? null : ['三级/高级工', '二级/技师', '一级/高级技师'][i % 3]!,
          occupation: occupations[i % occupations.length]!,
          issuer: i % 5 === 0 ? '甘肃省教育厅' : '甘肃省职业技能鉴定指导中心',
          issued_on: addYears(joinedOn, -1),
        })
        .execute();
      const institution = institutions.find((inst) => inst.county_code === countyCode);
      if (institution) {
        await trx
          .insertInto('trainer_institution')
          .values({ trainer_id: trainer.id, institution_id: institution.id, county_code: countyCode, role: 'teacher', from_on: joinedOn })
          .execute();
      }
      for (const r of rotations) {
        const atBase = r.atBase && baseId !== null;
        await trx
          .insertInto('trainer_rotation')
          .values({
            trainer_id: trainer.id,
            county_code: countyCode,
            started_on: r.startedOn,
            completed_on: r.completedOn,
            hours: 40,
            base_id: atBase ? baseId : null,
            provider_name: atBase ? null : '中国残联残疾人职业培训师资研修班',
            topic: '残疾人职业技能培训教学方法与无障碍教学',
            result: 'passed',
            certificate_number: `GSSZ${r.completedOn.slice(0, 4)}${String(i + 1).padStart(4, '0')}`,
          })
          .execute();
      }
    }
    await trx
      .insertInto('app_meta')
      .values({ key: 'demo_trainers_seeded', value: JSON.stringify({ at: new Date().toISOString() }) })
      .execute();
  });
}
