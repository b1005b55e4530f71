import { Alert } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../lib/use-form-errors';
import { AuditFilters, type AuditFilterValues } from './audit-filters';
import { AuditTable } from './audit-table';
import { useAuditSearch } from './use-audit';

export function AuditLog() {
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const search = useAuditSearch({ ...filters, ...paging });
  const data = search.data;

  return (
    <section aria-labelledby="audit-search-heading">
      <h2 id="audit-search-heading">查询记录</h2>
      <AuditFilters
        onSearch={(next) => {
          // 查询 with unchanged filters still means "show me the latest records": fetch again
          if (JSON.stringify(next) === JSON.stringify(filters) && paging.page === 1) void search.refetch();
          setFilters(next);
          setPaging((current) => ({ ...current, page: 1 }));
        }}
      />
      <p role="status" className="list-status">
        {search.isFetching ? '正在查询…' : data ? `共找到 ${data.total} 条记录。` : ''}
      </p>
      {search.isError && <Alert type="error" role="alert" showIcon title={errorMessage(search.error)} />}
      <AuditTable
        entries={data?.items ?? []}
        total={data?.total ?? 0}
        page={paging.page}
        pageSize={paging.pageSize}
        loading={search.isFetching}
        onPageChange={(page, pageSize) => setPaging({ page, pageSize })}
      />
    </section>
  );
}
