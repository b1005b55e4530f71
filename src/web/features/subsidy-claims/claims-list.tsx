import '../persons/persons.css';
import './subsidy-claims.css';
import { Form, Input } from 'antd';
import { Link } from 'react-router';
import { skillLevelLabels } from '../../../shared/domain/catalogue-codes';
import { formatFen } from '../../../shared/domain/class-codes';
import { claimStatuses, claimStatusLabels } from '../../../shared/domain/subsidy-codes';
import { chosen, FilterForm, filterOptions } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { ListPagination, ListStatus, ResultsTable } from '../../components/paged-list';
import { useListState } from '../../lib/use-list-state';
import { type ClaimListQuery, useClaimList } from './use-claims';

type Filters = Omit<ClaimListQuery, 'page' | 'pageSize'>;
interface FormValues {
  status: string;
  year: string;
  claimNo: string;
  countyCode: string;
  overdue: string;
}

const empty: FormValues = { status: '', year: '', claimNo: '', countyCode: '', overdue: '' };
const pageSize = 20;

function fromForm(values: FormValues): Filters {
  const year = values.year.trim();
  const county = values.countyCode.trim();
  return {
    status: chosen(values.status),
    year: /^\d{4}$/.test(year) ? Number(year) : undefined,
    claimNo: values.claimNo.trim() || undefined,
    countyCode: /^\d{6}$/.test(county) ? county : undefined,
    overdue: values.overdue === 'true' ? 'true' : undefined,
  };
}

/** The submission date, with “已逾期” in words (not colour alone) while the claim is still with the institution. */
export function dueText(submitDueOn: string, overdue: boolean): string {
  return overdue ? `${submitDueOn}（已逾期）` : submitDueOn;
}

/** Subsidy claims: an institution's own, or those in the staff member's scope. */
export function ClaimsList({ isInstitution }: { isInstitution: boolean }) {
  const { filters, page, statusLine, search, showPage } = useListState<Filters>({ key: ['subsidy-claims', 'list-state'] });
  const list = useClaimList({ ...filters, page, pageSize });
  const data = list.data;

  return (
    <section aria-labelledby="claim-list-heading">
      <h2 id="claim-list-heading">申领列表</h2>
      <FilterForm<FormValues>
        label="筛选补贴申领"
        name="claim-filters"
        initialValues={empty}
        emptyValues={empty}
        onSearch={(values) => search(fromForm(values))}
        onReset={() => search({})}
      >
        <Form.Item name="status" label="状态">
          <NativeSelect options={filterOptions(claimStatuses, claimStatusLabels)} />
        </Form.Item>
        <Form.Item name="claimNo" label="申领编号">
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="year" label="培训年度" extra="4 位年份，如 2026">
          <Input inputMode="numeric" maxLength={4} autoComplete="off" />
        </Form.Item>
        {!isInstitution && (
          <Form.Item name="countyCode" label="县区代码" extra="6 位区划代码，如 620102">
            <Input inputMode="numeric" maxLength={6} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="overdue" label="申领期限">
          <NativeSelect
            options={[
              { value: '', label: '全部' },
              { value: 'true', label: '只看已超过申领期限、尚未提交的' },
            ]}
          />
        </Form.Item>
      </FilterForm>
      <ListStatus ref={statusLine} query={list} text={data ? `共找到 ${data.total} 条申领。` : ''} />
      <ResultsTable
        caption={`补贴申领（第 ${page} 页）`}
        headers={[
          '申领编号',
          '学员',
          '培训班',
          ...(isInstitution ? [] : ['培训机构', '县区']),
          '职业与等级',
          '申领金额',
          '状态',
          '提交期限',
        ]}
        items={data?.items ?? []}
        busy={list.isFetching}
        empty="没有符合条件的申领"
        row={(item) => (
          <>
            <th scope="row">
              <Link to={`/subsidies/claims/${item.id}`}>{item.claimNo}</Link>
            </th>
            <td>{item.personName}</td>
            <td>
              <Link to={`/classes/${item.classId}`}>
                {item.className}（{item.classNo}）
              </Link>
            </td>
            {!isInstitution && (
              <>
                <td>{item.institutionName}</td>
                <td>{item.countyName}</td>
              </>
            )}
            <td>
              {item.occupation} {skillLevelLabels[item.skillLevel]}
            </td>
            <td className="number-cell">{formatFen(item.amountFen)}</td>
            <td>{claimStatusLabels[item.status]}</td>
            <td className={item.overdue ? 'state-overdue' : undefined}>{dueText(item.submitDueOn, item.overdue)}</td>
          </>
        )}
      />
      <ListPagination label="补贴申领列表分页" page={page} pageSize={pageSize} total={data?.total ?? 0} unit="条" onChange={showPage} />
    </section>
  );
}
