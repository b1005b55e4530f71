/**
 * The completion rule of a training class (结业考核, domain §6.5): a trainee passes when they sat the
 * exam with at least the class's pass score AND attended at least the class's threshold. Both
 * numbers are the class's own (copied from configuration when it was created), so a later change of
 * the defaults never changes a decided class. Pure: the server fixes the answer when completion is
 * submitted, the browser previews the same answer before.
 */
import { meetsThreshold } from './class-attendance';

export const completionResults = ['passed', 'failed'] as const;
export type CompletionResult = (typeof completionResults)[number];
export const completionResultLabels: Record<CompletionResult, string> = { passed: '合格', failed: '不合格' };

export interface CompletionInput {
  /** 0–100, one decimal; null when no score is recorded */
  examScore: number | null;
  examAbsent: boolean;
  /** percent */
  attendanceRate: number;
}

export interface CompletionRule {
  passScore: number;
  attendanceThreshold: number;
}

export interface CompletionOutcome {
  result: CompletionResult;
  /** why the trainee failed, in words a trainee understands; empty when passed */
  reasons: string[];
}

/** Scores carry one decimal (numeric(5,1)); the same formatting everywhere a score is shown. */
export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

export function completionResult(input: CompletionInput, rule: CompletionRule): CompletionOutcome {
  const reasons: string[] = [];
  if (input.examAbsent) reasons.push('结业考核缺考');
  else if (input.examScore === null) reasons.push('没有结业考核成绩');
  else if (input.examScore < rule.passScore) reasons.push(`考核成绩 ${formatScore(input.examScore)} 分，低于合格分数 ${rule.passScore} 分`);
  if (!meetsThreshold(input.attendanceRate, rule.attendanceThreshold))
    reasons.push(`出勤率 ${formatScore(input.attendanceRate)}%，低于要求的 ${rule.attendanceThreshold}%`);
  return { result: reasons.length === 0 ? 'passed' : 'failed', reasons };
}

/** What is stored in class_enrolment.completion_reason: the reasons joined, or null for a pass. */
export function completionReasonText(outcome: CompletionOutcome): string | null {
  return outcome.reasons.length === 0 ? null : outcome.reasons.join('；');
}

/** A score typed or sent: 0–100 with at most one decimal. */
export function isExamScore(value: number): boolean {
  // 1.1 * 10 is 11.000000000000002 in binary floating point: compare with a tolerance
  return Number.isFinite(value) && value >= 0 && value <= 100 && Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}
