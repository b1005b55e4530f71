import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { ProgrammeDetailView } from '../features/catalogue/programme-detail';
import { useProgramme } from '../features/catalogue/use-catalogue';

export function CatalogueDetailPage() {
  const { id = '' } = useParams();
  const programme = useProgramme(id);
  return (
    <RecordPage
      query={programme}
      title={programme.data ? `培训项目：${programme.data.name}` : '培训项目'}
      description={programme.data ? `${programme.data.programmeCode} 第 ${programme.data.edition} 版` : undefined}
      back={{ to: '/catalogue', label: '返回培训目录' }}
    >
      {(data) => <ProgrammeDetailView programme={data} />}
    </RecordPage>
  );
}
