import { Link } from 'react-router';
import { PageHeader } from '../components/page-header';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="页面不存在" />
      <p>您要找的页面不存在，可能是地址有误或页面已移除。</p>
      <p>
        <Link to="/">返回首页</Link>
      </p>
    </>
  );
}
