import { PageHeader } from '../components/page-header';
import { AccreditationList } from '../features/accreditation/accreditation-list';

export function AccreditationListPage() {
  return (
    <>
      <PageHeader
        title="基地挂牌"
        description="残疾人职业培训基地的挂牌申请、分级认定和动态管理（续期、降级、暂停、摘牌、定期评估）。培训机构只看到本机构的申请。"
      />
      <AccreditationList />
    </>
  );
}
