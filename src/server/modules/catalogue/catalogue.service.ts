import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/catalogue-contracts';
import type { ProgrammeDetail, ProgrammeSummary, PublicProgramme } from '../../../shared/contracts/catalogue-contracts';
import {
  canRetire,
  canRevise,
  canSubmit,
  catalogueMaintainerLevels,
  checkProgrammeContent,
  isEditable,
  notEditableMessage,
  programmeStatusLabels,
  type ProgrammeStatus,
} from '../../../shared/domain/catalogue-codes';
import type { DisabilityCategory } from '../../../shared/domain/disability';
import { todayInChina } from '../../../shared/domain/person-validation';
import type { AccommodationNeed } from '../../../shared/domain/person-codes';
import type { BrandTag } from '../../../shared/domain/catalogue-codes';
import { AppError, invalidField } from '../../../shared/errors';
import { type Db, uniqueViolation } from '../../db/database';
import type { Tables } from '../../db/tables';
import { type Actor, assertInScope, inScope, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { NoticeSubjectHandlers, NoticesService } from '../notices/notices.service';
import type { RegionsService } from '../regions/regions.service';
import { catalogueRepository as repo, type ProgrammeColumns, type ProgrammeFilter, type ProgrammeRow } from './catalogue.repository';

type ListQuery = z.output<typeof contracts.programmeListQuery>;
type PublicQuery = z.output<NonNullable<(typeof contracts.listPublicCatalogue)['query']>>;
type ProgrammeInput = z.output<typeof contracts.programmeInput>;
type ProgrammeUpdate = z.output<typeof contracts.programmeUpdateInput>;

const contentLabels: Record<string, string> = { skillLevel: '技能等级' };

/** Sorted and without repeats, so two versions with the same choices compare equal. */
function codes<T extends string>(values: readonly T[]): T[] {
  return [...new Set(values)].sort();
}

function contentColumns(
  input: Omit<ProgrammeInput, 'programmeCode'>,
): Omit<ProgrammeColumns, 'programme_code' | 'edition' | 'region_code' | 'based_on_id'> {
  return {
    name: input.name,
    occupation: input.occupation,
    skill: input.skill || null,
    training_type: input.trainingType,
    hours: input.hours,
    skill_level: input.skillLevel,
    target_categories: codes(input.targetCategories),
    accommodations: codes(input.accommodations),
    subsidy_standard_ref: input.subsidyStandardRef || null,
    brands: codes(input.brands),
    description: input.description || null,
  };
}

/**
 * The training catalogue (培训目录清单). Each programme is a chain of versions sharing one code:
 * a version is written as a draft, goes on public notice, and takes effect when the period ends
 * clean, superseding the version in force. Province staff maintain the catalogue, cities may add
 * local programmes; everyone signed in reads it, and the public reads the versions in force.
 */
export class CatalogueService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly regions: RegionsService,
    private readonly notices: NoticesService,
  ) {}

  /** What the notice service calls when a programme's notice settles (registered in app.ts). */
  noticeHandlers(): NoticeSubjectHandlers {
    return {
      onEffective: (trx, id) => this.takeEffect(trx, id),
      onRefused: (trx, id, reason) => this.refuse(trx, id, reason),
      onWithdrawn: (trx, id, reason) => this.backToDraft(trx, id, reason),
    };
  }

  private event(actor: Actor, meta: RequestMeta, row: ProgrammeRow, action: string, details: Record<string, unknown> = {}): AuditEvent {
    return actorEvent(actor, meta, {
      action,
      outcome: 'success',
      regionCode: row.region_code,
      targetType: 'catalogue_programme',
      targetId: row.id,
      details: { programmeCode: row.programme_code, edition: row.edition, ...details },
    });
  }

  private systemEvent(row: ProgrammeRow, action: string, details: Record<string, unknown>): AuditEvent {
    return {
      action,
      outcome: 'success',
      actorName: 'system',
      regionCode: row.region_code,
      targetType: 'catalogue_programme',
      targetId: row.id,
      details: { programmeCode: row.programme_code, edition: row.edition, ...details },
    };
  }

  private regionName(code: string): string {
    return this.regions.get(code)?.name ?? code;
  }

  private toSummary(row: ProgrammeRow): ProgrammeSummary {
    return {
      id: row.id,
      programmeCode: row.programme_code,
      edition: row.edition,
      regionCode: row.region_code,
      regionName: this.regionName(row.region_code),
      name: row.name,
      occupation: row.occupation,
      skill: row.skill,
      trainingType: row.training_type,
      hours: row.hours,
      skillLevel: row.skill_level,
      targetCategories: row.target_categories as DisabilityCategory[],
      accommodations: row.accommodations as AccommodationNeed[],
      subsidyStandardRef: row.subsidy_standard_ref,
      brands: row.brands as BrandTag[],
      description: row.description,
      status: row.status,
      effectiveFrom: row.effective_from,
      effectiveTo: row.effective_to,
      updatedAt: row.updated_at.toISOString(),
    };
  }

  private async detail(db: Db | Transaction<Tables>, actor: Actor, row: ProgrammeRow): Promise<ProgrammeDetail> {
    const chain = await repo.chain(db, row.programme_code);
    const notice = row.notice_id ? await repo.notice(db, row.notice_id) : undefined;
    return {
      ...this.toSummary(row),
      basedOnId: row.based_on_id,
      notice: notice
        ? { id: notice.id, status: notice.status, startsAt: notice.starts_at.toISOString(), endsAt: notice.ends_at.toISOString() }
        : null,
      refusalReason: row.refusal_reason,
      retiredReason: row.retired_reason,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      writable: this.maintains(actor, row.region_code),
      history: chain.map((v) => ({
        id: v.id,
        edition: v.edition,
        status: v.status,
        effectiveFrom: v.effective_from,
        effectiveTo: v.effective_to,
        updatedAt: v.updated_at.toISOString(),
      })),
    };
  }

  /** Whether the actor's federation maintains programmes of this region. */
  private maintains(actor: Actor, regionCode: string): boolean {
    return actor.kind === 'staff' && inScope(actor.scope, regionCode);
  }

  private assertMaintains(actor: Actor, regionCode: string): void {
    if (!this.maintains(actor, regionCode)) throw new AppError('OUT_OF_SCOPE', '该目录项目由其他地区残联维护，本账号只能查阅');
  }

  /** A version the actor may read: drafts and refused versions only inside the maintainer's scope. */
  private async readable(db: Db | Transaction<Tables>, actor: Actor, id: string, lock = false): Promise<ProgrammeRow> {
    const row = await repo.findById(db, id, lock);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.status === 'draft' || row.status === 'refused') assertInScope(actor.scope, row.region_code);
    return row;
  }

  private async writable(trx: Transaction<Tables>, actor: Actor, id: string): Promise<ProgrammeRow> {
    const row = await this.readable(trx, actor, id, true);
    this.assertMaintains(actor, row.region_code);
    return row;
  }

  private checkContent(input: Omit<ProgrammeInput, 'programmeCode'>): void {
    const [issue] = checkProgrammeContent(input);
    if (issue) throw invalidField(`body.${issue.field}`, contentLabels[issue.field] ?? issue.field, issue.message);
  }

  // -------------------------------------------------------------------------------------------
  // reading

  async list(actor: Actor, query: ListQuery) {
    const statuses: ProgrammeStatus[] | null =
      query.status === 'all' ? null : query.status === 'current' ? ['draft', 'on_notice', 'active', 'retired', 'refused'] : [query.status];
    const filter: ProgrammeFilter = {
      statuses,
      privateRegionCodes: scopeCodes(actor.scope),
      q: query.q || undefined,
      trainingType: query.trainingType,
      brand: query.brand,
      disabilityCategory: query.disabilityCategory,
    };
    const { rows, total } = await repo.page(this.db, filter, query.pageSize, (query.page - 1) * query.pageSize);
    return { items: rows.map((row) => this.toSummary(row)), total, page: query.page, pageSize: query.pageSize };
  }

  async listPublic(query: PublicQuery): Promise<{ items: PublicProgramme[]; total: number; page: number; pageSize: number }> {
    const filter: ProgrammeFilter = {
      statuses: ['active'],
      privateRegionCodes: null,
      q: query.q || undefined,
      trainingType: query.trainingType,
      brand: query.brand,
      disabilityCategory: query.disabilityCategory,
    };
    const { rows, total } = await repo.page(this.db, filter, query.pageSize, (query.page - 1) * query.pageSize);
    const items = rows.map((row) => {
      const { id: _id, status: _status, effectiveTo: _to, updatedAt: _at, regionCode: _code, ...open } = this.toSummary(row);
      return open;
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<ProgrammeDetail> {
    const row = await this.readable(this.db, actor, id);
    return this.detail(this.db, actor, row);
  }

  // -------------------------------------------------------------------------------------------
  // writing

  /** A new programme: its first version, a draft of the actor's own federation. */
  async create(actor: Actor, input: ProgrammeInput, meta: RequestMeta): Promise<ProgrammeDetail> {
    const level = this.regions.get(actor.regionCode)?.level;
    if (actor.kind !== 'staff' || !level || !(catalogueMaintainerLevels as readonly string[]).includes(level)) {
      throw new AppError('OUT_OF_SCOPE', '培训目录由省、市州残联维护，本账号只能查阅');
    }
    this.checkContent(input);
    const codeTaken = () => invalidField('body.programmeCode', '项目编码', `项目编码 ${input.programmeCode} 已被使用，请换一个编码`);
    if (await repo.codeInUse(this.db, input.programmeCode)) throw codeTaken();
    try {
      return await this.db.transaction().execute(async (trx) => {
        const row = await repo.insert(
          trx,
          { ...contentColumns(input), programme_code: input.programmeCode, edition: 1, region_code: actor.regionCode, based_on_id: null },
          actor.userId,
        );
        await this.audit.append(trx, this.event(actor, meta, row, 'catalogue.create'));
        return this.detail(trx, actor, row);
      });
    } catch (error) {
      if (uniqueViolation(error) !== null) throw codeTaken();
      throw error;
    }
  }

  async update(actor: Actor, id: string, input: ProgrammeUpdate, meta: RequestMeta): Promise<ProgrammeDetail> {
    this.checkContent(input);
    return this.db.transaction().execute(async (trx) => {
      const current = await this.writable(trx, actor, id);
      if (!isEditable(current.status)) throw new AppError('CONFLICT', notEditableMessage(current.status));
      const row = await repo.updateDraft(trx, id, input.version, contentColumns(input), actor.userId);
      if (!row) throw new AppError('CONFLICT', '该草稿已被他人修改，请刷新后重新填写');
      await this.audit.append(trx, this.event(actor, meta, row, 'catalogue.update'));
      return this.detail(trx, actor, row);
    });
  }

  /** A new draft version copied from a settled one; it replaces the version in force once it takes effect. */
  async revise(actor: Actor, id: string, meta: RequestMeta): Promise<ProgrammeDetail> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const from = await this.writable(trx, actor, id);
        const chain = await repo.chain(trx, from.programme_code);
        const open = chain.find((v) => v.status === 'draft' || v.status === 'on_notice');
        if (open) throw new AppError('CONFLICT', `该项目已有第 ${open.edition} 版${programmeStatusLabels[open.status]}，请在该版本上继续`);
        if (chain[0]!.id !== from.id || !canRevise(from.status)) {
          throw new AppError('CONFLICT', `只能从最新的现行、已停用或公示未通过的版本修订（本版本${programmeStatusLabels[from.status]}）`);
        }
        const row = await repo.insert(
          trx,
          {
            programme_code: from.programme_code,
            edition: chain[0]!.edition + 1,
            region_code: from.region_code,
            based_on_id: from.id,
            name: from.name,
            occupation: from.occupation,
            skill: from.skill,
            training_type: from.training_type,
            hours: from.hours,
            skill_level: from.skill_level,
            target_categories: from.target_categories,
            accommodations: from.accommodations,
            subsidy_standard_ref: from.subsidy_standard_ref,
            brands: from.brands,
            description: from.description,
          },
          actor.userId,
        );
        await this.audit.append(trx, this.event(actor, meta, row, 'catalogue.revise', { basedOnId: from.id }));
        return this.detail(trx, actor, row);
      });
    } catch (error) {
      if (uniqueViolation(error) !== null) throw new AppError('CONFLICT', '该项目刚刚已由他人修订出新版本，请刷新后查看');
      throw error;
    }
  }

  /** Puts a draft on public notice (公示); it takes effect when the period ends without an upheld objection. */
  async submit(actor: Actor, id: string, meta: RequestMeta): Promise<ProgrammeDetail> {
    return this.db.transaction().execute(async (trx) => {
      const current = await this.writable(trx, actor, id);
      if (!canSubmit(current.status))
        throw new AppError('CONFLICT', `该版本${programmeStatusLabels[current.status]}，只有草稿可以提交公示`);
      const { noticeId, endsAt } = await this.notices.open(
        trx,
        {
          kind: 'programme',
          id: current.id,
          regionCode: current.region_code,
          title: `培训目录项目：${current.name}（${current.programme_code} 第 ${current.edition} 版）`,
          summary: this.noticeSummary(current),
        },
        actor.userId,
      );
      const row = await repo.setState(trx, current.id, { status: 'on_notice', notice_id: noticeId, refusal_reason: null }, actor.userId);
      await this.audit.append(trx, this.event(actor, meta, row, 'catalogue.submit', { noticeId, endsAt: endsAt.toISOString() }));
      return this.detail(trx, actor, row);
    });
  }

  /** What the public notice says: the content, no names of staff. */
  private noticeSummary(row: ProgrammeRow): string {
    const parts = [
      `职业（工种）：${row.occupation}${row.skill ? ` / ${row.skill}` : ''}`,
      `培训学时：${row.hours}`,
      `维护单位：${this.regionName(row.region_code)}残联`,
      row.edition > 1 ? `本版生效后替代该项目的现行版本` : `新增项目`,
    ];
    return parts.join('；');
  }

  async retire(actor: Actor, id: string, reason: string, meta: RequestMeta): Promise<ProgrammeDetail> {
    return this.db.transaction().execute(async (trx) => {
      const current = await this.writable(trx, actor, id);
      if (!canRetire(current.status))
        throw new AppError('CONFLICT', `该版本${programmeStatusLabels[current.status]}，只有现行版本可以停用`);
      const row = await repo.setState(
        trx,
        current.id,
        { status: 'retired', effective_to: todayInChina(), retired_reason: reason },
        actor.userId,
      );
      await this.audit.append(trx, this.event(actor, meta, row, 'catalogue.retire', { reason }));
      return this.detail(trx, actor, row);
    });
  }

  // -------------------------------------------------------------------------------------------
  // notice outcomes: inside the transaction that settles the notice

  /**
   * The version takes effect today; the version in force until now ends today (effective_to is
   * the day the next version took its place). It stays in the chain as history.
   */
  private async takeEffect(trx: Transaction<Tables>, id: string): Promise<void> {
    const row = await repo.findById(trx, id, true);
    if (!row || row.status !== 'on_notice') return;
    const today = todayInChina(this.notices.now());
    const previous = (await repo.chain(trx, row.programme_code)).find((v) => v.status === 'active');
    if (previous) {
      await repo.setState(trx, previous.id, { status: 'superseded', effective_to: today }, null);
      await this.audit.append(trx, this.systemEvent(previous, 'catalogue.supersede', { supersededBy: row.id }));
    }
    await repo.setState(trx, row.id, { status: 'active', effective_from: today, effective_to: null }, null);
    await this.audit.append(
      trx,
      this.systemEvent(row, 'catalogue.effective', { noticeId: row.notice_id, supersededId: previous?.id ?? null }),
    );
  }

  private async refuse(trx: Transaction<Tables>, id: string, reason: string): Promise<void> {
    const row = await repo.findById(trx, id, true);
    if (!row || row.status !== 'on_notice') return;
    await repo.setState(trx, row.id, { status: 'refused', refusal_reason: reason }, null);
    await this.audit.append(trx, this.systemEvent(row, 'catalogue.refuse', { noticeId: row.notice_id, reason }));
  }

  /** A withdrawn notice hands the version back as a draft, to be corrected and submitted again. */
  private async backToDraft(trx: Transaction<Tables>, id: string, reason: string): Promise<void> {
    const row = await repo.findById(trx, id, true);
    if (!row || row.status !== 'on_notice') return;
    await repo.setState(trx, row.id, { status: 'draft', notice_id: null }, null);
    await this.audit.append(trx, this.systemEvent(row, 'catalogue.notice_withdrawn', { noticeId: row.notice_id, reason }));
  }
}
