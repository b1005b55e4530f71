import { Tag } from 'antd';
import { Link } from 'react-router';
import type { InstitutionSummary } from '../../../shared/contracts/institutions-contracts';
import { accessibilityFeatureLabels, institutionKindLabels, institutionStatusLabels } from '../../../shared/domain/institution-codes';
import { ListPagination, ResultsTable } from '../../components/paged-list';
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
  return (
    <>
      <ResultsTable
        caption={`培训机构列表（第 ${page} 页，按更新时间从新到旧）`}
        headers={['机构名称', '机构类型', '统一社会信用代码', '所在县区', '状态', '开设职业（工种）', '无障碍设施与服务', '更新时间']}
        items={institutions}
        busy={busy}
        empty="没有符合条件的培训机构"
        row={(institution) => (
          <>
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
          </>
        )}
      />
      <ListPagination label="培训机构列表分页" page={page} pageSize={pageSize} total={total} unit="家" onChange={onPageChange} />
    </>
  );
}
