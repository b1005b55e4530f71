import { PageHeader } from '../components/page-header';
import { useCurrentUser } from '../features/auth/use-session';
import { ClassList } from '../features/classes/class-list';

export function ClassesListPage() {
  const user = useCurrentUser();
  return user.kind === 'institution' ? (
    <>
      <PageHeader title="我的培训班" description="本机构的开班申请和培训班。开班申请先保存为草稿，核对后在培训班页面提交审核。" />
      <ClassList />
    </>
  ) : (
    <>
      <PageHeader title="培训班" description="管辖区域内培训机构举办的培训班：开班申请、培训过程、结业审核与证书。" />
      <ClassList />
    </>
  );
}
