import { PageHeader } from '../components/page-header';
import { ApplyForm } from '../features/accreditation/apply-form';

export function AccreditationApplyPage() {
  return (
    <>
      <PageHeader title="申请基地挂牌" description="填写基地信息并附申请材料。审核通过后进入公示，公示期满无异议即挂牌生效。" />
      <ApplyForm />
    </>
  );
}
