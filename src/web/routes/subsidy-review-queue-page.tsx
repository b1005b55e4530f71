import { PageHeader } from '../components/page-header';
import { useCurrentUser } from '../features/auth/use-session';
import { ReviewQueue } from '../features/subsidy-approval/review-queue';
import { HeldClaims } from '../features/subsidy-approval/subsidy-notices';

export function SubsidyReviewQueuePage() {
  const user = useCurrentUser();
  const countyReviewer = user.roles.includes('reviewer') && user.region.level === 'county';
  return (
    <>
      <PageHeader
        title="补贴审核"
        description="公示期满的补贴申领依次经县区残联审核、市州残联复核和财务审定。制单人和已审核前一环节的人不能再审核同一申领；每个环节有办理期限（工作日）。"
      />
      <ReviewQueue />
      {countyReviewer && <HeldClaims canDecide />}
    </>
  );
}
