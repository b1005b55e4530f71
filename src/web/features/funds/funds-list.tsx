import '../persons/persons.css';
import { Form, Input } from 'antd';
import { Link } from 'react-router';
import { fundStatuses, fundStatusLabels } from '../../../shared/contracts/funds-contracts';
import { formatFen } from '../../../shared/domain/class-codes';
import { fundKindLabels, fundKinds } from '../../../shared/domain/subsidy-codes';
import { chosen, FilterForm, filterOptions, RegionFilter } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { ListPagination, ListStatus, ResultsTable } from '../../components/paged-list';
import { useListState } from '../../lib/use-list-state';
import { useCurrentUser, userCan } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import { type FundListQuery, useFundList } from './use-funds';

type Filters = Omit<FundListQuery, 'page' | 'pageSize'>;
interface FormValues {
  regionCode?: string;
  year: string;
  fundKind: string;
  status: string;
}

const empty: FormValues = { year: '', fundKind: '', status: '' };
const pageSize = 20;

/** 资金与预算: the funds of the regions in scope with budget, committed, paid and available money. */
export function FundsList() {
  const user = useCurrentUser();
  const { root } = useRegionTree(user.viewRegion?.code ?? user.region.code);
  const { filters, page, statusLine, search, showPage } = useListState<Filters>({ key: ['funds', 'list-state'] });
  const list = useFundList({ ...filters, page, pageSize });
  const data = list.data;
  return (
    <>
      <p className="button-row">
        {userCan(user, 'funds.write') && (
          <Link to="/funds/new" className="link-button is-primary">
            新建资金
          </Link>
        )}
        <Link to="/funds/reconciliation" className="link-button">
          资金对账
        </Link>
      </p>
      <section aria-labelledby="fund-list-heading">
        <h2 id="fund-list-heading">资金列表</h2>
        <FilterForm<FormValues>
          label="筛选资金"
          name="fund-filters"
          initialValues={empty}
          emptyValues={empty}
          onSearch={(v) =>
            search({
              regionCode: v.regionCode || undefined,
              year: /^\d{4}$/.test(v.year.trim()) ? Number(v.year.trim()) : undefined,
              fundKind: chosen(v.fundKind),
              status: chosen(v.status),
            })
          }
          onReset={() => search({})}
        >
          <RegionFilter root={root} />
          <Form.Item name="year" label="年度" rules={[{ pattern: /^\s*(\d{4})?\s*$/, message: '年度为 4 位数字，例如 2026' }]}>
            <Input inputMode="numeric" autoComplete="off" maxLength={4} />
          </Form.Item>
          <Form.Item name="fundKind" label="资金类别">
            <NativeSelect options={filterOptions(fundKinds, fundKindLabels)} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <NativeSelect options={filterOptions(fundStatuses, fundStatusLabels)} />
          </Form.Item>
        </FilterForm>
        <ListStatus ref={statusLine} query={list} text={data ? `共找到 ${data.total} 项资金。` : ''} />
        <ResultsTable
          caption={`资金（第 ${page} 页）`}
          headers={['资金', '区域', '年度', '类别', '预算', '已审定未支付', '已支付', '可用余额', '状态']}
          items={data?.items ?? []}
          busy={list.isFetching}
          empty="没有符合条件的资金"
          row={(f) => (
            <>
              <th scope="row">
                <Link to={`/funds/${f.id}`}>
                  {f.fundName}（{f.fundCode}）
                </Link>
              </th>
              <td>{f.regionName}</td>
              <td className="number-cell">{f.year}</td>
              <td>
                {fundKindLabels[f.fundKind]}
                {f.donor && `：${f.donor}`}
              </td>
              <td className="number-cell">{formatFen(f.position.budgetFen)}</td>
              <td className="number-cell">{formatFen(f.position.committedFen)}</td>
              <td className="number-cell">{formatFen(f.position.paidFen)}</td>
              <td className="number-cell">{formatFen(f.position.availableFen)}</td>
              <td>{fundStatusLabels[f.status]}</td>
            </>
          )}
        />
        <ListPagination label="资金列表分页" page={page} pageSize={pageSize} total={data?.total ?? 0} unit="项" onChange={showPage} />
      </section>
    </>
  );
}
