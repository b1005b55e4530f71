import { useNavigate, useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { useCurrentUser } from '../features/auth/use-session';
import type { InstitutionLocationState } from '../features/institutions/institution-detail';
import { InstitutionForm, initialValues } from '../features/institutions/institution-form';
import { useInstitution } from '../features/institutions/use-institutions';
import { useRegionTree } from '../features/regions/use-region-tree';

export function InstitutionsEditPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { root } = useRegionTree(user.region.code);
  const institution = useInstitution(id);
  return (
    <RecordPage
      query={institution}
      title="修改培训机构信息"
      description={institution.data ? `${institution.data.name}（${institution.data.countyName}）` : undefined}
      back={{ to: '/institutions', label: '返回培训机构列表' }}
    >
      {(data) => (
        <InstitutionForm
          key={data.id}
          editing={data}
          initial={initialValues(data, null)}
          scopeRoot={root}
          onSaved={(saved) =>
            void navigate(`/institutions/${saved.id}`, { state: { notice: '已保存修改。' } satisfies InstitutionLocationState })
          }
          onCancel={() => void navigate(`/institutions/${id}`)}
        />
      )}
    </RecordPage>
  );
}
