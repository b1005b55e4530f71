import { Tag } from 'antd';
import { Link } from 'react-router';
import type { TrainerSummary } from '../../../shared/contracts/trainers-contracts';
import { sexLabels } from '../../../shared/domain/person-codes';
import { trainerEngagementLabels } from '../../../shared/domain/trainer-codes';
import { MaskedText } from '../../components/masked-text';
import { ListPagination, ResultsTable } from '../../components/paged-list';
import { RotationBadge } from './rotation-badge';
import { listOrDash, sourcesText } from './trainer-labels';

interface TrainersTableProps {
  caption: string;
  trainers: TrainerSummary[];
  total: number;
  page: number;
  pageSize: number;
  busy: boolean;
  onPageChange: (page: number) => void;
}

/** A plain table with real headers; it scrolls in its own labelled region on a narrow screen. */
export function TrainersTable({ caption, trainers, total, page, pageSize, busy, onPageChange }: TrainersTableProps) {
  return (
    <>
      <ResultsTable
        caption={`${caption}（第 ${page} 页）`}
        headers={['姓名', '性别', '身份证号', '登记县区', '来源类别', '专职/兼职', '授课职业（工种）', '所在机构', '五年轮训']}
        items={trainers}
        busy={busy}
        empty="没有符合条件的师资"
        row={(trainer) => (
          <>
            <th scope="row">
              <Link to={`/trainers/${trainer.id}`}>{trainer.name}</Link>
              {trainer.status === 'left' && (
                <>
                  {' '}
                  <Tag className="state-warn">已退出</Tag>
                </>
              )}
            </th>
            <td>{sexLabels[trainer.sex]}</td>
            <td className="number-cell">
              <MaskedText value={trainer.idNumber} />
            </td>
            <td>{trainer.countyName}</td>
            <td>{sourcesText(trainer.sources)}</td>
            <td>{trainerEngagementLabels[trainer.engagement]}</td>
            <td>{listOrDash(trainer.occupations)}</td>
            <td>{listOrDash(trainer.institutionNames)}</td>
            <td>
              <RotationBadge rotation={trainer.rotation} />
            </td>
          </>
        )}
      />
      <ListPagination label={`${caption}分页`} page={page} pageSize={pageSize} total={total} unit="人" onChange={onPageChange} />
    </>
  );
}
