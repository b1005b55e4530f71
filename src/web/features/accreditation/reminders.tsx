import '../persons/persons.css';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { LoadingState } from '../../components/loading-state';
import { errorMessage } from '../../lib/use-form-errors';
import { DetailTable } from '../../components/detail-table';
import { tierText } from './accreditation-labels';
import { useReminders } from './use-accreditation';

function dueText(daysLeft: number): string {
  return daysLeft < 0 ? `已逾期 ${-daysLeft} 天` : daysLeft === 0 ? '今天到期' : `还有 ${daysLeft} 天`;
}

type Reminder = NonNullable<ReturnType<typeof useReminders>['data']>['termsEnding'][number];

/** One list of bases with a date coming up: a section with its own heading and table. */
function ReminderSection({
  id,
  heading,
  caption,
  dueHeader,
  empty,
  items,
}: {
  id: string;
  heading: string;
  caption: string;
  dueHeader: string;
  empty: string;
  items: Reminder[];
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <DetailTable
        caption={caption}
        headers={['基地名称', '培训机构', '县区', '级别', dueHeader, '剩余']}
        empty={empty}
        rows={items.map((r) => ({
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
  );
}

export function Reminders() {
  const reminders = useReminders();
  if (reminders.isPending) return <LoadingState />;
  if (reminders.isError) return <Alert type="error" role="alert" showIcon title={errorMessage(reminders.error)} />;
  const { termsEnding, evaluationsDue, withinDays, evaluationIntervalMonths } = reminders.data;
  return (
    <>
      <ReminderSection
        id="terms-heading"
        heading={`有效期即将届满（${withinDays} 天内，${termsEnding.length} 家）`}
        caption="有效期即将届满的基地"
        dueHeader="有效期至"
        empty={`${withinDays} 天内没有届满的基地。`}
        items={termsEnding}
      />
      <ReminderSection
        id="evaluations-heading"
        heading={`定期评估到期（每 ${evaluationIntervalMonths} 个月一次，${evaluationsDue.length} 家）`}
        caption="定期评估到期的基地"
        dueHeader="应评估日期"
        empty="没有到期的定期评估。"
        items={evaluationsDue}
      />
    </>
  );
}
