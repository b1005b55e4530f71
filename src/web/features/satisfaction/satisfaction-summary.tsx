import './satisfaction.css';
import { Alert, Form } from 'antd';
import { useState } from 'react';
import {
  type SatisfactionGrouping,
  type SatisfactionGroupRow,
  satisfactionGroupings,
} from '../../../shared/contracts/satisfaction-contracts';
import { todayInChina } from '../../../shared/domain/person-validation';
import { DetailTable } from '../../components/detail-table';
import { FilterForm } from '../../components/filter-form';
import { LoadingState } from '../../components/loading-state';
import { NativeSelect } from '../../components/native-select';
import { errorMessage } from '../../lib/use-form-errors';
import { useSatisfactionSummary } from './use-satisfaction';

const groupingLabels: Record<SatisfactionGrouping, string> = { institution: '按培训机构', programme: '按培训项目' };
const groupHeader: Record<SatisfactionGrouping, string> = { institution: '培训机构', programme: '培训项目' };

interface Filters {
  groupBy: SatisfactionGrouping;
  year: string;
}

const thisYear = Number(todayInChina().slice(0, 4));
const initial: Filters = { groupBy: 'institution', year: String(thisYear) };
const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));

function figures(row: Omit<SatisfactionGroupRow, 'key' | 'name'>) {
  return [
    `${row.classes}`,
    `${row.enrolled}`,
    `${row.responses}`,
    row.overallAverage === null ? '—' : row.overallAverage.toFixed(2),
    row.completionRate === null ? '—' : `${row.completionRate}%（${row.completedClasses} 个班）`,
  ];
}

/** Satisfaction and completion over a training year, by institution or by programme, within the viewer's region. */
export function SatisfactionSummary() {
  const [filters, setFilters] = useState<Filters>(initial);
  const summary = useSatisfactionSummary({ groupBy: filters.groupBy, year: Number(filters.year) });

  return (
    <>
      <FilterForm<Filters>
        label="满意度汇总条件"
        name="satisfaction-summary"
        initialValues={initial}
        onSearch={(values) => setFilters(values)}
        onReset={() => setFilters(initial)}
      >
        <Form.Item name="groupBy" label="统计方式">
          <NativeSelect options={satisfactionGroupings.map((g) => ({ value: g, label: groupingLabels[g] }))} />
        </Form.Item>
        <Form.Item name="year" label="培训年度">
          <NativeSelect options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
        </Form.Item>
      </FilterForm>
      <p role="status" className="list-status">
        {summary.isFetching
          ? '正在查询…'
          : summary.data
            ? `${summary.data.year} 年，${groupingLabels[summary.data.groupBy]}，共 ${summary.data.rows.length} 项。`
            : ''}
      </p>
      {summary.isPending ? (
        <LoadingState />
      ) : summary.isError ? (
        <Alert type="error" role="alert" showIcon title={errorMessage(summary.error)} />
      ) : (
        <>
          <DetailTable
            caption={`${summary.data.year} 年满意度与结业率（${groupingLabels[summary.data.groupBy]}）`}
            headers={[groupHeader[summary.data.groupBy], '培训班数', '在册人数', '评价份数', '平均满意度（满分 5）', '结业率']}
            empty="这一年没有已开班的培训班。"
            rows={[
              ...summary.data.rows.map((row) => ({ key: row.key, cells: [row.name, ...figures(row)] })),
              ...(summary.data.rows.length > 1 ? [{ key: 'total', cells: ['合计', ...figures(summary.data.total)] }] : []),
            ]}
          />
          <p className="page-description">
            培训班数：这一年已开班的培训班（不含已取消的）。结业率：结业审核通过或已结班的培训班中，结业合格人数 ÷
            在册人数。平均满意度：所有评价的总体得分的平均。
          </p>
        </>
      )}
    </>
  );
}
