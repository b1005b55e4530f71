import './attendance.css';
import '../persons/persons.css';
import { Button } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ScanResult } from '../../../shared/contracts/attendance-contracts';
import { attendanceDirectionLabels } from '../../../shared/domain/class-attendance';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/use-form-errors';
import { secondsInChina, sessionWhen, timeInChina } from './attendance-format';
import { deviceId, useConfirmScan, useScanPreview } from './use-attendance';

function Refused({ title, message }: { title: string; message: string }) {
  return (
    <div className="attend-page">
      <PageHeader title={title} />
      <div className="attend-box is-refused" role="alert">
        <p className="attend-lead">{message}</p>
        <p>扫码时请站在教室里的二维码前，用手机相机或微信“扫一扫”。</p>
      </div>
      <p>
        <Link to="/my/classes" className="link-button attend-secondary">
          查看我的培训班
        </Link>
      </p>
    </div>
  );
}

function Done({ result }: { result: ScanResult }) {
  const words = attendanceDirectionLabels[result.direction];
  return (
    <div className="attend-page">
      <PageHeader title={`${words}成功`} />
      <div className="attend-box is-done" role="status">
        <p className="attend-lead">
          已记录你在 {timeInChina(result.recordedAt)} {words}。
        </p>
        <p>
          {result.className}，第 {result.sessionSeq} 课：{result.sessionTopic}（{sessionWhen(result.startsAt, result.endsAt)}）。
        </p>
        <p>不需要再做别的事。</p>
      </div>
      <p>
        <Link to="/my/classes" className="link-button attend-secondary">
          查看我的培训班
        </Link>
      </p>
    </div>
  );
}

/**
 * The page a trainee's phone opens from the classroom QR code: what will be recorded, one button,
 * then a plain confirmation or a plain reason with what to do. Each outcome has its own h1, which
 * takes focus, so a screen reader hears the result at once.
 */
export function AttendScan({ token }: { token: string }) {
  const preview = useScanPreview(token);
  const confirm = useConfirmScan();
  const [result, setResult] = useState<ScanResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  if (result) return <Done result={result} />;
  if (failure) return <Refused title="没有记录成功" message={failure} />;
  if (preview.isPending) {
    return (
      <div className="attend-page">
        <PageHeader title="扫码签到" />
        <LoadingState label="正在读取二维码…" />
      </div>
    );
  }
  if (preview.isError) return <Refused title="没有记录成功" message={errorMessage(preview.error)} />;
  const data = preview.data;
  if (data.status === 'refused') {
    return <Refused title={`不能${data.reason === 'replayed' ? '重复确认' : '签到或签退'}`} message={data.message} />;
  }

  const words = attendanceDirectionLabels[data.direction];
  async function submit() {
    try {
      setResult(await confirm.mutateAsync({ token, deviceId: deviceId() }));
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  return (
    <div className="attend-page">
      <PageHeader title={`确认${words}`} />
      <dl className="attend-facts">
        <dt>培训班</dt>
        <dd>{data.className}</dd>
        <dt>课程</dt>
        <dd>
          第 {data.sessionSeq} 课：{data.sessionTopic}
        </dd>
        <dt>上课时间</dt>
        <dd>{sessionWhen(data.startsAt, data.endsAt)}</dd>
        <dt>将要记录</dt>
        <dd>{words}，时间为你点按钮的时间</dd>
      </dl>
      <p>请在 {secondsInChina(data.expiresAt)} 前点下面的按钮。过了这个时间，请重新扫描教室里的二维码。</p>
      <Button type="primary" size="large" block className="attend-button" loading={confirm.isPending} onClick={() => void submit()}>
        确认{words}
      </Button>
    </div>
  );
}
