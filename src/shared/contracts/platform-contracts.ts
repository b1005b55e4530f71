import { z } from 'zod';
import { defineContract, idParams } from './contract';

export const health = defineContract({
  method: 'GET',
  path: '/api/health',
  action: 'health.read',
  tag: '平台',
  summary: '健康检查',
  response: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }),
});

export const homeTask = z.object({ key: z.string(), label: z.string(), count: z.number().int(), href: z.string() });

export const home = defineContract({
  method: 'GET',
  path: '/api/home',
  action: 'home.read',
  tag: '平台',
  summary: '首页：本账号区域与待办',
  response: z.object({
    region: z.object({ code: z.string(), name: z.string(), level: z.string(), path: z.array(z.string()) }),
    tasks: z.array(homeTask),
  }),
});

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export const job = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(jobStatuses),
  progress: z.number().int(),
  total: z.number().int().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Job = z.infer<typeof job>;

export const getJob = defineContract({
  method: 'GET',
  path: '/api/jobs/:id',
  action: 'jobs.read',
  tag: '平台',
  summary: '后台任务进度',
  params: idParams,
  response: job,
});

export const storedFile = z.object({
  id: z.uuid(),
  name: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  createdAt: z.string(),
});
export type StoredFile = z.infer<typeof storedFile>;

export const uploadFile = defineContract({
  method: 'POST',
  path: '/api/files',
  action: 'files.upload',
  tag: '平台',
  summary: '上传文件（按内容识别类型，限制大小）',
  multipart: true,
  response: storedFile,
});

export const downloadFile = defineContract({
  method: 'GET',
  path: '/api/files/:id',
  action: 'files.read',
  tag: '平台',
  summary: '下载自己上传的文件',
  params: idParams,
  download: true,
  response: z.any(),
});
