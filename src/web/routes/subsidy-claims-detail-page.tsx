import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { ClaimDetailView } from '../features/subsidy-claims/claim-detail';
import { useClaim } from '../features/subsidy-claims/use-claims';

export function SubsidyClaimsDetailPage() {
  const { id = '' } = useParams();
  const query = useClaim(id);
  return (
    <RecordPage query={query} title="补贴申领详情" back={{ to: '/subsidies/claims', label: '返回补贴申领列表' }}>
      {(claim) => <ClaimDetailView claim={claim} />}
    </RecordPage>
  );
}
