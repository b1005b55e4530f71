import '../persons/persons.css';
import { Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { type InstitutionDetail, institutionInput } from '../../../shared/contracts/institutions-contracts';
import { checkCreditCode, creditCodeAuthorities } from '../../../shared/domain/credit-code';
import { institutionKindLabels, institutionKinds } from '../../../shared/domain/institution-codes';
import type { RegionNode } from '../../../shared/domain/regions';
import { ErrorSummary } from '../../components/error-summary';
import { chooseOptions } from '../../components/form-fields';
import { NativeSelect } from '../../components/native-select';
import { useFormErrors } from '../../lib/use-form-errors';
import { findRegion } from '../regions/use-region-tree';
import { RegionPicker } from '../../components/region-picker';
import { occupationsToText } from './institution-labels';
import { profileBody, ProfileFields, type ProfileFormValues, sharedRule, typingDelay } from './profile-fields';
import { useInstitutionMutations } from './use-institutions';

const formName = 'institution-form';
const shape = institutionInput.shape;
const kindOptions = chooseOptions(institutionKinds, institutionKindLabels);

interface InstitutionFormValues extends ProfileFormValues {
  institutionName: string;
  institutionKind: string;
  creditCode: string;
  countyCode: string | null;
  address: string;
  remarks: string;
}

export function initialValues(institution: InstitutionDetail | null, countyCode: string | null): InstitutionFormValues {
  return {
    institutionName: institution?.name ?? '',
    institutionKind: institution?.kind ?? '',
    creditCode: institution?.creditCode ?? '',
    countyCode: institution?.countyCode ?? countyCode,
    address: institution?.address ?? '',
    contactName: institution?.contactName ?? '',
    contactPhone: institution?.contactPhone ?? '',
    accessibility: institution?.accessibility ?? [],
    accessibilityNote: institution?.accessibilityNote ?? '',
    offeredOccupations: occupationsToText(institution?.occupations ?? []),
    remarks: institution?.remarks ?? '',
  };
}

/** What the code says about itself once it checks out, so a typing slip in the kind or region shows at once. */
function CreditCodeParts({ value }: { value: string | undefined }) {
  const result = value ? checkCreditCode(value) : null;
  return (
    <div className="derived-fields" role="status">
      {result?.ok ? (
        <dl className="inline-dl">
          <dt>登记管理部门</dt>
          <dd>{creditCodeAuthorities[result.authority]!.label}</dd>
          <dt>机构类别</dt>
          <dd>{creditCodeAuthorities[result.authority]!.kinds[result.kind]}</dd>
          <dt>登记机关区划码</dt>
          <dd className="number-cell">{result.regionCode}</dd>
        </dl>
      ) : (
        <p>填写有效的统一社会信用代码后，这里显示登记管理部门和机构类别，供核对。</p>
      )}
    </div>
  );
}

/** A county-level unit: a county, or a city with no counties (嘉峪关, 兰州新区). */
function isCountyUnit(root: RegionNode | undefined, code: string | null): boolean {
  if (!root || !code) return true; // the required rule and the server answer for these
  const node = findRegion(root, code);
  return !node || node.level === 'county' || (node.level === 'city' && node.children.length === 0);
}

interface InstitutionFormProps {
  editing: InstitutionDetail | null;
  initial: InstitutionFormValues;
  /** the officer's own region: counties they may register in */
  scopeRoot: RegionNode | undefined;
  onSaved: (institution: InstitutionDetail) => void;
  onCancel: () => void;
}

/**
 * Register or edit an institution. Each field is checked with the shared contract's rule as the
 * person types (the credit code with the GB 32100 check); a failed submit lists every problem in
 * the error summary, which takes focus; the server's answers land on the same fields.
 */
export function InstitutionForm({ editing, initial, scopeRoot, onSaved, onCancel }: InstitutionFormProps) {
  const [form] = Form.useForm<InstitutionFormValues>();
  const errors = useFormErrors(form, formName);
  const mutations = useInstitutionMutations();
  const [pending, setPending] = useState(false);
  const creditCode = Form.useWatch('creditCode', form);
  // the version the form was filled from: a refetch in the background must not make a save overwrite someone else's
  const [loadedVersion] = useState(editing?.version ?? 0);

  async function submit(values: InstitutionFormValues) {
    errors.clear();
    setPending(true);
    const body = {
      ...profileBody(values),
      institutionName: values.institutionName,
      institutionKind: values.institutionKind as InstitutionDetail['kind'],
      creditCode: values.creditCode,
      countyCode: values.countyCode ?? '',
      address: values.address,
      remarks: values.remarks.trim() || null,
    };
    try {
      onSaved(
        editing
          ? await mutations.update.mutateAsync({ id: editing.id, body: { ...body, version: loadedVersion } })
          : await mutations.create.mutateAsync(body),
      );
    } catch (error) {
      errors.showError(error);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <ErrorSummary errors={errors.errors} />
      <Form<InstitutionFormValues>
        form={form}
        name={formName}
        layout="vertical"
        className="person-form"
        initialValues={initial}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <fieldset className="form-section">
          <legend>机构信息</legend>
          <Form.Item
            name="institutionName"
            label="机构名称"
            required
            validateDebounce={typingDelay}
            extra="与营业执照或登记证书上的名称一致。"
            rules={[sharedRule(shape.institutionName)]}
          >
            <Input autoComplete="organization" maxLength={100} />
          </Form.Item>
          <Form.Item name="institutionKind" label="机构类型" required rules={[sharedRule(shape.institutionKind)]}>
            <NativeSelect options={kindOptions} />
          </Form.Item>
          <Form.Item
            name="creditCode"
            label="统一社会信用代码"
            required
            validateDebounce={typingDelay}
            extra="18 位，见营业执照或登记证书；不含字母 I、O、Z、S、V。输入时自动转为大写。"
            normalize={(value: string) => value.toUpperCase()}
            rules={[sharedRule(shape.creditCode)]}
          >
            <Input autoComplete="off" spellCheck={false} autoCapitalize="characters" maxLength={24} className="number-input" />
          </Form.Item>
          <CreditCodeParts value={creditCode} />
          <Form.Item
            name="countyCode"
            label="所在县区"
            required
            extra="机构培训场所所在的区、县或县级市。"
            rules={[
              { required: true, message: '请选择所在县区' },
              {
                validator: async (_, code: string | null) => {
                  if (!isCountyUnit(scopeRoot, code)) throw new Error('请选择机构所在的县级单位（区、县、县级市），不能选择省或市州');
                },
              },
            ]}
          >
            <RegionPicker root={scopeRoot} emptyLabel="请选择" emptyDisabled />
          </Form.Item>
          <Form.Item name="address" label="详细地址" required validateDebounce={typingDelay} rules={[sharedRule(shape.address)]}>
            <Input autoComplete="street-address" maxLength={200} />
          </Form.Item>
        </fieldset>
        <ProfileFields />
        <Form.Item name="remarks" label="备注" rules={[sharedRule(shape.remarks)]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Space wrap className="form-actions">
          <Button type="primary" htmlType="submit" loading={pending}>
            {editing ? '保存修改' : '登记'}
          </Button>
          <Button htmlType="button" onClick={onCancel}>
            取消
          </Button>
        </Space>
      </Form>
    </>
  );
}
