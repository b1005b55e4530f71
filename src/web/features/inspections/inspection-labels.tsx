import { Tag } from 'antd';
import { type InspectionStatus, inspectionStatusLabels } from '../../../shared/domain/inspection-status';

const statusClass: Record<InspectionStatus, string> = {
  planned: 'state-warn',
  passed: 'state-good',
  rectifying: 'state-bad',
  rectified: 'state-warn',
  closed: 'state-good',
};

/** The status as text in a tag: the words carry it, the colour only repeats them. */
export function InspectionStatusTag({ status }: { status: InspectionStatus }) {
  return <Tag className={statusClass[status]}>{inspectionStatusLabels[status]}</Tag>;
}

/** The rectification due date, saying in words when it has passed. */
export function dueText(dueOn: string | null, overdue: boolean): string {
  if (!dueOn) return '—';
  return overdue ? `${dueOn}（已逾期）` : dueOn;
}
