import '../persons/persons.css';
import './trainers.css';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ListStatus } from '../../components/paged-list';
import { useListState } from '../../lib/use-list-state';
import { useCurrentUser, userCan } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import { TrainerFilters, type TrainerFilterValues } from './trainer-filters';
import { TrainersTable } from './trainers-table';
import { useInstitutionOptions, useTrainerList } from './use-trainers';

const pageSize = 20;
// kept in the query cache (not the address bar: a name is personal data), so a visit to a detail page keeps them
const stateKey = ['trainers', 'list-state'] as const;

export function TrainerList() {
  const user = useCurrentUser();
  const staff = user.kind === 'staff';
  const { root } = useRegionTree(user.viewRegion?.code ?? user.region.code);
  const institutions = useInstitutionOptions(staff);
  const { filters, page, statusLine, search, showPage } = useListState<TrainerFilterValues>({ key: stateKey });
  const list = useTrainerList({ ...filters, page, pageSize });
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
          initial={filters}
          onSearch={search}
        />
        <ListStatus
          ref={statusLine}
          query={list}
          text={data ? `共找到 ${data.total} 名师资${data.total > pageSize ? `，当前第 ${page} 页` : ''}。` : ''}
        />
        <TrainersTable
          caption="师资列表"
          trainers={data?.items ?? []}
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
