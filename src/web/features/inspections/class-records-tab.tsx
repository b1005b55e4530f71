import '../persons/persons.css';
import './inspections.css';
import { Alert, Button, Form, Input, InputNumber } from 'antd';
import { useRef, useState } from 'react';
import type { ClassRecord } from '../../../shared/contracts/class-records-contracts';
import {
  type ClassRecordFileKind,
  classRecordFileKinds,
  classRecordKindLabels,
  CLASS_RECORD_RETENTION_YEARS,
} from '../../../shared/domain/inspection-status';
import { todayInChina } from '../../../shared/domain/person-validation';
import { ScrollTable } from '../../components/detail-table';
import { ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { NativeSelect } from '../../components/native-select';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { focusSoon } from '../../lib/focus-soon';
import { formatDuration } from '../../lib/formatters';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import type { ClassTabProps } from '../classes/class-tab-props';
import { documentAccept, FilePicker } from '../../components/file-picker';
import { uploadFiles } from '../../lib/api-client';
import { downloadRecord, useClassRecordMutations, useClassRecords } from './use-inspections';

/**
 * The class's records (台账): documents, photos, sign-in sheets, exam papers and teaching-video
 * metadata. Each is kept at least five years; the delete button appears only once that has passed.
 */
export function ClassRecordsTab(props: ClassTabProps) {
  const records = useClassRecords(props.classId);
  const { message, announce, statusLine } = useAnnouncer();
  const headingId = `class-records-${props.classId}`;
  const data = records.data;

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>台账</h2>
      <p>
        台账资料至少保存 {CLASS_RECORD_RETENTION_YEARS} 年：保存到培训班结束后满 {CLASS_RECORD_RETENTION_YEARS} 年，且不少于登记之日起{' '}
        {CLASS_RECORD_RETENTION_YEARS} 年。到期前任何人都不能删除。
      </p>
      <ListStatus ref={statusLine} text={message} />
      {records.isPending && <LoadingState />}
      {records.isError && <Alert type="error" role="alert" showIcon title={errorMessage(records.error)} />}
      {data && <RecordsTable classId={props.classId} items={data.items} onDone={announce} />}
      {data?.mayWrite && (
        <div className="record-forms">
          <UploadForm classId={props.classId} onDone={announce} />
          <VideoForm classId={props.classId} onDone={announce} />
        </div>
      )}
    </section>
  );
}

function RecordsTable({ classId, items, onDone }: { classId: string; items: ClassRecord[]; onDone: (message: string) => void }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState('');
  const confirmButton = useRef<HTMLButtonElement>(null);
  const { remove } = useClassRecordMutations(classId);
  const [downloadStatus, setDownloadStatus] = useState('');

  if (items.length === 0) return <p>还没有台账资料。</p>;
  return (
    <>
      {error && <Alert type="error" role="alert" showIcon title={error} />}
      <ScrollTable caption="台账资料" headers={['资料名称', '类别', '文件或视频信息', '保存至', '操作']}>
        {items.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.title}</th>
            <td>{classRecordKindLabels[r.recordKind]}</td>
            <td>
              {r.file && (
                <Button
                  type="link"
                  htmlType="button"
                  onClick={() => {
                    setDownloadStatus('');
                    downloadRecord(classId, r.id)
                      .then((name) => setDownloadStatus(`已开始下载：${name}`))
                      .catch((e: unknown) => setDownloadStatus(`下载未能完成：${errorMessage(e)}`));
                  }}
                >
                  下载 {r.file.name}
                </Button>
              )}
              {r.video && (
                <ul className="plain-list">
                  <li>时长：{formatDuration(r.video.durationSeconds)}</li>
                  <li>存放位置：{r.video.location}</li>
                  {r.video.recordedOn && <li>录制日期：{r.video.recordedOn}</li>}
                  {r.video.sha256 && <li className="draw-seed">SHA-256：{r.video.sha256}</li>}
                </ul>
              )}
            </td>
            <td>{r.retainUntil}</td>
            <td>
              {!r.deletable ? (
                `保存期内，${r.retainUntil} 前不能删除`
              ) : confirming === r.id ? (
                <div className="button-row">
                  <Button
                    ref={confirmButton}
                    danger
                    htmlType="button"
                    loading={remove.isPending}
                    onClick={() => {
                      setError('');
                      remove
                        .mutateAsync(r.id)
                        .then(() => {
                          setConfirming(null);
                          onDone(`已删除台账资料：${r.title}`);
                        })
                        .catch((e: unknown) => setError(errorMessage(e)));
                    }}
                  >
                    确认删除“{r.title}”
                  </Button>
                  <Button htmlType="button" onClick={() => setConfirming(null)}>
                    取消
                  </Button>
                </div>
              ) : (
                <Button
                  danger
                  htmlType="button"
                  onClick={() => {
                    setConfirming(r.id);
                    focusSoon(() => confirmButton.current);
                  }}
                >
                  删除“{r.title}”…
                </Button>
              )}
            </td>
          </tr>
        ))}
      </ScrollTable>
      <p role="status">{downloadStatus}</p>
    </>
  );
}

interface UploadValues {
  recordKind: ClassRecordFileKind;
  recordTitle: string;
  fileId: File[];
}

function UploadForm({ classId, onDone }: { classId: string; onDone: (message: string) => void }) {
  const formName = `record-upload-${classId.slice(0, 8)}`;
  const [form] = Form.useForm<UploadValues>();
  const errors = useFormErrors(form, formName);
  const [fileKey, setFileKey] = useState(0);
  const [pending, setPending] = useState(false);
  const { add } = useClassRecordMutations(classId);

  async function submit(values: UploadValues) {
    errors.clear();
    setPending(true);
    try {
      const [fileId] = await uploadFiles(values.fileId.slice(0, 1));
      const record = await add.mutateAsync({ recordKind: values.recordKind, recordTitle: values.recordTitle.trim(), fileId: fileId! });
      form.resetFields();
      // a file input cannot be cleared by its value: a new key mounts an empty one
      setFileKey((k) => k + 1);
      onDone(`已上传“${record.title}”，保存至 ${record.retainUntil}。`);
    } catch (error) {
      errors.showError(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="inspection-panel">
      <h3>上传台账资料</h3>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ recordKind: 'document', recordTitle: '', fileId: [] }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="recordKind" label="资料类别" required>
          <NativeSelect options={classRecordFileKinds.map((k) => ({ value: k, label: classRecordKindLabels[k] }))} />
        </Form.Item>
        <Form.Item
          name="recordTitle"
          label="资料名称"
          required
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写资料名称（至少 2 个字）' }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="fileId"
          label="文件"
          required
          extra="PDF、JPG 或 PNG（照片只能是 JPG 或 PNG），系统按文件内容识别类型。"
          rules={[
            { validator: (_, v: File[] | undefined) => (v?.length ? Promise.resolve() : Promise.reject(new Error('请选择要上传的文件'))) },
          ]}
        >
          <FilePicker key={fileKey} accept={documentAccept} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={pending}>
          上传
        </Button>
      </Form>
    </div>
  );
}

interface VideoValues {
  recordTitle: string;
  durationSeconds: number | null;
  storageLocation: string;
  sha256: string;
  videoRecordedOn: string;
}

function VideoForm({ classId, onDone }: { classId: string; onDone: (message: string) => void }) {
  const formName = `record-video-${classId.slice(0, 8)}`;
  const [form] = Form.useForm<VideoValues>();
  const errors = useFormErrors(form, formName);
  const { addVideo } = useClassRecordMutations(classId);
  const today = todayInChina();

  async function submit(values: VideoValues) {
    errors.clear();
    try {
      const record = await addVideo.mutateAsync({
        recordTitle: values.recordTitle.trim(),
        // the form asks for minutes, which people know; the record keeps seconds
        durationSeconds: Math.round((values.durationSeconds ?? 0) * 60),
        storageLocation: values.storageLocation.trim(),
        sha256: values.sha256.trim(),
        videoRecordedOn: values.videoRecordedOn,
      });
      form.resetFields();
      onDone(`已登记教学视频“${record.title}”，保存至 ${record.retainUntil}。`);
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <div className="inspection-panel">
      <h3>登记教学视频</h3>
      <p className="field-hint">视频本身不上传，只登记它的信息和存放位置。</p>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ recordTitle: '', durationSeconds: null, storageLocation: '', sha256: '', videoRecordedOn: today }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item
          name="recordTitle"
          label="视频名称"
          required
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写视频名称（至少 2 个字）' }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="durationSeconds"
          label="视频时长（分钟）"
          required
          rules={[{ required: true, type: 'number', min: 1, max: 1440, message: '请填写 1 到 1440 之间的分钟数' }]}
        >
          <InputNumber min={1} max={1440} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="storageLocation"
          label="存放位置"
          extra="例如：机构存储服务器上的路径或档案柜编号。"
          required
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写存放位置（至少 2 个字）' }]}
        >
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="sha256"
          label="SHA-256 校验值"
          extra="64 位十六进制字符，用于日后核对视频没有被改动。"
          required
          rules={[{ required: true, pattern: /^\s*[0-9a-fA-F]{64}\s*$/, message: 'SHA-256 校验值为 64 位十六进制字符' }]}
        >
          <Input maxLength={70} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="videoRecordedOn" label="录制日期" required rules={[{ required: true, message: '请填写录制日期' }]}>
          <Input type="date" max={today} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={addVideo.isPending}>
          登记视频
        </Button>
      </Form>
    </div>
  );
}
