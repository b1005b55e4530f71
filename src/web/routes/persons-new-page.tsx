import { useNavigate } from 'react-router';
import { PageHeader } from '../components/page-header';
import { useCurrentUser } from '../features/auth/use-session';
import type { DetailLocationState } from '../features/persons/person-detail';
import { PersonForm } from '../features/persons/person-form';
import { emptyValues } from '../features/persons/person-form-model';
import { useProvinceTree } from '../features/persons/person-labels';
import { useRegionTree } from '../features/regions/use-region-tree';

export function PersonsNewPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { root } = useRegionTree(user.region.code);
  const province = useProvinceTree();
  return (
    <>
      <PageHeader
        title="登记新人员"
        description="填写后先核对，再保存。性别、出生日期、残疾类别和等级由证件号码自动得出。标“可选”的项可以不填。"
      />
      <PersonForm
        initialValues={emptyValues(user.region.level === 'county' ? user.region.code : null)}
        editing={null}
        scopeRoot={root}
        province={province}
        onSaved={(person) => void navigate(`/persons/${person.id}`, { state: { notice: '登记成功。' } satisfies DetailLocationState })}
        onCancel={() => void navigate('/persons')}
      />
    </>
  );
}
