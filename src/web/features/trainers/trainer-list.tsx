import '../persons/persons.css';
import './trainers.css';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import { TrainerFilters, type TrainerFilterValues } from './trainer-filters';
import { TrainersTable } from './trainers-table';
import { useInstitutionOptions, useTrainerList } from './use-trainers';

interface ListState {
  filters: TrainerFilterValues;
  page: number;
}

const pageSize = 20;
// kept in the query cache (not the address bar: a name is personal data), so a visit to a detail page keeps them
const stateKey = ['trainers', 'list-state'] as const;

export function TrainerList() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const staff = user.kind === 'staff';
  const { root } = useRegionTree(user.viewRegion?.code ?? user.region.code);
  const institutions = useInstitutionOptions(staff);
  const [state, setStateRaw] = useState<ListState>(() => queryClient.getQueryData<ListState>(stateKey) ?? { filters: {}, page: 1 });
  const list = useTrainerList({ ...state.filters, page: state.page, pageSize });
  const statusLine = useRef<HTMLParagraphElement>(null);

  const setState = (next: ListState) => {
    queryClient.setQueryData(stateKey, next);
    setStateRaw(next);
  };
  const data = list.data;

  return (
    <>
      <div className="toolbar">
        {userCan(user, 'trainers.write') && (
          <Link to="/trainers/new" className="link-button is-primary">
            <PlusOutlined aria-hidden /> 师资入库
          </Link>
        )}
        <Link to="/trainers/rotation-due" className="link-button">
          轮训到期与逾期名单
        </Link>
      </div>
      <section aria-labelledby="trainer-list-heading">
        <h2 id="trainer-list-heading">筛选与列表</h2>
        <TrainerFilters
          regionRoot={root}
          institutions={staff ? (institutions.data?.items ?? []) : null}
          initial={state.filters}
          onSearch={(filters) => setState({ filters, page: 1 })}
        />
        <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
          {list.isFetching
            ? '正在查询…'
            : data
              ? `共找到 ${data.total} 名师资${data.total > pageSize ? `，当前第 ${state.page} 页` : ''}。`
              : ''}
        </p>
        {list.isError && <Alert type="error" role="alert" showIcon title={errorMessage(list.error)} />}
        <TrainersTable
          caption="师资列表"
          trainers={data?.items ?? []}
          total={data?.total ?? 0}
          page={state.page}
          pageSize={pageSize}
          busy={list.isFetching}
          onPageChange={(page) => {
            setState({ ...state, page });
            statusLine.current?.focus();
          }}
        />
      </section>
    </>
  );
}
