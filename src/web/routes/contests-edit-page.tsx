import { useNavigate, useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import type { ContestLocationState } from '../features/contests/contest-detail';
import { ContestForm } from '../features/contests/contest-form';
import { useContest } from '../features/contests/use-contests';

export function ContestsEditPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const contest = useContest(id);
  return (
    <RecordPage query={contest} title="修改竞赛信息" description={contest.data?.name}>
      {(data) => (
        <ContestForm
          editing={data}
          onSaved={(saved) => void navigate(`/contests/${saved.id}`, { state: { notice: '已保存。' } satisfies ContestLocationState })}
          onCancel={() => void navigate(`/contests/${id}`)}
        />
      )}
    </RecordPage>
  );
}
