import { PageHeader } from '../components/page-header';
import { UserAdministration } from '../features/users/user-administration';

export function UsersPage() {
  return (
    <>
      <PageHeader title="用户管理" description="管理本辖区的账号：新建、修改、停用、解锁和重置登录凭据。每项操作都会记入审计日志。" />
      <UserAdministration />
    </>
  );
}
