import { PageHeader } from '../components/page-header';
import { PublicCatalogue } from '../features/catalogue/public-catalogue';

export function CataloguePublicPage() {
  return (
    <>
      <PageHeader
        title="培训目录"
        description="现行有效的残疾人职业技能培训项目。新项目和项目的修订在生效前公示，公示期内可以在“公示”栏目提出异议。"
      />
      <PublicCatalogue />
    </>
  );
}
