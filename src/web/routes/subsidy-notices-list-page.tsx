import { PageHeader } from '../components/page-header';
import { SubsidyNotices } from '../features/subsidy-approval/subsidy-notices';

export function SubsidyNoticesListPage() {
  return (
    <>
      <PageHeader
        title="补贴公示"
        description="县区把已提交的补贴申领编成名单公示（姓名隐去部分），公众可对整份名单或某一行提出异议。公示期满无异议的进入审核，异议成立的暂停办理。"
      />
      <SubsidyNotices />
    </>
  );
}
