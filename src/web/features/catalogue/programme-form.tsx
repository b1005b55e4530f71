import '../persons/persons.css';
import { Form, Input } from 'antd';
import type { ProgrammeDetail } from '../../../shared/contracts/catalogue-contracts';
import {
  brandTagLabels,
  brandTags,
  programmeCodeMessage,
  programmeCodePattern,
  skillLevelLabels,
  skillLevels,
  type BrandTag,
  type SkillLevel,
} from '../../../shared/domain/catalogue-codes';
import { disabilityCategories, disabilityCategoryLabels, type DisabilityCategory } from '../../../shared/domain/disability';
import {
  accommodationLabels,
  accommodationNeeds,
  trainingTypeLabels,
  trainingTypes,
  type AccommodationNeed,
  type TrainingType,
} from '../../../shared/domain/person-codes';
import { ErrorSummary } from '../../components/error-summary';
import { chooseOptions, FormActions, requiredText } from '../../components/form-fields';
import { NativeSelect } from '../../components/native-select';
import { useFormErrors } from '../../lib/use-form-errors';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { useCatalogueMutations } from './use-catalogue';

export interface ProgrammeFormValues {
  programmeCode: string;
  name: string;
  occupation: string;
  skill: string;
  trainingType: TrainingType | '';
  hours: string;
  skillLevel: SkillLevel | '';
  targetCategories: DisabilityCategory[];
  accommodations: AccommodationNeed[];
  subsidyStandardRef: string;
  brands: BrandTag[];
  description: string;
}

export const emptyProgramme: ProgrammeFormValues = {
  programmeCode: '',
  name: '',
  occupation: '',
  skill: '',
  trainingType: '',
  hours: '',
  skillLevel: '',
  targetCategories: [],
  accommodations: [],
  subsidyStandardRef: '',
  brands: [],
  description: '',
};

export function programmeValues(programme: ProgrammeDetail): ProgrammeFormValues {
  return {
    programmeCode: programme.programmeCode,
    name: programme.name,
    occupation: programme.occupation,
    skill: programme.skill ?? '',
    trainingType: programme.trainingType,
    hours: String(programme.hours),
    skillLevel: programme.skillLevel,
    targetCategories: programme.targetCategories,
    accommodations: programme.accommodations,
    subsidyStandardRef: programme.subsidyStandardRef ?? '',
    brands: programme.brands,
    description: programme.description ?? '',
  };
}

const typeOptions = chooseOptions(trainingTypes, trainingTypeLabels);
const levelOptions = chooseOptions(skillLevels, skillLevelLabels);
const formName = 'programme-form';

/** Creates a programme (first version) or edits a draft; the server's rules and messages decide. */
export function ProgrammeForm({
  editing,
  initialValues,
  onSaved,
  onCancel,
}: {
  editing: ProgrammeDetail | null;
  initialValues: ProgrammeFormValues;
  onSaved: (programme: ProgrammeDetail) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<ProgrammeFormValues>();
  const errors = useFormErrors(form, formName);
  const mutations = useCatalogueMutations();
  const pending = mutations.create.isPending || mutations.update.isPending;

  async function save(values: ProgrammeFormValues) {
    errors.clear();
    const content = {
      name: values.name.trim(),
      occupation: values.occupation.trim(),
      skill: values.skill.trim() || null,
      trainingType: values.trainingType as TrainingType,
      hours: Number(values.hours),
      skillLevel: values.skillLevel as SkillLevel,
      targetCategories: values.targetCategories,
      accommodations: values.accommodations,
      subsidyStandardRef: values.subsidyStandardRef.trim() || null,
      brands: values.brands,
      description: values.description.trim() || null,
    };
    try {
      const saved = editing
        ? await mutations.update.mutateAsync({ id: editing.id, body: { ...content, version: editing.version } })
        : await mutations.create.mutateAsync({ ...content, programmeCode: values.programmeCode.trim() });
      onSaved(saved);
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        className="person-form"
        initialValues={initialValues}
        onFinish={(values) => void save(values)}
        onFinishFailed={errors.onFinishFailed}
        scrollToFirstError={false}
      >
        {editing ? (
          <p>
            项目编码：{editing.programmeCode}（第 {editing.edition} 版草稿）
          </p>
        ) : (
          <Form.Item
            name="programmeCode"
            label="项目编码"
            extra="同一项目的各个版本使用同一个编码，例如 GS-DS-001。"
            rules={[requiredText('请填写项目编码'), { pattern: programmeCodePattern, message: programmeCodeMessage }]}
          >
            <Input autoComplete="off" maxLength={32} autoCapitalize="characters" spellCheck={false} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label="项目名称"
          rules={[requiredText('请填写项目名称'), { min: 2, max: 64, message: '项目名称为 2 至 64 个字' }]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="occupation" label="职业" rules={[requiredText('请填写职业'), { min: 2, max: 64, message: '职业为 2 至 64 个字' }]}>
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="skill" label="工种/技能（可选）">
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="trainingType" label="培训类型" rules={[{ required: true, message: '请选择培训类型' }]}>
          <NativeSelect options={typeOptions} />
        </Form.Item>
        <Form.Item
          name="hours"
          label="培训学时"
          rules={[
            { required: true, message: '请填写培训学时' },
            { pattern: /^\d{1,4}$/, message: '学时请填写 1 至 4000 的整数' },
            {
              validator: (_, value: string) =>
                !value || (Number(value) >= 1 && Number(value) <= 4000)
                  ? Promise.resolve()
                  : Promise.reject(new Error('学时请填写 1 至 4000 的整数')),
            },
          ]}
        >
          <Input inputMode="numeric" autoComplete="off" maxLength={4} />
        </Form.Item>
        <Form.Item name="skillLevel" label="技能等级" rules={[{ required: true, message: '请选择技能等级' }]}>
          <NativeSelect options={levelOptions} />
        </Form.Item>
        <Form.Item name="targetCategories" extra="都不选表示不限残疾类别。">
          <CodeCheckboxes legend="面向残疾类别（可选）" codes={disabilityCategories} labels={disabilityCategoryLabels} />
        </Form.Item>
        <Form.Item name="accommodations">
          <CodeCheckboxes legend="培训提供的便利（可选）" codes={accommodationNeeds} labels={accommodationLabels} />
        </Form.Item>
        <Form.Item name="brands">
          <CodeCheckboxes legend="特色品牌（可选）" codes={brandTags} labels={brandTagLabels} />
        </Form.Item>
        <Form.Item name="subsidyStandardRef" label="补贴标准参照（可选）" extra="补贴标准的文号或编号；补贴模块启用后将直接关联。">
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="description" label="项目说明（可选）">
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <FormActions submit={editing ? '保存草稿' : '保存为草稿'} pending={pending} onCancel={onCancel} />
      </Form>
    </>
  );
}
