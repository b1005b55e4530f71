import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { BatchDetailView } from '../features/subsidy-payments/batch-detail';
import { useBatch } from '../features/subsidy-payments/use-payments';

export function PaymentBatchesDetailPage() {
  const { id = '' } = useParams();
  const query = useBatch(id);
  return (
    <RecordPage query={query} title="支付批次详情" back={{ to: '/subsidies/batches', label: '返回支付批次列表' }}>
      {(batch) => <BatchDetailView batch={batch} />}
    </RecordPage>
  );
}
