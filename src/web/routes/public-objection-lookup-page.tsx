import { PageHeader } from '../components/page-header';
import { ObjectionLookup } from '../features/notices/objection-lookup';

export function PublicObjectionLookupPage() {
  return (
    <>
      <PageHeader title="异议查询" description="凭提交异议时得到的查询码，查看处理情况和处理意见。" />
      <ObjectionLookup />
    </>
  );
}
