import { Alert, Button, Form, Input } from 'antd';
import type { AccreditationDetail } from '../../../shared/contracts/accreditation-contracts';
import {
  accreditationTierLabels,
  checkOutcome,
  type EvaluationOutcome,
  evaluationOutcomeLabels,
  evaluationOutcomes,
  lowerTiers,
  type AccreditationTier,
  suggestOutcome,
  totalScore,
} from '../../../shared/domain/accreditation';
import { todayInChina } from '../../../shared/domain/person-validation';
import { ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { NativeSelect } from '../../components/native-select';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { useAccreditationMutations, useScoreSheet } from './use-accreditation';
// the class results (area G: satisfaction) suggest the completion and satisfaction scores
import { ClassResultsPanel, suggestionText, useScoreSuggestions } from '../satisfaction/class-results-panel';

interface Values {
  evaluatedOn: string;
  scores: Record<string, string>;
  decision: string;
  downgradeTo: string;
  reason: string;
}

const formName = 'evaluation';

/** Scores by the current sheet; the total and the sheet's suggestion update as they are typed. */
export function EvaluationForm({ detail, onDone }: { detail: AccreditationDetail; onDone: (message: string) => void }) {
  const sheet = useScoreSheet();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, formName);
  const { evaluate } = useAccreditationMutations();
  const scores = Form.useWatch('scores', form) as Record<string, string> | undefined;
  const decision = Form.useWatch('decision', form) as string | undefined;
  const suggestions = useScoreSuggestions(detail.id, form, sheet.isSuccess);

  if (sheet.isPending) return <LoadingState label="正在加载评分表…" />;
  if (sheet.isError) return <Alert type="error" role="alert" showIcon title={errorMessage(sheet.error)} />;
  const current = sheet.data;
  const tier = detail.tier as AccreditationTier;
  const numbers = Object.fromEntries(current.items.map((i) => [i.key, Number(scores?.[i.key] ?? '')]));
  const complete = current.items.every((i) => scores?.[i.key] !== undefined && scores[i.key] !== '' && Number.isFinite(numbers[i.key]));
  const total = complete ? totalScore(numbers) : null;
  const suggestion =
    total === null ? null : suggestOutcome({ version: current.version, items: current.items, thresholds: current.thresholds }, total);
  const decisionOptions = [
    { value: '', label: '请选择', disabled: true },
    ...evaluationOutcomes
      .filter((o) => checkOutcome(o, detail.status, tier) === null)
      .map((o) => ({ value: o, label: `${evaluationOutcomeLabels[o]}${o === suggestion ? '（评分表建议）' : ''}` })),
  ];

  async function submit(values: Values) {
    errors.clear();
    try {
      const outcome = values.decision as EvaluationOutcome;
      await evaluate.mutateAsync({
        id: detail.id,
        body: {
          evaluatedOn: values.evaluatedOn,
          sheetVersion: current.version,
          scores: Object.fromEntries(current.items.map((i) => [i.key, Number(values.scores[i.key])])),
          decision: outcome,
          downgradeTo: outcome === 'downgrade' ? (values.downgradeTo as AccreditationTier) : null,
          reason: values.reason.trim(),
          version: detail.version,
        },
      });
      form.resetFields();
      onDone(`评估已记录，结论：${evaluationOutcomeLabels[outcome]}。`);
    } catch (error) {
      errors.showError(error);
    }
  }

  const scoreRule = (max: number) => ({
    validator: (_: unknown, value: string) => {
      if (value === undefined || value === '') return Promise.reject(new Error('请填写得分'));
      const n = Number(value);
      return Number.isFinite(n) && n >= 0 && n <= max ? Promise.resolve() : Promise.reject(new Error(`得分须在 0 到 ${max} 之间`));
    },
  });

  return (
    <div className="action-panel">
      <h3>
        定期评估（评分表第 {current.version} 版，满分 {current.maxTotal}）
      </h3>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ evaluatedOn: todayInChina(), scores: {}, decision: '', downgradeTo: lowerTiers(tier)[0] ?? '', reason: '' }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="evaluatedOn" label="评估日期" required rules={[{ required: true, message: '请填写评估日期' }]}>
          <Input type="date" max={todayInChina()} />
        </Form.Item>
        <ClassResultsPanel accreditationId={detail.id} />
        <fieldset className="checkbox-fieldset">
          <legend>评分</legend>
          {current.items.map((item) => (
            <Form.Item
              key={item.key}
              name={['scores', item.key]}
              label={`${item.label}（0–${item.maxScore} 分）`}
              required
              rules={[scoreRule(item.maxScore)]}
              extra={suggestionText(suggestions[item.key])}
            >
              <Input inputMode="decimal" autoComplete="off" maxLength={6} />
            </Form.Item>
          ))}
        </fieldset>
        <p role="status" className="score-total">
          {total === null
            ? '填写全部评分项后显示总分和评分表建议。'
            : `总分 ${total} 分；评分表建议：${evaluationOutcomeLabels[suggestion!]}（保留 ≥ ${current.thresholds.keepMin}，降级 ≥ ${current.thresholds.downgradeMin}，暂停 ≥ ${current.thresholds.suspendMin}）。`}
        </p>
        <Form.Item name="decision" label="评估结论" required rules={[{ required: true, message: '请选择评估结论' }]}>
          <NativeSelect options={decisionOptions} />
        </Form.Item>
        {decision === 'downgrade' && (
          <Form.Item name="downgradeTo" label="降至级别" required>
            <NativeSelect options={lowerTiers(tier).map((t) => ({ value: t, label: accreditationTierLabels[t] }))} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label="结论理由"
          required
          rules={[
            { required: true, whitespace: true, message: '请填写结论理由' },
            { min: 2, message: '结论理由至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={evaluate.isPending}>
          记录评估结论
        </Button>
      </Form>
    </div>
  );
}
