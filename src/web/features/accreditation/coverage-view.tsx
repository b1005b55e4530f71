import '../persons/persons.css';
import './coverage.css';
import { useQuery } from '@tanstack/react-query';
import { Alert, Form } from 'antd';
import { useState } from 'react';
import { getCountyMap, getCoverage } from '../../../shared/contracts/accreditation-contracts';
import { FilterForm } from '../../components/filter-form';
import { LoadingState } from '../../components/loading-state';
import { NativeSelect } from '../../components/native-select';
import { apiCall } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { DetailTable } from '../../components/detail-table';
import { CountyMap, unitStateText } from './county-map';

function percent(covered: number, total: number): string {
  return total === 0 ? '—' : `${Math.round((covered / total) * 1000) / 10}%`;
}

export function CoverageView() {
  const [cityCode, setCityCode] = useState<string | undefined>(undefined);
  const coverage = useQuery({
    queryKey: ['coverage', cityCode ?? ''],
    queryFn: () => apiCall(getCoverage, { query: { cityCode } }),
    staleTime: 0,
  });
  // the whole province, for the choice of city: the first answer without a city filter
  const overview = useQuery({
    queryKey: ['coverage', ''],
    queryFn: () => apiCall(getCoverage, { query: {} }),
    enabled: cityCode !== undefined,
  });
  const map = useQuery({ queryKey: ['coverage-map'], queryFn: () => apiCall(getCountyMap), staleTime: Infinity });

  if (coverage.isPending) return <LoadingState />;
  if (coverage.isError) return <Alert type="error" role="alert" showIcon title={errorMessage(coverage.error)} />;
  const data = coverage.data;
  const cities = (cityCode ? overview.data?.cities : data.cities) ?? data.cities;
  const uncovered = data.units.filter((u) => !u.covered);
  const summary =
    `${data.rootName}共 ${data.total} 个县级单位，已有在册挂牌基地的 ${data.covered} 个（${percent(data.covered, data.total)}），` +
    `尚无基地的 ${uncovered.length} 个${uncovered.length > 0 && uncovered.length <= 12 ? `：${uncovered.map((u) => u.name).join('、')}` : ''}。`;
  const offMap = data.units.filter((u) => !u.onMap);

  return (
    <>
      <p className="coverage-figure">
        已覆盖 {data.covered} / {data.total} 个县级单位（{percent(data.covered, data.total)}）
      </p>
      <p role="status">
        {summary}目标：每个县（市、区）至少挂牌 1 家残疾人职业培训基地。统计日期 {data.asOf}。
      </p>
      {data.rootLevel === 'province' || cityCode ? (
        <FilterForm<{ cityCode: string }>
          label="按市州查看"
          name="coverage-filter"
          initialValues={{ cityCode: cityCode ?? '' }}
          emptyValues={{ cityCode: '' }}
          onSearch={(values) => setCityCode(values.cityCode || undefined)}
          onReset={() => setCityCode(undefined)}
        >
          <Form.Item name="cityCode" label="市州">
            <NativeSelect options={[{ value: '', label: '全省' }, ...cities.map((c) => ({ value: c.code, label: c.name }))]} />
          </Form.Item>
        </FilterForm>
      ) : null}
      {map.data && map.data.counties.length > 0 && <CountyMap map={map.data} units={data.units} summary={summary} />}
      {map.isError && <Alert type="warning" showIcon title="地图未能加载，请以下表为准。" />}
      {offMap.length > 0 && (
        <p className="coverage-off-map">
          地图上没有单独边界的县级单位：
          {offMap.map((u) => `${u.name}（${unitStateText(u)}）`).join('；')}。
        </p>
      )}
      {data.rootLevel === 'province' && !cityCode && (
        <DetailTable
          caption="各市州覆盖情况"
          headers={['市州', '县级单位数', '已覆盖', '覆盖率']}
          empty="没有数据。"
          rows={data.cities.map((c) => ({ key: c.code, cells: [c.name, String(c.total), String(c.covered), percent(c.covered, c.total)] }))}
        />
      )}
      <DetailTable
        caption={`${data.rootName}各县级单位在册挂牌基地`}
        headers={['县级单位', '所属市州', '在册基地数', '覆盖情况']}
        empty="没有数据。"
        rows={data.units.map((u) => ({
          key: u.code,
          cells: [u.name, u.cityName, String(u.activeBases), u.covered ? '✓ 已覆盖' : '✕ 未覆盖'],
        }))}
      />
    </>
  );
}
