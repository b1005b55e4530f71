/**
 * The training catalogue (培训目录清单): code lists and the rules of a programme's life.
 * Each list is mirrored by a CHECK constraint in migration 0007.
 */

/**
 * A programme version's life: a draft goes on public notice (公示), takes effect when the period
 * ends clean, and is superseded when a later version takes effect or retired by the federation.
 * An upheld objection refuses it: the version never takes effect and the one in force stays.
 */
export const programmeStatuses = ['draft', 'on_notice', 'active', 'superseded', 'retired', 'refused'] as const;
export type ProgrammeStatus = (typeof programmeStatuses)[number];
export const programmeStatusLabels: Record<ProgrammeStatus, string> = {
  draft: '草稿',
  on_notice: '公示中',
  active: '现行有效',
  superseded: '已被新版本替代',
  retired: '已停用',
  refused: '公示未通过',
};

/** National vocational skill levels (五级 the lowest … 一级 the highest), special abilities, or no level. */
export const skillLevels = ['5', '4', '3', '2', '1', 'special', 'none'] as const;
export type SkillLevel = (typeof skillLevels)[number];
export const skillLevelLabels: Record<SkillLevel, string> = {
  '5': '五级/初级工',
  '4': '四级/中级工',
  '3': '三级/高级工',
  '2': '二级/技师',
  '1': '一级/高级技师',
  special: '专项职业能力',
  none: '不定级（培训合格）',
};

/** The brand programmes the plan names (三(六) 培育残疾人特色培训品牌). */
export const brandTags = [
  'ecommerce_service',
  'ecommerce_design',
  'ecommerce_operations',
  'live_streaming',
  'heritage',
  'cultural_creative',
  'massage',
] as const;
export type BrandTag = (typeof brandTags)[number];
export const brandTagLabels: Record<BrandTag, string> = {
  ecommerce_service: '电商客服',
  ecommerce_design: '电商美工/设计',
  ecommerce_operations: '电商运营管理',
  live_streaming: '网络直播',
  heritage: '非遗传承',
  cultural_creative: '文创产品',
  massage: '保健（医疗）按摩',
};

/** A programme code: upper-case letters, digits and hyphens, the same for every version of one programme. */
export const programmeCodePattern = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
export const programmeCodeMessage = '项目编码须为 2–32 位大写字母、数字或连字符，且不以连字符开头';

/** Training hours of one programme: at least one hour, at most two years of full-time study. */
export const programmeHoursRange = { min: 1, max: 4000 } as const;

/** Region levels whose federation maintains a catalogue: the province's, and a city's local additions. */
export const catalogueMaintainerLevels = ['province', 'city'] as const;

/** A draft is the only version whose content can change; everything after is history. */
export function isEditable(status: ProgrammeStatus): boolean {
  return status === 'draft';
}

export function canSubmit(status: ProgrammeStatus): boolean {
  return status === 'draft';
}

export function canRetire(status: ProgrammeStatus): boolean {
  return status === 'active';
}

/**
 * A new version starts from the chain's latest version once it is settled: in force, retired
 * (to bring a programme back) or refused (to try again). Superseded versions are history only.
 */
export function canRevise(status: ProgrammeStatus): boolean {
  return status === 'active' || status === 'retired' || status === 'refused';
}

/** Why a programme version cannot be changed now, in words for the screen. */
export function notEditableMessage(status: ProgrammeStatus): string {
  return `该版本${programmeStatusLabels[status]}，不能修改；如需调整，请在现行版本上“修订为新版本”`;
}

/**
 * Rules across fields of a programme, with the field each issue belongs to. High-skill talent
 * training (二(四)) aims at senior workers, technicians and senior technicians.
 */
export function checkProgrammeContent(content: { trainingType: string; skillLevel: SkillLevel }): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  if (content.trainingType === 'high_skill' && !['3', '2', '1'].includes(content.skillLevel)) {
    issues.push({ field: 'skillLevel', message: '高技能人才培训的技能等级须为三级/高级工、二级/技师或一级/高级技师' });
  }
  return issues;
}
