import { randomInt } from 'node:crypto';
import type {
  CertificateView,
  ClassCertificates,
  ClassExam,
  ClassSkillCertificates,
  PublicCertificate,
  RecordSkillCertificateInput,
  SaveClassExamInput,
} from '../../../shared/contracts/certificates-contracts';
import { certificateStatusLabels } from '../../../shared/contracts/certificates-contracts';
import {
  formatVerifyCode,
  isVerifyCode,
  newVerifyCode,
  normaliseVerifyCode,
  parseSkillCertificateNo,
  skillCertificateYearMismatch,
  TRAINING_CERTIFICATE_SERIAL_MAX,
  trainingCertificateNo,
  verifyUrl,
} from '../../../shared/domain/certificate-codes';
import { skillLevelLabels } from '../../../shared/domain/catalogue-codes';
import { classTrainingTypeLabels } from '../../../shared/domain/class-codes';
import { completionReasonText, completionResult } from '../../../shared/domain/class-completion';
import type { AttendanceRate } from '../../../shared/domain/class-attendance';
import type { ClassStatus } from '../../../shared/domain/class-status';
import { maskName } from '../../../shared/domain/masking';
import { can } from '../../../shared/domain/permissions';
import { todayInChina } from '../../../shared/domain/person-validation';
import { AppError, invalidField } from '../../../shared/errors';
import { type Db, uniqueViolation } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import { type ClassAccess, classForActor, type ClassRow, requireInstitution } from '../classes/class-access';
import { type CertificateRow, certificatesRepository as repo } from './certificates.repository';
import { type CertificatePdfContent, certificatePdf } from './certificate-pdf';

/** The attendance module's answer the pass rule needs (AttendanceService.ratesForClass). */
export interface AttendanceRates {
  ratesForClass(db: Db, classId: string): Promise<Map<string, AttendanceRate>>;
}

export interface CertificatesOptions {
  /** the address printed in QR codes; without it, the origin of the request that asks */
  publicBaseUrl?: string | undefined;
  clock?: () => Date;
}

const EXAM_STATUSES: readonly ClassStatus[] = ['running', 'completion_returned'];
const ISSUE_STATUSES: readonly ClassStatus[] = ['completion_approved', 'closed'];
const NO_RATE: AttendanceRate = { attended: 0, total: 0, rate: 0 };

type EnrolledLine = Awaited<ReturnType<typeof repo.enrolledLines>>[number];

function lineName(line: { person_name: string | null; external_name: string | null }): string {
  return line.person_name ?? line.external_name ?? '';
}

function scoreOf(line: EnrolledLine): number | null {
  return line.exam_score === null ? null : Number(line.exam_score);
}

/**
 * Completion exam (结业考核), the pass decision, training certificates (培训合格证书) with their public
 * check, and skill-level certificates (职业技能等级证书). The status moves are the classes module's: this
 * module adds its guards and effect to them (registered in app.ts).
 */
export class CertificatesService {
  private readonly clock: () => Date;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly attendance: AttendanceRates,
    private readonly options: CertificatesOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  private today(): string {
    return todayInChina(this.clock());
  }

  // ------------------------------------------------------------------ exam

  async getExam(actor: Actor, classId: string): Promise<ClassExam> {
    const access = await classForActor(this.db, actor, classId);
    return this.examView(this.db, actor, access);
  }

  private async examView(db: Db, actor: Actor, access: ClassAccess): Promise<ClassExam> {
    const { row } = access;
    const [lines, rates] = await Promise.all([repo.enrolledLines(db, row.id), this.attendance.ratesForClass(db, row.id)]);
    const rule = { passScore: row.pass_score, attendanceThreshold: row.attendance_threshold };
    return {
      classId: row.id,
      status: row.status,
      examOn: row.exam_on,
      passScore: row.pass_score,
      attendanceThreshold: row.attendance_threshold,
      version: row.version,
      editable: access.party === 'institution' && can(actor.roles, 'exams.record') && EXAM_STATUSES.includes(row.status),
      lines: lines.map((line) => {
        const attendance = rates.get(line.id) ?? NO_RATE;
        const score = scoreOf(line);
        return {
          enrolmentId: line.id,
          participantKind: line.participant_kind,
          name: lineName(line),
          organisation: line.participant_kind === 'external' ? line.external_organisation : null,
          score,
          absent: line.exam_absent,
          recordedAt: line.exam_recorded_at?.toISOString() ?? null,
          attendance,
          result: line.completion_result,
          reasons: line.completion_reason ? line.completion_reason.split('；') : [],
          preview: completionResult({ examScore: score, examAbsent: line.exam_absent, attendanceRate: attendance.rate }, rule),
          certificate: line.certificate_id
            ? { id: line.certificate_id, certificateNo: line.certificate_no!, status: line.certificate_status! }
            : null,
        };
      }),
    };
  }

  async saveExam(actor: Actor, classId: string, input: SaveClassExamInput, meta: RequestMeta): Promise<ClassExam> {
    await this.db.transaction().execute(async (trx) => {
      const access = await classForActor(trx, actor, classId, { forUpdate: true });
      requireInstitution(access);
      const { row } = access;
      if (!EXAM_STATUSES.includes(row.status)) throw new AppError('CONFLICT', '只有进行中或结业审核被退回的培训班可以录入考核成绩');
      if (input.examOn < row.starts_on) throw invalidField('body.examOn', '考核日期', `考核日期不能早于开班日期 ${row.starts_on}`);
      if (input.examOn > this.today()) throw invalidField('body.examOn', '考核日期', '考核日期不能晚于今天');
      const enrolled = await repo.enrolledIds(trx, row.id);
      input.results.forEach((line, i) => {
        if (!enrolled.has(line.enrolmentId)) throw invalidField(`body.results.${i}.enrolmentId`, '学员', `第 ${i + 1} 行不是本班在册学员`);
      });
      if (!(await repo.setExamOn(trx, row.id, input.examOn, input.version, actor.userId)))
        throw new AppError('CONFLICT', '考核信息已被他人修改，请刷新后重试');
      const at = this.clock();
      for (const line of input.results) await repo.setExamResult(trx, line.enrolmentId, line.score ?? null, line.absent, at);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'exams.record',
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'training_class',
          targetId: row.id,
          details: {
            examOn: input.examOn,
            lines: input.results.length,
            absent: input.results.filter((l) => l.absent).length,
          },
        }),
      );
    });
    return this.getExam(actor, classId);
  }

  /** Guard on submit_completion: the exam date is set and every enrolled trainee has a score or is marked absent. */
  async completionGuard(trx: Db, row: ClassRow): Promise<string | null> {
    if (!row.exam_on) return '请先在“结业与证书”中填写结业考核日期';
    const lines = await repo.enrolledLines(trx, row.id);
    const missing = lines.filter((l) => l.exam_score === null && !l.exam_absent).map(lineName);
    if (missing.length === 0) return null;
    const shown = missing.slice(0, 10).join('、');
    return `以下学员还没有考核成绩或缺考标记：${shown}${missing.length > 10 ? ` 等 ${missing.length} 人` : ''}`;
  }

  /** Effect of submit_completion: fixes every enrolled trainee's pass or fail with the reasons, from the class's own rule. */
  async completionEffect(trx: Db, row: ClassRow): Promise<void> {
    const [lines, rates] = await Promise.all([repo.enrolledLines(trx, row.id), this.attendance.ratesForClass(trx, row.id)]);
    const rule = { passScore: row.pass_score, attendanceThreshold: row.attendance_threshold };
    for (const line of lines) {
      const outcome = completionResult(
        { examScore: scoreOf(line), examAbsent: line.exam_absent, attendanceRate: (rates.get(line.id) ?? NO_RATE).rate },
        rule,
      );
      await repo.setCompletion(trx, line.id, outcome.result, completionReasonText(outcome));
    }
  }

  /**
   * Guard on close: no passed trainee is left without a certificate. A revoked certificate counts as
   * handled: it was issued and then withdrawn on purpose, and one roster line holds one certificate.
   */
  async closeGuard(trx: Db, row: ClassRow): Promise<string | null> {
    const names = await repo.passedWithoutCertificate(trx, row.id);
    if (names.length === 0) return null;
    return `以下结业合格的学员还没有培训合格证书，请先颁发：${names.slice(0, 10).join('、')}${names.length > 10 ? ` 等 ${names.length} 人` : ''}`;
  }

  // ------------------------------------------------------------------ training certificates

  async listCertificates(actor: Actor, classId: string): Promise<ClassCertificates> {
    const access = await classForActor(this.db, actor, classId);
    return this.certificatesView(this.db, actor, access);
  }

  private async certificatesView(db: Db, actor: Actor, access: ClassAccess): Promise<ClassCertificates> {
    const { row } = access;
    const [certificates, lines] = await Promise.all([repo.certificatesOfClass(db, row.id), repo.enrolledLines(db, row.id)]);
    return {
      classId: row.id,
      status: row.status,
      items: certificates.map((c) => ({
        id: c.id,
        certificateNo: c.certificate_no,
        verifyCode: formatVerifyCode(c.verify_code),
        enrolmentId: c.enrolment_id,
        holderName: c.holder_name,
        holderNameMasked: c.holder_name_masked,
        issuedOn: c.issued_on,
        status: c.status,
        revokedAt: c.revoked_at?.toISOString() ?? null,
        revokedReason: c.revoked_reason,
      })),
      awaiting: lines
        .filter((l) => l.completion_result === 'passed' && !l.certificate_id)
        .map((l) => ({ enrolmentId: l.id, name: lineName(l) })),
      canIssue: access.party === 'institution' && can(actor.roles, 'certificates.issue') && ISSUE_STATUSES.includes(row.status),
      canRevoke: can(actor.roles, 'certificates.revoke'),
    };
  }

  async issue(actor: Actor, classId: string, enrolmentIds: string[] | undefined, meta: RequestMeta): Promise<ClassCertificates> {
    try {
      await this.db.transaction().execute(async (trx) => {
        const access = await classForActor(trx, actor, classId, { forUpdate: true });
        requireInstitution(access);
        const { row } = access;
        if (!ISSUE_STATUSES.includes(row.status)) throw new AppError('CONFLICT', '结业审核通过后才能颁发培训合格证书');
        const lines = await repo.enrolledLines(trx, row.id);
        const byId = new Map(lines.map((l) => [l.id, l]));
        let chosen: EnrolledLine[];
        if (enrolmentIds) {
          chosen = enrolmentIds.map((id, i) => {
            const line = byId.get(id);
            if (!line) throw invalidField(`body.enrolmentIds.${i}`, '学员', `第 ${i + 1} 名学员不是本班在册学员`);
            return line;
          });
          const failed = chosen.filter((l) => l.completion_result !== 'passed').map(lineName);
          if (failed.length > 0) throw new AppError('CONFLICT', `以下学员结业考核未合格，不能颁发证书：${failed.join('、')}`);
        } else chosen = lines.filter((l) => l.completion_result === 'passed');
        const toIssue = chosen.filter((l) => !l.certificate_id);
        if (toIssue.length === 0) return;

        const issuedOn = this.today();
        const year = Number(issuedOn.slice(0, 4));
        const first = await repo.reserveSerials(trx, row.county_code, year, toIssue.length);
        if (first + toIssue.length - 1 > TRAINING_CERTIFICATE_SERIAL_MAX)
          throw new AppError('CONFLICT', '本县区本年度的证书编号已用完，请联系省残联');
        const rows = toIssue.map((line, i) => {
          const name = lineName(line);
          return {
            certificate_no: trainingCertificateNo(year, row.county_code, first + i),
            verify_code: newVerifyCode(randomInt),
            class_id: row.id,
            enrolment_id: line.id,
            person_id: line.person_id,
            county_code: row.county_code,
            holder_name: name,
            holder_name_masked: maskName(name).text,
            issued_on: issuedOn,
            issued_by: actor.userId,
          };
        });
        await repo.insertCertificates(trx, rows);
        await this.audit.append(
          trx,
          actorEvent(actor, meta, {
            action: 'certificates.issue',
            outcome: 'success',
            regionCode: row.county_code,
            targetType: 'training_class',
            targetId: row.id,
            details: { count: rows.length, certificateNos: rows.map((r) => r.certificate_no) },
          }),
        );
      });
    } catch (error) {
      // two people issuing for one line at once: the second finds it done
      if (uniqueViolation(error) !== null) throw new AppError('CONFLICT', '证书已由他人颁发，请刷新后查看');
      throw error;
    }
    return this.listCertificates(actor, classId);
  }

  private async certificateForActor(db: Db, actor: Actor, id: string): Promise<{ certificate: CertificateRow; access: ClassAccess }> {
    const certificate = await repo.findById(db, id);
    if (!certificate) throw new AppError('NOT_FOUND', '证书不存在');
    try {
      return { certificate, access: await classForActor(db, actor, certificate.class_id) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', '证书不存在');
      throw error;
    }
  }

  private certificateView(actor: Actor, c: CertificateRow, baseUrl: string): CertificateView {
    return {
      id: c.id,
      certificateNo: c.certificate_no,
      verifyCode: formatVerifyCode(c.verify_code),
      verifyUrl: verifyUrl(this.options.publicBaseUrl ?? baseUrl, c.verify_code),
      enrolmentId: c.enrolment_id,
      holderName: c.holder_name,
      holderNameMasked: c.holder_name_masked,
      issuedOn: c.issued_on,
      status: c.status,
      revokedAt: c.revoked_at?.toISOString() ?? null,
      revokedReason: c.revoked_reason,
      classId: c.class_id,
      classNo: c.class_no,
      className: c.class_name,
      programmeCode: c.programme_code,
      programmeName: c.programme_name,
      trainingType: c.training_type,
      trainingTypeLabel: classTrainingTypeLabels[c.training_type],
      institutionName: c.institution_name,
      hours: c.hours,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      canRevoke: c.status === 'valid' && can(actor.roles, 'certificates.revoke'),
    };
  }

  async get(actor: Actor, id: string, baseUrl: string): Promise<CertificateView> {
    const { certificate } = await this.certificateForActor(this.db, actor, id);
    return this.certificateView(actor, certificate, baseUrl);
  }

  async pdf(actor: Actor, id: string, baseUrl: string): Promise<{ fileName: string; bytes: Uint8Array }> {
    const view = await this.get(actor, id, baseUrl);
    const content: CertificatePdfContent = {
      certificateNo: view.certificateNo,
      holderName: view.holderName,
      programmeName: view.programmeName,
      trainingTypeLabel: view.trainingTypeLabel,
      hours: view.hours,
      startsOn: view.startsOn,
      endsOn: view.endsOn,
      institutionName: view.institutionName,
      issuedOn: view.issuedOn,
      verifyCode: view.verifyCode,
      verifyUrl: view.verifyUrl,
      revokedOn: view.revokedAt ? todayInChina(new Date(view.revokedAt)) : null,
    };
    return { fileName: `培训合格证书-${view.certificateNo}.pdf`, bytes: await certificatePdf(content) };
  }

  async revoke(actor: Actor, id: string, reason: string, meta: RequestMeta, baseUrl: string): Promise<CertificateView> {
    await this.db.transaction().execute(async (trx) => {
      const { certificate } = await this.certificateForActor(trx, actor, id);
      if (!(await repo.revoke(trx, id, reason, actor.userId, this.clock()))) throw new AppError('CONFLICT', '该证书已撤销');
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'certificates.revoke',
          outcome: 'success',
          regionCode: certificate.county_code,
          targetType: 'training_certificate',
          targetId: id,
          details: { certificateNo: certificate.certificate_no, classId: certificate.class_id, reason },
        }),
      );
    });
    return this.get(actor, id, baseUrl);
  }

  /** The public check by verify code: the masked name only, and a revocation with its date and reason. */
  async verify(input: string): Promise<PublicCertificate> {
    const code = normaliseVerifyCode(input);
    // one answer for a mistyped and an unknown code: the answer must not help guessing
    const c = isVerifyCode(code) ? await repo.findByVerifyCode(this.db, code) : undefined;
    if (!c) throw new AppError('NOT_FOUND', '没有找到与此核验码对应的证书，请核对核验码后重试');
    return {
      status: c.status,
      statusLabel: certificateStatusLabels[c.status],
      certificateNo: c.certificate_no,
      verifyCode: formatVerifyCode(c.verify_code),
      holderNameMasked: c.holder_name_masked,
      programmeName: c.programme_name,
      trainingTypeLabel: classTrainingTypeLabels[c.training_type],
      institutionName: c.institution_name,
      hours: c.hours,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      issuedOn: c.issued_on,
      revokedOn: c.revoked_at ? todayInChina(c.revoked_at) : null,
      revokedReason: c.status === 'revoked' ? c.revoked_reason : null,
    };
  }

  // ------------------------------------------------------------------ skill-level certificates

  async listSkillCertificates(actor: Actor, classId: string): Promise<ClassSkillCertificates> {
    const access = await classForActor(this.db, actor, classId);
    const rows = await repo.skillCertificatesOfClass(this.db, classId);
    return {
      classId,
      items: rows.map((s) => ({
        id: s.id,
        enrolmentId: s.enrolment_id,
        personName: s.person_name,
        certificateNo: s.certificate_no,
        assessorKind: s.certificate_no[0] === 'S' ? 'S' : 'Y',
        level: s.level,
        levelLabel: skillLevelLabels[s.level],
        occupation: s.occupation,
        issuedOn: s.issued_on,
        issuer: s.issuer,
        createdAt: s.created_at.toISOString(),
      })),
      canRecord: can(actor.roles, 'skill_certificates.write') && ISSUE_STATUSES.includes(access.row.status),
    };
  }

  async recordSkillCertificate(
    actor: Actor,
    classId: string,
    input: RecordSkillCertificateInput,
    meta: RequestMeta,
  ): Promise<ClassSkillCertificates> {
    try {
      await this.db.transaction().execute(async (trx) => {
        // the class's institution, or a training officer over its county (the permission matrix admits no other staff)
        const { row } = await classForActor(trx, actor, classId);
        if (!ISSUE_STATUSES.includes(row.status)) throw new AppError('CONFLICT', '结业审核通过后才能登记学员的职业技能等级证书');
        const line = (await repo.enrolledLines(trx, row.id)).find((l) => l.id === input.enrolmentId);
        if (!line) throw invalidField('body.enrolmentId', '学员', '不是本班在册学员');
        if (!line.person_id) throw invalidField('body.enrolmentId', '学员', '外来参训人员不在残疾人实名库中，不能在此登记职业技能等级证书');
        const parts = parseSkillCertificateNo(input.certificateNo);
        if (!parts.ok) throw invalidField('body.certificateNo', '证书编号', parts.message);
        if (input.issuedOn > this.today()) throw invalidField('body.issuedOn', '发证日期', '发证日期不能晚于今天');
        const mismatch = skillCertificateYearMismatch(parts, input.issuedOn);
        if (mismatch) throw invalidField('body.certificateNo', '证书编号', mismatch);
        const inserted = await trx
          .insertInto('skill_certificate')
          .values({
            person_id: line.person_id,
            county_code: row.county_code,
            class_id: row.id,
            certificate_no: parts.value,
            level: parts.level,
            occupation: input.occupation.trim(),
            issued_on: input.issuedOn,
            issuer: input.issuer.trim(),
            recorded_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await this.audit.append(
          trx,
          actorEvent(actor, meta, {
            action: 'skill_certificates.record',
            outcome: 'success',
            regionCode: row.county_code,
            targetType: 'skill_certificate',
            targetId: inserted.id,
            details: { classId: row.id, enrolmentId: line.id, level: parts.level },
          }),
        );
      });
    } catch (error) {
      if (uniqueViolation(error) !== null) throw invalidField('body.certificateNo', '证书编号', '这个证书编号已经登记过');
      throw error;
    }
    return this.listSkillCertificates(actor, classId);
  }
}
