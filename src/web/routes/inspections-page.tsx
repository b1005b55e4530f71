import { PageHeader } from '../components/page-header';
import { InspectionsList } from '../features/inspections/inspections-list';

export function InspectionsPage() {
  return (
    <>
      <PageHeader
        title="过程检查"
        description="培训班开班期间的计划检查和随机抽查：记录检查发现和现场照片，要求限期整改，复核后办结。培训机构只看到本机构培训班的检查。"
      />
      <InspectionsList />
    </>
  );
}
