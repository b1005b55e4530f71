import '../persons/persons.css';
import { Form, Input } from 'antd';
import { useState } from 'react';
import type { PersonSummary } from '../../../shared/contracts/persons-contracts';
import type { ApprenticeshipDetail } from '../../../shared/contracts/talent-contracts';
import { todayInChina } from '../../../shared/domain/person-validation';
import { ErrorSummary } from '../../components/error-summary';
import { FormActions } from '../../components/form-fields';
import { NativeSelect } from '../../components/native-select';
import { useFormErrors } from '../../lib/use-form-errors';
import { PickPerson } from '../contests/pick-person';
import { useMembers, useTalentMutations } from './use-talent';

interface Values {
  masterMemberId: string;
  masterName: string;
  craft: string;
  startedOn: string;
  goals: string;
}

const formName = 'apprenticeship-form';

/** A new pair: the master from the roster (or by name), the apprentice from the registry. */
export function ApprenticeshipForm({ onSaved, onCancel }: { onSaved: (pair: ApprenticeshipDetail) => void; onCancel: () => void }) {
  const members = useMembers({ page: 1, pageSize: 200 });
  const mutations = useTalentMutations();
  const [apprentice, setApprentice] = useState<PersonSummary | null>(null);
  const [missingApprentice, setMissingApprentice] = useState(false);
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, formName);
  const masterOptions = [
    { value: '', label: '不在名册中（填写姓名）' },
    ...(members.data?.items ?? []).map((member) => ({ value: member.id, label: `${member.person.name}（${member.specialty}）` })),
  ];

  async function save(values: Values) {
    errors.clear();
    setMissingApprentice(!apprentice);
    if (!apprentice) return;
    try {
      const pair = await mutations.createPair.mutateAsync({
        masterMemberId: values.masterMemberId || null,
        masterName: values.masterMemberId ? null : values.masterName.trim() || null,
        apprenticePersonId: apprentice.id,
        craft: values.craft.trim(),
        startedOn: values.startedOn,
        goals: values.goals.trim(),
      });
      onSaved(pair);
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <>
      <section aria-labelledby="apprentice-heading" className="subform">
        <h2 id="apprentice-heading">1. 选择徒弟</h2>
        <PickPerson
          name="apprentice-search"
          label="徒弟的身份证号或残疾人证号"
          picked={apprentice}
          onPicked={(person) => {
            setApprentice(person);
            if (person) setMissingApprentice(false);
          }}
        />
      </section>
      <section aria-labelledby="pair-heading" className="subform">
        <h2 id="pair-heading">2. 结对信息</h2>
        <ErrorSummary
          errors={missingApprentice ? [{ message: '请先在上方查找并选择徒弟', fieldId: 'apprentice-search_number' }] : errors.errors}
        />
        <Form
          form={form}
          name={formName}
          layout="vertical"
          className="person-form"
          initialValues={{ masterMemberId: '', masterName: '', craft: '', startedOn: todayInChina(), goals: '' }}
          onFinish={(v) => void save(v)}
          onFinishFailed={errors.onFinishFailed}
        >
          <Form.Item name="masterMemberId" label="师傅（高技能人才名册）">
            <NativeSelect options={masterOptions} />
          </Form.Item>
          <Form.Item noStyle dependencies={['masterMemberId']}>
            {({ getFieldValue }) =>
              getFieldValue('masterMemberId') ? null : (
                <Form.Item
                  name="masterName"
                  label="师傅姓名"
                  rules={[{ required: true, whitespace: true, message: '请从名册选择师傅，或填写师傅姓名' }]}
                >
                  <Input autoComplete="off" maxLength={64} />
                </Form.Item>
              )
            }
          </Form.Item>
          <Form.Item name="craft" label="传授技艺" rules={[{ required: true, whitespace: true, message: '请填写传授的技艺' }]}>
            <Input autoComplete="off" maxLength={100} />
          </Form.Item>
          <Form.Item name="startedOn" label="开始日期" rules={[{ required: true, message: '请填写开始日期' }]}>
            <Input type="date" max={todayInChina()} />
          </Form.Item>
          <Form.Item name="goals" label="带徒目标" rules={[{ required: true, whitespace: true, message: '请填写带徒目标' }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <FormActions submit="登记结对" pending={mutations.createPair.isPending} onCancel={onCancel} />
        </Form>
      </section>
    </>
  );
}
