import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { ClassTrailView } from '../features/fund-supervision/class-trail';
import { useClassTrail } from '../features/fund-supervision/use-fund-supervision';

export function MoneyTrailClassPage() {
  const { id = '' } = useParams();
  const query = useClassTrail(id);
  return (
    <RecordPage
      query={query}
      title="培训班资金流向"
      description="本班每名学员的出勤、考核、证书、补贴申领与支付，以及与班级预算的对照。"
      back={{ to: '/classes', label: '返回培训班列表' }}
    >
      {(trail) => <ClassTrailView trail={trail} />}
    </RecordPage>
  );
}
