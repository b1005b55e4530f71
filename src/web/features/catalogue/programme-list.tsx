import '../persons/persons.css';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ListStatus } from '../../components/paged-list';
import { useListState } from '../../lib/use-list-state';
import { useCurrentUser, userCan } from '../auth/use-session';
import { CatalogueFilters, type CatalogueFilterValues } from './catalogue-filters';
import { ProgrammesTable } from './programmes-table';
import { useProgrammeList } from './use-catalogue';

const pageSize = 20;
const stateKey = ['catalogue', 'list-state'] as const;

/** The staff list of programme versions, with the filters kept in the query cache between pages. */
export function ProgrammeList() {
  const user = useCurrentUser();
  const { filters, page, statusLine, search, showPage } = useListState<CatalogueFilterValues>({ key: stateKey });
  const list = useProgrammeList({ ...filters, page, pageSize });
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
        <CatalogueFilters name="catalogue-filters" initial={filters} withStatus onSearch={search} />
        <ListStatus
          ref={statusLine}
          query={list}
          text={data ? `共找到 ${data.total} 个项目版本${data.total > pageSize ? `，当前第 ${page} 页` : ''}。` : ''}
        />
        <ProgrammesTable
          programmes={data?.items ?? []}
          total={data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          busy={list.isFetching}
          onPageChange={showPage}
        />
      </section>
    </>
  );
}
