import { Button } from 'antd';
import { useRef, useState } from 'react';
import { unmaskTrainer } from '../../../shared/contracts/trainers-contracts';
import type { MaskedValue } from '../../../shared/domain/masking';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { apiCall } from '../../lib/api-client';
import { MaskedText } from '../persons/masked-text';

type Field = 'idNumber' | 'phone';
const fieldNames: Record<Field, string> = { idNumber: '身份证号', phone: '联系电话' };

/**
 * A trainer's masked number with the audited “查看完整号码” (reason asked, server audits). It
 * follows the registry's UnmaskValue; the full value lives only in this component's state.
 */
export function TrainerUnmaskValue({
  trainerId,
  trainerName,
  field,
  masked,
  canUnmask,
}: {
  trainerId: string;
  trainerName: string;
  field: Field;
  masked: MaskedValue | null;
  canUnmask: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const shown = useRef<HTMLSpanElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const name = fieldNames[field];

  if (!masked) return <>未登记</>;
  return (
    <span className="unmask-value">
      {value === null ? (
        <MaskedText value={masked} />
      ) : (
        <span ref={shown} tabIndex={-1} className="number-cell full-value">
          <span className="visually-hidden">完整{name}：</span>
          {value}
        </span>
      )}
      {canUnmask &&
        (value === null ? (
          <Button ref={trigger} size="small" htmlType="button" aria-label={`查看完整${name}`} onClick={() => setAsking(true)}>
            查看完整号码
          </Button>
        ) : (
          <Button
            size="small"
            htmlType="button"
            aria-label={`隐藏完整${name}`}
            onClick={() => {
              setValue(null);
              requestAnimationFrame(() => trigger.current?.focus());
            }}
          >
            隐藏
          </Button>
        ))}
      <ConfirmReasonModal
        open={asking}
        title={`查看完整${name}：${trainerName}`}
        description={<p>完整号码只在本页面显示，离开页面或点击“隐藏”后即不再显示。查看操作会连同原因记入审计日志。</p>}
        confirmText="查看"
        onConfirm={async (reason) => {
          const answer = await apiCall(unmaskTrainer, { params: { id: trainerId }, body: { field, reason } });
          setValue(answer.value ?? '（未登记）');
          setAsking(false);
        }}
        onCancel={() => setAsking(false)}
        afterClose={() => {
          if (shown.current) requestAnimationFrame(() => shown.current?.focus());
        }}
      />
    </span>
  );
}
