import { Pagination } from 'antd';
import { useId } from 'react';
import { Link } from 'react-router';
import type { ProgrammeSummary } from '../../../shared/contracts/catalogue-contracts';
import { brandTagLabels, brandTags, skillLevelLabels } from '../../../shared/domain/catalogue-codes';
import { trainingTypeLabels } from '../../../shared/domain/person-codes';
import { codesText, ProgrammeStatusTag } from './catalogue-labels';

interface ProgrammesTableProps {
  programmes: ProgrammeSummary[];
  total: number;
  page: number;
  pageSize: number;
  busy: boolean;
  onPageChange: (page: number) => void;
}

/** Programme versions in a plain table; the name is the row header and the link to the version. */
export function ProgrammesTable({ programmes, total, page, pageSize, busy, onPageChange }: ProgrammesTableProps) {
  const captionId = useId();
  return (
    <>
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table" aria-busy={busy}>
          <caption id={captionId}>培训目录项目（第 {page} 页）</caption>
          <thead>
            <tr>
              <th scope="col">项目名称</th>
              <th scope="col">编码与版次</th>
              <th scope="col">培训类型</th>
              <th scope="col">职业（工种）</th>
              <th scope="col">学时</th>
              <th scope="col">技能等级</th>
              <th scope="col">特色品牌</th>
              <th scope="col">维护单位</th>
              <th scope="col">状态</th>
              <th scope="col">生效日期</th>
            </tr>
          </thead>
          <tbody>
            {programmes.length === 0 ? (
              <tr>
                <td colSpan={10} className="empty-cell">
                  {busy ? '正在查询…' : '没有符合条件的项目'}
                </td>
              </tr>
            ) : (
              programmes.map((programme) => (
                <tr key={programme.id}>
                  <th scope="row">
                    <Link to={`/catalogue/${programme.id}`}>{programme.name}</Link>
                  </th>
                  <td>
                    {programme.programmeCode} 第 {programme.edition} 版
                  </td>
                  <td>{trainingTypeLabels[programme.trainingType]}</td>
                  <td>{programme.skill ? `${programme.occupation} / ${programme.skill}` : programme.occupation}</td>
                  <td>{programme.hours}</td>
                  <td>{skillLevelLabels[programme.skillLevel]}</td>
                  <td>{codesText(brandTags, brandTagLabels, programme.brands)}</td>
                  <td>{programme.regionName}</td>
                  <td>
                    <ProgrammeStatusTag status={programme.status} />
                  </td>
                  <td>{programme.effectiveFrom ?? '—'}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {total > pageSize && (
        <nav aria-label="培训项目分页" className="table-pagination">
          <Pagination
            current={page}
            pageSize={pageSize}
            total={total}
            showSizeChanger={false}
            showTotal={(count) => `共 ${count} 项`}
            onChange={onPageChange}
          />
        </nav>
      )}
    </>
  );
}
