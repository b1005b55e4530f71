import { Alert } from 'antd';
import { Link, useParams } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { InstitutionDetailView } from '../features/institutions/institution-detail';
import { useInstitution } from '../features/institutions/use-institutions';
import { errorMessage } from '../lib/use-form-errors';

export function InstitutionsDetailPage() {
  const { id = '' } = useParams();
  const institution = useInstitution(id);
  return (
    <>
      <PageHeader
        title="培训机构详情"
        description={institution.data ? `${institution.data.name}（${institution.data.countyName}）` : undefined}
      />
      {institution.isPending && <LoadingState />}
      {institution.isError && (
        <>
          <Alert type="error" role="alert" showIcon title={errorMessage(institution.error)} />
          <p>
            <Link to="/institutions">返回培训机构列表</Link>
          </p>
        </>
      )}
      {institution.data && <InstitutionDetailView institution={institution.data} />}
    </>
  );
}
