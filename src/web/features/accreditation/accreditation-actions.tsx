import { Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import type { AccreditationDetail } from '../../../shared/contracts/accreditation-contracts';
import {
  accreditationCommandLabels,
  accreditationTierLabels,
  addDays,
  addMonths,
  type AccreditationTier,
  lowerTiers,
  promotionTier,
  type StaffCommand,
  tierForLevel,
} from '../../../shared/domain/accreditation';
import { todayInChina } from '../../../shared/domain/person-validation';
import { ApiError } from '../../lib/api-client';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { ErrorSummary } from '../../components/error-summary';
import { NativeSelect } from '../../components/native-select';
import { useFormErrors } from '../../lib/use-form-errors';
import { useCurrentUser } from '../auth/use-session';
import { EvaluationForm } from './evaluation-form';
import { useAccreditationMutations } from './use-accreditation';

type ReasonCommand = 'reject' | 'suspend' | 'reinstate' | 'revoke';
const reasonCommands: ReasonCommand[] = ['reject', 'suspend', 'reinstate', 'revoke'];
const reasonButtonLabels: Record<ReasonCommand, string> = { reject: '不予挂牌…', suspend: '暂停…', reinstate: '恢复…', revoke: '摘牌…' };

interface ActionsProps {
  detail: AccreditationDetail;
  /** tells the page what happened (shown and announced in its status line) */
  onDone: (message: string) => void;
}

/** Only the actions the server lists for this account and status (the same shared rule it enforces). */
export function AccreditationActions({ detail, onDone }: ActionsProps) {
  const allowed = new Set<StaffCommand>(detail.allowedCommands);
  const [asking, setAsking] = useState<ReasonCommand | null>(null);
  const { decide } = useAccreditationMutations();
  if (allowed.size === 0) return null;
  const reasonable = reasonCommands.filter((c) => allowed.has(c));

  return (
    <section aria-labelledby="actions-heading" className="accreditation-actions">
      <h2 id="actions-heading">办理</h2>
      {allowed.has('accredit') && <AccreditForm detail={detail} onDone={onDone} />}
      {allowed.has('renew') && <RenewForm detail={detail} onDone={onDone} />}
      {allowed.has('downgrade') && <DowngradeForm detail={detail} onDone={onDone} />}
      {allowed.has('promote') && <PromoteForm detail={detail} onDone={onDone} />}
      {allowed.has('evaluate') && <EvaluationForm detail={detail} onDone={onDone} />}
      {reasonable.length > 0 && (
        <div className="button-row">
          {reasonable.map((command) => (
            <Button key={command} htmlType="button" danger={command !== 'reinstate'} onClick={() => setAsking(command)}>
              {reasonButtonLabels[command]}
            </Button>
          ))}
        </div>
      )}
      <ConfirmReasonModal
        open={asking !== null}
        title={asking ? `${accreditationCommandLabels[asking]}：${detail.baseName}` : ''}
        confirmText={asking ? accreditationCommandLabels[asking] : '确定'}
        danger={asking !== 'reinstate'}
        onConfirm={async (reason) => {
          const command = asking!;
          await decide.mutateAsync({ id: detail.id, body: { command, reason, version: detail.version } });
          setAsking(null);
          onDone(`已${accreditationCommandLabels[command]}：${detail.baseName}`);
        }}
        onCancel={() => setAsking(null)}
      />
    </section>
  );
}

interface AccreditValues {
  tier: string;
  plaqueNo: string;
  termStart: string;
  termEnd: string;
  reason: string;
}

function AccreditForm({ detail, onDone }: ActionsProps) {
  const user = useCurrentUser();
  const formName = 'accredit';
  const [form] = Form.useForm<AccreditValues>();
  const errors = useFormErrors(form, formName);
  const { accredit } = useAccreditationMutations();
  const own = tierForLevel(user.region.level);
  const tiers: AccreditationTier[] = own === 'province' ? ['province', 'national'] : [own];
  const today = todayInChina();

  async function submit(values: AccreditValues) {
    errors.clear();
    try {
      await accredit.mutateAsync({
        id: detail.id,
        body: {
          tier: values.tier as AccreditationTier,
          plaqueNo: values.plaqueNo.trim(),
          termStart: values.termStart,
          termEnd: values.termEnd,
          reason: values.reason.trim() || null,
          version: detail.version,
        },
      });
      onDone('审核通过，已进入公示。公示期满无异议后挂牌生效。');
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <div className="action-panel">
      <h3>审核通过并挂牌</h3>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ tier: tiers[0], plaqueNo: '', termStart: today, termEnd: addDays(addMonths(today, 36), -1), reason: '' }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="tier" label="挂牌级别" required extra="本账号只能认定本级基地。">
          <NativeSelect options={tiers.map((t) => ({ value: t, label: accreditationTierLabels[t] }))} />
        </Form.Item>
        <Form.Item name="plaqueNo" label="牌匾编号" required rules={[{ required: true, whitespace: true, message: '请填写牌匾编号' }]}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="termStart" label="有效期开始" required rules={[{ required: true, message: '请填写有效期开始日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="termEnd" label="有效期结束" required rules={[{ required: true, message: '请填写有效期结束日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label="审核意见">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={accredit.isPending}>
          审核通过，进入公示
        </Button>
      </Form>
    </div>
  );
}

function RenewForm({ detail, onDone }: ActionsProps) {
  const formName = 'renew';
  const [form] = Form.useForm<{ termEnd: string; reason: string }>();
  const errors = useFormErrors(form, formName);
  const { renew } = useAccreditationMutations();
  const initialEnd = detail.termEnd ? addDays(addMonths(addDays(detail.termEnd, 1), 36), -1) : '';
  return (
    <div className="action-panel">
      <h3>续期</h3>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ termEnd: initialEnd, reason: '' }}
        onFinishFailed={errors.onFinishFailed}
        onFinish={(values) => {
          errors.clear();
          renew
            .mutateAsync({ id: detail.id, body: { termEnd: values.termEnd, reason: values.reason.trim(), version: detail.version } })
            .then(() => onDone(`已续期至 ${values.termEnd}。`))
            .catch(errors.showError);
        }}
      >
        <Form.Item name="termEnd" label="续期后有效期结束" required rules={[{ required: true, message: '请填写续期后的结束日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label="续期理由" required rules={[{ required: true, whitespace: true, message: '请填写续期理由' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button htmlType="submit" loading={renew.isPending}>
          续期
        </Button>
      </Form>
    </div>
  );
}

function DowngradeForm({ detail, onDone }: ActionsProps) {
  const formName = 'downgrade';
  const [form] = Form.useForm<{ tier: string; reason: string }>();
  const errors = useFormErrors(form, formName);
  const { downgrade } = useAccreditationMutations();
  const tiers = detail.tier ? lowerTiers(detail.tier) : [];
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <div className="action-panel">
      <h3 ref={heading}>降级</h3>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ tier: tiers[0], reason: '' }}
        onFinishFailed={errors.onFinishFailed}
        onFinish={(values) => {
          errors.clear();
          const tier = values.tier as AccreditationTier;
          downgrade
            .mutateAsync({ id: detail.id, body: { tier, reason: values.reason.trim(), version: detail.version } })
            .then(() => onDone(`已降为${accreditationTierLabels[tier]}基地，此后由该级管理。`))
            .catch(errors.showError);
        }}
      >
        <Form.Item name="tier" label="降至级别" required>
          <NativeSelect options={tiers.map((t) => ({ value: t, label: accreditationTierLabels[t] }))} />
        </Form.Item>
        <Form.Item name="reason" label="降级原因" required rules={[{ required: true, whitespace: true, message: '请填写降级原因' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button htmlType="submit" danger loading={downgrade.isPending}>
          降级
        </Button>
      </Form>
    </div>
  );
}

interface PromoteValues {
  tier: string;
  plaqueNo: string;
  termStart: string;
  termEnd: string;
}

/**
 * 晋级: offered only to the reviewer of the next tier up (the server lists it in allowedCommands).
 * The form takes the new plaque number and term; the reason is asked in a dialog, like the other
 * steps that need one. Field errors from the server go back to the form's error summary.
 */
function PromoteForm({ detail, onDone }: ActionsProps) {
  const formName = 'promote';
  const [form] = Form.useForm<PromoteValues>();
  const errors = useFormErrors(form, formName);
  const { promote } = useAccreditationMutations();
  const [values, setValues] = useState<PromoteValues | null>(null);
  const target = detail.tier ? promotionTier(detail.tier) : null;
  const today = todayInChina();
  if (!target) return null;
  const targetLabel = accreditationTierLabels[target];

  return (
    <div className="action-panel">
      <h3>晋级</h3>
      <p>
        将本基地由{detail.tier ? accreditationTierLabels[detail.tier] : ''}晋升为{targetLabel}基地，公示期满无异议后生效，此后由本级管理。
      </p>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ tier: target, plaqueNo: '', termStart: today, termEnd: addDays(addMonths(today, 36), -1) }}
        onFinishFailed={errors.onFinishFailed}
        onFinish={(filled) => {
          errors.clear();
          setValues(filled);
        }}
      >
        <Form.Item name="tier" label="晋升级别" required extra="只能逐级晋升为本账号所在级别的基地。">
          <NativeSelect options={[{ value: target, label: targetLabel }]} />
        </Form.Item>
        <Form.Item name="plaqueNo" label="新牌匾编号" required rules={[{ required: true, whitespace: true, message: '请填写新牌匾编号' }]}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="termStart" label="晋级后有效期开始" required rules={[{ required: true, message: '请填写有效期开始日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="termEnd" label="晋级后有效期结束" required rules={[{ required: true, message: '请填写有效期结束日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Button htmlType="submit">晋级…</Button>
      </Form>
      <ConfirmReasonModal
        open={values !== null}
        title={`晋级为${targetLabel}基地：${detail.baseName}`}
        description={values && `新牌匾编号 ${values.plaqueNo.trim()}，有效期 ${values.termStart} 至 ${values.termEnd}。确认后进入公示。`}
        confirmText="晋级并公示"
        onConfirm={async (reason) => {
          const filled = values!;
          try {
            await promote.mutateAsync({
              id: detail.id,
              body: {
                tier: filled.tier as AccreditationTier,
                plaqueNo: filled.plaqueNo.trim(),
                termStart: filled.termStart,
                termEnd: filled.termEnd,
                reason,
                version: detail.version,
              },
            });
          } catch (error) {
            // a field of the form (plaque number, term, tier): close the dialog and show it there
            if (error instanceof ApiError && error.issues.some((i) => i.field !== 'body.reason')) {
              setValues(null);
              errors.showError(error);
              return;
            }
            throw error;
          }
          setValues(null);
          onDone(`已晋级为${targetLabel}基地，进入公示。公示期满无异议后生效。`);
        }}
        onCancel={() => setValues(null)}
      />
    </div>
  );
}
