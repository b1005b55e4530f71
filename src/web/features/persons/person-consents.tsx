import { Alert, Button, Form, Input, Modal } from 'antd';
import { useRef, useState } from 'react';
import type { PersonDetail } from '../../../shared/contracts/persons-contracts';
import { consentPurposeLabels, consentPurposes, type ConsentPurpose } from '../../../shared/domain/person-codes';
import { todayInChina } from '../../../shared/domain/person-validation';
import { ErrorSummary } from '../../components/error-summary';
import { chooseOptions } from '../../components/form-fields';
import { NativeSelect } from '../../components/native-select';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { DetailTable } from '../../components/detail-table';
import { usePersonMutations } from './use-persons';
import { focusSoon } from '../../lib/focus-soon';

type Consent = PersonDetail['consents'][number];

const purposeOptions = chooseOptions(consentPurposes, consentPurposeLabels);
const formName = 'consent-form';
const withdrawFormName = 'withdraw-consent';

/** Consent records (purpose, scope, date) and, for registrars, adding and withdrawing them. */
export function PersonConsents({ person, canWrite }: { person: PersonDetail; canWrite: boolean }) {
  const mutations = usePersonMutations();
  const [form] = Form.useForm<{ purpose: ConsentPurpose | ''; scope: string; givenOn: string }>();
  const errors = useFormErrors(form, formName);
  const [message, setMessage] = useState('');
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const statusLine = useRef<HTMLParagraphElement>(null);

  async function add(values: { purpose: ConsentPurpose | ''; scope: string; givenOn: string }) {
    errors.clear();
    try {
      await mutations.addConsent.mutateAsync({
        id: person.id,
        body: { purpose: values.purpose as ConsentPurpose, scope: values.scope.trim(), givenOn: values.givenOn },
      });
      form.resetFields();
      setMessage(`已登记同意：${consentPurposeLabels[values.purpose as ConsentPurpose]}。`);
      statusLine.current?.focus();
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <>
      <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
        {message}
      </p>
      <DetailTable
        caption="同意记录"
        headers={['同意目的', '同意范围', '同意日期', '状态', ...(canWrite ? ['操作'] : [])]}
        empty="暂无同意记录。向培训机构或用人单位提供信息前，须先登记本人同意。"
        rows={person.consents.map((consent) => ({
          key: consent.id,
          cells: [
            consentPurposeLabels[consent.purpose],
            consent.scope,
            consent.givenOn,
            consent.withdrawnOn ? `已于 ${consent.withdrawnOn} 撤回` : '有效',
            ...(canWrite
              ? [
                  consent.withdrawnOn ? (
                    '—'
                  ) : (
                    <Button
                      key="withdraw"
                      size="small"
                      htmlType="button"
                      aria-label={`撤回同意：${consentPurposeLabels[consent.purpose]}（${consent.givenOn}）`}
                      onClick={() => setWithdrawing(consent)}
                    >
                      撤回
                    </Button>
                  ),
                ]
              : []),
          ],
        }))}
      />
      {canWrite && (
        <section aria-labelledby="add-consent-heading" className="subform">
          <h3 id="add-consent-heading">登记本人同意</h3>
          <ErrorSummary errors={errors.errors} />
          <Form
            form={form}
            name={formName}
            layout="vertical"
            initialValues={{ purpose: '', scope: '', givenOn: todayInChina() }}
            onFinish={(values) => void add(values)}
            onFinishFailed={errors.onFinishFailed}
            className="narrow-form"
          >
            <Form.Item name="purpose" label="同意目的" rules={[{ required: true, message: '请选择同意目的' }]}>
              <NativeSelect options={purposeOptions} />
            </Form.Item>
            <Form.Item
              name="scope"
              label="同意范围"
              extra="例如：同意向兰州市残疾人职业技能培训中心提供姓名、联系电话和残疾类别。"
              rules={[
                { required: true, whitespace: true, message: '请填写同意范围' },
                { min: 2, message: '请填写同意范围' },
                { max: 200, message: '同意范围最多 200 个字' },
              ]}
            >
              <Input.TextArea rows={2} maxLength={200} showCount />
            </Form.Item>
            <Form.Item name="givenOn" label="同意日期" rules={[{ required: true, message: '请填写同意日期' }]}>
              <Input type="date" max={todayInChina()} />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={mutations.addConsent.isPending}>
              登记同意
            </Button>
          </Form>
        </section>
      )}
      {withdrawing && (
        <WithdrawConsentModal
          consent={withdrawing}
          onCancel={() => setWithdrawing(null)}
          onConfirm={async (withdrawnOn) => {
            await mutations.withdrawConsent.mutateAsync({ id: person.id, consentId: withdrawing.id, withdrawnOn });
            setMessage(`已撤回同意：${consentPurposeLabels[withdrawing.purpose]}（${withdrawnOn}）。`);
            setWithdrawing(null);
            focusSoon(() => statusLine.current);
          }}
        />
      )}
    </>
  );
}

function WithdrawConsentModal({
  consent,
  onCancel,
  onConfirm,
}: {
  consent: Consent;
  onCancel: () => void;
  onConfirm: (withdrawnOn: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ withdrawnOn: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <Modal
      open
      title={`撤回同意：${consentPurposeLabels[consent.purpose]}`}
      okText="确认撤回"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: pending, htmlType: 'submit', form: withdrawFormName }}
      onCancel={onCancel}
      mask={{ closable: false }}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) form.focusField('withdrawnOn');
      }}
    >
      <p className="modal-description">撤回后，此前基于该同意提供信息的用途须停止。同意范围：{consent.scope}</p>
      {failure && <Alert type="error" role="alert" showIcon title={failure} className="modal-alert" />}
      <Form
        form={form}
        name={withdrawFormName}
        layout="vertical"
        initialValues={{ withdrawnOn: todayInChina() }}
        onFinish={async ({ withdrawnOn }) => {
          setPending(true);
          setFailure(null);
          try {
            await onConfirm(withdrawnOn);
          } catch (error) {
            setFailure(errorMessage(error));
          } finally {
            setPending(false);
          }
        }}
      >
        <Form.Item
          name="withdrawnOn"
          label="撤回日期"
          rules={[
            { required: true, message: '请填写撤回日期' },
            {
              validator: (_, value: string) =>
                !value || value >= consent.givenOn ? Promise.resolve() : Promise.reject(new Error('撤回日期不能早于同意日期')),
            },
          ]}
        >
          <Input type="date" min={consent.givenOn} max={todayInChina()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
