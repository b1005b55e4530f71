import { useRef, useState } from 'react';
import { PasswordChangeForm } from '../auth/password-change-form';

export function AccountPassword() {
  const [done, setDone] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  return (
    <section aria-labelledby="account-password" className="account-section">
      <h2 id="account-password">修改密码</h2>
      <p>修改后，本账号在其他设备上的登录会立即退出。</p>
      <p ref={status} tabIndex={-1} role="status" className="account-status">
        {done}
      </p>
      <PasswordChangeForm
        formName="account-password"
        currentLabel="当前密码"
        submitText="修改密码"
        onChanged={() => {
          setDone('密码已修改。下次登录请使用新密码。');
          status.current?.focus();
        }}
      />
    </section>
  );
}
