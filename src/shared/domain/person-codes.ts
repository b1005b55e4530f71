/** Code lists of the real-name registry (实名制). Each is mirrored by a CHECK constraint in the database. */

export const sexes = ['male', 'female'] as const;
export type Sex = (typeof sexes)[number];
export const sexLabels: Record<Sex, string> = { male: '男', female: '女' };

export const urbanRural = ['urban', 'rural'] as const;
export type UrbanRural = (typeof urbanRural)[number];
export const urbanRuralLabels: Record<UrbanRural, string> = { urban: '城镇', rural: '农村' };

export const educationLevels = ['none', 'primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'postgraduate'] as const;
export type EducationLevel = (typeof educationLevels)[number];
export const educationLabels: Record<EducationLevel, string> = {
  none: '未上过学',
  primary: '小学',
  junior: '初中',
  senior: '高中',
  vocational: '中专/职高',
  college: '大专',
  bachelor: '本科',
  postgraduate: '研究生',
};

export const employmentStatuses = ['employed', 'unemployed'] as const;
export type EmploymentStatus = (typeof employmentStatuses)[number];
export const employmentStatusLabels: Record<EmploymentStatus, string> = { employed: '已就业', unemployed: '未就业' };

/** Forms of employment named by the plan (domain §10). */
export const employmentForms = [
  'quota',
  'concentrated',
  'self_employed',
  'rural_farming',
  'public_welfare',
  'assisted',
  'flexible',
] as const;
export type EmploymentForm = (typeof employmentForms)[number];
export const employmentFormLabels: Record<EmploymentForm, string> = {
  quota: '按比例就业',
  concentrated: '集中就业',
  self_employed: '个体/自主创业',
  rural_farming: '农村种养加',
  public_welfare: '公益性岗位',
  assisted: '辅助性就业',
  flexible: '灵活就业',
};

/** Accommodation needs that a class, an exam or a job must plan for. */
export const accommodationNeeds = [
  'sign_language',
  'large_print',
  'screen_reader',
  'barrier_free_room',
  'guardian_present',
  'other',
] as const;
export type AccommodationNeed = (typeof accommodationNeeds)[number];
export const accommodationLabels: Record<AccommodationNeed, string> = {
  sign_language: '手语翻译',
  large_print: '大字材料',
  screen_reader: '读屏可用材料',
  barrier_free_room: '无障碍场地',
  guardian_present: '监护人陪同',
  other: '其他',
};

/** Training types of the plan (domain §5) as wishes a person can register. */
export const trainingTypes = ['employment_skills', 'on_the_job', 'entrepreneurship', 'high_skill', 'rural_practical'] as const;
export type TrainingType = (typeof trainingTypes)[number];
export const trainingTypeLabels: Record<TrainingType, string> = {
  employment_skills: '就业技能培训',
  on_the_job: '岗位技能提升培训',
  entrepreneurship: '创业创新培训',
  high_skill: '高技能人才培训',
  rural_practical: '农村实用技术培训',
};

export const consentPurposes = ['training', 'employment_referral', 'statistics', 'subsidy'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
export const consentPurposeLabels: Record<ConsentPurpose, string> = {
  training: '参加培训（向培训机构提供信息）',
  employment_referral: '就业推荐（向用人单位提供信息）',
  statistics: '统计分析',
  subsidy: '补贴申领与发放',
};
