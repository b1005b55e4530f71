import type { Role, UserKind } from '../../shared/domain/roles';
import type { RegionLevel } from '../../shared/domain/regions';
import type { SessionStage } from '../../shared/contracts/auth-contracts';
import { AppError } from '../../shared/errors';

/**
 * The region scope of an actor: the set of region codes (any level) it may read and write.
 * `null` codes means the whole configured province.
 */
export interface RegionScope {
  /** the region the scope is rooted at: the account's region, or the child it narrowed to */
  rootCode: string;
  codes: ReadonlySet<string> | null;
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  kind: UserKind;
  roles: Role[];
  regionCode: string;
  regionLevel: RegionLevel;
  scope: RegionScope;
  sessionTokenHash: string;
  stage: SessionStage;
}

export function inScope(scope: RegionScope, regionCode: string | null | undefined): boolean {
  if (!regionCode) return false;
  return scope.codes === null || scope.codes.has(regionCode);
}

/** Throws OUT_OF_SCOPE unless the region lies in the actor's scope. */
export function assertInScope(scope: RegionScope, regionCode: string | null | undefined): void {
  if (!inScope(scope, regionCode)) throw new AppError('OUT_OF_SCOPE');
}

/** The codes to filter a regional query by, or null when the scope is the whole province. */
export function scopeCodes(scope: RegionScope): string[] | null {
  return scope.codes === null ? null : [...scope.codes];
}
