import { useNavigate } from 'react-router';
import { PageHeader } from '../components/page-header';
import type { ContestLocationState } from '../features/contests/contest-detail';
import { ContestForm } from '../features/contests/contest-form';

export function ContestsNewPage() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="登记竞赛" description="主办地区为本账号所在地区。保存后可报名参赛人员、录入成绩和经费。" />
      <ContestForm
        editing={null}
        onSaved={(contest) =>
          void navigate(`/contests/${contest.id}`, { state: { notice: '竞赛已登记。' } satisfies ContestLocationState })
        }
        onCancel={() => void navigate('/contests')}
      />
    </>
  );
}
