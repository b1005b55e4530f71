import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import type { Action } from '../../shared/domain/permissions';
import { roleLabels, userKindLabels, type Role, type UserKind } from '../../shared/domain/roles';
import { DemoBanner } from '../components/demo-banner';
import { SkipLink } from '../components/skip-link';
import { PasswordExpiryNotice } from '../features/account/password-expiry-notice';
import { SessionExpiryDialog } from '../features/auth/session-expiry-dialog';
import { signOut, useCurrentUser, userCan, useSession } from '../features/auth/use-session';
import { ViewRegionPicker } from '../features/auth/view-region-picker';
import { productName } from '../lib/product-info';
import { CareModeSwitch } from './care-mode-switch';

interface NavItem {
  path: string;
  label: string;
  /** the action the page needs; null for pages every account has */
  action: Action | null;
  /** pages under this one, shown as a nested list */
  children?: NavItem[];
  /** a group heading, not a page: shown as text, and only when one of its children is visible */
  group?: boolean;
  /** the label for one kind of account, where it differs (an institution's 我的培训班) */
  kindLabels?: Partial<Record<UserKind, string>>;
}

const navItems: NavItem[] = [
  { path: '/', label: '首页', action: null },
  {
    path: '/persons',
    label: '人员登记',
    action: 'persons.read',
    children: [
      { path: '/persons/import', label: '导入', action: 'persons.import' },
      { path: '/persons/duplicates', label: '疑似重复', action: 'persons.merge' },
    ],
  },
  // --- 培训供给 group (created by area E: notices; other supply areas add their pages here) ---
  {
    path: 'group:supply',
    label: '培训供给',
    action: null,
    group: true,
    children: [
      // institutions (area A)
      { path: '/institutions', label: '培训机构', action: 'institutions.read' },
      { path: '/my-institution', label: '我的机构', action: 'my_institution.read' },
      { path: '/notices', label: '公示与异议', action: 'notices.read' },
      // base accreditation and county coverage (area B)
      { path: '/accreditations', label: '基地挂牌', action: 'accreditation.read' },
      { path: '/accreditations/reminders', label: '基地到期提醒', action: 'accreditation.review' },
      { path: '/accreditations/evaluation-sheet', label: '基地评估评分表', action: 'accreditation.evaluate' },
      { path: '/coverage', label: '基地县区覆盖', action: 'coverage.read' },
      // trainer pool (area C)
      { path: '/trainers', label: '师资库', action: 'trainers.read' },
      { path: '/trainers/rotation-due', label: '师资轮训到期', action: 'trainers.read' },
      { path: '/trainers/bases', label: '师资研修基地', action: 'trainers.read' },
      // catalogue, competitions and high-skill talent (area D)
      { path: '/catalogue', label: '培训目录', action: 'catalogue.read' },
      { path: '/contests', label: '职业技能竞赛', action: 'contests.read' },
      { path: '/talent', label: '高技能人才', action: 'talent.read' },
      { path: '/talent/candidates', label: '竞赛获奖候选人', action: 'talent.read' },
      { path: '/talent/apprenticeships', label: '带徒传技', action: 'talent.read' },
    ],
  },
  // --- end 培训供给 ---
  // --- 培训班 group (issue 5, area B: classes core; inspections, satisfaction and other class areas add their pages below) ---
  {
    path: 'group:classes',
    label: '培训班',
    action: null,
    group: true,
    children: [
      // classes core (area B)
      { path: '/classes', label: '培训班', action: 'classes.read', kindLabels: { institution: '我的培训班' } },
      { path: '/classes/review', label: '开班审核', action: 'classes.review' },
      { path: '/satisfaction', label: '满意度评价', action: 'satisfaction.read' }, // satisfaction (area G)
      { path: '/my/classes', label: '我的培训', action: 'my_classes.read' }, // the trainee's classes (area C: enrolment)
      { path: '/inspections', label: '过程检查', action: 'inspections.read' }, // inspections (area E)
      // other class areas: add your items here
    ],
  },
  // --- end 培训班 ---
  // --- 补贴与资金 group (issue 6: subsidies and fund supervision; each area adds its items in its own block) ---
  {
    path: 'group:subsidies',
    label: '补贴与资金',
    action: null,
    group: true,
    children: [
      // claims (area B: claims)
      { path: '/subsidies/claims', label: '补贴申领', action: 'subsidy_claims.read', kindLabels: { institution: '我的补贴申领' } },
      // notice and approval (area C: approval)
      { path: '/subsidies/notices', label: '补贴公示', action: 'subsidy_claims.prepare' },
      { path: '/subsidies/review', label: '补贴审核', action: 'subsidy_claims.approve' },
      // payments (area D: payments)
      { path: '/subsidies/batches', label: '支付批次', action: 'payments.read' },
      // standards, funds and ledger (area A: funds)
      { path: '/subsidies/standards', label: '补贴标准', action: 'subsidy_standards.read' },
      { path: '/funds', label: '资金与预算', action: 'funds.read' },
      // money trail and fraud signals (area E: supervision)
      { path: '/subsidies/fraud-signals', label: '疑点线索', action: 'fraud_signals.read' },
    ],
  },
  // --- end 补贴与资金 ---
  { path: '/users', label: '用户管理', action: 'users.read' },
  { path: '/audit', label: '审计日志', action: 'audit.read' },
  { path: '/account', label: '我的账号', action: null },
];

function roleText(roles: string[], kind: keyof typeof userKindLabels): string {
  if (kind !== 'staff' || roles.length === 0) return userKindLabels[kind];
  return roles.map((role) => roleLabels[role as Role] ?? role).join('、');
}

export function AppLayout() {
  const user = useCurrentUser();
  const { state } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const items = navItems.filter(
    (item) =>
      (item.action === null || userCan(user, item.action)) &&
      (!item.group || (item.children ?? []).some((child) => child.action === null || userCan(user, child.action))),
  );
  const canNarrow = user.kind === 'staff' && (user.region.level === 'province' || user.region.level === 'city');

  return (
    <div className="app-shell">
      <SkipLink />
      <header className="app-header">
        <div className="app-header-top">
          <p className="product-name">{productName}</p>
          <Button
            className="nav-toggle"
            htmlType="button"
            aria-expanded={menuOpen}
            aria-controls="app-nav"
            icon={<MenuOutlined aria-hidden />}
            onClick={() => setMenuOpen((open) => !open)}
          >
            菜单
          </Button>
        </div>
        <DemoBanner demoMode={state?.demoMode} />
        <PasswordExpiryNotice />
        <div className="app-header-tools">
          <p className="user-info">
            <span>
              {user.displayName}（{roleText(user.roles, user.kind)}）
            </span>
            <span>本账号区域：{user.region.name}</span>
            {user.viewRegion && <span>当前查看：{user.viewRegion.name}</span>}
          </p>
          {canNarrow && <ViewRegionPicker />}
          <CareModeSwitch />
          <Button htmlType="button" icon={<LogoutOutlined aria-hidden />} onClick={() => void signOut()}>
            退出登录
          </Button>
        </div>
      </header>
      <div className="app-body">
        <nav id="app-nav" aria-label="主导航" className={menuOpen ? 'app-nav is-open' : 'app-nav'}>
          <ul>
            {items.map((item) => (
              <li key={item.path}>
                {item.group ? (
                  <span className="app-nav-group">{item.label}</span>
                ) : (
                  <NavLink to={item.path} end={item.path === '/' || Boolean(item.children)} onClick={() => setMenuOpen(false)}>
                    {item.label}
                  </NavLink>
                )}
                {item.children && (
                  <ul className="app-subnav">
                    {item.children
                      .filter((child) => child.action === null || userCan(user, child.action))
                      .map((child) => (
                        <li key={child.path}>
                          <NavLink to={child.path} onClick={() => setMenuOpen(false)}>
                            {child.kindLabels?.[user.kind] ?? child.label}
                          </NavLink>
                        </li>
                      ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="app-main">
          <Outlet />
        </main>
      </div>
      <SessionExpiryDialog />
    </div>
  );
}
