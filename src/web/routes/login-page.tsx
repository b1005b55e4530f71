import { Alert } from 'antd';
import { Link, Navigate, useLocation } from 'react-router';
import type { LoginRedirectState } from '../app/auth-guard';
import { CareModeSwitch } from '../app/care-mode-switch';
import { DemoBanner } from '../components/demo-banner';
import { SkipLink } from '../components/skip-link';
import { ChangePasswordStep } from '../features/auth/change-password-step';
import { LoginForm } from '../features/auth/login-form';
import { TotpEnrolStep } from '../features/auth/totp-enrol-step';
import { TotpStep } from '../features/auth/totp-step';
import { useSession } from '../features/auth/use-session';
import { productName } from '../lib/product-info';

/** Only same-site paths: never let a crafted link send someone elsewhere after login. */
function safeReturnPath(state: unknown): string {
  const from = (state as LoginRedirectState | null)?.from;
  return from && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

const steps = {
  totp: TotpStep,
  totp_enrol: TotpEnrolStep,
  change_password: ChangePasswordStep,
} as const;

export function LoginPage() {
  const { state, notice } = useSession();
  const location = useLocation();
  if (state?.authenticated && state.stage === 'active') return <Navigate to={safeReturnPath(location.state)} replace />;

  const stage = state?.authenticated ? state.stage : null;
  const Step = stage && stage !== 'active' ? steps[stage] : LoginForm;
  return (
    <div className="auth-shell">
      <SkipLink />
      <header className="auth-header">
        <p className="product-name">{productName}</p>
        <CareModeSwitch />
        <DemoBanner demoMode={state?.demoMode} />
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        {notice && (
          <Alert
            type={notice.reason === 'expired' ? 'warning' : 'info'}
            role="status"
            showIcon
            title={notice.text}
            className="login-notice"
          />
        )}
        <Step />
        {/* public site (area E): the public, trainees and employers need no account to read notices */}
        <p className="login-public-link">
          <Link to="/public">无需登录：查看公示、认定基地、培训目录，或提出异议</Link>
        </p>
      </main>
    </div>
  );
}
