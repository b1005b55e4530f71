import '../persons/persons.css';
import './accreditation.css';
import { PlusOutlined } from '@ant-design/icons';
import { Form, Input } from 'antd';
import { Link } from 'react-router';
import type { AccreditationListQuery, AccreditationSummary } from '../../../shared/contracts/accreditation-contracts';
import {
  accreditationStatuses,
  accreditationStatusLabels,
  accreditationTierLabels,
  accreditationTiers,
  baseKindLabels,
  baseKinds,
} from '../../../shared/domain/accreditation';
import { chosen, FilterForm, filterOptions, RegionFilter } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { ListPagination, ListStatus, ResultsTable } from '../../components/paged-list';
import { useListState } from '../../lib/use-list-state';
import { useCurrentUser, userCan } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import { StatusTag, termText, tierText } from './accreditation-labels';
import { useAccreditationList } from './use-accreditation';

type Filters = Omit<AccreditationListQuery, 'page' | 'pageSize'>;
interface FormValues {
  regionCode?: string;
  status: string;
  tier: string;
  baseKind: string;
  q: string;
}

const statusOptions = filterOptions(accreditationStatuses, accreditationStatusLabels);
const tierOptions = filterOptions(accreditationTiers, accreditationTierLabels);
const kindOptions = filterOptions(baseKinds, baseKindLabels);
const pageSize = 20;

function fromForm(values: FormValues): Filters {
  return {
    regionCode: values.regionCode || undefined,
    status: chosen(values.status),
    tier: chosen(values.tier),
    baseKind: chosen(values.baseKind),
    q: values.q.trim() || undefined,
  };
}

const empty: FormValues = { regionCode: undefined, status: '', tier: '', baseKind: '', q: '' };

export function AccreditationList() {
  const user = useCurrentUser();
  const staff = user.kind === 'staff';
  const { root } = useRegionTree(staff ? (user.viewRegion?.code ?? user.region.code) : undefined);
  const { filters, page, statusLine, search, showPage } = useListState<Filters>();
  const list = useAccreditationList({ ...filters, page, pageSize });
  const data = list.data;

  return (
    <>
      <div className="toolbar">
        {userCan(user, 'accreditation.apply') && (
          <Link to="/accreditations/apply" className="link-button is-primary">
            <PlusOutlined aria-hidden /> 申请基地挂牌
          </Link>
        )}
      </div>
      <section aria-labelledby="accreditation-list-heading">
        <h2 id="accreditation-list-heading">筛选与列表</h2>
        <FilterForm<FormValues>
          label="筛选基地"
          name="accreditation-filters"
          initialValues={empty}
          emptyValues={empty}
          onSearch={(values) => {
            search(fromForm(values));
          }}
          onReset={() => {
            search({});
          }}
        >
          {staff && <RegionFilter root={root} />}
          <Form.Item name="status" label="状态">
            <NativeSelect options={statusOptions} />
          </Form.Item>
          <Form.Item name="tier" label="挂牌级别">
            <NativeSelect options={tierOptions} />
          </Form.Item>
          <Form.Item name="baseKind" label="基地类别">
            <NativeSelect options={kindOptions} />
          </Form.Item>
          <Form.Item name="q" label="关键字（基地、机构或牌匾编号）">
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
        </FilterForm>
        <ListStatus ref={statusLine} query={list} text={data ? `共找到 ${data.total} 条挂牌申请或认定记录。` : ''} />
        <AccreditationTable items={data?.items ?? []} busy={list.isFetching} caption={`基地挂牌认定（第 ${page} 页）`} />
        <ListPagination label="基地列表分页" page={page} pageSize={pageSize} total={data?.total ?? 0} unit="条" onChange={showPage} />
      </section>
    </>
  );
}

export function AccreditationTable({ items, busy, caption }: { items: AccreditationSummary[]; busy: boolean; caption: string }) {
  return (
    <ResultsTable
      caption={caption}
      headers={['基地名称', '培训机构', '所在县区', '基地类别', '挂牌级别', '牌匾编号', '有效期', '状态']}
      items={items}
      busy={busy}
      empty="没有符合条件的记录"
      row={(item) => (
        <>
          <th scope="row">
            <Link to={`/accreditations/${item.id}`}>{item.baseName}</Link>
          </th>
          <td>{item.institutionName}</td>
          <td>{item.countyName}</td>
          <td>{baseKindLabels[item.baseKind]}</td>
          <td>{item.tier ? tierText(item.tier) : `申请${tierText(item.requestedTier)}`}</td>
          <td>{item.plaqueNo ?? '—'}</td>
          <td>{termText(item.termStart, item.termEnd)}</td>
          <td>
            <StatusTag status={item.status} />
          </td>
        </>
      )}
    />
  );
}
