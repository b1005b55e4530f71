import { PageHeader } from '../components/page-header';
import { SatisfactionSummary } from '../features/satisfaction/satisfaction-summary';

export function SatisfactionSummaryPage() {
  return (
    <>
      <PageHeader title="满意度评价汇总" description="学员满意度和结业率，按培训机构或培训项目汇总（本辖区）。" />
      <SatisfactionSummary />
    </>
  );
}
