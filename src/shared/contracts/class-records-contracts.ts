import { z } from 'zod';
import { classRecordFileKinds, classRecordKinds } from '../domain/inspection-status';
import { defineContract, idParams, isoDateTime, okResponse } from './contract';

const tag = '培训班台账';
const isoDate = z.iso.date('日期格式为 YYYY-MM-DD');
const recordParams = z.object({ id: z.uuid(), recordId: z.uuid() });
const recordTitle = z.string().trim().min(2, '请填写资料名称（至少 2 个字）').max(100, '资料名称最多 100 个字');

export const classRecord = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  recordKind: z.enum(classRecordKinds),
  title: z.string(),
  file: z.object({ fileId: z.uuid(), name: z.string(), mediaType: z.string(), size: z.number().int() }).nullable(),
  video: z
    .object({ durationSeconds: z.number().int(), location: z.string(), sha256: z.string().nullable(), recordedOn: z.string().nullable() })
    .nullable(),
  retainUntil: z.string(),
  /** the retention date has passed and the viewer may delete it */
  deletable: z.boolean(),
  createdAt: isoDateTime,
});
export type ClassRecord = z.infer<typeof classRecord>;

export const listClassRecords = defineContract({
  method: 'GET',
  path: '/api/classes/:id/records',
  action: 'class_records.read',
  tag,
  summary: '培训班台账（资料、照片、签到表、试卷、教学视频信息）',
  params: idParams,
  response: z.object({ items: z.array(classRecord), retentionYears: z.number().int(), mayWrite: z.boolean() }),
});

export const addRecordInput = z.strictObject({
  recordKind: z.enum(classRecordFileKinds),
  recordTitle,
  /** a PDF, JPG or PNG uploaded through POST /api/files by the same account (photos: JPG or PNG) */
  fileId: z.uuid('文件编号不正确'),
});

export const addClassRecord = defineContract({
  method: 'POST',
  path: '/api/classes/:id/records',
  action: 'class_records.write',
  tag,
  summary: '上传台账资料（PDF、JPG、PNG，按内容识别类型）',
  params: idParams,
  body: addRecordInput,
  response: classRecord,
});

export const addVideoInput = z.strictObject({
  recordTitle,
  durationSeconds: z.number().int('视频时长须为整数秒').min(1, '视频时长至少 1 秒').max(86_400, '视频时长不能超过 24 小时'),
  storageLocation: z.string().trim().min(2, '请填写存放位置（至少 2 个字）').max(300, '存放位置最多 300 个字'),
  sha256: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, 'SHA-256 校验值为 64 位十六进制字符')
    .transform((v) => v.toLowerCase()),
  videoRecordedOn: isoDate,
});

export const addClassVideo = defineContract({
  method: 'POST',
  path: '/api/classes/:id/records/videos',
  action: 'class_records.write',
  tag,
  summary: '登记教学视频信息（视频本身不上传）',
  params: idParams,
  body: addVideoInput,
  response: classRecord,
});

export const deleteClassRecord = defineContract({
  method: 'DELETE',
  path: '/api/classes/:id/records/:recordId',
  action: 'class_records.write',
  tag,
  summary: '删除已过保存期限的台账资料',
  params: recordParams,
  response: okResponse,
});

export const downloadClassRecord = defineContract({
  method: 'GET',
  path: '/api/classes/:id/records/:recordId/file',
  action: 'class_records.read',
  tag,
  summary: '下载台账资料',
  params: recordParams,
  download: true,
  response: z.any(),
});
