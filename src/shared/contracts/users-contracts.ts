import { z } from 'zod';
import { staffRoles, userKinds } from '../domain/roles';
import { defineContract, idParams, pageOf, pageQuery } from './contract';

export const userStatuses = ['active', 'disabled'] as const;
export const userStatusLabels: Record<(typeof userStatuses)[number], string> = { active: '正常', disabled: '已停用' };

export const userSummary = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(userKinds),
  roles: z.array(z.enum(staffRoles)),
  regionCode: z.string(),
  regionName: z.string(),
  organizationName: z.string().nullable(),
  status: z.enum(userStatuses),
  locked: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof userSummary>;

export const listUsersQuery = z.object({
  ...pageQuery,
  q: z.string().trim().max(64).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '区域代码为 6 位数字')
    .optional(),
  kind: z.enum(userKinds).optional(),
  status: z.enum(userStatuses).optional(),
});

export const listUsers = defineContract({
  method: 'GET',
  path: '/api/users',
  action: 'users.read',
  tag: '用户管理',
  summary: '账号列表（按管辖区域）',
  query: listUsersQuery,
  response: pageOf(userSummary),
});

export const exportUsers = defineContract({
  method: 'GET',
  path: '/api/users/export',
  action: 'users.export',
  tag: '用户管理',
  summary: '按筛选条件导出账号清单（.xlsx，留痕）',
  query: listUsersQuery.omit({ page: true, pageSize: true }),
  download: true,
  response: z.any(),
});

export const getUser = defineContract({
  method: 'GET',
  path: '/api/users/:id',
  action: 'users.read',
  tag: '用户管理',
  summary: '账号详情',
  params: idParams,
  response: userSummary,
});

const usernameSchema = z
  .string()
  .trim()
  .min(3, '用户名至少 3 个字符')
  .max(32, '用户名最多 32 个字符')
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/, '用户名以字母开头，只能包含字母、数字、点、下划线和连字符');

export const createUserBody = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1, '请填写姓名').max(64),
  kind: z.enum(userKinds),
  regionCode: z.string().regex(/^\d{6}$/, '请选择所属区域'),
  roles: z.array(z.enum(staffRoles)).max(9).default([]),
  organizationName: z.string().trim().max(128).nullable().default(null),
});

export const createdUser = z.object({ user: userSummary, oneTimePassword: z.string() });

export const createUser = defineContract({
  method: 'POST',
  path: '/api/users',
  action: 'users.write',
  tag: '用户管理',
  summary: '新建账号（返回一次性密码，首次登录须修改）',
  body: createUserBody,
  response: createdUser,
});

export const updateUser = defineContract({
  method: 'PATCH',
  path: '/api/users/:id',
  action: 'users.write',
  tag: '用户管理',
  summary: '修改账号的姓名、区域或岗位角色',
  params: idParams,
  body: z.strictObject({
    displayName: z.string().trim().min(1, '请填写姓名').max(64).optional(),
    regionCode: z
      .string()
      .regex(/^\d{6}$/, '请选择所属区域')
      .optional(),
    roles: z.array(z.enum(staffRoles)).max(9).optional(),
    organizationName: z.string().trim().max(128).nullable().optional(),
  }),
  response: userSummary,
});

export const userCommands = ['disable', 'enable', 'unlock', 'reset-totp'] as const;

export const userCommand = defineContract({
  method: 'POST',
  path: '/api/users/:id/:command',
  action: 'users.write',
  tag: '用户管理',
  summary: '停用、启用、解锁账号或重置其第二因素',
  params: z.object({ id: z.uuid(), command: z.enum(userCommands) }),
  body: z.strictObject({ reason: z.string().trim().min(2, '请填写原因').max(200) }),
  response: userSummary,
});

export const resetPassword = defineContract({
  method: 'POST',
  path: '/api/users/:id/reset-password',
  action: 'users.write',
  tag: '用户管理',
  summary: '重置密码（返回一次性密码）',
  params: idParams,
  body: z.strictObject({ reason: z.string().trim().min(2, '请填写原因').max(200) }),
  response: createdUser,
});
