import { Form, Input } from 'antd';
import type { RegionNode } from '../../../shared/domain/regions';
import { trainerSourceLabels, trainerSources, trainerStatusLabels, trainerStatuses } from '../../../shared/domain/trainer-codes';
import { rotationStateLabels, rotationStates } from '../../../shared/domain/trainer-rotation';
import { anyOption, chosen, FilterForm, filterOptions, RegionFilter } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import type { TrainerListQuery } from './use-trainers';

export type TrainerFilterValues = Omit<TrainerListQuery, 'page' | 'pageSize'>;

interface FormValues {
  regionCode?: string;
  q: string;
  source: string;
  occupation: string;
  institutionId: string;
  rotationState: string;
  status: string;
}

const sourceOptions = filterOptions(trainerSources, trainerSourceLabels);
const stateOptions = filterOptions(rotationStates, rotationStateLabels);
const statusOptions = trainerStatuses.map((value) => ({ value, label: trainerStatusLabels[value] }));

function toForm(filters: TrainerFilterValues): FormValues {
  return {
    regionCode: filters.regionCode,
    q: filters.q ?? '',
    source: filters.source ?? '',
    occupation: filters.occupation ?? '',
    institutionId: filters.institutionId ?? '',
    rotationState: filters.rotationState ?? '',
    status: filters.status ?? 'active',
  };
}

function fromForm(values: FormValues): TrainerFilterValues {
  return {
    regionCode: values.regionCode || undefined,
    q: values.q.trim() || undefined,
    source: chosen(values.source),
    occupation: values.occupation.trim() || undefined,
    institutionId: chosen(values.institutionId),
    rotationState: chosen(values.rotationState),
    status: chosen(values.status),
  };
}

/** Filters apply on submit, never while a control changes (WCAG 3.2.2). */
export function TrainerFilters({
  regionRoot,
  institutions,
  initial,
  onSearch,
}: {
  regionRoot: RegionNode | undefined;
  /** null: the account cannot choose (an institution account sees its own trainers) */
  institutions: { id: string; name: string }[] | null;
  initial: TrainerFilterValues;
  onSearch: (filters: TrainerFilterValues) => void;
}) {
  return (
    <FilterForm<FormValues>
      label="筛选师资"
      name="trainer-filters"
      initialValues={toForm(initial)}
      emptyValues={toForm({})}
      onSearch={(values) => onSearch(fromForm(values))}
      onReset={() => onSearch({})}
    >
      {institutions !== null && <RegionFilter root={regionRoot} />}
      <Form.Item name="q" label="姓名">
        <Input autoComplete="off" maxLength={40} />
      </Form.Item>
      <Form.Item name="source" label="来源类别">
        <NativeSelect options={sourceOptions} />
      </Form.Item>
      <Form.Item name="occupation" label="授课职业（工种）">
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      {institutions !== null && (
        <Form.Item name="institutionId" label="所在机构">
          <NativeSelect options={[anyOption, ...institutions.map((i) => ({ value: i.id, label: i.name }))]} />
        </Form.Item>
      )}
      <Form.Item name="rotationState" label="轮训状态">
        <NativeSelect options={stateOptions} />
      </Form.Item>
      <Form.Item name="status" label="在库状态">
        <NativeSelect options={statusOptions} />
      </Form.Item>
    </FilterForm>
  );
}
