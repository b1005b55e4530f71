import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { ClaimTrailView } from '../features/fund-supervision/claim-trail';
import { useClaimTrail } from '../features/fund-supervision/use-fund-supervision';

export function MoneyTrailClaimPage() {
  const { id = '' } = useParams();
  const query = useClaimTrail(id);
  return (
    <RecordPage
      query={query}
      title="补贴资金流向"
      description="从申领追溯到培训班、考勤、考核、证书、资格核查、公示、审核、支付和台账。"
      back={{ to: '/subsidies/claims', label: '返回补贴申领列表' }}
    >
      {(trail) => <ClaimTrailView trail={trail} />}
    </RecordPage>
  );
}
