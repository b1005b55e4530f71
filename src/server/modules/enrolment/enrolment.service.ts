import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/enrolment-contracts';
import type { ClassTrainingType, VenueFeature } from '../../../shared/domain/class-codes';
import {
  ALREADY_ON_ROSTER,
  checkEnrolment,
  enrollingClassStatuses,
  type EnrolmentFacts,
  type EnrolmentReason,
  type EnrolmentSource,
  rosterConflictCodes,
} from '../../../shared/domain/class-enrolment';
import { externalParticipantTypes } from '../../../shared/domain/class-codes';
import type { DisabilityCategory } from '../../../shared/domain/disability';
import { checkIdNumber, normaliseIdInput } from '../../../shared/domain/identity-number';
import { maskPhone, spokenForMasked } from '../../../shared/domain/masking';
import type { AccommodationNeed } from '../../../shared/domain/person-codes';
import { checkPersonName, checkPhone } from '../../../shared/domain/person-fields';
import { ageOn, todayInChina } from '../../../shared/domain/person-validation';
import { surveyOpen } from '../../../shared/domain/satisfaction-survey';
import { AppError, type FieldIssue, fieldIssue, validationFailed } from '../../../shared/errors';
import { type Db, uniqueViolation } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { AttendanceService } from '../attendance/attendance.service';
import { type ClassRow, classForActor } from '../classes/class-access';
import type { PersonsService } from '../persons/persons.service';
import { enrolmentRepository, type EnrolmentRow, type PersonFacts } from './enrolment.repository';

type EnrolInput = z.output<typeof contracts.enrolInput>;
type RosterLine = contracts.RosterLine;
type MyClass = contracts.MyClass;

export interface EnrolmentOptions {
  /** the clock "today" is read from (open classes); tests fix it */
  clock: () => Date;
}

/** Words for a trainee account that has no registry record linked to it. */
export const NO_LINKED_PERSON = '本账号尚未关联残疾人实名登记信息，暂不能报名或查看培训。请联系所在县区残联核实登记信息后关联账号';

/** How a reason is labelled in the form's summary: it links to the ID number field but is about the trainee. */
function reasonLabel(reason: EnrolmentReason): string {
  if (reason.code === 'not_registered') return '身份证号和姓名';
  return reason.field === 'participantKind' ? '学员类型' : '学员';
}

/**
 * Enrolment (报名与学员名册): the institution or a training officer puts a registered person (found
 * by full ID number and name) or, on type 5 classes, an external participant on the roster; a
 * trainee applies and the institution accepts or declines. Every refusal answers every reason
 * from `checkEnrolment` and writes nothing.
 */
export class EnrolmentService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly persons: PersonsService,
    private readonly attendance: Pick<AttendanceService, 'ratesForClass'>,
    private readonly options: EnrolmentOptions = { clock: () => new Date() },
  ) {}

  // -------------------------------------------------------------------------------------------
  // rules

  /** The facts of the rules about one class and (for a person) one registry record. */
  private async facts(
    db: Db,
    row: ClassRow,
    participant: { kind: 'external' } | { kind: 'person'; person: PersonFacts | undefined },
    exceptLineId?: string,
  ): Promise<EnrolmentFacts> {
    const [targets, enrolledCount] = await Promise.all([
      enrolmentRepository.programmeTargets(db, row.programme_id),
      enrolmentRepository.enrolledCount(db, row.id),
    ]);
    const person = participant.kind === 'person' ? participant.person : undefined;
    const alreadyOnRoster = person ? await enrolmentRepository.holdsPlace(db, row.id, person.id, exceptLineId) : false;
    const others = person ? await enrolmentRepository.otherClasses(db, row.id, person.id) : [];
    return {
      class: {
        trainingType: row.training_type,
        status: row.status,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
        plannedSize: row.planned_size,
        enrolledCount,
        targetCategories: targets,
      },
      participant:
        participant.kind === 'external'
          ? { kind: 'external' }
          : {
              kind: 'person',
              person: person
                ? { status: person.status, sex: person.sex, birthDate: person.birth_date, disabilityCategory: person.disability_category }
                : null,
            },
      alreadyOnRoster,
      otherClasses: others.map((o) => ({ classNo: o.class_no, name: o.name, status: o.status, startsOn: o.starts_on, endsOn: o.ends_on })),
      workingAge: this.persons.options.workingAge,
    };
  }

  /**
   * Refuses with every reason: 409 when any is about the roster as it stands (a place held,
   * an overlap, a full or closed class), else 400; the issues name the form field where there is one.
   */
  private refusal(reasons: EnrolmentReason[], form: boolean): AppError {
    // the trainee's application has no form: every reason is about the class and its conditions
    const issues: FieldIssue[] = reasons.map((r) =>
      r.field && form ? fieldIssue(`body.${r.field}`, reasonLabel(r), r.message) : fieldIssue('class', '报名条件', r.message),
    );
    if (reasons.some((r) => rosterConflictCodes.includes(r.code))) {
      return new AppError('CONFLICT', issues.map((i) => i.message).join('；'), { issues, reasons: reasons.map((r) => r.code) });
    }
    const error = validationFailed(issues);
    return new AppError(error.code, error.message, { issues, reasons: reasons.map((r) => r.code) });
  }

  /** A refused attempt leaves an audit row (codes only): repeated "not found" answers show probing. */
  private async auditRefusal(actor: Actor, meta: RequestMeta, action: string, row: ClassRow, reasons: EnrolmentReason[]): Promise<void> {
    await this.audit.record(
      actorEvent(actor, meta, {
        action,
        outcome: 'failure',
        regionCode: row.county_code,
        targetType: 'training_class',
        targetId: row.id,
        details: { reasons: reasons.map((r) => r.code) },
      }),
    );
  }

  /** A refusal thrown inside a transaction is audited once the transaction has rolled back. */
  private async refusedAudited<T>(actor: Actor, meta: RequestMeta, action: string, work: () => Promise<T>): Promise<T> {
    const form = action === 'enrolments.enrol';
    try {
      return await work();
    } catch (error) {
      if (error instanceof RefusedEnrolment) {
        await this.auditRefusal(actor, meta, action, error.row, error.reasons);
        throw this.refusal(error.reasons, form);
      }
      if (uniqueViolation(error) !== null) {
        // two requests for the same person at once: the unique index keeps one line
        throw this.refusal([{ code: 'already_on_roster', field: 'idNumber', message: ALREADY_ON_ROSTER }], form);
      }
      throw error;
    }
  }

  // -------------------------------------------------------------------------------------------
  // the roster

  async roster(actor: Actor, classId: string): Promise<contracts.RosterView> {
    const { row } = await classForActor(this.db, actor, classId);
    const lines = (await enrolmentRepository.rosterLines(this.db, row.id)).map((l) => toRosterLine(l, row.starts_on));
    const counts = new Map<AccommodationNeed, number>();
    for (const line of lines) {
      if (line.status !== 'enrolled') continue;
      for (const code of line.accommodations) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    return {
      classId: row.id,
      plannedSize: row.planned_size,
      enrolledCount: lines.filter((l) => l.status === 'enrolled').length,
      appliedCount: lines.filter((l) => l.status === 'applied').length,
      enrolling: enrollingClassStatuses.includes(row.status),
      externalParticipants: externalParticipantTypes.includes(row.training_type),
      lines,
      accommodationNeeds: [...counts].map(([code, count]) => ({ code, count })),
    };
  }

  private async line(db: Db, row: ClassRow, lineId: string): Promise<RosterLine> {
    const [line] = await enrolmentRepository.rosterLines(db, row.id, lineId);
    if (!line) throw new AppError('NOT_FOUND', '名册记录不存在');
    return toRosterLine(line, row.starts_on);
  }

  /** Enrols a registered person (full ID number and name, both matching) or an external participant. */
  async enrol(actor: Actor, classId: string, input: EnrolInput, meta: RequestMeta): Promise<{ line: RosterLine }> {
    const source: EnrolmentSource = actor.kind === 'institution' ? 'institution' : 'staff';
    const valid = this.validateEnrolInput(input);
    // read before the transaction: PGlite has one connection, and the persons service uses its own
    const found = valid.kind === 'person' ? (await this.persons.searchByNumber(actor, valid.idNumber, meta)).person : null;
    return this.refusedAudited(actor, meta, 'enrolments.enrol', () =>
      this.db.transaction().execute(async (trx) => {
        // the class row lock serialises the places of one class; the person row lock the classes of one person
        const { row } = await classForActor(trx, actor, classId, { forUpdate: true });
        let values: Parameters<typeof enrolmentRepository.insert>[1];
        if (valid.kind === 'person') {
          // the registry's own lookup (blind index, scope, merges followed); a wrong name answers like an unknown number
          const person = found && found.name === valid.name ? await enrolmentRepository.personForUpdate(trx, found.id) : undefined;
          const reasons = checkEnrolment(await this.facts(trx, row, { kind: 'person', person }));
          if (reasons.length > 0) throw new RefusedEnrolment(row, reasons);
          values = {
            class_id: row.id,
            county_code: row.county_code,
            participant_kind: 'person',
            person_id: person!.id,
            status: 'enrolled',
            source,
            accommodations: person!.accommodations,
            enrolled_by: actor.userId,
          };
        } else {
          const reasons = checkEnrolment(await this.facts(trx, row, { kind: 'external' }));
          if (reasons.length > 0) throw new RefusedEnrolment(row, reasons);
          values = {
            class_id: row.id,
            county_code: row.county_code,
            participant_kind: 'external',
            external_name: valid.name,
            external_organisation: valid.organisation,
            external_role: valid.position,
            external_phone_sealed: this.persons.crypto.seal(valid.phone),
            external_phone_masked: maskPhone(valid.phone).text,
            status: 'enrolled',
            source,
            accommodations: [],
            enrolled_by: actor.userId,
          };
        }
        const inserted = await enrolmentRepository.insert(trx, values);
        await this.audit.append(
          trx,
          actorEvent(actor, meta, {
            action: 'enrolments.enrol',
            outcome: 'success',
            regionCode: row.county_code,
            targetType: 'class_enrolment',
            targetId: inserted.id,
            details: { classId: row.id, participantKind: inserted.participant_kind, personId: inserted.person_id, source },
          }),
        );
        return { line: await this.line(trx, row, inserted.id) };
      }),
    );
  }

  private validateEnrolInput(
    input: EnrolInput,
  ):
    | { kind: 'person'; idNumber: string; name: string }
    | { kind: 'external'; name: string; organisation: string; position: string; phone: string } {
    const issues: FieldIssue[] = [];
    const name = checkPersonName(input.name);
    if (!name.ok) issues.push(fieldIssue('body.name', '姓名', name.message));
    if (input.participantKind === 'person') {
      const raw = normaliseIdInput(input.idNumber ?? '');
      const id = raw ? checkIdNumber(raw, { today: todayInChina(this.options.clock()) }) : null;
      if (!id) issues.push(fieldIssue('body.idNumber', '身份证号', '请填写身份证号'));
      else if (!id.ok) issues.push(fieldIssue('body.idNumber', '身份证号', id.message));
      if (issues.length > 0 || !name.ok || !id?.ok) throw validationFailed(issues);
      return { kind: 'person', idNumber: id.value, name: name.value };
    }
    const organisation = input.organisation?.trim() ?? '';
    const position = input.position?.trim() ?? '';
    if (!organisation) issues.push(fieldIssue('body.organisation', '所在单位', '请填写所在单位'));
    if (!position) issues.push(fieldIssue('body.position', '岗位/职务', '请填写岗位或职务'));
    const phone = checkPhone(input.phone ?? '');
    if (!phone.ok) issues.push(fieldIssue('body.phone', '联系电话', phone.message));
    if (issues.length > 0 || !name.ok || !phone.ok) throw validationFailed(issues);
    return { kind: 'external', name: name.value, organisation, position, phone: phone.value };
  }

  /** Moves one line: the class must still take enrolments and the line must be in an expected status. */
  private async move(
    actor: Actor,
    classId: string,
    enrolmentId: string,
    meta: RequestMeta,
    change: { action: string; from: readonly EnrolmentRow['status'][]; to: EnrolmentRow['status']; reason: string | null; refused: string },
  ): Promise<{ line: RosterLine }> {
    return this.refusedAudited(actor, meta, change.action, () =>
      this.db.transaction().execute(async (trx) => {
        const { row } = await classForActor(trx, actor, classId, { forUpdate: true });
        const line = await enrolmentRepository.findForUpdate(trx, row.id, enrolmentId);
        if (!line) throw new AppError('NOT_FOUND', '名册记录不存在');
        if (!change.from.includes(line.status)) throw new AppError('CONFLICT', change.refused);
        if (change.to === 'enrolled') {
          // accepting an application answers the same checks as enrolling, the line itself aside
          const person = line.person_id ? await enrolmentRepository.personForUpdate(trx, line.person_id) : undefined;
          const reasons = checkEnrolment(await this.facts(trx, row, { kind: 'person', person }, line.id));
          if (reasons.length > 0) throw new RefusedEnrolment(row, reasons);
        } else if (!enrollingClassStatuses.includes(row.status)) {
          throw new AppError('CONFLICT', '培训班已提交结业审核或已结束，名册不能再变动');
        }
        await enrolmentRepository.setStatus(trx, line, change.to, change.reason);
        await this.audit.append(
          trx,
          actorEvent(actor, meta, {
            action: change.action,
            outcome: 'success',
            regionCode: row.county_code,
            targetType: 'class_enrolment',
            targetId: line.id,
            details: { classId: row.id, from: line.status, to: change.to },
          }),
        );
        return { line: await this.line(trx, row, line.id) };
      }),
    );
  }

  accept(actor: Actor, classId: string, enrolmentId: string, meta: RequestMeta) {
    return this.move(actor, classId, enrolmentId, meta, {
      action: 'enrolments.accept',
      from: ['applied'],
      to: 'enrolled',
      reason: null,
      refused: '只能录取“已报名，待机构确认”的学员',
    });
  }

  decline(actor: Actor, classId: string, enrolmentId: string, reason: string, meta: RequestMeta) {
    return this.move(actor, classId, enrolmentId, meta, {
      action: 'enrolments.decline',
      from: ['applied'],
      to: 'declined',
      reason,
      refused: '只能对“已报名，待机构确认”的学员作不录取处理',
    });
  }

  withdraw(actor: Actor, classId: string, enrolmentId: string, reason: string, meta: RequestMeta) {
    return this.move(actor, classId, enrolmentId, meta, {
      action: 'enrolments.withdraw',
      from: ['enrolled', 'applied'],
      to: 'withdrawn',
      reason,
      refused: '该学员已不在名册中，不能再办理退出',
    });
  }

  // -------------------------------------------------------------------------------------------
  // the trainee's own pages

  /**
   * The registry record of a trainee account. Without one the account reaches no record: 403
   * OUT_OF_SCOPE (audited as a denial) with words that say what to do; FORBIDDEN stays the
   * permission matrix's answer, which the account passed.
   */
  private async linkedPerson(actor: Actor): Promise<string> {
    const personId = actor.kind === 'trainee' ? await enrolmentRepository.personOfAccount(this.db, actor.userId) : null;
    if (!personId) throw new AppError('OUT_OF_SCOPE', NO_LINKED_PERSON);
    return personId;
  }

  async myClasses(actor: Actor): Promise<{ items: MyClass[] }> {
    const personId = await this.linkedPerson(actor);
    const rows = await enrolmentRepository.myLines(this.db, personId);
    const today = todayInChina(this.options.clock());
    return { items: rows.map((r) => toMyClass(r, today)) };
  }

  async openClasses(actor: Actor, query: { page: number; pageSize: number }) {
    const personId = await this.linkedPerson(actor);
    const today = todayInChina(this.options.clock());
    const category = await enrolmentRepository.personCategory(this.db, personId);
    const { rows, total } = await enrolmentRepository.openClasses(
      this.db,
      personId,
      category,
      today,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    );
    return {
      items: rows.map((r) => ({
        ...classFacts(r),
        classStatus: r.class_status,
        plannedSize: r.planned_size,
        placesLeft: Math.max(r.planned_size - Number(r.enrolled), 0),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** An application: an 'applied' line the institution accepts or declines, after the same checks. */
  async apply(actor: Actor, classId: string, meta: RequestMeta): Promise<{ item: MyClass }> {
    const personId = await this.linkedPerson(actor);
    return this.refusedAudited(actor, meta, 'enrolments.apply', () =>
      this.db.transaction().execute(async (trx) => {
        const row = await enrolmentRepository.openClassForUpdate(trx, classId);
        if (!row) throw new AppError('NOT_FOUND', '培训班不存在或未开放报名');
        const person = await enrolmentRepository.personForUpdate(trx, personId);
        const reasons = checkEnrolment(await this.facts(trx, row, { kind: 'person', person }));
        if (reasons.length > 0) throw new RefusedEnrolment(row, reasons);
        const inserted = await enrolmentRepository.insert(trx, {
          class_id: row.id,
          county_code: row.county_code,
          participant_kind: 'person',
          person_id: personId,
          status: 'applied',
          source: 'trainee',
          accommodations: person!.accommodations,
          enrolled_by: actor.userId,
        });
        await this.audit.append(
          trx,
          actorEvent(actor, meta, {
            action: 'enrolments.apply',
            outcome: 'success',
            regionCode: row.county_code,
            targetType: 'class_enrolment',
            targetId: inserted.id,
            details: { classId: row.id, personId },
          }),
        );
        const [mine] = await enrolmentRepository.myLines(trx, personId, inserted.id);
        return { item: toMyClass(mine!, todayInChina(this.options.clock())) };
      }),
    );
  }

  // -------------------------------------------------------------------------------------------
  // a person's training history

  async trainingHistory(actor: Actor, personId: string): Promise<contracts.TrainingHistory> {
    // the persons module's own access rule: NOT_FOUND, or OUT_OF_SCOPE (audited) outside the scope
    await this.persons.get(actor, personId);
    const [lines, skills] = await Promise.all([
      enrolmentRepository.historyLines(this.db, personId),
      enrolmentRepository.skillCertificates(this.db, personId),
    ]);
    const rates = new Map<string, { attended: number; total: number; rate: number }>();
    for (const classId of new Set(lines.filter((l) => l.status === 'enrolled').map((l) => l.class_id))) {
      for (const [enrolmentId, rate] of await this.attendance.ratesForClass(this.db, classId)) rates.set(enrolmentId, rate);
    }
    return {
      items: lines.map((l) => ({
        enrolmentId: l.enrolment_id,
        classId: l.class_id,
        classNo: l.class_no,
        className: l.class_name,
        institutionName: l.institution_name,
        programmeCode: l.programme_code,
        programmeName: l.programme_name,
        trainingType: l.training_type,
        startsOn: l.starts_on,
        endsOn: l.ends_on,
        classStatus: l.class_status,
        status: l.status,
        statusReason: l.status_reason,
        attendance: (l.status === 'enrolled' && rates.get(l.enrolment_id)) || null,
        examScore: l.exam_score === null ? null : Number(l.exam_score),
        examAbsent: l.exam_absent,
        completionResult: l.completion_result,
        certificate: l.certificate_no
          ? {
              certificateNo: l.certificate_no,
              status: l.certificate_status!,
              issuedOn: l.certificate_issued_on!,
              revokedReason: l.certificate_revoked_reason,
            }
          : null,
      })),
      skillCertificates: skills.map((s) => ({
        id: s.id,
        certificateNo: s.certificate_no,
        level: s.level,
        occupation: s.occupation,
        issuedOn: s.issued_on,
        issuer: s.issuer,
        classNo: s.class_no,
      })),
    };
  }
}

/** Thrown inside a transaction so it rolls back; turned into the 400/409 answer outside it. */
class RefusedEnrolment extends Error {
  constructor(
    readonly row: ClassRow,
    readonly reasons: EnrolmentReason[],
  ) {
    super('enrolment refused');
  }
}

type RosterRow = Awaited<ReturnType<typeof enrolmentRepository.rosterLines>>[number];

function toRosterLine(l: RosterRow, startsOn: string): RosterLine {
  const person = l.participant_kind === 'person';
  return {
    id: l.id,
    participantKind: l.participant_kind,
    personId: l.person_id,
    name: (person ? l.person_name : l.external_name) ?? '',
    idNumber: l.id_number_masked ? { text: l.id_number_masked, spoken: spokenForMasked('idNumber', l.id_number_masked) } : null,
    sex: l.sex,
    age: l.birth_date ? ageOn(l.birth_date, startsOn) : null,
    disabilityCategory: l.disability_category as DisabilityCategory | null,
    organisation: l.external_organisation,
    position: l.external_role,
    phone: l.external_phone_masked ? { text: l.external_phone_masked, spoken: spokenForMasked('phone', l.external_phone_masked) } : null,
    status: l.status,
    statusReason: l.status_reason,
    source: l.source,
    accommodations: l.accommodations as AccommodationNeed[],
    examScore: l.exam_score === null ? null : Number(l.exam_score),
    examAbsent: l.exam_absent,
    completionResult: l.completion_result,
    createdAt: l.created_at.toISOString(),
  };
}

interface ClassColumns {
  class_id: string;
  class_no: string;
  class_name: string;
  institution_name: string;
  programme_name: string;
  training_type: ClassTrainingType;
  starts_on: string;
  ends_on: string;
  venue_address: string;
  venue_features: string[];
  hours: number;
}

function classFacts(r: ClassColumns) {
  return {
    classId: r.class_id,
    classNo: r.class_no,
    className: r.class_name,
    institutionName: r.institution_name,
    programmeName: r.programme_name,
    trainingType: r.training_type,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    venueAddress: r.venue_address,
    venueFeatures: r.venue_features as VenueFeature[],
    hours: r.hours,
  };
}

type MyRow = Awaited<ReturnType<typeof enrolmentRepository.myLines>>[number];

function toMyClass(r: MyRow, today: string): MyClass {
  return {
    enrolmentId: r.enrolment_id,
    ...classFacts(r),
    classStatus: r.class_status,
    status: r.status,
    statusReason: r.status_reason,
    certificate: r.certificate_no ? { certificateNo: r.certificate_no, status: r.certificate_status! } : null,
    links: {
      survey: r.status === 'enrolled' && surveyOpen(r.class_status, r.ends_on, today) ? `/my/classes/${r.class_id}/survey` : null,
    },
  };
}
