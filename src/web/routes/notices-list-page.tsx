import { PageHeader } from '../components/page-header';
import { NoticeAdminList } from '../features/notices/notice-admin-list';

export function NoticesListPage() {
  return (
    <>
      <PageHeader
        title="公示与异议"
        description="本辖区的公示。有异议的公示在异议处理完毕前不会生效；公示期满且无待处理异议的，自动生效。"
      />
      <NoticeAdminList />
    </>
  );
}
