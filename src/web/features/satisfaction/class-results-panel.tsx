import './satisfaction.css';
import { Alert, type FormInstance } from 'antd';
import { useEffect } from 'react';
import type { ScoreSuggestion } from '../../../shared/contracts/satisfaction-contracts';
import { classStatusLabels } from '../../../shared/domain/class-status';
import { DetailList } from '../../components/detail-list';
import { DetailTable } from '../../components/detail-table';
import { LoadingState } from '../../components/loading-state';
import { errorMessage } from '../../lib/use-form-errors';
import { useAccreditationClassResults } from './use-satisfaction';

/**
 * Pre-fills the score-sheet items the class results can suggest (completion, satisfaction) once
 * both the sheet's form and the results are there, leaving alone any score already typed; answers
 * the suggestions by item key so the form can show each explanation under its field.
 */
export function useScoreSuggestions(accreditationId: string, form: FormInstance, formReady: boolean): Record<string, ScoreSuggestion> {
  const results = useAccreditationClassResults(accreditationId);
  useEffect(() => {
    if (!formReady || !results.data) return;
    for (const s of results.data.suggestions) {
      if (s.score === null) continue;
      const current: unknown = form.getFieldValue(['scores', s.itemKey]);
      if (current === undefined || current === '') form.setFieldValue(['scores', s.itemKey], String(s.score));
    }
  }, [formReady, results.data, form]);
  return Object.fromEntries((results.data?.suggestions ?? []).map((s) => [s.itemKey, s]));
}

/** The words under a score field: the suggestion and how it was reached (none when there is no suggestion). */
export function suggestionText(suggestion: ScoreSuggestion | undefined): string | undefined {
  if (!suggestion) return undefined;
  return suggestion.score === null ? suggestion.explanation : `已按建议分预填，可修改。${suggestion.explanation}`;
}

/** The institution's classes in the evaluation period: completion and satisfaction, for the evaluator to read before scoring. */
export function ClassResultsPanel({ accreditationId }: { accreditationId: string }) {
  const results = useAccreditationClassResults(accreditationId);
  if (results.isPending) return <LoadingState label="正在加载评估期内的培训班情况…" />;
  if (results.isError) return <Alert type="error" role="alert" showIcon title={errorMessage(results.error)} />;
  const r = results.data;
  return (
    <section aria-labelledby="class-results-heading">
      <h4 id="class-results-heading">评估期内的培训情况（供评分参考）</h4>
      <DetailList
        rows={[
          ['评估期', `${r.periodFrom} 至 ${r.periodTo}（自${r.periodBasis === 'evaluation' ? '上次评估' : '挂牌认定'}起）`],
          ['培训班', `${r.classes} 个，其中结业审核通过或已结班 ${r.completedClasses} 个`],
          ['参训人数', `${r.trainees} 人`],
          ['结业率', r.completionRate === null ? '暂无' : `${r.completionRate}%（${r.passed} / ${r.completedEnrolled} 人）`],
          [
            '学员满意度',
            r.satisfactionAverage === null ? '暂无评价' : `平均 ${r.satisfactionAverage} 分（满分 5 分，${r.responses} 份评价）`,
          ],
        ]}
      />
      {r.suggestions.map((s) => (
        <p key={s.itemKey} className="class-results-suggestion">
          <strong>
            {s.label}：{s.score === null ? '无建议分' : `建议 ${s.score} 分（满分 ${s.maxScore}）`}
          </strong>
          <br />
          {s.explanation}
        </p>
      ))}
      <DetailTable
        caption="评估期内结束的培训班"
        headers={['培训班', '状态', '结束日期', '在册', '结业合格', '评价份数', '平均满意度']}
        empty="评估期内没有结束的培训班。"
        rows={r.classList.map((c) => ({
          key: c.id,
          cells: [
            `${c.name}（${c.classNo}）`,
            classStatusLabels[c.status],
            c.endsOn,
            `${c.enrolled}`,
            c.completed ? `${c.passed}` : '未结业',
            `${c.responses}`,
            c.overallAverage === null ? '—' : c.overallAverage.toFixed(2),
          ],
        }))}
      />
    </section>
  );
}
