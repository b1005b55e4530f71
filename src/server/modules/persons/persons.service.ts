import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/persons-contracts';
import { checkCertificateNumber, type DisabilityCategory, type DisabilityLevel } from '../../../shared/domain/disability';
import { checkIdNumber, normaliseIdInput } from '../../../shared/domain/identity-number';
import { can } from '../../../shared/domain/permissions';
import type { AccommodationNeed, EducationLevel, Sex, TrainingType, UrbanRural } from '../../../shared/domain/person-codes';
import {
  ageOn,
  type StoredNumbers,
  todayInChina,
  type ValidatedPerson,
  type ValidatedUpdate,
  type ValidationContext,
  validatePerson,
  validatePersonUpdate,
  type WorkingAgeBounds,
} from '../../../shared/domain/person-validation';
import { AppError, type FieldIssue, fieldIssue, validationFailed } from '../../../shared/errors';
import { type Db, uniqueViolation } from '../../db/database';
import type { PersonRow, Tables } from '../../db/tables';
import { type Actor, assertInScope, inScope, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { PersonalDataCrypto } from '../../platform/personal-data-crypto';
import type { RegionsService } from '../regions/regions.service';
import { birthDateFilter, changedFields, type PersonView, toColumns, toDetail, toSummary, toUpdateColumns } from './person-record';
import { type PersonListFilter, personsRepository } from './persons.repository';

type ListQuery = z.output<typeof contracts.personListQuery>;
type PersonInput = z.output<typeof contracts.personInput>;
type UpdateInput = z.output<NonNullable<(typeof contracts.updatePerson)['body']>>;
type ConsentInput = z.output<NonNullable<(typeof contracts.addConsent)['body']>>;
type EmploymentInput = z.output<NonNullable<(typeof contracts.recordEmployment)['body']>>;
type ExportQuery = z.output<NonNullable<(typeof contracts.exportPersons)['query']>>;
type FilterQuery = Omit<ListQuery, 'page' | 'pageSize'>;

export interface PersonsOptions {
  workingAge: WorkingAgeBounds;
  /** rows in one export; a larger selection is refused with a message */
  exportMaxRows: number;
  /** a list counts exactly up to this many rows, beyond it the total is the planner's estimate */
  countCap: number;
}

export const defaultPersonsOptions: PersonsOptions = {
  workingAge: { min: 16, maxMale: 59, maxFemale: 54 },
  exportMaxRows: 200_000,
  countCap: 10_000,
};

/** One row of a registry export; the numbers are masked unless the export is a full one. */
export interface PersonExportRow {
  name: string;
  sex: Sex;
  birthDate: string;
  age: number;
  idNumber: string;
  certificateNumber: string | null;
  disabilityCategory: DisabilityCategory | null;
  disabilityLevel: DisabilityLevel | null;
  countyName: string;
  hukouName: string;
  urbanRural: UrbanRural | null;
  education: EducationLevel | null;
  employmentStatus: PersonRow['employment_status'];
  trainingWishes: TrainingType[];
  accommodations: AccommodationNeed[];
}

const EXPORT_BATCH = 1000;
const HOME_COUNT_TTL_MS = 5 * 60_000;

/** The certificate number sits on a record that was merged into this person. */
export const CERTIFICATE_HELD_BY_MERGED = '该残疾人证号登记在已并入本人的另一条记录上，请在保留的记录上核对残疾人证号';

export type UpsertStrategy = 'create_only' | 'create_and_update';

export type UpsertOutcome =
  | { kind: 'created'; person: PersonRow }
  | { kind: 'updated'; person: PersonRow; fields: string[] }
  | { kind: 'unchanged'; person: PersonRow }
  | { kind: 'refused'; field: 'idNumber' | 'certificateNumber' | 'countyCode'; message: string };

export interface UpsertSource {
  /** 'form', or `import:<jobId>:<row>` */
  source: string;
  changeKind: 'create' | 'import';
}

/** The real-name registry: one person per ID number, numbers sealed, every change recorded. */
export class PersonsService {
  constructor(
    readonly db: Db,
    readonly audit: AuditTrail,
    readonly regions: RegionsService,
    readonly crypto: PersonalDataCrypto,
    readonly options: PersonsOptions = defaultPersonsOptions,
  ) {}

  private countyUnitCodes: ReadonlySet<string> | null = null;
  private readonly homeDuplicateCounts = new Map<string, { at: number; count: number }>();

  private view(): PersonView {
    return { today: todayInChina(), workingAge: this.options.workingAge, regionName: (code) => this.regions.get(code)?.name ?? code };
  }

  /** The rules' context: today in China, the province's regions and county-level units. */
  validationContext(today: string = todayInChina()): ValidationContext {
    this.countyUnitCodes ??= new Set(this.regions.countyUnits().map((r) => r.code));
    const units = this.countyUnitCodes;
    return { today, regionExists: (code) => this.regions.get(code) !== undefined, isCountyUnit: (code) => units.has(code) };
  }

  /** The shared rules, with the issues named as body fields of the request. */
  private validate(input: PersonInput): ValidatedPerson {
    const result = validatePerson(input, this.validationContext());
    if (!result.ok) throw validationFailed(result.issues.map((i) => ({ ...i, field: `body.${i.field}` })));
    return result.value;
  }

  /** A change made through a form: its person_change row and its audit row, in the caller's transaction. */
  private async recordFormChange(
    trx: Transaction<Tables>,
    actor: Actor,
    meta: RequestMeta,
    person: PersonRow,
    change: { kind: 'consent' | 'employment'; fields: string[]; action: string; details: Record<string, unknown> },
  ): Promise<void> {
    await personsRepository.recordChange(trx, {
      personId: person.id,
      countyCode: person.county_code,
      kind: change.kind,
      fields: change.fields,
      actorId: actor.userId,
      actorName: actor.username,
      source: 'form',
    });
    await this.audit.append(
      trx,
      actorEvent(actor, meta, {
        action: change.action,
        outcome: 'success',
        regionCode: person.county_code,
        targetType: 'person',
        targetId: person.id,
        details: change.details,
      }),
    );
  }

  // -------------------------------------------------------------------------------------------
  // reading

  /**
   * The filter of a list or export: the actor's scope, narrowed to a region of it, ages as
   * birth-date ranges. Public for benchmarks: `personsRepository.listPageQuery(db, filter, …)`
   * compiles to the bare SQL of the same page.
   */
  listFilter(actor: Actor, query: FilterQuery): PersonListFilter {
    const countyCodes = query.regionCode ? this.regions.listRegionCodes(query.regionCode, actor.scope) : scopeCodes(actor.scope);
    if (query.ageMin !== undefined && query.ageMax !== undefined && query.ageMin > query.ageMax) {
      throw validationFailed([fieldIssue('query.ageMin', '最小年龄', '最小年龄不能大于最大年龄')]);
    }
    const workingAge = query.workingAge === undefined ? undefined : query.workingAge === 'true';
    return {
      countyCodes,
      nameContains: query.q || undefined,
      disabilityCategory: query.disabilityCategory,
      disabilityLevel: query.disabilityLevel,
      employmentStatus: query.employmentStatus,
      trainingWish: query.trainingWish,
      accommodation: query.accommodation,
      ...birthDateFilter({ ageMin: query.ageMin, ageMax: query.ageMax, workingAge }, todayInChina(), this.options.workingAge),
      sort: query.sort,
      order: query.order,
    };
  }

  /**
   * One page of the actor's persons, from the list indexes. The total costs as little as the
   * answer allows: a short page is its own count; otherwise the planner's estimate decides —
   * above `countCap` the estimate is the answer (`totalExact: false`, the page shows “约”),
   * below it an exact count that stops at `countCap` (an index-only scan for the usual filters).
   * So a province-wide page never counts a million rows.
   */
  async list(actor: Actor, query: ListQuery) {
    const filter = this.listFilter(actor, query);
    const offset = (query.page - 1) * query.pageSize;
    // the estimate is one planning round trip: asked beside the page (PostgreSQL runs both at once)
    const [rows, estimate] = await Promise.all([
      personsRepository.listPage(this.db, filter, query.pageSize, offset),
      personsRepository.estimate(this.db, filter),
    ]);
    const { total, totalExact } = await this.total(filter, offset, rows.length, query.pageSize, estimate);
    const view = this.view();
    return { items: rows.map((row) => toSummary(row, view)), total, totalExact, page: query.page, pageSize: query.pageSize };
  }

  private async total(
    filter: PersonListFilter,
    offset: number,
    rows: number,
    pageSize: number,
    estimate: number,
  ): Promise<{ total: number; totalExact: boolean }> {
    if (rows > 0 && rows < pageSize) return { total: offset + rows, totalExact: true };
    if (rows === 0 && offset === 0) return { total: 0, totalExact: true };
    const cap = this.options.countCap;
    if (estimate > cap) return { total: Math.max(estimate, offset + rows), totalExact: false };
    const counted = await personsRepository.countCapped(this.db, filter, cap);
    return counted <= cap ? { total: counted, totalExact: true } : { total: Math.max(counted, estimate), totalExact: false };
  }

  /**
   * Exact search by ID number (15 or 18 characters) or certificate number (20, or a legacy local
   * number), through the blind indexes. A merged record answers its survivor. A person outside
   * the scope answers null like an unknown number, and the refused lookup is audited.
   */
  async searchByNumber(actor: Actor, number: string, meta: RequestMeta) {
    const value = normaliseIdInput(number);
    const today = todayInChina();
    const refuse = (message: string) => validationFailed([fieldIssue('body.number', '证件号码', message)]);
    let found: PersonRow | undefined;
    let lookup: 'idNumber' | 'certificateNumber';
    if (value.length === 15 || value.length === 18) {
      const id = checkIdNumber(value, { today });
      if (!id.ok) throw refuse(id.message);
      lookup = 'idNumber';
      found = await personsRepository.findByIdIndex(this.db, this.crypto.blindIndex(id.value));
    } else {
      lookup = 'certificateNumber';
      const id = value.length === 20 ? checkIdNumber(value.slice(0, 18), { today }) : null;
      const certificate = id?.ok ? checkCertificateNumber(value, id.value) : null;
      if (certificate?.ok) found = await personsRepository.findByCertificateIndex(this.db, this.crypto.blindIndex(certificate.value));
      else {
        // a first-generation local certificate number is stored as typed (normalised)
        found = value.length >= 6 ? await personsRepository.findByCertificateIndex(this.db, this.crypto.blindIndex(value)) : undefined;
        if (!found || !found.certificate_legacy) {
          if (certificate && !certificate.ok) throw refuse(certificate.message);
          if (id && !id.ok) throw refuse(`残疾人证号前 18 位不是有效的身份证号：${id.message}`);
          throw refuse('请填写 15 位或 18 位身份证号，或 20 位残疾人证号');
        }
      }
    }
    let person = found;
    for (let hops = 0; person?.status === 'merged' && person.merged_into && hops < 32; hops++) {
      person = await personsRepository.findById(this.db, person.merged_into);
    }
    if (!person) return { person: null, mergedFrom: null };
    if (!inScope(actor.scope, person.county_code)) {
      await this.audit.record(
        actorEvent(actor, meta, {
          action: 'persons.read',
          outcome: 'denied',
          regionCode: actor.regionCode,
          targetType: 'person',
          targetId: person.id,
          details: { code: 'OUT_OF_SCOPE', lookup },
        }),
      );
      return { person: null, mergedFrom: null };
    }
    return { person: toSummary(person, this.view()), mergedFrom: found && found.id !== person.id ? found.id : null };
  }

  /** A row the actor may see: NOT_FOUND when there is none, OUT_OF_SCOPE (audited by the error handler) outside the scope. */
  private async readable(executor: Db, actor: Actor, id: string, lock = false): Promise<PersonRow> {
    const row = lock ? await personsRepository.findByIdForUpdate(executor, id) : await personsRepository.findById(executor, id);
    if (!row) throw new AppError('NOT_FOUND');
    assertInScope(actor.scope, row.county_code);
    return row;
  }

  private async writable(trx: Transaction<Tables>, actor: Actor, id: string): Promise<PersonRow> {
    const row = await this.readable(trx, actor, id, true);
    if (row.status !== 'active') {
      throw new AppError('CONFLICT', '该记录已合并到另一条记录，请在保留的记录上操作', { mergedInto: row.merged_into });
    }
    return row;
  }

  /** The detail view: masked numbers, and the history of the record and of every record merged into it. */
  async get(actor: Actor, id: string) {
    const row = await this.readable(this.db, actor, id);
    const family = await personsRepository.mergedFamily(this.db, id);
    const history = await personsRepository.history(this.db, id, family);
    return toDetail(row, history, this.view());
  }

  /** The full value of one protected field, for a stated reason, audited in the same transaction as the read. */
  async unmask(actor: Actor, id: string, field: 'idNumber' | 'certificateNumber' | 'phone', reason: string, meta: RequestMeta) {
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, actor, id);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'persons.unmask',
          outcome: 'success',
          regionCode: row.county_code,
          targetType: 'person',
          targetId: row.id,
          details: { field, reason },
        }),
      );
      return row;
    });
    if (field === 'idNumber') return { value: this.crypto.open(row.id_number_sealed) };
    if (field === 'certificateNumber') return { value: row.certificate_sealed ? this.crypto.open(row.certificate_sealed) : null };
    return { value: row.phone };
  }

  // -------------------------------------------------------------------------------------------
  // writing

  /** An upsert that did not go through, as the answer the form shows. */
  private refusal(outcome: Extract<UpsertOutcome, { kind: 'refused' }>): AppError {
    if (outcome.field === 'certificateNumber') {
      return new AppError('CONFLICT', outcome.message, { issues: [fieldIssue('body.certificateNumber', '残疾人证号', outcome.message)] });
    }
    return new AppError('OUT_OF_SCOPE', outcome.message);
  }

  /** A unique index that caught what the checks before it could not see (two requests at once). */
  private async collision(actor: Actor, constraint: string, idNumber: string | undefined): Promise<AppError> {
    if (constraint === 'person_certificate_index_key') {
      const message = '该残疾人证号已登记在另一人名下';
      return new AppError('CONFLICT', message, { issues: [fieldIssue('body.certificateNumber', '残疾人证号', message)] });
    }
    const holder = idNumber === undefined ? undefined : await personsRepository.findByIdIndex(this.db, this.crypto.blindIndex(idNumber));
    const message = '该身份证号已登记';
    return new AppError('CONFLICT', message, {
      ...(holder && inScope(actor.scope, holder.county_code) && { personId: holder.merged_into ?? holder.id }),
      issues: [fieldIssue('body.idNumber', '身份证号', message)],
    });
  }

  /** Runs the work; a unique-index violation becomes the 409 of the number it is about (`idNumber`: the number written, if any). */
  private async guardUnique<T>(actor: Actor, idNumber: () => string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === null) throw error;
      throw await this.collision(actor, constraint, idNumber());
    }
  }

  /** Registers a new person. An ID number already registered answers 409 with the person's id (when in scope). */
  async create(actor: Actor, input: PersonInput, meta: RequestMeta) {
    const person = this.validate(input);
    const id = await this.guardUnique(
      actor,
      () => person.idNumber,
      () =>
        this.db.transaction().execute(async (trx) => {
          const outcome = await this.upsert(trx, actor, person, 'create_only', { source: 'form', changeKind: 'create' });
          if (outcome.kind === 'refused') throw this.refusal(outcome);
          if (outcome.kind !== 'created') {
            const message = '该身份证号已登记';
            throw new AppError('CONFLICT', message, {
              personId: outcome.person.id,
              issues: [fieldIssue('body.idNumber', '身份证号', message)],
            });
          }
          await this.audit.append(
            trx,
            actorEvent(actor, meta, {
              action: 'persons.create',
              outcome: 'success',
              regionCode: outcome.person.county_code,
              targetType: 'person',
              targetId: outcome.person.id,
              details: { source: 'form', converted15: normaliseIdInput(input.idNumber).length === 15 },
            }),
          );
          return outcome.person.id;
        }),
    );
    return this.get(actor, id);
  }

  /**
   * Changes a person, if the version the form was loaded with is still the current one. A number
   * the update leaves out keeps its sealed value, blind index and mask (and what it derived);
   * nothing is unsealed for it. The ID number may be corrected, but never to one another person
   * holds, and a stored second-generation certificate number must then change with it. The
   * history and the audit row name the changed fields, never their values.
   */
  async update(actor: Actor, id: string, input: UpdateInput, meta: RequestMeta) {
    const { version, ...fields } = input;
    let newIdNumber: string | undefined;
    await this.guardUnique(
      actor,
      () => newIdNumber,
      () =>
        this.db.transaction().execute(async (trx) => {
          const current = await this.writable(trx, actor, id);
          if (current.version !== version) {
            throw new AppError('CONFLICT', '该记录已被他人修改，请刷新后再修改', { currentVersion: current.version });
          }
          const person = this.validateUpdate(fields, current);
          newIdNumber = person.idNumber;
          const changed = await this.applyUpdate(trx, actor, current, person);
          if (changed.length === 0) return;
          await this.audit.append(
            trx,
            actorEvent(actor, meta, {
              action: 'persons.update',
              outcome: 'success',
              regionCode: person.countyCode,
              targetType: 'person',
              targetId: id,
              details: { fields: changed },
            }),
          );
        }),
    );
    return this.get(actor, id);
  }

  /** The shared update rules against what the row shows of its numbers; the ID number is compared through its blind index. */
  private validateUpdate(input: Omit<UpdateInput, 'version'>, current: PersonRow): ValidatedUpdate {
    const stored: StoredNumbers = {
      idNumberMasked: current.id_number_masked,
      sex: current.sex,
      birthDate: current.birth_date,
      certificate: current.certificate_index === null ? 'none' : current.certificate_legacy ? 'legacy' : 'second_generation',
      disabilityCategory: current.disability_category,
      disabilityLevel: current.disability_level,
      isStoredIdNumber: (idNumber) => this.crypto.blindIndex(idNumber) === current.id_number_index,
    };
    const result = validatePersonUpdate(input, stored, this.validationContext());
    if (!result.ok) throw validationFailed(result.issues.map((i) => ({ ...i, field: `body.${i.field}` })));
    return result.value;
  }

  /** Writes a validated update to the locked row with its change record; answers the changed fields (none: nothing written). */
  private async applyUpdate(trx: Transaction<Tables>, actor: Actor, current: PersonRow, person: ValidatedUpdate): Promise<string[]> {
    if (!inScope(actor.scope, person.countyCode))
      throw new AppError('OUT_OF_SCOPE', `不能登记本账号管辖范围以外（${person.countyCode}）的人员`);
    const columns = toUpdateColumns(person, this.crypto);
    if (columns.id_number_index) {
      const holder = await personsRepository.findByIdIndex(trx, columns.id_number_index);
      if (holder) {
        const message = '该身份证号已登记在另一人名下';
        throw new AppError('CONFLICT', message, {
          ...(inScope(actor.scope, holder.county_code) && { personId: holder.merged_into ?? holder.id }),
          issues: [fieldIssue('body.idNumber', '身份证号', message)],
        });
      }
    }
    if (columns.certificate_index) {
      const holder = await personsRepository.findByCertificateIndex(trx, columns.certificate_index);
      // the unique index allows one holder: a merged record keeps its number as history
      if (holder && holder.id !== current.id) {
        const message = holder.merged_into === current.id ? CERTIFICATE_HELD_BY_MERGED : '该残疾人证号已登记在另一人名下';
        throw this.refusal({ kind: 'refused', field: 'certificateNumber', message });
      }
    }
    const fields = [...(columns.id_number_index ? ['idNumber'] : []), ...changedFields(current, columns)];
    if (fields.length === 0) return [];
    const changes = { ...columns };
    if (!fields.includes('certificateNumber')) {
      // the same number typed again: keep the stored ciphertext rather than re-seal it
      delete changes.certificate_sealed;
      delete changes.certificate_index;
      delete changes.certificate_masked;
    }
    const updated = await personsRepository.update(trx, current.id, current.version, changes, actor.userId);
    if (!updated) throw new Error('person row changed under a row lock');
    await personsRepository.recordChange(trx, {
      personId: updated.id,
      countyCode: updated.county_code,
      kind: 'update',
      fields,
      actorId: actor.userId,
      actorName: actor.username,
      source: 'form',
    });
    if (fields.includes('employmentStatus') || fields.includes('employmentForm')) {
      await personsRepository.recordEmployment(trx, {
        personId: updated.id,
        countyCode: updated.county_code,
        status: updated.employment_status,
        form: updated.employment_form,
        employerName: null,
        startedOn: null,
        actorId: actor.userId,
      });
    }
    return fields;
  }

  async addConsent(actor: Actor, id: string, input: ConsentInput, meta: RequestMeta) {
    if (input.givenOn > todayInChina()) throw validationFailed([fieldIssue('body.givenOn', '同意日期', '同意日期不能晚于今天')]);
    await this.db.transaction().execute(async (trx) => {
      const person = await this.writable(trx, actor, id);
      const consentId = await personsRepository.insertConsent(trx, {
        personId: id,
        countyCode: person.county_code,
        purpose: input.purpose,
        scope: input.scope,
        givenOn: input.givenOn,
        actorId: actor.userId,
      });
      await this.recordFormChange(trx, actor, meta, person, {
        kind: 'consent',
        fields: ['consents'],
        action: 'persons.consent',
        details: { consentId, purpose: input.purpose },
      });
    });
    return this.get(actor, id);
  }

  async withdrawConsent(actor: Actor, id: string, consentId: string, withdrawnOn: string, meta: RequestMeta) {
    if (withdrawnOn > todayInChina()) throw validationFailed([fieldIssue('body.withdrawnOn', '撤回日期', '撤回日期不能晚于今天')]);
    await this.db.transaction().execute(async (trx) => {
      const person = await this.writable(trx, actor, id);
      const consent = await personsRepository.findConsentForUpdate(trx, consentId);
      if (!consent || !(await personsRepository.mergedFamily(trx, id)).includes(consent.person_id)) throw new AppError('NOT_FOUND');
      if (consent.withdrawn_on) throw new AppError('CONFLICT', `该同意已于 ${consent.withdrawn_on} 撤回`);
      if (withdrawnOn < consent.given_on) throw validationFailed([fieldIssue('body.withdrawnOn', '撤回日期', '撤回日期不能早于同意日期')]);
      await personsRepository.withdrawConsent(trx, consentId, withdrawnOn);
      await this.recordFormChange(trx, actor, meta, person, {
        kind: 'consent',
        fields: ['consents'],
        action: 'persons.consent_withdraw',
        details: { consentId },
      });
    });
    return this.get(actor, id);
  }

  /** A change of employment: the person's status and form, and a history row with employer and start date. */
  async recordEmployment(actor: Actor, id: string, input: EmploymentInput, meta: RequestMeta) {
    if (input.employmentStatus === 'unemployed') {
      const issues: FieldIssue[] = [];
      if (input.employmentForm !== null) issues.push(fieldIssue('body.employmentForm', '就业形式', '未就业时不填写就业形式'));
      if (input.employerName) issues.push(fieldIssue('body.employerName', '就业单位', '未就业时不填写就业单位'));
      if (issues.length > 0) throw validationFailed(issues);
    }
    await this.db.transaction().execute(async (trx) => {
      const person = await this.writable(trx, actor, id);
      const fields: string[] = [];
      if (person.employment_status !== input.employmentStatus) fields.push('employmentStatus');
      if (person.employment_form !== input.employmentForm) fields.push('employmentForm');
      if (fields.length > 0) {
        const updated = await personsRepository.update(
          trx,
          id,
          person.version,
          { employment_status: input.employmentStatus, employment_form: input.employmentForm },
          actor.userId,
        );
        if (!updated) throw new Error('person row changed under a row lock');
      }
      await personsRepository.recordEmployment(trx, {
        personId: id,
        countyCode: person.county_code,
        status: input.employmentStatus,
        form: input.employmentForm,
        employerName: input.employerName,
        startedOn: input.startedOn,
        actorId: actor.userId,
      });
      await this.recordFormChange(trx, actor, meta, person, {
        kind: 'employment',
        fields: fields.length > 0 ? fields : ['employmentHistory'],
        action: 'persons.employment',
        details: { fields },
      });
    });
    return this.get(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // duplicates

  private duplicateScope(actor: Actor, regionCode: string | undefined): string[] | null {
    return regionCode ? this.regions.listRegionCodes(regionCode, actor.scope) : scopeCodes(actor.scope);
  }

  /** Possible duplicates in the scope, page by page, ordered by name. */
  async duplicates(actor: Actor, query: { page: number; pageSize: number; regionCode?: string | undefined }) {
    const codes = this.duplicateScope(actor, query.regionCode);
    const offset = (query.page - 1) * query.pageSize;
    const pairs = await personsRepository.duplicatePairs(this.db, codes, query.pageSize, offset);
    let total = Number(pairs[0]?.total ?? 0);
    if (pairs.length === 0 && offset > 0) total = Number((await personsRepository.duplicatePairs(this.db, codes, 1, 0))[0]?.total ?? 0);
    const rows = await personsRepository.summariesByIds(this.db, [...new Set(pairs.flatMap((p) => [p.a_id, p.b_id]))]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const view = this.view();
    const items = pairs.flatMap((p) => {
      const a = byId.get(p.a_id);
      const b = byId.get(p.b_id);
      return a && b ? [{ reason: p.reason, a: toSummary(a, view), b: toSummary(b, view) }] : [];
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Possible duplicates for the home page of a county-level account; null for a larger scope,
   * where the grouping is too heavy for every visit of the home page. Kept a few minutes per
   * county (a merge or a dismissal forgets it at once): a large county takes ~0.1 s to group.
   */
  async countDuplicatesForHome(actor: Actor): Promise<number | null> {
    if (actor.scope.codes === null || actor.scope.codes.size > 1) return null;
    const codes = [...actor.scope.codes];
    const key = codes.join(',');
    const cached = this.homeDuplicateCounts.get(key);
    if (cached && Date.now() - cached.at < HOME_COUNT_TTL_MS) return cached.count;
    const first = await personsRepository.duplicatePairs(this.db, codes, 1, 0);
    const count = Number(first[0]?.total ?? 0);
    this.homeDuplicateCounts.set(key, { at: Date.now(), count });
    return count;
  }

  /** Merges a duplicate into the survivor: the survivor keeps its data, the other points to it, history stays. */
  async merge(actor: Actor, input: { survivorId: string; mergedId: string; reason: string }, meta: RequestMeta) {
    if (input.survivorId === input.mergedId)
      throw validationFailed([fieldIssue('body.mergedId', '被合并记录', '不能把一条记录与它自己合并')]);
    await this.db.transaction().execute(async (trx) => {
      const rows = await personsRepository.findByIdsForUpdate(trx, [input.survivorId, input.mergedId]);
      const survivor = rows.find((r) => r.id === input.survivorId);
      const merged = rows.find((r) => r.id === input.mergedId);
      if (!survivor || !merged) throw new AppError('NOT_FOUND');
      assertInScope(actor.scope, survivor.county_code);
      assertInScope(actor.scope, merged.county_code);
      if (survivor.status !== 'active' || merged.status !== 'active')
        throw new AppError('CONFLICT', '只能合并两条有效记录：其中一条已被合并');
      if (!(await personsRepository.markMerged(trx, merged.id, merged.version, survivor.id, actor.userId))) {
        throw new Error('person row changed under a row lock');
      }
      const change = { fields: [], actorId: actor.userId, actorName: actor.username };
      await personsRepository.recordChange(trx, {
        ...change,
        personId: survivor.id,
        countyCode: survivor.county_code,
        kind: 'merge',
        source: `merge:${merged.id}`,
      });
      await personsRepository.recordChange(trx, {
        ...change,
        personId: merged.id,
        countyCode: merged.county_code,
        kind: 'merged_into',
        source: `merge:${survivor.id}`,
      });
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'persons.merge',
          outcome: 'success',
          regionCode: survivor.county_code,
          targetType: 'person',
          targetId: survivor.id,
          details: { mergedId: merged.id, reason: input.reason },
        }),
      );
    });
    this.homeDuplicateCounts.clear();
    return this.get(actor, input.survivorId);
  }

  /** Records that two possible duplicates are two people, so the pair leaves the list. */
  async dismissDuplicate(actor: Actor, input: { a: string; b: string }, meta: RequestMeta) {
    const [a, b] = [input.a.toLowerCase(), input.b.toLowerCase()].sort() as [string, string];
    if (a === b) throw validationFailed([fieldIssue('body.b', '编号', '请选择两条不同的记录')]);
    await this.db.transaction().execute(async (trx) => {
      const first = await this.readable(trx, actor, a);
      await this.readable(trx, actor, b);
      if (!(await personsRepository.dismissPair(trx, a, b, first.county_code, actor.userId))) return;
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'persons.dismiss_duplicate',
          outcome: 'success',
          regionCode: first.county_code,
          targetType: 'person',
          targetId: a,
          details: { otherId: b },
        }),
      );
    });
    this.homeDuplicateCounts.clear();
    return { ok: true as const };
  }

  // -------------------------------------------------------------------------------------------
  // export

  /**
   * The rows of an export, read in batches while the workbook streams. Masked unless `full`,
   * which needs persons.export_full and a reason; every export is audited with its row count and
   * filters (a name fragment is recorded as present, never as typed). A selection larger than
   * the export limit is refused with a message to narrow it.
   */
  async exportRows(actor: Actor, query: ExportQuery, meta: RequestMeta): Promise<{ full: boolean; rows: AsyncIterable<PersonExportRow> }> {
    const full = query.full === 'true';
    const reason = query.reason?.trim() ?? '';
    if (full) {
      if (!can(actor.roles, 'persons.export_full')) throw new AppError('FORBIDDEN', '完整导出（含完整证件号码）须由审核人办理');
      if (reason.length < 2) throw validationFailed([fieldIssue('query.reason', '原因', '完整导出须填写原因')]);
    }
    const { full: _full, reason: _reason, q, ...rest } = query;
    const filter = this.listFilter(actor, query);
    const max = this.options.exportMaxRows;
    const ids = await personsRepository.listIds(this.db, filter, max + 1);
    if (ids.length > max) {
      throw new AppError(
        'VALIDATION_FAILED',
        `筛选结果超过单次导出上限 ${max.toLocaleString('zh-CN')} 条，请按县区或其他条件缩小范围后分批导出`,
      );
    }
    await this.audit.record(
      actorEvent(actor, meta, {
        action: 'persons.export',
        outcome: 'success',
        regionCode: actor.scope.rootCode,
        details: { rows: ids.length, full, ...(full && { reason }), filters: { ...rest, ...(q && { nameFilter: true }) } },
      }),
    );
    return { full, rows: this.exportBatches(ids, full) };
  }

  private async *exportBatches(ids: string[], full: boolean): AsyncGenerator<PersonExportRow> {
    const view = this.view();
    const place = (code: string) => {
      const path = this.regions.path(code);
      return path.length > 1
        ? path
            .slice(1)
            .map((r) => r.name)
            .join('')
        : (path[0]?.name ?? code);
    };
    for (let start = 0; start < ids.length; start += EXPORT_BATCH) {
      const batch = ids.slice(start, start + EXPORT_BATCH);
      const rows = new Map((await personsRepository.rowsByIds(this.db, batch)).map((r) => [r.id, r]));
      for (const id of batch) {
        const row = rows.get(id);
        if (!row) continue;
        yield {
          name: row.name,
          sex: row.sex,
          birthDate: row.birth_date,
          age: ageOn(row.birth_date, view.today),
          idNumber: full ? this.crypto.open(row.id_number_sealed) : row.id_number_masked,
          certificateNumber: full && row.certificate_sealed ? this.crypto.open(row.certificate_sealed) : row.certificate_masked,
          disabilityCategory: row.disability_category,
          disabilityLevel: row.disability_level,
          countyName: view.regionName(row.county_code),
          hukouName: place(row.hukou_region_code),
          urbanRural: row.urban_rural,
          education: row.education,
          employmentStatus: row.employment_status,
          trainingWishes: row.training_wishes as TrainingType[],
          accommodations: row.accommodations as AccommodationNeed[],
        };
      }
    }
  }

  /**
   * Creates the person of an ID number, or (with create_and_update) brings the existing record
   * up to date, inside the caller's transaction. A person registered in a county outside the
   * actor's scope is refused without saying anything about that record. Does not audit: the
   * caller records one audit event for its whole operation.
   */
  async upsert(
    trx: Transaction<Tables>,
    actor: Actor,
    person: ValidatedPerson,
    strategy: UpsertStrategy,
    origin: UpsertSource,
  ): Promise<UpsertOutcome> {
    if (!inScope(actor.scope, person.countyCode)) {
      return { kind: 'refused', field: 'countyCode', message: `不能登记本账号管辖范围以外（${person.countyCode}）的人员` };
    }
    const columns = toColumns(person, this.crypto);
    let existing = await personsRepository.findByIdIndexForUpdate(trx, columns.id_number_index);
    // A merged record stands for its survivor: the update goes there.
    while (existing?.merged_into) existing = await personsRepository.findById(trx, existing.merged_into);

    if (columns.certificate_index) {
      const holder = await personsRepository.findByCertificateIndex(trx, columns.certificate_index);
      // the unique index allows one holder: a merged record keeps its number as history
      if (holder && holder.id !== existing?.id) {
        const message = existing && holder.merged_into === existing.id ? CERTIFICATE_HELD_BY_MERGED : '该残疾人证号已登记在另一人名下';
        return { kind: 'refused', field: 'certificateNumber', message };
      }
    }

    const actorName = actor.username;
    if (!existing) {
      const created = await personsRepository.insert(trx, columns, actor.userId);
      await personsRepository.recordChange(trx, {
        personId: created.id,
        countyCode: created.county_code,
        kind: origin.changeKind,
        fields: [],
        actorId: actor.userId,
        actorName,
        source: origin.source,
      });
      await personsRepository.recordEmployment(trx, {
        personId: created.id,
        countyCode: created.county_code,
        status: created.employment_status,
        form: created.employment_form,
        employerName: null,
        startedOn: null,
        actorId: actor.userId,
      });
      return { kind: 'created', person: created };
    }
    if (!inScope(actor.scope, existing.county_code)) {
      return { kind: 'refused', field: 'idNumber', message: '该身份证号已在本账号管辖范围以外的县区登记，请联系上级残联' };
    }
    if (strategy === 'create_only') return { kind: 'unchanged', person: existing };

    const fields = changedFields(existing, columns);
    if (fields.length === 0) return { kind: 'unchanged', person: existing };
    const { id_number_sealed: _sealed, id_number_index: _index, id_number_masked: _masked, ...changes } = columns;
    if (!fields.includes('certificateNumber')) {
      // keep the stored ciphertext: re-sealing an unchanged number would only churn the row
      delete (changes as Partial<typeof changes>).certificate_sealed;
    }
    const updated = await personsRepository.update(trx, existing.id, existing.version, changes, actor.userId);
    if (!updated) throw new Error('person row changed under a row lock');
    await personsRepository.recordChange(trx, {
      personId: updated.id,
      countyCode: updated.county_code,
      kind: origin.changeKind === 'import' ? 'import' : 'update',
      fields,
      actorId: actor.userId,
      actorName,
      source: origin.source,
    });
    if (fields.includes('employmentStatus') || fields.includes('employmentForm')) {
      await personsRepository.recordEmployment(trx, {
        personId: updated.id,
        countyCode: updated.county_code,
        status: updated.employment_status,
        form: updated.employment_form,
        employerName: null,
        startedOn: null,
        actorId: actor.userId,
      });
    }
    return { kind: 'updated', person: updated, fields };
  }
}
