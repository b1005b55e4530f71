import '../persons/persons.css';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { CatalogueFilters, type CatalogueFilterValues } from './catalogue-filters';
import { ProgrammesTable } from './programmes-table';
import { useProgrammeList } from './use-catalogue';

interface ListState {
  filters: CatalogueFilterValues;
  page: number;
}

const pageSize = 20;
const stateKey = ['catalogue', 'list-state'] as const;

/** The staff list of programme versions, with the filters kept in the query cache between pages. */
export function ProgrammeList() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [state, setStateRaw] = useState<ListState>(() => queryClient.getQueryData<ListState>(stateKey) ?? { filters: {}, page: 1 });
  const list = useProgrammeList({ ...state.filters, page: state.page, pageSize });
  const statusLine = useRef<HTMLParagraphElement>(null);
  const setState = (next: ListState) => {
    queryClient.setQueryData(stateKey, next);
    setStateRaw(next);
  };
  const maintains = userCan(user, 'catalogue.write') && user.kind === 'staff' && user.region.level !== 'county';
  const data = list.data;

  return (
    <>
      {maintains && (
        <div className="toolbar">
          <Link to="/catalogue/new" className="link-button is-primary">
            <PlusOutlined aria-hidden /> 新增目录项目
          </Link>
        </div>
      )}
      <section aria-labelledby="catalogue-list-heading">
        <h2 id="catalogue-list-heading">筛选与列表</h2>
        <CatalogueFilters
          name="catalogue-filters"
          initial={state.filters}
          withStatus
          onSearch={(filters) => setState({ filters, page: 1 })}
        />
        <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
          {list.isFetching
            ? '正在查询…'
            : data
              ? `共找到 ${data.total} 个项目版本${data.total > pageSize ? `，当前第 ${state.page} 页` : ''}。`
              : ''}
        </p>
        {list.isError && <Alert type="error" role="alert" showIcon title={errorMessage(list.error)} />}
        <ProgrammesTable
          programmes={data?.items ?? []}
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
