import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/subsidy-standards-contracts';
import { can } from '../../../shared/domain/permissions';
import { todayInChina } from '../../../shared/domain/person-validation';
import { regionLevelLabels } from '../../../shared/domain/regions';
import { standardCeilingFen, type StandardRule } from '../../../shared/domain/subsidy-codes';
import { AppError, invalidField } from '../../../shared/errors';
import type { Db } from '../../db/database';
import { type Actor, inScope } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { RegionsService } from '../regions/regions.service';
import { standardFor } from './standard-lookup';
import { type StandardRow, standardsRepository as repo } from './subsidy-standards.repository';

type ListQuery = z.output<typeof contracts.standardListQuery>;
type CreateInput = z.output<typeof contracts.standardInput>;
type ApplicableQuery = z.output<typeof contracts.applicableQuery>;
type View = z.infer<typeof contracts.standardView>;

export interface SubsidyStandardsOptions {
  /** "now" (tests fix it) */
  clock?: () => Date;
}

/**
 * Subsidy standards (补贴标准): the province's finance sets the defaults, a city's or county's
 * finance sets overrides for its own region. A standard is never edited: it is retired, or given
 * an end date, and a new one takes over. Every write is one transaction with its audit row.
 */
export class SubsidyStandardsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly regions: RegionsService,
    private readonly options: SubsidyStandardsOptions = {},
  ) {}

  today(): string {
    return todayInChina(this.options.clock?.() ?? new Date());
  }

  // -------------------------------------------------------------------------------------------
  // reading: the rates are policy, so every account with the read permission sees all of them

  async list(actor: Actor, query: ListQuery) {
    const { rows, total } = await repo.list(
      this.db,
      { regionCode: query.regionCode, trainingType: query.trainingType, status: query.status, on: query.on },
      query.page,
      query.pageSize,
    );
    return { items: rows.map((r) => this.view(r, actor)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<View> {
    const row = await repo.get(this.db, id);
    if (!row) throw new AppError('NOT_FOUND', '补贴标准不存在');
    return this.view(row, actor);
  }

  /** The standard a training gets (the same lookup claims use) and the claim ceilings it sets. */
  async applicable(actor: Actor, query: ApplicableQuery) {
    const county = this.regions.get(query.countyCode);
    if (!county) throw invalidField('querystring.countyCode', '县区', `区域代码 ${query.countyCode} 不存在`);
    if (county.level === 'province') throw invalidField('querystring.countyCode', '县区', '请选择县区或市州，而不是全省');
    const rule = await standardFor(this.db, this.regions, query);
    if (!rule) return { standard: null, ceilingFen: null };
    const row = await repo.get(this.db, rule.id);
    return {
      standard: this.view(row!, actor),
      ceilingFen: { assisted: standardCeilingFen(rule, true), notAssisted: standardCeilingFen(rule, false) },
    };
  }

  // -------------------------------------------------------------------------------------------
  // writing

  async create(actor: Actor, input: CreateInput, meta: RequestMeta): Promise<View> {
    const region = this.writableRegion(actor, input.regionCode);
    const id = await this.db.transaction().execute(async (trx) => {
      await repo.lockKey(trx, input.regionCode, input.trainingType);
      const clash = await repo.overlapping(trx, input, input.effectiveFrom, input.effectiveTo);
      if (clash.length > 0) {
        const c = clash[0]!;
        throw new AppError(
          'CONFLICT',
          `${region.name}已有同一培训类型、项目和等级的执行中标准（${c.effective_from} 至 ${c.effective_to ?? '长期'}），与开始执行日期 ${input.effectiveFrom}、停止执行日期 ${input.effectiveTo ?? '长期'} 重叠：请先停用原标准或为其设定停止执行日期`,
          { standardIds: clash.map((x) => x.id) },
        );
      }
      const standardId = await repo.insert(trx, {
        region_code: input.regionCode,
        training_type: input.trainingType,
        programme_code: input.programmeCode,
        skill_level: input.skillLevel,
        tuition_fen: input.tuitionFen,
        materials_fen: input.materialsFen,
        exam_fee_fen: input.examFeeFen,
        assisting_staff_fen: input.assistingStaffFen,
        effective_from: input.effectiveFrom,
        effective_to: input.effectiveTo,
        basis: input.basis,
        remarks: input.remarks,
        created_by: actor.userId,
      });
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'subsidy_standards.create',
          outcome: 'success',
          regionCode: input.regionCode,
          targetType: 'subsidy_standard',
          targetId: standardId,
          details: {
            level: region.level,
            trainingType: input.trainingType,
            programmeCode: input.programmeCode,
            skillLevel: input.skillLevel,
            tuitionFen: input.tuitionFen,
            materialsFen: input.materialsFen,
            examFeeFen: input.examFeeFen,
            assistingStaffFen: input.assistingStaffFen,
            effectiveFrom: input.effectiveFrom,
            effectiveTo: input.effectiveTo,
          },
        }),
      );
      return standardId;
    });
    return this.get(actor, id);
  }

  async retire(actor: Actor, id: string, reason: string, meta: RequestMeta): Promise<View> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.writableRow(trx, actor, id);
      if (row.status === 'retired') throw new AppError('CONFLICT', '该补贴标准已停用');
      await repo.retire(trx, id, actor.userId, reason);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'subsidy_standards.retire',
          outcome: 'success',
          regionCode: row.region_code,
          targetType: 'subsidy_standard',
          targetId: id,
          details: { reason },
        }),
      );
    });
    return this.get(actor, id);
  }

  /** Gives an active standard its last day; only the end date changes, never the amounts. */
  async end(actor: Actor, id: string, input: { effectiveTo: string; reason: string }, meta: RequestMeta): Promise<View> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.writableRow(trx, actor, id);
      if (row.status === 'retired') throw new AppError('CONFLICT', '该补贴标准已停用，不能再设定停止执行日期');
      if (input.effectiveTo < row.effective_from)
        throw invalidField('body.effectiveTo', '停止执行日期', `停止执行日期不能早于开始执行日期 ${row.effective_from}`);
      if (row.effective_to !== null && input.effectiveTo > row.effective_to)
        throw invalidField('body.effectiveTo', '停止执行日期', `只能提前停止执行，不能晚于原停止执行日期 ${row.effective_to}`);
      await repo.end(trx, id, input.effectiveTo);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'subsidy_standards.end',
          outcome: 'success',
          regionCode: row.region_code,
          targetType: 'subsidy_standard',
          targetId: id,
          details: { reason: input.reason, effectiveTo: input.effectiveTo, previousEffectiveTo: row.effective_to },
        }),
      );
    });
    return this.get(actor, id);
  }

  /**
   * The region a finance officer may set standards for: its own region or one in its scope. The
   * province's finance sets the defaults; a city or county cannot reach the province code, nor
   * another county's.
   */
  private writableRegion(actor: Actor, regionCode: string) {
    const region = this.regions.get(regionCode);
    if (!region) throw invalidField('body.regionCode', '所属区域', `区域代码 ${regionCode} 不存在`);
    if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', '补贴标准由残联财务人员制定');
    if (regionCode !== actor.regionCode && !inScope(actor.scope, regionCode)) {
      const message =
        region.level === 'province'
          ? '全省默认标准只能由省级财务人员制定；市州、县区财务人员只能为本区域制定调整标准'
          : `只能为本账号管辖的区域制定补贴标准，${region.name}（${regionLevelLabels[region.level]}）不在管辖范围内`;
      throw new AppError('OUT_OF_SCOPE', message);
    }
    return region;
  }

  private async writableRow(trx: Db, actor: Actor, id: string): Promise<StandardRow> {
    const row = await repo.get(trx, id, true);
    if (!row) throw new AppError('NOT_FOUND', '补贴标准不存在');
    this.writableRegion(actor, row.region_code);
    return row;
  }

  private mayWrite(actor: Actor, regionCode: string): boolean {
    return (
      actor.kind === 'staff' &&
      can(actor.roles, 'subsidy_standards.write') &&
      (regionCode === actor.regionCode || inScope(actor.scope, regionCode))
    );
  }

  private view(row: StandardRow, actor: Actor): View {
    const region = this.regions.get(row.region_code);
    const today = this.today();
    const rule: Pick<StandardRule, 'tuitionFen' | 'materialsFen' | 'examFeeFen' | 'assistingStaffFen'> = {
      tuitionFen: Number(row.tuition_fen),
      materialsFen: Number(row.materials_fen),
      examFeeFen: Number(row.exam_fee_fen),
      assistingStaffFen: Number(row.assisting_staff_fen),
    };
    return {
      id: row.id,
      regionCode: row.region_code,
      regionName: region?.name ?? row.region_code,
      regionLevel: region?.level ?? 'province',
      trainingType: row.training_type,
      programmeCode: row.programme_code,
      skillLevel: row.skill_level,
      ...rule,
      ceilingFen: standardCeilingFen(rule, false),
      assistedCeilingFen: standardCeilingFen(rule, true),
      effectiveFrom: row.effective_from,
      effectiveTo: row.effective_to,
      status: row.status,
      inForce: row.status === 'active' && row.effective_from <= today && (row.effective_to === null || row.effective_to >= today),
      basis: row.basis,
      remarks: row.remarks,
      createdAt: row.created_at.toISOString(),
      createdByName: row.created_by_name,
      retiredAt: row.retired_at?.toISOString() ?? null,
      retiredByName: row.retired_by_name,
      retiredReason: row.retired_reason,
      mayRetire: row.status === 'active' && this.mayWrite(actor, row.region_code),
    };
  }
}
