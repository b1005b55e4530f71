import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { InspectionDetailView } from '../features/inspections/inspection-detail';
import { useInspection } from '../features/inspections/use-inspections';

export function InspectionsDetailPage() {
  const { id = '' } = useParams();
  const query = useInspection(id);
  return (
    <RecordPage query={query} title="过程检查详情" back={{ to: '/inspections', label: '返回过程检查列表' }}>
      {(inspection) => <InspectionDetailView inspection={inspection} />}
    </RecordPage>
  );
}
