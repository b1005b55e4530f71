import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/users-contracts';
import { requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import { roleLabels, userKindLabels } from '../../../shared/domain/roles';
import { attachmentHeader, exportWorkbook, XLSX_MEDIA_TYPE, type ExportColumn } from '../../platform/excel-export';
import type { UsersService } from './users.service';

const exportColumns: ExportColumn<contracts.UserSummary>[] = [
  { header: '用户名', value: (u) => u.username },
  { header: '姓名', value: (u) => u.displayName },
  { header: '账号类型', value: (u) => userKindLabels[u.kind] },
  { header: '岗位角色', width: 24, value: (u) => u.roles.map((r) => roleLabels[r]).join('、') },
  { header: '区域代码', value: (u) => u.regionCode },
  { header: '所属区域', value: (u) => u.regionName },
  { header: '所属单位', width: 28, value: (u) => u.organizationName },
  { header: '状态', value: (u) => contracts.userStatusLabels[u.status] },
  { header: '已锁定', value: (u) => (u.locked ? '是' : '否') },
  { header: '已绑定动态验证码', value: (u) => (u.totpEnabled ? '是' : '否') },
  { header: '最近登录', width: 22, value: (u) => u.lastLoginAt },
];

export function registerUsersRoutes(app: FastifyInstance, users: UsersService): void {
  registerRoute(app, contracts.listUsers, async ({ query }, request) => users.list(requireActor(request.actor), query));

  registerRoute(app, contracts.exportUsers, async ({ query }, request, reply) => {
    const rows = await users.exportRows(requireActor(request.actor), query, request.id, request.ip);
    return reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', attachmentHeader('账号清单.xlsx'))
      .header('cache-control', 'no-store')
      .send(exportWorkbook('账号清单', exportColumns, rows));
  });

  registerRoute(app, contracts.getUser, async ({ params }, request) => users.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.createUser, async ({ body }, request) =>
    users.create(requireActor(request.actor), body, request.id, request.ip),
  );

  registerRoute(app, contracts.updateUser, async ({ params, body }, request) =>
    users.update(requireActor(request.actor), params.id, body, request.id, request.ip),
  );

  registerRoute(app, contracts.resetPassword, async ({ params, body }, request) => {
    const { user, oneTimePassword } = await users.command(
      requireActor(request.actor),
      params.id,
      'reset-password',
      body.reason,
      request.id,
      request.ip,
    );
    return { user, oneTimePassword: oneTimePassword ?? '' };
  });

  registerRoute(app, contracts.userCommand, async ({ params, body }, request) => {
    const { user } = await users.command(requireActor(request.actor), params.id, params.command, body.reason, request.id, request.ip);
    return user;
  });
}
