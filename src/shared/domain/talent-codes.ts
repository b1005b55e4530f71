/**
 * The high-skill talent roster (高技能人才) and master–apprentice pairs (带徒传技), plan clause
 * 二(四). Each list is mirrored by a CHECK constraint in migration 0007.
 */

/** The groups the plan names as the high-skill programme's main targets. */
export const talentCategories = ['student', 'entrepreneur', 'heritage_holder', 'contest_winner', 'patent_holder'] as const;
export type TalentCategory = (typeof talentCategories)[number];
export const talentCategoryLabels: Record<TalentCategory, string> = {
  student: '在校残疾学生',
  entrepreneur: '创业成功残疾人',
  heritage_holder: '非遗传承人',
  contest_winner: '竞赛获奖技术能手',
  patent_holder: '具备专利专长人才',
};

export const talentMemberStatuses = ['active', 'removed'] as const;
export type TalentMemberStatus = (typeof talentMemberStatuses)[number];

export const apprenticeshipStatuses = ['active', 'completed', 'ended'] as const;
export type ApprenticeshipStatus = (typeof apprenticeshipStatuses)[number];
export const apprenticeshipStatusLabels: Record<ApprenticeshipStatus, string> = {
  active: '带徒中',
  completed: '已出师',
  ended: '已终止',
};

/** Progress can be recorded while the pair is active; a finished pair is history. */
export function canRecordProgress(status: ApprenticeshipStatus): boolean {
  return status === 'active';
}
