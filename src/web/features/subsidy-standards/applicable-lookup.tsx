import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { skillLevelLabels, skillLevels } from '../../../shared/domain/catalogue-codes';
import { classTrainingTypeLabels, classTrainingTypes, formatFen } from '../../../shared/domain/class-codes';
import type { RegionNode } from '../../../shared/domain/regions';
import { ErrorSummary } from '../../components/error-summary';
import { chooseOptions, requiredText } from '../../components/form-fields';
import { NativeSelect } from '../../components/native-select';
import { RegionPicker } from '../../components/region-picker';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { periodText, programmeText, standardScopeText } from './standard-labels';
import { type ApplicableQuery, useApplicableStandard } from './use-standards';

interface Values {
  countyCode: string;
  trainingType: string;
  programmeCode: string;
  skillLevel: string;
  on: string;
}

const formName = 'applicable-standard';

/** “哪个标准适用”: the same lookup claims use, for a county, type, programme, level and date. */
export function ApplicableLookup({ root }: { root: RegionNode | undefined }) {
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, formName);
  const [query, setQuery] = useState<ApplicableQuery | null>(null);
  const answer = useApplicableStandard(query);
  const result = answer.data;

  return (
    <section aria-labelledby="applicable-heading">
      <h2 id="applicable-heading">查询适用的标准</h2>
      <p>
        按培训班所在县区、培训类型、项目编码、技能等级和日期，查出申领时采用的标准：县区调整优先于市州调整，市州调整优先于全省默认；同一级别中指定项目、指定等级的优先。
      </p>
      <ErrorSummary errors={errors.errors} />
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        className="filter-form"
        requiredMark={false}
        initialValues={{ countyCode: '', trainingType: '', programmeCode: '', skillLevel: '', on: '' }}
        onFinishFailed={errors.onFinishFailed}
        onFinish={(v) => {
          errors.clear();
          setQuery({
            countyCode: v.countyCode,
            trainingType: v.trainingType as ApplicableQuery['trainingType'],
            programmeCode: v.programmeCode.trim(),
            skillLevel: v.skillLevel as ApplicableQuery['skillLevel'],
            on: v.on.trim(),
          });
        }}
      >
        <Form.Item name="countyCode" label="培训班所在县区" rules={[{ required: true, message: '请选择县区' }]}>
          <RegionPicker root={root} emptyLabel="请选择" emptyDisabled />
        </Form.Item>
        <Form.Item name="trainingType" label="培训类型" rules={[{ required: true, message: '请选择培训类型' }]}>
          <NativeSelect options={chooseOptions(classTrainingTypes, classTrainingTypeLabels)} />
        </Form.Item>
        <Form.Item name="programmeCode" label="项目编码" rules={[requiredText('请填写项目编码')]}>
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item name="skillLevel" label="技能等级" rules={[{ required: true, message: '请选择技能等级' }]}>
          <NativeSelect options={chooseOptions(skillLevels, skillLevelLabels)} />
        </Form.Item>
        <Form.Item
          name="on"
          label="日期（YYYY-MM-DD）"
          rules={[requiredText('请填写日期'), { pattern: /^\s*\d{4}-\d{2}-\d{2}\s*$/, message: '日期格式为 YYYY-MM-DD，例如 2026-09-01' }]}
        >
          <Input inputMode="numeric" autoComplete="off" maxLength={10} />
        </Form.Item>
        <div className="button-row">
          <Button type="primary" htmlType="submit" loading={answer.isFetching}>
            查询
          </Button>
        </div>
      </Form>
      <div role="status" className="list-status">
        {answer.isFetching
          ? '正在查询…'
          : result === undefined
            ? ''
            : result.standard === null
              ? '没有适用的补贴标准：该县区、培训类型在此日期没有执行中的标准。'
              : `适用${standardScopeText(result.standard)}的标准（${programmeText(result.standard)}，${periodText(result.standard)}）：申领上限无辅助教学人员的班 ${formatFen(result.ceilingFen!.notAssisted)}，有辅助教学人员的班 ${formatFen(result.ceilingFen!.assisted)}。`}
      </div>
      {answer.isError && <Alert type="error" role="alert" showIcon title={errorMessage(answer.error)} />}
    </section>
  );
}
