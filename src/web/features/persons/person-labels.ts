import { useQuery } from '@tanstack/react-query';
import { fieldLabels } from '../../../shared/contracts/contract';
import { listRegions } from '../../../shared/contracts/regions-contracts';
import {
  disabilityCategoryLabels,
  disabilityLevelLabels,
  type DisabilityCategory,
  type DisabilityLevel,
} from '../../../shared/domain/disability';
import type { RegionNode } from '../../../shared/domain/regions';
import { apiCall } from '../../lib/api-client';

/** Category and level in words: “肢体残疾 二级”; “未登记” when the person has no certificate. */
export function disabilityText(category: DisabilityCategory | null, level: DisabilityLevel | null): string {
  if (!category) return '未登记';
  return level ? `${disabilityCategoryLabels[category]} ${disabilityLevelLabels[level]}` : disabilityCategoryLabels[category];
}

export function listText<T extends string>(values: readonly T[], labels: Record<T, string>, empty = '无'): string {
  return values.length ? values.map((value) => labels[value]).join('、') : empty;
}

export function fieldListText(fields: readonly string[]): string {
  return fields.length ? fields.map((field) => fieldLabels[field] ?? field).join('、') : '—';
}

export const changeKindLabels: Record<string, string> = {
  create: '登记',
  update: '修改',
  import: '导入',
  merge: '合并（保留本记录）',
  merged_into: '被合并到另一条记录',
  consent: '同意记录',
  employment: '就业状况',
};

/** `form`, or `import:<jobId>:<row>` */
export function changeSourceText(source: string | null): string {
  if (!source) return '—';
  if (source === 'form') return '页面填写';
  const row = /^import:[^:]+:(\d+)$/.exec(source);
  if (row) return `批量导入第 ${row[1]} 行`;
  if (source.startsWith('import')) return '批量导入';
  return source;
}

/** The whole province tree (the same cached answer RegionPicker uses), with lookups over it. */
export function useProvinceTree() {
  const query = useQuery({ queryKey: ['regions'], queryFn: () => apiCall(listRegions), staleTime: Infinity });
  return query.data?.province;
}

export function indexRegions(root: RegionNode | undefined): Map<string, RegionNode> {
  const index = new Map<string, RegionNode>();
  const visit = (node: RegionNode) => {
    index.set(node.code, node);
    node.children.forEach(visit);
  };
  if (root) visit(root);
  return index;
}

/** “兰州市城关区” style: the region's name with its ancestors below the province. */
export function regionName(index: Map<string, RegionNode>, code: string | null | undefined): string {
  if (!code) return '未登记';
  const node = index.get(code);
  if (!node) return code;
  const parent = node.parentCode ? index.get(node.parentCode) : undefined;
  return parent && parent.level === 'city' ? `${parent.name}${node.name}` : node.name;
}
