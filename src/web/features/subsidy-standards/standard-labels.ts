import type { StandardView } from '../../../shared/contracts/subsidy-standards-contracts';
import { skillLevelLabels } from '../../../shared/domain/catalogue-codes';
import { regionLevelLabels } from '../../../shared/domain/regions';

/** “全省默认” / “市州调整” / “县区调整”: whose standard it is. */
export function standardScopeText(s: Pick<StandardView, 'regionName' | 'regionLevel'>): string {
  return s.regionLevel === 'province' ? `${s.regionName}（全省默认）` : `${s.regionName}（${regionLevelLabels[s.regionLevel]}调整）`;
}

export function programmeText(s: Pick<StandardView, 'programmeCode' | 'skillLevel'>): string {
  return `${s.programmeCode ?? '所有项目'}，${s.skillLevel ? skillLevelLabels[s.skillLevel] : '所有等级'}`;
}

export function periodText(s: Pick<StandardView, 'effectiveFrom' | 'effectiveTo'>): string {
  return `${s.effectiveFrom} 至 ${s.effectiveTo ?? '长期'}`;
}
