import '../persons/persons.css';
import { Form, Input } from 'antd';
import { Link } from 'react-router';
import { formatFen } from '../../../shared/domain/class-codes';
import { batchStatuses, batchStatusLabels } from '../../../shared/domain/subsidy-codes';
import { chosen, FilterForm, filterOptions } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { ListPagination, ListStatus, ResultsTable } from '../../components/paged-list';
import { formatDateTime } from '../../lib/formatters';
import { useListState } from '../../lib/use-list-state';
import { useCurrentUser, userCan } from '../auth/use-session';
import { type BatchListQuery, useBatchList } from './use-payments';

type Filters = Omit<BatchListQuery, 'page' | 'pageSize'>;
interface FormValues {
  status: string;
  q: string;
}

const empty: FormValues = { status: '', q: '' };
const pageSize = 20;

/** 支付批次: the batches of the paying regions in the account's scope, newest first. */
export function BatchesList() {
  const user = useCurrentUser();
  const { filters, page, statusLine, search, showPage } = useListState<Filters>({ key: ['payment-batches', 'list-state'] });
  const list = useBatchList({ ...filters, page, pageSize });
  const data = list.data;
  return (
    <section aria-labelledby="batch-list-heading">
      <h2 id="batch-list-heading">批次列表</h2>
      {userCan(user, 'payments.manage') && (
        <p>
          <Link to="/subsidies/batches/new" className="link-button is-primary">
            编制支付批次
          </Link>
        </p>
      )}
      <FilterForm<FormValues>
        label="筛选支付批次"
        name="batch-filters"
        initialValues={empty}
        emptyValues={empty}
        onSearch={(values) => search({ status: chosen(values.status), q: values.q.trim() || undefined } as Filters)}
        onReset={() => search({})}
      >
        <Form.Item name="status" label="状态">
          <NativeSelect options={filterOptions(batchStatuses, batchStatusLabels)} />
        </Form.Item>
        <Form.Item name="q" label="批次号">
          <Input maxLength={50} />
        </Form.Item>
      </FilterForm>
      <ListStatus ref={statusLine} query={list} text={data ? `共找到 ${data.total} 个支付批次。` : ''} />
      <ResultsTable
        caption={`支付批次（第 ${page} 页）`}
        headers={['批次号', '资金', '付款单位', '申领数', '合计金额', '状态', '编制人', '编制时间', '凭证号']}
        items={data?.items ?? []}
        busy={list.isFetching}
        empty="没有符合条件的支付批次"
        row={(item) => (
          <>
            <th scope="row">
              <Link to={`/subsidies/batches/${item.id}`}>{item.batchNo}</Link>
            </th>
            <td>
              {item.fundName}（{item.fundCode}）
            </td>
            <td>{item.regionName}</td>
            <td>{item.claimCount}</td>
            <td>{formatFen(item.totalFen)}</td>
            <td>{batchStatusLabels[item.status]}</td>
            <td>{item.createdByName ?? '—'}</td>
            <td>{formatDateTime(item.createdAt)}</td>
            <td>{item.voucherRef ?? '—'}</td>
          </>
        )}
      />
      <ListPagination label="支付批次列表分页" page={page} pageSize={pageSize} total={data?.total ?? 0} unit="个" onChange={showPage} />
    </section>
  );
}
