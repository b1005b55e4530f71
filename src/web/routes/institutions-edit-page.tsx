import { Alert } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { useCurrentUser } from '../features/auth/use-session';
import type { InstitutionLocationState } from '../features/institutions/institution-detail';
import { InstitutionForm, initialValues } from '../features/institutions/institution-form';
import { useInstitution } from '../features/institutions/use-institutions';
import { useRegionTree } from '../features/regions/use-region-tree';
import { errorMessage } from '../lib/use-form-errors';

export function InstitutionsEditPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { root } = useRegionTree(user.region.code);
  const institution = useInstitution(id);
  return (
    <>
      <PageHeader
        title="修改培训机构信息"
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
      {institution.data && (
        <InstitutionForm
          key={institution.data.id}
          editing={institution.data}
          initial={initialValues(institution.data, null)}
          scopeRoot={root}
          onSaved={(saved) =>
            void navigate(`/institutions/${saved.id}`, { state: { notice: '已保存修改。' } satisfies InstitutionLocationState })
          }
          onCancel={() => void navigate(`/institutions/${id}`)}
        />
      )}
    </>
  );
}
