import '../persons/persons.css';
import { ListPagination, ListStatus } from '../../components/paged-list';
import { useListState } from '../../lib/use-list-state';
import { CatalogueFilters, type CatalogueFilterValues } from './catalogue-filters';
import { ProgrammeFields } from './programme-fields';
import { usePublicCatalogue } from './use-catalogue';

const pageSize = 10;

/** The programmes in force, for anyone: each one a section with its own heading, read top to bottom. */
export function PublicCatalogue() {
  const { filters, page, statusLine, search, showPage } = useListState<CatalogueFilterValues>();
  const { status: _status, ...publicFilters } = filters;
  const list = usePublicCatalogue({ ...publicFilters, page, pageSize });
  const data = list.data;
  return (
    <>
      <CatalogueFilters name="public-catalogue-filters" initial={filters} withStatus={false} onSearch={search} />
      <ListStatus
        ref={statusLine}
        query={list}
        text={data ? `共 ${data.total} 个现行有效的培训项目${data.total > pageSize ? `，当前第 ${page} 页` : ''}。` : ''}
      />
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
      <ListPagination label="培训目录分页" page={page} pageSize={pageSize} total={data?.total ?? 0} unit="项" onChange={showPage} />
    </>
  );
}
