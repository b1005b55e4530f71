import { SafetyOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { TotpEnrolment } from '../auth/totp-enrolment';
import { useCurrentUser } from '../auth/use-session';

/** Where focus goes after the enrolment panel opens or closes. */
type FocusTarget = 'panel' | 'start' | 'status' | null;

/** Accounts without a second factor may bind one here; a bound one is reset by the security admin. */
export function AccountTotp() {
  const user = useCurrentUser();
  const [enrolling, setEnrolling] = useState(false);
  const [done, setDone] = useState('');
  const focusNext = useRef<FocusTarget>(null);
  const panel = useRef<HTMLDivElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'panel') panel.current?.focus();
    else if (target === 'start') startButton.current?.focus();
    else if (target === 'status') status.current?.focus();
  }, [enrolling]);

  return (
    <section aria-labelledby="account-totp" className="account-section">
      <h2 id="account-totp">动态验证码（第二因素）</h2>
      <p ref={status} tabIndex={-1} role="status" className="account-status">
        {done}
      </p>
      {user.totpEnabled ? (
        <p>已绑定。登录时除密码外还需输入身份验证器中的动态验证码。更换手机或无法使用时，请联系本单位的安全管理员重置。</p>
      ) : enrolling ? (
        <div ref={panel} tabIndex={-1} aria-label="绑定动态验证码" role="group">
          <TotpEnrolment
            formName="account-totp"
            headingLevel={3}
            cancel={
              <Button
                htmlType="button"
                onClick={() => {
                  focusNext.current = 'start';
                  setEnrolling(false);
                }}
              >
                取消绑定
              </Button>
            }
            onConfirmed={() => {
              setDone('动态验证码已绑定。下次登录时，输入密码后还需输入验证码。');
              focusNext.current = 'status';
              setEnrolling(false);
            }}
          />
        </div>
      ) : (
        <>
          <p>尚未绑定。绑定后，登录时除密码外还需输入手机身份验证器应用生成的动态验证码，账号更安全。</p>
          <Button
            ref={startButton}
            htmlType="button"
            icon={<SafetyOutlined aria-hidden />}
            onClick={() => {
              setDone('');
              focusNext.current = 'panel';
              setEnrolling(true);
            }}
          >
            开始绑定
          </Button>
        </>
      )}
    </section>
  );
}
