import { PageHeader } from '../components/page-header';
import { ApprenticeshipList } from '../features/talent/apprenticeship-list';

export function TalentApprenticeshipsPage() {
  return (
    <>
      <PageHeader title="带徒传技" description="高技能人才带徒传技：师徒结对、带徒目标和进展记录。" />
      <ApprenticeshipList />
    </>
  );
}
