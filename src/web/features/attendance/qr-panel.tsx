import { Alert, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { AttendanceSessionSummary } from '../../../shared/contracts/attendance-contracts';
import { type AttendanceDirection, attendanceDirectionLabels } from '../../../shared/domain/class-attendance';
import { focusSoon } from '../../lib/focus-soon';
import { formatDuration } from '../../lib/formatters';
import { errorMessage } from '../../lib/use-form-errors';
import { secondsInChina, sessionWhen } from './attendance-format';
import { useQrCode } from './use-attendance';

/**
 * The QR code a classroom screen shows for one session and direction. It replaces itself shortly
 * before it expires. The countdown is visible but not announced (aria-live off): a screen reader
 * hears only a polite note when a new code appears, not a number every second.
 */
export function QrPanel({
  classId,
  session,
  direction,
  onClose,
}: {
  classId: string;
  session: AttendanceSessionSummary;
  direction: AttendanceDirection;
  onClose: () => void;
}) {
  const query = useQrCode(classId, session.id, direction);
  const [now, setNow] = useState(() => Date.now());
  const heading = useRef<HTMLHeadingElement>(null);
  const words = attendanceDirectionLabels[direction];
  const code = query.data;

  useEffect(() => {
    focusSoon(() => heading.current);
  }, []);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);

  // counted by this browser's clock from when the code arrived: the server's clock may differ
  const localExpiry = code ? query.dataUpdatedAt + (new Date(code.expiresAt).getTime() - new Date(code.issuedAt).getTime()) : 0;
  const remaining = Math.max(0, Math.round((localExpiry - now) / 1000));
  const label = `第 ${session.seq} 课${words}二维码`;

  return (
    <section aria-labelledby="attendance-qr-heading" className="attendance-panel qr-panel">
      <h3 id="attendance-qr-heading" ref={heading} tabIndex={-1}>
        {label}
      </h3>
      <p>
        {session.topic}，{sessionWhen(session.startsAt, session.endsAt)}。请学员用手机扫描二维码，打开页面后点“确认{words}”。
      </p>
      <p className="visually-hidden" role="status">
        {code ? `新的${words}二维码已显示，${secondsInChina(code.expiresAt)} 前有效。` : ''}
      </p>
      {query.isError && (
        <Alert
          type="error"
          role="alert"
          showIcon
          title={`未能生成二维码：${errorMessage(query.error)}`}
          action={
            <Button size="small" htmlType="button" onClick={() => void query.refetch()}>
              重试
            </Button>
          }
        />
      )}
      {code ? (
        <>
          <img
            className="qr-image"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.svg)}`}
            alt={`${label}，${secondsInChina(code.expiresAt)} 前有效`}
          />
          <p aria-live="off" className="qr-countdown">
            {remaining > 0 ? `还剩 ${formatDuration(remaining)}，到期前自动更换` : '正在更换二维码…'}
          </p>
          <dl className="qr-facts">
            <dt>有效至</dt>
            <dd>{secondsInChina(code.expiresAt)}</dd>
            <dt>无法扫码时，学员可在手机浏览器中打开这个链接</dt>
            <dd className="qr-link">{code.url}</dd>
          </dl>
        </>
      ) : (
        query.isPending && <p>正在生成二维码…</p>
      )}
      <div className="button-row">
        <Button htmlType="button" onClick={onClose}>
          关闭二维码
        </Button>
      </div>
    </section>
  );
}
