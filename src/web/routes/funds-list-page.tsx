import { PageHeader } from '../components/page-header';
import { FundsList } from '../features/funds/funds-list';

export function FundsListPage() {
  return (
    <>
      <PageHeader
        title="资金与预算"
        description="本辖区各区域、各年度的财政预算资金和社会捐赠资金：预算、已审定未支付的占用、已支付和可用余额都由资金台账算出。"
      />
      <FundsList />
    </>
  );
}
