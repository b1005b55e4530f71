import { PageHeader } from '../components/page-header';
import { PublicBases } from '../features/accreditation/public-bases';

export function AccreditationPublicPage() {
  return (
    <>
      <PageHeader
        title="认定基地名单"
        description="经认定挂牌、现在有效期内的残疾人职业培训基地（含盲人按摩、非遗传承、实习实训基地），按地区排列。"
      />
      <PublicBases />
    </>
  );
}
