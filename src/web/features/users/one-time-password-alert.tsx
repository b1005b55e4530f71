import { Alert, Button } from 'antd';
import type { Ref } from 'react';
import { CopyButton } from '../../components/copy-button';

export interface OneTimePasswordResult {
  displayName: string;
  username: string;
  password: string;
  reason: 'created' | 'reset';
}

interface OneTimePasswordAlertProps {
  result: OneTimePasswordResult;
  onClose: () => void;
  ref?: Ref<HTMLDivElement>;
}

/** Shown once, right after the server issued it: the password cannot be fetched again. */
export function OneTimePasswordAlert({ result, onClose, ref }: OneTimePasswordAlertProps) {
  const done = result.reason === 'created' ? '账号已创建' : '密码已重置';
  return (
    <div ref={ref} tabIndex={-1} className="one-time-password">
      <Alert
        type="success"
        showIcon
        title={`${done}：${result.displayName}（用户名 ${result.username}）`}
        description={
          <>
            <p>
              一次性密码：<code className="secret-text">{result.password}</code>
            </p>
            <p>此密码只显示这一次，关闭后无法再查看。请通过安全的方式交给本人；首次登录时系统会要求其修改密码。</p>
            <div className="button-row">
              <CopyButton text={result.password} label="复制一次性密码" />
              <Button htmlType="button" onClick={onClose}>
                我已记下，关闭
              </Button>
            </div>
          </>
        }
      />
    </div>
  );
}
