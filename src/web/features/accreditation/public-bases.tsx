import '../persons/persons.css';
import './accreditation.css';
import { Alert, Form, Pagination } from 'antd';
import { useId, useRef, useState } from 'react';
import { type BaseKind, baseKindLabels, baseKinds } from '../../../shared/domain/accreditation';
import { FilterActions } from '../../components/filter-actions';
import { NativeSelect } from '../../components/native-select';
import { RegionPicker } from '../../components/region-picker';
import { errorMessage } from '../../lib/use-form-errors';
import { useQuery } from '@tanstack/react-query';
import { listRegions } from '../../../shared/contracts/regions-contracts';
import { apiCall } from '../../lib/api-client';
import { termText, tierText } from './accreditation-labels';
import { type PublicBasesQuery, usePublicBases } from './use-accreditation';

const kindOptions = [{ value: '', label: '全部' }, ...baseKinds.map((k) => ({ value: k, label: baseKindLabels[k] }))];
const pageSize = 50;

/** The public list (no login): bases in effect, by region, with tier, plaque, kind, occupations and term. */
export function PublicBases() {
  // the whole province (same cache entry as useRegionTree): the public may look anywhere
  const root = useQuery({ queryKey: ['regions'], queryFn: () => apiCall(listRegions), staleTime: Infinity }).data?.province;
  const [form] = Form.useForm<{ regionCode?: string; baseKind: string }>();
  const [query, setQuery] = useState<PublicBasesQuery>({ page: 1, pageSize });
  const list = usePublicBases(query);
  const captionId = useId();
  const statusLine = useRef<HTMLParagraphElement>(null);
  const data = list.data;

  return (
    <section aria-labelledby="public-bases-heading" className="public-bases">
      <h2 id="public-bases-heading">查询</h2>
      <div role="search" aria-label="查询认定基地" className="filter-search">
        <Form
          form={form}
          name="public-bases"
          requiredMark={false}
          layout="vertical"
          className="filter-form"
          initialValues={{ regionCode: undefined, baseKind: '' }}
          onFinish={(values) =>
            setQuery({
              page: 1,
              pageSize,
              regionCode: values.regionCode || undefined,
              baseKind: (values.baseKind || undefined) as BaseKind | undefined,
            })
          }
        >
          <Form.Item name="regionCode" label="所在地区">
            <RegionPicker root={root} allowAll />
          </Form.Item>
          <Form.Item name="baseKind" label="基地类别">
            <NativeSelect options={kindOptions} />
          </Form.Item>
          <FilterActions
            onReset={() => {
              form.setFieldsValue({ regionCode: undefined, baseKind: '' });
              setQuery({ page: 1, pageSize });
            }}
          />
        </Form>
      </div>
      <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
        {list.isFetching ? '正在查询…' : data ? `共 ${data.total} 家在册认定基地。` : ''}
      </p>
      {list.isError && <Alert type="error" role="alert" showIcon title={errorMessage(list.error)} />}
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table" aria-busy={list.isFetching}>
          <caption id={captionId}>在册认定基地（按地区）</caption>
          <thead>
            <tr>
              <th scope="col">基地名称</th>
              <th scope="col">承办机构</th>
              <th scope="col">地区</th>
              <th scope="col">类别</th>
              <th scope="col">级别</th>
              <th scope="col">牌匾编号</th>
              <th scope="col">培训职业（工种）</th>
              <th scope="col">有效期</th>
            </tr>
          </thead>
          <tbody>
            {(data?.items ?? []).length === 0 ? (
              <tr>
                <td colSpan={8} className="empty-cell">
                  {list.isFetching ? '正在查询…' : '没有符合条件的基地'}
                </td>
              </tr>
            ) : (
              data!.items.map((base) => (
                <tr key={base.id}>
                  <th scope="row">{base.baseName}</th>
                  <td>{base.institutionName}</td>
                  <td>{base.cityName === base.countyName ? base.countyName : `${base.cityName}${base.countyName}`}</td>
                  <td>{baseKindLabels[base.baseKind]}</td>
                  <td>{tierText(base.tier)}</td>
                  <td>{base.plaqueNo}</td>
                  <td>{base.occupations.join('、')}</td>
                  <td>{termText(base.termStart, base.termEnd)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {(data?.total ?? 0) > pageSize && (
        <nav aria-label="基地列表分页" className="table-pagination">
          <Pagination
            current={Number(query.page ?? 1)}
            pageSize={pageSize}
            total={data?.total ?? 0}
            showSizeChanger={false}
            onChange={(page) => {
              setQuery({ ...query, page });
              statusLine.current?.focus();
            }}
          />
        </nav>
      )}
    </section>
  );
}
