/** Code lists of the trainer pool (师资库). Each is mirrored by a CHECK constraint in migration 0006. */

/** The sources the plan (三(四)) lists for the pool, in the plan's order. A trainer may come from several. */
export const trainerSources = [
  'base_teacher',
  'high_skill_worker',
  'contest_winner',
  'model_worker',
  'job_expert',
  'rural_leader',
  'self_reliance_model',
  'rural_revitalisation_talent',
  'skilled_worker',
] as const;
export type TrainerSource = (typeof trainerSources)[number];
export const trainerSourceLabels: Record<TrainerSource, string> = {
  base_teacher: '残疾人职业培训基地教师',
  high_skill_worker: '企业和个体从业者中的高技能人才',
  contest_winner: '省级（含）以上残疾人职业技能大赛优胜者',
  model_worker: '劳动模范',
  job_expert: '岗位能手',
  rural_leader: '农村致富带头人',
  self_reliance_model: '自强模范',
  rural_revitalisation_talent: '乡村振兴自强人才',
  skilled_worker: '符合条件的技能劳动者',
};

/** 专职 / 兼职 (the plan: 专兼职并存). */
export const trainerEngagements = ['full_time', 'part_time'] as const;
export type TrainerEngagement = (typeof trainerEngagements)[number];
export const trainerEngagementLabels: Record<TrainerEngagement, string> = { full_time: '专职', part_time: '兼职' };

export const qualificationKinds = ['skill_level', 'vocational_qualification', 'teacher', 'professional_title', 'other'] as const;
export type QualificationKind = (typeof qualificationKinds)[number];
export const qualificationKindLabels: Record<QualificationKind, string> = {
  skill_level: '职业技能等级证书',
  vocational_qualification: '职业资格证书',
  teacher: '教师资格证',
  professional_title: '专业技术职称',
  other: '其他证书',
};

/** What a trainer does at an institution. */
export const trainerInstitutionRoles = ['teacher', 'practice_instructor', 'guest_lecturer'] as const;
export type TrainerInstitutionRole = (typeof trainerInstitutionRoles)[number];
export const trainerInstitutionRoleLabels: Record<TrainerInstitutionRole, string> = {
  teacher: '授课教师',
  practice_instructor: '实训指导教师',
  guest_lecturer: '特聘讲师',
};

export const trainerStatuses = ['active', 'left'] as const;
export type TrainerStatus = (typeof trainerStatuses)[number];
export const trainerStatusLabels: Record<TrainerStatus, string> = { active: '在库', left: '已退出' };

/** Only a passed rotation starts a new cycle; a failed one is kept as history. */
export const rotationResults = ['passed', 'failed'] as const;
export type RotationResult = (typeof rotationResults)[number];
export const rotationResultLabels: Record<RotationResult, string> = { passed: '合格', failed: '不合格' };
