import { PageHeader } from '../components/page-header';
import { CoverageView } from '../features/accreditation/coverage-view';

export function CoveragePage() {
  return (
    <>
      <PageHeader title="基地县区覆盖" description="每个县级单位在册（已挂牌且在有效期内）的残疾人职业培训基地数，尚无基地的单位标出。" />
      <CoverageView />
    </>
  );
}
