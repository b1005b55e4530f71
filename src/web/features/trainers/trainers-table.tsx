import { Pagination, Tag } from 'antd';
import { useId } from 'react';
import { Link } from 'react-router';
import type { TrainerSummary } from '../../../shared/contracts/trainers-contracts';
import { sexLabels } from '../../../shared/domain/person-codes';
import { trainerEngagementLabels } from '../../../shared/domain/trainer-codes';
import { MaskedText } from '../persons/masked-text';
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
  const captionId = useId();
  return (
    <>
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table" aria-busy={busy}>
          <caption id={captionId}>
            {caption}（第 {page} 页）
          </caption>
          <thead>
            <tr>
              <th scope="col">姓名</th>
              <th scope="col">性别</th>
              <th scope="col">身份证号</th>
              <th scope="col">登记县区</th>
              <th scope="col">来源类别</th>
              <th scope="col">专职/兼职</th>
              <th scope="col">授课职业（工种）</th>
              <th scope="col">所在机构</th>
              <th scope="col">五年轮训</th>
            </tr>
          </thead>
          <tbody>
            {trainers.length === 0 ? (
              <tr>
                <td colSpan={9} className="empty-cell">
                  {busy ? '正在查询…' : '没有符合条件的师资'}
                </td>
              </tr>
            ) : (
              trainers.map((trainer) => (
                <tr key={trainer.id}>
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
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {total > pageSize && (
        <nav aria-label={`${caption}分页`} className="table-pagination">
          <Pagination
            current={page}
            pageSize={pageSize}
            total={total}
            showSizeChanger={false}
            showTotal={(count) => `共 ${count} 人`}
            onChange={onPageChange}
          />
        </nav>
      )}
    </>
  );
}
