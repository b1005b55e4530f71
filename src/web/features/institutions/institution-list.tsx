import '../persons/persons.css';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { institutionStatuses, type InstitutionStatus } from '../../../shared/domain/institution-codes';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import { InstitutionFilters, type InstitutionFilterValues } from './institution-filters';
import { InstitutionsTable } from './institutions-table';
import { useInstitutionList } from './use-institutions';

interface ListState {
  filters: InstitutionFilterValues;
  page: number;
}

const pageSize = 20;
// kept in the query cache, so the filters survive a visit to a detail page and are gone when the account changes
const stateKey = ['institutions', 'list-state'] as const;

export function InstitutionList() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const { root } = useRegionTree(user.viewRegion?.code ?? user.region.code);
  const [searchParams] = useSearchParams();
  const [state, setStateRaw] = useState<ListState>(() => {
    // a link (e.g. the home page's task) may name a status; otherwise the filters of the last visit
    const status = searchParams.get('status');
    if (status && (institutionStatuses as readonly string[]).includes(status)) {
      return { filters: { status: status as InstitutionStatus }, page: 1 };
    }
    return queryClient.getQueryData<ListState>(stateKey) ?? { filters: {}, page: 1 };
  });
  const list = useInstitutionList({ ...state.filters, page: state.page, pageSize });
  const statusLine = useRef<HTMLParagraphElement>(null);

  const setState = (next: ListState) => {
    queryClient.setQueryData(stateKey, next);
    setStateRaw(next);
  };
  const data = list.data;

  return (
    <>
      {userCan(user, 'institutions.write') && (
        <div className="toolbar">
          <Link to="/institutions/new" className="link-button is-primary">
            <PlusOutlined aria-hidden /> 登记培训机构
          </Link>
        </div>
      )}
      <section aria-labelledby="institution-list-heading">
        <h2 id="institution-list-heading">筛选与列表</h2>
        <InstitutionFilters regionRoot={root} initial={state.filters} onSearch={(filters) => setState({ filters, page: 1 })} />
        <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
          {list.isFetching
            ? '正在查询…'
            : data
              ? `共找到 ${data.total} 家培训机构${data.total > pageSize ? `，当前第 ${state.page} 页` : ''}。`
              : ''}
        </p>
        {list.isError && <Alert type="error" role="alert" showIcon title={errorMessage(list.error)} />}
        <InstitutionsTable
          institutions={data?.items ?? []}
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
