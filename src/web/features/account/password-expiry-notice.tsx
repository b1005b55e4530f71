import { Link, useLocation } from 'react-router';
import { useSession } from '../auth/use-session';

/** Days before expiry from which every page says so. */
export const passwordWarnDays = 14;

/** A standing notice, in text, from two weeks before a staff password expires. */
export function PasswordExpiryNotice() {
  const days = useSession().state?.passwordExpiresInDays;
  const { pathname } = useLocation();
  if (days === null || days === undefined || days > passwordWarnDays) return null;
  const when = days > 0 ? `将在 ${days} 天后过期` : '已到期';
  return (
    <p className="password-expiry-notice">
      <strong>您的登录密码{when}。</strong>
      {pathname === '/account' ? '请在本页“修改密码”中设置新密码。' : <Link to="/account">前往“我的账号”修改密码</Link>}
    </p>
  );
}
