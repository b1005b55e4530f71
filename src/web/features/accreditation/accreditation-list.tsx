import '../persons/persons.css';
import './accreditation.css';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Form, Input, Pagination } from 'antd';
import { useId, useRef, useState } from 'react';
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
import { FilterActions } from '../../components/filter-actions';
import { NativeSelect } from '../../components/native-select';
import { RegionPicker } from '../../components/region-picker';
import { errorMessage } from '../../lib/use-form-errors';
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

const all = { value: '', label: '全部' };
const statusOptions = [all, ...accreditationStatuses.map((s) => ({ value: s, label: accreditationStatusLabels[s] }))];
const tierOptions = [all, ...accreditationTiers.map((t) => ({ value: t, label: accreditationTierLabels[t] }))];
const kindOptions = [all, ...baseKinds.map((k) => ({ value: k, label: baseKindLabels[k] }))];
const pageSize = 20;

function fromForm(values: FormValues): Filters {
  const pick = <T,>(value: string) => (value === '' ? undefined : (value as T));
  return {
    regionCode: values.regionCode || undefined,
    status: pick(values.status),
    tier: pick(values.tier),
    baseKind: pick(values.baseKind),
    q: values.q.trim() || undefined,
  };
}

const empty: FormValues = { regionCode: undefined, status: '', tier: '', baseKind: '', q: '' };

export function AccreditationList() {
  const user = useCurrentUser();
  const staff = user.kind === 'staff';
  const { root } = useRegionTree(staff ? (user.viewRegion?.code ?? user.region.code) : undefined);
  const [form] = Form.useForm<FormValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const list = useAccreditationList({ ...filters, page, pageSize });
  const statusLine = useRef<HTMLParagraphElement>(null);
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
        <div role="search" aria-label="筛选基地" className="filter-search">
          <Form
            form={form}
            name="accreditation-filters"
            layout="vertical"
            className="filter-form"
            requiredMark={false}
            initialValues={empty}
            onFinish={(values) => {
              setFilters(fromForm(values));
              setPage(1);
            }}
          >
            {staff && (
              <Form.Item name="regionCode" label="区域">
                <RegionPicker root={root} allowAll />
              </Form.Item>
            )}
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
            <FilterActions
              onReset={() => {
                form.setFieldsValue(empty);
                setFilters({});
                setPage(1);
              }}
            />
          </Form>
        </div>
        <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
          {list.isFetching ? '正在查询…' : data ? `共找到 ${data.total} 条挂牌申请或认定记录。` : ''}
        </p>
        {list.isError && <Alert type="error" role="alert" showIcon title={errorMessage(list.error)} />}
        <AccreditationTable items={data?.items ?? []} busy={list.isFetching} caption={`基地挂牌认定（第 ${page} 页）`} />
        {(data?.total ?? 0) > pageSize && (
          <nav aria-label="基地列表分页" className="table-pagination">
            <Pagination
              current={page}
              pageSize={pageSize}
              total={data?.total ?? 0}
              showSizeChanger={false}
              showTotal={(count) => `共 ${count} 条`}
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

export function AccreditationTable({ items, busy, caption }: { items: AccreditationSummary[]; busy: boolean; caption: string }) {
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table" aria-busy={busy}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">基地名称</th>
            <th scope="col">培训机构</th>
            <th scope="col">所在县区</th>
            <th scope="col">基地类别</th>
            <th scope="col">挂牌级别</th>
            <th scope="col">牌匾编号</th>
            <th scope="col">有效期</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? (
            <tr>
              <td colSpan={8} className="empty-cell">
                {busy ? '正在查询…' : '没有符合条件的记录'}
              </td>
            </tr>
          ) : (
            items.map((item) => (
              <tr key={item.id}>
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
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
