import '../persons/persons.css';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { StandardView } from '../../../shared/contracts/subsidy-standards-contracts';
import { classTrainingTypeLabels, classTrainingTypes, formatFen } from '../../../shared/domain/class-codes';
import { standardStatuses, standardStatusLabels } from '../../../shared/domain/subsidy-codes';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { chosen, FilterForm, filterOptions, RegionFilter } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { ListPagination, ListStatus, ResultsTable, useAnnouncer } from '../../components/paged-list';
import { useListState } from '../../lib/use-list-state';
import { useCurrentUser, userCan } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import { ApplicableLookup } from './applicable-lookup';
import { periodText, programmeText, standardScopeText } from './standard-labels';
import { type StandardListQuery, useStandardList, useStandardMutations } from './use-standards';

type Filters = Omit<StandardListQuery, 'page' | 'pageSize'>;
interface FormValues {
  regionCode?: string;
  trainingType: string;
  status: string;
  on: string;
}

const empty: FormValues = { trainingType: '', status: '', on: '' };
const pageSize = 20;

function fromForm(values: FormValues): Filters {
  return {
    regionCode: values.regionCode || undefined,
    trainingType: chosen(values.trainingType),
    status: chosen(values.status),
    on: values.on.trim() || undefined,
  };
}

/** 补贴标准: the rates of every region, filtered; finance staff add new ones and retire them (never edit). */
export function StandardsList() {
  const user = useCurrentUser();
  const provinceCode = `${user.region.code.slice(0, 2)}0000`;
  const { root } = useRegionTree(provinceCode);
  const { filters, page, statusLine, search, showPage } = useListState<Filters>({ key: ['subsidy-standards', 'list-state'] });
  const list = useStandardList({ ...filters, page, pageSize });
  const { retire } = useStandardMutations();
  const [retiring, setRetiring] = useState<StandardView | null>(null);
  const { message: doneMessage, announce, statusLine: doneLine } = useAnnouncer();
  const data = list.data;
  const writer = userCan(user, 'subsidy_standards.write');

  return (
    <>
      {writer && (
        <p>
          <Link to="/subsidies/standards/new" className="link-button is-primary">
            新增标准
          </Link>
        </p>
      )}
      <section aria-labelledby="standard-list-heading">
        <h2 id="standard-list-heading">标准列表</h2>
        <FilterForm<FormValues>
          label="筛选补贴标准"
          name="standard-filters"
          initialValues={empty}
          emptyValues={empty}
          onSearch={(values) => search(fromForm(values))}
          onReset={() => search({})}
        >
          <RegionFilter root={root} />
          <Form.Item name="trainingType" label="培训类型">
            <NativeSelect options={filterOptions(classTrainingTypes, classTrainingTypeLabels)} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <NativeSelect options={filterOptions(standardStatuses, standardStatusLabels)} />
          </Form.Item>
          <Form.Item
            name="on"
            label="在此日期执行（YYYY-MM-DD，可不填）"
            rules={[{ pattern: /^\s*(\d{4}-\d{2}-\d{2})?\s*$/, message: '日期格式为 YYYY-MM-DD，例如 2026-09-01' }]}
          >
            <Input inputMode="numeric" autoComplete="off" maxLength={10} />
          </Form.Item>
        </FilterForm>
        <p ref={doneLine} tabIndex={-1} role="status" className="list-status">
          {doneMessage}
        </p>
        <ListStatus ref={statusLine} query={list} text={data ? `共找到 ${data.total} 条补贴标准。` : ''} />
        <ResultsTable
          caption={`补贴标准（第 ${page} 页，金额为每人标准）`}
          headers={[
            '适用区域',
            '培训类型',
            '项目和等级',
            '培训费',
            '教材资料费',
            '考核鉴定费',
            '辅助教学人员补贴',
            '申领上限（无辅助人员 / 有辅助人员）',
            '执行期间',
            '状态',
            '文件依据',
            ...(writer ? ['操作'] : []),
          ]}
          items={data?.items ?? []}
          busy={list.isFetching}
          empty="没有符合条件的补贴标准"
          row={(s) => (
            <>
              <th scope="row">{standardScopeText(s)}</th>
              <td>{classTrainingTypeLabels[s.trainingType]}</td>
              <td>{programmeText(s)}</td>
              <td className="number-cell">{formatFen(s.tuitionFen)}</td>
              <td className="number-cell">{formatFen(s.materialsFen)}</td>
              <td className="number-cell">{formatFen(s.examFeeFen)}</td>
              <td className="number-cell">{formatFen(s.assistingStaffFen)}</td>
              <td className="number-cell">
                {formatFen(s.ceilingFen)} / {formatFen(s.assistedCeilingFen)}
              </td>
              <td>{periodText(s)}</td>
              <td>
                {standardStatusLabels[s.status]}
                {s.status === 'active' && (s.inForce ? '（今日执行）' : '（今日未在执行期间）')}
                {s.retiredReason && `：${s.retiredReason}`}
              </td>
              <td>{s.basis ?? '—'}</td>
              {writer && (
                <td>
                  {s.mayRetire ? (
                    <Button type="link" htmlType="button" onClick={() => setRetiring(s)}>
                      停用<span className="visually-hidden">{`${standardScopeText(s)}${classTrainingTypeLabels[s.trainingType]}标准`}</span>
                    </Button>
                  ) : (
                    '—'
                  )}
                </td>
              )}
            </>
          )}
        />
        <ListPagination label="补贴标准列表分页" page={page} pageSize={pageSize} total={data?.total ?? 0} unit="条" onChange={showPage} />
      </section>
      <ApplicableLookup root={root} />
      <ConfirmReasonModal
        open={retiring !== null}
        title="停用补贴标准"
        description={
          retiring && (
            <p>
              停用{standardScopeText(retiring)}“{classTrainingTypeLabels[retiring.trainingType]}，{programmeText(retiring)}”的标准（
              {periodText(retiring)}）。停用后不再用于新的申领；标准金额不会修改，如需新金额请另行新增标准。
            </p>
          )
        }
        confirmText="停用"
        danger
        onConfirm={async (reason) => {
          const s = retiring!;
          await retire.mutateAsync({ id: s.id, reason });
          setRetiring(null);
          announce(`已停用${standardScopeText(s)}${classTrainingTypeLabels[s.trainingType]}标准。`);
        }}
        onCancel={() => setRetiring(null)}
      />
    </>
  );
}
