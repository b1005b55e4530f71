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

/** Where an institution stands: registered (draft), on public notice, in effect, refused after an upheld objection, closed. */
export const institutionStatuses = ['draft', 'on_notice', 'active', 'refused', 'closed'] as const;
export type InstitutionStatus = (typeof institutionStatuses)[number];

export const institutionStatusLabels: Record<InstitutionStatus, string> = {
  draft: '待公示',
  on_notice: '公示中',
  active: '已生效',
  refused: '公示未通过',
  closed: '已注销',
};

/** What staff may do to an institution in a status; the server enforces it, the screens hide what is not offered. */
export const institutionCommands = {
  edit: ['draft', 'refused', 'active'],
  // refused: corrected and put on notice again
  submit: ['draft', 'refused'],
  // on notice it cannot close: the public is reading the notice, which ends on its own or by objection
  close: ['draft', 'refused', 'active'],
} as const satisfies Record<string, readonly InstitutionStatus[]>;
export type InstitutionCommand = keyof typeof institutionCommands;

export function institutionAllows(status: InstitutionStatus, command: InstitutionCommand): boolean {
  return (institutionCommands[command] as readonly InstitutionStatus[]).includes(status);
}

/** Accessibility of premises (场所无障碍设施与服务), as institutions declare them and trainees filter by. */
export const accessibilityFeatures = [
  'step_free_entrance',
  'ramp',
  'lift',
  'accessible_toilet',
  'tactile_paving',
  'accessible_parking',
  'wide_doors',
  'accessible_classroom',
  'braille_signage',
  'audio_guidance',
  'hearing_loop',
  'sign_language',
  'captioning',
  'screen_reader_computers',
  'accessible_dormitory',
] as const;
export type AccessibilityFeature = (typeof accessibilityFeatures)[number];

export const accessibilityFeatureLabels: Record<AccessibilityFeature, string> = {
  step_free_entrance: '无障碍出入口（无台阶）',
  ramp: '坡道',
  lift: '无障碍电梯',
  accessible_toilet: '无障碍卫生间',
  tactile_paving: '盲道',
  accessible_parking: '无障碍停车位',
  wide_doors: '宽通道与门（轮椅可通行）',
  accessible_classroom: '无障碍教室与实训场地',
  braille_signage: '盲文标识',
  audio_guidance: '语音提示与引导',
  hearing_loop: '助听环路（感应线圈）',
  sign_language: '手语服务',
  captioning: '字幕服务',
  screen_reader_computers: '装有读屏软件的电脑',
  accessible_dormitory: '无障碍住宿',
};
