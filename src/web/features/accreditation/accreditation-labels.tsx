import { Tag } from 'antd';
import {
  type AccreditationStatus,
  accreditationStatusLabels,
  type AccreditationTier,
  accreditationTierLabels,
} from '../../../shared/domain/accreditation';

const statusClass: Record<AccreditationStatus, string> = {
  applied: 'state-warn',
  rejected: 'state-bad',
  on_notice: 'state-warn',
  refused: 'state-bad',
  active: 'state-good',
  suspended: 'state-warn',
  revoked: 'state-bad',
};

/** The status as text in a tag: the words carry it, the colour only repeats them. */
export function StatusTag({ status }: { status: AccreditationStatus }) {
  return <Tag className={statusClass[status]}>{accreditationStatusLabels[status]}</Tag>;
}

export function tierText(tier: AccreditationTier | null): string {
  return tier ? accreditationTierLabels[tier] : '未定级';
}

export function termText(start: string | null, end: string | null): string {
  return start && end ? `${start} 至 ${end}` : '—';
}
