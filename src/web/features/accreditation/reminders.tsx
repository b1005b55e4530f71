import '../persons/persons.css';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { LoadingState } from '../../components/loading-state';
import { errorMessage } from '../../lib/use-form-errors';
import { DetailTable } from '../persons/detail-table';
import { tierText } from './accreditation-labels';
import { useReminders } from './use-accreditation';

function dueText(daysLeft: number): string {
  return daysLeft < 0 ? `已逾期 ${-daysLeft} 天` : daysLeft === 0 ? '今天到期' : `还有 ${daysLeft} 天`;
}

export function Reminders() {
  const reminders = useReminders();
  if (reminders.isPending) return <LoadingState />;
  if (reminders.isError) return <Alert type="error" role="alert" showIcon title={errorMessage(reminders.error)} />;
  const { termsEnding, evaluationsDue, withinDays, evaluationIntervalMonths } = reminders.data;
  return (
    <>
      <section aria-labelledby="terms-heading">
        <h2 id="terms-heading">
          有效期即将届满（{withinDays} 天内，{termsEnding.length} 家）
        </h2>
        <DetailTable
          caption="有效期即将届满的基地"
          headers={['基地名称', '培训机构', '县区', '级别', '有效期至', '剩余']}
          empty={`${withinDays} 天内没有届满的基地。`}
          rows={termsEnding.map((r) => ({
            key: r.id,
            cells: [
              <Link to={`/accreditations/${r.id}`}>{r.baseName}</Link>,
              r.institutionName,
              r.countyName,
              tierText(r.tier),
              r.dueOn,
              dueText(r.daysLeft),
            ],
          }))}
        />
      </section>
      <section aria-labelledby="evaluations-heading">
        <h2 id="evaluations-heading">
          定期评估到期（每 {evaluationIntervalMonths} 个月一次，{evaluationsDue.length} 家）
        </h2>
        <DetailTable
          caption="定期评估到期的基地"
          headers={['基地名称', '培训机构', '县区', '级别', '应评估日期', '剩余']}
          empty="没有到期的定期评估。"
          rows={evaluationsDue.map((r) => ({
            key: r.id,
            cells: [
              <Link to={`/accreditations/${r.id}`}>{r.baseName}</Link>,
              r.institutionName,
              r.countyName,
              tierText(r.tier),
              r.dueOn,
              dueText(r.daysLeft),
            ],
          }))}
        />
      </section>
    </>
  );
}
