import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/class-records-contracts';
import { addMonths } from '../../../shared/domain/class-codes';
import type { ClassStatus } from '../../../shared/domain/class-status';
import { CLASS_RECORD_RETENTION_YEARS, type ClassRecordKind } from '../../../shared/domain/inspection-status';
import { can } from '../../../shared/domain/permissions';
import { todayInChina } from '../../../shared/domain/person-validation';
import { AppError, fieldIssue, invalidField } from '../../../shared/errors';
import type { Db } from '../../db/database';
import type { Tables } from '../../db/tables';
import type { Actor } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import { type ClassAccess, classForActor, requireInstitution } from '../classes/class-access';
import { type ClassRecordRow, classRecordsRepository as repo } from './class-records.repository';
import { fileOwner } from '../../platform/file-store';

type AddInput = z.output<typeof contracts.addRecordInput>;
type VideoInput = z.output<typeof contracts.addVideoInput>;
type RecordView = z.infer<typeof contracts.classRecord>;

export interface ClassRecordsOptions {
  /** "now" (tests fix it) */
  clock?: () => Date;
}

/** A class keeps records from its approval on; before that there is nothing to keep, after cancelling nothing new. */
const recordingStatuses: readonly ClassStatus[] = [
  'approved',
  'running',
  'completion_submitted',
  'completion_returned',
  'completion_approved',
];
const photoTypes = ['image/jpeg', 'image/png'];
const documentTypes = ['application/pdf', 'image/jpeg', 'image/png'];

/** The PostgreSQL check-violation code the retention trigger raises. */
const CHECK_VIOLATION = '23514';

function keptMessage(retainUntil: string): string {
  return `台账资料须保存至 ${retainUntil}，到期前不能删除`;
}

/**
 * Class records (台账): documents, photos, sign-in sheets, exam papers and teaching-video metadata of
 * a class, written by its institution and kept at least five years (the plan's minimum). The server
 * sets the retention date; the database trigger refuses a delete before it, whoever asks.
 */
export class ClassRecordsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly options: ClassRecordsOptions = {},
  ) {}

  today(): string {
    return todayInChina(this.options.clock?.() ?? new Date());
  }

  /**
   * The plan's minimum: kept at least five years after the class ends, and never less than five years
   * from the day the record is filed (a record added late, or to a class that ended long ago, still
   * gets its full five years).
   */
  retainUntil(endsOn: string): string {
    const months = CLASS_RECORD_RETENTION_YEARS * 12;
    const fromEnd = addMonths(endsOn, months);
    const fromToday = addMonths(this.today(), months);
    return fromEnd > fromToday ? fromEnd : fromToday;
  }

  async list(actor: Actor, classId: string) {
    const access = await classForActor(this.db, actor, classId);
    const rows = await repo.forClass(this.db, classId);
    return {
      items: rows.map((r) => this.view(r, access, actor)),
      retentionYears: CLASS_RECORD_RETENTION_YEARS,
      mayWrite: this.mayWrite(access, actor),
    };
  }

  private mayWrite(access: ClassAccess, actor: Actor): boolean {
    return access.party === 'institution' && can(actor.roles, 'class_records.write') && recordingStatuses.includes(access.row.status);
  }

  private view(row: ClassRecordRow, access: ClassAccess, actor: Actor): RecordView {
    return {
      id: row.id,
      classId: row.class_id,
      recordKind: row.kind,
      title: row.title,
      file:
        row.file_id && row.file_name
          ? { fileId: row.file_id, name: row.file_name, mediaType: row.file_media_type ?? '', size: row.file_size ?? 0 }
          : null,
      video: row.video
        ? {
            durationSeconds: row.video.durationSeconds,
            location: row.video.location,
            sha256: row.video.sha256,
            recordedOn: row.video.recordedOn,
          }
        : null,
      retainUntil: row.retain_until,
      deletable: access.party === 'institution' && can(actor.roles, 'class_records.write') && row.retain_until <= this.today(),
      createdAt: row.created_at.toISOString(),
    };
  }

  private async writable(trx: Transaction<Tables>, actor: Actor, classId: string): Promise<ClassAccess> {
    const access = await classForActor(trx, actor, classId, { forUpdate: true });
    requireInstitution(access);
    if (!recordingStatuses.includes(access.row.status)) {
      throw new AppError('CONFLICT', '培训班获批后、结业前可以登记台账资料；当前状态不能登记');
    }
    return access;
  }

  async add(actor: Actor, classId: string, input: AddInput, meta: RequestMeta): Promise<RecordView> {
    return this.db.transaction().execute(async (trx) => {
      const access = await this.writable(trx, actor, classId);
      const file = await repo.ownFile(trx, actor.userId, input.fileId);
      if (!file) throw invalidField('body.fileId', '文件', '文件不存在，或不是本账号上传的文件，请重新上传');
      const accept = input.recordKind === 'photo' ? photoTypes : documentTypes;
      if (!accept.includes(file.media_type)) {
        const message = input.recordKind === 'photo' ? '照片只能是 JPG 或 PNG 图片' : '台账资料只能是 PDF、JPG 或 PNG 文件';
        throw new AppError('UNSUPPORTED_FILE', message, { issues: [fieldIssue('body.fileId', '文件', message)] });
      }
      return this.insert(trx, actor, meta, access, { kind: input.recordKind, title: input.recordTitle, file_id: file.id, video: null });
    });
  }

  async addVideo(actor: Actor, classId: string, input: VideoInput, meta: RequestMeta): Promise<RecordView> {
    if (input.videoRecordedOn > this.today()) throw invalidField('body.videoRecordedOn', '录制日期', '录制日期不能晚于今天');
    return this.db.transaction().execute(async (trx) => {
      const access = await this.writable(trx, actor, classId);
      const video = {
        durationSeconds: input.durationSeconds,
        location: input.storageLocation,
        sha256: input.sha256,
        recordedOn: input.videoRecordedOn,
      };
      return this.insert(trx, actor, meta, access, {
        kind: 'video',
        title: input.recordTitle,
        file_id: null,
        video: JSON.stringify(video),
      });
    });
  }

  private async insert(
    trx: Transaction<Tables>,
    actor: Actor,
    meta: RequestMeta,
    access: ClassAccess,
    values: { kind: ClassRecordKind; title: string; file_id: string | null; video: string | null },
  ): Promise<RecordView> {
    const retainUntil = this.retainUntil(access.row.ends_on);
    const id = await repo.insert(trx, {
      class_id: access.row.id,
      county_code: access.row.county_code,
      ...values,
      retain_until: retainUntil,
      created_by: actor.userId,
    });
    await this.audit.append(
      trx,
      actorEvent(actor, meta, {
        action: 'class_records.add',
        outcome: 'success',
        regionCode: access.row.county_code,
        targetType: 'class_record',
        targetId: id,
        details: { classId: access.row.id, kind: values.kind, retainUntil },
      }),
    );
    const row = (await repo.get(trx, access.row.id, id))!;
    return this.view(row, access, actor);
  }

  async remove(actor: Actor, classId: string, recordId: string, meta: RequestMeta): Promise<{ ok: true }> {
    await this.db.transaction().execute(async (trx) => {
      const access = await classForActor(trx, actor, classId, { forUpdate: true });
      requireInstitution(access);
      const row = await repo.get(trx, classId, recordId);
      if (!row) throw new AppError('NOT_FOUND', '台账资料不存在');
      if (row.retain_until > this.today()) throw new AppError('CONFLICT', keptMessage(row.retain_until));
      try {
        await repo.delete(trx, recordId);
      } catch (error) {
        // the trigger decides on the database's date: our clock may say the date has passed when it has not
        if ((error as { code?: unknown }).code === CHECK_VIOLATION) throw new AppError('CONFLICT', keptMessage(row.retain_until));
        throw error;
      }
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'class_records.delete',
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'class_record',
          targetId: row.id,
          details: { classId, kind: row.kind, retainUntil: row.retain_until },
        }),
      );
    });
    return { ok: true };
  }

  /** The uploader of a record's file, for the store to open. */
  async file(actor: Actor, classId: string, recordId: string): Promise<{ ownerId: string; fileId: string }> {
    await classForActor(this.db, actor, classId);
    const row = await repo.get(this.db, classId, recordId);
    const owner = row?.file_id ? await fileOwner(this.db, row.file_id) : undefined;
    if (!row?.file_id || !owner) throw new AppError('NOT_FOUND', '该台账资料没有可下载的文件');
    return { ownerId: owner, fileId: row.file_id };
  }
}
