import { Link } from 'react-router';
import { PageHeader } from '../components/page-header';

export function ForbiddenPage() {
  return (
    <>
      <PageHeader title="没有访问权限" />
      <p>您的账号没有打开该页面的权限。如确需使用，请联系本单位的安全管理员。</p>
      <p>
        <Link to="/">返回首页</Link>
      </p>
    </>
  );
}
