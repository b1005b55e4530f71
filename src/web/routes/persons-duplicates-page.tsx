import { PageHeader } from '../components/page-header';
import { DuplicateReview } from '../features/persons/duplicate-review';

export function PersonsDuplicatesPage() {
  return (
    <>
      <PageHeader title="疑似重复登记" description="同名同电话，或同一县区内同名同出生日期的记录。逐组对比后合并，或确认不是同一人。" />
      <DuplicateReview />
    </>
  );
}
