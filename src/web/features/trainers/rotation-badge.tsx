import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { type RotationState, rotationStateLabels } from '../../../shared/domain/trainer-rotation';

const classes: Record<RotationState, string> = { ok: 'state-good', due_soon: 'state-warn', overdue: 'state-bad' };
const icons: Record<RotationState, ReactNode> = {
  ok: <CheckCircleOutlined aria-hidden />,
  due_soon: <ClockCircleOutlined aria-hidden />,
  overdue: <ExclamationCircleOutlined aria-hidden />,
};

/** How many days, in words: the badge never relies on colour alone (text, icon shape and days). */
export function daysText(daysUntilDue: number): string {
  if (daysUntilDue === 0) return '今天截止';
  return daysUntilDue > 0 ? `还有 ${daysUntilDue} 天` : `已逾期 ${-daysUntilDue} 天`;
}

export function RotationBadge({ rotation }: { rotation: { state: RotationState; dueDate: string; daysUntilDue: number } }) {
  return (
    <span className="rotation-badge">
      <Tag className={classes[rotation.state]} icon={icons[rotation.state]}>
        {rotationStateLabels[rotation.state]}
      </Tag>
      <span>
        截止 {rotation.dueDate}（{daysText(rotation.daysUntilDue)}）
      </span>
    </span>
  );
}
