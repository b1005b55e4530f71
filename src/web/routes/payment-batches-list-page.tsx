import { PageHeader } from '../components/page-header';
import { BatchesList } from '../features/subsidy-payments/batches-list';

export function PaymentBatchesListPage() {
  return (
    <>
      <PageHeader
        title="支付批次"
        description="财务人员把已审定的补贴申领编入支付批次，由另一名财务人员填写凭证号后支付；支付与记账在同一步完成，冲销另记新分录。"
      />
      <BatchesList />
    </>
  );
}
