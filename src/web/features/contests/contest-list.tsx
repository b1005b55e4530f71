import '../persons/persons.css';
import { PlusOutlined } from '@ant-design/icons';
import { Form, Input } from 'antd';
import { Link } from 'react-router';
import { contestLevelLabels, contestLevels, contestStatusLabels, contestStatuses } from '../../../shared/domain/contest-codes';
import { chosen, FilterForm, filterOptions } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { ListPagination, ListStatus, ResultsTable } from '../../components/paged-list';
import { useListState } from '../../lib/use-list-state';
import { useCurrentUser, userCan } from '../auth/use-session';
import { type ContestListQuery, useContestList } from './use-contests';

type Filters = Omit<ContestListQuery, 'page' | 'pageSize'>;
interface FormValues {
  q: string;
  level: string;
  status: string;
}
const pageSize = 20;
const levelOptions = filterOptions(contestLevels, contestLevelLabels);
const statusOptions = filterOptions(contestStatuses, contestStatusLabels);
const empty: FormValues = { q: '', level: '', status: '' };

/** Contests the account sees: its region's and those organised above it (which take its entrants). */
export function ContestList() {
  const user = useCurrentUser();
  const { filters, page, statusLine, search, showPage } = useListState<Filters>();
  const list = useContestList({ ...filters, page, pageSize });
  const data = list.data;
  return (
    <>
      {userCan(user, 'contests.write') && (
        <div className="toolbar">
          <Link to="/contests/new" className="link-button is-primary">
            <PlusOutlined aria-hidden /> 登记竞赛
          </Link>
        </div>
      )}
      <section aria-labelledby="contest-list-heading">
        <h2 id="contest-list-heading">筛选与列表</h2>
        <FilterForm<FormValues>
          label="筛选竞赛"
          name="contest-filters"
          initialValues={empty}
          onSearch={(values) => {
            search({ q: values.q.trim() || undefined, level: chosen(values.level), status: chosen(values.status) });
          }}
          onReset={() => {
            search({});
          }}
        >
          <Form.Item name="q" label="竞赛名称">
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
          <Form.Item name="level" label="竞赛级别">
            <NativeSelect options={levelOptions} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <NativeSelect options={statusOptions} />
          </Form.Item>
        </FilterForm>
        <ListStatus ref={statusLine} query={list} text={data ? `共找到 ${data.total} 个竞赛。` : ''} />
        <ResultsTable
          caption="竞赛列表"
          headers={['竞赛名称', '级别', '主办地区', '竞赛项目', '比赛日期', '本辖区参赛人数', '状态']}
          items={data?.items ?? []}
          busy={list.isFetching}
          empty="没有符合条件的竞赛"
          row={(contest) => (
            <>
              <th scope="row">
                <Link to={`/contests/${contest.id}`}>{contest.name}</Link>
              </th>
              <td>{contestLevelLabels[contest.level]}</td>
              <td>{contest.regionName}</td>
              <td>{contest.occupations.join('、')}</td>
              <td>
                {contest.startsOn} 至 {contest.endsOn}
              </td>
              <td>{contest.entrantCount}</td>
              <td>{contestStatusLabels[contest.status]}</td>
            </>
          )}
        />
        <ListPagination label="竞赛列表分页" page={page} pageSize={pageSize} total={data?.total ?? 0} onChange={showPage} />
      </section>
    </>
  );
}
