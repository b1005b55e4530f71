import { addDays, daysBetween } from './trainer-rotation';
import { addWorkingDays } from './class-codes';

/**
 * A training class's life (开班申请 → 过程检查 → 结业审核 → 关闭), the one source of its statuses
 * and transitions. The server enforces it in the transaction that writes the event row; the browser
 * calls `allowedClassCommands` to show only the actions the actor may take.
 */
export const classStatuses = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'running',
  'completion_submitted',
  'completion_returned',
  'completion_approved',
  'closed',
  'cancelled',
] as const;
export type ClassStatus = (typeof classStatuses)[number];

export const classStatusLabels: Record<ClassStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回修改',
  approved: '已批准开班',
  running: '培训中',
  completion_submitted: '结业待审核',
  completion_returned: '结业审核退回',
  completion_approved: '结业审核通过',
  closed: '已结班',
  cancelled: '已取消',
};

export const classCommands = [
  'create',
  'submit',
  'return',
  'approve',
  'start',
  'submit_completion',
  'return_completion',
  'approve_completion',
  'close',
  'cancel',
] as const;
export type ClassCommand = (typeof classCommands)[number];

export const classCommandLabels: Record<ClassCommand, string> = {
  create: '填写开班申请',
  submit: '提交开班申请',
  return: '退回修改',
  approve: '批准开班',
  start: '开始培训',
  submit_completion: '提交结业审核',
  return_completion: '退回结业材料',
  approve_completion: '结业审核通过',
  close: '结班',
  cancel: '取消培训班',
};

/**
 * Who takes a command: the institution running the class, or the federation reviewing it.
 * `cancel` is open to both (the institution before approval, the federation until the class runs).
 */
export type ClassParty = 'institution' | 'federation';

interface Transition {
  from: readonly (ClassStatus | null)[];
  to: ClassStatus;
  parties: readonly ClassParty[];
  /** a comment is required (a return or a cancellation says why) */
  needsComment?: boolean;
}

const transitions: Record<ClassCommand, Transition> = {
  create: { from: [null], to: 'draft', parties: ['institution'] },
  submit: { from: ['draft', 'returned'], to: 'submitted', parties: ['institution'] },
  return: { from: ['submitted'], to: 'returned', parties: ['federation'], needsComment: true },
  approve: { from: ['submitted'], to: 'approved', parties: ['federation'] },
  start: { from: ['approved'], to: 'running', parties: ['institution'] },
  submit_completion: { from: ['running', 'completion_returned'], to: 'completion_submitted', parties: ['institution'] },
  return_completion: { from: ['completion_submitted'], to: 'completion_returned', parties: ['federation'], needsComment: true },
  approve_completion: { from: ['completion_submitted'], to: 'completion_approved', parties: ['federation'] },
  close: { from: ['completion_approved'], to: 'closed', parties: ['institution', 'federation'] },
  cancel: {
    from: ['draft', 'submitted', 'returned', 'approved'],
    to: 'cancelled',
    parties: ['institution', 'federation'],
    needsComment: true,
  },
};

/** The institution may cancel only what the federation has not approved yet. */
const institutionCancelFrom: readonly ClassStatus[] = ['draft', 'submitted', 'returned'];

/** The status `command` leads to from `from` for `party`, or null when it is not allowed. */
export function nextClassStatus(from: ClassStatus | null, command: ClassCommand, party: ClassParty): ClassStatus | null {
  const rule = transitions[command];
  if (!rule.from.includes(from) || !rule.parties.includes(party)) return null;
  if (command === 'cancel' && party === 'institution' && !institutionCancelFrom.includes(from as ClassStatus)) return null;
  return rule.to;
}

/** Whether the command needs a comment (returns and cancellations say why). */
export function commandNeedsComment(command: ClassCommand): boolean {
  return transitions[command].needsComment === true;
}

/** The commands `party` may take on a class in `status`, in the order a page shows them. */
export function allowedClassCommands(status: ClassStatus, party: ClassParty): ClassCommand[] {
  return classCommands.filter((c) => c !== 'create' && nextClassStatus(status, c, party) !== null);
}

/** A Chinese reason why the command is refused from this status, for the 409 answer. */
export function refusedTransitionMessage(from: ClassStatus, command: ClassCommand, party: ClassParty): string {
  const rule = transitions[command];
  if (!rule.parties.includes(party)) {
    return `“${classCommandLabels[command]}”由${party === 'institution' ? '残联审核人员' : '培训机构'}办理`;
  }
  return `培训班当前为“${classStatusLabels[from]}”，不能${classCommandLabels[command]}`;
}

/** Statuses in which the class is on the books (counts against overlap and enrolment). */
export const liveClassStatuses: readonly ClassStatus[] = [
  'submitted',
  'returned',
  'approved',
  'running',
  'completion_submitted',
  'completion_returned',
  'completion_approved',
  'closed',
];

/** Statuses in which the institution may still change the application itself. */
export const editableClassStatuses: readonly ClassStatus[] = ['draft', 'returned'];

// ---------------------------------------------------------------------------------------------
// time rules

export interface ClassTimeRules {
  /** the opening application is filed at least this many days before the start (default 15) */
  submitLeadDays: number;
  /** the review is due within this many working days of submission (default 5) */
  reviewWorkingDays: number;
  holidays?: readonly string[];
  workingWeekends?: readonly string[];
}

/**
 * Null when an application submitted on `today` for a class starting `startsOn` is on time, else a
 * Chinese reason naming the latest day it could have been filed.
 */
export function checkSubmissionLead(startsOn: string, today: string, rules: Pick<ClassTimeRules, 'submitLeadDays'>): string | null {
  const lead = daysBetween(today, startsOn);
  if (lead >= rules.submitLeadDays) return null;
  return `开班申请须在开班前至少 ${rules.submitLeadDays} 天提交（本班开班日期 ${startsOn}，最迟 ${addDays(startsOn, -rules.submitLeadDays)} 提交）`;
}

/** The day the review of an application submitted on `submittedOn` is due. */
export function reviewDueOn(submittedOn: string, rules: ClassTimeRules): string {
  return addWorkingDays(submittedOn, rules.reviewWorkingDays, {
    ...(rules.holidays ? { holidays: rules.holidays } : {}),
    ...(rules.workingWeekends ? { workingWeekends: rules.workingWeekends } : {}),
  });
}

/** Whether a review still open on `today` is overdue (the due day itself is still on time). */
export function isReviewOverdue(dueOn: string | null, today: string): boolean {
  return dueOn !== null && today > dueOn;
}
