import { Button } from 'antd';
import { useRef, useState } from 'react';
import { unmaskPerson } from '../../../shared/contracts/persons-contracts';
import type { MaskedValue } from '../../../shared/domain/masking';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { apiCall } from '../../lib/api-client';
import { MaskedText } from './masked-text';

export type UnmaskField = 'idNumber' | 'certificateNumber' | 'phone';

const fieldNames: Record<UnmaskField, string> = { idNumber: '身份证号', certificateNumber: '残疾人证号', phone: '联系电话' };

interface UnmaskValueProps {
  personId: string;
  personName: string;
  field: UnmaskField;
  masked: MaskedValue | null;
  canUnmask: boolean;
}

/**
 * A masked value with, for those allowed, an explicit “查看完整号码” that asks for a reason (the
 * server audits it). The full value lives only in this component's state: it is gone when the
 * person hides it again or leaves the page, and is never cached or stored.
 */
export function UnmaskValue({ personId, personName, field, masked, canUnmask }: UnmaskValueProps) {
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
        title={`查看完整${name}：${personName}`}
        description={<p>完整号码只在本页面显示，离开页面或点击“隐藏”后即不再显示。查看操作会连同原因记入审计日志。</p>}
        confirmText="查看"
        onConfirm={async (reason) => {
          const answer = await apiCall(unmaskPerson, { params: { id: personId }, body: { field, reason } });
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
