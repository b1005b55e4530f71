import { Button } from 'antd';
import { useRef, useState } from 'react';
import type { MaskedValue } from '../../shared/domain/masking';
import { ConfirmReasonModal } from './confirm-reason-modal';
import { MaskedText } from './masked-text';

interface UnmaskValueProps {
  /** what the number is, e.g. 身份证号: names the buttons and the dialog */
  fieldName: string;
  /** whose number it is, for the dialog title */
  ownerName: string;
  masked: MaskedValue | null;
  canUnmask: boolean;
  /** asks the server for the full value with the reason (the server audits it); null when none is recorded */
  reveal: (reason: string) => Promise<string | null | undefined>;
}

/**
 * A masked value with, for those allowed, an explicit “查看完整号码” that asks for a reason (the
 * server audits it). The full value lives only in this component's state: it is gone when the
 * person hides it again or leaves the page, and is never cached or stored.
 */
export function UnmaskValue({ fieldName: name, ownerName, masked, canUnmask, reveal }: UnmaskValueProps) {
  const [asking, setAsking] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const shown = useRef<HTMLSpanElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

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
        title={`查看完整${name}：${ownerName}`}
        description={<p>完整号码只在本页面显示，离开页面或点击“隐藏”后即不再显示。查看操作会连同原因记入审计日志。</p>}
        confirmText="查看"
        onConfirm={async (reason) => {
          setValue((await reveal(reason)) ?? '（未登记）');
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
