import { Alert } from 'antd';
import { Link, useParams } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ApprenticeshipDetailView } from '../features/talent/apprenticeship-detail';
import { useApprenticeship } from '../features/talent/use-talent';
import { errorMessage } from '../lib/use-form-errors';

export function TalentApprenticeshipDetailPage() {
  const { id = '' } = useParams();
  const pair = useApprenticeship(id);
  return (
    <>
      <PageHeader
        title="师徒结对详情"
        description={pair.data ? `${pair.data.craft}：${pair.data.masterName} → ${pair.data.apprentice.name}` : undefined}
      />
      {pair.isPending && <LoadingState />}
      {pair.isError && (
        <>
          <Alert type="error" role="alert" showIcon title={errorMessage(pair.error)} />
          <p>
            <Link to="/talent/apprenticeships">返回师徒结对列表</Link>
          </p>
        </>
      )}
      {pair.data && <ApprenticeshipDetailView pair={pair.data} />}
    </>
  );
}
