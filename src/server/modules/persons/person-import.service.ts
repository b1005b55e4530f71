import { createReadStream } from 'node:fs';
import { mkdir, open, rm, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough, type Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { sql, type Transaction } from 'kysely';
import type { ImportSummary } from '../../../shared/contracts/persons-contracts';
import { importStrategies } from '../../../shared/contracts/persons-contracts';
import {
  type PersonValidation,
  todayInChina,
  validatePerson,
  type ValidatedPerson,
  type ValidationContext,
} from '../../../shared/domain/person-validation';
import type { RegionLevel } from '../../../shared/domain/regions';
import type { Role, UserKind } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { PersonRow, Tables } from '../../db/tables';
import { type Actor, inScope } from '../../platform/actor';
import type { AuditTrail } from '../../platform/audit-trail';
import { safeCell } from '../../platform/excel-export';
import type { FileStore } from '../../platform/file-store';
import type { JobContext, JobQueue } from '../../platform/job-queue';
import type { RegionsService } from '../regions/regions.service';
import { type CellProblem, cellText, columnLabel, type ImportColumnKey, mapRow, shownValue } from './person-import-columns';
import { buildImportTemplate } from './person-import-template';
import { checkImportFile, defaultFileLimits, openImportTable, type SheetRow } from './person-import-reader';
import { type CertificateHolder, personImportRepository } from './person-import.repository';
import { changedFields, type PersonColumns, toColumns } from './person-record';
import { personsRepository } from './persons.repository';
import { CERTIFICATE_HELD_BY_MERGED, type PersonsService, type UpsertStrategy } from './persons.service';

export const PERSON_IMPORT_JOB = 'persons.import';

export type ImportStrategy = (typeof importStrategies)[number];

/** Who started the import, as the job needs it to act for them later (scope comes from the job's region). */
interface ImportActor {
  userId: string;
  username: string;
  displayName: string;
  kind: UserKind;
  roles: Role[];
  regionCode: string;
  regionLevel: RegionLevel;
}

interface Counts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
}

/**
 * Committed together with each batch (JobContext.checkpoint), so after a kill -9 the job resumes
 * after the last committed row with the right counts, and the problem log is cut back to match.
 */
interface ImportCheckpoint extends Counts {
  /** the sheet row number of the last row of the last committed batch */
  lastRow: number;
  /** bytes of the problem log that belong to committed batches */
  problemBytes: number;
  /** set by the final transaction (with the audit row): the run is over, only the job status is missing */
  summary?: ImportSummary;
}

interface ImportPayload {
  fileId: string;
  fileName: string;
  strategy: ImportStrategy;
  dryRun: boolean;
  actor: ImportActor;
  checkpoint?: ImportCheckpoint;
}

/** One line of the error file. */
interface ProblemLine extends CellProblem {
  row: number;
}

type Prepared =
  { rowNumber: number; problems: CellProblem[] } | { rowNumber: number; problems: null; person: ValidatedPerson; columns: PersonColumns };
type Valid = Extract<Prepared, { problems: null }>;

type Outcome = 'created' | 'updated' | 'unchanged' | 'refused';

/** What the service's upsert would do with a row, decided from looked-up rows without writing. */
type Decision =
  | { kind: 'refused'; field: 'idNumber' | 'certificateNumber' | 'countyCode'; message: string }
  | { kind: 'create' }
  | { kind: 'unchanged' }
  | { kind: 'update'; fields: string[] };

export interface PersonImportOptions {
  /** rows per transaction */
  batchSize?: number;
  /**
   * false sends every row through PersonsService.upsert one by one (the reference the batch path
   * is tested against); true (default) writes new persons of a batch with one statement.
   */
  batchInserts?: boolean;
  /**
   * A pause after each committed batch. On PGlite a transaction holds the only connection, and a
   * request queued behind it gets one statement in before the next batch: the pause lets a whole
   * request (the progress poll) through.
   */
  pauseBetweenBatchesMs?: number;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Excel/CSV import of the real-name registry, as a durable job: read (person-import-reader), map
 * cells to fields, validate with the form's rules, then write in batches. Each batch is one
 * transaction with its job checkpoint, so a killed import resumes after its last committed batch
 * and never leaves half a batch. New persons of a batch go in with one statement; every other row
 * (updates, merged records, rows that depend on each other) goes through PersonsService.upsert.
 */
export class PersonImportService {
  private template: Promise<Buffer> | null = null;
  private readonly counties: ReadonlySet<string>;
  private readonly countyNames = new Map<string, string | null>();
  private readonly batchSize: number;
  private readonly batchInserts: boolean;
  private readonly pauseMs: number;

  constructor(
    private readonly db: Db,
    private readonly persons: PersonsService,
    private readonly regions: RegionsService,
    private readonly files: FileStore,
    private readonly jobs: JobQueue,
    private readonly audit: AuditTrail,
    private readonly config: Pick<Config, 'IMPORT_MAX_ROWS' | 'UPLOAD_MAX_BYTES' | 'DATA_DIR'>,
    options: PersonImportOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.batchInserts = options.batchInserts ?? true;
    this.pauseMs = options.pauseBetweenBatchesMs ?? 0;
    const units = regions.countyUnits();
    this.counties = new Set(units.map((u) => u.code));
    for (const unit of units) {
      // a name two counties share (none in Gansu, but other provinces have them) is not taken as a name
      for (const name of [unit.name, this.countyName(unit.code)])
        this.countyNames.set(name, this.countyNames.has(name) && this.countyNames.get(name) !== unit.code ? null : unit.code);
    }
  }

  private countyName(code: string): string {
    return this.regions
      .path(code)
      .filter((r) => r.level !== 'province')
      .map((r) => r.name)
      .filter((name, i, all) => i === 0 || name !== all[i - 1])
      .join('');
  }

  /** The template workbook (built once: it depends only on reference data and configuration). */
  templateWorkbook(): Promise<Buffer> {
    this.template ??= buildImportTemplate({
      counties: [...this.counties].sort().map((code) => ({ code, name: this.countyName(code) })),
      maxRows: this.config.IMPORT_MAX_ROWS,
      maxUploadBytes: this.config.UPLOAD_MAX_BYTES,
    });
    return this.template;
  }

  /**
   * Checks that the file is the actor's own upload and a workbook or CSV that may be opened
   * (macros, bombs and other containers answer at once), then queues the import.
   */
  async start(actor: Actor, input: { fileId: string; strategy: ImportStrategy; dryRun: boolean }): Promise<{ jobId: string }> {
    const { row, bytes } = await this.readUpload(actor.userId, input.fileId);
    checkImportFile(bytes, row.mediaType);
    const payload: ImportPayload = {
      fileId: input.fileId,
      fileName: row.name,
      strategy: input.strategy,
      dryRun: input.dryRun,
      actor: {
        userId: actor.userId,
        username: actor.username,
        displayName: actor.displayName,
        kind: actor.kind,
        roles: actor.roles,
        regionCode: actor.regionCode,
        regionLevel: actor.regionLevel,
      },
    };
    const jobId = await this.jobs.enqueue(PERSON_IMPORT_JOB, { ...payload }, { ownerId: actor.userId, regionCode: actor.scope.rootCode });
    return { jobId };
  }

  private async readUpload(ownerId: string, fileId: string) {
    const { row, stream } = await this.files.open(ownerId, fileId);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { row, bytes: Buffer.concat(chunks) };
  }

  // -------------------------------------------------------------------------------------------
  // the job

  /** The `persons.import` job handler: answers the ImportSummary (the job's result). */
  async run(context: JobContext): Promise<ImportSummary> {
    const { job } = context;
    const payload = job.payload as unknown as ImportPayload;
    const previous = payload.checkpoint;
    if (previous?.summary) return previous.summary; // finished and audited; only the status was lost
    const actor: Actor = {
      ...payload.actor,
      scope: this.regions.scopeFor(job.region_code ?? payload.actor.regionCode),
      sessionTokenHash: '',
      stage: 'active',
    };
    // a dry run writes nothing worth resuming: it starts over
    const resume = payload.dryRun ? undefined : previous;
    const counts: Counts = {
      rows: resume?.rows ?? 0,
      created: resume?.created ?? 0,
      updated: resume?.updated ?? 0,
      unchanged: resume?.unchanged ?? 0,
      refused: resume?.refused ?? 0,
    };
    const log = await ProblemLog.open(join(this.config.DATA_DIR, 'import-work', `${job.id}.problems.ndjson`), resume?.problemBytes ?? 0);
    const auditBase = {
      action: 'persons.import',
      actorId: actor.userId,
      actorName: actor.username,
      regionCode: actor.scope.rootCode,
      targetType: 'job',
      targetId: job.id,
    };
    const basics = { fileId: payload.fileId, strategy: payload.strategy, dryRun: payload.dryRun };
    let pending: Promise<void> | null = null;
    try {
      const { row: file, bytes } = await this.readUpload(actor.userId, payload.fileId);
      const table = await openImportTable(bytes, file.mediaType, { ...defaultFileLimits, maxRows: this.config.IMPORT_MAX_ROWS });
      const total = Math.max(table.estimatedRows, counts.rows);
      await context.progress(counts.rows, total);

      const run: RunState = {
        actor,
        strategy: payload.strategy,
        jobId: job.id,
        counts,
        log,
        lastRow: resume?.lastRow ?? 0,
        overlay: new Overlay(),
      };
      const validation = this.validationContext();
      for await (const batch of batches(table.rows, this.batchSize, run.lastRow)) {
        const prepared = batch.map((row) => this.prepare(row, validation));
        if (pending) await pending;
        if (payload.dryRun) {
          await this.predict(run, prepared);
          await context.progress(counts.rows, Math.max(total, counts.rows));
        } else {
          // the next batch is read and prepared while this one is written
          pending = this.write(context, run, prepared);
          pending.catch(() => undefined);
        }
      }
      if (pending) await pending;
      if (counts.rows === 0) throw new AppError('VALIDATION_FAILED', '文件中只有列名，没有人员数据：请从第二行起每行填写一人');

      const errorFileId = log.size > 0 ? await this.saveErrorFile(actor.userId, payload.fileName, log) : null;
      const summary: ImportSummary = { dryRun: payload.dryRun, ...counts, errorFileId };
      await this.db.transaction().execute(async (trx) => {
        await this.audit.append(trx, { ...auditBase, outcome: 'success', details: { ...basics, ...counts, errorFileId } });
        await context.checkpoint(trx, counts.rows, { ...counts, lastRow: run.lastRow, problemBytes: log.size, summary }, counts.rows);
      });
      await log.remove();
      return summary;
    } catch (error) {
      // a batch may still be on its way when the reader fails: let it settle first
      await (pending as Promise<void> | null)?.catch(() => undefined);
      // a failed job is not run again: its problem log goes
      await log.remove();
      const reason = error instanceof AppError ? error.message : '任务执行失败';
      await this.audit.record({ ...auditBase, outcome: 'failure', details: { ...basics, ...counts, reason } }).catch(() => undefined);
      throw error;
    }
  }

  private validationContext(): ValidationContext {
    return {
      today: todayInChina(),
      regionExists: (code) => this.regions.get(code) !== undefined,
      isCountyUnit: (code) => this.counties.has(code),
    };
  }

  /** Cells → fields → the form's rules → sealed columns. Pure: no query. */
  private prepare(row: SheetRow, validation: ValidationContext): Prepared {
    const mapped = mapRow(row.cells, { countyByName: (text) => this.countyNames.get(text.replace(/\s/g, '')) ?? undefined });
    const checked: PersonValidation = validatePerson(mapped.fields, validation);
    const problems = [...mapped.problems];
    if (!checked.ok) {
      for (const issue of checked.issues) {
        const key = issue.field as ImportColumnKey;
        if (mapped.problemKeys.has(key)) continue;
        problems.push({ column: columnLabel(key), value: shownValue(key, cellText(row.cells.get(key) ?? null)), message: issue.message });
      }
    }
    if (problems.length > 0 || !checked.ok) return { rowNumber: row.rowNumber, problems };
    return { rowNumber: row.rowNumber, problems: null, person: checked.value, columns: toColumns(checked.value, this.persons.crypto) };
  }

  /**
   * One batch, one transaction: look up the batch's ID and certificate numbers at once, insert the
   * new persons with one statement, send the rest through upsert, then the checkpoint.
   */
  private async write(context: JobContext, run: RunState, prepared: Prepared[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const before = { counts: { ...run.counts }, lastRow: run.lastRow, logSize: run.log.size };
      try {
        await this.db.transaction().execute(async (trx) => {
          const outcomes = await this.writeBatch(trx, run, prepared, this.batchInserts && attempt === 1);
          this.tally(run, prepared, outcomes);
          await run.log.append(outcomes.problems);
          await context.checkpoint(trx, run.counts.rows, { ...run.counts, lastRow: run.lastRow, problemBytes: run.log.size });
        });
        if (this.pauseMs > 0) await sleep(this.pauseMs);
        return;
      } catch (error) {
        Object.assign(run.counts, before.counts);
        run.lastRow = before.lastRow;
        await run.log.cutTo(before.logSize);
        // A person created by someone else between our lookup and our insert: once more, row by row.
        if (attempt === 1 && (error as { code?: string }).code === UNIQUE_VIOLATION) continue;
        throw error;
      }
    }
  }

  private tally(run: RunState, prepared: Prepared[], outcomes: BatchOutcomes): void {
    for (const outcome of outcomes.byRow) run.counts[outcome]++;
    run.counts.rows += prepared.length;
    run.lastRow = prepared[prepared.length - 1]?.rowNumber ?? run.lastRow;
  }

  private async writeBatch(trx: Transaction<Tables>, run: RunState, prepared: Prepared[], batchInserts: boolean): Promise<BatchOutcomes> {
    const outcomes: BatchOutcomes = { byRow: new Array<Outcome>(prepared.length), problems: [] };
    const valid: { at: number; row: Valid }[] = [];
    prepared.forEach((row, at) => {
      if (row.problems) {
        outcomes.byRow[at] = 'refused';
        for (const problem of row.problems) outcomes.problems.push({ row: row.rowNumber, ...problem });
      } else valid.push({ at, row });
    });

    const slow: { at: number; row: Valid }[] = [];
    const creates: { at: number; row: Valid }[] = [];
    const decided = new Map<number, Decision>();
    if (batchInserts) {
      const ids = valid.map((v) => v.row.columns.id_number_index);
      const certificates = valid.map((v) => v.row.columns.certificate_index).filter((c): c is string => Boolean(c));
      const existing = byKey(await personImportRepository.findByIdIndexes(trx, ids, true), (p) => p.id_number_index);
      const holders = byKey(await personImportRepository.findCertificateHolders(trx, certificates), (p) => p.certificate_index!);
      const idCount = countOf(ids);
      const certificateCount = countOf(certificates);
      const targeted = new Set([...existing.values()].map((p) => p.id));
      for (const entry of valid) {
        const { columns } = entry.row;
        const person = existing.get(columns.id_number_index);
        const holder = columns.certificate_index ? holders.get(columns.certificate_index) : undefined;
        // rows that touch each other within the batch keep their file order: the service does them
        const entangled =
          idCount.get(columns.id_number_index)! > 1 ||
          (columns.certificate_index && certificateCount.get(columns.certificate_index)! > 1) ||
          person?.merged_into ||
          (holder && holder.id !== person?.id && targeted.has(holder.id));
        const decision = entangled ? null : decide(run.actor, run.strategy, entry.row.person, columns, person, holder);
        if (!decision || decision.kind === 'update') slow.push(entry);
        else if (decision.kind === 'create') creates.push(entry);
        else decided.set(entry.at, decision);
      }
    } else slow.push(...valid);

    for (const [at, decision] of decided) {
      outcomes.byRow[at] = decision.kind === 'refused' ? 'refused' : 'unchanged';
      if (decision.kind === 'refused') outcomes.problems.push(refusalLine(prepared[at] as Valid, decision));
    }
    if (creates.length > 0) {
      const ids = await personImportRepository.insertCreated(
        trx,
        creates.map(({ row }) => ({ columns: row.columns, source: `import:${run.jobId}:${row.rowNumber}` })),
        { id: run.actor.userId, name: run.actor.username },
      );
      if (ids.size !== creates.length) throw new Error('batch insert answered fewer rows than it was given');
      for (const { at } of creates) outcomes.byRow[at] = 'created';
    }
    for (const { at, row } of slow) {
      // a row the database refuses must not take the batch with it
      await sql`SAVEPOINT import_row`.execute(trx);
      try {
        const result = await this.persons.upsert(trx, run.actor, row.person, run.strategy as UpsertStrategy, {
          source: `import:${run.jobId}:${row.rowNumber}`,
          changeKind: 'import',
        });
        await sql`RELEASE SAVEPOINT import_row`.execute(trx);
        outcomes.byRow[at] = result.kind;
        if (result.kind === 'refused') outcomes.problems.push(refusalLine(row, result));
      } catch (error) {
        const refusal = constraintRefusal(error);
        if (!refusal) throw error;
        await sql`ROLLBACK TO SAVEPOINT import_row`.execute(trx);
        outcomes.byRow[at] = 'refused';
        outcomes.problems.push(refusalLine(row, refusal));
      }
    }
    outcomes.problems.sort((a, b) => a.row - b.row);
    return outcomes;
  }

  /**
   * The dry run: the same decisions from looked-up rows, with an overlay of what the earlier rows
   * of the file would have done, so a person twice in one file counts once. Writes nothing.
   */
  private async predict(run: RunState, prepared: Prepared[]): Promise<void> {
    const problems: ProblemLine[] = [];
    const valid = prepared.filter((p): p is Valid => p.problems === null);
    const ids = valid.map((v) => v.columns.id_number_index).filter((id) => !run.overlay.persons.has(id));
    const certificates = valid
      .map((v) => v.columns.certificate_index)
      .filter((c): c is string => Boolean(c) && !run.overlay.holders.has(c!));
    const existing = byKey(await personImportRepository.findByIdIndexes(this.db, ids, false), (p) => p.id_number_index);
    const holders = byKey(await personImportRepository.findCertificateHolders(this.db, certificates), (p) => p.certificate_index!);
    for (const row of prepared) {
      run.counts.rows++;
      run.lastRow = row.rowNumber;
      if (row.problems) {
        run.counts.refused++;
        for (const problem of row.problems) problems.push({ row: row.rowNumber, ...problem });
        continue;
      }
      const { columns } = row;
      let person = run.overlay.persons.get(columns.id_number_index) ?? existing.get(columns.id_number_index);
      // a merged record stands for its survivor (as an earlier row of the file may have left it)
      while (person?.merged_into) person = await personsRepository.findById(this.db, person.merged_into);
      if (person) person = run.overlay.persons.get(person.id_number_index) ?? person;
      const certificate = columns.certificate_index;
      const holder = certificate
        ? run.overlay.holders.has(certificate)
          ? (run.overlay.holders.get(certificate) ?? undefined)
          : holders.get(certificate)
        : undefined;
      const decision = decide(run.actor, run.strategy, row.person, columns, person, holder);
      if (decision.kind === 'refused') {
        run.counts.refused++;
        problems.push(refusalLine(row, decision));
        continue;
      }
      if (decision.kind === 'unchanged') {
        run.counts.unchanged++;
        continue;
      }
      run.counts[decision.kind === 'create' ? 'created' : 'updated']++;
      // the record as upsert leaves it (it never rewrites the ID number), without the sealed values:
      // the overlay lives as long as the run
      const base = person ?? virtualPerson(columns);
      const { id_number_sealed: _i, id_number_index: _x, id_number_masked: _m, certificate_sealed: _c, ...changes } = columns;
      const next = { ...base, ...changes, id_number_sealed: null, certificate_sealed: null } as unknown as PersonRow;
      run.overlay.persons.set(base.id_number_index, next);
      if (base.certificate_index && base.certificate_index !== columns.certificate_index)
        run.overlay.holders.set(base.certificate_index, null);
      if (certificate) run.overlay.holders.set(certificate, { id: next.id, merged_into: null, certificate_index: certificate });
    }
    await run.log.append(problems);
  }

  /** The error file: one line per problem (行号, 列, 原值 masked, 问题), streamed into the FileStore for the job's owner. */
  private async saveErrorFile(ownerId: string, sourceName: string, log: ProblemLog): Promise<string> {
    const output = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet('导入问题', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: '行号', key: 'row', width: 8 },
      { header: '列', key: 'column', width: 16 },
      { header: '原值', key: 'value', width: 26 },
      { header: '问题', key: 'message', width: 70 },
    ];
    sheet.getRow(1).font = { bold: true };
    const writing = (async () => {
      try {
        for await (const line of log.lines())
          sheet.addRow([line.row, safeCell(line.column), safeCell(line.value), safeCell(line.message)]).commit();
        sheet.commit();
        await workbook.commit();
      } catch (error) {
        output.destroy(error as Error);
      }
    })();
    const base = sourceName.replace(/\.(xlsx|csv|txt)$/i, '');
    const saved = await this.files.save(ownerId, `导入错误明细-${base}.xlsx`, output as Readable);
    await writing;
    return saved.id;
  }
}

interface RunState {
  actor: Actor;
  strategy: ImportStrategy;
  jobId: string;
  counts: Counts;
  log: ProblemLog;
  lastRow: number;
  overlay: Overlay;
}

/** The dry run's picture of what earlier rows of the file would have written. */
class Overlay {
  readonly persons = new Map<string, PersonRow>();
  /** certificate index → its holder, or null when an earlier row took it off its holder */
  readonly holders = new Map<string, CertificateHolder | null>();
}

interface BatchOutcomes {
  byRow: Outcome[];
  problems: ProblemLine[];
}

/**
 * What PersonsService.upsert decides for a row, given the person holding its ID number and the
 * holder of its certificate number, in the same order and with the same words. The import's batch
 * path and its dry run use it; a test holds it to the service (the `batchInserts: false` path).
 */
function decide(
  actor: Actor,
  strategy: ImportStrategy,
  person: ValidatedPerson,
  columns: PersonColumns,
  existing: PersonRow | undefined,
  holder: CertificateHolder | undefined,
): Decision {
  if (!inScope(actor.scope, person.countyCode)) {
    return { kind: 'refused', field: 'countyCode', message: `不能登记本账号管辖范围以外（${person.countyCode}）的人员` };
  }
  if (columns.certificate_index && holder && holder.id !== existing?.id && holder.merged_into !== existing?.id) {
    return { kind: 'refused', field: 'certificateNumber', message: '该残疾人证号已登记在另一人名下' };
  }
  if (!existing) return { kind: 'create' };
  if (!inScope(actor.scope, existing.county_code)) {
    return { kind: 'refused', field: 'idNumber', message: '该身份证号已在本账号管辖范围以外的县区登记，请联系上级残联' };
  }
  if (strategy === 'create_only') return { kind: 'unchanged' };
  // held by a record merged into this one: refused, as the service does
  if (holder && holder.id !== existing.id) return { kind: 'refused', field: 'certificateNumber', message: CERTIFICATE_HELD_BY_MERGED };
  const fields = changedFields(existing, columns);
  return fields.length === 0 ? { kind: 'unchanged' } : { kind: 'update', fields };
}

/** A row the unique indexes refuse (the service's own checks let it through): refused, not a failed batch. */
function constraintRefusal(error: unknown): { field: 'idNumber' | 'certificateNumber'; message: string } | null {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== UNIQUE_VIOLATION) return null;
  if (constraint === 'person_certificate_index_key') return { field: 'certificateNumber', message: CERTIFICATE_HELD_BY_MERGED };
  if (constraint === 'person_id_number_index_key') return { field: 'idNumber', message: '该身份证号刚刚被其他人登记，请稍后重新导入该行' };
  return null;
}

function refusalLine(row: Valid, refusal: { field: 'idNumber' | 'certificateNumber' | 'countyCode'; message: string }): ProblemLine {
  const raw =
    refusal.field === 'idNumber'
      ? row.person.idNumber
      : refusal.field === 'certificateNumber'
        ? (row.person.certificateNumber ?? '')
        : row.person.countyCode;
  return { row: row.rowNumber, column: columnLabel(refusal.field), value: shownValue(refusal.field, raw), message: refusal.message };
}

function virtualPerson(columns: PersonColumns): PersonRow {
  return { ...columns, id: `planned:${columns.id_number_index}`, merged_into: null, status: 'active', version: 1 } as unknown as PersonRow;
}

function byKey<T>(rows: T[], key: (row: T) => string): Map<string, T> {
  return new Map(rows.map((r) => [key(r), r]));
}

function countOf(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Data rows in batches, skipping those a resumed run already committed. */
async function* batches(rows: AsyncIterable<SheetRow>, size: number, after: number): AsyncGenerator<SheetRow[]> {
  let batch: SheetRow[] = [];
  for await (const row of rows) {
    if (row.rowNumber <= after) continue;
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * The problems of an import run, one JSON line each, on disk beside the job (they can be many).
 * A batch's lines are appended before its transaction commits; the checkpoint records the size,
 * and a resumed run cuts the log back to it, so the log and the committed rows always agree.
 */
class ProblemLog {
  private constructor(
    private readonly path: string,
    private handle: FileHandle | null,
    public size: number,
  ) {}

  static async open(path: string, keepBytes: number): Promise<ProblemLog> {
    await mkdir(join(path, '..'), { recursive: true });
    await truncate(path, keepBytes).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    const handle = await open(path, 'a');
    const { size } = await handle.stat();
    return new ProblemLog(path, handle, size);
  }

  async append(lines: ProblemLine[]): Promise<void> {
    if (lines.length === 0) return;
    const text = lines.map((l) => JSON.stringify([l.row, l.column, l.value, l.message])).join('\n') + '\n';
    await this.handle!.appendFile(text, 'utf8');
    await this.handle!.datasync();
    this.size += Buffer.byteLength(text);
  }

  async cutTo(size: number): Promise<void> {
    if (size === this.size) return;
    await this.handle!.truncate(size);
    this.size = size;
  }

  async *lines(): AsyncGenerator<ProblemLine> {
    const reader = createInterface({
      input: createReadStream(this.path, { start: 0, end: Math.max(this.size - 1, 0) }),
      crlfDelay: Infinity,
    });
    for await (const text of reader) {
      if (!text) continue;
      const [row, column, value, message] = JSON.parse(text) as [number, string, string, string];
      yield { row, column, value, message };
    }
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }

  async remove(): Promise<void> {
    await this.close();
    await rm(this.path, { force: true });
  }
}
