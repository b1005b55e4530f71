import '../persons/persons.css';
import './classes.css';
import { PlusOutlined } from '@ant-design/icons';
import { Form, Input } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { ClassListQuery, ClassSummary } from '../../../shared/contracts/classes-contracts';
import { classTrainingTypeLabels, classTrainingTypes, type ClassTrainingType } from '../../../shared/domain/class-codes';
import { classStatuses, classStatusLabels, type ClassStatus } from '../../../shared/domain/class-status';
import { todayInChina } from '../../../shared/domain/person-validation';
import { anyOption, chosen, FilterForm, filterOptions } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { ListPagination, ListStatus, ResultsTable } from '../../components/paged-list';
import { useListState } from '../../lib/use-list-state';
import { useCurrentUser, userCan } from '../auth/use-session';
import { ClassStatusTag, dateRange, ReviewDue } from './class-labels';
import { useClassList } from './use-classes';

type Filters = Omit<ClassListQuery, 'page' | 'pageSize'>;
interface FormValues {
  status: string;
  trainingYear: string;
  trainingType: string;
  q: string;
}

const pageSize = 20;
// kept in the query cache (not the address bar), so a visit to a class and back keeps them
const stateKey = ['classes', 'list-state'] as const;
const statusOptions = filterOptions(classStatuses, classStatusLabels);
const typeOptions = filterOptions(classTrainingTypes, classTrainingTypeLabels);

function yearOptions() {
  const next = Number(todayInChina().slice(0, 4)) + 1;
  return [anyOption, ...Array.from({ length: 7 }, (_, i) => String(next - i)).map((y) => ({ value: y, label: `${y} 年` }))];
}

function toForm(filters: Filters): FormValues {
  return {
    status: filters.status ?? '',
    trainingYear: filters.trainingYear === undefined ? '' : String(filters.trainingYear),
    trainingType: filters.trainingType ?? '',
    q: filters.q ?? '',
  };
}

function fromForm(values: FormValues): Filters {
  return {
    status: chosen<ClassStatus>(values.status),
    trainingYear: values.trainingYear ? Number(values.trainingYear) : undefined,
    trainingType: chosen<ClassTrainingType>(values.trainingType),
    q: values.q.trim() || undefined,
  };
}

const empty: FormValues = { status: '', trainingYear: '', trainingType: '', q: '' };

/** A link may name a status (?status=submitted, e.g. from the home page); it wins over the kept filters. */
function statusFromAddress(value: string | null): ClassStatus | undefined {
  return classStatuses.find((s) => s === value);
}

export function ClassList() {
  const user = useCurrentUser();
  const institution = user.kind === 'institution';
  const [params] = useSearchParams();
  const linkedStatus = statusFromAddress(params.get('status'));
  const { filters, page, statusLine, search, showPage } = useListState<Filters>({
    key: stateKey,
    start: linkedStatus ? { filters: { status: linkedStatus }, page: 1 } : undefined,
  });
  const list = useClassList({ ...filters, page, pageSize });
  const data = list.data;

  return (
    <>
      <div className="toolbar">
        {userCan(user, 'classes.apply') && (
          <Link to="/classes/new" className="link-button is-primary">
            <PlusOutlined aria-hidden /> 填写开班申请
          </Link>
        )}
        {userCan(user, 'classes.review') && (
          <Link to="/classes/review" className="link-button">
            开班与结业审核
          </Link>
        )}
      </div>
      <section aria-labelledby="class-list-heading">
        <h2 id="class-list-heading">筛选与列表</h2>
        <FilterForm<FormValues>
          label="筛选培训班"
          name="class-filters"
          initialValues={toForm(filters)}
          emptyValues={empty}
          onSearch={(values) => search(fromForm(values))}
          onReset={() => search({})}
        >
          <Form.Item name="status" label="状态">
            <NativeSelect options={statusOptions} />
          </Form.Item>
          <Form.Item name="trainingYear" label="培训年度">
            <NativeSelect options={yearOptions()} />
          </Form.Item>
          <Form.Item name="trainingType" label="培训类型">
            <NativeSelect options={typeOptions} />
          </Form.Item>
          <Form.Item name="q" label="关键字（班级名称或班级编号）">
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
        </FilterForm>
        <ListStatus
          ref={statusLine}
          query={list}
          text={data ? `共找到 ${data.total} 个培训班${data.total > pageSize ? `，当前第 ${page} 页` : ''}。` : ''}
        />
        <ClassTable
          items={data?.items ?? []}
          busy={list.isFetching}
          caption={institution ? '本机构的培训班' : '培训班列表'}
          showInstitution={!institution}
        />
        <ListPagination label="培训班列表分页" page={page} pageSize={pageSize} total={data?.total ?? 0} unit="个" onChange={showPage} />
      </section>
    </>
  );
}

function ClassTable({
  items,
  busy,
  caption,
  showInstitution,
}: {
  items: ClassSummary[];
  busy: boolean;
  caption: string;
  showInstitution: boolean;
}) {
  const headers = [
    '培训班',
    '班级编号',
    ...(showInstitution ? ['培训机构'] : []),
    '培训项目',
    '培训类型',
    '培训日期',
    '计划/已录取人数',
    '状态',
    '审核到期',
  ];
  return (
    <ResultsTable
      caption={caption}
      headers={headers}
      items={items}
      busy={busy}
      empty="没有符合条件的培训班"
      row={(item) => (
        <>
          <th scope="row">
            <Link to={`/classes/${item.id}`}>{item.name}</Link>
          </th>
          <td className="number-cell">{item.classNo}</td>
          {showInstitution && (
            <td>
              {item.institutionName}（{item.countyName}）
            </td>
          )}
          <td>{item.programmeName}</td>
          <td>{classTrainingTypeLabels[item.trainingType]}</td>
          <td>{dateRange(item.startsOn, item.endsOn)}</td>
          <td className="count-cell">
            {item.plannedSize} / {item.enrolledCount}
          </td>
          <td>
            <ClassStatusTag status={item.status} />
          </td>
          <td>
            <ReviewDue dueOn={item.reviewDueOn} overdue={item.overdue} />
          </td>
        </>
      )}
    />
  );
}
