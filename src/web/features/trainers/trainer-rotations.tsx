import { Button, Form, Input, Tag } from 'antd';
import { useState } from 'react';
import type { RotationRecordView, TrainerDetail } from '../../../shared/contracts/trainers-contracts';
import { todayInChina } from '../../../shared/domain/person-validation';
import { rotationResultLabels, rotationResults, type RotationResult } from '../../../shared/domain/trainer-codes';
import { rotationCycleOutcomeLabels } from '../../../shared/domain/trainer-rotation';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { ErrorSummary } from '../../components/error-summary';
import { NativeSelect } from '../../components/native-select';
import { formatDateTime } from '../../lib/formatters';
import { useFormErrors } from '../../lib/use-form-errors';
import { DetailTable } from '../../components/detail-table';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { RotationBadge } from './rotation-badge';
import { useTrainerMutations, useTrainingBases } from './use-trainers';

/** The cycles from joining to now as an ordered list: each says its dates and how it ended, in words. */
function CycleTimeline({ trainer }: { trainer: TrainerDetail }) {
  return (
    <ol className="cycle-timeline" aria-label="五年轮训周期">
      {trainer.cycles.map((cycle) => (
        <li key={cycle.index}>
          <span className="cycle-title">
            第 {cycle.index} 个周期：{cycle.start} 起，截止 {cycle.dueDate}
          </span>
          <br />
          {cycle.completedOn ? `${cycle.completedOn} 完成轮训，` : ''}
          {rotationCycleOutcomeLabels[cycle.outcome]}
        </li>
      ))}
    </ol>
  );
}

interface RotationValues {
  startedOn: string;
  completedOn: string;
  hours: string;
  baseId: string;
  providerName: string;
  topic: string;
  result: RotationResult;
  serialNumber: string;
}

const formName = 'rotation-form';
const resultOptions = rotationResults.map((value) => ({ value, label: rotationResultLabels[value] }));

function RotationForm({ trainer, onDone }: { trainer: TrainerDetail; onDone: (message: string) => void }) {
  const [form] = Form.useForm<RotationValues>();
  const errors = useFormErrors(form, formName);
  const mutations = useTrainerMutations();
  const bases = useTrainingBases();
  const baseId = Form.useWatch('baseId', form) ?? '';
  const current = (bases.data?.items ?? []).filter((b) => b.endedOn === null);
  const baseOptions = [
    { value: '', label: '其他举办单位（在下方填写）' },
    ...current.map((b) => ({ value: b.id, label: `${b.institutionName}（省级师资研修基地）` })),
  ];

  async function submit(values: RotationValues) {
    errors.clear();
    try {
      await mutations.addRotation.mutateAsync({
        id: trainer.id,
        body: {
          startedOn: values.startedOn,
          completedOn: values.completedOn,
          hours: Number(values.hours),
          baseId: values.baseId || null,
          providerName: values.baseId ? null : values.providerName.trim() || null,
          topic: values.topic.trim(),
          result: values.result,
          serialNumber: values.serialNumber.trim() || null,
        },
      });
      form.resetFields();
      onDone(`已登记 ${values.completedOn} 结业的轮训（${rotationResultLabels[values.result]}）。`);
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <section aria-labelledby="rotation-form-heading" className="subform">
      <h2 id="rotation-form-heading">登记轮训</h2>
      <p>考核合格的轮训从结业日期起开始新的五年周期。已登记的记录不能修改；录错时请作废并说明原因，再登记正确的记录。</p>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        className="narrow-form"
        initialValues={{
          startedOn: '',
          completedOn: '',
          hours: '',
          baseId: '',
          providerName: '',
          topic: '',
          result: 'passed',
          serialNumber: '',
        }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="startedOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <Input type="date" max={todayInChina()} />
        </Form.Item>
        <Form.Item name="completedOn" label="结业日期" rules={[{ required: true, message: '请选择结业日期' }]}>
          <Input type="date" max={todayInChina()} />
        </Form.Item>
        <Form.Item
          name="hours"
          label="学时"
          rules={[
            { required: true, message: '请填写学时' },
            { pattern: /^\d{1,4}$/, message: '学时请填写 1 至 2000 的整数' },
          ]}
        >
          <Input inputMode="numeric" autoComplete="off" maxLength={4} />
        </Form.Item>
        <Form.Item name="baseId" label="培训地点">
          <NativeSelect options={baseOptions} />
        </Form.Item>
        {!baseId && (
          <Form.Item name="providerName" label="培训举办单位" rules={[{ required: true, message: '请填写培训举办单位' }]}>
            <Input autoComplete="off" maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="topic" label="培训主题" rules={[{ required: true, min: 2, message: '请填写培训主题' }]}>
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item name="result" label="考核结果">
          <NativeSelect options={resultOptions} />
        </Form.Item>
        <Form.Item name="serialNumber" label="结业证书编号（选填）">
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutations.addRotation.isPending}>
          登记轮训
        </Button>
      </Form>
    </section>
  );
}

/** Rotation history: where the trainer stands, the cycles, the records (voided ones kept and marked). */
export function TrainerRotations({ trainer, canRecord }: { trainer: TrainerDetail; canRecord: boolean }) {
  const mutations = useTrainerMutations();
  const [voiding, setVoiding] = useState<RotationRecordView | null>(null);
  const { message, announce, statusLine } = useAnnouncer();

  return (
    <>
      <ListStatus ref={statusLine} text={message} />
      <p>
        当前周期自 {trainer.rotation.cycleStart} 起：
        <RotationBadge rotation={trainer.rotation} />
      </p>
      <CycleTimeline trainer={trainer} />
      <DetailTable
        caption="轮训记录"
        headers={['结业日期', '开始日期', '学时', '培训地点或举办单位', '培训主题', '考核结果', '证书编号', '登记', '状态', '操作']}
        empty="尚无轮训记录。"
        rows={trainer.rotations.map((r) => ({
          key: r.id,
          cells: [
            r.completedOn,
            r.startedOn,
            r.hours,
            r.providerName,
            r.topic,
            rotationResultLabels[r.result],
            r.serialNumber ?? '—',
            `${r.enteredBy ?? '系统'}，${formatDateTime(r.enteredAt)}`,
            r.voidedAt ? (
              <>
                <Tag className="state-bad">已作废</Tag>
                {r.voidReason}
              </>
            ) : r.correctsId ? (
              '有效（更正记录）'
            ) : (
              '有效'
            ),
            canRecord && !r.voidedAt ? (
              <Button size="small" htmlType="button" onClick={() => setVoiding(r)} aria-label={`作废 ${r.completedOn} 结业的轮训记录`}>
                作废
              </Button>
            ) : (
              '—'
            ),
          ],
        }))}
      />
      {canRecord && <RotationForm trainer={trainer} onDone={announce} />}
      <ConfirmReasonModal
        open={voiding !== null}
        title={voiding ? `作废 ${voiding.completedOn} 结业的轮训记录` : '作废轮训记录'}
        description={<p>记录作废后仍保留在历史中，不再计入轮训周期。作废操作会连同原因记入审计日志。</p>}
        confirmText="作废"
        danger
        onConfirm={async (reason) => {
          if (!voiding) return;
          await mutations.voidRotation.mutateAsync({ id: trainer.id, rotationId: voiding.id, reason });
          const completed = voiding.completedOn;
          setVoiding(null);
          announce(`已作废 ${completed} 结业的轮训记录。`);
        }}
        onCancel={() => setVoiding(null)}
      />
    </>
  );
}
