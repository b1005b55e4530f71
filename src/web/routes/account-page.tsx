import { PageHeader } from '../components/page-header';
import { AccountDetails } from '../features/account/account-details';
import { AccountPassword } from '../features/account/account-password';
import { AccountTotp } from '../features/account/account-totp';

export function AccountPage() {
  return (
    <>
      <PageHeader title="我的账号" description="查看本账号的信息，修改密码，绑定动态验证码。" />
      <AccountDetails />
      <AccountPassword />
      <AccountTotp />
    </>
  );
}
