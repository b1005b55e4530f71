import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { InstitutionDetailView } from '../features/institutions/institution-detail';
import { useInstitution } from '../features/institutions/use-institutions';

export function InstitutionsDetailPage() {
  const { id = '' } = useParams();
  const institution = useInstitution(id);
  return (
    <RecordPage
      query={institution}
      title="培训机构详情"
      description={institution.data ? `${institution.data.name}（${institution.data.countyName}）` : undefined}
      back={{ to: '/institutions', label: '返回培训机构列表' }}
    >
      {(data) => <InstitutionDetailView institution={data} />}
    </RecordPage>
  );
}
