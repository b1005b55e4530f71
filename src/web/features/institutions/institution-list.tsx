import '../persons/persons.css';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { institutionStatuses, type InstitutionStatus } from '../../../shared/domain/institution-codes';
import { ListStatus } from '../../components/paged-list';
import { useListState } from '../../lib/use-list-state';
import { useCurrentUser, userCan } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import { InstitutionFilters, type InstitutionFilterValues } from './institution-filters';
import { InstitutionsTable } from './institutions-table';
import { useInstitutionList } from './use-institutions';

const pageSize = 20;
// kept in the query cache, so the filters survive a visit to a detail page and are gone when the account changes
const stateKey = ['institutions', 'list-state'] as const;

export function InstitutionList() {
  const user = useCurrentUser();
  const { root } = useRegionTree(user.viewRegion?.code ?? user.region.code);
  const [searchParams] = useSearchParams();
  // a link (e.g. the home page's task) may name a status; otherwise the filters of the last visit
  const status = searchParams.get('status');
  const { filters, page, statusLine, search, showPage } = useListState<InstitutionFilterValues>({
    key: stateKey,
    start:
      status && (institutionStatuses as readonly string[]).includes(status)
        ? { filters: { status: status as InstitutionStatus }, page: 1 }
        : undefined,
  });
  const list = useInstitutionList({ ...filters, page, pageSize });
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
        <InstitutionFilters regionRoot={root} initial={filters} onSearch={search} />
        <ListStatus
          ref={statusLine}
          query={list}
          text={data ? `共找到 ${data.total} 家培训机构${data.total > pageSize ? `，当前第 ${page} 页` : ''}。` : ''}
        />
        <InstitutionsTable
          institutions={data?.items ?? []}
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
