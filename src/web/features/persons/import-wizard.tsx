import './persons.css';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Radio, Space } from 'antd';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { importStrategies, importStrategyLabels, importTemplate } from '../../../shared/contracts/persons-contracts';
import { uploadFile, type StoredFile } from '../../../shared/contracts/platform-contracts';
import { ErrorSummary, type SummaryError } from '../../components/error-summary';
import { apiCall, downloadFile } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { ImportRun } from './import-run';
import { usePersonMutations } from './use-persons';

type Strategy = (typeof importStrategies)[number];
type Step = 1 | 2 | 3;

const stepTitles: Record<Step, string> = { 1: '准备并上传文件', 2: '试运行检查', 3: '正式导入' };
const accepted = /\.(xlsx|csv)$/i;

/**
 * The import as three steps, one task each: upload, dry run, real run. Each step's heading takes
 * focus when it appears, so its number and name are announced; progress is a labelled <progress>
 * with a live region that speaks every tenth.
 */
export function ImportWizard() {
  const [step, setStep] = useState<Step>(1);
  const [strategy, setStrategy] = useState<Strategy>('create_only');
  const [file, setFile] = useState<StoredFile | null>(null);
  const [jobs, setJobs] = useState<{ dry: string | null; real: string | null }>({ dry: null, real: null });
  const [round, setRound] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false; // the page's h1 has focus on arrival
      return;
    }
    heading.current?.focus();
  }, [step, round]);

  const restart = () => {
    setFile(null);
    setJobs({ dry: null, real: null });
    setStep(1);
    setRound((value) => value + 1);
  };

  return (
    <>
      <ol className="wizard-steps" aria-label="导入步骤">
        {([1, 2, 3] as const).map((number) => (
          <li
            key={number}
            aria-current={number === step ? 'step' : undefined}
            className={number === step ? 'is-current' : number < step ? 'is-done' : ''}
          >
            <span className="step-number" aria-hidden="true">
              {number < step ? '✓' : number}
            </span>
            <span>
              第 {number} 步：{stepTitles[number]}
              <span className="step-state">{number === step ? '（当前步骤）' : number < step ? '（已完成）' : '（未开始）'}</span>
            </span>
          </li>
        ))}
      </ol>
      <section aria-labelledby="import-step-heading" className="wizard-step">
        <h2 id="import-step-heading" ref={heading} tabIndex={-1}>
          第 {step} 步，共 3 步：{stepTitles[step]}
        </h2>
        {step === 1 && (
          <UploadStep
            key={round}
            strategy={strategy}
            onStrategyChange={setStrategy}
            onUploaded={(stored, jobId) => {
              setFile(stored);
              setJobs({ dry: jobId, real: null });
              setStep(2);
            }}
          />
        )}
        {step === 2 && file && jobs.dry && (
          <>
            <FileFacts file={file} strategy={strategy} />
            <ImportRun
              jobId={jobs.dry}
              dryRun
              actions={(summary) => (
                <RunActions
                  onRestart={restart}
                  next={
                    summary.rows > summary.refused ? (
                      <StartRealRun
                        fileId={file.id}
                        strategy={strategy}
                        onStarted={(jobId) => {
                          setJobs((current) => ({ ...current, real: jobId }));
                          setStep(3);
                        }}
                      />
                    ) : null
                  }
                />
              )}
            />
          </>
        )}
        {step === 3 && file && jobs.real && (
          <>
            <FileFacts file={file} strategy={strategy} />
            <ImportRun
              jobId={jobs.real}
              dryRun={false}
              actions={(summary) => (
                <RunActions
                  onRestart={restart}
                  restartLabel={summary.refused > 0 ? '修改错误行后重新导入' : '导入另一个文件'}
                  next={<Link to="/persons">查看人员列表</Link>}
                />
              )}
            />
          </>
        )}
      </section>
    </>
  );
}

function FileFacts({ file, strategy }: { file: StoredFile; strategy: Strategy }) {
  return (
    <p className="file-facts">
      文件：{file.name}（{Math.max(1, Math.round(file.size / 1024))} KB）；导入方式：{importStrategyLabels[strategy]}
    </p>
  );
}

function RunActions({
  onRestart,
  next,
  restartLabel = '修改文件后重新上传',
}: {
  onRestart: () => void;
  next: ReactNode;
  restartLabel?: string;
}) {
  return (
    <Space wrap className="form-actions">
      {next}
      <Button htmlType="button" onClick={onRestart}>
        {restartLabel}
      </Button>
    </Space>
  );
}

function StartRealRun({ fileId, strategy, onStarted }: { fileId: string; strategy: Strategy; onStarted: (jobId: string) => void }) {
  const mutations = usePersonMutations();
  return (
    <>
      <Button
        type="primary"
        htmlType="button"
        loading={mutations.startImport.isPending}
        onClick={() => mutations.startImport.mutate({ fileId, strategy, dryRun: false }, { onSuccess: ({ jobId }) => onStarted(jobId) })}
      >
        下一步：正式导入（未通过的行不会导入）
      </Button>
      {mutations.startImport.isError && (
        <span role="alert" className="inline-error">
          未能开始导入：{errorMessage(mutations.startImport.error)}
        </span>
      )}
    </>
  );
}

function UploadStep({
  strategy,
  onStrategyChange,
  onUploaded,
}: {
  strategy: Strategy;
  onStrategyChange: (strategy: Strategy) => void;
  onUploaded: (file: StoredFile, dryRunJobId: string) => void;
}) {
  const mutations = usePersonMutations();
  const fileInputId = useId();
  const fileHintId = useId();
  const strategyId = useId();
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [pending, setPending] = useState(false);
  const [templateStatus, setTemplateStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);

  async function downloadTemplate() {
    setTemplateStatus('正在下载模板…');
    try {
      const name = await downloadFile(importTemplate);
      setTemplateStatus(`模板“${name}”已开始下载。`);
    } catch (error) {
      setTemplateStatus(`模板未能下载：${errorMessage(error)}`);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = input.current?.files?.[0];
    const fileError = (message: string) => setErrors([{ message, fieldId: fileInputId }]);
    if (!chosen) return fileError('请选择要导入的文件');
    if (!accepted.test(chosen.name)) return fileError('只能导入 .xlsx 或 .csv 文件（含宏的 .xlsm 等文件不能导入）');
    setErrors([]);
    setPending(true);
    try {
      const body = new FormData();
      body.append('file', chosen);
      const stored = await apiCall(uploadFile, { body });
      const { jobId } = await mutations.startImport.mutateAsync({ fileId: stored.id, strategy, dryRun: true });
      onUploaded(stored, jobId);
    } catch (error) {
      // 413 (too large) and 415 (wrong type by content) come with the server's own Chinese message
      fileError(`文件未能上传：${errorMessage(error)}`);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      <ol className="task-list">
        <li>
          <p>下载导入模板，按“填写说明”工作表填写人员信息。代码项（如残疾类别、文化程度）请从下拉列表中选择。</p>
          <Button htmlType="button" icon={<DownloadOutlined aria-hidden />} onClick={() => void downloadTemplate()}>
            下载导入模板（.xlsx）
          </Button>
          <span role="status" className="export-status">
            {templateStatus}
          </span>
        </li>
        <li>
          <form onSubmit={(event) => void submit(event)} noValidate aria-label="上传导入文件">
            <fieldset className="checkbox-fieldset" aria-describedby={`${strategyId}-hint`}>
              <legend>导入方式</legend>
              <Radio.Group value={strategy} onChange={(event) => onStrategyChange(event.target.value as Strategy)} className="radio-stack">
                {importStrategies.map((value) => (
                  <Radio key={value} value={value}>
                    {importStrategyLabels[value]}
                  </Radio>
                ))}
              </Radio.Group>
              <p id={`${strategyId}-hint`} className="field-hint">
                同一个文件重复导入不会产生重复人员。
              </p>
            </fieldset>
            <div className="file-field">
              <label htmlFor={fileInputId}>选择要导入的文件</label>
              <p id={fileHintId} className="field-hint">
                .xlsx 或 .csv（UTF-8 或 GBK 编码），不超过服务器规定的大小。上传后先试运行检查，不会写入任何数据。
              </p>
              <input
                ref={input}
                id={fileInputId}
                type="file"
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                aria-describedby={fileHintId}
                aria-invalid={errors.length > 0 ? true : undefined}
                className="file-input"
                onChange={() => setErrors([])}
              />
            </div>
            <Button type="primary" htmlType="submit" icon={<UploadOutlined aria-hidden />} loading={pending}>
              上传并试运行检查
            </Button>
          </form>
        </li>
      </ol>
    </>
  );
}
