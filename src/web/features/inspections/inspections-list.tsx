import '../persons/persons.css';
import './inspections.css';
import { Form } from 'antd';
import { Link } from 'react-router';
import type { InspectionListQuery } from './use-inspections';
import {
  inspectionKindLabels,
  inspectionKinds,
  inspectionStatuses,
  inspectionStatusLabels,
} from '../../../shared/domain/inspection-status';
import { chosen, FilterForm, filterOptions } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { ListPagination, ListStatus, ResultsTable } from '../../components/paged-list';
import { useListState } from '../../lib/use-list-state';
import { useCurrentUser, userCan } from '../auth/use-session';
import { DrawSection } from './draw-section';
import { dueText, InspectionStatusTag } from './inspection-labels';
import { useInspectionList } from './use-inspections';

type Filters = Omit<InspectionListQuery, 'page' | 'pageSize'>;
interface FormValues {
  status: string;
  inspectionKind: string;
  rectificationOverdue: string;
}

const empty: FormValues = { status: '', inspectionKind: '', rectificationOverdue: '' };
const pageSize = 20;

function fromForm(values: FormValues): Filters {
  return {
    status: chosen(values.status),
    inspectionKind: chosen(values.inspectionKind),
    rectificationOverdue: values.rectificationOverdue === 'true' ? 'true' : undefined,
  };
}

/** The 过程检查 page: the random draw for staff who manage inspections, then the filtered list. */
export function InspectionsList() {
  const user = useCurrentUser();
  const { filters, page, statusLine, search, showPage } = useListState<Filters>({ key: ['inspections', 'list-state'] });
  const list = useInspectionList({ ...filters, page, pageSize });
  const data = list.data;

  return (
    <>
      {userCan(user, 'inspections.manage') && <DrawSection />}
      <section aria-labelledby="inspection-list-heading">
        <h2 id="inspection-list-heading">检查列表</h2>
        <FilterForm<FormValues>
          label="筛选过程检查"
          name="inspection-filters"
          initialValues={empty}
          emptyValues={empty}
          onSearch={(values) => search(fromForm(values))}
          onReset={() => search({})}
        >
          <Form.Item name="status" label="状态">
            <NativeSelect options={filterOptions(inspectionStatuses, inspectionStatusLabels)} />
          </Form.Item>
          <Form.Item name="inspectionKind" label="检查方式">
            <NativeSelect options={filterOptions(inspectionKinds, inspectionKindLabels)} />
          </Form.Item>
          <Form.Item name="rectificationOverdue" label="整改逾期">
            <NativeSelect
              options={[
                { value: '', label: '全部' },
                { value: 'true', label: '只看整改已逾期' },
              ]}
            />
          </Form.Item>
        </FilterForm>
        <ListStatus ref={statusLine} query={list} text={data ? `共找到 ${data.total} 次检查。` : ''} />
        <ResultsTable
          caption={`过程检查（第 ${page} 页）`}
          headers={['培训班', '培训机构', '检查方式', '计划检查日期', '检查日期', '状态', '整改期限']}
          items={data?.items ?? []}
          busy={list.isFetching}
          empty="没有符合条件的检查"
          row={(item) => (
            <>
              <th scope="row">
                <Link to={`/inspections/${item.id}`}>
                  {item.className}（{item.classNo}）
                </Link>
              </th>
              <td>{item.institutionName}</td>
              <td>{inspectionKindLabels[item.kind]}</td>
              <td>{item.plannedOn}</td>
              <td>{item.inspectedOn ?? '—'}</td>
              <td>
                <InspectionStatusTag status={item.status} />
              </td>
              <td className={item.rectificationOverdue ? 'state-overdue' : undefined}>
                {dueText(item.rectificationDueOn, item.rectificationOverdue)}
              </td>
            </>
          )}
        />
        <ListPagination label="过程检查列表分页" page={page} pageSize={pageSize} total={data?.total ?? 0} unit="次" onChange={showPage} />
      </section>
    </>
  );
}
