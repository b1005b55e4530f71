import type { ReactNode } from 'react';
import type { ProgrammeSummary } from '../../../shared/contracts/catalogue-contracts';
import { brandTagLabels, brandTags, skillLevelLabels } from '../../../shared/domain/catalogue-codes';
import { disabilityCategories, disabilityCategoryLabels } from '../../../shared/domain/disability';
import { accommodationLabels, accommodationNeeds, trainingTypeLabels } from '../../../shared/domain/person-codes';
import { DetailList } from '../../components/detail-list';
import { codesText } from './catalogue-labels';

/** The content of a programme version as a description list (staff detail and the public catalogue). */
export function ProgrammeFields({
  programme,
  extra = [],
}: {
  programme: Omit<ProgrammeSummary, 'id' | 'status' | 'updatedAt' | 'regionCode' | 'effectiveTo'>;
  extra?: [string, ReactNode][];
}) {
  const rows: [string, ReactNode][] = [
    ['项目编码', `${programme.programmeCode}（第 ${programme.edition} 版）`],
    ['职业（工种）', programme.skill ? `${programme.occupation} / ${programme.skill}` : programme.occupation],
    ['培训类型', trainingTypeLabels[programme.trainingType]],
    ['培训学时', `${programme.hours} 学时`],
    ['技能等级', skillLevelLabels[programme.skillLevel]],
    ['面向残疾类别', codesText(disabilityCategories, disabilityCategoryLabels, programme.targetCategories, '不限')],
    ['提供的便利', codesText(accommodationNeeds, accommodationLabels, programme.accommodations)],
    ['特色品牌', codesText(brandTags, brandTagLabels, programme.brands)],
    ['补贴标准参照', programme.subsidyStandardRef ?? '未填写'],
    ['维护单位', `${programme.regionName}残联`],
    ['项目说明', programme.description ?? '无'],
    ...extra,
  ];
  return <DetailList rows={rows} />;
}
