import '../features/public/public.css';
import { NavLink, Link, Outlet } from 'react-router';
import { DemoBanner } from '../components/demo-banner';
import { SkipLink } from '../components/skip-link';
import { useSession } from '../features/auth/use-session';
import { SupervisionPhone } from '../features/public/supervision-phone';
import { productName } from '../lib/product-info';
import { CareModeSwitch } from './care-mode-switch';

interface PublicNavItem {
  path: string;
  label: string;
}

/** The public site's sections; other areas add theirs here (bases: accreditation, catalogue: catalogue). */
const publicNav: PublicNavItem[] = [
  { path: '/public', label: '首页' },
  { path: '/public/notices', label: '公示' },
  { path: '/public/bases', label: '认定基地' },
  { path: '/public/catalogue', label: '培训目录' },
  { path: '/public/objections/lookup', label: '异议查询' },
  { path: '/verify', label: '证书核验' }, // area F: certificates
];

/**
 * The public site (no login): the public, trainees and employers read notices, bases and the
 * catalogue, and file objections. The supervision phone is on every page (plan 三(五)).
 */
export function PublicLayout() {
  const { state } = useSession();
  const signedIn = Boolean(state?.authenticated && state.stage === 'active');
  return (
    <div className="public-shell">
      <SkipLink />
      <header className="public-header">
        <div className="public-header-top">
          <p className="product-name">
            <Link to="/public">{productName}</Link>
          </p>
          <div className="public-header-links">
            <CareModeSwitch />
            {signedIn ? <Link to="/">进入工作台</Link> : <Link to="/login">工作人员和机构登录</Link>}
          </div>
        </div>
        <p className="public-supervision">
          <SupervisionPhone />
        </p>
        <DemoBanner demoMode={state?.demoMode} />
      </header>
      <nav aria-label="公开信息导航" className="public-nav">
        <ul>
          {publicNav.map((item) => (
            <li key={item.path}>
              <NavLink to={item.path} end={item.path === '/public'}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1} className="public-main">
        <Outlet />
      </main>
      <footer className="public-footer">
        <p>
          <SupervisionPhone />
          。对培训机构、培训基地、培训项目或补贴发放有意见，可以拨打监督电话，也可以在公示期内在线提出异议。
        </p>
        <p>{productName}</p>
      </footer>
    </div>
  );
}
