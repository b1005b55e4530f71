import { Pagination, Tag } from 'antd';
import { useId } from 'react';
import { Link } from 'react-router';
import type { InstitutionSummary } from '../../../shared/contracts/institutions-contracts';
import { accessibilityFeatureLabels, institutionKindLabels, institutionStatusLabels } from '../../../shared/domain/institution-codes';
import { formatDateTime } from '../../lib/formatters';
import { statusTagClass } from './institution-labels';

/** A long list cut to its first few entries, so one row stays readable; the detail page has them all. */
function shortList(items: readonly string[], shown = 3): string {
  if (items.length === 0) return '未填写';
  return items.length <= shown ? items.join('、') : `${items.slice(0, shown).join('、')} 等 ${items.length} 项`;
}

interface InstitutionsTableProps {
  institutions: InstitutionSummary[];
  total: number;
  page: number;
  pageSize: number;
  busy: boolean;
  onPageChange: (page: number) => void;
}

/** A plain table with real headers; it scrolls inside its own labelled region on a narrow screen. */
export function InstitutionsTable({ institutions, total, page, pageSize, busy, onPageChange }: InstitutionsTableProps) {
  const captionId = useId();
  return (
    <>
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table" aria-busy={busy}>
          <caption id={captionId}>培训机构列表（第 {page} 页，按更新时间从新到旧）</caption>
          <thead>
            <tr>
              <th scope="col">机构名称</th>
              <th scope="col">机构类型</th>
              <th scope="col">统一社会信用代码</th>
              <th scope="col">所在县区</th>
              <th scope="col">状态</th>
              <th scope="col">开设职业（工种）</th>
              <th scope="col">无障碍设施与服务</th>
              <th scope="col">更新时间</th>
            </tr>
          </thead>
          <tbody>
            {institutions.length === 0 ? (
              <tr>
                <td colSpan={8} className="empty-cell">
                  {busy ? '正在查询…' : '没有符合条件的培训机构'}
                </td>
              </tr>
            ) : (
              institutions.map((institution) => (
                <tr key={institution.id}>
                  <th scope="row">
                    <Link to={`/institutions/${institution.id}`}>{institution.name}</Link>
                  </th>
                  <td>{institutionKindLabels[institution.kind]}</td>
                  <td className="number-cell">{institution.creditCode}</td>
                  <td>{institution.countyName}</td>
                  <td>
                    <Tag className={statusTagClass[institution.status]}>{institutionStatusLabels[institution.status]}</Tag>
                  </td>
                  <td>{shortList(institution.occupations)}</td>
                  <td>{shortList(institution.accessibility.map((f) => accessibilityFeatureLabels[f]))}</td>
                  <td className="number-cell">{formatDateTime(institution.updatedAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {total > pageSize && (
        <nav aria-label="培训机构列表分页" className="table-pagination">
          <Pagination
            current={page}
            pageSize={pageSize}
            total={total}
            showSizeChanger={false} // its antd Select announces no value; the page size stays fixed
            showTotal={(count) => `共 ${count} 家`}
            onChange={onPageChange}
          />
        </nav>
      )}
    </>
  );
}
