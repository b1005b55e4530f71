import { Button, Form, Input } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import type { InspectionDetail } from '../../../shared/contracts/inspections-contracts';
import {
  type InspectionConclusion,
  inspectionConclusionLabels,
  inspectionConclusions,
  inspectionKindLabels,
} from '../../../shared/domain/inspection-status';
import { todayInChina } from '../../../shared/domain/person-validation';
import { addDays } from '../../../shared/domain/trainer-rotation';
import { DetailList } from '../../components/detail-list';
import { DocumentLinks } from '../../components/document-links';
import { ErrorSummary } from '../../components/error-summary';
import { NativeSelect } from '../../components/native-select';
import { formatDateTime } from '../../lib/formatters';
import { useFormErrors } from '../../lib/use-form-errors';
import { documentAccept, FilePicker, imageAccept } from '../../components/file-picker';
import { dueText, InspectionStatusTag } from './inspection-labels';
import { uploadFiles } from '../../lib/api-client';
import { downloadInspectionPhoto, useInspectionMutations } from './use-inspections';

interface PanelProps {
  inspection: InspectionDetail;
  /** the panel's heading level: 2 on its own page, 3 inside a class tab */
  level: 2 | 3;
  /** whether to name the class (not inside the class's own tab) */
  showClass?: boolean;
  /** tells the page what happened (its status line announces it and takes focus) */
  onDone: (message: string) => void;
}

/** One inspection: what was planned and found, the rectification, and the steps the viewer may take. */
export function InspectionPanel({ inspection: n, level, showClass = false, onDone }: PanelProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const Sub = level === 2 ? 'h3' : 'h4';
  const download = (fileId: string) => downloadInspectionPhoto(n.id, fileId);
  const allowed = new Set(n.allowedCommands);
  const headingId = `inspection-${n.id}-heading`;
  return (
    <section className="inspection-panel" aria-labelledby={headingId}>
      <Heading id={headingId}>
        {inspectionKindLabels[n.kind]}（计划 {n.plannedOn}）
      </Heading>
      <DetailList
        rows={[
          ...(showClass
            ? ([
                [
                  '培训班',
                  <Link key="c" to={`/classes/${n.classId}`}>
                    {n.className}（{n.classNo}）
                  </Link>,
                ],
                ['培训机构', n.institutionName],
              ] as [string, ReactNode][])
            : []),
          ['状态', <InspectionStatusTag key="s" status={n.status} />],
          ['检查日期', n.inspectedOn ?? '尚未检查'],
          ['检查发现', n.findings ?? '—'],
          ['现场照片', <DocumentLinks key="p" documents={n.photos} download={download} />],
          ['整改要求', n.rectificationRequest ?? '—'],
          ['整改期限', dueText(n.rectificationDueOn, n.rectificationOverdue)],
          ['整改情况说明', n.rectificationReply ?? '—'],
          ['整改材料', <DocumentLinks key="d" documents={n.rectificationDocuments} download={download} />],
          ['整改回复时间', n.rectificationRepliedAt ? formatDateTime(n.rectificationRepliedAt) : '—'],
          ['办结意见', n.closingComment ?? '—'],
        ]}
      />
      {allowed.size > 0 && (
        <div className="inspection-forms">
          {allowed.has('findings') && <FindingsForm inspection={n} Sub={Sub} onDone={onDone} />}
          {allowed.has('reply') && <ReplyForm inspection={n} Sub={Sub} onDone={onDone} />}
          {(allowed.has('close') || allowed.has('reopen')) && <CloseForm inspection={n} Sub={Sub} onDone={onDone} />}
        </div>
      )}
    </section>
  );
}

interface FormProps {
  inspection: InspectionDetail;
  Sub: 'h3' | 'h4';
  onDone: (message: string) => void;
}

interface FindingsValues {
  inspectedOn: string;
  findings: string;
  conclusion: InspectionConclusion;
  rectificationRequest: string;
  rectificationDueOn: string;
  photoIds: File[];
}

function FindingsForm({ inspection, Sub, onDone }: FormProps) {
  const formName = `findings-${inspection.id.slice(0, 8)}`;
  const [form] = Form.useForm<FindingsValues>();
  const errors = useFormErrors(form, formName);
  const [pending, setPending] = useState(false);
  const { findings } = useInspectionMutations();
  const conclusion = Form.useWatch('conclusion', form);
  const today = todayInChina();

  async function submit(values: FindingsValues) {
    errors.clear();
    setPending(true);
    try {
      const photoIds = await uploadFiles(values.photoIds ?? []);
      const rectify = values.conclusion === 'rectify';
      await findings.mutateAsync({
        id: inspection.id,
        body: {
          inspectedOn: values.inspectedOn,
          findings: values.findings.trim(),
          conclusion: values.conclusion,
          ...(rectify && { rectificationRequest: values.rectificationRequest.trim(), rectificationDueOn: values.rectificationDueOn }),
          photoIds,
          version: inspection.version,
        },
      });
      onDone(rectify ? '已记录检查结果，已要求培训机构限期整改。' : '已记录检查结果：合格。');
    } catch (error) {
      errors.showError(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="inspection-form">
      <Sub>记录检查结果</Sub>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{
          inspectedOn: today,
          findings: '',
          conclusion: 'passed',
          rectificationRequest: '',
          rectificationDueOn: addDays(today, 15),
          photoIds: [],
        }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="inspectedOn" label="检查日期" required rules={[{ required: true, message: '请填写检查日期' }]}>
          <Input type="date" max={today} />
        </Form.Item>
        <Form.Item
          name="findings"
          label="检查发现"
          required
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写检查发现（至少 2 个字）' }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="conclusion" label="检查结论" required>
          <NativeSelect options={inspectionConclusions.map((c) => ({ value: c, label: inspectionConclusionLabels[c] }))} />
        </Form.Item>
        {conclusion === 'rectify' && (
          <>
            <Form.Item
              name="rectificationRequest"
              label="整改要求"
              required
              rules={[{ required: true, whitespace: true, min: 2, message: '请填写整改要求（至少 2 个字）' }]}
            >
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
            <Form.Item name="rectificationDueOn" label="整改期限" required rules={[{ required: true, message: '请填写整改期限' }]}>
              <Input type="date" min={today} />
            </Form.Item>
          </>
        )}
        <Form.Item name="photoIds" label="现场照片" extra="可选。只能是 JPG 或 PNG 图片，每张不超过 10 MB，最多 10 张。">
          <FilePicker accept={imageAccept} multiple />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={pending}>
          保存检查结果
        </Button>
      </Form>
    </div>
  );
}

interface ReplyValues {
  replyText: string;
  documentIds: File[];
}

function ReplyForm({ inspection, Sub, onDone }: FormProps) {
  const formName = `reply-${inspection.id.slice(0, 8)}`;
  const [form] = Form.useForm<ReplyValues>();
  const errors = useFormErrors(form, formName);
  const [pending, setPending] = useState(false);
  const { reply } = useInspectionMutations();

  async function submit(values: ReplyValues) {
    errors.clear();
    setPending(true);
    try {
      const documentIds = await uploadFiles(values.documentIds ?? []);
      await reply.mutateAsync({
        id: inspection.id,
        body: { replyText: values.replyText.trim(), documentIds, version: inspection.version },
      });
      onDone('已提交整改回复，等待残联复核。');
    } catch (error) {
      errors.showError(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="inspection-form">
      <Sub>提交整改回复</Sub>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ replyText: '', documentIds: [] }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item
          name="replyText"
          label="整改情况说明"
          required
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写整改情况说明（至少 2 个字）' }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="documentIds" label="整改材料" extra="可选。PDF、JPG 或 PNG，最多 10 个。">
          <FilePicker accept={documentAccept} multiple />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={pending}>
          提交整改回复
        </Button>
      </Form>
    </div>
  );
}

interface CloseValues {
  decision: 'close' | 'reopen';
  comment: string;
  rectificationDueOn: string;
}

function CloseForm({ inspection, Sub, onDone }: FormProps) {
  const formName = `close-${inspection.id.slice(0, 8)}`;
  const [form] = Form.useForm<CloseValues>();
  const errors = useFormErrors(form, formName);
  const { close } = useInspectionMutations();
  const decision = Form.useWatch('decision', form);
  const mayReopen = inspection.allowedCommands.includes('reopen');
  const today = todayInChina();

  async function submit(values: CloseValues) {
    errors.clear();
    try {
      const reopen = values.decision === 'reopen';
      await close.mutateAsync({
        id: inspection.id,
        body: {
          decision: values.decision,
          comment: values.comment.trim(),
          ...(reopen && { rectificationDueOn: values.rectificationDueOn }),
          version: inspection.version,
        },
      });
      onDone(reopen ? '已退回培训机构继续整改。' : '该检查已办结。');
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <div className="inspection-form">
      <Sub>{mayReopen ? '复核整改' : '办结检查'}</Sub>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ decision: 'close', comment: '', rectificationDueOn: addDays(today, 15) }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        {mayReopen && (
          <Form.Item name="decision" label="处理结论" required>
            <NativeSelect
              options={[
                { value: 'close', label: '整改到位，办结' },
                { value: 'reopen', label: '退回继续整改' },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="comment"
          label={decision === 'reopen' ? '意见（即新的整改要求）' : '意见'}
          required
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写意见（至少 2 个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        {decision === 'reopen' && (
          <Form.Item name="rectificationDueOn" label="整改期限" required rules={[{ required: true, message: '请填写新的整改期限' }]}>
            <Input type="date" min={addDays(today, 1)} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={close.isPending}>
          {decision === 'reopen' ? '退回继续整改' : '办结'}
        </Button>
      </Form>
    </div>
  );
}
