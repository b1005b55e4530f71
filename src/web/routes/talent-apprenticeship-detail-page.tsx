import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { ApprenticeshipDetailView } from '../features/talent/apprenticeship-detail';
import { useApprenticeship } from '../features/talent/use-talent';

export function TalentApprenticeshipDetailPage() {
  const { id = '' } = useParams();
  const pair = useApprenticeship(id);
  return (
    <RecordPage
      query={pair}
      title="师徒结对详情"
      description={pair.data ? `${pair.data.craft}：${pair.data.masterName} → ${pair.data.apprentice.name}` : undefined}
      back={{ to: '/talent/apprenticeships', label: '返回师徒结对列表' }}
    >
      {(data) => <ApprenticeshipDetailView pair={data} />}
    </RecordPage>
  );
}
