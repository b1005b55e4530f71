import type { RegionNode } from '../../../shared/domain/regions';
import { AppError, fieldIssue, validationFailed } from '../../../shared/errors';
import { assertInScope, type RegionScope } from '../../platform/actor';
import { loadReferenceRegions, type ReferenceRegion } from './region-reference';
import type { RegionsRepository } from './regions.repository';

/**
 * Regions are reference data (about a hundred rows for a province): loaded once at start and
 * answered from memory, so scope checks cost no query.
 */
export class RegionsService {
  private byCode = new Map<string, ReferenceRegion>();
  private children = new Map<string, ReferenceRegion[]>();
  private subtreeCache = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly repository: RegionsRepository,
    readonly provinceCode: string,
  ) {}

  /** Loads reference data for the configured province (idempotent) and fills the cache. */
  async load(): Promise<void> {
    await this.repository.insertMissing(loadReferenceRegions(this.provinceCode));
    const all = await this.repository.all();
    this.byCode = new Map(all.map((r) => [r.code, r]));
    this.children = new Map();
    for (const region of all) {
      if (!region.parentCode) continue;
      const siblings = this.children.get(region.parentCode) ?? [];
      siblings.push(region);
      this.children.set(region.parentCode, siblings);
    }
    this.subtreeCache.clear();
    if (!this.byCode.has(this.provinceCode)) throw new Error(`region data has no province ${this.provinceCode}`);
  }

  get(code: string): ReferenceRegion | undefined {
    return this.byCode.get(code);
  }

  require(code: string): ReferenceRegion {
    const region = this.byCode.get(code);
    if (!region)
      throw new AppError('VALIDATION_FAILED', `区域代码 ${code} 不存在`, {
        issues: [{ field: 'regionCode', label: '所属区域', message: `区域代码 ${code} 不存在` }],
      });
    return region;
  }

  /** The region and its ancestors, province first. */
  path(code: string): ReferenceRegion[] {
    const path: ReferenceRegion[] = [];
    for (let region = this.byCode.get(code); region; region = region.parentCode ? this.byCode.get(region.parentCode) : undefined) {
      path.unshift(region);
    }
    return path;
  }

  /** The region and all regions below it. */
  subtree(code: string): ReadonlySet<string> {
    const cached = this.subtreeCache.get(code);
    if (cached) return cached;
    const codes = new Set<string>();
    const stack = [code];
    while (stack.length > 0) {
      const current = stack.pop()!;
      codes.add(current);
      for (const child of this.children.get(current) ?? []) stack.push(child.code);
    }
    this.subtreeCache.set(code, codes);
    return codes;
  }

  isWithin(code: string, ancestorCode: string): boolean {
    return this.subtree(ancestorCode).has(code);
  }

  /** County-level units: counties, and city-level units without counties (嘉峪关's own unit, 兰州新区, 甘肃矿区). */
  countyUnits(): ReferenceRegion[] {
    return [...this.byCode.values()].filter((r) => r.level === 'county' || (r.level === 'city' && !this.children.has(r.code)));
  }

  /**
   * The region codes a list narrowed to a region (its `regionCode` query parameter) covers, or null
   * for the whole province. An unknown code fails validation; with a scope, a code outside it is
   * OUT_OF_SCOPE.
   */
  listRegionCodes(regionCode: string, scope?: RegionScope): string[] | null {
    if (!this.get(regionCode)) throw validationFailed([fieldIssue('query.regionCode', '所属区域', `区域代码 ${regionCode} 不存在`)]);
    if (scope) assertInScope(scope, regionCode);
    return regionCode === this.provinceCode ? null : [...this.subtree(regionCode)];
  }

  scopeFor(rootCode: string): RegionScope {
    return { rootCode, codes: rootCode === this.provinceCode ? null : this.subtree(rootCode) };
  }

  tree(rootCode: string = this.provinceCode): RegionNode {
    const region = this.byCode.get(rootCode);
    if (!region) throw new AppError('NOT_FOUND');
    return {
      code: region.code,
      name: region.name,
      level: region.level,
      parentCode: region.parentCode,
      children: (this.children.get(rootCode) ?? []).map((child) => this.tree(child.code)),
    };
  }
}
