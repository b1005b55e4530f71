import { Alert } from 'antd';
import { useParams } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { AccreditationDetailView } from '../features/accreditation/accreditation-detail';
import { useAccreditation } from '../features/accreditation/use-accreditation';
import { errorMessage } from '../lib/use-form-errors';

export function AccreditationDetailPage() {
  const { id = '' } = useParams();
  const detail = useAccreditation(id);
  return (
    <>
      <PageHeader title={detail.data ? `基地挂牌：${detail.data.baseName}` : '基地挂牌详情'} />
      {detail.isPending && <LoadingState />}
      {detail.isError && <Alert type="error" role="alert" showIcon title={errorMessage(detail.error)} />}
      {detail.data && <AccreditationDetailView key={detail.data.id} detail={detail.data} />}
    </>
  );
}
