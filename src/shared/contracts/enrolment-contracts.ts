import { z } from 'zod';
import { classTrainingTypes, venueFeatures } from '../domain/class-codes';
import { enrolmentSources, enrolmentStatuses, participantKinds } from '../domain/class-enrolment';
import { classStatuses } from '../domain/class-status';
import { disabilityCategories } from '../domain/disability';
import { accommodationNeeds, sexes } from '../domain/person-codes';
import { defineContract, idParams, isoDateTime, pageOf, pageQuery } from './contract';
import { maskedValue } from './persons-contracts';

const tag = '报名与学员名册';
const completionResults = ['passed', 'failed'] as const;

/** One line of a class roster: a registered person (masked numbers) or an external participant. */
export const rosterLine = z.object({
  id: z.uuid(),
  participantKind: z.enum(participantKinds),
  personId: z.uuid().nullable(),
  name: z.string(),
  idNumber: maskedValue.nullable(),
  sex: z.enum(sexes).nullable(),
  /** age on the class's start date */
  age: z.number().int().nullable(),
  disabilityCategory: z.enum(disabilityCategories).nullable(),
  organisation: z.string().nullable(),
  position: z.string().nullable(),
  phone: maskedValue.nullable(),
  status: z.enum(enrolmentStatuses),
  statusReason: z.string().nullable(),
  source: z.enum(enrolmentSources),
  accommodations: z.array(z.enum(accommodationNeeds)),
  // written by the completion area; read-only here
  examScore: z.number().nullable(),
  examAbsent: z.boolean(),
  completionResult: z.enum(completionResults).nullable(),
  createdAt: isoDateTime,
});
export type RosterLine = z.infer<typeof rosterLine>;

export const accommodationNeedCount = z.object({ code: z.enum(accommodationNeeds), count: z.number().int() });

export const rosterView = z.object({
  classId: z.uuid(),
  plannedSize: z.number().int(),
  enrolledCount: z.number().int(),
  appliedCount: z.number().int(),
  /** the class accepts enrolments in its current status */
  enrolling: z.boolean(),
  /** type 5: the roster holds external participants */
  externalParticipants: z.boolean(),
  lines: z.array(rosterLine),
  /** what the enrolled lines need, per accommodation (only codes with at least one trainee) */
  accommodationNeeds: z.array(accommodationNeedCount),
});
export type RosterView = z.infer<typeof rosterView>;

export const getRoster = defineContract({
  method: 'GET',
  path: '/api/classes/:id/roster',
  action: 'classes.read',
  tag,
  summary: '培训班学员名册与便利需求汇总',
  params: idParams,
  response: rosterView,
});

/**
 * A person by full ID number and name (both must match a registry record), or an external
 * participant of a type 5 class. The service says which fields each kind needs.
 */
export const enrolInput = z.object({
  participantKind: z.enum(participantKinds).default('person'),
  idNumber: z.string().trim().max(30, '身份证号最多 30 个字符').optional(),
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名最多 40 个字'),
  organisation: z.string().trim().max(100, '所在单位最多 100 个字').optional(),
  position: z.string().trim().max(50, '岗位/职务最多 50 个字').optional(),
  phone: z.string().trim().max(30, '电话号码最多 30 个字符').optional(),
});

export const enrolResult = z.object({ line: rosterLine });

export const enrol = defineContract({
  method: 'POST',
  path: '/api/classes/:id/enrolments',
  action: 'enrolments.manage',
  tag,
  summary: '录入学员（按身份证号和姓名查找已登记的残疾人；第五类培训班录入外部学员）',
  params: idParams,
  body: enrolInput,
  response: enrolResult,
});

export const enrolmentParams = z.object({ id: z.uuid(), enrolmentId: z.uuid() });
const reasonBody = z.object({ reason: z.string().trim().min(1, '请填写原因').max(500, '原因最多 500 个字') });

export const acceptEnrolment = defineContract({
  method: 'POST',
  path: '/api/classes/:id/enrolments/:enrolmentId/accept',
  action: 'enrolments.manage',
  tag,
  summary: '录取报名的学员',
  params: enrolmentParams,
  response: enrolResult,
});

export const declineEnrolment = defineContract({
  method: 'POST',
  path: '/api/classes/:id/enrolments/:enrolmentId/decline',
  action: 'enrolments.manage',
  tag,
  summary: '不录取报名的学员（须说明原因）',
  params: enrolmentParams,
  body: reasonBody,
  response: enrolResult,
});

export const withdrawEnrolment = defineContract({
  method: 'POST',
  path: '/api/classes/:id/enrolments/:enrolmentId/withdraw',
  action: 'enrolments.manage',
  tag,
  summary: '学员退出培训班（须说明原因）',
  params: enrolmentParams,
  body: reasonBody,
  response: enrolResult,
});

// ---------------------------------------------------------------------------------------------
// the trainee's own pages

const classFacts = {
  classId: z.uuid(),
  classNo: z.string(),
  className: z.string(),
  institutionName: z.string(),
  programmeName: z.string(),
  trainingType: z.enum(classTrainingTypes),
  startsOn: z.string(),
  endsOn: z.string(),
  venueAddress: z.string(),
  venueFeatures: z.array(z.enum(venueFeatures)),
  hours: z.number().int(),
};

export const myClass = z.object({
  enrolmentId: z.uuid(),
  ...classFacts,
  classStatus: z.enum(classStatuses),
  status: z.enum(enrolmentStatuses),
  statusReason: z.string().nullable(),
  certificate: z.object({ certificateNo: z.string(), status: z.enum(['valid', 'revoked']) }).nullable(),
  /** pages about this class the trainee may open (null where none applies yet) */
  links: z.object({ survey: z.string().nullable() }),
});
export type MyClass = z.infer<typeof myClass>;

export const listMyClasses = defineContract({
  method: 'GET',
  path: '/api/my/classes',
  action: 'my_classes.read',
  tag,
  summary: '我的培训（本人报名和参加的培训班）',
  response: z.object({ items: z.array(myClass) }),
});

export const openClass = z.object({
  ...classFacts,
  classStatus: z.enum(classStatuses),
  plannedSize: z.number().int(),
  placesLeft: z.number().int(),
});
export type OpenClass = z.infer<typeof openClass>;

export const listOpenClasses = defineContract({
  method: 'GET',
  path: '/api/my/open-classes',
  action: 'enrolments.apply',
  tag,
  summary: '可报名的培训班（已批准或培训中、尚有名额）',
  query: z.object(pageQuery),
  response: pageOf(openClass),
});

export const applyForClass = defineContract({
  method: 'POST',
  path: '/api/my/classes/:id/apply',
  action: 'enrolments.apply',
  tag,
  summary: '报名参加培训班（由培训机构确认录取）',
  params: idParams,
  response: z.object({ item: myClass }),
});

// ---------------------------------------------------------------------------------------------
// a person's training history (person detail page)

export const trainingHistoryItem = z.object({
  enrolmentId: z.uuid(),
  classId: z.uuid(),
  classNo: z.string(),
  className: z.string(),
  institutionName: z.string(),
  programmeCode: z.string(),
  programmeName: z.string(),
  trainingType: z.enum(classTrainingTypes),
  startsOn: z.string(),
  endsOn: z.string(),
  classStatus: z.enum(classStatuses),
  status: z.enum(enrolmentStatuses),
  statusReason: z.string().nullable(),
  /** null until the class has sessions or while the line is not enrolled */
  attendance: z.object({ attended: z.number().int(), total: z.number().int(), rate: z.number() }).nullable(),
  examScore: z.number().nullable(),
  examAbsent: z.boolean(),
  completionResult: z.enum(completionResults).nullable(),
  certificate: z
    .object({ certificateNo: z.string(), status: z.enum(['valid', 'revoked']), issuedOn: z.string(), revokedReason: z.string().nullable() })
    .nullable(),
});
export type TrainingHistoryItem = z.infer<typeof trainingHistoryItem>;

export const skillCertificateView = z.object({
  id: z.uuid(),
  certificateNo: z.string(),
  level: z.enum(['1', '2', '3', '4', '5']),
  occupation: z.string(),
  issuedOn: z.string(),
  issuer: z.string(),
  classNo: z.string().nullable(),
});

export const trainingHistory = z.object({ items: z.array(trainingHistoryItem), skillCertificates: z.array(skillCertificateView) });
export type TrainingHistory = z.infer<typeof trainingHistory>;

export const getTrainingHistory = defineContract({
  method: 'GET',
  path: '/api/persons/:id/training-history',
  action: 'persons.read',
  tag,
  summary: '残疾人的培训经历（参加的培训班、考勤、考核、证书）',
  params: idParams,
  response: trainingHistory,
});
