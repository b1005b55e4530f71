import { PageHeader } from '../components/page-header';
import { Reconciliation } from '../features/funds/reconciliation';

export function FundsReconciliationPage() {
  return (
    <>
      <PageHeader
        title="资金对账"
        description="选择区域和年度，核对各资金的台账与支付记录、申领和支付批次：支付与台账一一对应，已支付的申领净支付一笔，已审定的申领都有资金占用，批次合计与支付之和相等。所有核对项都应为零。"
      />
      <Reconciliation />
    </>
  );
}
