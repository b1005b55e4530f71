import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/classes-contracts';
import type { ContractResponse } from '../../../shared/contracts/contract';
import { periodCodeOf, trainingYearOf } from '../../../shared/domain/class-codes';
import {
  allowedClassCommands,
  checkSubmissionLead,
  type ClassCommand,
  type ClassParty,
  type ClassStatus,
  type ClassTimeRules,
  classStatusLabels,
  commandNeedsComment,
  editableClassStatuses,
  isReviewOverdue,
  nextClassStatus,
  refusedTransitionMessage,
  reviewDueOn,
} from '../../../shared/domain/class-status';
import { spokenForMasked } from '../../../shared/domain/masking';
import { can } from '../../../shared/domain/permissions';
import { todayInChina } from '../../../shared/domain/person-validation';
import type { TeachingWaiver } from '../../../shared/domain/trainer-rotation';
import { AppError, type FieldIssue, fieldIssue, invalidField, validationFailed } from '../../../shared/errors';
import type { Db } from '../../db/database';
import type { AttachedFile } from '../../db/tables';
import { type Actor, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { RegionsService } from '../regions/regions.service';
import type { TrainersService } from '../trainers/trainers.service';
import { type ClassRow, classForActor, institutionOfActor, requireFederation, requireInstitution } from './class-access';
import { type ClassListRow, classesRepository as repo } from './classes.repository';
import { ownUploads, fileOwner } from '../../platform/file-store';

type ListQuery = z.output<typeof contracts.classListQuery>;
type ClassInput = z.output<typeof contracts.classInput>;
type UpdateInput = z.output<typeof contracts.updateClassInput>;
type CommandInput = z.output<typeof contracts.classCommandInput>;
type Detail = ContractResponse<typeof contracts.getClass>;
type Summary = z.infer<typeof contracts.classSummary>;
type FormOptions = ContractResponse<typeof contracts.getClassFormOptions>;

/** A rule another area adds to a command: a Chinese reason to refuse it (→ 409), or null. */
export type ClassGuard = (trx: Db, row: ClassRow, actor: Actor) => Promise<string | null>;
/** Work another area does inside the transition's transaction, after the status changed. */
export type ClassEffect = (trx: Db, row: ClassRow, actor: Actor) => Promise<void>;

export interface ClassesOptions extends ClassTimeRules {
  /** "now" (tests fix it) */
  clock: () => Date;
}

/** Federation staff may record (and, before approval, remove) a teaching waiver in these statuses. */
const waivableStatuses: readonly ClassStatus[] = ['draft', 'submitted', 'returned', 'approved', 'running'];
const waiverRemovableStatuses: readonly ClassStatus[] = ['draft', 'submitted', 'returned'];

const MAX_SESSIONS = 300;

function conflict(message: string): AppError {
  return new AppError('CONFLICT', message);
}

/** The China calendar day of an instant. */
function chinaDate(at: Date): string {
  return todayInChina(at);
}

/** The due day of the review that is open now (opening or completion), null when none is. */
function openReviewDue(row: Pick<ClassRow, 'status' | 'review_due_on' | 'completion_review_due_on'>): string | null {
  if (row.status === 'submitted') return row.review_due_on;
  if (row.status === 'completion_submitted') return row.completion_review_due_on;
  return null;
}

/**
 * The training-class core (开班申请 → 审核 → 培训 → 结业审核 → 结班): the application with its
 * trainers and schedule, the status machine of src/shared/domain/class-status.ts, and the hooks
 * through which enrolment, attendance, completion and the other areas add their own rules to a
 * transition. Every write is one transaction with its event row and audit row.
 */
export class ClassesService {
  private readonly guards = new Map<ClassCommand, ClassGuard[]>();
  private readonly effects = new Map<ClassCommand, ClassEffect[]>();

  constructor(
    readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly regions: RegionsService,
    private readonly trainers: TrainersService,
    readonly options: ClassesOptions,
  ) {}

  today(): string {
    return todayInChina(this.options.clock());
  }

  registerGuard(command: ClassCommand, guard: ClassGuard): void {
    this.guards.set(command, [...(this.guards.get(command) ?? []), guard]);
  }

  registerEffect(command: ClassCommand, effect: ClassEffect): void {
    this.effects.set(command, [...(this.effects.get(command) ?? []), effect]);
  }

  private regionName(code: string): string {
    return this.regions.get(code)?.name ?? code;
  }

  // -------------------------------------------------------------------------------------------
  // reading

  private summary(row: ClassListRow, today: string): Summary {
    const due = openReviewDue(row);
    return {
      id: row.id,
      classNo: row.class_no,
      name: row.name,
      institutionId: row.institution_id,
      institutionName: row.institution_name,
      countyCode: row.county_code,
      countyName: this.regionName(row.county_code),
      programmeCode: row.programme_code,
      programmeName: row.programme_name,
      trainingType: row.training_type,
      periodCode: row.period_code,
      trainingYear: row.training_year,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      plannedSize: row.planned_size,
      enrolledCount: Number(row.enrolled_count ?? 0),
      status: row.status,
      reviewDueOn: due,
      overdue: isReviewOverdue(due, today),
    };
  }

  async list(actor: Actor, query: ListQuery) {
    let countyCodes = scopeCodes(actor.scope);
    let institutionId = query.institutionId;
    if (actor.kind === 'institution') {
      const own = await institutionOfActor(this.db, actor).catch(() => null);
      if (!own) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      institutionId = own.id;
      countyCodes = null;
    } else if (actor.kind !== 'staff') {
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    }
    const { items, total } = await repo.list(
      this.db,
      {
        countyCodes,
        institutionId,
        status: query.status,
        trainingYear: query.trainingYear,
        trainingType: query.trainingType,
        q: query.q || undefined,
      },
      query.page,
      query.pageSize,
    );
    const today = this.today();
    return { items: items.map((row) => this.summary(row, today)), total, page: query.page, pageSize: query.pageSize };
  }

  async reviewQueue(actor: Actor) {
    if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
    const today = this.today();
    const rows = await repo.reviewQueue(this.db, scopeCodes(actor.scope));
    const items = rows.map((row) => ({
      ...this.summary(row, today),
      stage: row.status === 'submitted' ? ('opening' as const) : ('completion' as const),
      submittedAt: (row.status === 'submitted' ? row.submitted_at : row.completion_submitted_at)?.toISOString() ?? null,
    }));
    return { items, overdue: items.filter((i) => i.overdue).length, today };
  }

  /** Home counter for reviewers: open reviews and how many are overdue. */
  async countReviewsForHome(actor: Actor): Promise<{ open: number; overdue: number }> {
    if (actor.kind !== 'staff') return { open: 0, overdue: 0 };
    return repo.countOpenReviews(this.db, scopeCodes(actor.scope), this.today());
  }

  /** Home counter for institution users: their classes returned for changes. */
  async countReturnedForHome(actor: Actor): Promise<number> {
    if (actor.kind !== 'institution') return 0;
    const own = await institutionOfActor(this.db, actor).catch(() => null);
    return own ? repo.countForInstitution(this.db, own.id, 'returned') : 0;
  }

  private waiversOf(row: ClassRow, trainer: { id: string; waiver_reason: string | null }): TeachingWaiver[] {
    // a waiver recorded for this class covers the class's own dates, nothing else
    return trainer.waiver_reason ? [{ id: trainer.id, validFrom: row.starts_on, validTo: row.ends_on, reason: trainer.waiver_reason }] : [];
  }

  /** The commands this viewer may take: the status machine for the party, then the viewer's roles. */
  private commandsFor(actor: Actor, row: ClassRow, party: ClassParty): ClassCommand[] {
    const action = party === 'institution' ? 'classes.apply' : 'classes.review';
    if (!can(actor.roles, action)) return [];
    return allowedClassCommands(row.status, party);
  }

  async get(actor: Actor, id: string): Promise<Detail> {
    const { row, party } = await classForActor(this.db, actor, id);
    return this.detail(actor, row, party);
  }

  private async detail(actor: Actor, row: ClassRow, party: ClassParty): Promise<Detail> {
    const today = this.today();
    const [listRow, trainers, sessions, counts, events, base] = await Promise.all([
      repo.one(this.db, row.id),
      repo.trainers(this.db, row.id),
      repo.sessions(this.db, row.id),
      repo.counts(this.db, row.id),
      repo.events(this.db, row.id),
      row.base_id ? repo.baseName(this.db, row.base_id) : Promise.resolve(undefined),
    ]);
    const trainerViews = [];
    for (const t of trainers) {
      const answer = await this.trainers.mayTeach(t.trainer_id, row.starts_on, this.waiversOf(row, t), this.db);
      trainerViews.push({
        trainerId: t.trainer_id,
        name: t.name,
        role: t.role,
        mayTeach: { allowed: answer.allowed, reason: answer.reason },
        waiver:
          t.waiver_reason && t.waiver_at ? { reason: t.waiver_reason, by: t.waiver_by_name ?? null, at: t.waiver_at.toISOString() } : null,
      });
    }
    const due = openReviewDue(row);
    return {
      id: row.id,
      classNo: row.class_no,
      countyCode: row.county_code,
      countyName: this.regionName(row.county_code),
      institutionId: row.institution_id,
      institutionName: listRow.institution_name,
      venueBaseId: row.base_id,
      venueBaseName: base?.base_name ?? null,
      programmeId: row.programme_id,
      programmeCode: row.programme_code,
      programmeName: listRow.programme_name,
      name: row.name,
      trainingType: row.training_type,
      venueAddress: row.venue_address,
      venueRegionCode: row.venue_region_code,
      venueRegionName: this.regionName(row.venue_region_code),
      venueFeatures: row.venue_features,
      venueNotes: row.venue_notes,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      periodCode: row.period_code,
      trainingYear: row.training_year,
      hours: row.hours,
      plannedSize: row.planned_size,
      budgetFen: Number(row.budget_fen),
      accommodationsOffered: row.accommodations_offered,
      passScore: row.pass_score,
      attendanceThreshold: row.attendance_threshold,
      examOn: row.exam_on,
      status: row.status,
      submittedAt: row.submitted_at?.toISOString() ?? null,
      reviewDueOn: row.review_due_on,
      completionSubmittedAt: row.completion_submitted_at?.toISOString() ?? null,
      completionReviewDueOn: row.completion_review_due_on,
      overdue: isReviewOverdue(due, today),
      remarks: row.remarks,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      trainers: trainerViews,
      sessions: sessions.map((s) => ({
        id: s.id,
        seq: s.seq,
        startsAt: new Date(s.starts_at).toISOString(),
        endsAt: new Date(s.ends_at).toISOString(),
        topic: s.topic,
        trainerId: s.trainer_id,
        trainerName: s.trainer_name,
      })),
      counts,
      events: events.map((e) => ({
        command: e.command,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        comment: e.comment,
        documents: e.documents,
        actorName: e.actor_name,
        occurredAt: e.occurred_at.toISOString(),
      })),
      allowedCommands: this.commandsFor(actor, row, party),
      canWaive: party === 'federation' && can(actor.roles, 'classes.waive') && waivableStatuses.includes(row.status),
      canEdit: party === 'institution' && can(actor.roles, 'classes.apply') && editableClassStatuses.includes(row.status),
      party,
      today,
    };
  }

  /** A document attached to one of the class's steps, for anyone who may read the class. */
  async document(actor: Actor, id: string, fileId: string): Promise<{ ownerId: string }> {
    await classForActor(this.db, actor, id);
    const events = await repo.events(this.db, id);
    const attached = events.some((e) => e.documents.some((d) => d.fileId === fileId));
    const owner = attached ? await fileOwner(this.db, fileId) : undefined;
    if (!owner) throw new AppError('NOT_FOUND', '材料不存在');
    return { ownerId: owner };
  }

  async formOptions(actor: Actor, on: string | undefined): Promise<FormOptions> {
    const institution = await institutionOfActor(this.db, actor);
    const today = this.today();
    const day = on ?? today;
    const [programmes, bases, trainers] = await Promise.all([
      repo.activeProgrammes(this.db),
      repo.activeBases(this.db, institution.id),
      repo.linkedTrainers(this.db, institution.id, day),
    ]);
    const trainerViews = [];
    for (const t of trainers) {
      const answer = await this.trainers.mayTeach(t.id, day, [], this.db);
      trainerViews.push({
        id: t.id,
        name: t.name,
        idNumber: { text: t.id_number_masked, spoken: spokenForMasked('idNumber', t.id_number_masked) },
        mayTeach: { allowed: answer.allowed, reason: answer.reason },
      });
    }
    return {
      institution: {
        id: institution.id,
        name: institution.name,
        countyCode: institution.countyCode,
        countyName: this.regionName(institution.countyCode),
      },
      programmes: programmes.map((p) => ({
        id: p.id,
        code: p.programme_code,
        name: p.name,
        trainingType: p.training_type,
        hours: p.hours,
        targetCategories: p.target_categories,
      })),
      bases: bases.map((b) => ({ id: b.id, baseName: b.base_name, plaqueNo: b.plaque_no, termEnd: b.term_end })),
      trainers: trainerViews,
      on: day,
      today,
      submitLeadDays: this.options.submitLeadDays,
    };
  }

  // -------------------------------------------------------------------------------------------
  // the application

  /**
   * Checks an application against the catalogue, the institution's bases and trainers, the
   * province and its own dates; every problem is named by its field at once.
   */
  private async validate(trx: Db, institutionId: string, input: ClassInput) {
    const issues: FieldIssue[] = [];
    const programme = await repo.activeProgramme(trx, input.programmeId);
    if (!programme) {
      issues.push(fieldIssue('body.programmeId', '培训项目', '培训项目不存在或不在现行培训目录中，请重新选择'));
    } else if (
      input.trainingType !== 'employer_staff' &&
      input.trainingType !== 'contest' &&
      programme.training_type !== input.trainingType
    ) {
      issues.push(fieldIssue('body.trainingType', '培训类型', '培训类型须与所选培训项目的类型一致'));
    }
    if (input.venueBaseId) {
      const bases = await repo.activeBases(trx, institutionId);
      if (!bases.some((b) => b.id === input.venueBaseId)) {
        issues.push(fieldIssue('body.venueBaseId', '挂牌基地', '所选基地不是本机构在有效期内的挂牌基地'));
      }
    }
    if (!this.regions.get(input.venueRegionCode)) {
      issues.push(fieldIssue('body.venueRegionCode', '培训地点所在区域', '培训地点所在区域须为本省的行政区划'));
    }
    if (input.endsOn < input.startsOn) {
      issues.push(fieldIssue('body.endsOn', '结束日期', '结束日期不能早于开始日期'));
    }
    if (input.examOn !== null && input.examOn < input.startsOn) {
      issues.push(fieldIssue('body.examOn', '考核日期', '考核日期不能早于开班日期'));
    }

    const linked = new Set((await repo.linkedTrainers(trx, institutionId, input.startsOn)).map((t) => t.id));
    const seen = new Set<string>();
    input.trainers.forEach((t, i) => {
      if (seen.has(t.trainerId)) {
        issues.push(fieldIssue(`body.trainers.${i}.trainerId`, '授课师资', '同一名师资不能重复添加'));
      } else if (!linked.has(t.trainerId)) {
        issues.push(fieldIssue(`body.trainers.${i}.trainerId`, '授课师资', '所选师资不是本机构在册的师资'));
      }
      seen.add(t.trainerId);
    });

    if (input.sessions.length > MAX_SESSIONS) {
      issues.push(fieldIssue('body.sessions', '课程表', `最多 ${MAX_SESSIONS} 个课次`));
    }
    const sessions = input.sessions.map((s, index) => ({ ...s, index, start: new Date(s.startsAt), end: new Date(s.endsAt) }));
    for (const s of sessions) {
      const at = `body.sessions.${s.index}`;
      if (s.end.getTime() <= s.start.getTime()) {
        issues.push(fieldIssue(`${at}.endsAt`, '下课时间', `第 ${s.index + 1} 个课次的下课时间须晚于上课时间`));
      }
      if (chinaDate(s.start) < input.startsOn || chinaDate(s.start) > input.endsOn) {
        issues.push(
          fieldIssue(`${at}.startsAt`, '上课时间', `第 ${s.index + 1} 个课次不在开班日期 ${input.startsOn} 至 ${input.endsOn} 之内`),
        );
      } else if (chinaDate(s.end) > input.endsOn) {
        issues.push(fieldIssue(`${at}.endsAt`, '下课时间', `第 ${s.index + 1} 个课次的下课时间晚于结束日期 ${input.endsOn}`));
      }
      if (s.trainerId !== null && !seen.has(s.trainerId)) {
        issues.push(fieldIssue(`${at}.trainerId`, '授课师资', `第 ${s.index + 1} 个课次的授课师资须是本班的授课师资`));
      }
    }
    const ordered = [...sessions].sort((a, b) => a.start.getTime() - b.start.getTime() || a.index - b.index);
    for (let i = 1; i < ordered.length; i += 1) {
      const previous = ordered[i - 1]!;
      const current = ordered[i]!;
      if (current.start.getTime() < previous.end.getTime()) {
        issues.push(
          fieldIssue(
            `body.sessions.${current.index}.startsAt`,
            '上课时间',
            `第 ${current.index + 1} 个课次与第 ${previous.index + 1} 个课次时间重叠`,
          ),
        );
      }
    }
    if (issues.length) throw validationFailed(issues);
    return { programme: programme!, ordered };
  }

  private async writeApplication(
    trx: Db,
    classId: string,
    countyCode: string,
    input: ClassInput,
    ordered: { start: Date; end: Date; topic: string; trainerId: string | null }[],
  ) {
    await repo.replaceTrainers(
      trx,
      classId,
      countyCode,
      input.trainers.map((t) => ({ trainer_id: t.trainerId, role: t.role })),
    );
    await repo.replaceSessions(
      trx,
      classId,
      ordered.map((s, i) => ({
        county_code: countyCode,
        seq: i + 1,
        starts_at: s.start,
        ends_at: s.end,
        topic: s.topic,
        trainer_id: s.trainerId,
      })),
    );
  }

  private applicationColumns(input: ClassInput, programme: { programme_code: string }) {
    return {
      base_id: input.venueBaseId,
      programme_id: input.programmeId,
      programme_code: programme.programme_code,
      name: input.name,
      training_type: input.trainingType,
      venue_address: input.venueAddress,
      venue_region_code: input.venueRegionCode,
      venue_features: input.venueFeatures,
      venue_notes: input.venueNotes,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      period_code: periodCodeOf(input.startsOn, input.endsOn),
      training_year: trainingYearOf(input.startsOn),
      hours: input.hours,
      planned_size: input.plannedSize,
      budget_fen: input.budgetFen,
      accommodations_offered: input.accommodationsOffered,
      exam_on: input.examOn,
      remarks: input.remarks,
    };
  }

  private async ownActiveInstitution(trx: Db, actor: Actor) {
    const institution = await institutionOfActor(trx, actor);
    const row = await trx.selectFrom('institution').select('status').where('id', '=', institution.id).executeTakeFirstOrThrow();
    if (row.status !== 'active') throw conflict('本机构尚未完成登记公示（或已注销），暂不能申请开班');
    return institution;
  }

  async create(actor: Actor, input: ClassInput, meta: RequestMeta): Promise<Detail> {
    if (actor.kind !== 'institution') throw new AppError('FORBIDDEN', '开班申请由培训机构填写');
    const id = await this.db.transaction().execute(async (trx) => {
      const institution = await this.ownActiveInstitution(trx, actor);
      const { programme, ordered } = await this.validate(trx, institution.id, input);
      const serial = await repo.nextSerial(trx);
      const year = trainingYearOf(input.startsOn);
      const classNo = `PX-${institution.countyCode}-${year}-${String(serial).padStart(4, '0')}`;
      const classId = await repo.insert(trx, {
        class_no: classNo,
        county_code: institution.countyCode,
        institution_id: institution.id,
        ...this.applicationColumns(input, programme),
        created_by: actor.userId,
        updated_by: actor.userId,
      });
      await this.writeApplication(trx, classId, institution.countyCode, input, ordered);
      await repo.recordEvent(trx, {
        class_id: classId,
        county_code: institution.countyCode,
        command: 'create',
        from_status: null,
        to_status: 'draft',
        comment: null,
        actor_id: actor.userId,
        actor_name: actor.displayName,
      });
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'classes.create',
          outcome: 'success',
          regionCode: institution.countyCode,
          targetType: 'training_class',
          targetId: classId,
          details: { classNo, trainers: input.trainers.length, sessions: input.sessions.length },
        }),
      );
      return classId;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: UpdateInput, meta: RequestMeta): Promise<Detail> {
    await this.db.transaction().execute(async (trx) => {
      const access = await classForActor(trx, actor, id, { forUpdate: true });
      requireInstitution(access);
      const { row } = access;
      if (!editableClassStatuses.includes(row.status)) {
        throw conflict(`培训班当前为“${classStatusLabels[row.status]}”，开班申请只能在草稿或退回修改时修改`);
      }
      if (row.version !== input.version) throw conflict('该培训班已被他人修改，请刷新后重试');
      await this.ownActiveInstitution(trx, actor);
      const { programme, ordered } = await this.validate(trx, row.institution_id, input);
      await repo.update(trx, id, { ...this.applicationColumns(input, programme), updated_by: actor.userId });
      await this.writeApplication(trx, id, row.county_code, input, ordered);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'classes.update',
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'training_class',
          targetId: id,
          details: { classNo: row.class_no, trainers: input.trainers.length, sessions: input.sessions.length },
        }),
      );
    });
    return this.get(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // transitions

  private async documents(trx: Db, actor: Actor, ids: readonly string[]): Promise<AttachedFile[]> {
    const files = await ownUploads(trx, actor.userId, ids, 'body.documentIds', '附件');
    return files.map(({ fileId, name }) => ({ fileId, name }));
  }

  /** The rules of submission itself: lead time, a schedule, a teaching team whose members may teach. */
  private async submissionRefusal(trx: Db, row: ClassRow, today: string): Promise<string | null> {
    const late = checkSubmissionLead(row.starts_on, today, this.options);
    if (late) return late;
    const trainers = await repo.trainers(trx, row.id);
    if (trainers.length === 0) return '请至少安排一名授课师资后再提交';
    const sessions = await repo.counts(trx, row.id);
    if (sessions.sessions === 0) return '请先填写课程表（至少一个课次）后再提交';
    for (const t of trainers) {
      const answer = await this.trainers.mayTeach(t.trainer_id, row.starts_on, this.waiversOf(row, t), trx);
      if (!answer.allowed) return `授课师资${t.name}不能授课：${answer.reason}。请更换师资，或请残联记录授课特许`;
    }
    return null;
  }

  async command(actor: Actor, id: string, command: ClassCommand, input: CommandInput, meta: RequestMeta): Promise<Detail> {
    if (command === 'create') throw new AppError('NOT_FOUND');
    const party = await this.db.transaction().execute(async (trx) => {
      const { row, party } = await classForActor(trx, actor, id, { forUpdate: true });
      const to = nextClassStatus(row.status, command, party);
      if (to === null) throw conflict(refusedTransitionMessage(row.status, command, party));
      if (!can(actor.roles, party === 'institution' ? 'classes.apply' : 'classes.review')) {
        throw new AppError('FORBIDDEN', party === 'institution' ? '本账号不能办理开班申请' : '本账号没有培训班审核权限');
      }
      if (row.version !== input.version) throw conflict('该培训班已被他人修改，请刷新后重试');
      if (commandNeedsComment(command) && !input.comment) {
        throw invalidField('body.comment', '意见', command === 'cancel' ? '请说明取消的原因' : '请填写退回的原因和需要修改的内容');
      }
      const now = this.options.clock();
      const today = todayInChina(now);
      let refusal: string | null = null;
      if (command === 'submit') refusal = await this.submissionRefusal(trx, row, today);
      if (command === 'start' && today < row.starts_on) refusal = `开班日期为 ${row.starts_on}，不能提前开始培训`;
      for (const guard of this.guards.get(command) ?? []) {
        refusal ??= await guard(trx, row, actor);
      }
      if (refusal) throw conflict(refusal);
      const documents = await this.documents(trx, actor, input.documentIds);

      await repo.update(trx, id, {
        status: to,
        updated_by: actor.userId,
        ...(command === 'submit' && { submitted_at: now, review_due_on: reviewDueOn(today, this.options) }),
        ...(command === 'submit_completion' && {
          completion_submitted_at: now,
          completion_review_due_on: reviewDueOn(today, this.options),
        }),
      });
      await repo.recordEvent(trx, {
        class_id: id,
        county_code: row.county_code,
        command,
        from_status: row.status,
        to_status: to,
        comment: input.comment,
        documents,
        actor_id: actor.userId,
        actor_name: actor.displayName,
      });
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: `classes.${command}`,
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'training_class',
          targetId: id,
          details: { classNo: row.class_no, from: row.status, to, documents: documents.length },
        }),
      );
      const after = await trx.selectFrom('training_class').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      for (const effect of this.effects.get(command) ?? []) await effect(trx, after, actor);
      return party;
    });
    const row = await this.db.selectFrom('training_class').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return this.detail(actor, row, party);
  }

  // -------------------------------------------------------------------------------------------
  // teaching waivers

  async recordWaiver(actor: Actor, id: string, trainerId: string, reason: string, meta: RequestMeta): Promise<Detail> {
    await this.db.transaction().execute(async (trx) => {
      const access = await classForActor(trx, actor, id, { forUpdate: true });
      requireFederation(access);
      const { row } = access;
      if (!waivableStatuses.includes(row.status)) throw conflict('该培训班已不在可记录授课特许的阶段');
      const changed = await repo.setWaiver(trx, id, trainerId, {
        waiver_reason: reason,
        waiver_by: actor.userId,
        waiver_at: this.options.clock(),
      });
      if (changed === 0) throw new AppError('NOT_FOUND', '该师资不是本班的授课师资');
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'classes.waiver_record',
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'training_class',
          targetId: id,
          details: { classNo: row.class_no, trainerId, reason },
        }),
      );
    });
    return this.get(actor, id);
  }

  async removeWaiver(actor: Actor, id: string, trainerId: string, meta: RequestMeta): Promise<Detail> {
    await this.db.transaction().execute(async (trx) => {
      const access = await classForActor(trx, actor, id, { forUpdate: true });
      requireFederation(access);
      const { row } = access;
      if (!waiverRemovableStatuses.includes(row.status)) throw conflict('开班已批准，授课特许不能撤销');
      const changed = await repo.setWaiver(trx, id, trainerId, null);
      if (changed === 0) throw new AppError('NOT_FOUND', '该师资不是本班的授课师资');
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'classes.waiver_remove',
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'training_class',
          targetId: id,
          details: { classNo: row.class_no, trainerId },
        }),
      );
    });
    return this.get(actor, id);
  }
}
