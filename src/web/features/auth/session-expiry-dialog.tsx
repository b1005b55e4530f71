import { Alert, Button, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { extendSession } from '../../../shared/contracts/auth-contracts';
import { apiCall, loadSession } from '../../lib/api-client';
import { formatDuration } from '../../lib/formatters';
import { sessionStore } from '../../lib/session-store';
import { errorMessage } from '../../lib/use-form-errors';
import { signOut, useSession } from './use-session';

/**
 * Warn two minutes ahead, or half-way through a shorter idle timeout: with a 1-minute timeout a
 * two-minute warning would be on screen all the time.
 */
function warnAtSecondsFor(idleTimeoutSeconds: number | null | undefined): number {
  return idleTimeoutSeconds ? Math.min(120, Math.floor(idleTimeoutSeconds / 2)) : 120;
}

/** the spoken countdown changes in these steps, so a screen reader is not talked over every second */
const countdownStepSeconds = 10;
const timedOut = { text: '登录已超时，请重新登录', reason: 'expired' } as const;

/**
 * WCAG 2.2.1: warn before the idle timeout and let the person extend it. The deadline comes from
 * the server's answers only; any successful API call moves it.
 */
export function SessionExpiryDialog() {
  const { state, idleDeadline, absoluteLimited } = useSession();
  const [now, setNow] = useState(() => Date.now());
  const [extending, setExtending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [dismissedDeadline, setDismissedDeadline] = useState<number | null>(null);
  const continueButton = useRef<HTMLButtonElement>(null);

  const warnAtSeconds = warnAtSecondsFor(state?.idleTimeoutSeconds);
  const remaining = idleDeadline === null ? null : Math.ceil((idleDeadline - now) / 1000);
  const warning = state?.stage === 'active' && remaining !== null && remaining <= warnAtSeconds;
  const expired = warning && remaining <= 0;

  // Sleep until the warning is due, then tick each second while it shows.
  useEffect(() => {
    if (idleDeadline === null) return;
    const tick = () => setNow(Date.now());
    if (!warning) {
      const timer = setTimeout(tick, idleDeadline - warnAtSeconds * 1000 - Date.now());
      return () => clearTimeout(timer);
    }
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [idleDeadline, warning, warnAtSeconds]);

  // Another tab may have kept the session alive: ask the server (this does not extend it).
  useEffect(() => {
    if (warning) loadSession().catch(() => undefined);
  }, [warning]);

  // At the deadline, ask the server. Its answer is in whole seconds, so it may still say "active,
  // 0 s left": ask again a second later rather than wait for an effect that will not re-run. The
  // answer that ends the session also unmounts this dialog, so the notice is set regardless.
  useEffect(() => {
    if (!expired) return;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      loadSession()
        .then((fresh) => {
          if (fresh.stage !== 'active') sessionStore.end(timedOut);
          else if (!cancelled && (fresh.idleRemainingSeconds ?? 0) <= 0) retry = setTimeout(check, 1000);
        })
        .catch(() => sessionStore.end(timedOut));
    };
    check();
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [expired]);

  async function extend() {
    setExtending(true);
    setFailure(null);
    try {
      await apiCall(extendSession, { body: {} });
    } catch (error) {
      setFailure(`未能延长：${errorMessage(error)}`);
    } finally {
      setExtending(false);
    }
  }

  const open = warning && !expired && dismissedDeadline !== idleDeadline;
  const shownSeconds = Math.ceil(Math.max(remaining ?? 0, 0) / countdownStepSeconds) * countdownStepSeconds;

  return (
    <Modal
      open={open}
      title="会话即将过期"
      closable={false}
      mask={{ closable: false }}
      keyboard
      // Escape must never cost the person their work: it counts as "继续使用".
      onCancel={() => (absoluteLimited ? setDismissedDeadline(idleDeadline) : void extend())}
      afterOpenChange={(visible) => {
        if (visible) continueButton.current?.focus();
      }}
      footer={[
        <Button key="logout" onClick={() => void signOut()}>
          退出登录
        </Button>,
        absoluteLimited ? (
          <Button key="dismiss" ref={continueButton} type="primary" onClick={() => setDismissedDeadline(idleDeadline)}>
            知道了
          </Button>
        ) : (
          <Button key="continue" ref={continueButton} type="primary" loading={extending} onClick={() => void extend()}>
            继续使用
          </Button>
        ),
      ]}
    >
      {absoluteLimited ? (
        <p>本次登录已达到最长使用时间，到时将自动退出。请保存正在进行的工作，然后重新登录。</p>
      ) : (
        <p>为保护您的信息，长时间未操作时系统会自动退出登录。如需继续，请选择“继续使用”。</p>
      )}
      <p className="countdown" aria-live="polite" aria-atomic="true">
        剩余时间约 {formatDuration(shownSeconds)}
      </p>
      {failure && <Alert type="error" role="alert" showIcon title={failure} />}
    </Modal>
  );
}
