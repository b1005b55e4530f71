import { z } from 'zod';
import { classTrainingTypes } from '../domain/class-codes';
import { classStatuses } from '../domain/class-status';
import { completionResults, isExamScore } from '../domain/class-completion';
import { parseSkillCertificateNo, skillAssessorKinds, skillCertificateLevels } from '../domain/certificate-codes';
import { defineContract, idParams, isoDateTime } from './contract';

const tag = '结业与证书';
const isoDate = z.iso.date('日期格式为 YYYY-MM-DD');
const version = z.number().int().min(1);
const reason = z.string().trim().min(2, '请写明原因（至少 2 个字）').max(500, '原因不超过 500 字');

// ---------------------------------------------------------------- exam (结业考核)

export const attendanceOfLine = z.object({ attended: z.number().int(), total: z.number().int(), rate: z.number() });

export const examLine = z.object({
  enrolmentId: z.uuid(),
  participantKind: z.enum(['person', 'external']),
  name: z.string(),
  /** the employer of an external participant (type 5), else null */
  organisation: z.string().nullable(),
  score: z.number().nullable(),
  absent: z.boolean(),
  recordedAt: isoDateTime.nullable(),
  attendance: attendanceOfLine,
  /** the result fixed when completion was submitted, null before */
  result: z.enum(completionResults).nullable(),
  reasons: z.array(z.string()),
  /** what the rule answers from the results and attendance as they stand now */
  preview: z.object({ result: z.enum(completionResults), reasons: z.array(z.string()) }),
  /** the training certificate of this line, when one was issued */
  certificate: z.object({ id: z.uuid(), certificateNo: z.string(), status: z.enum(['valid', 'revoked']) }).nullable(),
});
export type ExamLine = z.infer<typeof examLine>;

export const classExam = z.object({
  classId: z.uuid(),
  status: z.enum(classStatuses),
  examOn: z.string().nullable(),
  passScore: z.number().int(),
  attendanceThreshold: z.number().int(),
  /** the class's version (the exam date is a class field): send it back with a change */
  version: z.number().int(),
  /** whether this actor may record results now (the class's institution; running or completion returned) */
  editable: z.boolean(),
  lines: z.array(examLine),
});
export type ClassExam = z.infer<typeof classExam>;

export const getClassExam = defineContract({
  method: 'GET',
  path: '/api/classes/:id/exam',
  action: 'classes.read',
  tag,
  summary: '结业考核：考核日期、每名在册学员的成绩或缺考、出勤率与合格判定',
  params: idParams,
  response: classExam,
});

export const examResultInput = z
  .strictObject({
    enrolmentId: z.uuid('学员编号不正确'),
    score: z.number().refine(isExamScore, '成绩为 0 至 100 分，最多 1 位小数').nullable(),
    absent: z.boolean(),
  })
  .superRefine((value, ctx) => {
    if (value.absent && value.score !== null) ctx.addIssue({ code: 'custom', path: ['score'], message: '缺考的学员不填成绩' });
  });

export const saveClassExamInput = z
  .strictObject({
    examOn: isoDate,
    version,
    results: z.array(examResultInput).max(500, '一次最多 500 名学员'),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.results.forEach((line, i) => {
      if (seen.has(line.enrolmentId))
        ctx.addIssue({ code: 'custom', path: ['results', i, 'enrolmentId'], message: `第 ${i + 1} 行与前面的行是同一名学员` });
      seen.add(line.enrolmentId);
    });
  });
export type SaveClassExamInput = z.input<typeof saveClassExamInput>;

export const saveClassExam = defineContract({
  method: 'PUT',
  path: '/api/classes/:id/exam',
  action: 'exams.record',
  tag,
  summary: '保存结业考核日期与成绩（一次保存全部学员；按版本号防止覆盖他人的修改）',
  params: idParams,
  body: saveClassExamInput,
  response: classExam,
});

// ---------------------------------------------------------------- training certificates (培训合格证书)

export const certificateStatuses = ['valid', 'revoked'] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];
export const certificateStatusLabels: Record<CertificateStatus, string> = { valid: '有效', revoked: '已撤销' };

export const certificateSummary = z.object({
  id: z.uuid(),
  certificateNo: z.string(),
  /** formatted, e.g. YJ7K-4MPQ-2WXA */
  verifyCode: z.string(),
  enrolmentId: z.uuid(),
  holderName: z.string(),
  holderNameMasked: z.string(),
  issuedOn: z.string(),
  status: z.enum(certificateStatuses),
  revokedAt: isoDateTime.nullable(),
  revokedReason: z.string().nullable(),
});
export type CertificateSummary = z.infer<typeof certificateSummary>;

export const classCertificates = z.object({
  classId: z.uuid(),
  status: z.enum(classStatuses),
  items: z.array(certificateSummary),
  /** trainees who passed and hold no certificate yet */
  awaiting: z.array(z.object({ enrolmentId: z.uuid(), name: z.string() })),
  /** whether this actor may issue now (the class's institution; completion approved or closed) */
  canIssue: z.boolean(),
  canRevoke: z.boolean(),
});
export type ClassCertificates = z.infer<typeof classCertificates>;

export const listClassCertificates = defineContract({
  method: 'GET',
  path: '/api/classes/:id/certificates',
  action: 'certificates.read',
  tag,
  summary: '本班的培训合格证书与待颁发的合格学员',
  params: idParams,
  response: classCertificates,
});

export const issueCertificatesInput = z.strictObject({
  /** the lines to issue to; omitted: every passed trainee without a certificate */
  enrolmentIds: z.array(z.uuid('学员编号不正确')).min(1, '请选择学员').max(500).optional(),
});

export const issueCertificates = defineContract({
  method: 'POST',
  path: '/api/classes/:id/certificates',
  action: 'certificates.issue',
  tag,
  summary: '向结业合格的学员颁发培训合格证书（结业审核通过后）',
  params: idParams,
  body: issueCertificatesInput,
  response: classCertificates,
});

/** The certificate as printed: the HTML twin of the PDF. */
export const certificateView = certificateSummary.extend({
  verifyUrl: z.string(),
  classId: z.uuid(),
  classNo: z.string(),
  className: z.string(),
  programmeCode: z.string(),
  programmeName: z.string(),
  trainingType: z.enum(classTrainingTypes),
  trainingTypeLabel: z.string(),
  institutionName: z.string(),
  hours: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  canRevoke: z.boolean(),
});
export type CertificateView = z.infer<typeof certificateView>;

export const getCertificate = defineContract({
  method: 'GET',
  path: '/api/certificates/:id',
  action: 'certificates.read',
  tag,
  summary: '一张培训合格证书（网页版，与 PDF 内容一致）',
  params: idParams,
  response: certificateView,
});

export const downloadCertificatePdf = defineContract({
  method: 'GET',
  path: '/api/certificates/:id/pdf',
  action: 'certificates.read',
  tag,
  summary: '下载培训合格证书 PDF（含核验二维码）',
  params: idParams,
  download: true,
  response: z.any(),
});

export const revokeCertificate = defineContract({
  method: 'POST',
  path: '/api/certificates/:id/revoke',
  action: 'certificates.revoke',
  tag,
  summary: '撤销培训合格证书（写明原因；公开核验页显示已撤销及原因）',
  params: idParams,
  body: z.strictObject({ reason }),
  response: certificateView,
});

/** What anyone with the code may read: never the full name, never an ID number. */
export const publicCertificate = z.object({
  status: z.enum(certificateStatuses),
  /** 有效 / 已撤销 */
  statusLabel: z.string(),
  certificateNo: z.string(),
  verifyCode: z.string(),
  holderNameMasked: z.string(),
  programmeName: z.string(),
  trainingTypeLabel: z.string(),
  institutionName: z.string(),
  hours: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  issuedOn: z.string(),
  revokedOn: z.string().nullable(),
  revokedReason: z.string().nullable(),
});
export type PublicCertificate = z.infer<typeof publicCertificate>;

export const verifyCertificate = defineContract({
  method: 'GET',
  path: '/api/public/certificates/:code',
  action: 'certificates.verify',
  tag: '公开信息',
  summary: '凭核验码查验培训合格证书（无需登录；姓名已隐藏）',
  params: z.object({ code: z.string().max(64) }),
  response: publicCertificate,
});

// ---------------------------------------------------------------- skill-level certificates (职业技能等级证书)

export const skillCertificateView = z.object({
  id: z.uuid(),
  enrolmentId: z.uuid().nullable(),
  personName: z.string(),
  certificateNo: z.string(),
  assessorKind: z.enum(skillAssessorKinds),
  level: z.enum(skillCertificateLevels),
  levelLabel: z.string(),
  occupation: z.string(),
  issuedOn: z.string(),
  issuer: z.string(),
  createdAt: isoDateTime,
});
export type SkillCertificateView = z.infer<typeof skillCertificateView>;

export const classSkillCertificates = z.object({
  classId: z.uuid(),
  items: z.array(skillCertificateView),
  /** whether this actor may record (the class's institution or a training officer over it, after completion approval) */
  canRecord: z.boolean(),
});
export type ClassSkillCertificates = z.infer<typeof classSkillCertificates>;

export const listSkillCertificates = defineContract({
  method: 'GET',
  path: '/api/classes/:id/skill-certificates',
  action: 'certificates.read',
  tag,
  summary: '本班学员取得的职业技能等级证书',
  params: idParams,
  response: classSkillCertificates,
});

export const recordSkillCertificateInput = z.strictObject({
  enrolmentId: z.uuid('请选择学员'),
  certificateNo: z
    .string()
    .max(64)
    .superRefine((value, ctx) => {
      const check = parseSkillCertificateNo(value);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
    }),
  occupation: z.string().trim().min(1, '请填写职业（工种）').max(100, '职业（工种）不超过 100 字'),
  issuedOn: isoDate,
  issuer: z.string().trim().min(2, '请填写发证机构').max(100, '发证机构不超过 100 字'),
});
export type RecordSkillCertificateInput = z.input<typeof recordSkillCertificateInput>;

export const recordSkillCertificate = defineContract({
  method: 'POST',
  path: '/api/classes/:id/skill-certificates',
  action: 'skill_certificates.write',
  tag,
  summary: '登记学员取得的职业技能等级证书（校验 22 位证书编号）',
  params: idParams,
  body: recordSkillCertificateInput,
  response: classSkillCertificates,
});
