import type { Selectable } from 'kysely';
import type { ClassParty } from '../../../shared/domain/class-status';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/database';
import type { TrainingClassTable } from '../../db/tables';
import { type Actor, inScope } from '../../platform/actor';

export type ClassRow = Selectable<TrainingClassTable>;

export interface ClassAccess {
  row: ClassRow;
  /** the side the actor acts for: the class's own institution, or federation staff over its county */
  party: ClassParty;
}

/**
 * The one access rule of every training-class route: an institution user reaches only the classes of
 * their own institution; staff reach the classes whose county lies in their region scope. Anything
 * else answers NOT_FOUND, so an id of another institution's class reveals nothing. `forUpdate` locks
 * the row for the transaction that changes it.
 */
export async function classForActor(db: Db, actor: Actor, classId: string, options: { forUpdate?: boolean } = {}): Promise<ClassAccess> {
  let query = db.selectFrom('training_class').selectAll().where('id', '=', classId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '培训班不存在');
  if (actor.kind === 'institution') {
    const own = await accountInstitution(db, actor.userId);
    if (!own || own.id !== row.institution_id) throw new AppError('NOT_FOUND', '培训班不存在');
    return { row, party: 'institution' };
  }
  if (actor.kind !== 'staff' || !inScope(actor.scope, row.county_code)) throw new AppError('NOT_FOUND', '培训班不存在');
  return { row, party: 'federation' };
}

/** The institution an institution user acts for, or FORBIDDEN when the account belongs to none. */
export async function institutionOfActor(db: Db, actor: Actor): Promise<{ id: string; name: string; countyCode: string }> {
  const row = await accountInstitution(db, actor.userId);
  if (!row) throw new AppError('FORBIDDEN', '本账号未关联培训机构');
  return { id: row.id, name: row.name, countyCode: row.county_code };
}

/** Refuses a change unless the actor acts for the class's institution (its staff may only read and review). */
export function requireInstitution(access: ClassAccess): void {
  if (access.party !== 'institution') throw new AppError('FORBIDDEN', '此操作由培训机构办理');
}

/** Refuses a change unless the actor is federation staff whose scope covers the class. */
export function requireFederation(access: ClassAccess): void {
  if (access.party !== 'federation') throw new AppError('FORBIDDEN', '此操作由残联工作人员办理');
}

/** The institution an account belongs to (a module may not reach into the institutions repository). */
function accountInstitution(db: Db, userId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('institution as i', 'i.id', 'u.institution_id')
    .select(['i.id', 'i.name', 'i.county_code'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
