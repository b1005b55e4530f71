import { Link } from 'react-router';
import { PageHeader } from '../components/page-header';
import { usePublicSite } from '../features/public/use-public-site';
import { formatNoticePeriod } from '../../shared/domain/notice-rules';

export function PublicHomePage() {
  const { data } = usePublicSite();
  return (
    <>
      <PageHeader title="公开信息" description="无需登录。这里公布残疾人职业技能培训的机构、基地和项目，接受社会监督。" />
      <ul className="public-cards">
        <li className="public-card">
          <h2>
            <Link to="/public/notices">公示</Link>
          </h2>
          <p>
            培训机构、培训基地认定和培训项目在生效前公示{data ? ` ${formatNoticePeriod(data.noticeDays)}` : ''}
            。公示期内任何人都可以提出异议，可以匿名。
          </p>
        </li>
        <li className="public-card">
          <h2>
            <Link to="/public/bases">认定基地</Link>
          </h2>
          <p>已认定的残疾人职业培训基地和就业创业孵化基地。</p>
        </li>
        <li className="public-card">
          <h2>
            <Link to="/public/catalogue">培训目录</Link>
          </h2>
          <p>可以报名的培训项目、工种和等级。</p>
        </li>
        <li className="public-card">
          <h2>
            <Link to="/public/objections/lookup">异议查询</Link>
          </h2>
          <p>提交异议后会得到一个查询码，凭查询码查看处理结果。</p>
        </li>
      </ul>
    </>
  );
}
