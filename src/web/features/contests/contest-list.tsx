import '../persons/persons.css';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Form, Input, Pagination } from 'antd';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { contestLevelLabels, contestLevels, contestStatusLabels, contestStatuses } from '../../../shared/domain/contest-codes';
import { FilterActions } from '../../components/filter-actions';
import { NativeSelect } from '../../components/native-select';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { type ContestListQuery, useContestList } from './use-contests';

type Filters = Omit<ContestListQuery, 'page' | 'pageSize'>;
const pageSize = 20;
const all = { value: '', label: '全部' };
const levelOptions = [all, ...contestLevels.map((value) => ({ value, label: contestLevelLabels[value] }))];
const statusOptions = [all, ...contestStatuses.map((value) => ({ value, label: contestStatusLabels[value] }))];

/** Contests the account sees: its region's and those organised above it (which take its entrants). */
export function ContestList() {
  const user = useCurrentUser();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const list = useContestList({ ...filters, page, pageSize });
  const [form] = Form.useForm<{ q: string; level: string; status: string }>();
  const statusLine = useRef<HTMLParagraphElement>(null);
  const captionId = useId();
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
        <div role="search" aria-label="筛选竞赛" className="filter-search">
          <Form
            form={form}
            name="contest-filters"
            layout="vertical"
            className="filter-form"
            initialValues={{ q: '', level: '', status: '' }}
            onFinish={(values) => {
              setFilters({
                q: values.q.trim() || undefined,
                level: (values.level || undefined) as Filters['level'],
                status: (values.status || undefined) as Filters['status'],
              });
              setPage(1);
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
            <FilterActions
              onReset={() => {
                form.resetFields();
                setFilters({});
                setPage(1);
              }}
            />
          </Form>
        </div>
        <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
          {list.isFetching ? '正在查询…' : data ? `共找到 ${data.total} 个竞赛。` : ''}
        </p>
        {list.isError && <Alert type="error" role="alert" showIcon title={errorMessage(list.error)} />}
        <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="data-table" aria-busy={list.isFetching}>
            <caption id={captionId}>竞赛列表</caption>
            <thead>
              <tr>
                <th scope="col">竞赛名称</th>
                <th scope="col">级别</th>
                <th scope="col">主办地区</th>
                <th scope="col">竞赛项目</th>
                <th scope="col">比赛日期</th>
                <th scope="col">本辖区参赛人数</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {(data?.items ?? []).length === 0 ? (
                <tr>
                  <td colSpan={7} className="empty-cell">
                    {list.isFetching ? '正在查询…' : '没有符合条件的竞赛'}
                  </td>
                </tr>
              ) : (
                data!.items.map((contest) => (
                  <tr key={contest.id}>
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
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        {data && data.total > pageSize && (
          <nav aria-label="竞赛列表分页" className="table-pagination">
            <Pagination
              current={page}
              pageSize={pageSize}
              total={data.total}
              showSizeChanger={false}
              onChange={(next) => {
                setPage(next);
                statusLine.current?.focus();
              }}
            />
          </nav>
        )}
      </section>
    </>
  );
}
