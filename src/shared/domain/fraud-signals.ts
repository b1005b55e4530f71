/**
 * Fraud signals (疑点线索) of fund supervision: the kinds, the thresholds that turn data into a
 * signal, the pass-rate outlier statistics and the sentences that explain each signal to an auditor.
 * Pure: the server computes the evidence with SQL and hands it here; names and contacts arrive masked.
 */

export const fraudSignalKinds = [
  'shared_phone',
  'shared_bank',
  'attendance_anomaly',
  'certificate_before_exam',
  'two_places',
  'pass_rate_outlier',
] as const;
export type FraudSignalKind = (typeof fraudSignalKinds)[number];

export const fraudSignalKindLabels: Record<FraudSignalKind, string> = {
  shared_phone: '多名学员共用一个手机号',
  shared_bank: '多名学员共用一个银行账户',
  attendance_anomaly: '考勤异常',
  certificate_before_exam: '证书日期早于考核日期',
  two_places: '同一学员同时在两个培训班',
  pass_rate_outlier: '机构合格率异常偏高',
};

export const fraudSignalDecisions = ['confirmed', 'dismissed'] as const;
export type FraudSignalDecision = (typeof fraudSignalDecisions)[number];
export const fraudSignalDecisionLabels: Record<FraudSignalDecision, string> = { confirmed: '确认存疑', dismissed: '排除疑点' };

/**
 * A class's attendance is anomalous when at least this many rows carry a flag, or when this share of
 * its rows does: a few flags in a large class are noise, but a small class with a third flagged is not.
 */
export const ATTENDANCE_ANOMALY_MIN_ROWS = 3;
export const ATTENDANCE_ANOMALY_MIN_PERCENT = 10;

/** One decimal percent of part over whole (0 when whole is 0). */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part * 1000) / whole) / 10;
}

export function isAttendanceAnomaly(flaggedRows: number, totalRows: number): boolean {
  if (flaggedRows <= 0) return false;
  return flaggedRows >= ATTENDANCE_ANOMALY_MIN_ROWS || percentOf(flaggedRows, totalRows) >= ATTENDANCE_ANOMALY_MIN_PERCENT;
}

export interface PassRate {
  institutionId: string;
  examined: number;
  passed: number;
}

export interface PassRateStatistics {
  /** institutions that count (enough examined trainees) */
  institutions: number;
  meanPercent: number;
  sdPercent: number;
  /** the rate above which an institution is an outlier */
  limitPercent: number;
}

export interface PassRateOutlier {
  institutionId: string;
  examined: number;
  passed: number;
  ratePercent: number;
  /** which of the two rules flagged it */
  rule: 'above_limit' | 'all_passed_low_mean';
}

/** Below this mean, an institution where every examined trainee passed stands out even when the spread is wide. */
export const PASS_RATE_LOW_MEAN_PERCENT = 80;

/**
 * Pass-rate outliers among institutions with at least `minExamined` examined trainees: a rate above
 * the mean plus two (population) standard deviations of those institutions, or 100 % while the mean
 * is below 80 %. With fewer than two institutions there is nothing to compare and nothing is flagged.
 */
export function passRateOutliers(
  rates: readonly PassRate[],
  minExamined: number,
): { statistics: PassRateStatistics; outliers: PassRateOutlier[] } {
  const counted = rates.filter((r) => r.examined >= minExamined && r.examined > 0);
  const percents = counted.map((r) => (r.passed * 100) / r.examined);
  const n = percents.length;
  const mean = n === 0 ? 0 : percents.reduce((a, b) => a + b, 0) / n;
  const sd = n === 0 ? 0 : Math.sqrt(percents.reduce((a, p) => a + (p - mean) ** 2, 0) / n);
  const limit = mean + 2 * sd;
  const statistics: PassRateStatistics = {
    institutions: n,
    meanPercent: round1(mean),
    sdPercent: round1(sd),
    limitPercent: round1(limit),
  };
  if (n < 2) return { statistics, outliers: [] };
  const outliers: PassRateOutlier[] = [];
  counted.forEach((r, i) => {
    const p = percents[i]!;
    // a small epsilon so that floating error never turns "equal to the limit" into "above"
    if (p > limit + 1e-9)
      outliers.push({
        institutionId: r.institutionId,
        examined: r.examined,
        passed: r.passed,
        ratePercent: round1(p),
        rule: 'above_limit',
      });
    else if (r.passed === r.examined && mean < PASS_RATE_LOW_MEAN_PERCENT)
      outliers.push({
        institutionId: r.institutionId,
        examined: r.examined,
        passed: r.passed,
        ratePercent: 100,
        rule: 'all_passed_low_mean',
      });
  });
  return { statistics, outliers };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

// ---------------------------------------------------------------------------------------------
// explanation sentences: the evidence in words (counts, dates, masked names)

function nameList(names: readonly string[]): string {
  const shown = names.slice(0, 5).join('、');
  return names.length > 5 ? `${shown}等 ${names.length} 人` : shown;
}

export function sharedPhoneExplanation(input: { phoneMasked: string; names: readonly string[]; min: number }): string {
  return `手机号 ${input.phoneMasked} 登记在 ${input.names.length} 名申领补贴的学员名下（${nameList(input.names)}），达到 ${input.min} 人的提示线。`;
}

export function sharedBankExplanation(input: { accountMasked: string; names: readonly string[]; claims: number; min: number }): string {
  return `银行账户 ${input.accountMasked} 出现在 ${input.names.length} 名学员的 ${input.claims} 笔补贴申领中（${nameList(input.names)}），达到 ${input.min} 人的提示线。`;
}

export function attendanceAnomalyExplanation(input: {
  classNo: string;
  className: string;
  flaggedRows: number;
  totalRows: number;
  flagCounts: readonly { label: string; count: number }[];
}): string {
  const parts = input.flagCounts.filter((f) => f.count > 0).map((f) => `${f.label} ${f.count} 条`);
  return (
    `培训班 ${input.classNo}（${input.className}）的 ${input.totalRows} 条考勤记录中有 ${input.flaggedRows} 条带异常标记` +
    `（占 ${percentOf(input.flaggedRows, input.totalRows)}%；${parts.join('，')}），` +
    `达到提示线：不少于 ${ATTENDANCE_ANOMALY_MIN_ROWS} 条或不低于 ${ATTENDANCE_ANOMALY_MIN_PERCENT}%。`
  );
}

export function certificateBeforeExamExplanation(input: {
  certificateNo: string;
  name: string;
  issuedOn: string;
  examOn: string;
  classNo: string;
}): string {
  return `证书 ${input.certificateNo}（${input.name}）的发证日期 ${input.issuedOn} 早于培训班 ${input.classNo} 的考核日期 ${input.examOn}。`;
}

export function twoPlacesExplanation(input: {
  name: string;
  classes: readonly { classNo: string; startsOn: string; endsOn: string }[];
  /** attendance rows of these enrolments flagged as signed in at two places at once */
  flaggedRows: number;
}): string {
  const flagged = `“同一时间在两处签到”标记的考勤 ${input.flaggedRows} 条`;
  if (input.classes.length >= 2) {
    const classes = input.classes.map((c) => `${c.classNo}（${c.startsOn} 至 ${c.endsOn}）`).join('和');
    return `学员 ${input.name} 同时在册于培训班 ${classes}，两班日期重叠${input.flaggedRows > 0 ? `；另有${flagged}` : ''}。`;
  }
  return `学员 ${input.name} 在培训班 ${input.classes[0]?.classNo ?? ''} 有${flagged}。`;
}

export function passRateOutlierExplanation(input: {
  institutionName: string;
  outlier: PassRateOutlier;
  statistics: PassRateStatistics;
  min: number;
}): string {
  const { outlier, statistics } = input;
  const base =
    `${input.institutionName} 的 ${outlier.examined} 名参加考核的学员中 ${outlier.passed} 名合格，合格率 ${outlier.ratePercent}%；` +
    `辖区内参加考核学员不少于 ${input.min} 名的 ${statistics.institutions} 家机构平均合格率 ${statistics.meanPercent}%，标准差 ${statistics.sdPercent}%。`;
  return outlier.rule === 'above_limit'
    ? `${base}规则：合格率高于平均值加 2 个标准差（${statistics.limitPercent}%）。`
    : `${base}规则：平均合格率低于 ${PASS_RATE_LOW_MEAN_PERCENT}% 时全部合格即提示。`;
}
