import { Form, Input } from 'antd';
import { FilterActions } from '../../components/filter-actions';
import { userStatuses, userStatusLabels } from '../../../shared/contracts/users-contracts';
import { userKindLabels, userKinds } from '../../../shared/domain/roles';
import type { RegionNode } from '../../../shared/domain/regions';
import { NativeSelect } from '../../components/native-select';
import { RegionPicker } from '../../components/region-picker';
import type { UserListQuery } from './use-users';

export type UserFilterValues = Pick<UserListQuery, 'q' | 'regionCode' | 'kind' | 'status'>;

const kindOptions = [{ value: '', label: '全部' }, ...userKinds.map((value) => ({ value, label: userKindLabels[value] }))];
const statusOptions = [{ value: '', label: '全部' }, ...userStatuses.map((value) => ({ value, label: userStatusLabels[value] }))];

export function UserFilters({
  regionRoot,
  onSearch,
}: {
  regionRoot: RegionNode | undefined;
  onSearch: (filters: UserFilterValues) => void;
}) {
  const [form] = Form.useForm();
  return (
    <div role="search" aria-label="查询账号" className="filter-search">
      <Form
        form={form}
        name="user-filters"
        layout="vertical"
        className="filter-form"
        requiredMark={false}
        initialValues={{ q: '', kind: '', status: '' }}
        onFinish={(values: { q: string; regionCode?: string; kind: string; status: string }) =>
          onSearch({
            q: values.q.trim() || undefined,
            regionCode: values.regionCode || undefined,
            kind: (values.kind || undefined) as UserFilterValues['kind'],
            status: (values.status || undefined) as UserFilterValues['status'],
          })
        }
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
        <FilterActions
          onReset={() => {
            form.resetFields();
            onSearch({});
          }}
        />
      </Form>
    </div>
  );
}
