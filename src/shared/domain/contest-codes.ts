/**
 * Vocational skills competitions (职业技能竞赛): code lists and the rules that turn results into
 * candidates for the trainer pool and the high-skill talent programme. Each list is mirrored by a
 * CHECK constraint in migration 0007.
 */

export const contestLevels = ['national', 'province', 'city', 'county'] as const;
export type ContestLevel = (typeof contestLevels)[number];
export const contestLevelLabels: Record<ContestLevel, string> = {
  national: '国家级',
  province: '省级',
  city: '市州级',
  county: '县区级',
};

export const contestStatuses = ['planned', 'finished', 'cancelled'] as const;
export type ContestStatus = (typeof contestStatuses)[number];
export const contestStatusLabels: Record<ContestStatus, string> = {
  planned: '筹备/进行中',
  finished: '已结束',
  cancelled: '已取消',
};

/** Both award systems in use: medals, and first/second/third prizes; 优秀奖 in either. */
export const contestAwards = ['gold', 'silver', 'bronze', 'first_prize', 'second_prize', 'third_prize', 'excellence'] as const;
export type ContestAward = (typeof contestAwards)[number];
export const contestAwardLabels: Record<ContestAward, string> = {
  gold: '金奖',
  silver: '银奖',
  bronze: '铜奖',
  first_prize: '一等奖',
  second_prize: '二等奖',
  third_prize: '三等奖',
  excellence: '优秀奖',
};

/** What a competition winner may become: a trainer-pool candidate, a high-skill talent candidate. */
export const candidateKinds = ['trainer_pool', 'high_skill'] as const;
export type CandidateKind = (typeof candidateKinds)[number];
export const candidateKindLabels: Record<CandidateKind, string> = {
  trainer_pool: '师资库候选人',
  high_skill: '高技能人才候选人',
};

export const candidateStatuses = ['open', 'accepted', 'dismissed'] as const;
export type CandidateStatus = (typeof candidateStatuses)[number];
export const candidateStatusLabels: Record<CandidateStatus, string> = { open: '待处理', accepted: '已纳入', dismissed: '不予纳入' };

/**
 * Which candidate lists an award puts a winner on. The plan's trainer pool takes winners of
 * provincial-or-higher contests (三(四) 省级（含）以上残疾人职业技能大赛优胜者); the high-skill
 * programme takes award-winning technicians of contests at every level (二(四) 各级职业技能竞赛中获奖技术能手).
 */
export function candidateKindsFor(level: ContestLevel, award: ContestAward | null): CandidateKind[] {
  if (award === null) return [];
  return level === 'national' || level === 'province' ? ['trainer_pool', 'high_skill'] : ['high_skill'];
}

/**
 * Budget lines of a contest. Contest training is subsidisable as vocational training, but the
 * plan (三(一)) excludes prize money, travel, transport, food and lodging and sundries; the costs
 * of running the contest itself are contest funds, not training subsidy either.
 */
export const budgetCategories = [
  'training',
  'training_materials',
  'venue_equipment',
  'judges',
  'organisation',
  'prize_money',
  'travel',
  'food_lodging',
  'sundries',
] as const;
export type BudgetCategory = (typeof budgetCategories)[number];
export const budgetCategoryLabels: Record<BudgetCategory, string> = {
  training: '赛前集训/实训',
  training_materials: '实训耗材',
  venue_equipment: '场地与设备',
  judges: '裁判与专家',
  organisation: '组织与宣传',
  prize_money: '获奖人员奖金',
  travel: '差旅费',
  food_lodging: '交通食宿费',
  sundries: '工杂费等其他费用',
};

const subsidisable: ReadonlySet<BudgetCategory> = new Set(['training', 'training_materials']);
const excludedByPlan: ReadonlySet<BudgetCategory> = new Set(['prize_money', 'travel', 'food_lodging', 'sundries']);

/** Whether a budget line may count towards vocational-training subsidy (the subsidy module reads this). */
export function isSubsidisable(category: BudgetCategory): boolean {
  return subsidisable.has(category);
}

/** Why a line is or is not subsidisable, in words for the screen. */
export function subsidyNote(category: BudgetCategory): string {
  if (subsidisable.has(category)) return '可按规定申请职业培训补贴';
  if (excludedByPlan.has(category)) return '不属于培训补贴范围（提升计划明确不含）';
  return '竞赛组织经费，不属于培训补贴';
}

/** Scores are recorded to two decimals, from 0 to 1000 (some events add up several parts). */
export const scoreRange = { min: 0, max: 1000 } as const;

/**
 * The contest levels a federation records as organiser: the province its own and national
 * contests (it sends the provincial team), a city or county its own level.
 */
export function contestLevelsFor(regionLevel: 'province' | 'city' | 'county'): ContestLevel[] {
  if (regionLevel === 'province') return ['national', 'province'];
  return [regionLevel];
}
