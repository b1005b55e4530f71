import { Form, Input } from 'antd';
import type { RegionNode } from '../../../shared/domain/regions';
import { trainerSourceLabels, trainerSources, trainerStatusLabels, trainerStatuses } from '../../../shared/domain/trainer-codes';
import { rotationStateLabels, rotationStates } from '../../../shared/domain/trainer-rotation';
import { FilterActions } from '../../components/filter-actions';
import { NativeSelect } from '../../components/native-select';
import { RegionPicker } from '../../components/region-picker';
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

const all = { value: '', label: '全部' };
const sourceOptions = [all, ...trainerSources.map((value) => ({ value, label: trainerSourceLabels[value] }))];
const stateOptions = [all, ...rotationStates.map((value) => ({ value, label: rotationStateLabels[value] }))];
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
  const pick = <T,>(value: string) => (value === '' ? undefined : (value as T));
  return {
    regionCode: values.regionCode || undefined,
    q: values.q.trim() || undefined,
    source: pick(values.source),
    occupation: values.occupation.trim() || undefined,
    institutionId: pick(values.institutionId),
    rotationState: pick(values.rotationState),
    status: pick(values.status),
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
  const [form] = Form.useForm<FormValues>();
  return (
    <div role="search" aria-label="筛选师资" className="filter-search">
      <Form
        form={form}
        name="trainer-filters"
        layout="vertical"
        className="filter-form"
        requiredMark={false}
        initialValues={toForm(initial)}
        onFinish={(values) => onSearch(fromForm(values))}
      >
        {institutions !== null && (
          <Form.Item name="regionCode" label="区域">
            <RegionPicker root={regionRoot} allowAll />
          </Form.Item>
        )}
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
            <NativeSelect options={[all, ...institutions.map((i) => ({ value: i.id, label: i.name }))]} />
          </Form.Item>
        )}
        <Form.Item name="rotationState" label="轮训状态">
          <NativeSelect options={stateOptions} />
        </Form.Item>
        <Form.Item name="status" label="在库状态">
          <NativeSelect options={statusOptions} />
        </Form.Item>
        <FilterActions
          onReset={() => {
            form.setFieldsValue(toForm({}));
            onSearch({});
          }}
        />
      </Form>
    </div>
  );
}
