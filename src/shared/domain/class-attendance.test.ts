import { describe, expect, it } from 'vitest';
import {
  type AttendanceFact,
  attendanceFlagLabels,
  attendanceFlags,
  attendanceFlagsOf,
  attendanceRate,
  clockTimeInChina,
  isOutsideSession,
  meetsThreshold,
  sessionsOverlap,
} from './class-attendance';

const at = (time: string) => new Date(`2026-09-01T${time}:00+08:00`);
const morning = { startsAt: at('09:00'), endsAt: at('12:00') };

function fact(overrides: Partial<AttendanceFact>): AttendanceFact {
  return {
    sessionId: 's1',
    enrolmentId: 'e1',
    classId: 'c1',
    personId: 'p1',
    signedInAt: at('08:55'),
    signedOutAt: at('12:00'),
    deviceHash: null,
    session: morning,
    ...overrides,
  };
}

describe('attendanceRate', () => {
  it('gives the percent with one decimal', () => {
    expect(attendanceRate(2, 3)).toEqual({ attended: 2, total: 3, rate: 66.7 });
    expect(attendanceRate(1, 3).rate).toBe(33.3);
    expect(attendanceRate(8, 10).rate).toBe(80);
    expect(attendanceRate(10, 10).rate).toBe(100);
    expect(attendanceRate(7, 9).rate).toBe(77.8);
  });

  it('is 0 for a class without sessions and never passes 100', () => {
    expect(attendanceRate(0, 0)).toEqual({ attended: 0, total: 0, rate: 0 });
    expect(attendanceRate(5, 4)).toEqual({ attended: 4, total: 4, rate: 100 });
  });
});

describe('meetsThreshold', () => {
  it('passes at the threshold and fails below it', () => {
    expect(meetsThreshold(80, 80)).toBe(true);
    expect(meetsThreshold(79.9, 80)).toBe(false);
    expect(meetsThreshold(100, 80)).toBe(true);
  });
});

describe('session time', () => {
  it('accepts a sign-in within the grace before the start and up to the end', () => {
    expect(isOutsideSession(at('08:30'), morning, 30)).toBe(false);
    expect(isOutsideSession(at('08:29'), morning, 30)).toBe(true);
    expect(isOutsideSession(at('12:00'), morning, 30)).toBe(false);
    expect(isOutsideSession(at('12:01'), morning, 30)).toBe(true);
  });

  it('sees overlap only when each session starts before the other ends', () => {
    expect(sessionsOverlap(morning, { startsAt: at('11:00'), endsAt: at('13:00') })).toBe(true);
    expect(sessionsOverlap(morning, { startsAt: at('12:00'), endsAt: at('14:00') })).toBe(false);
  });

  it('writes China clock time', () => {
    expect(clockTimeInChina(at('08:05'))).toBe('08:05');
  });
});

describe('anomaly flags', () => {
  it('has a Chinese label for every flag', () => {
    for (const flag of attendanceFlags) expect(attendanceFlagLabels[flag]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('flags a sign-in too early and a sign-out too late', () => {
    const flags = attendanceFlagsOf(
      [
        fact({ enrolmentId: 'early', signedInAt: at('08:00') }),
        fact({ enrolmentId: 'late', signedOutAt: at('13:30') }),
        fact({ enrolmentId: 'fine' }),
      ],
      30,
    );
    expect(flags.get('s1:early')).toEqual(['outside_session']);
    expect(flags.get('s1:late')).toEqual(['outside_session']);
    expect(flags.get('s1:fine')).toEqual([]);
  });

  it('flags every trainee of a session who used the same device, not the same device in another session', () => {
    const flags = attendanceFlagsOf(
      [
        fact({ enrolmentId: 'a', personId: 'pa', deviceHash: 'd1' }),
        fact({ enrolmentId: 'b', personId: 'pb', deviceHash: 'd1' }),
        fact({ enrolmentId: 'c', personId: 'pc', deviceHash: 'd2' }),
        fact({ sessionId: 's2', enrolmentId: 'c', personId: 'pc', deviceHash: 'd1' }),
      ],
      30,
    );
    expect(flags.get('s1:a')).toEqual(['shared_device']);
    expect(flags.get('s1:b')).toEqual(['shared_device']);
    expect(flags.get('s1:c')).toEqual([]);
    expect(flags.get('s2:c')).toEqual([]);
  });

  it('flags one person signed in to overlapping sessions of two classes', () => {
    const flags = attendanceFlagsOf(
      [
        fact({ enrolmentId: 'e1', classId: 'c1' }),
        fact({
          sessionId: 's9',
          enrolmentId: 'e9',
          classId: 'c2',
          signedInAt: at('10:00'),
          signedOutAt: at('11:00'),
          session: { startsAt: at('10:00'), endsAt: at('11:00') },
        }),
        fact({
          sessionId: 's8',
          enrolmentId: 'e8',
          classId: 'c3',
          signedInAt: at('14:00'),
          signedOutAt: at('16:00'),
          session: { startsAt: at('14:00'), endsAt: at('16:00') },
        }),
      ],
      30,
    );
    expect(flags.get('s1:e1')).toEqual(['two_places']);
    expect(flags.get('s9:e9')).toEqual(['two_places']);
    expect(flags.get('s8:e8')).toEqual([]);
  });

  it('does not flag two places when the other row has no sign-in', () => {
    const flags = attendanceFlagsOf(
      [
        fact({ enrolmentId: 'e1', classId: 'c1' }),
        fact({ sessionId: 's9', enrolmentId: 'e9', classId: 'c2', signedInAt: null, signedOutAt: null }),
      ],
      30,
    );
    expect(flags.get('s1:e1')).toEqual([]);
  });
});
