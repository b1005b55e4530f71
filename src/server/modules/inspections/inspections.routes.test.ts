import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrawDetail, InspectionDetail, InspectionSummary } from '../../../shared/contracts/inspections-contracts';
import { addDays } from '../../../shared/domain/trainer-rotation';
import { todayInChina } from '../../../shared/domain/person-validation';
import { inspectionKinds, inspectionStatuses } from '../../../shared/domain/inspection-status';
import { issuesOf, okBody } from '../../testing/answers';
import { itMatchesCodeLists } from '../../testing/check-constraints';
import { multipart } from '../../testing/multipart';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { insertClass } from '../classes/class-fixtures';

let t: TestApp;
let officer: TestClient; // chengguan.peixun, 620102
let institution: TestClient; // jigou.demo, its classes
let otherInstitution: TestClient; // qizhi.demo (created here): another institution in 620102
let outsider: TestClient; // qilihe.peixun (created here), 620103

const today = todayInChina();
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('demo png body')]);
const pdf = Buffer.from('%PDF-1.4 整改报告');

async function upload(client: TestClient, filename: string, content: Buffer): Promise<string> {
  const { payload, headers } = multipart([{ filename, content, contentType: 'image/png' }]);
  return okBody<{ id: string }>(await client.request({ method: 'POST', url: '/api/files', payload, headers })).id;
}

const hmac = (seed: string, id: string) => createHmac('sha256', seed).update(id).digest('hex');

beforeAll(async () => {
  t = await buildTestApp();
  await t.createAccount({ username: 'qilihe.peixun', roles: ['training_officer'], regionCode: '620103' });
  await t.createAccount({ username: 'qizhi.demo', kind: 'institution', institutionName: '兰州市城关区启智特殊教育学校' });
  [officer, institution, otherInstitution, outsider] = await Promise.all([
    t.loginAs('chengguan.peixun'),
    t.loginAs('jigou.demo'),
    t.loginAs('qizhi.demo'),
    t.loginAs('qilihe.peixun'),
  ]);
});
afterAll(() => t.close());

describe('the CHECK constraints match the shared enums', () => {
  itMatchesCodeLists(
    () => t.database.db,
    [
      ['inspection', 'status', inspectionStatuses],
      ['inspection', 'kind', inspectionKinds],
    ],
  );
});

describe('random draw (随机抽查)', () => {
  let running: string[];
  let approved: string;
  let elsewhere: string;
  let draw: DrawDetail;

  beforeAll(async () => {
    running = [];
    for (let i = 0; i < 5; i += 1)
      running.push((await insertClass(t.database.db, { status: 'running', starts_on: today, ends_on: addDays(today, 30) })).id);
    approved = (await insertClass(t.database.db, { status: 'approved', starts_on: addDays(today, 20), ends_on: addDays(today, 40) })).id;
    elsewhere = (await insertClass(t.database.db, { status: 'running', county_code: '620103', venue_region_code: '620103' })).id;
  });

  it('draws from the running classes in scope, stores seed, ranked population and method, and plans one inspection per class', async () => {
    const before = await t.lastAuditSeq();
    draw = okBody<DrawDetail>(await officer.post('/api/inspections/draws', { sampleSize: 2, plannedOn: addDays(today, 3) }));
    const ids = draw.population.map((p) => p.classId);
    expect(ids).toEqual(expect.arrayContaining(running));
    expect(ids).not.toContain(approved);
    expect(ids).not.toContain(elsewhere);
    expect(draw.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(draw.method).toContain(draw.seed);
    expect(draw.method).toContain('HMAC-SHA256');
    expect(draw.selected).toHaveLength(2);
    expect(draw.inspections.map((i) => i.classId).sort()).toEqual([...draw.selected].sort());
    expect(draw.inspections.every((i) => i.kind === 'random' && i.status === 'planned' && i.drawId === draw.id)).toBe(true);
    const actions = (await t.auditSince(before)).map((a) => a.action);
    expect(actions.filter((a) => a === 'inspections.draw')).toHaveLength(1);
    expect(actions.filter((a) => a === 'inspections.schedule')).toHaveLength(2);
  });

  it('can be recomputed by anyone from the stored seed: same ranking, same sample', async () => {
    const stored = okBody<DrawDetail>(await officer.get(`/api/inspections/draws/${draw.id}`));
    const ids = stored.population.map((p) => p.classId);
    const recomputed = [...ids].sort((a, b) => (hmac(stored.seed, a) < hmac(stored.seed, b) ? -1 : 1));
    expect(ids).toEqual(recomputed);
    expect(stored.selected).toEqual(recomputed.slice(0, 2));
    expect(stored.population.map((p) => p.digest)).toEqual(ids.map((id) => hmac(stored.seed, id)));
    expect(okBody(await officer.get(`/api/inspections/draws/${draw.id}/verify`))).toEqual({
      matches: true,
      recomputedSelected: stored.selected,
    });
  });

  it('catches a stored selection that was changed afterwards', async () => {
    const swapped = [draw.population[3]!.classId, draw.selected[1]!];
    await t.database.db
      .updateTable('inspection_draw')
      .set({ selected: JSON.stringify(swapped) })
      .where('id', '=', draw.id)
      .execute();
    expect(okBody<{ matches: boolean }>(await officer.get(`/api/inspections/draws/${draw.id}/verify`)).matches).toBe(false);
    await t.database.db
      .updateTable('inspection_draw')
      .set({ selected: JSON.stringify(draw.selected) })
      .where('id', '=', draw.id)
      .execute();
  });

  it('takes the whole population when the sample is larger, and a second draw uses a new seed', async () => {
    const all = okBody<DrawDetail>(await officer.post('/api/inspections/draws', { sampleSize: 50, plannedOn: today }));
    expect(all.selected).toHaveLength(all.population.length);
    expect(all.seed).not.toBe(draw.seed);
  });

  it('refuses a bad size, a past date, and a draw with nobody to draw; hides the draw from other regions and institutions', async () => {
    const bad = issuesOf(await officer.post('/api/inspections/draws', { sampleSize: 0, plannedOn: addDays(today, -1) }));
    expect(bad['body.sampleSize']).toBeDefined();
    expect(
      issuesOf(await officer.post('/api/inspections/draws', { sampleSize: 1, plannedOn: addDays(today, -1) }))['body.plannedOn'],
    ).toContain('不能早于今天');
    const none = await officer.post('/api/inspections/draws', { sampleSize: 1, plannedOn: today, trainingType: 'contest' });
    expect(none.statusCode).toBe(409);
    expect(none.json().message).toContain('没有');
    expect((await outsider.get(`/api/inspections/draws/${draw.id}`)).statusCode).toBe(404);
    expect((await institution.post('/api/inspections/draws', { sampleSize: 1, plannedOn: today })).statusCode).toBe(403);
  });
});

describe('a scheduled inspection: findings → rectify → reply → reopen → reply → close', () => {
  let classId: string;
  let inspection: InspectionDetail;
  let photoId: string;

  beforeAll(async () => {
    classId = (await insertClass(t.database.db, { status: 'approved', starts_on: addDays(today, 16), ends_on: addDays(today, 40) })).id;
  });

  it('plans a check of an approved class; refuses a draft class, a date after the class and other parties', async () => {
    const before = await t.lastAuditSeq();
    inspection = okBody<InspectionDetail>(await officer.post(`/api/classes/${classId}/inspections`, { plannedOn: addDays(today, 20) }));
    expect(inspection).toMatchObject({ kind: 'scheduled', status: 'planned', classId, drawId: null, allowedCommands: ['findings'] });
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({ action: 'inspections.schedule', target_id: inspection.id }),
    );

    const draft = (await insertClass(t.database.db, { status: 'draft' })).id;
    const refused = await officer.post(`/api/classes/${draft}/inspections`, { plannedOn: today });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('已获批或正在开班');
    expect(
      issuesOf(await officer.post(`/api/classes/${classId}/inspections`, { plannedOn: addDays(today, 60) }))['body.plannedOn'],
    ).toContain('之前');
    expect((await outsider.post(`/api/classes/${classId}/inspections`, { plannedOn: today })).statusCode).toBe(404);
    expect((await institution.post(`/api/classes/${classId}/inspections`, { plannedOn: today })).statusCode).toBe(403);
  });

  it('refuses a reply or a closure before the findings (409 with the reason)', async () => {
    const reply = await institution.post(`/api/inspections/${inspection.id}/reply`, {
      replyText: '已整改完毕',
      version: inspection.version,
    });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().message).toContain('待检查');
    const close = await officer.post(`/api/inspections/${inspection.id}/close`, {
      decision: 'close',
      comment: '办结',
      version: inspection.version,
    });
    expect(close.statusCode).toBe(409);
  });

  it('asks for the request and due date of a rectification, and refuses a photo that is not JPG or PNG with 415', async () => {
    const missing = issuesOf(
      await officer.post(`/api/inspections/${inspection.id}/findings`, {
        inspectedOn: today,
        findings: '无障碍通道堆放杂物',
        conclusion: 'rectify',
        version: inspection.version,
      }),
    );
    expect(Object.keys(missing).sort()).toEqual(['body.rectificationDueOn', 'body.rectificationRequest']);
    const pdfId = await upload(officer, '现场.png', pdf);
    const wrong = await officer.post(`/api/inspections/${inspection.id}/findings`, {
      inspectedOn: today,
      findings: '无障碍通道堆放杂物',
      conclusion: 'passed',
      photoIds: [pdfId],
      version: inspection.version,
    });
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json().message).toContain('JPG 或 PNG');
    // someone else's upload is not attachable either
    const foreign = await upload(institution, '机构照片.png', png);
    const notOwn = await officer.post(`/api/inspections/${inspection.id}/findings`, {
      inspectedOn: today,
      findings: '无障碍通道堆放杂物',
      conclusion: 'passed',
      photoIds: [foreign],
      version: inspection.version,
    });
    expect(issuesOf(notOwn)['body.photoIds']).toContain('不是本账号上传');
    expect(okBody<InspectionDetail>(await officer.get(`/api/inspections/${inspection.id}`)).status).toBe('planned');
  });

  it('records findings with a photo and a rectification request', async () => {
    photoId = await upload(officer, '通道.png', png);
    inspection = okBody<InspectionDetail>(
      await officer.post(`/api/inspections/${inspection.id}/findings`, {
        inspectedOn: today,
        findings: '无障碍通道堆放杂物',
        conclusion: 'rectify',
        rectificationRequest: '清理通道杂物并设置提示标识',
        rectificationDueOn: addDays(today, 7),
        photoIds: [photoId],
        version: inspection.version,
      }),
    );
    expect(inspection).toMatchObject({
      status: 'rectifying',
      photos: [{ fileId: photoId, name: '通道.png' }],
      rectificationRequest: '清理通道杂物并设置提示标识',
      rectificationOverdue: false,
    });
    // the institution sees the request and may answer it; it downloads the photo
    const seen = okBody<{ items: InspectionDetail[] }>(await institution.get(`/api/classes/${classId}/inspections`)).items;
    expect(seen.find((i) => i.id === inspection.id)?.allowedCommands).toEqual(['reply']);
    const file = await institution.get(`/api/inspections/${inspection.id}/files/${photoId}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(png)).toBe(true);
    expect((await otherInstitution.get(`/api/inspections/${inspection.id}/files/${photoId}`)).statusCode).toBe(404);
  });

  it('lists an overdue rectification under the overdue filter', async () => {
    await t.database.db
      .updateTable('inspection')
      .set({ rectification_due_on: addDays(today, -1) })
      .where('id', '=', inspection.id)
      .execute();
    const overdue = okBody<{ items: InspectionSummary[] }>(await officer.get('/api/inspections?rectificationOverdue=true')).items;
    expect(overdue.map((i) => i.id)).toContain(inspection.id);
    expect(overdue.every((i) => i.rectificationOverdue)).toBe(true);
    await t.database.db
      .updateTable('inspection')
      .set({ rectification_due_on: addDays(today, 7) })
      .where('id', '=', inspection.id)
      .execute();
  });

  it('takes the institution reply with documents, sends it back once, then closes it', async () => {
    const staffReply = await officer.post(`/api/inspections/${inspection.id}/reply`, { replyText: '已整改', version: inspection.version });
    expect(staffReply.statusCode).toBe(403);
    const doc = await upload(institution, '整改报告.pdf', pdf);
    const before = await t.lastAuditSeq();
    inspection = okBody<InspectionDetail>(
      await institution.post(`/api/inspections/${inspection.id}/reply`, {
        replyText: '已清理杂物并张贴提示',
        documentIds: [doc],
        version: inspection.version,
      }),
    );
    expect(inspection).toMatchObject({ status: 'rectified', rectificationDocuments: [{ fileId: doc, name: '整改报告.pdf' }] });
    expect(await t.auditSince(before)).toContainEqual(expect.objectContaining({ action: 'inspections.reply', target_id: inspection.id }));

    const noDue = await officer.post(`/api/inspections/${inspection.id}/close`, {
      decision: 'reopen',
      comment: '提示标识缺少盲文',
      version: inspection.version,
    });
    expect(issuesOf(noDue)['body.rectificationDueOn']).toBeDefined();
    inspection = okBody<InspectionDetail>(
      await officer.post(`/api/inspections/${inspection.id}/close`, {
        decision: 'reopen',
        comment: '提示标识缺少盲文',
        rectificationDueOn: addDays(today, 5),
        version: inspection.version,
      }),
    );
    expect(inspection).toMatchObject({ status: 'rectifying', rectificationRequest: '提示标识缺少盲文' });
    const stale = await institution.post(`/api/inspections/${inspection.id}/reply`, {
      replyText: '已补充盲文标识',
      version: inspection.version - 1,
    });
    expect(stale.statusCode).toBe(409);
    inspection = okBody<InspectionDetail>(
      await institution.post(`/api/inspections/${inspection.id}/reply`, { replyText: '已补充盲文标识', version: inspection.version }),
    );
    const closeBefore = await t.lastAuditSeq();
    inspection = okBody<InspectionDetail>(
      await officer.post(`/api/inspections/${inspection.id}/close`, {
        decision: 'close',
        comment: '整改到位，予以办结',
        version: inspection.version,
      }),
    );
    expect(inspection).toMatchObject({ status: 'closed', closingComment: '整改到位，予以办结', allowedCommands: [] });
    expect(await t.auditSince(closeBefore)).toContainEqual(expect.objectContaining({ action: 'inspections.close', outcome: 'success' }));
    const again = await officer.post(`/api/inspections/${inspection.id}/close`, {
      decision: 'close',
      comment: '再次办结',
      version: inspection.version,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已办结');
  });

  it('closes a passed inspection directly', async () => {
    let passed = okBody<InspectionDetail>(await officer.post(`/api/classes/${classId}/inspections`, { plannedOn: today }));
    passed = okBody<InspectionDetail>(
      await officer.post(`/api/inspections/${passed.id}/findings`, {
        inspectedOn: today,
        findings: '教学秩序良好',
        conclusion: 'passed',
        version: passed.version,
      }),
    );
    expect(passed).toMatchObject({ status: 'passed', rectificationRequest: null, allowedCommands: ['close'] });
    const findingsAgain = await officer.post(`/api/inspections/${passed.id}/findings`, {
      inspectedOn: today,
      findings: '再次记录',
      conclusion: 'passed',
      version: passed.version,
    });
    expect(findingsAgain.statusCode).toBe(409);
    const reopen = await officer.post(`/api/inspections/${passed.id}/close`, {
      decision: 'reopen',
      comment: '需要整改',
      rectificationDueOn: addDays(today, 3),
      version: passed.version,
    });
    expect(reopen.statusCode).toBe(409);
    passed = okBody<InspectionDetail>(
      await officer.post(`/api/inspections/${passed.id}/close`, { decision: 'close', comment: '合格办结', version: passed.version }),
    );
    expect(passed.status).toBe('closed');
  });
});

describe('who sees what', () => {
  it('shows an institution only its own classes’ inspections; out-of-scope staff get 404', async () => {
    const own = (await insertClass(t.database.db, { status: 'running', starts_on: today, ends_on: addDays(today, 10) })).id;
    const inspection = okBody<InspectionDetail>(await officer.post(`/api/classes/${own}/inspections`, { plannedOn: today }));
    const mine = okBody<{ items: InspectionSummary[] }>(await institution.get('/api/inspections?pageSize=200')).items;
    expect(mine.map((i) => i.id)).toContain(inspection.id);
    const theirs = okBody<{ items: InspectionSummary[]; total: number }>(await otherInstitution.get('/api/inspections?pageSize=200'));
    expect(theirs.items.map((i) => i.id)).not.toContain(inspection.id);
    expect((await otherInstitution.get(`/api/inspections/${inspection.id}`)).statusCode).toBe(404);
    expect((await otherInstitution.get(`/api/classes/${own}/inspections`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/inspections/${inspection.id}`)).statusCode).toBe(404);
    expect(
      (
        await outsider.post(`/api/inspections/${inspection.id}/findings`, {
          inspectedOn: today,
          findings: '越权记录',
          conclusion: 'passed',
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    const outsiderList = okBody<{ items: InspectionSummary[] }>(await outsider.get('/api/inspections?pageSize=200')).items;
    expect(outsiderList.map((i) => i.id)).not.toContain(inspection.id);
    const byClass = okBody<{ items: InspectionSummary[] }>(
      await officer.get(`/api/inspections?classId=${own}&inspectionKind=scheduled&status=planned`),
    ).items;
    expect(byClass.map((i) => i.id)).toEqual([inspection.id]);
  });
});
