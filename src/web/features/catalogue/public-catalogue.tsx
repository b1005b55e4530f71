import '../persons/persons.css';
import { Alert, Pagination } from 'antd';
import { useRef, useState } from 'react';
import { errorMessage } from '../../lib/use-form-errors';
import { CatalogueFilters, type CatalogueFilterValues } from './catalogue-filters';
import { ProgrammeFields } from './programme-fields';
import { usePublicCatalogue } from './use-catalogue';

const pageSize = 10;

/** The programmes in force, for anyone: each one a section with its own heading, read top to bottom. */
export function PublicCatalogue() {
  const [filters, setFilters] = useState<CatalogueFilterValues>({});
  const [page, setPage] = useState(1);
  const { status: _status, ...publicFilters } = filters;
  const list = usePublicCatalogue({ ...publicFilters, page, pageSize });
  const statusLine = useRef<HTMLParagraphElement>(null);
  const data = list.data;
  return (
    <>
      <CatalogueFilters
        name="public-catalogue-filters"
        initial={filters}
        withStatus={false}
        onSearch={(next) => {
          setFilters(next);
          setPage(1);
        }}
      />
      <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
        {list.isFetching
          ? '正在查询…'
          : data
            ? `共 ${data.total} 个现行有效的培训项目${data.total > pageSize ? `，当前第 ${page} 页` : ''}。`
            : ''}
      </p>
      {list.isError && <Alert type="error" role="alert" showIcon title={errorMessage(list.error)} />}
      {data?.items.length === 0 && <p>没有符合条件的项目。</p>}
      {data?.items.map((programme) => (
        <section
          key={`${programme.programmeCode}-${programme.edition}`}
          className="subform"
          aria-labelledby={`programme-${programme.programmeCode}`}
        >
          <h2 id={`programme-${programme.programmeCode}`}>{programme.name}</h2>
          <ProgrammeFields programme={programme} extra={[['施行日期', programme.effectiveFrom ?? '—']]} />
        </section>
      ))}
      {data && data.total > pageSize && (
        <nav aria-label="培训目录分页" className="table-pagination">
          <Pagination
            current={page}
            pageSize={pageSize}
            total={data.total}
            showSizeChanger={false}
            showTotal={(count) => `共 ${count} 项`}
            onChange={(next) => {
              setPage(next);
              statusLine.current?.focus();
            }}
          />
        </nav>
      )}
    </>
  );
}
