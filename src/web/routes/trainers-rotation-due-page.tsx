import { PageHeader } from '../components/page-header';
import { RotationDueList } from '../features/trainers/rotation-due-list';

export function TrainersRotationDuePage() {
  return (
    <>
      <PageHeader title="师资轮训到期与逾期" description="五年一周期全员轮训：即将到期和已逾期未参加轮训的师资。" />
      <RotationDueList />
    </>
  );
}
