import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { ContestDetailView } from '../features/contests/contest-detail';
import { useContest } from '../features/contests/use-contests';

export function ContestsDetailPage() {
  const { id = '' } = useParams();
  const contest = useContest(id);
  return (
    <RecordPage query={contest} title={contest.data ? contest.data.name : '竞赛详情'} back={{ to: '/contests', label: '返回竞赛列表' }}>
      {(data) => <ContestDetailView contest={data} />}
    </RecordPage>
  );
}
