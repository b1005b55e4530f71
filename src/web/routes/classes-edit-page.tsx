import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { ClassForm } from '../features/classes/class-form';
import { useClass } from '../features/classes/use-classes';

export function ClassesEditPage() {
  const { id = '' } = useParams();
  const detail = useClass(id);
  return (
    <RecordPage
      query={detail}
      title="修改开班申请"
      description={detail.data ? `${detail.data.name}（${detail.data.classNo}）` : undefined}
      back={{ to: '/classes', label: '返回培训班列表' }}
    >
      {(data) => <ClassForm key={`${data.id}-${data.version}`} detail={data} />}
    </RecordPage>
  );
}
