import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { AccreditationDetailView } from '../features/accreditation/accreditation-detail';
import { useAccreditation } from '../features/accreditation/use-accreditation';

export function AccreditationDetailPage() {
  const { id = '' } = useParams();
  const detail = useAccreditation(id);
  return (
    <RecordPage query={detail} title={detail.data ? `基地挂牌：${detail.data.baseName}` : '基地挂牌详情'}>
      {(data) => <AccreditationDetailView key={data.id} detail={data} />}
    </RecordPage>
  );
}
