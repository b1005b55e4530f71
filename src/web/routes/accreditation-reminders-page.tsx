import { PageHeader } from '../components/page-header';
import { Reminders } from '../features/accreditation/reminders';

export function AccreditationRemindersPage() {
  return (
    <>
      <PageHeader title="到期提醒" description="本辖区挂牌有效期即将届满、定期评估到期的基地。" />
      <Reminders />
    </>
  );
}
