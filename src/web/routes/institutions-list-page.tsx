import { PageHeader } from '../components/page-header';
import { InstitutionList } from '../features/institutions/institution-list';

export function InstitutionsListPage() {
  return (
    <>
      <PageHeader title="培训机构" description="本辖区的残疾人职业培训机构。机构登记后须经公示，公示期满无异议方可生效。" />
      <InstitutionList />
    </>
  );
}
