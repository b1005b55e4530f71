import { Form, Input } from 'antd';
import { userStatuses, userStatusLabels } from '../../../shared/contracts/users-contracts';
import { userKindLabels, userKinds } from '../../../shared/domain/roles';
import type { RegionNode } from '../../../shared/domain/regions';
import { chosen, FilterForm, filterOptions } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { RegionPicker } from '../../components/region-picker';
import type { UserListQuery } from './use-users';

export type UserFilterValues = Pick<UserListQuery, 'q' | 'regionCode' | 'kind' | 'status'>;

const kindOptions = filterOptions(userKinds, userKindLabels);
const statusOptions = filterOptions(userStatuses, userStatusLabels);

interface FormValues {
  q: string;
  regionCode?: string;
  kind: string;
  status: string;
}

export function UserFilters({
  regionRoot,
  onSearch,
}: {
  regionRoot: RegionNode | undefined;
  onSearch: (filters: UserFilterValues) => void;
}) {
  return (
    <FilterForm<FormValues>
      label="查询账号"
      name="user-filters"
      initialValues={{ q: '', kind: '', status: '' }}
      onSearch={(values) =>
        onSearch({
          q: values.q.trim() || undefined,
          regionCode: values.regionCode || undefined,
          kind: chosen(values.kind),
          status: chosen(values.status),
        })
      }
      onReset={() => onSearch({})}
    >
      <Form.Item name="q" label="关键字（用户名或姓名）">
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="regionCode" label="所属区域">
        <RegionPicker root={regionRoot} allowAll />
      </Form.Item>
      <Form.Item name="kind" label="账号类型">
        <NativeSelect options={kindOptions} />
      </Form.Item>
      <Form.Item name="status" label="状态">
        <NativeSelect options={statusOptions} />
      </Form.Item>
    </FilterForm>
  );
}
