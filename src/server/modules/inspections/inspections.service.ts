import { createHmac, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/inspections-contracts';
import { classTrainingTypeLabels } from '../../../shared/domain/class-codes';
import { drawMethodText, drawSample, verifyDraw } from '../../../shared/domain/inspection-draw';
import {
  allowedInspectionCommands,
  type InspectionCommand,
  type InspectionStatus,
  isRectificationOverdue,
  nextInspectionStatus,
  refusedInspectionMessage,
} from '../../../shared/domain/inspection-status';
import { todayInChina } from '../../../shared/domain/person-validation';
import { AppError, fieldIssue, invalidField, validationFailed } from '../../../shared/errors';
import type { ClassStatus } from '../../../shared/domain/class-status';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { AttachedFile, Tables } from '../../db/tables';
import { type Actor, inScope, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import { type ClassAccess, classForActor, institutionOfActor, requireFederation, requireInstitution } from '../classes/class-access';
import { type DrawRow, type InspectionRow, inspectionsRepository as repo } from './inspections.repository';
import { ownUploads, fileOwner } from '../../platform/file-store';

type ListQuery = z.output<typeof contracts.inspectionListQuery>;
type DrawInput = z.output<typeof contracts.drawInput>;
type ScheduleInput = z.output<typeof contracts.scheduleInput>;
type FindingsInput = z.output<typeof contracts.findingsInput>;
type ReplyInput = z.output<typeof contracts.replyInput>;
type CloseInput = z.output<typeof contracts.closeInput>;
type Summary = z.infer<typeof contracts.inspectionSummary>;
type Detail = z.infer<typeof contracts.inspectionDetail>;
type DrawDetail = z.infer<typeof contracts.drawDetail>;
type DrawSummary = z.infer<typeof contracts.drawSummary>;

export interface InspectionsOptions {
  /** "now" (tests fix it) */
  clock?: () => Date;
  /** the largest inspection photo accepted, in bytes */
  photoMaxBytes: number;
}

/** The keyed digest of the draw method: HMAC-SHA256 with the seed as the key, hex. */
export function drawDigest(seed: string, classId: string): string {
  return createHmac('sha256', seed).update(classId).digest('hex');
}

const photoTypes = ['image/jpeg', 'image/png'];
const documentTypes = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * Process inspections (过程检查): scheduled checks of one class and random spot checks drawn by a
 * documented, reproducible method; findings with photos, rectification requests, the institution's
 * reply and the closure. Every write is one transaction with its audit row.
 */
export class InspectionsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly options: InspectionsOptions,
  ) {}

  today(): string {
    return todayInChina(this.options.clock?.() ?? new Date());
  }

  // -------------------------------------------------------------------------------------------
  // reading

  async list(actor: Actor, query: ListQuery) {
    let countyCodes = scopeCodes(actor.scope);
    let institutionId: string | undefined;
    if (actor.kind === 'institution') {
      institutionId = (await institutionOfActor(this.db, actor)).id;
      countyCodes = null;
    }
    const today = this.today();
    const { rows, total } = await repo.list(
      this.db,
      {
        countyCodes,
        institutionId,
        status: query.status,
        kind: query.inspectionKind,
        classId: query.classId,
        drawId: query.drawId,
        overdueOn: query.rectificationOverdue ? today : undefined,
      },
      query.page,
      query.pageSize,
    );
    return { items: rows.map((r) => this.summary(r, today)), total, page: query.page, pageSize: query.pageSize };
  }

  async forClass(actor: Actor, classId: string): Promise<{ items: Detail[] }> {
    const access = await classForActor(this.db, actor, classId);
    const rows = await repo.forClass(this.db, classId);
    return { items: rows.map((r) => this.detail(r, access)) };
  }

  async get(actor: Actor, id: string): Promise<Detail> {
    const { row, access } = await this.reachable(this.db, actor, id);
    return this.detail(row, access);
  }

  /** A photo or rectification document of an inspection the actor may read: the uploader, whose file the store opens. */
  async file(actor: Actor, id: string, fileId: string): Promise<{ ownerId: string }> {
    const { row } = await this.reachable(this.db, actor, id);
    const attached = [...row.photos, ...row.rectification_documents].some((f) => f.fileId === fileId);
    const owner = attached ? await fileOwner(this.db, fileId) : undefined;
    if (!owner) throw new AppError('NOT_FOUND');
    return { ownerId: owner };
  }

  /** The inspection and the class access of the actor; NOT_FOUND for an inspection of a class out of reach. */
  private async reachable(db: Db, actor: Actor, id: string, forUpdate = false): Promise<{ row: InspectionRow; access: ClassAccess }> {
    const classId = await repo.classIdOf(db, id);
    if (!classId) throw new AppError('NOT_FOUND', '检查记录不存在');
    const access = await classForActor(db, actor, classId, { forUpdate });
    const row = await repo.get(db, id, forUpdate);
    if (!row) throw new AppError('NOT_FOUND', '检查记录不存在');
    return { row, access };
  }

  private summary(row: InspectionRow, today: string): Summary {
    return {
      id: row.id,
      classId: row.class_id,
      classNo: row.class_no,
      className: row.class_name,
      classStatus: row.class_status as ClassStatus,
      institutionName: row.institution_name,
      countyCode: row.county_code,
      kind: row.kind,
      drawId: row.draw_id,
      plannedOn: row.planned_on,
      inspectedOn: row.inspected_on,
      status: row.status,
      rectificationDueOn: row.rectification_due_on,
      rectificationOverdue: isRectificationOverdue(row.status, row.rectification_due_on, today),
      version: row.version,
    };
  }

  private detail(row: InspectionRow, access: ClassAccess): Detail {
    return {
      ...this.summary(row, this.today()),
      findings: row.findings,
      photos: row.photos,
      rectificationRequest: row.rectification_request,
      rectificationReply: row.rectification_reply,
      rectificationDocuments: row.rectification_documents,
      rectificationRepliedAt: row.rectification_replied_at?.toISOString() ?? null,
      closingComment: row.closing_comment,
      closedAt: row.closed_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
      allowedCommands: allowedInspectionCommands(row.status, access.party),
    };
  }

  // -------------------------------------------------------------------------------------------
  // random draw (随机抽查)

  async draw(actor: Actor, input: DrawInput, meta: RequestMeta): Promise<DrawDetail> {
    if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', '此操作由残联工作人员办理');
    if (input.plannedOn < this.today()) throw invalidField('body.plannedOn', '计划检查日期', '计划检查日期不能早于今天');
    const id = await this.db.transaction().execute(async (trx) => {
      const population = await repo.runningClasses(trx, scopeCodes(actor.scope), input.trainingType);
      if (population.length === 0) throw new AppError('CONFLICT', '本辖区目前没有符合条件的正在开班的培训班，无法抽查');
      // 128 bits from the operating system's CSPRNG: nobody can steer the sample by choosing the seed
      const seed = randomBytes(16).toString('hex');
      const { ranked, selected } = drawSample(population, seed, input.sampleSize, drawDigest);
      const drawId = await repo.insertDraw(trx, {
        region_code: actor.scope.rootCode,
        seed,
        sample_size: input.sampleSize,
        population: JSON.stringify(ranked.map((e) => e.classId)),
        selected: JSON.stringify(selected),
        training_type: input.trainingType ?? null,
        method:
          drawMethodText(seed, input.sampleSize, ranked.length) +
          (input.trainingType ? `参与抽取的仅为“${classTrainingTypeLabels[input.trainingType]}”类培训班。` : ''),
        drawn_by: actor.userId,
      });
      const classes = await repo.classesByIds(trx, selected);
      for (const classId of selected) {
        const c = classes.find((x) => x.id === classId)!;
        const inspectionId = await repo.insert(trx, {
          class_id: classId,
          county_code: c.county_code,
          kind: 'random',
          draw_id: drawId,
          planned_on: input.plannedOn,
          inspector_region_code: actor.regionCode,
          created_by: actor.userId,
        });
        await this.audit.append(
          trx,
          actorEvent(actor, meta, {
            action: 'inspections.schedule',
            outcome: 'success',
            regionCode: c.county_code,
            targetType: 'inspection',
            targetId: inspectionId,
            details: { classId, kind: 'random', drawId, plannedOn: input.plannedOn },
          }),
        );
      }
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'inspections.draw',
          outcome: 'success',
          regionCode: actor.scope.rootCode,
          targetType: 'inspection_draw',
          targetId: drawId,
          details: {
            sampleSize: input.sampleSize,
            population: ranked.length,
            selected: selected.length,
            trainingType: input.trainingType ?? null,
          },
        }),
      );
      return drawId;
    });
    return this.getDraw(actor, id);
  }

  private async readableDraw(actor: Actor, id: string): Promise<DrawRow> {
    const row = await repo.getDraw(this.db, id);
    if (!row || actor.kind !== 'staff' || !inScope(actor.scope, row.region_code)) throw new AppError('NOT_FOUND', '抽查记录不存在');
    return row;
  }

  private drawSummary(row: DrawRow): DrawSummary {
    return {
      id: row.id,
      regionCode: row.region_code,
      sampleSize: row.sample_size,
      populationSize: row.population.length,
      selectedCount: row.selected.length,
      trainingType: row.training_type as DrawSummary['trainingType'],
      drawnAt: row.drawn_at.toISOString(),
      drawnByName: row.drawn_by_name,
    };
  }

  async listDraws(actor: Actor, query: { page: number; pageSize: number }) {
    if (actor.kind !== 'staff') return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const { rows, total } = await repo.listDraws(this.db, scopeCodes(actor.scope), query.page, query.pageSize);
    return { items: rows.map((r) => this.drawSummary(r)), total, page: query.page, pageSize: query.pageSize };
  }

  async getDraw(actor: Actor, id: string): Promise<DrawDetail> {
    const row = await this.readableDraw(actor, id);
    const classes = await repo.classesByIds(this.db, row.population);
    const selected = new Set(row.selected);
    const today = this.today();
    const inspections = await repo.list(this.db, { countyCodes: scopeCodes(actor.scope), drawId: id }, 1, 200);
    return {
      ...this.drawSummary(row),
      seed: row.seed,
      method: row.method,
      population: row.population.map((classId) => {
        const c = classes.find((x) => x.id === classId);
        return {
          classId,
          classNo: c?.class_no ?? '',
          className: c?.name ?? '',
          institutionName: c?.institution_name ?? '',
          digest: drawDigest(row.seed, classId),
          selected: selected.has(classId),
        };
      }),
      selected: row.selected,
      inspections: inspections.rows.map((r) => this.summary(r, today)),
    };
  }

  /** Recomputes the ranking from the stored seed and population and compares it with what was stored. */
  async verify(actor: Actor, id: string): Promise<{ matches: boolean; recomputedSelected: string[] }> {
    const row = await this.readableDraw(actor, id);
    const { matches, recomputed } = verifyDraw(
      { seed: row.seed, sampleSize: row.sample_size, population: row.population, selected: row.selected },
      drawDigest,
    );
    return { matches, recomputedSelected: recomputed };
  }

  // -------------------------------------------------------------------------------------------
  // scheduled inspection and the steps

  async schedule(actor: Actor, classId: string, input: ScheduleInput, meta: RequestMeta): Promise<Detail> {
    const id = await this.db.transaction().execute(async (trx) => {
      const access = await classForActor(trx, actor, classId, { forUpdate: true });
      requireFederation(access);
      if (access.row.status !== 'approved' && access.row.status !== 'running') {
        throw new AppError('CONFLICT', '只有已获批或正在开班的培训班可以安排过程检查');
      }
      if (input.plannedOn < this.today()) throw invalidField('body.plannedOn', '计划检查日期', '计划检查日期不能早于今天');
      if (input.plannedOn > access.row.ends_on) {
        throw invalidField('body.plannedOn', '计划检查日期', `计划检查日期应在培训班结束（${access.row.ends_on}）之前`);
      }
      const inspectionId = await repo.insert(trx, {
        class_id: classId,
        county_code: access.row.county_code,
        kind: 'scheduled',
        planned_on: input.plannedOn,
        inspector_region_code: actor.regionCode,
        created_by: actor.userId,
      });
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'inspections.schedule',
          outcome: 'success',
          regionCode: access.row.county_code,
          targetType: 'inspection',
          targetId: inspectionId,
          details: { classId, kind: 'scheduled', plannedOn: input.plannedOn },
        }),
      );
      return inspectionId;
    });
    return this.get(actor, id);
  }

  async findings(actor: Actor, id: string, input: FindingsInput, meta: RequestMeta): Promise<Detail> {
    const today = this.today();
    await this.db.transaction().execute(async (trx) => {
      const { row, access } = await this.reachable(trx, actor, id, true);
      requireFederation(access);
      const to = this.move(row, 'findings', input.version, input.conclusion);
      const issues = [];
      if (input.inspectedOn > today) issues.push(fieldIssue('body.inspectedOn', '检查日期', '检查日期不能晚于今天'));
      if (input.conclusion === 'rectify') {
        if (!input.rectificationRequest) issues.push(fieldIssue('body.rectificationRequest', '整改要求', '限期整改时请填写整改要求'));
        if (!input.rectificationDueOn) issues.push(fieldIssue('body.rectificationDueOn', '整改期限', '限期整改时请填写整改期限'));
        else if (input.rectificationDueOn <= input.inspectedOn) {
          issues.push(fieldIssue('body.rectificationDueOn', '整改期限', '整改期限应晚于检查日期'));
        }
      }
      if (issues.length) throw validationFailed(issues);
      const photos = await this.attach(
        trx,
        actor,
        input.photoIds,
        'body.photoIds',
        '现场照片',
        photoTypes,
        '现场照片只能是 JPG 或 PNG 图片',
      );
      await repo.update(trx, id, {
        status: to,
        inspected_on: input.inspectedOn,
        inspector_id: actor.userId,
        findings: input.findings,
        photos: JSON.stringify(photos),
        rectification_request: input.conclusion === 'rectify' ? input.rectificationRequest! : null,
        rectification_due_on: input.conclusion === 'rectify' ? input.rectificationDueOn! : null,
      });
      await this.record(trx, actor, meta, row, 'inspections.findings', to, { conclusion: input.conclusion, photos: photos.length });
    });
    return this.get(actor, id);
  }

  async reply(actor: Actor, id: string, input: ReplyInput, meta: RequestMeta): Promise<Detail> {
    await this.db.transaction().execute(async (trx) => {
      const { row, access } = await this.reachable(trx, actor, id, true);
      requireInstitution(access);
      const to = this.move(row, 'reply', input.version);
      const documents = await this.attach(
        trx,
        actor,
        input.documentIds,
        'body.documentIds',
        '附件',
        documentTypes,
        '整改材料只能是 PDF、JPG 或 PNG 文件',
      );
      await repo.update(trx, id, {
        status: to,
        rectification_reply: input.replyText,
        rectification_documents: JSON.stringify(documents),
        rectification_replied_at: this.options.clock?.() ?? new Date(),
      });
      await this.record(trx, actor, meta, row, 'inspections.reply', to, { documents: documents.length });
    });
    return this.get(actor, id);
  }

  async close(actor: Actor, id: string, input: CloseInput, meta: RequestMeta): Promise<Detail> {
    await this.db.transaction().execute(async (trx) => {
      const { row, access } = await this.reachable(trx, actor, id, true);
      requireFederation(access);
      if (input.decision === 'close') {
        const to = this.move(row, 'close', input.version);
        await repo.update(trx, id, {
          status: to,
          closing_comment: input.comment,
          closed_at: this.options.clock?.() ?? new Date(),
          closed_by: actor.userId,
        });
        await this.record(trx, actor, meta, row, 'inspections.close', to, {});
        return;
      }
      const to = this.move(row, 'reopen', input.version);
      if (!input.rectificationDueOn) throw invalidField('body.rectificationDueOn', '整改期限', '退回继续整改时请填写新的整改期限');
      if (input.rectificationDueOn <= this.today()) throw invalidField('body.rectificationDueOn', '整改期限', '整改期限应晚于今天');
      // the comment is the further request; the earlier reply stays until the institution answers again
      await repo.update(trx, id, { status: to, rectification_request: input.comment, rectification_due_on: input.rectificationDueOn });
      await this.record(trx, actor, meta, row, 'inspections.reopen', to, { previousRequest: row.rectification_request });
    });
    return this.get(actor, id);
  }

  /** The next status, or CONFLICT with the Chinese reason (stale version or a refused move). */
  private move(row: InspectionRow, command: InspectionCommand, version: number, conclusion?: 'passed' | 'rectify'): InspectionStatus {
    const to = nextInspectionStatus(row.status, command, conclusion);
    if (to === null) throw new AppError('CONFLICT', refusedInspectionMessage(row.status, command));
    if (row.version !== version) throw new AppError('CONFLICT', '该检查记录已被他人修改，请刷新后重试');
    return to;
  }

  /** Files the actor uploaded, of the accepted types (sniffed from their content when uploaded). */
  private async attach(
    trx: Transaction<Tables>,
    actor: Actor,
    ids: readonly string[],
    field: string,
    label: string,
    accept: readonly string[],
    wrongType: string,
  ): Promise<AttachedFile[]> {
    const files = await ownUploads(trx, actor.userId, ids, field, label);
    const wrong = files.find((f) => !accept.includes(f.mediaType));
    if (wrong)
      throw new AppError('UNSUPPORTED_FILE', `${wrongType}（“${wrong.name}”不是）`, { issues: [fieldIssue(field, label, wrongType)] });
    const max = this.options.photoMaxBytes;
    const large = files.find((f) => f.size > max);
    if (large) {
      const message = `每个文件不能超过 ${Math.floor(max / 1024 / 1024)} MB（“${large.name}”超过了）`;
      throw new AppError('PAYLOAD_TOO_LARGE', message, { issues: [fieldIssue(field, label, message)] });
    }
    return files.map(({ fileId, name }) => ({ fileId, name }));
  }

  private async record(
    trx: Transaction<Tables>,
    actor: Actor,
    meta: RequestMeta,
    row: InspectionRow,
    action: string,
    to: InspectionStatus,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.append(
      trx,
      actorEvent(actor, meta, {
        action,
        outcome: 'success',
        regionCode: row.county_code,
        targetType: 'inspection',
        targetId: row.id,
        details: { classId: row.class_id, from: row.status, to, ...details },
      }),
    );
  }
}
