import { addDays, daysBetween, isCalendarDate } from '../../../shared/domain/trainer-rotation';

/**
 * The class form's own conversions: money typed in yuan to integer fen (string arithmetic, so
 * 0.29 元 is 29 fen and never 28.999…), and session times typed in China time to instants and back.
 */

const yuanPattern = /^(\d{1,11})(?:\.(\d{0,2}))?$/;

/** 12,345.6 / １２３４５.６ / 12345.60 元 → 1234560 fen; null when the text is not an amount with at most two decimals. */
export function yuanToFen(text: string): number | null {
  const normalised = text
    .trim()
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '')
    .replace(/元$/, '');
  const match = yuanPattern.exec(normalised);
  if (!match) return null;
  const whole = match[1]!;
  const cents = (match[2] ?? '').padEnd(2, '0');
  const fen = Number(whole) * 100 + Number(cents);
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Integer fen → the yuan text the form shows (no thousands separators, so it reads back unchanged). */
export function fenToYuanText(fen: number): string {
  const cents = fen % 100;
  return cents === 0 ? String(Math.trunc(fen / 100)) : `${Math.trunc(fen / 100)}.${String(cents).padStart(2, '0')}`;
}

/** Monday first, as a Chinese week is read; values are JavaScript's getUTCDay numbers. */
export const weekdayChoices = [
  { value: 1, label: '周一' },
  { value: 2, label: '周二' },
  { value: 3, label: '周三' },
  { value: 4, label: '周四' },
  { value: 5, label: '周五' },
  { value: 6, label: '周六' },
  { value: 0, label: '周日' },
] as const;

export function weekdayLabel(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekdayChoices.find((c) => c.value === day)!.label;
}

export interface SessionDraft {
  date: string;
  startTime: string;
  endTime: string;
  topic: string;
  trainerId: string;
}

export interface PatternInput {
  startsOn: string;
  endsOn: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  topicPrefix: string;
  trainerId: string;
}

/** The longest span the helper fills (a long class runs at most a few years). */
const maxPatternDays = 3 * 366;

/**
 * One session on every chosen weekday from the start date to the end date, numbered in the topic
 * (“电商运营 第 3 次课”). Answers a Chinese reason instead when the pattern cannot be filled.
 */
export function sessionsFromPattern(input: PatternInput): SessionDraft[] | string {
  if (!isCalendarDate(input.startsOn) || !isCalendarDate(input.endsOn)) return '请先填写开班日期和结业日期';
  if (input.endsOn < input.startsOn) return '结业日期不能早于开班日期';
  if (daysBetween(input.startsOn, input.endsOn) > maxPatternDays) return '培训期超过三年，请分段生成课表';
  if (input.weekdays.length === 0) return '请至少选择一个上课的星期';
  if (!/^\d{2}:\d{2}$/.test(input.startTime) || !/^\d{2}:\d{2}$/.test(input.endTime)) return '请填写上课和下课时间';
  if (input.endTime <= input.startTime) return '下课时间须晚于上课时间';
  const prefix = input.topicPrefix.trim() || '课程';
  const chosen = new Set(input.weekdays);
  const sessions: SessionDraft[] = [];
  for (let date = input.startsOn; date <= input.endsOn; date = addDays(date, 1)) {
    if (!chosen.has(new Date(`${date}T00:00:00Z`).getUTCDay())) continue;
    sessions.push({
      date,
      startTime: input.startTime,
      endTime: input.endTime,
      topic: `${prefix} 第 ${sessions.length + 1} 次课`,
      trainerId: input.trainerId,
    });
  }
  if (sessions.length === 0) return '开班日期和结业日期之间没有所选的星期';
  return sessions;
}

/** Sessions in time order (a session added by hand lands where it belongs). */
export function sortSessions<T extends Pick<SessionDraft, 'date' | 'startTime'>>(sessions: readonly T[]): T[] {
  return [...sessions].sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime));
}

/** Hours of teaching the sessions add up to (whole hours, rounded down), for the hours hint. */
export function sessionHours(sessions: readonly Pick<SessionDraft, 'startTime' | 'endTime'>[]): number {
  const minutes = sessions.reduce((sum, s) => {
    const [sh, sm] = s.startTime.split(':').map(Number) as [number, number];
    const [eh, em] = s.endTime.split(':').map(Number) as [number, number];
    return sum + Math.max(0, eh * 60 + em - (sh * 60 + sm));
  }, 0);
  return Math.floor(minutes / 60);
}
