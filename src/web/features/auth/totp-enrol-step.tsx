import { Button } from 'antd';
import { PageHeader } from '../../components/page-header';
import { TotpEnrolment } from './totp-enrolment';
import { signOut } from './use-session';

/** The login step for staff who must bind a second factor before anything else. */
export function TotpEnrolStep() {
  return (
    <>
      <PageHeader
        title="绑定动态验证码"
        description="为保护账号安全，登录时除密码外还需输入手机身份验证器应用生成的动态验证码。请先完成绑定。"
      />
      <TotpEnrolment
        formName="totp-enrol"
        headingLevel={2}
        cancel={
          <Button htmlType="button" onClick={() => void signOut()}>
            取消登录
          </Button>
        }
      />
    </>
  );
}
