import { Tag } from 'antd';
import { type ClassStatus, classStatusLabels } from '../../../shared/domain/class-status';
import { daysBetween } from '../../../shared/domain/trainer-rotation';

const statusClass: Record<ClassStatus, string> = {
  draft: '',
  submitted: 'state-warn',
  returned: 'state-bad',
  approved: 'state-good',
  running: 'state-good',
  completion_submitted: 'state-warn',
  completion_returned: 'state-bad',
  completion_approved: 'state-good',
  closed: '',
  cancelled: '',
};

/** The status as text in a tag: the words carry it, the colour only repeats them. */
export function ClassStatusTag({ status }: { status: ClassStatus }) {
  return <Tag className={statusClass[status]}>{classStatusLabels[status]}</Tag>;
}

/** “还剩 3 天”, “今天到期” or “逾期 2 天”: the due state in words, never by colour. */
export function dueText(dueOn: string, today: string): string {
  const left = daysBetween(today, dueOn);
  if (left > 0) return `还剩 ${left} 天`;
  if (left === 0) return '今天到期';
  return `逾期 ${-left} 天`;
}

/** A review due date with its state; an overdue one is marked 逾期 in words (and a tag). */
export function ReviewDue({ dueOn, overdue, today }: { dueOn: string | null; overdue: boolean; today?: string }) {
  if (!dueOn) return <>—</>;
  return (
    <span className="review-due">
      {dueOn}
      {today ? (
        <Tag className={overdue ? 'state-bad' : 'state-warn'}>{dueText(dueOn, today)}</Tag>
      ) : (
        overdue && <Tag className="state-bad">逾期</Tag>
      )}
    </span>
  );
}

export const dateRange = (startsOn: string, endsOn: string) => `${startsOn} 至 ${endsOn}`;
