import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassRecord } from '../../../shared/contracts/class-records-contracts';
import { addMonths } from '../../../shared/domain/class-codes';
import { classRecordKinds } from '../../../shared/domain/inspection-status';
import { todayInChina } from '../../../shared/domain/person-validation';
import { addDays } from '../../../shared/domain/trainer-rotation';
import { issuesOf, okBody } from '../../testing/answers';
import { itMatchesCodeLists } from '../../testing/check-constraints';
import { multipart } from '../../testing/multipart';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { insertClass } from '../classes/class-fixtures';

const today = todayInChina();
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('sign sheet photo')]);
const pdf = Buffer.from('%PDF-1.4 签到表');
const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not a document')]);

async function upload(client: TestClient, filename: string, content: Buffer): Promise<string> {
  const { payload, headers } = multipart([{ filename, content, contentType: 'application/pdf' }]);
  return okBody<{ id: string }>(await client.request({ method: 'POST', url: '/api/files', payload, headers })).id;
}

describe('class records (台账) with the real clock', () => {
  let t: TestApp;
  let institution: TestClient; // jigou.demo
  let officer: TestClient; // chengguan.peixun, 620102: reads
  let outsider: TestClient; // qilihe.peixun (created here), 620103
  let classId: string;
  const endsOn = addMonths(today, 8);

  beforeAll(async () => {
    t = await buildTestApp();
    await t.createAccount({ username: 'qilihe.peixun', roles: ['training_officer'], regionCode: '620103' });
    [institution, officer, outsider] = await Promise.all([
      t.loginAs('jigou.demo'),
      t.loginAs('chengguan.peixun'),
      t.loginAs('qilihe.peixun'),
    ]);
    classId = (await insertClass(t.database.db, { status: 'running', starts_on: today, ends_on: endsOn })).id;
  });
  afterAll(() => t.close());

  itMatchesCodeLists(() => t.database.db, [['class_record', 'kind', classRecordKinds]]);

  it('keeps an uploaded sign sheet five years after the class ends, typed by its content, audited', async () => {
    const fileId = await upload(institution, '签到表.png', pdf);
    const before = await t.lastAuditSeq();
    const record = okBody<ClassRecord>(
      await institution.post(`/api/classes/${classId}/records`, { recordKind: 'sign_sheet', recordTitle: '第一周签到表', fileId }),
    );
    expect(record).toMatchObject({
      recordKind: 'sign_sheet',
      title: '第一周签到表',
      file: { fileId, name: '签到表.png', mediaType: 'application/pdf' },
      retainUntil: addMonths(endsOn, 60),
      deletable: false,
    });
    expect(await t.auditSince(before)).toContainEqual(expect.objectContaining({ action: 'class_records.add', target_id: record.id }));
    const file = await officer.get(`/api/classes/${classId}/records/${record.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
  });

  it('keeps a record of a class that ended long ago five years from today', async () => {
    const old = (await insertClass(t.database.db, { status: 'completion_approved', starts_on: '2020-03-01', ends_on: '2020-03-20' })).id;
    const fileId = await upload(institution, '结业照片.png', png);
    const record = okBody<ClassRecord>(
      await institution.post(`/api/classes/${old}/records`, { recordKind: 'photo', recordTitle: '结业合影', fileId }),
    );
    expect(record.retainUntil).toBe(addMonths(today, 60));
  });

  it('refuses a photo that is a PDF and a document that is a zip with 415, a foreign file with 400', async () => {
    const pdfId = await upload(institution, '照片.png', pdf);
    const photo = await institution.post(`/api/classes/${classId}/records`, {
      recordKind: 'photo',
      recordTitle: '课堂照片',
      fileId: pdfId,
    });
    expect(photo.statusCode).toBe(415);
    expect(photo.json().message).toContain('JPG 或 PNG');
    const zipId = await upload(institution, '试卷.pdf', zip);
    const paper = await institution.post(`/api/classes/${classId}/records`, {
      recordKind: 'exam_paper',
      recordTitle: '结业试卷',
      fileId: zipId,
    });
    expect(paper.statusCode).toBe(415);
    expect(paper.json().message).toContain('PDF、JPG 或 PNG');
    const foreign = await upload(officer, '检查.pdf', pdf);
    expect(
      issuesOf(await institution.post(`/api/classes/${classId}/records`, { recordKind: 'document', recordTitle: '文件', fileId: foreign }))[
        'body.fileId'
      ],
    ).toContain('不是本账号上传');
  });

  it('records teaching-video metadata without a file, naming a bad field', async () => {
    const sha = 'A'.repeat(64);
    const video = okBody<ClassRecord>(
      await institution.post(`/api/classes/${classId}/records/videos`, {
        recordTitle: '第一课教学视频',
        durationSeconds: 5400,
        storageLocation: '机构存储服务器 /video/2026/第一课.mp4',
        sha256: sha,
        videoRecordedOn: today,
      }),
    );
    expect(video).toMatchObject({
      recordKind: 'video',
      file: null,
      video: { durationSeconds: 5400, sha256: 'a'.repeat(64), recordedOn: today },
      retainUntil: addMonths(endsOn, 60),
    });
    const bad = issuesOf(
      await institution.post(`/api/classes/${classId}/records/videos`, {
        recordTitle: '第二课',
        durationSeconds: 0,
        storageLocation: '服务器',
        sha256: 'xyz',
        videoRecordedOn: today,
      }),
    );
    expect(Object.keys(bad).sort()).toEqual(['body.durationSeconds', 'body.sha256']);
    expect((await institution.get(`/api/classes/${classId}/records/${video.id}/file`)).statusCode).toBe(404);
  });

  it('lets staff read but not write; other regions and draft classes are refused', async () => {
    const list = okBody<{ items: ClassRecord[]; mayWrite: boolean; retentionYears: number }>(
      await officer.get(`/api/classes/${classId}/records`),
    );
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    expect(list).toMatchObject({ mayWrite: false, retentionYears: 5 });
    const fileId = await upload(officer, '检查.pdf', pdf);
    expect(
      (await officer.post(`/api/classes/${classId}/records`, { recordKind: 'document', recordTitle: '检查记录', fileId })).statusCode,
    ).toBe(403);
    expect((await outsider.get(`/api/classes/${classId}/records`)).statusCode).toBe(404);
    const draft = (await insertClass(t.database.db, { status: 'draft' })).id;
    const own = await upload(institution, '草稿.pdf', pdf);
    expect(
      (await institution.post(`/api/classes/${draft}/records`, { recordKind: 'document', recordTitle: '草稿资料', fileId: own }))
        .statusCode,
    ).toBe(409);
  });

  it('refuses a delete before the retention date, in the route and in the database', async () => {
    const { items } = okBody<{ items: ClassRecord[] }>(await institution.get(`/api/classes/${classId}/records`));
    const kept = items[0]!;
    const res = await institution.delete(`/api/classes/${classId}/records/${kept.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(`台账资料须保存至 ${kept.retainUntil}，到期前不能删除`);
    await expect(sql`DELETE FROM class_record WHERE id = ${kept.id}`.execute(t.database.db)).rejects.toMatchObject({ code: '23514' });
    await expect(
      sql`UPDATE class_record SET retain_until = ${addDays(today, 1)} WHERE id = ${kept.id}`.execute(t.database.db),
    ).rejects.toMatchObject({ code: '23514' });
    const still = await t.database.db.selectFrom('class_record').select('id').where('id', '=', kept.id).executeTakeFirst();
    expect(still?.id).toBe(kept.id);
  });

  it('allows the delete once the retention date has passed, and audits it', async () => {
    const expired = await t.database.db
      .insertInto('class_record')
      .values({
        class_id: classId,
        county_code: '620102',
        kind: 'video',
        title: '过期视频记录',
        video: JSON.stringify({ durationSeconds: 60, location: '旧服务器', sha256: null, recordedOn: null }),
        retain_until: addDays(today, -1),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const listed = okBody<{ items: ClassRecord[] }>(await institution.get(`/api/classes/${classId}/records`)).items.find(
      (r) => r.id === expired.id,
    );
    expect(listed?.deletable).toBe(true);
    expect((await officer.delete(`/api/classes/${classId}/records/${expired.id}`)).statusCode).toBe(403);
    const before = await t.lastAuditSeq();
    expect(okBody(await institution.delete(`/api/classes/${classId}/records/${expired.id}`))).toEqual({ ok: true });
    expect(await t.auditSince(before)).toContainEqual(expect.objectContaining({ action: 'class_records.delete', target_id: expired.id }));
    expect(await t.database.db.selectFrom('class_record').select('id').where('id', '=', expired.id).executeTakeFirst()).toBeUndefined();
  });
});

describe('class records with a clock past the retention date the database does not share', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ clock: () => new Date(Date.parse('2045-01-01T02:00:00Z')) });
  });
  afterAll(() => t.close());

  it('maps the trigger’s refusal (23514) to the same 409', async () => {
    const institution = await t.loginAs('jigou.demo');
    const classId = (await insertClass(t.database.db, { status: 'running' })).id;
    const row = await t.database.db
      .insertInto('class_record')
      .values({
        class_id: classId,
        county_code: '620102',
        kind: 'video',
        title: '教学视频',
        video: JSON.stringify({ durationSeconds: 60, location: '服务器', sha256: null, recordedOn: null }),
        retain_until: addMonths(today, 60),
      })
      .returning(['id', 'retain_until'])
      .executeTakeFirstOrThrow();
    const res = await institution.delete(`/api/classes/${classId}/records/${row.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(`台账资料须保存至 ${addMonths(today, 60)}，到期前不能删除`);
  });
});
