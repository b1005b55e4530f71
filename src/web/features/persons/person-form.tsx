import './persons.css';
import { Alert, Button, Checkbox, Form, Input, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { PersonDetail } from '../../../shared/contracts/persons-contracts';
import {
  accommodationLabels,
  accommodationNeeds,
  educationLabels,
  educationLevels,
  employmentForms,
  employmentFormLabels,
  employmentStatuses,
  employmentStatusLabels,
  trainingTypeLabels,
  trainingTypes,
  urbanRural,
  urbanRuralLabels,
} from '../../../shared/domain/person-codes';
import type { ValidatedPerson } from '../../../shared/domain/person-validation';
import type { RegionNode } from '../../../shared/domain/regions';
import { ErrorSummary } from '../../components/error-summary';
import { NativeSelect } from '../../components/native-select';
import { ApiError } from '../../lib/api-client';
import { useFormErrors } from '../../lib/use-form-errors';
import { CodeCheckboxes } from './code-checkboxes';
import { checkedFields, derivedFromNumbers, runValidation, toPersonFields, type PersonFormValues } from './person-form-model';
import { PersonReview } from './person-review';
import { RegionSelect } from './region-select';
import { usePersonMutations } from './use-persons';

const formName = 'person-form';
const typingDelay = 400;

const optional = (label: string) => [{ value: '', label }];
const urbanRuralOptions = [...optional('未填写'), ...urbanRural.map((value) => ({ value, label: urbanRuralLabels[value] }))];
const educationOptions = [...optional('未填写'), ...educationLevels.map((value) => ({ value, label: educationLabels[value] }))];
const statusOptions = employmentStatuses.map((value) => ({ value, label: employmentStatusLabels[value] }));
const formOptions = [...optional('未填写'), ...employmentForms.map((value) => ({ value, label: employmentFormLabels[value] }))];

interface PersonFormProps {
  initialValues: PersonFormValues;
  /** null: a new person */
  editing: { id: string; version: number } | null;
  /** the registrar's own region (counties they may register in) and the whole province (for hukou and residence) */
  scopeRoot: RegionNode | undefined;
  province: RegionNode | undefined;
  onSaved: (person: PersonDetail) => void;
  onCancel: () => void;
  /** edit only: fetch the stored record again after someone else saved it */
  onReload?: () => void;
}

/**
 * Register or edit a person. Each field is checked with the shared rules (the same validatePerson
 * the server and the import use) shortly after typing stops, once the field has been touched; a
 * failed submit puts every problem in the ErrorSummary. Before saving, a check-your-answers step.
 */
export function PersonForm({ initialValues, editing, scopeRoot, province, onSaved, onCancel, onReload }: PersonFormProps) {
  const [form] = Form.useForm<PersonFormValues>();
  const errors = useFormErrors(form, formName);
  const mutations = usePersonMutations();
  const [review, setReview] = useState<ValidatedPerson | null>(null);
  const [conflict, setConflict] = useState(false);
  const checkAll = useRef(false);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const conflictBox = useRef<HTMLDivElement>(null);
  const pending = mutations.create.isPending || mutations.update.isPending;

  const idNumber = Form.useWatch('idNumber', form);
  const certificateNumber = Form.useWatch('certificateNumber', form);
  const legacy = Form.useWatch('certificateLegacy', form);
  const employmentStatus = Form.useWatch('employmentStatus', form) ?? initialValues.employmentStatus;
  const accommodations = Form.useWatch('accommodations', form) ?? initialValues.accommodations;
  const hukouOutside = Form.useWatch('hukouOutside', form) ?? initialValues.hukouOutside;
  const derived = derivedFromNumbers(idNumber, certificateNumber, legacy);

  useEffect(() => {
    if (review) reviewHeading.current?.focus();
  }, [review]);
  useEffect(() => {
    if (conflict) conflictBox.current?.focus();
  }, [conflict]);

  /** The shared rule for one field, shown once the field has been touched (or on submit). */
  const sharedRule = (field: (typeof checkedFields)[number]) => ({
    validator: async () => {
      if (!checkAll.current && !form.isFieldTouched(field)) return;
      const result = runValidation(form.getFieldsValue(true) as PersonFormValues, province);
      const issue = result.ok ? undefined : result.issues.find((item) => item.field === field);
      if (issue) throw new Error(issue.message);
    },
  });

  function check(values: PersonFormValues) {
    checkAll.current = false;
    const result = runValidation(values, province);
    if (!result.ok) {
      // the rules above ran on the same values, so this only happens if the two disagree
      errors.onFinishFailed({
        values,
        message: '',
        outOfDate: false,
        errorFields: result.issues.map((issue) => ({ name: [issue.field], errors: [issue.message], warnings: [] })),
      });
      return;
    }
    errors.clear();
    setReview(result.value);
  }

  async function save() {
    const body = toPersonFields(form.getFieldsValue(true) as PersonFormValues);
    try {
      const saved = editing
        ? await mutations.update.mutateAsync({ id: editing.id, body: { ...body, version: editing.version } })
        : await mutations.create.mutateAsync(body);
      onSaved(saved);
    } catch (error) {
      setReview(null);
      if (editing && error instanceof ApiError && error.status === 409) {
        errors.clear();
        setConflict(true);
        return;
      }
      errors.showError(error);
    }
  }

  return (
    <>
      {conflict && (
        <div ref={conflictBox} tabIndex={-1} className="conflict-alert">
          <Alert
            type="warning"
            showIcon
            title="未能保存：此人员的信息在您打开后已被他人修改"
            description={
              <>
                <p>为避免覆盖他人的修改，本次没有保存。请重新载入最新信息，再重新填写您要修改的内容（您刚才填写的内容会被替换）。</p>
                {onReload && (
                  <Button htmlType="button" type="primary" onClick={onReload}>
                    重新载入最新信息
                  </Button>
                )}
              </>
            }
          />
        </div>
      )}
      {review && (
        <PersonReview
          ref={reviewHeading}
          person={review}
          province={province}
          editing={Boolean(editing)}
          pending={pending}
          onConfirm={() => void save()}
          onBack={() => {
            setReview(null);
            requestAnimationFrame(() => form.focusField('idNumber'));
          }}
        />
      )}
      {/* kept mounted during the review so the values, and server errors, stay attached to their fields */}
      <div hidden={review !== null}>
        <ErrorSummary errors={errors.errors} />
        <Form<PersonFormValues>
          form={form}
          name={formName}
          layout="vertical"
          className="person-form"
          initialValues={initialValues}
          onFinish={check}
          onFinishFailed={(info) => {
            checkAll.current = false;
            errors.onFinishFailed(info);
          }}
        >
          <fieldset className="form-section">
            <legend>证件信息</legend>
            <Form.Item
              name="idNumber"
              label="身份证号"
              required
              validateDebounce={typingDelay}
              extra="18 位；15 位旧号码会自动转换。性别和出生日期由身份证号得出，无需填写。"
              rules={[sharedRule('idNumber')]}
            >
              <Input autoComplete="off" spellCheck={false} autoCapitalize="characters" maxLength={32} className="number-input" />
            </Form.Item>
            <div className="derived-fields" role="status">
              <p className="derived-title">由身份证号得出：</p>
              {derived.identity ? (
                <dl className="inline-dl">
                  <dt>性别</dt>
                  <dd>{derived.identity.sex}</dd>
                  <dt>出生日期</dt>
                  <dd>{derived.identity.birthDate}</dd>
                  {derived.identity.converted && (
                    <>
                      <dt>转换后的 18 位号码</dt>
                      <dd className="number-cell">{derived.identity.value}</dd>
                    </>
                  )}
                </dl>
              ) : (
                <p>填写有效的身份证号后自动显示性别和出生日期。</p>
              )}
            </div>
            <Form.Item
              name="certificateNumber"
              label="残疾人证号"
              validateDebounce={typingDelay}
              dependencies={['idNumber', 'certificateLegacy']}
              extra="第二代残疾人证号为 20 位：身份证号 + 残疾类别（1–7）+ 残疾等级（1–4）。"
              rules={[sharedRule('certificateNumber')]}
            >
              <Input autoComplete="off" spellCheck={false} autoCapitalize="characters" maxLength={32} className="number-input" />
            </Form.Item>
            <Form.Item name="certificateLegacy" valuePropName="checked">
              <Checkbox>这是第一代地方残疾人证号（无法按规则核验，将保留原样并标注）</Checkbox>
            </Form.Item>
            <div className="derived-fields" role="status">
              <p className="derived-title">由残疾人证号得出：</p>
              <p>
                {derived.disability
                  ? `残疾类别与等级：${derived.disability}`
                  : legacy
                    ? '旧版证号不含残疾类别和等级。'
                    : '填写有效的残疾人证号后自动显示残疾类别和等级。'}
              </p>
            </div>
          </fieldset>

          <fieldset className="form-section">
            <legend>基本信息</legend>
            <Form.Item name="name" label="姓名" required validateDebounce={typingDelay} rules={[sharedRule('name')]}>
              <Input autoComplete="off" maxLength={64} />
            </Form.Item>
            <Form.Item name="countyCode" label="登记县区" required rules={[sharedRule('countyCode')]}>
              <RegionSelect root={scopeRoot} emptyLabel="请选择" emptyDisabled />
            </Form.Item>
            <Form.Item name="hukouOutside" valuePropName="checked">
              <Checkbox>户籍在省外</Checkbox>
            </Form.Item>
            {hukouOutside ? (
              <Form.Item
                name="hukouRegionCode"
                label="户籍地行政区划代码（6 位）"
                required
                validateDebounce={typingDelay}
                rules={[sharedRule('hukouRegionCode')]}
              >
                <Input inputMode="numeric" autoComplete="off" maxLength={6} className="number-input" />
              </Form.Item>
            ) : (
              <Form.Item name="hukouRegionCode" label="户籍地" required rules={[sharedRule('hukouRegionCode')]}>
                <RegionSelect root={province} emptyLabel="请选择" emptyDisabled />
              </Form.Item>
            )}
            <Form.Item name="residenceRegionCode" label="居住地" rules={[sharedRule('residenceRegionCode')]}>
              <RegionSelect root={province} emptyLabel="未填写" />
            </Form.Item>
            <Form.Item name="urbanRural" label="城乡">
              <NativeSelect options={urbanRuralOptions} />
            </Form.Item>
            <Form.Item name="education" label="文化程度">
              <NativeSelect options={educationOptions} />
            </Form.Item>
            <Form.Item
              name="phone"
              label="联系电话"
              validateDebounce={typingDelay}
              extra="手机号 11 位；固定电话请带区号。"
              rules={[sharedRule('phone')]}
            >
              <Input type="tel" autoComplete="off" maxLength={32} className="number-input" />
            </Form.Item>
          </fieldset>

          <fieldset className="form-section">
            <legend>就业</legend>
            <Form.Item name="employmentStatus" label="就业状况" required>
              <NativeSelect options={statusOptions} />
            </Form.Item>
            {employmentStatus === 'employed' && (
              <Form.Item name="employmentForm" label="就业形式" dependencies={['employmentStatus']} rules={[sharedRule('employmentForm')]}>
                <NativeSelect options={formOptions} />
              </Form.Item>
            )}
          </fieldset>

          <fieldset className="form-section">
            <legend>培训需求</legend>
            <Form.Item name="trainingWishes">
              <CodeCheckboxes legend="培训意愿（可多选）" codes={trainingTypes} labels={trainingTypeLabels} />
            </Form.Item>
            <Form.Item name="trainingNeeds" label="培训需求说明">
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </fieldset>

          <fieldset className="form-section">
            <legend>便利需求</legend>
            <Form.Item name="accommodations" extra="参加培训、考试或就业时需要提前安排的便利。">
              <CodeCheckboxes legend="需要的便利（可多选）" codes={accommodationNeeds} labels={accommodationLabels} />
            </Form.Item>
            {accommodations.includes('other') && (
              <Form.Item
                name="accommodationOther"
                label="其他便利需求"
                required
                validateDebounce={typingDelay}
                dependencies={['accommodations']}
                rules={[sharedRule('accommodationOther')]}
              >
                <Input maxLength={200} />
              </Form.Item>
            )}
          </fieldset>

          <Form.Item name="remarks" label="备注">
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>

          <Space wrap className="form-actions">
            <Button
              type="primary"
              htmlType="submit"
              onClick={() => {
                checkAll.current = true; // runs before the submit (also for Enter in a field)
              }}
            >
              下一步：核对信息
            </Button>
            <Button htmlType="button" onClick={onCancel}>
              取消
            </Button>
          </Space>
        </Form>
      </div>
    </>
  );
}
