import { Link } from 'react-router';
import type { ProgrammeSummary } from '../../../shared/contracts/catalogue-contracts';
import { brandTagLabels, brandTags, skillLevelLabels } from '../../../shared/domain/catalogue-codes';
import { trainingTypeLabels } from '../../../shared/domain/person-codes';
import { ListPagination, ResultsTable } from '../../components/paged-list';
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
  return (
    <>
      <ResultsTable
        caption={`培训目录项目（第 ${page} 页）`}
        headers={['项目名称', '编码与版次', '培训类型', '职业（工种）', '学时', '技能等级', '特色品牌', '维护单位', '状态', '生效日期']}
        items={programmes}
        busy={busy}
        empty="没有符合条件的项目"
        row={(programme) => (
          <>
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
          </>
        )}
      />
      <ListPagination label="培训项目分页" page={page} pageSize={pageSize} total={total} unit="项" onChange={onPageChange} />
    </>
  );
}
