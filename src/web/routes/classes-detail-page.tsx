import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { ClassDetailView } from '../features/classes/class-detail';
import { ClassStatusTag } from '../features/classes/class-labels';
import { useClass } from '../features/classes/use-classes';

export function ClassesDetailPage() {
  const { id = '' } = useParams();
  const detail = useClass(id);
  const data = detail.data;
  return (
    <RecordPage
      query={detail}
      title={data ? `培训班：${data.name}` : '培训班详情'}
      description={
        data && (
          <p className="class-header-facts">
            班级编号 <span className="number-cell">{data.classNo}</span>，{data.institutionName}。状态：
            <ClassStatusTag status={data.status} />
          </p>
        )
      }
      back={{ to: '/classes', label: '返回培训班列表' }}
    >
      {(record) => <ClassDetailView key={record.id} detail={record} onChanged={() => void detail.refetch()} />}
    </RecordPage>
  );
}
