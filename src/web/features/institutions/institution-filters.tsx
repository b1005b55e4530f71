import { Form, Input } from 'antd';
import {
  accessibilityFeatureLabels,
  accessibilityFeatures,
  institutionKindLabels,
  institutionKinds,
  institutionStatuses,
  institutionStatusLabels,
} from '../../../shared/domain/institution-codes';
import type { RegionNode } from '../../../shared/domain/regions';
import { chosen, FilterForm, filterOptions, RegionFilter } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import type { InstitutionListQuery } from './use-institutions';

export type InstitutionFilterValues = Omit<InstitutionListQuery, 'page' | 'pageSize'>;

interface FormValues {
  regionCode?: string;
  q: string;
  institutionKind: string;
  status: string;
  accessibilityFeature: string;
}

const kindOptions = filterOptions(institutionKinds, institutionKindLabels);
const statusOptions = filterOptions(institutionStatuses, institutionStatusLabels);
const featureOptions = filterOptions(accessibilityFeatures, accessibilityFeatureLabels);

function toForm(filters: InstitutionFilterValues): FormValues {
  return {
    regionCode: filters.regionCode,
    q: filters.q ?? '',
    institutionKind: filters.institutionKind ?? '',
    status: filters.status ?? '',
    accessibilityFeature: filters.accessibilityFeature ?? '',
  };
}

function fromForm(values: FormValues): InstitutionFilterValues {
  return {
    regionCode: values.regionCode || undefined,
    q: values.q.trim() || undefined,
    institutionKind: chosen(values.institutionKind),
    status: chosen(values.status),
    accessibilityFeature: chosen(values.accessibilityFeature),
  };
}

/** Applies on 查询, never while a control changes (WCAG 3.2.2). */
export function InstitutionFilters({
  regionRoot,
  initial,
  onSearch,
}: {
  regionRoot: RegionNode | undefined;
  initial: InstitutionFilterValues;
  onSearch: (filters: InstitutionFilterValues) => void;
}) {
  return (
    <FilterForm<FormValues>
      label="筛选培训机构"
      name="institution-filters"
      initialValues={toForm(initial)}
      emptyValues={toForm({})}
      onSearch={(values) => onSearch(fromForm(values))}
      onReset={() => onSearch({})}
    >
      <RegionFilter root={regionRoot} />
      <Form.Item name="q" label="机构名称或统一社会信用代码">
        <Input autoComplete="off" maxLength={50} />
      </Form.Item>
      <Form.Item name="institutionKind" label="机构类型">
        <NativeSelect options={kindOptions} />
      </Form.Item>
      <Form.Item name="status" label="状态">
        <NativeSelect options={statusOptions} />
      </Form.Item>
      <Form.Item name="accessibilityFeature" label="无障碍设施与服务">
        <NativeSelect options={featureOptions} />
      </Form.Item>
    </FilterForm>
  );
}
