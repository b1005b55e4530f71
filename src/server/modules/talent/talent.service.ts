import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/talent-contracts';
import type { ApprenticeshipDetail, TalentCandidate, TalentMember } from '../../../shared/contracts/talent-contracts';
import { can } from '../../../shared/domain/permissions';
import { apprenticeshipStatusLabels, canRecordProgress, type TalentCategory } from '../../../shared/domain/talent-codes';
import { todayInChina } from '../../../shared/domain/person-validation';
import { AppError, type FieldIssue, validationFailed } from '../../../shared/errors';
import { type Db, uniqueViolation } from '../../db/database';
import type { Tables } from '../../db/tables';
import { type Actor, assertInScope, inScope, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { RegistryPersons } from '../contests/registry-persons';
import type { RegionsService } from '../regions/regions.service';
import { type ApprenticeshipRow, type MemberRow, talentRepository as repo } from './talent.repository';

type MemberQuery = z.output<NonNullable<(typeof contracts.listTalentMembers)['query']>>;
type MemberInput = z.output<typeof contracts.talentMemberInput>;
type MemberUpdate = z.output<NonNullable<(typeof contracts.updateTalentMember)['body']>>;
type CandidateQuery = z.output<NonNullable<(typeof contracts.listCandidates)['query']>>;
type DecideInput = z.output<NonNullable<(typeof contracts.decideCandidate)['body']>>;
type ApprenticeshipQuery = z.output<NonNullable<(typeof contracts.listApprenticeships)['query']>>;
type ApprenticeshipInput = z.output<NonNullable<(typeof contracts.createApprenticeship)['body']>>;
type ProgressInput = z.output<NonNullable<(typeof contracts.recordProgress)['body']>>;
type CloseInput = z.output<NonNullable<(typeof contracts.closeApprenticeship)['body']>>;

/**
 * High-skill talent (高技能人才, plan 二(四)): the roster of registry persons by category, the
 * candidates competition awards put forward, and master–apprentice pairs (带徒传技) with their
 * progress. Every row belongs to the person's county and is scoped by it.
 */
export class TalentService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly persons: RegistryPersons,
    private readonly regions: RegionsService,
  ) {}

  private event(
    actor: Actor,
    meta: RequestMeta,
    target: { type: string; id: string; regionCode: string },
    action: string,
    details: Record<string, unknown> = {},
  ): AuditEvent {
    return actorEvent(actor, meta, {
      action,
      outcome: 'success',
      regionCode: target.regionCode,
      targetType: target.type,
      targetId: target.id,
      details,
    });
  }

  private async members(rows: MemberRow[]): Promise<TalentMember[]> {
    const people = await this.persons.summaries(rows.map((r) => r.person_id));
    return rows.flatMap((row) => {
      const person = people.get(row.person_id);
      if (!person) return [];
      return [
        {
          id: row.id,
          person,
          categories: row.categories as TalentCategory[],
          specialty: row.specialty,
          evidence: row.evidence,
          version: row.version,
          updatedAt: row.updated_at.toISOString(),
        },
      ];
    });
  }

  private async member(id: string): Promise<TalentMember> {
    const row = await repo.findMember(this.db, id);
    const [member] = row ? await this.members([row]) : [];
    if (!member) throw new AppError('NOT_FOUND');
    return member;
  }

  // -------------------------------------------------------------------------------------------
  // roster

  async listMembers(actor: Actor, query: MemberQuery) {
    const countyCodes = query.regionCode ? this.regions.listRegionCodes(query.regionCode, actor.scope) : scopeCodes(actor.scope);
    const { rows, total } = await repo.members(
      this.db,
      { countyCodes, q: query.q || undefined, category: query.category },
      query.pageSize,
      (query.page - 1) * query.pageSize,
    );
    return { items: await this.members(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async addMember(actor: Actor, input: MemberInput, meta: RequestMeta): Promise<TalentMember> {
    const person = await this.persons.pick(actor, input.personId);
    try {
      const row = await this.db.transaction().execute(async (trx) => {
        if (await repo.activeMemberOf(trx, person.id)) throw new AppError('CONFLICT', '该人员已在高技能人才名册中，请修改其名册信息');
        const row = await repo.insertMember(
          trx,
          {
            person_id: person.id,
            county_code: person.countyCode,
            categories: [...new Set(input.categories)].sort(),
            specialty: input.specialty,
            evidence: input.evidence || null,
          },
          actor.userId,
        );
        await this.audit.append(
          trx,
          this.event(actor, meta, { type: 'talent_member', id: row.id, regionCode: row.county_code }, 'talent.add', {
            personId: person.id,
            categories: row.categories,
          }),
        );
        return row;
      });
      return this.member(row.id);
    } catch (error) {
      if (uniqueViolation(error) !== null) throw new AppError('CONFLICT', '该人员已在高技能人才名册中，请修改其名册信息');
      throw error;
    }
  }

  async updateMember(actor: Actor, id: string, input: MemberUpdate, meta: RequestMeta): Promise<TalentMember> {
    await this.db.transaction().execute(async (trx) => {
      const current = await repo.findMember(trx, id, true);
      if (!current || current.status !== 'active') throw new AppError('NOT_FOUND');
      assertInScope(actor.scope, current.county_code);
      const row = await repo.updateMember(
        trx,
        id,
        input.version,
        { categories: [...new Set(input.categories)].sort(), specialty: input.specialty, evidence: input.evidence || null },
        actor.userId,
      );
      if (!row) throw new AppError('CONFLICT', '该名册信息已被他人修改，请刷新后重新填写');
      await this.audit.append(
        trx,
        this.event(actor, meta, { type: 'talent_member', id, regionCode: row.county_code }, 'talent.update', {
          categories: row.categories,
        }),
      );
    });
    return this.member(id);
  }

  /** Takes a person off the roster; the row stays (status removed) and the reason goes to the audit trail. */
  async removeMember(actor: Actor, id: string, reason: string, meta: RequestMeta): Promise<{ ok: true }> {
    await this.db.transaction().execute(async (trx) => {
      const current = await repo.findMember(trx, id, true);
      if (!current || current.status !== 'active') throw new AppError('NOT_FOUND');
      assertInScope(actor.scope, current.county_code);
      await repo.removeMember(trx, id, actor.userId);
      await this.audit.append(
        trx,
        this.event(actor, meta, { type: 'talent_member', id, regionCode: current.county_code }, 'talent.remove', { reason }),
      );
    });
    return { ok: true };
  }

  // -------------------------------------------------------------------------------------------
  // candidates from competitions

  private async candidateViews(rows: Awaited<ReturnType<typeof repo.candidates>>['rows']): Promise<TalentCandidate[]> {
    const people = await this.persons.summaries(rows.map((r) => r.person_id));
    return rows.flatMap((row) => {
      const person = people.get(row.person_id);
      if (!person || row.award === null) return [];
      return [
        {
          id: row.id,
          kind: row.kind,
          status: row.status,
          person,
          contestId: row.contest_id,
          contestName: row.contest_name,
          contestLevel: row.contest_level,
          occupation: row.occupation,
          award: row.award,
          decisionNote: row.decision_note,
          createdAt: row.created_at.toISOString(),
        },
      ];
    });
  }

  /** The candidate lists in the actor's scope; the trainer pool reads its kind here too. */
  async listCandidates(actor: Actor, query: CandidateQuery) {
    const { rows, total } = await repo.candidates(
      this.db,
      { countyCodes: scopeCodes(actor.scope), kind: query.kind, status: query.status },
      query.pageSize,
      (query.page - 1) * query.pageSize,
    );
    return { items: await this.candidateViews(rows), total, page: query.page, pageSize: query.pageSize };
  }

  /** For the home page: competition winners in the actor's region nobody has decided on yet. */
  countOpenCandidates(actor: Actor): Promise<number> {
    return repo.countOpenCandidates(this.db, scopeCodes(actor.scope));
  }

  /**
   * Settles a candidate. Accepting a high-skill candidate puts the person on the roster as a
   * contest winner (or adds that category to their entry); accepting a trainer-pool candidate
   * records the decision for the trainer pool, which creates the trainer.
   */
  async decideCandidate(actor: Actor, id: string, input: DecideInput, meta: RequestMeta): Promise<TalentCandidate> {
    await this.db.transaction().execute(async (trx) => {
      const candidate = await repo.lockCandidate(trx, id);
      if (!candidate) throw new AppError('NOT_FOUND');
      assertInScope(actor.scope, candidate.county_code);
      if (candidate.status !== 'open') throw new AppError('CONFLICT', '该候选人已处理，请刷新后查看');
      let memberId: string | null = null;
      if (input.decision === 'accepted' && candidate.kind === 'high_skill') {
        memberId = await this.admitContestWinner(trx, actor, candidate.person_id, candidate.county_code);
      }
      await repo.decideCandidate(trx, id, input.decision, input.note || null, actor.userId);
      await this.audit.append(
        trx,
        this.event(actor, meta, { type: 'talent_candidate', id, regionCode: candidate.county_code }, 'talent.decide', {
          kind: candidate.kind,
          decision: input.decision,
          memberId,
        }),
      );
    });
    const { rows } = await repo.candidates(this.db, { countyCodes: null, status: 'open', id }, 1, 0);
    const [view] = await this.candidateViews(rows);
    if (!view) throw new AppError('NOT_FOUND');
    return view;
  }

  private async admitContestWinner(trx: Transaction<Tables>, actor: Actor, personId: string, countyCode: string): Promise<string> {
    const existing = await repo.activeMemberOf(trx, personId);
    if (existing) {
      if (!existing.categories.includes('contest_winner')) {
        await repo.updateMember(
          trx,
          existing.id,
          existing.version,
          { categories: [...existing.categories, 'contest_winner'].sort(), specialty: existing.specialty, evidence: existing.evidence },
          actor.userId,
        );
      }
      return existing.id;
    }
    const row = await repo.insertMember(
      trx,
      {
        person_id: personId,
        county_code: countyCode,
        categories: ['contest_winner'],
        specialty: '竞赛获奖项目',
        evidence: '职业技能竞赛获奖',
      },
      actor.userId,
    );
    return row.id;
  }

  // -------------------------------------------------------------------------------------------
  // master–apprentice pairs

  private async apprenticeshipViews(rows: ApprenticeshipRow[]) {
    const people = await this.persons.summaries(rows.map((r) => r.apprentice_person_id));
    const totals = new Map(
      (
        await repo.progressTotals(
          this.db,
          rows.map((r) => r.id),
        )
      ).map((t) => [t.apprenticeship_id, t]),
    );
    return rows.flatMap((row) => {
      const apprentice = people.get(row.apprentice_person_id);
      if (!apprentice) return [];
      const total = totals.get(row.id);
      return [
        {
          id: row.id,
          masterMemberId: row.master_member_id,
          masterName: row.master_name,
          apprentice,
          craft: row.craft,
          startedOn: row.started_on,
          goals: row.goals,
          status: row.status,
          endedOn: row.ended_on,
          milestonesReached: Number(total?.milestones ?? 0),
          lastProgressOn: (total?.last_on as string | null | undefined) ?? null,
          updatedAt: row.updated_at.toISOString(),
        },
      ];
    });
  }

  async listApprenticeships(actor: Actor, query: ApprenticeshipQuery) {
    const { rows, total } = await repo.apprenticeships(
      this.db,
      { countyCodes: scopeCodes(actor.scope), status: query.status },
      query.pageSize,
      (query.page - 1) * query.pageSize,
    );
    return { items: await this.apprenticeshipViews(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async getApprenticeship(actor: Actor, id: string): Promise<ApprenticeshipDetail> {
    const row = await repo.findApprenticeship(this.db, id);
    if (!row) throw new AppError('NOT_FOUND');
    assertInScope(actor.scope, row.county_code);
    const [view] = await this.apprenticeshipViews([row]);
    if (!view) throw new AppError('NOT_FOUND');
    const progress = await repo.progress(this.db, id);
    return {
      ...view,
      writable: can(actor.roles, 'talent.write') && canRecordProgress(row.status),
      progress: progress.map((p) => ({
        id: p.id,
        recordedOn: p.recorded_on,
        note: p.note,
        milestone: p.milestone,
        recordedBy: p.recorded_by_name,
      })),
    };
  }

  async createApprenticeship(actor: Actor, input: ApprenticeshipInput, meta: RequestMeta): Promise<ApprenticeshipDetail> {
    const issues: FieldIssue[] = [];
    const masterName = input.masterName?.trim() || null;
    if (!input.masterMemberId && !masterName) {
      issues.push({ field: 'body.masterName', label: '师傅姓名', message: '请从名册选择师傅，或填写师傅姓名' });
    }
    if (input.masterMemberId && masterName) {
      issues.push({ field: 'body.masterName', label: '师傅姓名', message: '已从名册选择师傅时不再填写姓名' });
    }
    if (input.startedOn > todayInChina()) issues.push({ field: 'body.startedOn', label: '开始日期', message: '开始日期不能晚于今天' });
    if (issues.length > 0) throw validationFailed(issues);
    const apprentice = await this.persons.pick(actor, input.apprenticePersonId);
    let master: { id: string | null; name: string } = { id: null, name: masterName ?? '' };
    if (input.masterMemberId) {
      const row = await repo.findMember(this.db, input.masterMemberId);
      if (!row || row.status !== 'active') {
        throw validationFailed([{ field: 'body.masterMemberId', label: '师傅（名册人员）', message: '所选师傅不在高技能人才名册中' }]);
      }
      if (!inScope(actor.scope, row.county_code)) throw new AppError('OUT_OF_SCOPE');
      if (row.person_id === apprentice.id) {
        throw validationFailed([{ field: 'body.apprenticePersonId', label: '徒弟', message: '师傅和徒弟不能是同一人' }]);
      }
      const people = await this.persons.summaries([row.person_id]);
      master = { id: row.id, name: people.get(row.person_id)?.name ?? '' };
    }
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await repo.insertApprenticeship(
        trx,
        {
          county_code: apprentice.countyCode,
          master_member_id: master.id,
          master_name: master.name,
          apprentice_person_id: apprentice.id,
          craft: input.craft,
          started_on: input.startedOn,
          goals: input.goals,
        },
        actor.userId,
      );
      await this.audit.append(
        trx,
        this.event(actor, meta, { type: 'apprenticeship', id: row.id, regionCode: row.county_code }, 'talent.apprenticeship', {
          masterMemberId: master.id,
          apprenticePersonId: apprentice.id,
        }),
      );
      return row;
    });
    return this.getApprenticeship(actor, row.id);
  }

  private async openPair(trx: Transaction<Tables>, actor: Actor, id: string): Promise<ApprenticeshipRow> {
    const row = await repo.findApprenticeship(trx, id, true);
    if (!row) throw new AppError('NOT_FOUND');
    assertInScope(actor.scope, row.county_code);
    if (!canRecordProgress(row.status)) throw new AppError('CONFLICT', `该师徒结对${apprenticeshipStatusLabels[row.status]}，不能再修改`);
    return row;
  }

  async recordProgress(actor: Actor, id: string, input: ProgressInput, meta: RequestMeta): Promise<ApprenticeshipDetail> {
    await this.db.transaction().execute(async (trx) => {
      const pair = await this.openPair(trx, actor, id);
      const issues: FieldIssue[] = [];
      if (input.recordedOn < pair.started_on)
        issues.push({ field: 'body.recordedOn', label: '记录日期', message: '记录日期不能早于结对开始日期' });
      if (input.recordedOn > todayInChina()) issues.push({ field: 'body.recordedOn', label: '记录日期', message: '记录日期不能晚于今天' });
      if (issues.length > 0) throw validationFailed(issues);
      await repo.insertProgress(trx, {
        apprenticeship_id: id,
        county_code: pair.county_code,
        recorded_on: input.recordedOn,
        note: input.note,
        milestone: input.milestone || null,
        recorded_by: actor.userId,
        recorded_by_name: actor.displayName,
      });
      await repo.touchApprenticeship(trx, id, actor.userId);
      await this.audit.append(
        trx,
        this.event(actor, meta, { type: 'apprenticeship', id, regionCode: pair.county_code }, 'talent.progress', {
          milestone: Boolean(input.milestone),
        }),
      );
    });
    return this.getApprenticeship(actor, id);
  }

  async closeApprenticeship(actor: Actor, id: string, input: CloseInput, meta: RequestMeta): Promise<ApprenticeshipDetail> {
    await this.db.transaction().execute(async (trx) => {
      const pair = await this.openPair(trx, actor, id);
      if (input.endedOn < pair.started_on) {
        throw validationFailed([{ field: 'body.endedOn', label: '结束日期', message: '结束日期不能早于结对开始日期' }]);
      }
      await repo.closeApprenticeship(trx, id, input.status, input.endedOn, actor.userId);
      await this.audit.append(
        trx,
        this.event(actor, meta, { type: 'apprenticeship', id, regionCode: pair.county_code }, 'talent.close', { status: input.status }),
      );
    });
    return this.getApprenticeship(actor, id);
  }
}
