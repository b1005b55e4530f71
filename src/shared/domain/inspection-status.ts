/**
 * Process inspections (过程检查) of a class and class records (台账): code lists and the status
 * flow planned → passed | rectifying → rectified → closed (a rectified inspection may be sent back to
 * rectifying with a further request). The server enforces it; the browser only shows the allowed actions.
 */

export const inspectionKinds = ['scheduled', 'random'] as const;
export type InspectionKind = (typeof inspectionKinds)[number];
export const inspectionKindLabels: Record<InspectionKind, string> = { scheduled: '计划检查', random: '随机抽查' };

export const inspectionStatuses = ['planned', 'passed', 'rectifying', 'rectified', 'closed'] as const;
export type InspectionStatus = (typeof inspectionStatuses)[number];
export const inspectionStatusLabels: Record<InspectionStatus, string> = {
  planned: '待检查',
  passed: '检查合格',
  rectifying: '整改中',
  rectified: '已整改待复核',
  closed: '已办结',
};

/** findings: federation records what it found; reply: institution answers a rectification request; close/reopen: federation */
export const inspectionCommands = ['findings', 'reply', 'close', 'reopen'] as const;
export type InspectionCommand = (typeof inspectionCommands)[number];
export const inspectionCommandLabels: Record<InspectionCommand, string> = {
  findings: '记录检查结果',
  reply: '提交整改回复',
  close: '办结',
  reopen: '退回继续整改',
};

export const inspectionConclusions = ['passed', 'rectify'] as const;
export type InspectionConclusion = (typeof inspectionConclusions)[number];
export const inspectionConclusionLabels: Record<InspectionConclusion, string> = { passed: '合格', rectify: '限期整改' };

const moves: Record<InspectionCommand, { from: readonly InspectionStatus[]; party: 'institution' | 'federation' }> = {
  findings: { from: ['planned'], party: 'federation' },
  reply: { from: ['rectifying'], party: 'institution' },
  close: { from: ['passed', 'rectified'], party: 'federation' },
  reopen: { from: ['rectified'], party: 'federation' },
};

/** The status a command leads to, or null when the move is refused. */
export function nextInspectionStatus(
  from: InspectionStatus,
  command: InspectionCommand,
  conclusion?: InspectionConclusion,
): InspectionStatus | null {
  if (!moves[command].from.includes(from)) return null;
  switch (command) {
    case 'findings':
      return conclusion === 'rectify' ? 'rectifying' : 'passed';
    case 'reply':
      return 'rectified';
    case 'close':
      return 'closed';
    case 'reopen':
      return 'rectifying';
  }
}

export function allowedInspectionCommands(status: InspectionStatus, party: 'institution' | 'federation'): InspectionCommand[] {
  return inspectionCommands.filter((c) => moves[c].party === party && moves[c].from.includes(status));
}

/** The Chinese reason a move is refused (409). */
export function refusedInspectionMessage(status: InspectionStatus, command: InspectionCommand): string {
  return `该检查当前为“${inspectionStatusLabels[status]}”，不能${inspectionCommandLabels[command]}，请刷新后查看最新状态`;
}

/** A rectification whose due date has passed without a reply. */
export function isRectificationOverdue(status: InspectionStatus, dueOn: string | null, today: string): boolean {
  return status === 'rectifying' && dueOn !== null && dueOn < today;
}

// --- class records (台账) ---

export const classRecordKinds = ['document', 'photo', 'video', 'sign_sheet', 'exam_paper', 'other'] as const;
export type ClassRecordKind = (typeof classRecordKinds)[number];
export const classRecordKindLabels: Record<ClassRecordKind, string> = {
  document: '文件资料',
  photo: '照片',
  video: '教学视频',
  sign_sheet: '签到表',
  exam_paper: '试卷',
  other: '其他',
};
/** kinds uploaded as a file; a teaching video is recorded as metadata only */
export const classRecordFileKinds = ['document', 'photo', 'sign_sheet', 'exam_paper', 'other'] as const;
export type ClassRecordFileKind = (typeof classRecordFileKinds)[number];

/** The plan's minimum: class records (台账) and teaching video are kept at least five years. */
export const CLASS_RECORD_RETENTION_YEARS = 5;
