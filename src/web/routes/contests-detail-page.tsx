import { Alert } from 'antd';
import { Link, useParams } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ContestDetailView } from '../features/contests/contest-detail';
import { useContest } from '../features/contests/use-contests';
import { errorMessage } from '../lib/use-form-errors';

export function ContestsDetailPage() {
  const { id = '' } = useParams();
  const contest = useContest(id);
  return (
    <>
      <PageHeader title={contest.data ? contest.data.name : '竞赛详情'} />
      {contest.isPending && <LoadingState />}
      {contest.isError && (
        <>
          <Alert type="error" role="alert" showIcon title={errorMessage(contest.error)} />
          <p>
            <Link to="/contests">返回竞赛列表</Link>
          </p>
        </>
      )}
      {contest.data && <ContestDetailView contest={contest.data} />}
    </>
  );
}
