import { useNavigate } from 'react-router';
import { PageHeader } from '../components/page-header';
import { useCurrentUser } from '../features/auth/use-session';
import type { InstitutionLocationState } from '../features/institutions/institution-detail';
import { InstitutionForm, initialValues } from '../features/institutions/institution-form';
import { useRegionTree } from '../features/regions/use-region-tree';

export function InstitutionsNewPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { root } = useRegionTree(user.region.code);
  return (
    <>
      <PageHeader title="登记培训机构" description="登记后机构处于“待公示”状态，核对无误后在机构详情中提交公示。标“可选”的项可以不填。" />
      <InstitutionForm
        editing={null}
        initial={initialValues(null, user.region.level === 'county' ? user.region.code : null)}
        scopeRoot={root}
        onSaved={(institution) =>
          void navigate(`/institutions/${institution.id}`, { state: { notice: '登记成功。' } satisfies InstitutionLocationState })
        }
        onCancel={() => void navigate('/institutions')}
      />
    </>
  );
}
