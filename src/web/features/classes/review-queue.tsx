import '../persons/persons.css';
import './classes.css';
import { Alert } from 'antd';
import { Link } from 'react-router';
import type { ReviewQueueItem } from '../../../shared/contracts/classes-contracts';
import { classTrainingTypeLabels } from '../../../shared/domain/class-codes';
import { ListStatus, ResultsTable } from '../../components/paged-list';
import { formatDateTime } from '../../lib/formatters';
import { ClassStatusTag, dateRange, dueText } from './class-labels';
import { useReviewQueue } from './use-classes';

const stageLabels: Record<ReviewQueueItem['stage'], string> = { opening: '开班审核', completion: '结业审核' };

/** Opening applications and completions waiting for this reviewer, the earliest due first. */
export function ReviewQueue() {
  const queue = useReviewQueue();
  const data = queue.data;
  const items = data ? [...data.items].sort((a, b) => (a.reviewDueOn ?? '9999').localeCompare(b.reviewDueOn ?? '9999')) : [];

  return (
    <section aria-labelledby="review-queue-heading">
      <h2 id="review-queue-heading">待审核事项</h2>
      <ListStatus
        query={queue}
        text={
          data ? `共 ${data.items.length} 项待审核${data.overdue > 0 ? `，其中 ${data.overdue} 项已逾期` : ''}，按审核到期日先后排列。` : ''
        }
      />
      {data && data.overdue > 0 && (
        <Alert type="warning" showIcon className="page-notice" title={`有 ${data.overdue} 项审核已超过期限，请优先办理。`} />
      )}
      <ResultsTable
        caption={data ? `待审核事项（截至 ${data.today}）` : '待审核事项'}
        headers={['培训班', '审核事项', '培训机构', '培训类型', '培训日期', '提交时间', '审核到期', '剩余时间', '状态']}
        items={items}
        busy={queue.isFetching}
        empty="目前没有待审核的开班申请或结业审核。"
        row={(item) => (
          <>
            <th scope="row">
              <Link to={`/classes/${item.id}`}>{item.name}</Link>
              <span className="sub-line">{item.classNo}</span>
            </th>
            <td>{stageLabels[item.stage]}</td>
            <td>
              {item.institutionName}（{item.countyName}）
            </td>
            <td>{classTrainingTypeLabels[item.trainingType]}</td>
            <td>{dateRange(item.startsOn, item.endsOn)}</td>
            <td>{item.submittedAt ? formatDateTime(item.submittedAt) : '—'}</td>
            <td className="number-cell">{item.reviewDueOn ?? '—'}</td>
            <td>
              {item.reviewDueOn && data ? (
                <strong className={item.overdue ? 'overdue-text' : undefined}>{dueText(item.reviewDueOn, data.today)}</strong>
              ) : (
                '—'
              )}
            </td>
            <td>
              <ClassStatusTag status={item.status} />
            </td>
          </>
        )}
      />
    </section>
  );
}
