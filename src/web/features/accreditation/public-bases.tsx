import '../persons/persons.css';
import './accreditation.css';
import { useQuery } from '@tanstack/react-query';
import { Form } from 'antd';
import { useRef, useState } from 'react';
import { listRegions } from '../../../shared/contracts/regions-contracts';
import { baseKindLabels, baseKinds } from '../../../shared/domain/accreditation';
import { chosen, FilterForm, filterOptions } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { ListPagination, ListStatus, ResultsTable } from '../../components/paged-list';
import { RegionPicker } from '../../components/region-picker';
import { apiCall } from '../../lib/api-client';
import { termText, tierText } from './accreditation-labels';
import { type PublicBasesQuery, usePublicBases } from './use-accreditation';

interface FormValues {
  regionCode?: string;
  baseKind: string;
}

const kindOptions = filterOptions(baseKinds, baseKindLabels);
const empty: FormValues = { regionCode: undefined, baseKind: '' };
const pageSize = 50;

/** The public list (no login): bases in effect, by region, with tier, plaque, kind, occupations and term. */
export function PublicBases() {
  // the whole province (same cache entry as useRegionTree): the public may look anywhere
  const root = useQuery({ queryKey: ['regions'], queryFn: () => apiCall(listRegions), staleTime: Infinity }).data?.province;
  const [query, setQuery] = useState<PublicBasesQuery>({ page: 1, pageSize });
  const list = usePublicBases(query);
  const statusLine = useRef<HTMLParagraphElement>(null);
  const data = list.data;

  return (
    <section aria-labelledby="public-bases-heading" className="public-bases">
      <h2 id="public-bases-heading">查询</h2>
      <FilterForm<FormValues>
        label="查询认定基地"
        name="public-bases"
        initialValues={empty}
        emptyValues={empty}
        onSearch={(values) =>
          setQuery({ page: 1, pageSize, regionCode: values.regionCode || undefined, baseKind: chosen(values.baseKind) })
        }
        onReset={() => setQuery({ page: 1, pageSize })}
      >
        <Form.Item name="regionCode" label="所在地区">
          <RegionPicker root={root} allowAll />
        </Form.Item>
        <Form.Item name="baseKind" label="基地类别">
          <NativeSelect options={kindOptions} />
        </Form.Item>
      </FilterForm>
      <ListStatus ref={statusLine} query={list} text={data ? `共 ${data.total} 家在册认定基地。` : ''} />
      <ResultsTable
        caption="在册认定基地（按地区）"
        headers={['基地名称', '承办机构', '地区', '类别', '级别', '牌匾编号', '培训职业（工种）', '有效期']}
        items={data?.items ?? []}
        busy={list.isFetching}
        empty="没有符合条件的基地"
        row={(base) => (
          <>
            <th scope="row">{base.baseName}</th>
            <td>{base.institutionName}</td>
            <td>{base.cityName === base.countyName ? base.countyName : `${base.cityName}${base.countyName}`}</td>
            <td>{baseKindLabels[base.baseKind]}</td>
            <td>{tierText(base.tier)}</td>
            <td>{base.plaqueNo}</td>
            <td>{base.occupations.join('、')}</td>
            <td>{termText(base.termStart, base.termEnd)}</td>
          </>
        )}
      />
      <ListPagination
        label="基地列表分页"
        page={Number(query.page ?? 1)}
        pageSize={pageSize}
        total={data?.total ?? 0}
        onChange={(page) => {
          setQuery({ ...query, page });
          statusLine.current?.focus();
        }}
      />
    </section>
  );
}
