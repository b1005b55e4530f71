/**
 * Attendance evidence of a training class (考勤, domain §6): the attendance rate, the threshold the
 * pass rule applies, and the anomaly flags a sign-in can carry. Pure rules: the server hashes device
 * ids and reads the rows; this file only decides.
 */

/** A session counts as attended when the trainee signed in to it (a sign-out alone is not presence). */
export interface AttendanceRate {
  attended: number;
  total: number;
  /** percent, one decimal; 0 when the class has no session yet */
  rate: number;
}

export function attendanceRate(attended: number, total: number): AttendanceRate {
  if (total <= 0) return { attended: 0, total: 0, rate: 0 };
  const capped = Math.min(Math.max(attended, 0), total);
  // integer arithmetic first so 2/3 gives 66.7, not 66.66666 rounded by floating error
  return { attended: capped, total, rate: Math.round((capped * 1000) / total) / 10 };
}

/** The pass rule's attendance half: the rate reaches the class's threshold (a percent fixed at approval). */
export function meetsThreshold(rate: number, threshold: number): boolean {
  return rate >= threshold;
}

export const attendanceFlags = ['outside_session', 'shared_device', 'two_places'] as const;
export type AttendanceFlag = (typeof attendanceFlags)[number];
export const attendanceFlagLabels: Record<AttendanceFlag, string> = {
  outside_session: '不在课时时间内签到或签退',
  shared_device: '多人使用同一手机签到',
  two_places: '同一时间在两个培训班签到',
};

export const attendanceDirections = ['in', 'out'] as const;
export type AttendanceDirection = (typeof attendanceDirections)[number];
export const attendanceDirectionLabels: Record<AttendanceDirection, string> = { in: '签到', out: '签退' };

export const attendanceMethods = ['roster', 'qr'] as const;
export type AttendanceMethod = (typeof attendanceMethods)[number];
export const attendanceMethodLabels: Record<AttendanceMethod, string> = { roster: '点名', qr: '扫码' };

export interface SessionWindow {
  startsAt: Date;
  endsAt: Date;
}

/**
 * A sign-in or sign-out outside the session: earlier than the start less the grace (trainees arrive
 * early) or later than the end. A sign-out before the start is outside too.
 */
export function isOutsideSession(at: Date, session: SessionWindow, graceMinutes: number): boolean {
  const earliest = session.startsAt.getTime() - graceMinutes * 60_000;
  return at.getTime() < earliest || at.getTime() > session.endsAt.getTime();
}

/** HH:mm of a moment in China time (UTC+8, no daylight saving), as a sign-in time is shown. */
export function clockTimeInChina(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

/** Two sessions overlap when each starts before the other ends (touching ends do not overlap). */
export function sessionsOverlap(a: SessionWindow, b: SessionWindow): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** One attendance row as the flag rules see it. */
export interface AttendanceFact {
  /** the attendance row's key: session and enrolment */
  sessionId: string;
  enrolmentId: string;
  classId: string;
  /** the registry person, when the enrolment is one (external participants have none) */
  personId: string | null;
  signedInAt: Date | null;
  signedOutAt: Date | null;
  deviceHash: string | null;
  session: SessionWindow;
}

export function factKey(fact: Pick<AttendanceFact, 'sessionId' | 'enrolmentId'>): string {
  return `${fact.sessionId}:${fact.enrolmentId}`;
}

/**
 * The flags of every fact, judged together: the shared-device flag needs the other sign-ins of the
 * session, the two-places flag the same person's sign-ins in other classes. `facts` holds the rows
 * to judge and every row they are compared with; the answer is keyed by factKey.
 */
export function attendanceFlagsOf(facts: readonly AttendanceFact[], graceMinutes: number): Map<string, AttendanceFlag[]> {
  const result = new Map<string, AttendanceFlag[]>();
  const present = (fact: AttendanceFact) => fact.signedInAt !== null || fact.signedOutAt !== null;

  const devices = new Map<string, Set<string>>();
  for (const fact of facts) {
    if (!fact.deviceHash || !present(fact)) continue;
    const key = `${fact.sessionId}:${fact.deviceHash}`;
    const trainees = devices.get(key) ?? new Set<string>();
    trainees.add(fact.enrolmentId);
    devices.set(key, trainees);
  }

  const byPerson = new Map<string, AttendanceFact[]>();
  for (const fact of facts) {
    if (!fact.personId || fact.signedInAt === null) continue;
    byPerson.set(fact.personId, [...(byPerson.get(fact.personId) ?? []), fact]);
  }

  for (const fact of facts) {
    const flags: AttendanceFlag[] = [];
    const outside =
      (fact.signedInAt !== null && isOutsideSession(fact.signedInAt, fact.session, graceMinutes)) ||
      (fact.signedOutAt !== null && isOutsideSession(fact.signedOutAt, fact.session, graceMinutes));
    if (outside) flags.push('outside_session');
    if (fact.deviceHash && present(fact) && (devices.get(`${fact.sessionId}:${fact.deviceHash}`)?.size ?? 0) > 1) {
      flags.push('shared_device');
    }
    if (
      fact.personId &&
      fact.signedInAt !== null &&
      (byPerson.get(fact.personId) ?? []).some((other) => other.classId !== fact.classId && sessionsOverlap(other.session, fact.session))
    ) {
      flags.push('two_places');
    }
    result.set(factKey(fact), flags);
  }
  return result;
}

/** The explanation a reviewer reads beside a flag. */
export function attendanceFlagExplanation(flag: AttendanceFlag, detail: { otherClassName?: string; sharedWith?: number } = {}): string {
  switch (flag) {
    case 'outside_session':
      return '签到或签退时间早于课时开始前的宽限时间，或晚于课时结束时间，请核实是否本人到课';
    case 'shared_device':
      return detail.sharedWith
        ? `本课时有 ${detail.sharedWith} 名学员使用同一部手机扫码，可能存在代签`
        : '本课时有多名学员使用同一部手机扫码，可能存在代签';
    case 'two_places':
      return detail.otherClassName
        ? `同一学员在时间重叠的「${detail.otherClassName}」课时也有签到记录`
        : '同一学员在时间重叠的其他培训班课时也有签到记录';
  }
}
