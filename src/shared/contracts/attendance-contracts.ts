import { z } from 'zod';
import { attendanceDirections, attendanceFlags, attendanceMethods } from '../domain/class-attendance';
import { defineContract, isoDateTime } from './contract';
import { maskedValue } from './persons-contracts';

const tag = '考勤';
const classParams = z.object({ id: z.uuid() });
const sessionParams = z.object({ id: z.uuid(), sessionId: z.uuid() });
const dateTimeWithOffset = z.iso.datetime({ offset: true, error: '时间格式不正确' });

/** Who a roster line is: a registry person (name, masked ID number) or an external participant (type 5). */
export const attendanceTrainee = z.object({
  enrolmentId: z.uuid(),
  name: z.string(),
  idNumber: maskedValue.nullable(),
  organisation: z.string().nullable(),
});
export type AttendanceTrainee = z.infer<typeof attendanceTrainee>;

// ---------------------------------------------------------------------------------------------
// the class's attendance overview

export const attendanceSessionSummary = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  topic: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  signedIn: z.number().int(),
  signedOut: z.number().int(),
  /** roster lines of the session carrying at least one anomaly flag */
  flagged: z.number().int(),
  /** the session is on today's date (China time): the QR panel offers it */
  today: z.boolean(),
});
export type AttendanceSessionSummary = z.infer<typeof attendanceSessionSummary>;

export const attendanceRateRow = attendanceTrainee.extend({
  attended: z.number().int(),
  total: z.number().int(),
  /** percent, one decimal */
  rate: z.number(),
  belowThreshold: z.boolean(),
});
export type AttendanceRateRow = z.infer<typeof attendanceRateRow>;

export const attendanceAnomaly = z.object({
  flag: z.enum(attendanceFlags),
  label: z.string(),
  sessionId: z.uuid(),
  sessionSeq: z.number().int(),
  sessionTopic: z.string(),
  enrolmentId: z.uuid(),
  traineeName: z.string(),
  explanation: z.string(),
});
export type AttendanceAnomaly = z.infer<typeof attendanceAnomaly>;

export const classAttendance = z.object({
  classId: z.uuid(),
  className: z.string(),
  /** percent: the pass rule's attendance threshold, fixed at approval */
  threshold: z.number().int(),
  /** minutes before a session a sign-in still counts as on time */
  graceMinutes: z.number().int(),
  /** how long one QR code stays valid */
  qrTokenSeconds: z.number().int(),
  /** the actor may mark the roster and show QR codes (institution user, class running) */
  canRecord: z.boolean(),
  sessions: z.array(attendanceSessionSummary),
  rates: z.array(attendanceRateRow),
  anomalies: z.array(attendanceAnomaly),
});
export type ClassAttendance = z.infer<typeof classAttendance>;

export const getClassAttendance = defineContract({
  method: 'GET',
  path: '/api/classes/:id/attendance',
  action: 'attendance.read',
  tag,
  summary: '培训班考勤：各课时签到签退人数、学员出勤率（对照出勤要求）与异常标记',
  params: classParams,
  response: classAttendance,
});

// ---------------------------------------------------------------------------------------------
// roster marking (点名) of one session

export const sessionAttendanceLine = attendanceTrainee.extend({
  signedInAt: isoDateTime.nullable(),
  signedOutAt: isoDateTime.nullable(),
  methodIn: z.enum(attendanceMethods).nullable(),
  methodOut: z.enum(attendanceMethods).nullable(),
  flags: z.array(z.enum(attendanceFlags)),
});
export type SessionAttendanceLine = z.infer<typeof sessionAttendanceLine>;

export const sessionAttendance = z.object({
  classId: z.uuid(),
  className: z.string(),
  session: z.object({ id: z.uuid(), seq: z.number().int(), topic: z.string(), startsAt: isoDateTime, endsAt: isoDateTime }),
  lines: z.array(sessionAttendanceLine),
  /** a fingerprint of the session's marks: send it back with a change, a change made meanwhile is refused */
  rosterVersion: z.string(),
  canRecord: z.boolean(),
});
export type SessionAttendance = z.infer<typeof sessionAttendance>;

export const getSessionAttendance = defineContract({
  method: 'GET',
  path: '/api/classes/:id/sessions/:sessionId/attendance',
  action: 'attendance.read',
  tag,
  summary: '一个课时的点名表：每名在册学员的签到、签退时间与方式',
  params: sessionParams,
  response: sessionAttendance,
});

export const attendanceMark = z.object({
  enrolmentId: z.uuid(),
  signedIn: z.boolean(),
  /** default: the session's start */
  signedInAt: dateTimeWithOffset.nullish(),
  signedOut: z.boolean(),
  /** default: the session's end */
  signedOutAt: dateTimeWithOffset.nullish(),
});
export type AttendanceMark = z.input<typeof attendanceMark>;

export const markSessionAttendanceInput = z.object({
  rosterVersion: z.string().min(1).max(100),
  /** the lines to set; lines not listed stay as they are */
  marks: z.array(attendanceMark).min(1).max(500),
});
export type MarkSessionAttendanceInput = z.input<typeof markSessionAttendanceInput>;

export const markSessionAttendance = defineContract({
  method: 'PUT',
  path: '/api/classes/:id/sessions/:sessionId/attendance',
  action: 'attendance.record',
  tag,
  summary: '点名：记录一个课时的签到与签退（培训机构，培训中的班级）',
  params: sessionParams,
  body: markSessionAttendanceInput,
  response: sessionAttendance.extend({ changed: z.number().int() }),
});

// ---------------------------------------------------------------------------------------------
// QR sign-in

export const qrTokenInput = z.object({ direction: z.enum(attendanceDirections) });

export const qrToken = z.object({
  token: z.string(),
  /** what the QR code holds: the trainee's landing page */
  url: z.string(),
  /** the QR code as SVG (role="img" with an aria-label) */
  svg: z.string(),
  issuedAt: isoDateTime,
  expiresAt: isoDateTime,
  validSeconds: z.number().int(),
});
export type QrToken = z.infer<typeof qrToken>;

export const issueQrToken = defineContract({
  method: 'POST',
  path: '/api/classes/:id/sessions/:sessionId/qr-token',
  action: 'attendance.record',
  tag,
  summary: '生成课时签到或签退二维码（短时有效，到期前由页面刷新）',
  params: sessionParams,
  body: qrTokenInput,
  response: qrToken,
});

/** Why a scan is refused; each has a plain Chinese message saying what to do. */
export const scanRefusals = ['expired', 'replayed', 'not_enrolled', 'invalid', 'not_running'] as const;
export type ScanRefusal = (typeof scanRefusals)[number];

const scanSubject = z.object({
  className: z.string(),
  sessionSeq: z.number().int(),
  sessionTopic: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  direction: z.enum(attendanceDirections),
  expiresAt: isoDateTime,
});

export const scanPreview = z.discriminatedUnion('status', [
  scanSubject.extend({ status: z.literal('ready') }),
  z.object({ status: z.literal('refused'), reason: z.enum(scanRefusals), message: z.string() }),
]);
export type ScanPreview = z.infer<typeof scanPreview>;

export const previewScan = defineContract({
  method: 'GET',
  path: '/api/attend/:token',
  action: 'attendance.scan',
  tag,
  summary: '学员扫码后查看将要确认的签到或签退（培训班、课时、时间），或不能签到的原因',
  params: z.object({ token: z.string().min(1).max(300) }),
  response: scanPreview,
});

export const scanInput = z.object({
  token: z.string().min(1).max(300),
  /** a random id the phone keeps; the server stores only a keyed hash of it */
  deviceId: z
    .string()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9_-]+$/, '设备标识格式不正确'),
});
export type ScanInput = z.input<typeof scanInput>;

export const scanResult = scanSubject.omit({ expiresAt: true }).extend({
  /** the time recorded (the earlier sign-in is kept when the trainee signs in twice) */
  recordedAt: isoDateTime,
});
export type ScanResult = z.infer<typeof scanResult>;

export const confirmScan = defineContract({
  method: 'POST',
  path: '/api/attend',
  action: 'attendance.scan',
  tag,
  summary: '学员确认扫码签到或签退（二维码过期、重复使用、不在名单、班级未开班时拒绝）',
  body: scanInput,
  response: scanResult,
});
