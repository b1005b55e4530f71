import { Link } from 'react-router';
import { PageHeader } from '../components/page-header';

/** Shown when a page fails to render; says what to do, never the technical detail. */
export function ErrorPage() {
  return (
    <main id="main" tabIndex={-1} className="gate">
      <PageHeader title="页面出错了" />
      <p>页面未能正常显示。请刷新后重试；如果问题仍然存在，请联系管理员。</p>
      <p>
        <Link to="/" reloadDocument>
          返回首页
        </Link>
      </p>
    </main>
  );
}
