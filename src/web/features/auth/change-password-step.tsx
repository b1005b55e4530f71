import { Button } from 'antd';
import { PageHeader } from '../../components/page-header';
import { PasswordChangeForm } from './password-change-form';
import { signOut } from './use-session';

/** The login step for a one-time or expired password: nothing else opens until it is changed. */
export function ChangePasswordStep() {
  return (
    <>
      <PageHeader title="设置新密码" description="首次登录（使用一次性密码）或密码过期时，须先设置新密码才能继续使用。" />
      <PasswordChangeForm
        formName="change-password"
        currentLabel="当前密码（一次性密码或原密码）"
        submitText="保存新密码"
        extraButtons={
          <Button htmlType="button" onClick={() => void signOut()}>
            取消登录
          </Button>
        }
      />
    </>
  );
}
