import { Link } from 'react-router';
import { PageHeader } from '../components/page-header';
import { BatchNew } from '../features/subsidy-payments/batch-new';

export function PaymentBatchesNewPage() {
  return (
    <>
      <PageHeader
        title="编制支付批次"
        description="选择一项资金，勾选其下已审定、待支付的申领，核对合计后编制批次。编制人不能支付本批次。"
      />
      <p>
        <Link to="/subsidies/batches">返回支付批次列表</Link>
      </p>
      <BatchNew />
    </>
  );
}
