import { Alert } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import type { ContestLocationState } from '../features/contests/contest-detail';
import { ContestForm } from '../features/contests/contest-form';
import { useContest } from '../features/contests/use-contests';
import { errorMessage } from '../lib/use-form-errors';

export function ContestsEditPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const contest = useContest(id);
  return (
    <>
      <PageHeader title="修改竞赛信息" description={contest.data?.name} />
      {contest.isPending && <LoadingState />}
      {contest.isError && <Alert type="error" role="alert" showIcon title={errorMessage(contest.error)} />}
      {contest.data && (
        <ContestForm
          editing={contest.data}
          onSaved={(saved) => void navigate(`/contests/${saved.id}`, { state: { notice: '已保存。' } satisfies ContestLocationState })}
          onCancel={() => void navigate(`/contests/${id}`)}
        />
      )}
    </>
  );
}
