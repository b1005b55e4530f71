import { PageHeader } from '../components/page-header';
import { ReviewQueue } from '../features/classes/review-queue';

export function ClassesReviewPage() {
  return (
    <>
      <PageHeader title="开班与结业审核" description="本辖区待审核的开班申请和结业审核，按审核到期日先后排列；已逾期的标明逾期天数。" />
      <ReviewQueue />
    </>
  );
}
