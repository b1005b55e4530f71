import { PageHeader } from '../components/page-header';
import { ProgrammeList } from '../features/catalogue/programme-list';

export function CatalogueListPage() {
  return (
    <>
      <PageHeader
        title="培训目录"
        description="培训目录清单：按职业（工种）、培训类型、学时、等级和适合的残疾类别列出培训项目。项目的每次修订都是一个新版本，公示期满无异议后生效并替代原版本，历史版本保留。"
      />
      <ProgrammeList />
    </>
  );
}
