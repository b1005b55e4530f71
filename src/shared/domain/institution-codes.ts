/** Kinds of training institution the plan names (培训机构类型). */
export const institutionKinds = [
  'public_centre',
  'university',
  'vocational_college',
  'special_school',
  'training_institution',
  'enterprise',
  'social_organisation',
] as const;
export type InstitutionKind = (typeof institutionKinds)[number];

export const institutionKindLabels: Record<InstitutionKind, string> = {
  public_centre: '公共实训基地/残疾人职业培训中心',
  university: '高等院校',
  vocational_college: '职业院校',
  special_school: '特殊教育学校',
  training_institution: '培训机构',
  enterprise: '企业',
  social_organisation: '社会组织',
};
