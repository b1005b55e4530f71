import { PageHeader } from '../components/page-header';
import { MyInstitution } from '../features/institutions/my-institution';

export function MyInstitutionPage() {
  return (
    <>
      <PageHeader
        title="我的机构"
        description="本机构的登记信息、公示状态与账号。联系人、无障碍设施和开设职业可由本机构自行维护，修改会留痕。"
      />
      <MyInstitution />
    </>
  );
}
