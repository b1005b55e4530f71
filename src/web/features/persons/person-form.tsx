import './persons.css';
import { Alert, Button, Checkbox, Form, Input, Space, Tag } from 'antd';
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PersonDetail } from '../../../shared/contracts/persons-contracts';
import type { MaskedValue } from '../../../shared/domain/masking';
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
import type { ValidatedPerson, ValidatedUpdate } from '../../../shared/domain/person-validation';
import type { RegionNode } from '../../../shared/domain/regions';
import { ErrorSummary } from '../../components/error-summary';
import { NativeSelect } from '../../components/native-select';
import { ApiError } from '../../lib/api-client';
import { useFormErrors } from '../../lib/use-form-errors';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { MaskedText } from '../../components/masked-text';
import {
  type ChangingNumbers,
  checkedFields,
  derivedFromNumbers,
  type EditState,
  initialChanging,
  type NumberField,
  numberFields,
  runValidation,
  storedNumbersOf,
  toPersonFields,
  toUpdateFields,
  type PersonFormValues,
} from './person-form-model';
import { PersonReview } from './person-review';
import { RegionPicker } from '../../components/region-picker';
import { usePersonMutations } from './use-persons';

const formName = 'person-form';
const typingDelay = 400;

const optional = (label: string) => [{ value: '', label }];
const urbanRuralOptions = [...optional('未填写'), ...urbanRural.map((value) => ({ value, label: urbanRuralLabels[value] }))];
const educationOptions = [...optional('未填写'), ...educationLevels.map((value) => ({ value, label: educationLabels[value] }))];
const statusOptions = employmentStatuses.map((value) => ({ value, label: employmentStatusLabels[value] }));
const formOptions = [...optional('未填写'), ...employmentForms.map((value) => ({ value, label: employmentFormLabels[value] }))];

const numberNames: Record<NumberField, string> = { idNumber: '身份证号', certificateNumber: '残疾人证号', phone: '联系电话' };
const allOpen: ChangingNumbers = { idNumber: true, certificateNumber: true, phone: true };

interface KeptNumberProps {
  masked: MaskedValue;
  field: NumberField;
  /** beside the masked value, e.g. the first-generation tag */
  note?: ReactNode;
  onOpen: () => void;
  /** from Form.Item: the field's id and its descriptions (hint, error) go on the button */
  id?: string;
  'aria-describedby'?: string;
}

/**
 * A stored number as the edit form shows it: masked (read out in its spoken form), with the
 * “修改” button that opens an empty input for a new value. The button carries the field's id, so
 * the label, the error summary and the error text under the field all lead to it.
 */
function KeptNumber({ masked, field, note, onOpen, id, 'aria-describedby': describedBy }: KeptNumberProps) {
  const valueId = useId();
  return (
    <div className="kept-number">
      <span id={valueId} className="kept-number-value">
        <MaskedText value={masked} />
      </span>
      {note}
      <Button
        id={id}
        htmlType="button"
        aria-label={`修改${numberNames[field]}`}
        aria-describedby={[valueId, describedBy].filter(Boolean).join(' ')}
        onClick={onOpen}
      >
        修改
      </Button>
    </div>
  );
}

interface PersonFormProps {
  initialValues: PersonFormValues;
  /**
   * null: a new person. An edit starts from the stored record as the detail shows it: the numbers
   * masked, each kept unless its “修改” is opened, so editing never loads a full number.
   */
  editing: PersonDetail | null;
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
 * the server and the import use, or validatePersonUpdate on an edit) shortly after typing stops,
 * once the field has been touched; a failed submit puts every problem in the ErrorSummary. Before
 * saving, a check-your-answers step. On an edit the ID number, certificate number and phone are
 * shown masked; only a number whose “修改” was opened is sent, and nothing is unmasked.
 */
export function PersonForm({ initialValues, editing, scopeRoot, province, onSaved, onCancel, onReload }: PersonFormProps) {
  const [form] = Form.useForm<PersonFormValues>();
  const errors = useFormErrors(form, formName);
  const mutations = usePersonMutations();
  const [review, setReview] = useState<ValidatedPerson | ValidatedUpdate | null>(null);
  const [conflict, setConflict] = useState(false);
  // which numbers are being changed, and the one whose change was opened or closed last (to focus)
  const [numbers, setNumbers] = useState<{ changing: ChangingNumbers; toggled: NumberField | null }>(() => ({
    changing: editing ? initialChanging(editing) : allOpen,
    toggled: null,
  }));
  const { changing } = numbers;
  const stored = useMemo(() => (editing ? storedNumbersOf(editing) : null), [editing]);
  const edit: EditState | null = stored ? { stored, changing } : null;
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
  const derived = derivedFromNumbers(idNumber, certificateNumber, legacy, edit);

  useEffect(() => {
    if (review) reviewHeading.current?.focus();
  }, [review]);
  useEffect(() => {
    if (conflict) conflictBox.current?.focus();
  }, [conflict]);
  // After a change was opened or closed: the rules of the numbers again (a kept certificate number
  // may now have to follow a new ID number, or no longer), then focus on the new input, or back on
  // “修改” (both carry the field's id).
  useEffect(() => {
    if (!numbers.toggled) return;
    void form.validateFields([...numberFields]).catch(() => undefined);
    document.getElementById(`${formName}_${numbers.toggled}`)?.focus();
  }, [numbers, form]);

  /** Opens (an empty input for a new value) or closes (back to the stored number) the change of one number. */
  function toggleNumber(field: NumberField, open: boolean) {
    form.setFields([{ name: field, value: '', errors: [], touched: false }]);
    if (field === 'certificateNumber') form.setFieldValue('certificateLegacy', initialValues.certificateLegacy);
    setNumbers((current) => ({ changing: { ...current.changing, [field]: open }, toggled: field }));
  }

  /** The shared rule for one field, shown once the field has been touched (or on submit). */
  const sharedRule = (field: (typeof checkedFields)[number]) => ({
    validator: async () => {
      // a kept certificate number answers for a new ID number as soon as one is typed
      const followsId = field === 'certificateNumber' && edit && !edit.changing.certificateNumber && form.isFieldTouched('idNumber');
      if (!checkAll.current && !form.isFieldTouched(field) && !followsId) return;
      const result = runValidation(form.getFieldsValue(true) as PersonFormValues, province, edit);
      const issue = result.ok ? undefined : result.issues.find((item) => item.field === field);
      if (issue) throw new Error(issue.message);
    },
  });

  function check() {
    checkAll.current = false;
    const values = form.getFieldsValue(true) as PersonFormValues;
    const result = runValidation(values, province, edit);
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
    const values = form.getFieldsValue(true) as PersonFormValues;
    try {
      const saved = editing
        ? await mutations.update.mutateAsync({ id: editing.id, body: { ...toUpdateFields(values, changing), version: editing.version } })
        : await mutations.create.mutateAsync(toPersonFields(values));
      onSaved(saved);
    } catch (error) {
      setReview(null);
      // a version conflict (someone saved first); a number another person holds is a field error instead
      if (editing && error instanceof ApiError && error.status === 409 && error.issues.length === 0) {
        errors.clear();
        setConflict(true);
        return;
      }
      errors.showError(error);
    }
  }

  const maskedOf = (field: NumberField): MaskedValue | null => (editing ? editing[field] : null);

  /** A kept number: its mask and “修改” in the field's place (errors, such as a certificate that must follow a new ID, show under it). */
  function keptNumber(field: NumberField, note?: ReactNode, dependencies?: string[]) {
    const masked = maskedOf(field);
    if (!masked || changing[field]) return null;
    return (
      <Form.Item
        name={field}
        label={numberNames[field]}
        required={field === 'idNumber'} // the mark only: the button does not take aria-required
        extra="只显示部分号码。需要更正时点击“修改”，填写新号码。"
        dependencies={dependencies}
        rules={[sharedRule(field)]}
      >
        <KeptNumber masked={masked} field={field} note={note} onOpen={() => toggleNumber(field, true)} />
      </Form.Item>
    );
  }

  /** Above the input of a number being changed: the stored number (masked) and the way back to it. */
  function originalNumber(field: NumberField) {
    const masked = maskedOf(field);
    if (!masked) return null;
    return (
      <div className="number-original">
        <span>
          原{numberNames[field]}：<MaskedText value={masked} />
        </span>
        <Button
          size="small"
          htmlType="button"
          aria-label={`取消修改${numberNames[field]}，保留原号码`}
          onClick={() => toggleNumber(field, false)}
        >
          取消修改
        </Button>
      </div>
    );
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
          editing={editing}
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
            {keptNumber('idNumber') ?? (
              <>
                {originalNumber('idNumber')}
                <Form.Item
                  name="idNumber"
                  label={editing ? '新的身份证号' : '身份证号'}
                  required
                  validateDebounce={typingDelay}
                  extra="18 位；15 位旧号码会自动转换。性别和出生日期由身份证号得出，无需填写。"
                  rules={[sharedRule('idNumber')]}
                >
                  <Input autoComplete="off" spellCheck={false} autoCapitalize="characters" maxLength={32} className="number-input" />
                </Form.Item>
              </>
            )}
            <div className="derived-fields" role="status">
              <p className="derived-title">{edit && !changing.idNumber ? '由登记的身份证号得出：' : '由身份证号得出：'}</p>
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
            {keptNumber('certificateNumber', editing?.certificateLegacy && <Tag className="state-warn">第一代地方证号，未核验</Tag>, [
              'idNumber',
              'certificateLegacy',
            ]) ?? (
              <>
                {originalNumber('certificateNumber')}
                <Form.Item
                  name="certificateNumber"
                  label={editing?.certificateNumber ? '新的残疾人证号' : '残疾人证号'}
                  validateDebounce={typingDelay}
                  dependencies={['idNumber', 'certificateLegacy']}
                  extra={`第二代残疾人证号为 20 位：身份证号 + 残疾类别（1–7）+ 残疾等级（1–4）。${editing?.certificateNumber ? '留空则删除已登记的残疾人证号。' : ''}`}
                  rules={[sharedRule('certificateNumber')]}
                >
                  <Input autoComplete="off" spellCheck={false} autoCapitalize="characters" maxLength={32} className="number-input" />
                </Form.Item>
                <Form.Item name="certificateLegacy" valuePropName="checked">
                  <Checkbox>这是第一代地方残疾人证号（无法按规则核验，将保留原样并标注）</Checkbox>
                </Form.Item>
              </>
            )}
            <div className="derived-fields" role="status">
              <p className="derived-title">{edit && !changing.certificateNumber ? '由登记的残疾人证号得出：' : '由残疾人证号得出：'}</p>
              <p>
                {derived.disability
                  ? `残疾类别与等级：${derived.disability}`
                  : (edit && !changing.certificateNumber ? editing?.certificateLegacy : legacy)
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
              <RegionPicker root={scopeRoot} emptyLabel="请选择" emptyDisabled />
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
                <RegionPicker root={province} emptyLabel="请选择" emptyDisabled />
              </Form.Item>
            )}
            <Form.Item name="residenceRegionCode" label="居住地" rules={[sharedRule('residenceRegionCode')]}>
              <RegionPicker root={province} emptyLabel="未填写" />
            </Form.Item>
            <Form.Item name="urbanRural" label="城乡">
              <NativeSelect options={urbanRuralOptions} />
            </Form.Item>
            <Form.Item name="education" label="文化程度">
              <NativeSelect options={educationOptions} />
            </Form.Item>
            {keptNumber('phone') ?? (
              <>
                {originalNumber('phone')}
                <Form.Item
                  name="phone"
                  label={editing?.phone ? '新的联系电话' : '联系电话'}
                  validateDebounce={typingDelay}
                  extra={`手机号 11 位；固定电话请带区号。${editing?.phone ? '留空则删除已登记的联系电话。' : ''}`}
                  rules={[sharedRule('phone')]}
                >
                  <Input type="tel" autoComplete="off" maxLength={32} className="number-input" />
                </Form.Item>
              </>
            )}
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
