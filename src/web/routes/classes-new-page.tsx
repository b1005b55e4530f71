import { PageHeader } from '../components/page-header';
import { ClassForm } from '../features/classes/class-form';

export function ClassesNewPage() {
  return (
    <>
      <PageHeader
        title="填写开班申请"
        description="标有“可选”的项目可以不填。保存后为草稿，可以继续修改；核对无误后在培训班页面提交，由县区残联审核。"
      />
      <ClassForm />
    </>
  );
}
