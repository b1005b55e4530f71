import { roleLabels, userKindLabels, type Role } from '../../../shared/domain/roles';
import { useCurrentUser, useSession } from '../auth/use-session';

export function AccountDetails() {
  const user = useCurrentUser();
  const days = useSession().state?.passwordExpiresInDays ?? null;
  const roles = user.roles.map((role) => roleLabels[role as Role] ?? role).join('、');
  return (
    <section aria-labelledby="account-details" className="account-section">
      <h2 id="account-details">账号信息</h2>
      <dl className="account-details">
        <dt>用户名</dt>
        <dd>{user.username}</dd>
        <dt>姓名</dt>
        <dd>{user.displayName}</dd>
        <dt>账号类型</dt>
        <dd>{userKindLabels[user.kind]}</dd>
        {user.kind === 'staff' && (
          <>
            <dt>岗位角色</dt>
            <dd>{roles || '—'}</dd>
          </>
        )}
        <dt>所属区域</dt>
        <dd>{user.region.name}</dd>
        {user.organizationName && (
          <>
            <dt>所属单位</dt>
            <dd>{user.organizationName}</dd>
          </>
        )}
        <dt>密码有效期</dt>
        <dd>{days === null ? '长期有效' : days > 0 ? `还有 ${days} 天` : '已到期'}</dd>
        <dt>动态验证码（第二因素）</dt>
        <dd>{user.totpEnabled ? '已绑定' : '未绑定'}</dd>
      </dl>
    </section>
  );
}
