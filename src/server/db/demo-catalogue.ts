import type { Transaction } from 'kysely';
import { candidateKindsFor, type ContestAward } from '../../shared/domain/contest-codes';
import type { CatalogueProgrammeTable, Tables } from './tables';

type Programme = Pick<
  CatalogueProgrammeTable,
  'programme_code' | 'name' | 'occupation' | 'skill' | 'training_type' | 'hours' | 'skill_level' | 'subsidy_standard_ref' | 'description'
> & { target_categories: string[]; accommodations: string[]; brands: string[] };

const standard = '省级补贴标准（演示）';

/** The brand programmes the plan names (三(六)) and typical programmes of Gansu's federations. Fictitious. */
const programmes: Programme[] = [
  p(
    'GS-DS-001',
    '电商客服',
    '电子商务师',
    '网店客服',
    'employment_skills',
    120,
    '5',
    ['2', '3', '4'],
    ['sign_language'],
    ['ecommerce_service'],
    '网店售前售后客服、订单处理与客户沟通，适合居家就业。',
  ),
  p(
    'GS-DS-002',
    '电商美工',
    '电子商务师',
    '网店美工设计',
    'employment_skills',
    160,
    '5',
    ['2', '4'],
    [],
    ['ecommerce_design'],
    '商品拍摄、图片处理与店铺页面设计。',
  ),
  p(
    'GS-DS-003',
    '电商运营管理',
    '电子商务师',
    '网店运营',
    'entrepreneurship',
    120,
    '4',
    ['2', '4'],
    [],
    ['ecommerce_operations'],
    '开店、选品、推广与数据分析，面向有创业意愿的残疾人。',
  ),
  p(
    'GS-ZB-001',
    '网络直播带货',
    '互联网营销师',
    '直播销售员',
    'employment_skills',
    80,
    '5',
    ['2', '4'],
    [],
    ['live_streaming'],
    '直播脚本、镜头表达与农特产品直播销售。',
  ),
  p(
    'GS-FY-001',
    '庆阳香包制作',
    '工艺品制作工',
    '香包刺绣',
    'employment_skills',
    120,
    'special',
    ['2', '3', '4', '5'],
    ['guardian_present'],
    ['heritage', 'cultural_creative'],
    '庆阳香包绣制技艺（国家级非物质文化遗产）。',
  ),
  p(
    'GS-FY-002',
    '陇绣技艺提升',
    '刺绣工',
    '陇绣',
    'high_skill',
    200,
    '3',
    ['2', '4'],
    [],
    ['heritage'],
    '面向非遗传承人和竞赛获奖者的陇绣高级技艺培训。',
  ),
  p(
    'GS-WC-001',
    '文创产品设计制作',
    '工艺美术品设计师',
    '文创设计',
    'entrepreneurship',
    100,
    '5',
    [],
    [],
    ['cultural_creative'],
    '结合敦煌、丝路文化元素的文创产品设计与小批量制作。',
  ),
  p(
    'GS-AM-001',
    '盲人保健按摩',
    '保健按摩师',
    '保健按摩',
    'employment_skills',
    480,
    '5',
    ['1'],
    ['screen_reader', 'large_print'],
    ['massage'],
    '保健按摩基础理论与手法，盲文和读屏教材。',
  ),
  p(
    'GS-AM-002',
    '盲人医疗按摩',
    '医疗按摩人员',
    '医疗按摩',
    'high_skill',
    960,
    '3',
    ['1'],
    ['screen_reader'],
    ['massage'],
    '医疗按摩人员考试辅导与临床实习。',
  ),
  p(
    'GS-MD-001',
    '中式面点',
    '中式面点师',
    '面点制作',
    'employment_skills',
    160,
    '5',
    ['2', '4'],
    ['sign_language'],
    [],
    '兰州牛肉面、馍馍、花卷等面点制作。',
  ),
  p('GS-JZ-001', '家政服务', '家政服务员', '家政服务', 'employment_skills', 80, '5', ['2', '4'], [], [], '居家保洁、收纳与照护基础。'),
  p(
    'GS-NC-001',
    '中药材种植',
    '农业技术员',
    '中药材种植',
    'rural_practical',
    40,
    'none',
    [],
    [],
    [],
    '当归、党参、黄芪种植与初加工（定西、陇南）。',
  ),
  p(
    'GS-NC-002',
    '马铃薯种植',
    '农作物种植技术员',
    '马铃薯种植',
    'rural_practical',
    30,
    'none',
    [],
    [],
    [],
    '脱毒种薯、覆膜种植与病虫害防治。',
  ),
  p('GS-NC-003', '牛羊养殖', '家畜饲养员', '牛羊养殖', 'rural_practical', 40, 'none', [], [], [], '肉牛、肉羊舍饲养殖与疫病防控。'),
  p(
    'GS-GW-001',
    '企业在岗残疾职工技能提升',
    '（按岗位）',
    null,
    'on_the_job',
    40,
    'none',
    [],
    ['sign_language'],
    [],
    '用人单位组织的岗前、在岗培训与岗位练兵。',
  ),
];

function p(
  code: string,
  name: string,
  occupation: string,
  skill: string | null,
  trainingType: Programme['training_type'],
  hours: number,
  level: Programme['skill_level'],
  categories: string[],
  accommodations: string[],
  brands: string[],
  description: string,
): Programme {
  return {
    programme_code: code,
    name,
    occupation,
    skill,
    training_type: trainingType,
    hours,
    skill_level: level,
    target_categories: categories,
    accommodations,
    brands,
    subsidy_standard_ref: standard,
    description,
  };
}

/**
 * Demo data of area D: the catalogue (one programme with a superseded first version, one draft),
 * and, when the demo persons are loaded, a provincial contest with results and the candidates it
 * made, a few high-skill roster members and an apprenticeship with progress.
 */
export async function seedDemoCatalogue(trx: Transaction<Tables>): Promise<void> {
  for (const programme of programmes) {
    const base = { ...programme, edition: 1, region_code: '620000', based_on_id: null };
    if (programme.programme_code === 'GS-DS-001') {
      const first = await trx
        .insertInto('catalogue_programme')
        .values({ ...base, hours: 100, status: 'superseded', effective_from: '2023-03-01', effective_to: '2024-03-01' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('catalogue_programme')
        .values({ ...base, edition: 2, based_on_id: first.id, status: 'active', effective_from: '2024-03-01' })
        .execute();
      continue;
    }
    await trx
      .insertInto('catalogue_programme')
      .values({ ...base, status: 'active', effective_from: '2023-03-01' })
      .execute();
  }
  await trx
    .insertInto('catalogue_programme')
    .values({
      ...p(
        'GS-NC-004',
        '设施蔬菜种植',
        '蔬菜园艺工',
        '日光温室蔬菜',
        'rural_practical',
        40,
        'none',
        [],
        [],
        [],
        '日光温室茄果类蔬菜栽培。',
      ),
      edition: 1,
      region_code: '620000',
      based_on_id: null,
    })
    .execute();

  const persons = await trx
    .selectFrom('person')
    .select(['id', 'county_code', 'name'])
    .where('status', '=', 'active')
    .where('county_code', '=', '620102')
    .orderBy('id')
    .limit(8)
    .execute();
  if (persons.length < 8) return; // tests seed no persons

  const contest = await trx
    .insertInto('contest')
    .values({
      region_code: '620000',
      name: '甘肃省第七届残疾人职业技能竞赛（演示）',
      level: 'province',
      occupations: ['盲人按摩', '电子商务', '刺绣'],
      starts_on: '2025-09-16',
      ends_on: '2025-09-18',
      venue: '兰州市残疾人职业技能培训中心',
      organiser: '甘肃省残疾人联合会',
      status: 'finished',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const results: { occupation: string; rank: number; score: number; award: ContestAward | null }[] = [
    { occupation: '盲人按摩', rank: 1, score: 96.5, award: 'gold' },
    { occupation: '盲人按摩', rank: 2, score: 93, award: 'silver' },
    { occupation: '电子商务', rank: 1, score: 91.25, award: 'first_prize' },
    { occupation: '电子商务', rank: 2, score: 86, award: 'excellence' },
    { occupation: '刺绣', rank: 1, score: 94, award: 'gold' },
    { occupation: '刺绣', rank: 2, score: 80, award: null },
  ];
  const winners: { personId: string; entrantId: string; award: ContestAward | null }[] = [];
  for (const [index, result] of results.entries()) {
    const person = persons[index]!;
    const entrant = await trx
      .insertInto('contest_entrant')
      .values({ contest_id: contest.id, person_id: person.id, county_code: person.county_code, ...result })
      .returning('id')
      .executeTakeFirstOrThrow();
    winners.push({ personId: person.id, entrantId: entrant.id, award: result.award });
    for (const kind of candidateKindsFor(contest.level, result.award)) {
      await trx
        .insertInto('talent_candidate')
        .values({ person_id: person.id, county_code: person.county_code, kind, contest_entrant_id: entrant.id })
        .execute();
    }
  }
  const budget = [
    { category: 'training', amount_fen: 1_200_000, note: '赛前集训 10 天' },
    { category: 'training_materials', amount_fen: 180_000, note: '实训耗材' },
    { category: 'venue_equipment', amount_fen: 200_000, note: null },
    { category: 'prize_money', amount_fen: 300_000, note: null },
    { category: 'travel', amount_fen: 150_000, note: null },
    { category: 'food_lodging', amount_fen: 240_000, note: null },
  ] as const;
  for (const line of budget)
    await trx
      .insertInto('contest_budget_line')
      .values({ contest_id: contest.id, ...line })
      .execute();

  // the embroidery gold medallist was admitted to the roster; the other candidates wait
  const embroiderer = winners[4]!;
  await trx
    .updateTable('talent_candidate')
    .set({ status: 'accepted', decision_note: '纳入高技能人才名册', decided_at: new Date() })
    .where('contest_entrant_id', '=', embroiderer.entrantId)
    .where('kind', '=', 'high_skill')
    .execute();
  const master = await trx
    .insertInto('talent_member')
    .values({
      person_id: embroiderer.personId,
      county_code: '620102',
      categories: ['contest_winner', 'heritage_holder'],
      specialty: '陇绣',
      evidence: '省赛刺绣项目金奖；区级非遗代表性传承人（演示）',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('talent_member')
    .values({
      person_id: persons[6]!.id,
      county_code: '620102',
      categories: ['entrepreneur'],
      specialty: '电商运营',
      evidence: '自主创业开设网店三年（演示）',
    })
    .execute();
  const pair = await trx
    .insertInto('apprenticeship')
    .values({
      county_code: '620102',
      master_member_id: master.id,
      master_name: persons[4]!.name,
      apprentice_person_id: persons[7]!.id,
      craft: '陇绣',
      started_on: '2025-10-08',
      goals: '一年内掌握平针绣、打籽绣，独立完成一幅小型绣品。',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('apprenticeship_progress')
    .values([
      {
        apprenticeship_id: pair.id,
        county_code: '620102',
        recorded_on: '2025-12-15',
        note: '完成基础针法练习。',
        milestone: null,
        recorded_by_name: '城关区残联培训专干',
      },
      {
        apprenticeship_id: pair.id,
        county_code: '620102',
        recorded_on: '2026-03-20',
        note: '独立完成第一幅作品。',
        milestone: '独立完成小型绣品',
        recorded_by_name: '城关区残联培训专干',
      },
    ])
    .execute();
}
