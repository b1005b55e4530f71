import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { importSummary, type ImportSummary } from '../../../shared/contracts/persons-contracts';
import { downloadFile as fileContract } from '../../../shared/contracts/platform-contracts';
import { downloadFile } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { useJob } from './use-persons';

interface ImportRunProps {
  jobId: string;
  dryRun: boolean;
  /** what the person can do once the run has finished */
  actions: (summary: ImportSummary) => ReactNode;
}

/** One import job: a labelled progress bar while it runs, then its summary. */
export function ImportRun({ jobId, dryRun, actions }: ImportRunProps) {
  const job = useJob(jobId);
  const progressId = useId();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const data = job.data;
  const finished = data?.status === 'succeeded' || data?.status === 'failed';
  const what = dryRun ? '试运行检查' : '导入';

  useEffect(() => {
    if (finished) resultHeading.current?.focus();
  }, [finished]);

  if (job.isError && !data) return <Alert type="error" role="alert" showIcon title={`无法获取进度：${errorMessage(job.error)}`} />;

  if (!finished) {
    const total = data?.total ?? null;
    const done = data?.progress ?? 0;
    const percent = total ? Math.min(100, Math.floor((done / total) * 100)) : null;
    // spoken only when the tenth changes, so a screen reader is not flooded
    const tenth = percent === null ? null : Math.floor(percent / 10) * 10;
    return (
      <div className="job-progress">
        <label htmlFor={progressId}>{dryRun ? '试运行检查进度' : '导入进度'}</label>
        {percent === null ? (
          <progress id={progressId} aria-valuetext="正在准备" />
        ) : (
          <progress id={progressId} value={done} max={total!} aria-valuetext={`${percent}%，已处理 ${done} 行，共 ${total} 行`} />
        )}
        <p aria-hidden="true" className="progress-text">
          {percent === null ? '正在准备…' : `已处理 ${done} / ${total} 行（${percent}%）`}
        </p>
        <p role="status" className="visually-hidden">
          {tenth === null ? `${what}已开始，正在准备` : `${what}已完成 ${tenth}%`}
        </p>
        {job.isError && <p className="inline-error">进度暂时无法刷新：{errorMessage(job.error)}，正在重试…</p>}
      </div>
    );
  }

  if (data.status === 'failed') {
    return (
      <>
        <h3 ref={resultHeading} tabIndex={-1}>
          {what}未能完成
        </h3>
        <Alert
          type="error"
          showIcon
          title={data.error ?? '任务失败，请稍后重试'}
          description="不会留下只写了一半的人员记录。可以稍后重新导入：同一个文件重复导入不会产生重复人员。"
        />
        {actions({ dryRun, rows: 0, created: 0, updated: 0, unchanged: 0, refused: 0, errorFileId: null })}
      </>
    );
  }

  const parsed = importSummary.safeParse(data.result);
  if (!parsed.success) {
    return (
      <>
        <h3 ref={resultHeading} tabIndex={-1}>
          {what}已结束
        </h3>
        <Alert type="warning" showIcon title="服务器返回的结果格式不正确，请到人员列表核对。" />
      </>
    );
  }
  const summary = parsed.data;
  return (
    <>
      <h3 ref={resultHeading} tabIndex={-1}>
        {dryRun ? '试运行检查完成（未写入任何数据）' : '导入完成'}
      </h3>
      <SummaryTable summary={summary} />
      {summary.refused > 0 ? (
        <div className="refused-note">
          <p>
            有 {summary.refused} 行未通过{dryRun ? '检查，正式导入时这些行会被跳过' : '，没有导入'}
            。错误明细文件写明了每一行的行号、列名和原因，修改后可重新导入。
          </p>
          {summary.errorFileId && <ErrorFileButton fileId={summary.errorFileId} refused={summary.refused} />}
        </div>
      ) : (
        <p>所有行均通过检查。</p>
      )}
      {actions(summary)}
    </>
  );
}

function SummaryTable({ summary }: { summary: ImportSummary }) {
  const captionId = useId();
  const verb = summary.dryRun ? '将' : '已';
  const rows: [string, number][] = [
    ['数据行数', summary.rows],
    [`${verb}新增`, summary.created],
    [`${verb}更新`, summary.updated],
    ['无变化', summary.unchanged],
    ['未通过', summary.refused],
  ];
  return (
    <table className="data-table summary-table" aria-labelledby={captionId}>
      <caption id={captionId}>{summary.dryRun ? '试运行结果' : '导入结果'}</caption>
      <thead>
        <tr>
          <th scope="col">项目</th>
          <th scope="col">行数</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, count]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="count-cell">{count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The error file of a run: row, column and reason in Chinese. */
export function ErrorFileButton({ fileId, refused }: { fileId: string; refused: number }) {
  const [status, setStatus] = useState('');
  return (
    <span className="error-file">
      <Button
        htmlType="button"
        icon={<DownloadOutlined aria-hidden />}
        onClick={() => {
          setStatus('正在下载…');
          downloadFile(fileContract, { params: { id: fileId } })
            .then((name) => setStatus(`错误明细“${name}”已开始下载。`))
            .catch((error: unknown) => setStatus(`未能下载：${errorMessage(error)}`));
        }}
      >
        下载错误明细（{refused} 行未通过）
      </Button>
      <span role="status" className="export-status">
        {status}
      </span>
    </span>
  );
}
