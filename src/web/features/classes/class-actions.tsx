import { EditOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ClassDetail, ClassStepCommand } from '../../../shared/contracts/classes-contracts';
import { classCommandLabels, classStatusLabels, commandNeedsComment } from '../../../shared/domain/class-status';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { DocumentsInput } from '../../components/documents-input';
import { ErrorSummary } from '../../components/error-summary';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { uploadFiles } from '../../lib/api-client';
import { useClassMutations } from './use-classes';

interface ActionsProps {
  detail: ClassDetail;
  /** tells the page what happened (shown and announced in its status line) */
  onDone: (message: string) => void;
}

/** Steps that may carry an opinion and documents (申请材料, 审核意见书, 结业材料). */
const documentCommands: readonly ClassStepCommand[] = ['submit', 'approve', 'submit_completion', 'approve_completion'];

const panelHints: Partial<Record<ClassStepCommand, string>> = {
  submit: '提交后由县区残联审核，审核期间不能修改。可附开班申请表、场地照片等材料。',
  approve: '批准后培训机构可以开始招生和培训。可附批复文件。',
  submit_completion: '提交前请确认考核成绩已全部录入；提交后由残联进行结业审核。可附结业材料。',
  approve_completion: '审核通过后培训机构可以发放培训合格证书。可附审核意见书。',
};

const askButtonLabels: Partial<Record<ClassStepCommand, string>> = {
  return: '退回修改…',
  return_completion: '退回结业材料…',
  cancel: '取消培训班…',
};

export function doneMessage(command: ClassStepCommand, after: ClassDetail): string {
  return `已${classCommandLabels[command]}。培训班现为“${classStatusLabels[after.status]}”。`;
}

/** Only the steps the server lists for this viewer and status (the same shared rule it enforces). */
export function ClassActions({ detail, onDone }: ActionsProps) {
  const [asking, setAsking] = useState<ClassStepCommand | null>(null);
  const { command } = useClassMutations();
  const allowed = detail.allowedCommands.filter((c): c is ClassStepCommand => c !== 'create');
  if (allowed.length === 0 && !detail.canEdit) return null;
  const withPanel = allowed.filter((c) => documentCommands.includes(c));
  const plain = allowed.filter((c) => !documentCommands.includes(c) && !commandNeedsComment(c));
  const asked = allowed.filter((c) => commandNeedsComment(c));

  return (
    <section aria-labelledby="class-actions-heading" className="accreditation-actions">
      <h2 id="class-actions-heading">办理</h2>
      {(detail.canEdit || plain.length > 0 || asked.length > 0) && (
        <div className="button-row">
          {detail.canEdit && (
            <Link to={`/classes/${detail.id}/edit`} className="link-button">
              <EditOutlined aria-hidden /> 修改开班申请
            </Link>
          )}
          {plain.map((c) => (
            <PlainCommand key={c} detail={detail} command={c} onDone={onDone} />
          ))}
          {asked.map((c) => (
            <Button key={c} htmlType="button" danger={c === 'cancel'} onClick={() => setAsking(c)}>
              {askButtonLabels[c] ?? `${classCommandLabels[c]}…`}
            </Button>
          ))}
        </div>
      )}
      {withPanel.map((c) => (
        <CommandPanel key={c} detail={detail} command={c} onDone={onDone} />
      ))}
      <ConfirmReasonModal
        open={asking !== null}
        title={asking ? `${classCommandLabels[asking]}：${detail.name}` : ''}
        description={asking === 'cancel' ? '取消后培训班不能恢复。' : '请写明需要修改或补充的内容，培训机构会看到这段意见。'}
        confirmText={asking ? classCommandLabels[asking] : '确定'}
        danger={asking === 'cancel'}
        onConfirm={async (reason) => {
          const step = asking!;
          const after = await command.mutateAsync({ id: detail.id, command: step, body: { comment: reason, version: detail.version } });
          setAsking(null);
          onDone(doneMessage(step, after));
        }}
        onCancel={() => setAsking(null)}
      />
    </section>
  );
}

/** A step with nothing to add (开始培训, 结班): one button, its error announced next to it. */
function PlainCommand({ detail, command: step, onDone }: ActionsProps & { command: ClassStepCommand }) {
  const { command } = useClassMutations();
  const [failure, setFailure] = useState('');
  return (
    <>
      <Button
        htmlType="button"
        type="primary"
        loading={command.isPending && command.variables?.command === step}
        onClick={() => {
          setFailure('');
          command
            .mutateAsync({ id: detail.id, command: step, body: { version: detail.version } })
            .then((after) => onDone(doneMessage(step, after)))
            .catch((error: unknown) => setFailure(errorMessage(error)));
        }}
      >
        {classCommandLabels[step]}
      </Button>
      {failure && (
        <p role="alert" className="command-failure">
          {classCommandLabels[step]}未能完成：{failure}
        </p>
      )}
    </>
  );
}

/** A step that may carry an opinion and documents: 提交开班申请, 批准开班, 提交结业审核, 结业审核通过. */
function CommandPanel({ detail, command: step, onDone }: ActionsProps & { command: ClassStepCommand }) {
  const formName = `class-${step}`;
  const [form] = Form.useForm<{ comment: string }>();
  const errors = useFormErrors(form, formName);
  const { command } = useClassMutations();
  const [files, setFiles] = useState<File[]>([]);
  const [pending, setPending] = useState(false);
  const label = classCommandLabels[step];
  const federation = detail.party === 'federation';

  async function submit({ comment }: { comment: string }) {
    errors.clear();
    setPending(true);
    try {
      const documentIds = await uploadFiles(files);
      const after = await command.mutateAsync({
        id: detail.id,
        command: step,
        body: { comment: comment.trim() || null, documentIds, version: detail.version },
      });
      onDone(doneMessage(step, after));
    } catch (error) {
      errors.showError(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="action-panel">
      <h3>{label}</h3>
      {panelHints[step] && <p className="field-hint">{panelHints[step]}</p>}
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ comment: '' }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="comment" label={federation ? '审核意见' : '说明'}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <DocumentsInput id={`${formName}_documents`} label={federation ? '附件' : '附材料'} files={files} onChange={setFiles} />
        <Button type="primary" htmlType="submit" loading={pending}>
          {label}
        </Button>
      </Form>
    </div>
  );
}
