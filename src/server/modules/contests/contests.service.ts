import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/contests-contracts';
import type { ContestDetail, ContestSummary } from '../../../shared/contracts/contests-contracts';
import {
  candidateKindsFor,
  contestLevelLabels,
  contestLevelsFor,
  contestStatusLabels,
  isSubsidisable,
  subsidyNote,
} from '../../../shared/domain/contest-codes';
import { can } from '../../../shared/domain/permissions';
import { AppError, type FieldIssue, validationFailed } from '../../../shared/errors';
import { type Db, uniqueViolation } from '../../db/database';
import type { Tables } from '../../db/tables';
import { type Actor, inScope, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { RegionsService } from '../regions/regions.service';
import { type ContestColumns, type ContestRow, contestsRepository as repo } from './contests.repository';
import type { RegistryPersons } from './registry-persons';

type ListQuery = z.output<NonNullable<(typeof contracts.listContests)['query']>>;
type ContestInput = z.output<typeof contracts.contestInput>;
type ContestUpdate = z.output<typeof contracts.contestUpdateInput>;
type ResultsInput = z.output<NonNullable<(typeof contracts.recordResults)['body']>>;
type EntrantInput = z.output<NonNullable<(typeof contracts.addEntrant)['body']>>;
type BudgetInput = z.output<NonNullable<(typeof contracts.addBudgetLine)['body']>>;

/**
 * Vocational skills competitions (职业技能竞赛). The organiser's staff keep the contest, its
 * results and its budget; staff of every region below (and the organiser) enter persons of their
 * own region. An award puts the winner on the candidate lists of the trainer pool and the
 * high-skill talent programme, in the same transaction as the result.
 */
export class ContestsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly regions: RegionsService,
    private readonly persons: RegistryPersons,
  ) {}

  private event(actor: Actor, meta: RequestMeta, contest: ContestRow, action: string, details: Record<string, unknown> = {}): AuditEvent {
    return actorEvent(actor, meta, {
      action,
      outcome: 'success',
      regionCode: contest.region_code,
      targetType: 'contest',
      targetId: contest.id,
      details,
    });
  }

  /** Organiser regions an actor sees: its own subtree and the regions above it (their contests take its entrants). */
  private visibleRegions(actor: Actor): string[] | null {
    const own = scopeCodes(actor.scope);
    if (own === null) return null;
    return [...new Set([...own, ...this.regions.path(actor.scope.rootCode).map((r) => r.code)])];
  }

  private visible(actor: Actor, contest: ContestRow): boolean {
    const regions = this.visibleRegions(actor);
    return regions === null || regions.includes(contest.region_code);
  }

  private organises(actor: Actor, contest: ContestRow): boolean {
    return actor.kind === 'staff' && inScope(actor.scope, contest.region_code);
  }

  private async readable(db: Db | Transaction<Tables>, actor: Actor, id: string, lock = false): Promise<ContestRow> {
    const contest = await repo.findById(db, id, lock);
    if (!contest) throw new AppError('NOT_FOUND');
    if (!this.visible(actor, contest)) throw new AppError('OUT_OF_SCOPE');
    return contest;
  }

  private async organised(trx: Transaction<Tables>, actor: Actor, id: string): Promise<ContestRow> {
    const contest = await this.readable(trx, actor, id, true);
    if (!this.organises(actor, contest)) throw new AppError('OUT_OF_SCOPE', '只有主办地区的培训专干可以修改竞赛、录入成绩和经费');
    return contest;
  }

  private regionName(code: string): string {
    return this.regions.get(code)?.name ?? code;
  }

  private summary(contest: ContestRow, entrantCount: number): ContestSummary {
    return {
      id: contest.id,
      name: contest.name,
      level: contest.level,
      regionCode: contest.region_code,
      regionName: this.regionName(contest.region_code),
      occupations: contest.occupations,
      startsOn: contest.starts_on,
      endsOn: contest.ends_on,
      venue: contest.venue,
      organiser: contest.organiser,
      status: contest.status,
      entrantCount,
      updatedAt: contest.updated_at.toISOString(),
    };
  }

  private async detail(db: Db | Transaction<Tables>, actor: Actor, contest: ContestRow): Promise<ContestDetail> {
    const organiser = this.organises(actor, contest);
    const entrants = await repo.entrants(db, contest.id, organiser ? null : (scopeCodes(actor.scope) ?? null));
    // PGlite serves one query at a time: the persons are read after the transaction's own reads
    const people = await this.persons.summaries(entrants.map((e) => e.person_id));
    const lines = await repo.budgetLines(db, contest.id);
    const totalFen = lines.reduce((sum, line) => sum + line.amount_fen, 0);
    const subsidisableFen = lines.filter((line) => isSubsidisable(line.category)).reduce((sum, line) => sum + line.amount_fen, 0);
    const mayWrite = can(actor.roles, 'contests.write');
    return {
      ...this.summary(contest, entrants.length),
      remarks: contest.remarks,
      version: contest.version,
      writable: mayWrite && organiser,
      canEnter: mayWrite && actor.kind === 'staff' && contest.status === 'planned',
      entrants: entrants.flatMap((e) => {
        const person = people.get(e.person_id);
        return person
          ? [{ id: e.id, person, occupation: e.occupation, rank: e.rank, score: e.score === null ? null : Number(e.score), award: e.award }]
          : [];
      }),
      budget: {
        lines: lines.map((line) => ({
          id: line.id,
          category: line.category,
          amountFen: line.amount_fen,
          note: line.note,
          subsidisable: isSubsidisable(line.category),
          subsidyNote: subsidyNote(line.category),
        })),
        totalFen,
        subsidisableFen,
      },
    };
  }

  /** Reads the detail after the transaction has committed (PGlite: no outside query inside one). */
  private async after(actor: Actor, work: (trx: Transaction<Tables>) => Promise<ContestRow>): Promise<ContestDetail> {
    const { id } = await this.db.transaction().execute(work);
    const contest = await repo.findById(this.db, id);
    if (!contest) throw new AppError('NOT_FOUND');
    return this.detail(this.db, actor, contest);
  }

  private checkInput(actor: Actor, input: ContestInput): ContestColumns {
    const issues: FieldIssue[] = [];
    const level = this.regions.get(actor.regionCode)?.level ?? 'county';
    const allowed = contestLevelsFor(level);
    if (!allowed.includes(input.level)) {
      issues.push({
        field: 'body.level',
        label: '竞赛级别',
        message: `本账号所在地区可登记的竞赛级别为：${allowed.map((l) => contestLevelLabels[l]).join('、')}`,
      });
    }
    if (input.endsOn < input.startsOn) issues.push({ field: 'body.endsOn', label: '结束日期', message: '结束日期不能早于开始日期' });
    const occupations = [...new Set(input.occupations)];
    if (occupations.length !== input.occupations.length) {
      issues.push({ field: 'body.occupations', label: '竞赛项目', message: '竞赛项目不能重复' });
    }
    if (issues.length > 0) throw validationFailed(issues);
    return {
      name: input.name,
      level: input.level,
      occupations,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      venue: input.venue || null,
      organiser: input.organiser,
      remarks: input.remarks || null,
    };
  }

  // -------------------------------------------------------------------------------------------
  // reading

  async list(actor: Actor, query: ListQuery) {
    const { rows, total } = await repo.page(
      this.db,
      { regionCodes: this.visibleRegions(actor), q: query.q || undefined, level: query.level, status: query.status },
      query.pageSize,
      (query.page - 1) * query.pageSize,
    );
    const counts = await repo.entrantCounts(
      this.db,
      rows.map((r) => r.id),
    );
    const items = rows.map((contest) => {
      const organiser = this.organises(actor, contest);
      const count = counts
        .filter((c) => c.contest_id === contest.id && (organiser || inScope(actor.scope, c.county_code)))
        .reduce((sum, c) => sum + Number(c.n), 0);
      return this.summary(contest, count);
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<ContestDetail> {
    return this.detail(this.db, actor, await this.readable(this.db, actor, id));
  }

  // -------------------------------------------------------------------------------------------
  // writing

  async create(actor: Actor, input: ContestInput, meta: RequestMeta): Promise<ContestDetail> {
    if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
    const columns = this.checkInput(actor, input);
    return this.after(actor, async (trx) => {
      const contest = await repo.insert(trx, { ...columns, region_code: actor.regionCode }, actor.userId);
      await this.audit.append(trx, this.event(actor, meta, contest, 'contests.create'));
      return contest;
    });
  }

  async update(actor: Actor, id: string, input: ContestUpdate, meta: RequestMeta): Promise<ContestDetail> {
    const columns = this.checkInput(actor, input);
    return this.after(actor, async (trx) => {
      const current = await this.organised(trx, actor, id);
      const entrants = await repo.entrants(trx, id, null);
      const orphaned = entrants.filter((e) => !columns.occupations.includes(e.occupation));
      if (orphaned.length > 0) {
        throw validationFailed([
          { field: 'body.occupations', label: '竞赛项目', message: `项目“${orphaned[0]!.occupation}”已有人报名，不能删除` },
        ]);
      }
      const contest = await repo.update(trx, current.id, input.version, { ...columns, status: input.status }, actor.userId);
      if (!contest) throw new AppError('CONFLICT', '该竞赛已被他人修改，请刷新后重新填写');
      // a changed level moves winners between lists (only provincial-or-higher winners go to the trainer pool)
      await this.reconcileCandidates(trx, contest);
      await this.audit.append(trx, this.event(actor, meta, contest, 'contests.update', { status: contest.status }));
      return contest;
    });
  }

  /** Enters a registry person, picked through the persons service (scope, merged records). */
  async addEntrant(actor: Actor, id: string, input: EntrantInput, meta: RequestMeta): Promise<ContestDetail> {
    const contest = await this.readable(this.db, actor, id);
    if (contest.status !== 'planned') throw new AppError('CONFLICT', `该竞赛${contestStatusLabels[contest.status]}，不能再报名`);
    if (!contest.occupations.includes(input.occupation)) {
      throw validationFailed([
        { field: 'body.occupation', label: '竞赛项目', message: `请从本竞赛的项目中选择：${contest.occupations.join('、')}` },
      ]);
    }
    const person = await this.persons.pick(actor, input.personId);
    try {
      return await this.after(actor, async (trx) => {
        const entrant = await repo.insertEntrant(
          trx,
          { contest_id: contest.id, person_id: person.id, county_code: person.countyCode, occupation: input.occupation },
          actor.userId,
        );
        await repo.touch(trx, contest.id, actor.userId);
        await this.audit.append(trx, {
          ...this.event(actor, meta, contest, 'contests.enter', { entrantId: entrant.id, personId: person.id }),
          regionCode: person.countyCode,
        });
        return contest;
      });
    } catch (error) {
      if (uniqueViolation(error) !== null) throw new AppError('CONFLICT', '该人员已报名这个竞赛项目');
      throw error;
    }
  }

  async removeEntrant(actor: Actor, id: string, entrantId: string, meta: RequestMeta): Promise<ContestDetail> {
    return this.after(actor, async (trx) => {
      const contest = await this.readable(trx, actor, id, true);
      const entrant = await repo.findEntrant(trx, id, entrantId);
      if (!entrant) throw new AppError('NOT_FOUND');
      if (!this.organises(actor, contest) && !inScope(actor.scope, entrant.county_code)) throw new AppError('OUT_OF_SCOPE');
      if (entrant.rank !== null || entrant.score !== null || entrant.award !== null) {
        throw new AppError('CONFLICT', '该参赛人员已有成绩，不能撤销报名');
      }
      await repo.deleteEntrant(trx, entrant.id);
      await this.audit.append(trx, {
        ...this.event(actor, meta, contest, 'contests.withdraw_entrant', { entrantId, personId: entrant.person_id }),
        regionCode: entrant.county_code,
      });
      return contest;
    });
  }

  /** Results and awards; winners go onto the candidate lists in the same transaction. */
  async recordResults(actor: Actor, id: string, input: ResultsInput, meta: RequestMeta): Promise<ContestDetail> {
    return this.after(actor, async (trx) => {
      const contest = await this.organised(trx, actor, id);
      if (contest.status === 'cancelled') throw new AppError('CONFLICT', '该竞赛已取消，不能录入成绩');
      const entrants = new Map((await repo.entrants(trx, id, null)).map((e) => [e.id, e]));
      const issues: FieldIssue[] = [];
      const seen = new Set<string>();
      input.results.forEach((result, index) => {
        if (!entrants.has(result.entrantId)) {
          issues.push({ field: `body.results.${index}.entrantId`, label: '参赛人员', message: `第 ${index + 1} 条不是本竞赛的参赛人员` });
        } else if (seen.has(result.entrantId)) {
          issues.push({ field: `body.results.${index}.entrantId`, label: '参赛人员', message: `第 ${index + 1} 条与前面的参赛人员重复` });
        }
        seen.add(result.entrantId);
      });
      if (issues.length > 0) throw validationFailed(issues);
      for (const result of input.results) {
        await repo.setResult(trx, result.entrantId, { rank: result.rank, score: result.score, award: result.award });
      }
      await repo.touch(trx, contest.id, actor.userId);
      const flagged = await this.reconcileCandidates(trx, contest);
      await this.audit.append(
        trx,
        this.event(actor, meta, contest, 'contests.results', {
          entrants: input.results.length,
          awarded: input.results.filter((r) => r.award !== null).length,
          candidatesAdded: flagged.added,
          candidatesRemoved: flagged.removed,
        }),
      );
      return contest;
    });
  }

  /**
   * Makes the candidate lists agree with the awards: one open candidate per winner and kind;
   * a candidate whose award was taken back goes, unless someone already decided on it.
   */
  private async reconcileCandidates(trx: Transaction<Tables>, contest: ContestRow): Promise<{ added: number; removed: number }> {
    const entrants = await repo.entrants(trx, contest.id, null);
    const existing = await repo.candidates(trx, contest.id);
    let added = 0;
    let removed = 0;
    for (const entrant of entrants) {
      const kinds = candidateKindsFor(contest.level, entrant.award);
      const present = existing.filter((c) => c.contest_entrant_id === entrant.id);
      for (const kind of kinds) {
        if (present.some((c) => c.kind === kind)) continue;
        await repo.insertCandidate(trx, {
          person_id: entrant.person_id,
          county_code: entrant.county_code,
          kind,
          contest_entrant_id: entrant.id,
        });
        added++;
      }
      for (const candidate of present) {
        if (kinds.includes(candidate.kind) || candidate.status !== 'open') continue;
        await repo.deleteCandidate(trx, candidate.id);
        removed++;
      }
    }
    return { added, removed };
  }

  async addBudgetLine(actor: Actor, id: string, input: BudgetInput, meta: RequestMeta): Promise<ContestDetail> {
    return this.after(actor, async (trx) => {
      const contest = await this.organised(trx, actor, id);
      const line = await repo.insertBudgetLine(
        trx,
        { contest_id: contest.id, category: input.category, amount_fen: input.amountFen, note: input.note || null },
        actor.userId,
      );
      await this.audit.append(
        trx,
        this.event(actor, meta, contest, 'contests.budget', {
          lineId: line.id,
          category: line.category,
          amountFen: line.amount_fen,
          subsidisable: isSubsidisable(line.category),
        }),
      );
      return contest;
    });
  }

  async removeBudgetLine(actor: Actor, id: string, lineId: string, meta: RequestMeta): Promise<{ ok: true }> {
    await this.db.transaction().execute(async (trx) => {
      const contest = await this.organised(trx, actor, id);
      if (!(await repo.deleteBudgetLine(trx, contest.id, lineId))) throw new AppError('NOT_FOUND');
      await this.audit.append(trx, this.event(actor, meta, contest, 'contests.budget_remove', { lineId }));
    });
    return { ok: true };
  }
}
