import { addDays } from './trainer-rotation';

/**
 * Training classes (培训班, domain §5 and §6): the code lists of a class and the derived values
 * (period code, training year). Each list is mirrored by a CHECK constraint in migration 0010.
 */

/**
 * The training type of a class: the plan's five types, rural practical technology (counted against
 * its own target) and training for a skills contest (竞赛集训). Type 5 trains employers' and
 * employment-service staff, who are not disabled persons: its roster holds external participants.
 */
export const classTrainingTypes = [
  'employment_skills',
  'on_the_job',
  'entrepreneurship',
  'high_skill',
  'employer_staff',
  'rural_practical',
  'contest',
] as const;
export type ClassTrainingType = (typeof classTrainingTypes)[number];
export const classTrainingTypeLabels: Record<ClassTrainingType, string> = {
  employment_skills: '就业技能培训',
  on_the_job: '岗位技能提升培训',
  entrepreneurship: '创业创新培训',
  high_skill: '高技能人才培训',
  employer_staff: '用人单位和就业服务人员培训',
  rural_practical: '农村实用技术培训',
  contest: '职业技能竞赛集训',
};

/** Types whose roster holds external participants (not registered disabled persons). */
export const externalParticipantTypes: readonly ClassTrainingType[] = ['employer_staff'];

/** What the venue offers (场地无障碍情况); the application says which of these hold. */
export const venueFeatures = [
  'step_free_entrance',
  'lift',
  'accessible_toilet',
  'tactile_paving',
  'hearing_loop',
  'accessible_parking',
  'rest_area',
] as const;
export type VenueFeature = (typeof venueFeatures)[number];
export const venueFeatureLabels: Record<VenueFeature, string> = {
  step_free_entrance: '无台阶入口或坡道',
  lift: '无障碍电梯（或教室在一楼）',
  accessible_toilet: '无障碍卫生间',
  tactile_paving: '盲道',
  hearing_loop: '助听环路或字幕设备',
  accessible_parking: '无障碍停车位',
  rest_area: '休息区',
};

/**
 * The national system's training period code (培训期限): long > 6 months, medium ≤ 6 months,
 * short ≤ 1 month. A course spanning two years counts in its start year.
 */
export const periodCodes = ['long', 'medium', 'short'] as const;
export type PeriodCode = (typeof periodCodes)[number];
export const periodCodeLabels: Record<PeriodCode, string> = {
  long: '长期（6 个月以上）',
  medium: '中期（1–6 个月）',
  short: '短期（1 个月以内）',
};

function parseIsoDate(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

/** The same day `months` calendar months later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parseIsoDate(date);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The period code of a class running from `startsOn` to `endsOn` (inclusive ISO dates): short when
 * it ends within one calendar month of its start, medium within six, long beyond that.
 */
export function periodCodeOf(startsOn: string, endsOn: string): PeriodCode {
  if (endsOn <= addMonths(startsOn, 1)) return 'short';
  if (endsOn <= addMonths(startsOn, 6)) return 'medium';
  return 'long';
}

/** The training year a class counts in: the year it starts. */
export function trainingYearOf(startsOn: string): number {
  return parseIsoDate(startsOn).y;
}

/**
 * The date `days` working days after `date`: Saturdays, Sundays and the listed holidays do not
 * count; adjusted working weekends (调休) count when listed in `workingWeekends`.
 */
export function addWorkingDays(
  date: string,
  days: number,
  calendar: { holidays?: readonly string[]; workingWeekends?: readonly string[] } = {},
): string {
  const holidays = new Set(calendar.holidays ?? []);
  const workingWeekends = new Set(calendar.workingWeekends ?? []);
  let current = date;
  let left = days;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, holidays, workingWeekends)) left -= 1;
  }
  return current;
}

function isWorkingDay(date: string, holidays: ReadonlySet<string>, workingWeekends: ReadonlySet<string>): boolean {
  if (holidays.has(date)) return false;
  if (workingWeekends.has(date)) return true;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

// One shared formatter (the same text as toLocaleString('zh-CN')), and the texts of amounts already
// shown: eligibility explanations of a 10,000-claim batch repeat the same few amounts tens of
// thousands of times, and the formatter itself is what their cost was.
const yuanFormat = new Intl.NumberFormat('zh-CN');
const fenTexts = new Map<number, string>();

/** Money in integer fen, shown as yuan with two decimals and thousands separators. */
export function formatFen(fen: number): string {
  // 0 and -0 share a Map key but not a text ("-0.00 元"): zero is not kept
  const known = fen === 0 ? undefined : fenTexts.get(fen);
  if (known !== undefined) return known;
  const yuan = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  const text = `${yuanFormat.format(yuan)}.${String(cents).padStart(2, '0')} 元`;
  if (fen !== 0) {
    if (fenTexts.size >= 10_000) fenTexts.clear();
    fenTexts.set(fen, text);
  }
  return text;
}
