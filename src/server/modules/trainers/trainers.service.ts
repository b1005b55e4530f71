import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/trainers-contracts';
import { checkIdNumber, normaliseIdInput } from '../../../shared/domain/identity-number';
import { maskIdNumber, maskPhone, spokenForMasked } from '../../../shared/domain/masking';
import { checkPersonName, checkPhone } from '../../../shared/domain/person-fields';
import { todayInChina } from '../../../shared/domain/person-validation';
import type { TrainerEngagement, TrainerSource } from '../../../shared/domain/trainer-codes';
import {
  currentDueDate,
  DEFAULT_DUE_SOON_DAYS,
  dueDateRange,
  mayTeach,
  type MayTeachAnswer,
  type RotationFact,
  rotationCycles,
  rotationStatus,
  stateForDueDate,
  type TeachingWaiver,
} from '../../../shared/domain/trainer-rotation';
import { AppError, type FieldIssue, fieldIssue, validationFailed } from '../../../shared/errors';
import { type Db, uniqueViolation } from '../../db/database';
import type { Tables } from '../../db/tables';
import { type Actor, assertInScope, inScope, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { PersonalDataCrypto } from '../../platform/personal-data-crypto';
import type { InstitutionsService } from '../institutions/institutions.service';
import type { PersonsService } from '../persons/persons.service';
import type { RegionsService } from '../regions/regions.service';
import {
  type TrainerListFilter,
  type TrainerRotationRow,
  type TrainerRow,
  trainersRepository,
  type TrainingBaseRow,
} from './trainers.repository';

type TrainerInput = z.output<typeof contracts.trainerInput>;
type TrainerUpdate = z.output<typeof contracts.trainerUpdateInput>;
type RotationInput = z.output<typeof contracts.rotationInput>;
type ListQuery = z.output<typeof contracts.trainerListQuery>;
type DueQuery = Omit<z.output<typeof contracts.rotationDueQuery>, 'page' | 'pageSize'> & { page?: number; pageSize?: number };
type Summary = z.output<typeof contracts.trainerSummary>;
type Detail = z.output<typeof contracts.trainerDetail>;

export interface TrainersOptions {
  /** how many days ahead of the due date a trainer counts as due soon (TRAINER_ROTATION_DUE_SOON_DAYS) */
  dueSoonDays: number;
  /** rows in one due-list export */
  exportMaxRows: number;
  /** the clock the rules read "today" from; tests fix it */
  clock: () => Date;
}

export const defaultTrainersOptions: TrainersOptions = {
  dueSoonDays: DEFAULT_DUE_SOON_DAYS,
  exportMaxRows: 50_000,
  clock: () => new Date(),
};

/** One row of the due/overdue export: masked, as the list shows it. */
export interface RotationDueExportRow {
  name: string;
  sex: 'male' | 'female';
  idNumber: string;
  countyName: string;
  sources: TrainerSource[];
  engagement: TrainerEngagement;
  institutionNames: string[];
  dueDate: string;
  state: Summary['rotation']['state'];
  daysUntilDue: number;
}

/** A nil uuid: an institution account not yet tied to an institution sees no trainer. */
const NO_INSTITUTION = '00000000-0000-0000-0000-000000000000';

const ID_TAKEN = '该身份证号已在师资库中登记';

/** Rotation records as the pure rules see them. */
function facts(rows: readonly Pick<TrainerRotationRow, 'completed_on' | 'result' | 'voided_at'>[]): RotationFact[] {
  return rows.map((r) => ({ completedOn: r.completed_on, result: r.result, voided: r.voided_at !== null }));
}

/**
 * The trainer pool (师资库): trainers with their sealed numbers, qualifications, institutions and
 * rotation training, the due/overdue lists, and the may-teach answer that classes will ask.
 * Staff see their region (by the trainer's county); an institution account sees the trainers
 * linked to its institution.
 */
export class TrainersService {
  private countyUnitCodes: ReadonlySet<string> | null = null;

  constructor(
    readonly db: Db,
    readonly audit: AuditTrail,
    readonly regions: RegionsService,
    readonly crypto: PersonalDataCrypto,
    readonly persons: PersonsService,
    readonly institutions: InstitutionsService,
    readonly options: TrainersOptions = defaultTrainersOptions,
  ) {}

  today(): string {
    return todayInChina(this.options.clock());
  }

  private regionName(code: string): string {
    return this.regions.get(code)?.name ?? code;
  }

  private isCountyUnit(code: string): boolean {
    this.countyUnitCodes ??= new Set(this.regions.countyUnits().map((r) => r.code));
    return this.countyUnitCodes.has(code);
  }

  // -------------------------------------------------------------------------------------------
  // scope

  /** The institution an institution account acts for; staff answer null. */
  private async linkedInstitution(actor: Actor): Promise<string | null> {
    if (actor.kind !== 'institution') return null;
    return (await this.institutions.institutionOfAccount(actor.userId))?.id ?? NO_INSTITUTION;
  }

  /** The counties a list covers: the actor's scope, narrowed to a region of it. */
  private countyFilter(actor: Actor, regionCode: string | undefined): string[] | null {
    if (!regionCode) return actor.kind === 'institution' ? null : scopeCodes(actor.scope);
    // an institution account lists its own institution's trainers, wherever they are
    return this.regions.listRegionCodes(regionCode, actor.kind === 'institution' ? undefined : actor.scope);
  }

  /** A trainer the actor may see: NOT_FOUND when there is none, OUT_OF_SCOPE outside the region or institution. */
  private async readable(executor: Db, actor: Actor, id: string, lock = false): Promise<TrainerRow> {
    const row = lock ? await trainersRepository.findByIdForUpdate(executor, id) : await trainersRepository.findById(executor, id);
    if (!row) throw new AppError('NOT_FOUND');
    const institution = await this.linkedInstitution(actor);
    if (institution !== null) {
      if (!(await trainersRepository.isLinkedTo(executor, id, institution))) throw new AppError('OUT_OF_SCOPE', '该师资不在本机构');
    } else {
      assertInScope(actor.scope, row.county_code);
    }
    return row;
  }

  // -------------------------------------------------------------------------------------------
  // views

  private summary(row: TrainerRow, institutionNames: string[], today: string, dueSoonDays = this.options.dueSoonDays): Summary {
    return {
      id: row.id,
      name: row.name,
      sex: row.sex,
      idNumber: { text: row.id_number_masked, spoken: spokenForMasked('idNumber', row.id_number_masked) },
      countyCode: row.county_code,
      countyName: this.regionName(row.county_code),
      sources: row.sources as TrainerSource[],
      engagement: row.engagement,
      occupations: row.occupations,
      institutionNames,
      status: row.status,
      joinedOn: row.joined_on,
      leftOn: row.left_on,
      rotation: stateForDueDate(row.rotation_due_on, today, dueSoonDays),
    };
  }

  private async summaries(rows: TrainerRow[], today: string, dueSoonDays?: number): Promise<Summary[]> {
    const names = await trainersRepository.currentInstitutionNames(
      this.db,
      rows.map((r) => r.id),
      today,
    );
    return rows.map((row) => this.summary(row, names.get(row.id) ?? [], today, dueSoonDays));
  }

  private async detail(row: TrainerRow): Promise<Detail> {
    const today = this.today();
    const [qualifications, institutions, rotations] = await Promise.all([
      trainersRepository.qualifications(this.db, row.id),
      trainersRepository.institutions(this.db, row.id),
      trainersRepository.rotations(this.db, row.id),
    ]);
    const current = institutions.filter((i) => i.to_on === null || i.to_on >= today).map((i) => i.institution_name);
    const trainer = { joinedOn: row.joined_on };
    const rotationFacts = facts(rotations);
    return {
      ...this.summary(row, current, today),
      rotation: rotationStatus(trainer, rotationFacts, today, this.options.dueSoonDays),
      birthDate: row.birth_date,
      phone: row.phone_masked ? { text: row.phone_masked, spoken: spokenForMasked('phone', row.phone_masked) } : null,
      personId: row.person_id,
      remarks: row.remarks,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      qualifications: qualifications.map((q) => ({
        id: q.id,
        kind: q.kind,
        title: q.title,
        serialNumber: q.number,
        level: q.level,
        occupation: q.occupation,
        issuer: q.issuer,
        issuedOn: q.issued_on,
        expiresOn: q.expires_on,
      })),
      institutions: institutions.map((i) => ({
        id: i.id,
        institutionId: i.institution_id,
        institutionName: i.institution_name,
        role: i.role,
        fromOn: i.from_on,
        toOn: i.to_on,
      })),
      rotations: rotations.map((r) => ({
        id: r.id,
        startedOn: r.started_on,
        completedOn: r.completed_on,
        hours: r.hours,
        baseId: r.base_id,
        providerName: r.base_name ?? r.provider_name ?? '',
        topic: r.topic,
        result: r.result,
        serialNumber: r.certificate_number,
        enteredAt: r.entered_at.toISOString(),
        enteredBy: r.entered_by_name,
        voidedAt: r.voided_at?.toISOString() ?? null,
        voidReason: r.void_reason,
        correctsId: r.corrects_id,
      })),
      cycles: rotationCycles(trainer, rotationFacts, today),
    };
  }

  // -------------------------------------------------------------------------------------------
  // reading

  async list(actor: Actor, query: ListQuery) {
    const today = this.today();
    const range = query.rotationState ? dueDateRange(query.rotationState, today, this.options.dueSoonDays) : {};
    const filter: TrainerListFilter = {
      countyCodes: this.countyFilter(actor, query.regionCode),
      linkedInstitutionId: (await this.linkedInstitution(actor)) ?? undefined,
      status: query.status,
      nameContains: query.q || undefined,
      source: query.source,
      occupation: query.occupation || undefined,
      institutionId: query.institutionId,
      dueFrom: range.from,
      dueTo: range.to,
      order: 'name',
    };
    const offset = (query.page - 1) * query.pageSize;
    const rows = await trainersRepository.listPage(this.db, filter, query.pageSize, offset);
    const total = rows.length > 0 ? Number(rows[0]!.total) : offset > 0 ? await trainersRepository.countOnly(this.db, filter) : 0;
    return { items: await this.summaries(rows, today), total, page: query.page, pageSize: query.pageSize };
  }

  /** The filter of the due/overdue list: active trainers whose due date falls in the asked range, soonest first. */
  private async dueFilter(actor: Actor, query: DueQuery, today: string, dueSoonDays: number): Promise<TrainerListFilter> {
    const overdue = dueDateRange('overdue', today, dueSoonDays);
    const soon = dueDateRange('due_soon', today, dueSoonDays);
    const range = query.rotationState === 'overdue' ? overdue : query.rotationState === 'due_soon' ? soon : { to: soon.to };
    return {
      countyCodes: this.countyFilter(actor, query.regionCode),
      linkedInstitutionId: (await this.linkedInstitution(actor)) ?? undefined,
      status: 'active',
      dueFrom: range.from,
      dueTo: range.to,
      order: 'due',
    };
  }

  async dueList(actor: Actor, query: DueQuery & { page: number; pageSize: number }) {
    const today = this.today();
    const dueSoonDays = query.dueSoonDays ?? this.options.dueSoonDays;
    const filter = await this.dueFilter(actor, query, today, dueSoonDays);
    const offset = (query.page - 1) * query.pageSize;
    const rows = await trainersRepository.listPage(this.db, filter, query.pageSize, offset);
    const total = rows.length > 0 ? Number(rows[0]!.total) : offset > 0 ? await trainersRepository.countOnly(this.db, filter) : 0;
    return {
      items: await this.summaries(rows, today, dueSoonDays),
      total,
      page: query.page,
      pageSize: query.pageSize,
      dueSoonDays,
      today,
    };
  }

  /** The due/overdue list as export rows (masked), audited with its row count and filters. */
  async dueExportRows(actor: Actor, query: DueQuery, meta: RequestMeta): Promise<RotationDueExportRow[]> {
    const today = this.today();
    const dueSoonDays = query.dueSoonDays ?? this.options.dueSoonDays;
    const filter = await this.dueFilter(actor, query, today, dueSoonDays);
    const max = this.options.exportMaxRows;
    const rows = await trainersRepository.listAll(this.db, filter, max + 1);
    if (rows.length > max) {
      throw new AppError('VALIDATION_FAILED', `名单超过单次导出上限 ${max.toLocaleString('zh-CN')} 条，请按区域缩小范围后分批导出`);
    }
    await this.audit.record(
      actorEvent(actor, meta, {
        action: 'trainers.export',
        outcome: 'success',
        regionCode: actor.scope.rootCode,
        details: { list: 'rotation_due', rows: rows.length, filters: { ...query } },
      }),
    );
    return (await this.summaries(rows, today, dueSoonDays)).map((s) => ({
      name: s.name,
      sex: s.sex,
      idNumber: s.idNumber.text,
      countyName: s.countyName,
      sources: s.sources,
      engagement: s.engagement,
      institutionNames: s.institutionNames,
      dueDate: s.rotation.dueDate,
      state: s.rotation.state,
      daysUntilDue: s.rotation.daysUntilDue,
    }));
  }

  async get(actor: Actor, id: string): Promise<Detail> {
    return this.detail(await this.readable(this.db, actor, id));
  }

  /** The full ID number or phone, for a stated reason, audited in the same transaction as the read. */
  async unmask(actor: Actor, id: string, field: 'idNumber' | 'phone', reason: string, meta: RequestMeta) {
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, actor, id);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'trainers.unmask',
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'trainer',
          targetId: row.id,
          details: { field, reason },
        }),
      );
      return row;
    });
    if (field === 'idNumber') return { value: this.crypto.open(row.id_number_sealed) };
    return { value: row.phone_sealed ? this.crypto.open(row.phone_sealed) : null };
  }

  // -------------------------------------------------------------------------------------------
  // may teach

  /**
   * May the trainer teach a subsidised class on `on`? For the classes module (no actor: the
   * class's own scope check comes first), with the waivers recorded for that class.
   */
  async mayTeach(trainerId: string, on: string, waivers: readonly TeachingWaiver[] = [], executor: Db = this.db): Promise<MayTeachAnswer> {
    const row = await trainersRepository.findById(executor, trainerId);
    if (!row) throw new AppError('NOT_FOUND', '师资不存在');
    const rotations = await trainersRepository.rotations(executor, trainerId);
    return mayTeach({ joinedOn: row.joined_on, leftOn: row.left_on }, facts(rotations), on, waivers);
  }

  /** The may-teach answer for a trainer the actor may see. */
  async checkMayTeach(actor: Actor, id: string, on: string) {
    await this.readable(this.db, actor, id);
    return { trainerId: id, on, ...(await this.mayTeach(id, on)) };
  }

  /** The answers for several trainers (a class's team), each checked for scope like one alone. */
  async checkMayTeachMany(actor: Actor, ids: readonly string[], on: string) {
    const items = [];
    for (const id of new Set(ids)) items.push(await this.checkMayTeach(actor, id, on));
    return { items };
  }

  /** Overdue active trainers in the actor's region, for the home page of those who record rotations. */
  async countOverdue(actor: Actor): Promise<number> {
    const range = dueDateRange('overdue', this.today(), this.options.dueSoonDays);
    return trainersRepository.countOnly(this.db, {
      countyCodes: scopeCodes(actor.scope),
      status: 'active',
      dueTo: range.to,
      order: 'due',
    });
  }

  // -------------------------------------------------------------------------------------------
  // writing

  /** The checks the contract cannot make: numbers, name, county, dates, linked records. */
  private async validate(
    actor: Actor,
    input: Omit<TrainerInput, 'idNumber' | 'phone'> & { idNumber?: string | undefined; phone?: string | null | undefined },
  ) {
    const today = this.today();
    const issues: FieldIssue[] = [];
    let id: Extract<ReturnType<typeof checkIdNumber>, { ok: true }> | null = null;
    if (input.idNumber !== undefined) {
      const checked = checkIdNumber(input.idNumber, { today });
      if (checked.ok) id = checked;
      else issues.push(fieldIssue('body.idNumber', '身份证号', checked.message));
    }
    const name = checkPersonName(input.name);
    if (!name.ok) issues.push(fieldIssue('body.name', '姓名', name.message));
    let phone: string | null | undefined = input.phone;
    if (input.phone) {
      const checked = checkPhone(input.phone);
      if (checked.ok) phone = checked.value;
      else issues.push(fieldIssue('body.phone', '手机号', checked.message));
    }
    if (!this.regions.get(input.countyCode) || !this.isCountyUnit(input.countyCode)) {
      issues.push(fieldIssue('body.countyCode', '登记县区', `${input.countyCode} 不是本省的县级区域`));
    }
    if (input.joinedOn > today) issues.push(fieldIssue('body.joinedOn', '入库日期', '入库日期不能晚于今天'));
    input.qualifications.forEach((q, i) => {
      if (q.issuedOn && q.issuedOn > today)
        issues.push(fieldIssue(`body.qualifications.${i}.issuedOn`, '发证日期', '发证日期不能晚于今天'));
      if (q.issuedOn && q.expiresOn && q.expiresOn < q.issuedOn) {
        issues.push(fieldIssue(`body.qualifications.${i}.expiresOn`, '有效期至', '有效期不能早于发证日期'));
      }
    });
    const institutionIds = [...new Set(input.institutions.map((i) => i.institutionId))];
    const known = new Map((await trainersRepository.institutionsByIds(this.db, institutionIds)).map((i) => [i.id, i]));
    input.institutions.forEach((link, i) => {
      const institution = known.get(link.institutionId);
      if (!institution) issues.push(fieldIssue(`body.institutions.${i}.institutionId`, '培训机构', '培训机构不存在'));
      if (link.toOn && link.toOn < link.fromOn)
        issues.push(fieldIssue(`body.institutions.${i}.toOn`, '截止日期', '截止日期不能早于起始日期'));
    });
    if (issues.length > 0) throw validationFailed(issues);
    assertInScope(actor.scope, input.countyCode);
    if (input.personId) {
      // the registry decides whether the actor may see that person (out of scope stays a denial, audited)
      try {
        await this.persons.get(actor, input.personId);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        throw validationFailed([fieldIssue('body.personId', '关联残疾人', '实名库中没有该残疾人')]);
      }
    }
    return { id, name: name.ok ? name.value : input.name, phone, occupations: [...new Set(input.occupations)] };
  }

  private async writeLists(
    trx: Transaction<Tables>,
    trainerId: string,
    countyCode: string,
    input: Pick<TrainerInput, 'qualifications' | 'institutions'>,
  ) {
    await trainersRepository.replaceQualifications(
      trx,
      trainerId,
      countyCode,
      input.qualifications.map((q) => ({
        kind: q.kind,
        title: q.title,
        number: q.serialNumber,
        level: q.level,
        occupation: q.occupation,
        issuer: q.issuer,
        issued_on: q.issuedOn,
        expires_on: q.expiresOn,
      })),
    );
    await trainersRepository.replaceInstitutions(
      trx,
      trainerId,
      countyCode,
      input.institutions.map((l) => ({ institution_id: l.institutionId, role: l.role, from_on: l.fromOn, to_on: l.toOn })),
    );
  }

  /** Runs the work; the unique index on the ID number becomes a 409 naming the field. */
  private async guardUnique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (uniqueViolation(error) === null) throw error;
      throw new AppError('CONFLICT', ID_TAKEN, { issues: [fieldIssue('body.idNumber', '身份证号', ID_TAKEN)] });
    }
  }

  async create(actor: Actor, input: TrainerInput, meta: RequestMeta): Promise<Detail> {
    const valid = await this.validate(actor, input);
    const id = valid.id!;
    const index = this.crypto.blindIndex(id.value);
    const trainerId = await this.guardUnique(() =>
      this.db.transaction().execute(async (trx) => {
        const holder = await trainersRepository.findByIdIndex(trx, index);
        if (holder) {
          throw new AppError('CONFLICT', ID_TAKEN, {
            ...(inScope(actor.scope, holder.county_code) && { trainerId: holder.id }),
            issues: [fieldIssue('body.idNumber', '身份证号', ID_TAKEN)],
          });
        }
        const row = await trainersRepository.insert(trx, {
          county_code: input.countyCode,
          name: valid.name,
          sex: id.sex,
          birth_date: id.birthDate,
          id_number_sealed: this.crypto.seal(id.value),
          id_number_index: index,
          id_number_masked: maskIdNumber(id.value).text,
          phone_sealed: valid.phone ? this.crypto.seal(valid.phone) : null,
          phone_masked: valid.phone ? maskPhone(valid.phone).text : null,
          person_id: input.personId,
          sources: input.sources,
          engagement: input.engagement,
          occupations: valid.occupations,
          joined_on: input.joinedOn,
          rotation_due_on: currentDueDate({ joinedOn: input.joinedOn }, []),
          remarks: input.remarks,
          created_by: actor.userId,
          updated_by: actor.userId,
        });
        await this.writeLists(trx, row.id, row.county_code, input);
        await this.audit.append(
          trx,
          actorEvent(actor, meta, {
            action: 'trainers.create',
            outcome: 'success',
            regionCode: row.county_code,
            targetType: 'trainer',
            targetId: row.id,
            details: { converted15: normaliseIdInput(input.idNumber).length === 15 },
          }),
        );
        return row.id;
      }),
    );
    return this.get(actor, trainerId);
  }

  /**
   * Changes a trainer if the version the form was loaded with is still current. Numbers left out
   * keep their sealed values; the audit row names the changed fields, never their values.
   */
  async update(actor: Actor, id: string, input: TrainerUpdate, meta: RequestMeta): Promise<Detail> {
    const today = this.today();
    const issues: FieldIssue[] = [];
    if (input.status === 'left' && !input.leftOn) issues.push(fieldIssue('body.leftOn', '退出日期', '退出师资库时请填写退出日期'));
    if (input.status === 'active' && input.leftOn) issues.push(fieldIssue('body.leftOn', '退出日期', '在库师资不填写退出日期'));
    if (input.leftOn && input.leftOn < input.joinedOn) issues.push(fieldIssue('body.leftOn', '退出日期', '退出日期不能早于入库日期'));
    if (input.leftOn && input.leftOn > today) issues.push(fieldIssue('body.leftOn', '退出日期', '退出日期不能晚于今天'));
    if (issues.length > 0) throw validationFailed(issues);
    const valid = await this.validate(actor, input);
    await this.guardUnique(() =>
      this.db.transaction().execute(async (trx) => {
        const current = await this.readable(trx, actor, id, true);
        if (current.version !== input.version) {
          throw new AppError('CONFLICT', '该记录已被他人修改，请刷新后再修改', { currentVersion: current.version });
        }
        const changes: Parameters<typeof trainersRepository.update>[3] = {};
        const fields: string[] = [];
        if (valid.id) {
          const index = this.crypto.blindIndex(valid.id.value);
          if (index !== current.id_number_index) {
            const holder = await trainersRepository.findByIdIndex(trx, index);
            if (holder) throw new AppError('CONFLICT', ID_TAKEN, { issues: [fieldIssue('body.idNumber', '身份证号', ID_TAKEN)] });
            Object.assign(changes, {
              id_number_sealed: this.crypto.seal(valid.id.value),
              id_number_index: index,
              id_number_masked: maskIdNumber(valid.id.value).text,
              sex: valid.id.sex,
              birth_date: valid.id.birthDate,
            });
            fields.push('idNumber');
          }
        }
        if (valid.phone !== undefined) {
          const stored = current.phone_sealed ? this.crypto.open(current.phone_sealed) : null;
          if ((valid.phone ?? null) !== stored) {
            changes.phone_sealed = valid.phone ? this.crypto.seal(valid.phone) : null;
            changes.phone_masked = valid.phone ? maskPhone(valid.phone).text : null;
            fields.push('phone');
          }
        }
        const plain = {
          name: [current.name, valid.name],
          countyCode: [current.county_code, input.countyCode],
          personId: [current.person_id, input.personId],
          sources: [current.sources.join(), input.sources.join()],
          engagement: [current.engagement, input.engagement],
          occupations: [current.occupations.join('\n'), valid.occupations.join('\n')],
          joinedOn: [current.joined_on, input.joinedOn],
          status: [current.status, input.status],
          leftOn: [current.left_on, input.leftOn],
          remarks: [current.remarks, input.remarks],
        } as const;
        for (const [field, [before, after]] of Object.entries(plain)) if (before !== after) fields.push(field);
        const rotations = await trainersRepository.rotations(trx, id);
        Object.assign(changes, {
          name: valid.name,
          county_code: input.countyCode,
          person_id: input.personId,
          sources: input.sources,
          engagement: input.engagement,
          occupations: valid.occupations,
          joined_on: input.joinedOn,
          status: input.status,
          left_on: input.leftOn,
          remarks: input.remarks,
          rotation_due_on: currentDueDate({ joinedOn: input.joinedOn }, facts(rotations)),
        });
        const updated = await trainersRepository.update(trx, id, current.version, changes, actor.userId);
        if (!updated) throw new Error('trainer row changed under a row lock');
        await this.writeLists(trx, id, input.countyCode, input);
        await this.audit.append(
          trx,
          actorEvent(actor, meta, {
            action: 'trainers.update',
            outcome: 'success',
            regionCode: input.countyCode,
            targetType: 'trainer',
            targetId: id,
            details: { fields: [...fields, 'qualifications', 'institutions'] },
          }),
        );
      }),
    );
    return this.get(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // rotation records

  private async validateRotation(executor: Db, input: RotationInput, field: string): Promise<void> {
    const today = this.today();
    const issues: FieldIssue[] = [];
    if (input.completedOn < input.startedOn) issues.push(fieldIssue(`${field}.completedOn`, '结业日期', '结业日期不能早于开始日期'));
    if (input.completedOn > today) issues.push(fieldIssue(`${field}.completedOn`, '结业日期', '结业日期不能晚于今天：轮训结束后再登记'));
    if (input.baseId === null && !input.providerName) {
      issues.push(fieldIssue(`${field}.providerName`, '培训举办单位', '未在省级师资研修基地参加的轮训，请填写培训举办单位'));
    }
    if (input.baseId !== null) {
      if (input.providerName) issues.push(fieldIssue(`${field}.providerName`, '培训举办单位', '在师资研修基地参加的轮训不另填举办单位'));
      const base = await trainersRepository.trainingBase(executor, input.baseId);
      if (!base) issues.push(fieldIssue(`${field}.baseId`, '师资研修基地', '师资研修基地不存在'));
      else if (base.designated_on > input.completedOn || (base.ended_on !== null && base.ended_on < input.startedOn)) {
        issues.push(
          fieldIssue(`${field}.baseId`, '师资研修基地', `该基地在 ${input.startedOn} 至 ${input.completedOn} 期间不是认定的师资研修基地`),
        );
      }
    }
    if (issues.length > 0) throw validationFailed(issues);
  }

  private rotationRow(trainer: TrainerRow, input: RotationInput, actor: Actor, correctsId: string | null) {
    return {
      trainer_id: trainer.id,
      county_code: trainer.county_code,
      started_on: input.startedOn,
      completed_on: input.completedOn,
      hours: input.hours,
      base_id: input.baseId,
      provider_name: input.baseId === null ? input.providerName : null,
      topic: input.topic,
      result: input.result,
      certificate_number: input.serialNumber,
      entered_by: actor.userId,
      corrects_id: correctsId,
    };
  }

  /** Keeps trainer.rotation_due_on in step with the records, inside the writing transaction. */
  private async refreshDueDate(trx: Transaction<Tables>, trainer: TrainerRow): Promise<string> {
    const dueOn = currentDueDate({ joinedOn: trainer.joined_on }, facts(await trainersRepository.rotations(trx, trainer.id)));
    await trainersRepository.setDueDate(trx, trainer.id, dueOn);
    return dueOn;
  }

  async addRotation(actor: Actor, id: string, input: RotationInput, meta: RequestMeta): Promise<Detail> {
    await this.validateRotation(this.db, input, 'body');
    await this.db.transaction().execute(async (trx) => {
      const trainer = await this.readable(trx, actor, id, true);
      const { id: rotationId } = await trainersRepository.insertRotation(trx, this.rotationRow(trainer, input, actor, null));
      const dueOn = await this.refreshDueDate(trx, trainer);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'trainers.rotation_add',
          outcome: 'success',
          regionCode: trainer.county_code,
          targetType: 'trainer',
          targetId: trainer.id,
          details: { rotationId, result: input.result, completedOn: input.completedOn, dueOn },
        }),
      );
    });
    return this.get(actor, id);
  }

  /** A record is never changed: it is voided with a reason, and the corrected record (if any) points to it. */
  async voidRotation(actor: Actor, id: string, rotationId: string, reason: string, correction: RotationInput | null, meta: RequestMeta) {
    if (correction) await this.validateRotation(this.db, correction, 'body.correction');
    await this.db.transaction().execute(async (trx) => {
      const trainer = await this.readable(trx, actor, id, true);
      const record = await trainersRepository.findRotationForUpdate(trx, rotationId);
      if (!record || record.trainer_id !== trainer.id) throw new AppError('NOT_FOUND', '轮训记录不存在');
      if (record.voided_at) throw new AppError('CONFLICT', '该轮训记录已作废');
      await trainersRepository.voidRotation(trx, rotationId, reason, actor.userId);
      const corrected = correction
        ? (await trainersRepository.insertRotation(trx, this.rotationRow(trainer, correction, actor, rotationId))).id
        : null;
      const dueOn = await this.refreshDueDate(trx, trainer);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'trainers.rotation_void',
          outcome: 'success',
          regionCode: trainer.county_code,
          targetType: 'trainer',
          targetId: trainer.id,
          details: { rotationId, reason, correctionId: corrected, dueOn },
        }),
      );
    });
    return this.get(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // the provincial trainer-training base and institution choices

  private baseView(row: TrainingBaseRow) {
    return {
      id: row.id,
      institutionId: row.institution_id,
      institutionName: row.institution_name,
      countyName: this.regionName(row.institution_county),
      designatedOn: row.designated_on,
      endedOn: row.ended_on,
      note: row.note,
    };
  }

  async trainingBases() {
    return { items: (await trainersRepository.trainingBases(this.db)).map((b) => this.baseView(b)) };
  }

  private assertProvinceStaff(actor: Actor): void {
    if (actor.kind !== 'staff' || actor.regionLevel !== 'province') {
      throw new AppError('OUT_OF_SCOPE', '省级师资研修基地由省残联认定');
    }
  }

  async designateBase(actor: Actor, input: { institutionId: string; designatedOn: string; note: string | null }, meta: RequestMeta) {
    this.assertProvinceStaff(actor);
    if (input.designatedOn > this.today()) throw validationFailed([fieldIssue('body.designatedOn', '认定日期', '认定日期不能晚于今天')]);
    const [institution] = await trainersRepository.institutionsByIds(this.db, [input.institutionId]);
    if (!institution || institution.status === 'closed') {
      throw validationFailed([fieldIssue('body.institutionId', '培训机构', '培训机构不存在或已关闭')]);
    }
    const id = await this.db.transaction().execute(async (trx) => {
      const existing = (await trainersRepository.trainingBases(trx)).find((b) => b.institution_id === input.institutionId && !b.ended_on);
      if (existing) throw new AppError('CONFLICT', '该机构已是现行的师资研修基地');
      const { id } = await trainersRepository.insertTrainingBase(trx, {
        institution_id: input.institutionId,
        region_code: this.regions.provinceCode,
        designated_on: input.designatedOn,
        note: input.note,
        designated_by: actor.userId,
      });
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'trainers.base_designate',
          outcome: 'success',
          regionCode: this.regions.provinceCode,
          targetType: 'trainer_training_base',
          targetId: id,
          details: { institutionId: input.institutionId },
        }),
      );
      return id;
    });
    return this.baseView((await trainersRepository.trainingBase(this.db, id))!);
  }

  async endBase(actor: Actor, id: string, input: { endedOn: string; reason: string }, meta: RequestMeta) {
    this.assertProvinceStaff(actor);
    const base = await trainersRepository.trainingBase(this.db, id);
    if (!base) throw new AppError('NOT_FOUND');
    if (base.ended_on) throw new AppError('CONFLICT', `该认定已于 ${base.ended_on} 终止`);
    if (input.endedOn < base.designated_on) throw validationFailed([fieldIssue('body.endedOn', '终止日期', '终止日期不能早于认定日期')]);
    await this.db.transaction().execute(async (trx) => {
      await trainersRepository.endTrainingBase(trx, id, input.endedOn);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'trainers.base_end',
          outcome: 'success',
          regionCode: this.regions.provinceCode,
          targetType: 'trainer_training_base',
          targetId: id,
          details: { reason: input.reason, endedOn: input.endedOn },
        }),
      );
    });
    return this.baseView((await trainersRepository.trainingBase(this.db, id))!);
  }

  /** Institutions to choose from: the actor's region (the province sees all), not closed. */
  async institutionOptions(actor: Actor, q: string | undefined) {
    const rows = await trainersRepository.institutionOptions(this.db, actor.kind === 'institution' ? [] : scopeCodes(actor.scope), q, 200);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, countyName: this.regionName(r.county_code) })) };
  }
}
