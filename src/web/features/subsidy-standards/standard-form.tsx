import { Alert, Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import type { StandardView } from '../../../shared/contracts/subsidy-standards-contracts';
import { skillLevelLabels, skillLevels, type SkillLevel } from '../../../shared/domain/catalogue-codes';
import { classTrainingTypeLabels, classTrainingTypes, type ClassTrainingType, formatFen } from '../../../shared/domain/class-codes';
import { DetailList } from '../../components/detail-list';
import { ErrorSummary } from '../../components/error-summary';
import { chooseOptions, FormActions, requiredText } from '../../components/form-fields';
import { NativeSelect } from '../../components/native-select';
import { RegionPicker } from '../../components/region-picker';
import { focusSoon } from '../../lib/focus-soon';
import { useFormErrors } from '../../lib/use-form-errors';
import { useCurrentUser } from '../auth/use-session';
import { yuanToFen } from '../classes/class-form-values';
import { useRegionTree } from '../regions/use-region-tree';
import { useStandardMutations } from './use-standards';

/** The money fields hold the yuan text typed; they carry the request's names so the server's field issues land on them. */
interface Values {
  regionCode: string;
  trainingType: string;
  programmeCode: string;
  skillLevel: string;
  tuitionFen: string;
  materialsFen: string;
  examFeeFen: string;
  assistingStaffFen: string;
  effectiveFrom: string;
  effectiveTo: string;
  basis: string;
  remarks: string;
}

const formName = 'standard';
const datePattern = { pattern: /^\s*(\d{4}-\d{2}-\d{2})?\s*$/, message: '日期格式为 YYYY-MM-DD，例如 2026-01-01' };
const yuanRule = (label: string) => ({
  validator: (_: unknown, value: string) =>
    yuanToFen(value ?? '') === null
      ? Promise.reject(new Error(`${label}请填写金额（元），最多两位小数，例如 1500 或 1500.50`))
      : Promise.resolve(),
});

const moneyFields: [keyof Values, string, string][] = [
  ['tuitionFen', '培训费标准（元）', '每人培训费的上限'],
  ['materialsFen', '教材资料费标准（元）', '每人教材资料费的上限'],
  ['examFeeFen', '考核鉴定费标准（元）', '每人考核鉴定费的上限'],
  ['assistingStaffFen', '辅助教学人员补贴（元）', '配有手语翻译、助教等辅助教学人员的班每人增加的金额；没有则填 0'],
];

function toBody(v: Values) {
  return {
    regionCode: v.regionCode,
    trainingType: v.trainingType as ClassTrainingType,
    programmeCode: v.programmeCode.trim() || null,
    skillLevel: (v.skillLevel || null) as SkillLevel | null,
    tuitionFen: yuanToFen(v.tuitionFen)!,
    materialsFen: yuanToFen(v.materialsFen)!,
    examFeeFen: yuanToFen(v.examFeeFen)!,
    assistingStaffFen: yuanToFen(v.assistingStaffFen)!,
    effectiveFrom: v.effectiveFrom.trim(),
    effectiveTo: v.effectiveTo.trim() || null,
    basis: v.basis.trim(),
    remarks: v.remarks.trim() || null,
  };
}

/**
 * 新增标准: the form, then “check your answers” before it is saved (a standard is never edited
 * afterwards), then the save. A refusal sends the officer back to the form with the message.
 */
export function StandardForm({ onSaved, onCancel }: { onSaved: (s: StandardView) => void; onCancel: () => void }) {
  const user = useCurrentUser();
  const { root } = useRegionTree(user.viewRegion?.code ?? user.region.code);
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, formName);
  const { create } = useStandardMutations();
  const [review, setReview] = useState<Values | null>(null);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const regionName = (code: string) => {
    const find = (n: typeof root): string | undefined => (n ? (n.code === code ? n.name : n.children.map(find).find(Boolean)) : undefined);
    return find(root) ?? code;
  };

  async function save() {
    try {
      const saved = await create.mutateAsync(toBody(review!));
      onSaved(saved);
    } catch (error) {
      setReview(null);
      errors.showError(error);
    }
  }

  const answers = review && toBody(review);

  return (
    <>
      <ErrorSummary errors={errors.errors} />
      <div hidden={review !== null}>
        <Form<Values>
          form={form}
          name={formName}
          layout="vertical"
          className="record-form"
          initialValues={{
            regionCode: user.viewRegion?.code ?? user.region.code,
            trainingType: '',
            programmeCode: '',
            skillLevel: '',
            tuitionFen: '',
            materialsFen: '0',
            examFeeFen: '0',
            assistingStaffFen: '0',
            effectiveFrom: '',
            effectiveTo: '',
            basis: '',
            remarks: '',
          }}
          onFinishFailed={errors.onFinishFailed}
          onFinish={(values) => {
            errors.clear();
            setReview(values);
            focusSoon(() => reviewHeading.current);
          }}
        >
          <Form.Item
            name="regionCode"
            label="适用区域"
            extra="省级财务定全省默认标准；市州、县区财务只能为本区域定调整标准，调整标准优先于上级标准。"
            rules={[{ required: true, message: '请选择适用区域' }]}
          >
            <RegionPicker root={root} emptyLabel="请选择" emptyDisabled />
          </Form.Item>
          <Form.Item name="trainingType" label="培训类型" rules={[{ required: true, message: '请选择培训类型' }]}>
            <NativeSelect options={chooseOptions(classTrainingTypes, classTrainingTypeLabels)} />
          </Form.Item>
          <Form.Item name="programmeCode" label="项目编码（可选）" extra="不填则适用于该培训类型的所有项目。">
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
          <Form.Item name="skillLevel" label="技能等级（可选）">
            <NativeSelect
              options={[{ value: '', label: '所有等级' }, ...skillLevels.map((l) => ({ value: l, label: skillLevelLabels[l] }))]}
            />
          </Form.Item>
          {moneyFields.map(([name, label, extra]) => (
            <Form.Item key={name} name={name} label={label} extra={extra} rules={[requiredText(`请填写${label}`), yuanRule(label)]}>
              <Input inputMode="decimal" autoComplete="off" maxLength={14} />
            </Form.Item>
          ))}
          <Form.Item name="effectiveFrom" label="开始执行日期（YYYY-MM-DD）" rules={[requiredText('请填写开始执行日期'), datePattern]}>
            <Input inputMode="numeric" autoComplete="off" maxLength={10} />
          </Form.Item>
          <Form.Item name="effectiveTo" label="停止执行日期（可选，YYYY-MM-DD）" extra="不填则长期执行。" rules={[datePattern]}>
            <Input inputMode="numeric" autoComplete="off" maxLength={10} />
          </Form.Item>
          <Form.Item name="basis" label="文件依据" extra="例如：甘残联〔2026〕12 号" rules={[requiredText('请填写文件依据')]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="remarks" label="备注（可选）">
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
          <FormActions submit="下一步：核对" pending={false} onCancel={onCancel} />
        </Form>
      </div>
      {review && answers && (
        <section aria-labelledby="standard-review-heading">
          <h2 id="standard-review-heading" ref={reviewHeading} tabIndex={-1}>
            请核对以下内容
          </h2>
          <Alert type="info" showIcon title="补贴标准保存后不能修改。如需调整金额，请停用原标准或为其设定停止执行日期，再新增标准。" />
          <DetailList
            rows={[
              ['适用区域', regionName(answers.regionCode)],
              ['培训类型', classTrainingTypeLabels[answers.trainingType]],
              ['项目编码', answers.programmeCode ?? '所有项目'],
              ['技能等级', answers.skillLevel ? skillLevelLabels[answers.skillLevel] : '所有等级'],
              ['培训费标准', formatFen(answers.tuitionFen)],
              ['教材资料费标准', formatFen(answers.materialsFen)],
              ['考核鉴定费标准', formatFen(answers.examFeeFen)],
              ['辅助教学人员补贴', formatFen(answers.assistingStaffFen)],
              ['申领上限（无辅助教学人员）', formatFen(answers.tuitionFen + answers.materialsFen + answers.examFeeFen)],
              [
                '申领上限（有辅助教学人员）',
                formatFen(answers.tuitionFen + answers.materialsFen + answers.examFeeFen + answers.assistingStaffFen),
              ],
              ['执行期间', `${answers.effectiveFrom} 至 ${answers.effectiveTo ?? '长期'}`],
              ['文件依据', answers.basis],
              ['备注', answers.remarks ?? '—'],
            ]}
          />
          <div className="form-actions button-row">
            <Button type="primary" htmlType="button" loading={create.isPending} onClick={() => void save()}>
              保存标准
            </Button>
            <Button
              htmlType="button"
              onClick={() => {
                setReview(null);
                focusSoon(() => document.getElementById(`${formName}_regionCode`));
              }}
            >
              返回修改
            </Button>
          </div>
        </section>
      )}
    </>
  );
}
