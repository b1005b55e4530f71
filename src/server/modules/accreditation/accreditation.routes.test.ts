import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccreditationDetail, PublicBase } from '../../../shared/contracts/accreditation-contracts';
import {
  accreditationCommands,
  accreditationStatuses,
  accreditationTiers,
  addDays,
  baseKinds,
  defaultScoreSheet,
  evaluationOutcomes,
} from '../../../shared/domain/accreditation';
import { todayInChina } from '../../../shared/domain/person-validation';
import { issuesOf, okBody } from '../../testing/answers';
import { itMatchesCodeLists } from '../../testing/check-constraints';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';

let t: TestApp;
let institution: TestClient; // jigou.demo: 兰州市残疾人职业技能培训中心, 城关区
let countyReviewer: TestClient; // chengguan.shenhe, 城关区
let siblingReviewer: TestClient; // qilihe.shenhe (created here), 七里河区
let cityReviewer: TestClient; // lanzhou.shenhe, 兰州市
let tianshuiReviewer: TestClient; // tianshui.shenhe (created here), 天水市
let provinceReviewer: TestClient; // sheng.shenhe
let trainingOfficer: TestClient; // chengguan.peixun: reads, may not review

const today = todayInChina();
const fullScores = Object.fromEntries(defaultScoreSheet.items.map((i) => [i.key, i.maxScore]));

async function apply(overrides: Record<string, unknown> = {}): Promise<AccreditationDetail> {
  return okBody(
    await institution.post('/api/accreditations', {
      baseName: '兰州市盲人按摩职业培训基地',
      baseKind: 'blind_massage',
      occupations: ['保健按摩师'],
      requestedTier: 'county',
      note: '申请县区级盲人按摩培训基地挂牌',
      ...overrides,
    }),
  );
}

async function eventCount(id: string): Promise<number> {
  const row = await t.database.db
    .selectFrom('accreditation_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('accreditation_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ends the accreditation's notice period now and lets the notice service settle it. */
async function endNotice(id: string): Promise<void> {
  await t.database.db
    .updateTable('public_notice')
    .set({ starts_at: new Date(Date.now() - 10 * 86_400_000), ends_at: new Date(Date.now() - 1000) })
    .where('subject_kind', '=', 'accreditation')
    .where('subject_id', '=', id)
    .execute();
  await t.services.notices.settleDue();
}

function accreditBody(detail: AccreditationDetail, overrides: Record<string, unknown> = {}) {
  return {
    tier: 'county',
    plaqueNo: `GS-CG-${detail.id.slice(0, 8)}`,
    termStart: today,
    termEnd: addDays(today, 3 * 365),
    reason: '材料齐全，现场核查合格',
    version: detail.version,
    ...overrides,
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  await t.createAccount({ username: 'qilihe.shenhe', roles: ['reviewer'], regionCode: '620103' });
  await t.createAccount({ username: 'tianshui.shenhe', roles: ['reviewer'], regionCode: '620500' });
  [institution, countyReviewer, siblingReviewer, cityReviewer, tianshuiReviewer, provinceReviewer, trainingOfficer] = await Promise.all([
    t.loginAs('jigou.demo'),
    t.loginAs('chengguan.shenhe'),
    t.loginAs('qilihe.shenhe'),
    t.loginAs('lanzhou.shenhe'),
    t.loginAs('tianshui.shenhe'),
    t.loginAs('sheng.shenhe'),
    t.loginAs('chengguan.peixun'),
  ]);
});
afterAll(() => t.close());

describe('the CHECK constraints match the shared enums', () => {
  itMatchesCodeLists(
    () => t.database.db,
    [
      ['base_accreditation', 'status', accreditationStatuses],
      ['base_accreditation', 'base_kind', baseKinds],
      ['base_accreditation', 'requested_tier', accreditationTiers],
      ['accreditation_event', 'command', accreditationCommands],
      ['base_evaluation', 'decision', evaluationOutcomes],
    ],
  );
});

describe('the lifecycle: apply → county review → notice → public list and coverage → evaluation', () => {
  let detail: AccreditationDetail;

  it('lets the institution apply with its own uploaded document, one event and one audit row', async () => {
    const before = await t.lastAuditSeq();
    const upload = await institution.request({
      method: 'POST',
      url: '/api/files',
      headers: { 'content-type': 'multipart/form-data; boundary=X' },
      payload:
        '--X\r\nContent-Disposition: form-data; name="file"; filename="申请书.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 demo\r\n--X--\r\n',
    });
    const file = okBody<{ id: string }>(upload);
    detail = await apply({ documentIds: [file.id] });
    expect(detail).toMatchObject({
      status: 'applied',
      institutionName: '兰州市残疾人职业技能培训中心',
      countyCode: '620102',
      grantingRegionCode: '620102',
      documents: [{ fileId: file.id, name: '申请书.pdf' }],
      allowedCommands: [],
    });
    expect(detail.events.map((e) => e.command)).toEqual(['apply']);
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({ action: 'accreditation.apply', outcome: 'success', target_id: detail.id }),
    );
  });

  it('refuses a second pending application of the same kind, and a document uploaded by someone else', async () => {
    const again = await institution.post('/api/accreditations', {
      baseName: '另一个盲人按摩基地',
      baseKind: 'blind_massage',
      occupations: ['保健按摩师'],
      requestedTier: 'county',
    });
    expect(issuesOf(again, 409, 'CONFLICT')['body.baseKind']).toMatch(/已有一份盲人按摩培训基地申请在审核中/);
    const foreign = await institution.post('/api/accreditations', {
      baseName: '实习实训基地申请',
      baseKind: 'practice_internship',
      occupations: ['保健按摩师'],
      requestedTier: 'county',
      documentIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(issuesOf(foreign, 400, 'VALIDATION_FAILED')['body.documentIds']).toMatch(/不是本账号上传的文件/);
  });

  it('shows the county reviewer the review actions, and nobody else', async () => {
    expect(okBody<AccreditationDetail>(await countyReviewer.get(`/api/accreditations/${detail.id}`)).allowedCommands).toEqual([
      'reject',
      'accredit',
    ]);
    // the city reviewer sees it (in scope) but the county tier is not the city's to grant
    expect(okBody<AccreditationDetail>(await cityReviewer.get(`/api/accreditations/${detail.id}`)).allowedCommands).toEqual([]);
    expect(okBody<AccreditationDetail>(await trainingOfficer.get(`/api/accreditations/${detail.id}`)).allowedCommands).toEqual([]);
    // a sibling county cannot even see it
    expect((await siblingReviewer.get(`/api/accreditations/${detail.id}`)).statusCode).toBe(404);
  });

  it('lets the reviewers read the attached document, and nobody outside the region', async () => {
    const fileId = detail.documents[0]!.fileId;
    const url = `/api/accreditations/${detail.id}/documents/${fileId}`;
    const res = await countyReviewer.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.body).toContain('%PDF-1.4 demo');
    expect((await siblingReviewer.get(url)).statusCode).toBe(404);
    // a file of the same uploader that is not attached here is not reachable through it
    expect((await countyReviewer.get(`/api/accreditations/${detail.id}/documents/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(
      404,
    );
  });

  it('refuses a tier the reviewer’s region may not grant, naming the field, nothing written', async () => {
    const events = await eventCount(detail.id);
    const city = await cityReviewer.post(`/api/accreditations/${detail.id}/accredit`, accreditBody(detail, { tier: 'county' }));
    expect(issuesOf(city, 400, 'VALIDATION_FAILED')['body.tier']).toMatch(/只能认定本辖区机构的市州级基地/);
    const higher = await countyReviewer.post(`/api/accreditations/${detail.id}/accredit`, accreditBody(detail, { tier: 'city' }));
    expect(issuesOf(higher, 400, 'VALIDATION_FAILED')['body.tier']).toMatch(/不能认定市州级基地/);
    const sibling = await siblingReviewer.post(`/api/accreditations/${detail.id}/accredit`, accreditBody(detail));
    expect(sibling.statusCode).toBe(404);
    expect(await eventCount(detail.id)).toBe(events);
  });

  it('refuses a plaque number already in use with 409 naming the field, nothing written', async () => {
    const events = await eventCount(detail.id);
    const res = await countyReviewer.post(
      `/api/accreditations/${detail.id}/accredit`,
      accreditBody(detail, { plaqueNo: 'GS-QLH-2024-001' }),
    );
    expect(issuesOf(res, 409, 'CONFLICT')['body.plaqueNo']).toMatch(
      /牌匾编号 GS-QLH-2024-001 已被“七里河区残疾人电子商务职业培训基地”使用/,
    );
    expect(await eventCount(detail.id)).toBe(events);
    const notices = await t.database.db.selectFrom('public_notice').select('id').where('subject_id', '=', detail.id).execute();
    expect(notices).toEqual([]);
  });

  it('refuses a term that ends before it starts, and a stale version', async () => {
    const backwards = await countyReviewer.post(
      `/api/accreditations/${detail.id}/accredit`,
      accreditBody(detail, { termEnd: addDays(today, -1) }),
    );
    expect(issuesOf(backwards, 400, 'VALIDATION_FAILED')['body.termEnd']).toMatch(/不能早于开始日期/);
    const stale = await countyReviewer.post(`/api/accreditations/${detail.id}/accredit`, accreditBody(detail, { version: 99 }));
    expect(stale.statusCode).toBe(409);
  });

  it('accredits at the county tier and puts it on public notice; not public before the notice ends', async () => {
    const before = await t.lastAuditSeq();
    detail = okBody(await countyReviewer.post(`/api/accreditations/${detail.id}/accredit`, accreditBody(detail)));
    expect(detail).toMatchObject({ status: 'on_notice', tier: 'county', grantingRegionCode: '620102' });
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({
        action: 'accreditation.accredit',
        outcome: 'success',
        actor_name: 'chengguan.shenhe',
        region_code: '620102',
      }),
    );
    expect(detail.noticeEndsAt).not.toBeNull();
    const notice = await t.database.db
      .selectFrom('public_notice')
      .selectAll()
      .where('subject_kind', '=', 'accreditation')
      .where('subject_id', '=', detail.id)
      .executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ status: 'open', region_code: '620102' });
    expect(notice.title).toContain('兰州市残疾人职业技能培训中心');
    const list = okBody<{ items: PublicBase[] }>(await t.client().get('/api/public/bases?regionCode=620102'));
    expect(list.items.map((b) => b.id)).not.toContain(detail.id);
  });

  it('takes effect when the notice ends clean: on the public list, and 城关区 covered', async () => {
    const coverageBefore = okBody<{ covered: number; units: { code: string; covered: boolean }[] }>(
      await provinceReviewer.get('/api/coverage'),
    );
    expect(coverageBefore.units.find((u) => u.code === '620102')!.covered).toBe(false);
    await endNotice(detail.id);
    detail = okBody(await countyReviewer.get(`/api/accreditations/${detail.id}`));
    expect(detail.status).toBe('active');
    expect(detail.accreditedOn).toBe(today);
    expect(detail.events.map((e) => e.command)).toEqual(['apply', 'accredit', 'notice_effective']);
    const publicList = await t.client().get('/api/public/bases?regionCode=620100');
    expect(publicList.headers['cache-control']).toContain('public');
    const base = okBody<{ items: PublicBase[] }>(publicList).items.find((b) => b.id === detail.id);
    expect(base).toMatchObject({ countyName: '城关区', cityName: '兰州市', tier: 'county', baseKind: 'blind_massage' });
    expect(Object.keys(base!).sort()).toEqual(
      [
        'baseKind',
        'baseName',
        'cityName',
        'countyCode',
        'countyName',
        'id',
        'institutionName',
        'occupations',
        'plaqueNo',
        'termEnd',
        'termStart',
        'tier',
      ].sort(),
    );
    const coverageAfter = okBody<{ covered: number; units: { code: string; covered: boolean; activeBases: number }[] }>(
      await provinceReviewer.get('/api/coverage'),
    );
    expect(coverageAfter.covered).toBe(coverageBefore.covered + 1);
    expect(coverageAfter.units.find((u) => u.code === '620102')).toMatchObject({ covered: true, activeBases: 1 });
  });

  it('refuses an overlapping term for the same institution and base kind, and accepts a following one', async () => {
    const second = await apply({ baseName: '兰州市盲人按摩职业培训基地（二期）' });
    const overlapping = await countyReviewer.post(
      `/api/accreditations/${second.id}/accredit`,
      accreditBody(second, { termStart: addDays(today, 365), termEnd: addDays(today, 5 * 365) }),
    );
    expect(issuesOf(overlapping, 409, 'CONFLICT')['body.termStart']).toMatch(/有效期与本机构同类基地.*重叠/);
    expect(await eventCount(second.id)).toBe(1);
    const following = await countyReviewer.post(
      `/api/accreditations/${second.id}/accredit`,
      accreditBody(second, { termStart: addDays(detail.termEnd!, 1), termEnd: addDays(detail.termEnd!, 3 * 365) }),
    );
    expect(okBody<AccreditationDetail>(following).status).toBe('on_notice');
    // renewing the first into the second's term now overlaps
    const renew = await countyReviewer.post(`/api/accreditations/${detail.id}/renew`, {
      termEnd: addDays(detail.termEnd!, 30),
      reason: '续期',
      version: detail.version,
    });
    expect(issuesOf(renew, 409, 'CONFLICT')['body.termEnd']).toMatch(/重叠/);
  });

  it('goes back to the reviewer when staff withdraw its notice, the plaque number free again', async () => {
    const application = await apply({ baseName: '兰州市残疾人实习实训基地', baseKind: 'practice_internship' });
    const onNotice = okBody<AccreditationDetail>(
      await countyReviewer.post(`/api/accreditations/${application.id}/accredit`, accreditBody(application, { plaqueNo: 'GS-CG-WD-001' })),
    );
    const notice = await t.database.db
      .selectFrom('public_notice')
      .select('id')
      .where('subject_id', '=', onNotice.id)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    okBody(await countyReviewer.post(`/api/notices/${notice.id}/withdraw`, { reason: '牌匾编号有误，撤回重审' }));
    const back = okBody<AccreditationDetail>(await countyReviewer.get(`/api/accreditations/${onNotice.id}`));
    expect(back).toMatchObject({ status: 'applied', tier: null, plaqueNo: null, termStart: null, allowedCommands: ['reject', 'accredit'] });
    expect(back.events.at(-1)).toMatchObject({
      command: 'notice_withdrawn',
      fromStatus: 'on_notice',
      toStatus: 'applied',
      reason: '牌匾编号有误，撤回重审',
    });
    const again = await countyReviewer.post(`/api/accreditations/${back.id}/accredit`, accreditBody(back, { plaqueNo: 'GS-CG-WD-001' }));
    expect(okBody<AccreditationDetail>(again).status).toBe('on_notice');
  });

  it('refuses evaluation scores out of range, naming the item, nothing written', async () => {
    const events = await eventCount(detail.id);
    const res = await countyReviewer.post(`/api/accreditations/${detail.id}/evaluations`, {
      evaluatedOn: today,
      sheetVersion: 1,
      scores: { ...fullScores, facilities: 25, trainers: -1 },
      decision: 'keep',
      reason: '年度评估',
      version: detail.version,
    });
    const issues = issuesOf(res, 400, 'VALIDATION_FAILED');
    expect(issues['body.scores.facilities']).toBe('“场地设施与无障碍环境”的得分须在 0 到 20 之间');
    expect(issues['body.scores.trainers']).toBe('“师资队伍”的得分须在 0 到 15 之间');
    expect(await eventCount(detail.id)).toBe(events);
    const downgradeCounty = await countyReviewer.post(`/api/accreditations/${detail.id}/evaluations`, {
      evaluatedOn: today,
      sheetVersion: 1,
      scores: fullScores,
      decision: 'downgrade',
      reason: '年度评估',
      version: detail.version,
    });
    expect(issuesOf(downgradeCounty, 400, 'VALIDATION_FAILED')['body.decision']).toMatch(/县区级基地不能再降级/);
  });

  it('records an evaluation that suspends: the base leaves the public list and the county is uncovered again', async () => {
    const low = { ...fullScores, facilities: 10, completion: 10, satisfaction: 10, employment: 5 };
    detail = okBody(
      await countyReviewer.post(`/api/accreditations/${detail.id}/evaluations`, {
        evaluatedOn: today,
        sheetVersion: 1,
        scores: low,
        decision: 'suspend',
        reason: '结业率和满意度偏低，限期整改',
        version: detail.version,
      }),
    );
    expect(detail.status).toBe('suspended');
    expect(detail.evaluations[0]).toMatchObject({ total: 65, suggestion: 'suspend', decision: 'suspend', sheetVersion: 1 });
    expect(detail.events.map((e) => e.command)).toEqual(['apply', 'accredit', 'notice_effective', 'evaluate', 'suspend']);
    expect(detail.allowedCommands).toEqual(['reinstate', 'revoke', 'evaluate']);
    const coverage = okBody<{ units: { code: string; covered: boolean }[] }>(await countyReviewer.get('/api/coverage'));
    expect(coverage.units).toEqual([expect.objectContaining({ code: '620102', covered: false })]);
    const list = okBody<{ items: PublicBase[] }>(await t.client().get('/api/public/bases'));
    expect(list.items.map((b) => b.id)).not.toContain(detail.id);
  });

  it('reinstates and then revokes (摘牌) with reasons, each a history row; revoked is final', async () => {
    detail = okBody(
      await countyReviewer.post(`/api/accreditations/${detail.id}/decision`, {
        command: 'reinstate',
        reason: '整改完成，复查合格',
        version: detail.version,
      }),
    );
    expect(detail.status).toBe('active');
    detail = okBody(
      await countyReviewer.post(`/api/accreditations/${detail.id}/decision`, {
        command: 'revoke',
        reason: '主动申请退出',
        version: detail.version,
      }),
    );
    expect(detail.status).toBe('revoked');
    expect(detail.events.slice(-2).map((e) => [e.command, e.fromStatus, e.toStatus, e.reason])).toEqual([
      ['reinstate', 'suspended', 'active', '整改完成，复查合格'],
      ['revoke', 'active', 'revoked', '主动申请退出'],
    ]);
    const again = await countyReviewer.post(`/api/accreditations/${detail.id}/decision`, {
      command: 'suspend',
      reason: '再次暂停',
      version: detail.version,
    });
    expect(again.statusCode).toBe(409);
    const noReason = await countyReviewer.post(`/api/accreditations/${detail.id}/decision`, { command: 'revoke', version: detail.version });
    expect(issuesOf(noReason, 400, 'VALIDATION_FAILED')['body.reason']).toBeDefined();
  });
});

describe('downgrade by evaluation', () => {
  it('moves a city-tier base to the county tier, managed by the county from then on; history shows both steps', async () => {
    const list = okBody<{ items: { id: string; tier: string }[] }>(await tianshuiReviewer.get('/api/accreditations?tier=city'));
    const id = list.items[0]!.id;
    const before = okBody<AccreditationDetail>(await tianshuiReviewer.get(`/api/accreditations/${id}`));
    expect(before.allowedCommands).toContain('downgrade');
    const scores = { ...fullScores, facilities: 12, completion: 14 };
    const after = okBody<AccreditationDetail>(
      await tianshuiReviewer.post(`/api/accreditations/${id}/evaluations`, {
        evaluatedOn: today,
        sheetVersion: 1,
        scores,
        decision: 'downgrade',
        reason: '场地设施未达市州级标准',
        version: before.version,
      }),
    );
    expect(after).toMatchObject({ status: 'active', tier: 'county', grantingRegionCode: '620503', lastEvaluatedOn: today });
    expect(after.evaluations[0]).toMatchObject({ total: 86, suggestion: 'keep', decision: 'downgrade' });
    const [evaluate, downgrade] = after.events.slice(-2);
    expect(evaluate).toMatchObject({ command: 'evaluate', fromTier: 'city', toTier: 'city' });
    expect(downgrade).toMatchObject({ command: 'downgrade', fromTier: 'city', toTier: 'county', fromStatus: 'active', toStatus: 'active' });
    expect(downgrade!.reason).toContain('场地设施未达市州级标准');
    // the city no longer manages it (the county's reviewers do); as the next tier up it may promote it again
    expect(okBody<AccreditationDetail>(await tianshuiReviewer.get(`/api/accreditations/${id}`)).allowedCommands).toEqual(['promote']);
  });
});

describe('promotion (晋级) by the next tier up, on public notice', () => {
  let detail: AccreditationDetail;
  const promoteBody = (d: AccreditationDetail, overrides: Record<string, unknown> = {}) => ({
    tier: 'city',
    plaqueNo: `GS-LZ-P-${d.id.slice(0, 8)}`,
    termStart: today,
    termEnd: addDays(today, 4 * 365),
    reason: '年度评估优秀，带动就业成效突出',
    version: d.version,
    ...overrides,
  });

  it('starts from a county-tier base: only the city reviewer is offered the promotion', async () => {
    const application = await apply({ baseName: '兰州市残疾人非遗剪纸培训基地', baseKind: 'intangible_heritage', occupations: ['剪纸'] });
    okBody(
      await countyReviewer.post(`/api/accreditations/${application.id}/accredit`, accreditBody(application, { plaqueNo: 'GS-CG-FY-001' })),
    );
    await endNotice(application.id);
    detail = okBody(await countyReviewer.get(`/api/accreditations/${application.id}`));
    expect(detail).toMatchObject({ status: 'active', tier: 'county', grantingRegionCode: '620102', pendingPromotion: null });
    expect(detail.allowedCommands).not.toContain('promote');
    expect(okBody<AccreditationDetail>(await cityReviewer.get(`/api/accreditations/${detail.id}`)).allowedCommands).toEqual(['promote']);
    expect(okBody<AccreditationDetail>(await provinceReviewer.get(`/api/accreditations/${detail.id}`)).allowedCommands).toEqual([]);
  });

  it('refuses the wrong reviewer, a skipped tier, a plaque number in use and a missing reason, nothing written', async () => {
    const events = await eventCount(detail.id);
    const url = `/api/accreditations/${detail.id}/promote`;
    const own = await countyReviewer.post(url, promoteBody(detail));
    expect(issuesOf(own, 400, 'VALIDATION_FAILED')['body.tier']).toBe(
      '晋升为市州级基地须由该基地所在地的市州审核机关决定，本账号所在区域不能晋级该基地',
    );
    const skip = await provinceReviewer.post(url, promoteBody(detail, { tier: 'province' }));
    expect(issuesOf(skip, 400, 'VALIDATION_FAILED')['body.tier']).toMatch(/只能逐级晋升：县区级基地只能晋升为市州级基地/);
    expect((await tianshuiReviewer.post(url, promoteBody(detail))).statusCode).toBe(404);
    expect((await trainingOfficer.post(url, promoteBody(detail))).statusCode).toBe(403);
    const taken = await cityReviewer.post(url, promoteBody(detail, { plaqueNo: 'GS-QLH-2024-001' }));
    expect(issuesOf(taken, 409, 'CONFLICT')['body.plaqueNo']).toMatch(
      /牌匾编号 GS-QLH-2024-001 已被“七里河区残疾人电子商务职业培训基地”使用/,
    );
    const same = await cityReviewer.post(url, promoteBody(detail, { plaqueNo: 'GS-CG-FY-001' }));
    expect(issuesOf(same, 409, 'CONFLICT')['body.plaqueNo']).toMatch(/新的牌匾编号/);
    const noReason = await cityReviewer.post(url, promoteBody(detail, { reason: undefined }));
    expect(issuesOf(noReason, 400, 'VALIDATION_FAILED')['body.reason']).toBeDefined();
    expect(await eventCount(detail.id)).toBe(events);
  });

  it('puts the promotion on notice: still active at the county tier, public and covering, every other step held', async () => {
    const before = await t.lastAuditSeq();
    detail = okBody(await cityReviewer.post(`/api/accreditations/${detail.id}/promote`, promoteBody(detail)));
    expect(detail).toMatchObject({
      status: 'active',
      tier: 'county',
      plaqueNo: 'GS-CG-FY-001',
      grantingRegionCode: '620102',
      pendingPromotion: { tier: 'city', grantingRegionCode: '620100', grantingRegionName: '兰州市', termStart: today },
      allowedCommands: [],
    });
    expect(detail.noticeEndsAt).not.toBeNull();
    expect(detail.events.at(-1)).toMatchObject({
      command: 'promote',
      fromTier: 'county',
      toTier: 'county',
      reason: '年度评估优秀，带动就业成效突出',
      actorName: '兰州市残联审核人',
      details: { proposedTier: 'city' },
    });
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({ action: 'accreditation.promote', outcome: 'success', actor_name: 'lanzhou.shenhe' }),
    );
    const notice = await t.database.db
      .selectFrom('public_notice')
      .selectAll()
      .where('subject_id', '=', detail.id)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    expect(notice.region_code).toBe('620100');
    expect(notice.title).toContain('晋级为市州级基地');
    const base = okBody<{ items: PublicBase[] }>(await t.client().get('/api/public/bases?regionCode=620102')).items.find(
      (b) => b.id === detail.id,
    );
    expect(base).toMatchObject({ tier: 'county', plaqueNo: 'GS-CG-FY-001' });
    expect(okBody<AccreditationDetail>(await countyReviewer.get(`/api/accreditations/${detail.id}`)).allowedCommands).toEqual([]);
    const held = await countyReviewer.post(`/api/accreditations/${detail.id}/decision`, {
      command: 'suspend',
      reason: '晋级期间暂停',
      version: detail.version,
    });
    expect(held.statusCode).toBe(409);
    const twice = await cityReviewer.post(`/api/accreditations/${detail.id}/promote`, promoteBody(detail, { plaqueNo: 'GS-LZ-P-OTHER' }));
    expect(twice.statusCode).toBe(409);
    // the proposed plaque number is taken while the promotion is on notice
    const waiting = okBody<{ items: { id: string }[] }>(await countyReviewer.get('/api/accreditations?status=applied&baseKind=general'));
    const other = okBody<AccreditationDetail>(await countyReviewer.get(`/api/accreditations/${waiting.items[0]!.id}`));
    const clash = await countyReviewer.post(
      `/api/accreditations/${other.id}/accredit`,
      accreditBody(other, { plaqueNo: `GS-LZ-P-${detail.id.slice(0, 8)}` }),
    );
    expect(issuesOf(clash, 409, 'CONFLICT')['body.plaqueNo']).toMatch(/已被“兰州市残疾人非遗剪纸培训基地”使用/);
  });

  it('takes effect when the notice ends clean: city tier, new plaque and term, managed by the city', async () => {
    await endNotice(detail.id);
    detail = okBody(await cityReviewer.get(`/api/accreditations/${detail.id}`));
    expect(detail).toMatchObject({
      status: 'active',
      tier: 'city',
      plaqueNo: `GS-LZ-P-${detail.id.slice(0, 8)}`,
      termStart: today,
      termEnd: addDays(today, 4 * 365),
      grantingRegionCode: '620100',
      pendingPromotion: null,
    });
    expect(detail.allowedCommands).toEqual(['renew', 'downgrade', 'suspend', 'revoke', 'evaluate']);
    expect(detail.events.at(-1)).toMatchObject({
      command: 'promotion_effective',
      fromTier: 'county',
      toTier: 'city',
      actorName: null,
      details: { previousPlaqueNo: 'GS-CG-FY-001' },
    });
    const base = okBody<{ items: PublicBase[] }>(await t.client().get('/api/public/bases?regionCode=620102')).items.find(
      (b) => b.id === detail.id,
    );
    expect(base).toMatchObject({ tier: 'city' });
    expect(okBody<AccreditationDetail>(await countyReviewer.get(`/api/accreditations/${detail.id}`)).allowedCommands).toEqual([]);
    expect(okBody<AccreditationDetail>(await provinceReviewer.get(`/api/accreditations/${detail.id}`)).allowedCommands).toEqual([
      'promote',
    ]);
  });

  it('goes back down on a poor evaluation, and the history shows the accreditation, the promotion and the downgrade', async () => {
    detail = okBody(
      await cityReviewer.post(`/api/accreditations/${detail.id}/evaluations`, {
        evaluatedOn: today,
        sheetVersion: 1,
        scores: { ...fullScores, facilities: 12, trainers: 12, management: 12, completion: 14, satisfaction: 12, employment: 12 },
        decision: 'downgrade',
        reason: '场地设施未达市州级标准',
        version: detail.version,
      }),
    );
    expect(detail).toMatchObject({ status: 'active', tier: 'county', grantingRegionCode: '620102' });
    expect(detail.events.map((e) => e.command)).toEqual([
      'apply',
      'accredit',
      'notice_effective',
      'promote',
      'promotion_effective',
      'evaluate',
      'downgrade',
    ]);
    const rows = await t.database.db
      .selectFrom('accreditation_event')
      .select(['command', 'from_tier', 'to_tier'])
      .where('accreditation_id', '=', detail.id)
      .where('command', 'in', ['promotion_effective', 'downgrade'])
      .orderBy('occurred_at')
      .execute();
    expect(rows).toEqual([
      { command: 'promotion_effective', from_tier: 'county', to_tier: 'city' },
      { command: 'downgrade', from_tier: 'city', to_tier: 'county' },
    ]);
  });

  it('keeps the tier when a promotion’s notice is withdrawn', async () => {
    detail = okBody(
      await cityReviewer.post(`/api/accreditations/${detail.id}/promote`, promoteBody(detail, { plaqueNo: 'GS-LZ-P-WD-001' })),
    );
    const notice = await t.database.db
      .selectFrom('public_notice')
      .select('id')
      .where('subject_id', '=', detail.id)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    okBody(await cityReviewer.post(`/api/notices/${notice.id}/withdraw`, { reason: '材料需补充，撤回晋级' }));
    detail = okBody(await cityReviewer.get(`/api/accreditations/${detail.id}`));
    expect(detail).toMatchObject({ status: 'active', tier: 'county', grantingRegionCode: '620102', pendingPromotion: null });
    expect(detail.plaqueNo).not.toBe('GS-LZ-P-WD-001');
    expect(detail.events.at(-1)).toMatchObject({
      command: 'promotion_withdrawn',
      reason: '材料需补充，撤回晋级',
      fromTier: 'county',
      toTier: 'county',
    });
    expect(detail.allowedCommands).toEqual(['promote']);
  });
});

describe('region scope', () => {
  it('lists only the actor’s region, an institution only its own', async () => {
    const county = okBody<{ items: { countyCode: string }[] }>(await countyReviewer.get('/api/accreditations'));
    expect(county.items.length).toBeGreaterThan(0);
    expect(new Set(county.items.map((i) => i.countyCode))).toEqual(new Set(['620102']));
    const sibling = okBody<{ items: { countyCode: string }[] }>(await siblingReviewer.get('/api/accreditations'));
    expect(new Set(sibling.items.map((i) => i.countyCode))).toEqual(new Set(['620103']));
    const own = okBody<{ items: { institutionName: string }[] }>(await institution.get('/api/accreditations'));
    expect(new Set(own.items.map((i) => i.institutionName))).toEqual(new Set(['兰州市残疾人职业技能培训中心']));
    expect((await siblingReviewer.get('/api/accreditations?regionCode=620102')).statusCode).toBe(403);
    expect((await siblingReviewer.get('/api/coverage?cityCode=620500')).statusCode).toBe(403);
  });

  it('refuses an institution account that is not linked to an institution', async () => {
    await t.createAccount({ username: 'jigou.unlinked', kind: 'institution', roles: [] });
    const unlinked = await t.loginAs('jigou.unlinked');
    const res = await unlinked.post('/api/accreditations', {
      baseName: '无机构的申请',
      baseKind: 'general',
      occupations: ['保健按摩师'],
      requestedTier: 'county',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/未关联培训机构/);
    expect(okBody<{ items: unknown[] }>(await unlinked.get('/api/accreditations')).items).toEqual([]);
  });
});

describe('county coverage', () => {
  it('counts every county-level unit of the province, 89 for Gansu, with the map shapes it has', async () => {
    const coverage = okBody<{
      total: number;
      covered: number;
      cities: { code: string; covered: number; total: number }[];
      units: { code: string; covered: boolean; onMap: boolean; cityCode: string }[];
    }>(await provinceReviewer.get('/api/coverage'));
    expect(coverage.total).toBe(t.services.regions.countyUnits().length);
    expect(coverage.total).toBe(89);
    expect(coverage.covered).toBe(coverage.units.filter((u) => u.covered).length);
    expect(coverage.cities.reduce((s, c) => s + c.total, 0)).toBe(89);
    // 嘉峪关 counts through its own unit; 兰州新区 and 甘肃矿区 count as units without a map shape
    expect(coverage.units.find((u) => u.code === '620201')).toMatchObject({ onMap: true, cityCode: '620200' });
    expect(
      coverage.units
        .filter((u) => !u.onMap)
        .map((u) => u.code)
        .sort(),
    ).toEqual(['620171', '629900']);
    // the demo: 七里河区 and 肃州区 covered (麦积区 after the downgrade above, still live)
    for (const code of ['620103', '620902', '620503']) expect(coverage.units.find((u) => u.code === code)!.covered).toBe(true);
  });

  it('drills into a city', async () => {
    const lanzhou = okBody<{ rootName: string; total: number; units: { cityCode: string }[] }>(
      await provinceReviewer.get('/api/coverage?cityCode=620100'),
    );
    expect(lanzhou.rootName).toBe('兰州市');
    expect(lanzhou.total).toBe(8);
    expect(new Set(lanzhou.units.map((u) => u.cityCode))).toEqual(new Set(['620100']));
    const bad = await provinceReviewer.get('/api/coverage?cityCode=620102');
    expect(issuesOf(bad, 400, 'VALIDATION_FAILED')['query.cityCode']).toBe('请选择一个市州');
  });

  it('serves the county map publicly and cacheably, its codes all in the region table', async () => {
    const res = await t.client().get('/api/coverage/map');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const map = res.json() as { counties: { code: string; path: string }[] };
    expect(map.counties).toHaveLength(87);
    for (const county of map.counties) {
      expect(t.services.regions.get(county.code), county.code).toBeDefined();
      expect(county.path).toMatch(/^M[\d.]+ [\d.]+L/);
    }
  });
});

describe('the score sheet and reminders', () => {
  it('lets province staff publish a new version; others and bad sheets are refused', async () => {
    const current = okBody<{ version: number; items: unknown[]; thresholds: unknown }>(await countyReviewer.get('/api/evaluation-sheet'));
    expect(current.version).toBe(1);
    const body = { items: defaultScoreSheet.items, thresholds: defaultScoreSheet.thresholds, baseVersion: 1 };
    expect((await cityReviewer.put('/api/evaluation-sheet', body)).statusCode).toBe(403);
    const bad = await provinceReviewer.put('/api/evaluation-sheet', {
      ...body,
      thresholds: { keepMin: 60, downgradeMin: 70, suspendMin: 50 },
    });
    expect(issuesOf(bad, 400, 'VALIDATION_FAILED')['body.thresholds.downgradeMin']).toMatch(/依次降低/);
    const published = okBody<{ version: number; maxTotal: number }>(
      await provinceReviewer.put('/api/evaluation-sheet', {
        ...body,
        items: [...defaultScoreSheet.items, { key: 'innovation', label: '特色与创新', maxScore: 10 }],
      }),
    );
    expect(published).toMatchObject({ version: 2, maxTotal: 110 });
    expect((await provinceReviewer.put('/api/evaluation-sheet', body)).statusCode).toBe(409);
  });

  it('puts the count of reminders on the reviewer’s home page', async () => {
    const home = okBody<{ tasks: { key: string; count: number; href: string }[] }>(await provinceReviewer.get('/api/home'));
    expect(home.tasks).toContainEqual(expect.objectContaining({ key: 'accreditation.reminders', href: '/accreditations/reminders' }));
    const none = okBody<{ tasks: { key: string }[] }>(await siblingReviewer.get('/api/home'));
    expect(none.tasks.map((task) => task.key)).not.toContain('accreditation.reminders');
  });

  it('lists terms ending and evaluations falling due in the actor’s region', async () => {
    const reminders = okBody<{
      termsEnding: { baseName: string; daysLeft: number }[];
      evaluationsDue: { baseName: string; daysLeft: number }[];
    }>(await provinceReviewer.get('/api/accreditations/reminders'));
    expect(reminders.termsEnding.map((r) => r.baseName)).toContain('天水市残疾人农村实用技术培训基地');
    expect(reminders.evaluationsDue.map((r) => r.baseName)).toContain('甘肃省残疾人非遗传承培训基地（酒泉）');
    const county = okBody<{ termsEnding: unknown[]; evaluationsDue: unknown[] }>(
      await siblingReviewer.get('/api/accreditations/reminders'),
    );
    expect(county.termsEnding).toEqual([]);
    expect(county.evaluationsDue).toEqual([]);
  });
});
