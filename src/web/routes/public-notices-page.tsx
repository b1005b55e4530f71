import { PageHeader } from '../components/page-header';
import { PublicNoticeList } from '../features/notices/public-notice-list';
import { usePublicSite } from '../features/public/use-public-site';
import { formatNoticePeriod } from '../../shared/domain/notice-rules';

export function PublicNoticesPage() {
  const { data } = usePublicSite();
  return (
    <>
      <PageHeader
        title="公示"
        description={`培训机构、培训基地认定和培训项目生效前公示${data ? ` ${formatNoticePeriod(data.noticeDays)}` : ''}。公示期内任何人都可以提出异议，可以匿名；有异议的事项在处理完毕前不会生效。`}
      />
      <PublicNoticeList />
    </>
  );
}
