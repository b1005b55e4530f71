import { PageHeader } from '../components/page-header';
import { HomeOverview } from '../features/home/home-overview';

export function HomePage() {
  return (
    <>
      <PageHeader title="首页" />
      <HomeOverview />
    </>
  );
}
