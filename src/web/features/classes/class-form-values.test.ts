import { describe, expect, it } from 'vitest';
import { chinaDateTime, chinaInstant } from '../../lib/formatters';
import { fenToYuanText, sessionHours, sessionsFromPattern, yuanToFen } from './class-form-values';

describe('yuanToFen', () => {
  it('converts exactly, without float errors', () => {
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('1.1')).toBe(110);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('12,345.67 元')).toBe(1_234_567);
    expect(yuanToFen('１２３.４５')).toBe(12_345);
    expect(yuanToFen('80000')).toBe(8_000_000);
    expect(yuanToFen('0')).toBe(0);
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', 'abc', '1.234', '-5', '1e3', '.5', '12.3.4']) expect(yuanToFen(bad), bad).toBeNull();
  });

  it('reads back what it shows', () => {
    for (const fen of [0, 29, 110, 1999, 8_000_000]) expect(yuanToFen(fenToYuanText(fen))).toBe(fen);
  });
});

describe('China time', () => {
  it('round-trips a session time', () => {
    const iso = chinaInstant('2026-12-20', '09:00');
    expect(new Date(iso).toISOString()).toBe('2026-12-20T01:00:00.000Z');
    expect(chinaDateTime('2026-12-19T16:30:00.000Z')).toEqual({ date: '2026-12-20', time: '00:30' });
  });
});

describe('sessionsFromPattern', () => {
  const base = { startTime: '09:00', endTime: '12:00', topicPrefix: '电商运营', trainerId: '' };

  it('puts one session on each chosen weekday between the dates', () => {
    // 2026-12-14 is a Monday
    const sessions = sessionsFromPattern({ ...base, startsOn: '2026-12-14', endsOn: '2026-12-27', weekdays: [1, 3] });
    expect(Array.isArray(sessions)).toBe(true);
    expect((sessions as { date: string }[]).map((s) => s.date)).toEqual(['2026-12-14', '2026-12-16', '2026-12-21', '2026-12-23']);
    expect((sessions as { topic: string }[])[2]!.topic).toBe('电商运营 第 3 次课');
    expect(sessionHours(sessions as { startTime: string; endTime: string }[])).toBe(12);
  });

  it('says why it cannot fill the schedule', () => {
    expect(sessionsFromPattern({ ...base, startsOn: '2026-12-14', endsOn: '2026-12-27', weekdays: [] })).toBe('请至少选择一个上课的星期');
    expect(sessionsFromPattern({ ...base, startsOn: '', endsOn: '2026-12-27', weekdays: [1] })).toBe('请先填写开班日期和结业日期');
    expect(sessionsFromPattern({ ...base, startsOn: '2026-12-14', endsOn: '2026-12-27', weekdays: [1], endTime: '08:00' })).toBe(
      '下课时间须晚于上课时间',
    );
    expect(sessionsFromPattern({ ...base, startsOn: '2026-12-14', endsOn: '2026-12-15', weekdays: [5] })).toBe(
      '开班日期和结业日期之间没有所选的星期',
    );
  });
});
