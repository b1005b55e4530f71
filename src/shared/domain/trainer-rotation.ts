/**
 * 五年一周期全员轮训: every trainer in the pool must pass a refresher rotation at least once in
 * every five-year cycle. Pure rules on 'YYYY-MM-DD' dates, the same in the browser, the server and
 * (later) the classes module.
 *
 * The cycle, precisely:
 * - A trainer's first cycle starts on the day they joined the pool (`joinedOn`).
 * - Each passed, not voided rotation record whose completion date is on or before the day asked
 *   about starts a new cycle on its completion date. Only the latest such record matters; a
 *   rotation completed before joining does not shorten the first cycle (the anchor is the later
 *   of the two).
 * - due date = anchor + 5 calendar years. The rotation may be completed on any day up to and
 *   including the due date: on the due date itself the trainer is still in cycle ("due today"),
 *   from the day after it they are overdue.
 * - Leap days: 29 February + 5 years is 28 February (a year five after a leap year is never a
 *   leap year, so the cycle never runs into March). `addYears` clamps to the month's last day.
 * - 'due soon': in cycle with at most `dueSoonDays` days left (the due date itself counts as 0).
 *
 * A class (later issue) may proceed with a trainer who is overdue only under a recorded waiver
 * that covers the class date: `mayTeach` takes the waivers and says on which basis it allows.
 */

export const ROTATION_CYCLE_YEARS = 5;
export const DEFAULT_DUE_SOON_DAYS = 180;

export const rotationStates = ['ok', 'due_soon', 'overdue'] as const;
export type RotationState = (typeof rotationStates)[number];
export const rotationStateLabels: Record<RotationState, string> = {
  ok: '周期内',
  due_soon: '即将到期',
  overdue: '已逾期',
};

/** What the rules need of a rotation record. */
export interface RotationFact {
  completedOn: string;
  result: 'passed' | 'failed';
  voided: boolean;
}

export interface TrainerFacts {
  joinedOn: string;
  /** the day the trainer left the pool, null while active */
  leftOn: string | null;
}

/** A recorded exception that lets an overdue trainer teach between two dates (inclusive). */
export interface TeachingWaiver {
  id: string;
  validFrom: string;
  validTo: string;
  reason: string;
}

const DAY_MS = 86_400_000;

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function utc(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
}

/** Whether a string is a real calendar date 'YYYY-MM-DD'. */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return fromUtc(utc(date)) === date;
}

/** The same day `years` later; a day that month lacks (29 February) becomes its last day. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return fromUtc(Date.UTC(y + years, m - 1, Math.min(d, lastDay)));
}

export function addDays(date: string, days: number): string {
  return fromUtc(utc(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** The rotations that count: passed, not voided, completed on or before `on`. */
function countingRotations(rotations: readonly RotationFact[], on: string): RotationFact[] {
  return rotations.filter((r) => r.result === 'passed' && !r.voided && r.completedOn <= on);
}

export interface RotationStatus {
  state: RotationState;
  /** the start of the current cycle: joining or the latest counting rotation */
  cycleStart: string;
  /** the last day the next rotation may be completed on */
  dueDate: string;
  /** days from the day asked about to the due date; negative when overdue */
  daysUntilDue: number;
  /** the completion date of the latest counting rotation, null when none */
  lastRotationOn: string | null;
}

/** Where a trainer stands in the rotation cycle on a day. */
export function rotationStatus(
  trainer: Pick<TrainerFacts, 'joinedOn'>,
  rotations: readonly RotationFact[],
  on: string,
  dueSoonDays: number = DEFAULT_DUE_SOON_DAYS,
): RotationStatus {
  const last = countingRotations(rotations, on).reduce<string | null>(
    (latest, r) => (latest === null || r.completedOn > latest ? r.completedOn : latest),
    null,
  );
  const cycleStart = last !== null && last > trainer.joinedOn ? last : trainer.joinedOn;
  const dueDate = addYears(cycleStart, ROTATION_CYCLE_YEARS);
  return { ...stateForDueDate(dueDate, on, dueSoonDays), cycleStart, lastRotationOn: last };
}

/** The state on a day for a known due date (lists keep the due date with the trainer). */
export function stateForDueDate(
  dueDate: string,
  on: string,
  dueSoonDays: number = DEFAULT_DUE_SOON_DAYS,
): { state: RotationState; dueDate: string; daysUntilDue: number } {
  const daysUntilDue = daysBetween(on, dueDate);
  const state: RotationState = daysUntilDue < 0 ? 'overdue' : daysUntilDue <= dueSoonDays ? 'due_soon' : 'ok';
  return { state, dueDate, daysUntilDue };
}

/**
 * The due date as it stands after every rotation recorded so far (completion dates are never in
 * the future), i.e. the value kept in trainer.rotation_due_on.
 */
export function currentDueDate(trainer: Pick<TrainerFacts, 'joinedOn'>, rotations: readonly RotationFact[]): string {
  return rotationStatus(trainer, rotations, '9999-12-31').dueDate;
}

export type MayTeachBasis = 'in_cycle' | 'waiver' | 'overdue' | 'not_joined' | 'left';

export interface MayTeachAnswer {
  allowed: boolean;
  basis: MayTeachBasis;
  /** the answer in plain Chinese, for the screen and the class file */
  reason: string;
  /** the due date of the cycle the date falls in (null before joining) */
  dueDate: string | null;
  /** the waiver the answer rests on, when basis is 'waiver' */
  waiverId: string | null;
}

/**
 * May this trainer teach a subsidised class on `date`? Not before joining the pool nor from the
 * day they left it; otherwise yes while the date is on or before the rotation due date, and after
 * it only under a waiver whose dates cover `date`. A waiver never covers leaving or not having joined.
 */
export function mayTeach(
  trainer: TrainerFacts,
  rotations: readonly RotationFact[],
  date: string,
  waivers: readonly TeachingWaiver[] = [],
): MayTeachAnswer {
  if (date < trainer.joinedOn) {
    return {
      allowed: false,
      basis: 'not_joined',
      reason: `${date} 早于该师资入库日期 ${trainer.joinedOn}，当日不能承担补贴性培训授课`,
      dueDate: null,
      waiverId: null,
    };
  }
  const status = rotationStatus(trainer, rotations, date);
  if (trainer.leftOn !== null && date >= trainer.leftOn) {
    return {
      allowed: false,
      basis: 'left',
      reason: `该师资已于 ${trainer.leftOn} 退出师资库，不能承担补贴性培训授课`,
      dueDate: status.dueDate,
      waiverId: null,
    };
  }
  if (status.state !== 'overdue') {
    const since = status.lastRotationOn ? `最近一次轮训于 ${status.lastRotationOn} 完成` : `自 ${status.cycleStart} 入库起算`;
    return {
      allowed: true,
      basis: 'in_cycle',
      reason: `${since}，本周期轮训截止日为 ${status.dueDate}，${date} 在周期内，可以授课`,
      dueDate: status.dueDate,
      waiverId: null,
    };
  }
  const waiver = waivers.find((w) => w.validFrom <= date && date <= w.validTo);
  if (waiver) {
    return {
      allowed: true,
      basis: 'waiver',
      reason: `轮训已于 ${status.dueDate} 到期未完成，但有 ${waiver.validFrom} 至 ${waiver.validTo} 的特许记录（${waiver.reason}），${date} 可以授课`,
      dueDate: status.dueDate,
      waiverId: waiver.id,
    };
  }
  return {
    allowed: false,
    basis: 'overdue',
    reason: `本周期轮训截止日为 ${status.dueDate}，${date} 已逾期 ${-status.daysUntilDue} 天且未完成轮训，不能承担补贴性培训授课；须先参加师资轮训`,
    dueDate: status.dueDate,
    waiverId: null,
  };
}

export interface RotationCycle {
  /** 1 for the cycle that starts at joining */
  index: number;
  start: string;
  dueDate: string;
  /** the passed rotation that closed the cycle, null while it is open */
  completedOn: string | null;
  /** closed: on time or late; open: still running on `today`, or past due */
  outcome: 'on_time' | 'late' | 'open' | 'overdue';
}

/** The trainer's cycles from joining up to `today`, oldest first: for the timeline on the detail page. */
export function rotationCycles(
  trainer: Pick<TrainerFacts, 'joinedOn'>,
  rotations: readonly RotationFact[],
  today: string,
): RotationCycle[] {
  const completions = [...new Set(countingRotations(rotations, today).map((r) => r.completedOn))]
    .filter((d) => d > trainer.joinedOn)
    .sort();
  const cycles: RotationCycle[] = [];
  let start = trainer.joinedOn;
  for (const completedOn of completions) {
    const dueDate = addYears(start, ROTATION_CYCLE_YEARS);
    cycles.push({ index: cycles.length + 1, start, dueDate, completedOn, outcome: completedOn <= dueDate ? 'on_time' : 'late' });
    start = completedOn;
  }
  const dueDate = addYears(start, ROTATION_CYCLE_YEARS);
  cycles.push({ index: cycles.length + 1, start, dueDate, completedOn: null, outcome: today > dueDate ? 'overdue' : 'open' });
  return cycles;
}

export const rotationCycleOutcomeLabels: Record<RotationCycle['outcome'], string> = {
  on_time: '按期完成',
  late: '逾期后完成',
  open: '进行中',
  overdue: '已逾期未完成',
};

/**
 * The range of due dates that put a trainer in a state on `today`, for a database filter:
 * overdue ⇔ dueDate < today; due_soon ⇔ today ≤ dueDate ≤ today + dueSoonDays; ok ⇔ dueDate > today + dueSoonDays.
 */
export function dueDateRange(
  state: RotationState,
  today: string,
  dueSoonDays: number = DEFAULT_DUE_SOON_DAYS,
): { from?: string; to?: string } {
  if (state === 'overdue') return { to: addDays(today, -1) };
  if (state === 'due_soon') return { from: today, to: addDays(today, dueSoonDays) };
  return { from: addDays(today, dueSoonDays + 1) };
}
