import '../persons/persons.css';
import './accreditation.css';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { accreditationTierLabels, type BaseKind, baseKindLabels, baseKinds } from '../../../shared/domain/accreditation';
import { ErrorSummary } from '../../components/error-summary';
import { chooseOptions } from '../../components/form-fields';
import { NativeSelect } from '../../components/native-select';
import { listFromText } from '../../lib/formatters';
import { useFormErrors } from '../../lib/use-form-errors';
import { DocumentsInput } from '../../components/documents-input';
import { uploadFiles } from '../../lib/api-client';
import { useAccreditationMutations } from './use-accreditation';

interface FormValues {
  baseName: string;
  baseKind: string;
  requestedTier: string;
  occupations: string;
  note: string;
}

const formName = 'accreditation-apply';
const kindOptions = chooseOptions(baseKinds, baseKindLabels);
const tierOptions = chooseOptions(['county', 'city', 'province'] as const, accreditationTierLabels);

export function ApplyForm() {
  const [form] = Form.useForm<FormValues>();
  const errors = useFormErrors(form, formName);
  const navigate = useNavigate();
  const { apply } = useAccreditationMutations();
  const [files, setFiles] = useState<File[]>([]);
  const [pending, setPending] = useState(false);

  async function submit(values: FormValues) {
    errors.clear();
    setPending(true);
    try {
      const documentIds = await uploadFiles(files);
      const detail = await apply.mutateAsync({
        baseName: values.baseName.trim(),
        baseKind: values.baseKind as BaseKind,
        requestedTier: values.requestedTier as 'county' | 'city' | 'province',
        occupations: listFromText(values.occupations),
        note: values.note.trim() || null,
        documentIds,
      });
      void navigate(`/accreditations/${detail.id}`, { state: { notice: '挂牌申请已提交，等待审核。' } });
    } catch (error) {
      errors.showError(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        className="narrow-form"
        initialValues={{ baseName: '', baseKind: '', requestedTier: '', occupations: '', note: '' }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item
          name="baseName"
          label="基地名称"
          required
          rules={[
            { required: true, whitespace: true, message: '请填写基地名称' },
            { min: 4, message: '基地名称至少 4 个字' },
          ]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="baseKind" label="基地类别" required rules={[{ required: true, message: '请选择基地类别' }]}>
          <NativeSelect options={kindOptions} />
        </Form.Item>
        <Form.Item
          name="requestedTier"
          label="申请级别"
          required
          extra="县区级由所在县区残联审核，市州级由所在市州残联审核，省级由省残联审核。"
          rules={[{ required: true, message: '请选择申请级别' }]}
        >
          <NativeSelect options={tierOptions} />
        </Form.Item>
        <Form.Item
          name="occupations"
          label="培训职业（工种）"
          required
          extra="每行一个，例如：保健按摩师。"
          rules={[
            {
              validator: (_, value: string) =>
                listFromText(value ?? '').length > 0 ? Promise.resolve() : Promise.reject(new Error('请至少填写一个培训职业（工种）')),
            },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="note" label="申请说明" extra="场地、师资、无障碍条件等，最多 1000 个字。">
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
        <DocumentsInput id={`${formName}_documents`} label="申请材料" files={files} onChange={setFiles} />
        <div className="button-row">
          <Button type="primary" htmlType="submit" loading={pending}>
            提交申请
          </Button>
          <Button htmlType="button" onClick={() => void navigate('/accreditations')}>
            取消
          </Button>
        </div>
      </Form>
    </>
  );
}
