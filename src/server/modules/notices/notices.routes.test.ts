import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeDetail, NoticeSummary, PublicNotice } from '../../../shared/contracts/notices-contracts';
import type { NoticeSubjectKind } from '../../db/tables';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { type NoticeSubjectHandlers, objectionFormToken } from './notices.service';

/**
 * Public notice end to end through the API. The subject modules (institutions, accreditation,
 * catalogue) may not be wired yet, so the tests stand in for one with recording handlers.
 */
const KIND: NoticeSubjectKind = 'programme';
const outcomes: { subjectId: string; outcome: 'effective' | 'refused' | 'withdrawn'; reason?: string }[] = [];
const recording: NoticeSubjectHandlers = {
  async onEffective(trx, subjectId) {
    // runs inside the settling transaction: a query on trx must work
    await trx.selectFrom('public_notice').select('id').limit(1).execute();
    outcomes.push({ subjectId, outcome: 'effective' });
  },
  async onRefused(_trx, subjectId, reason) {
    outcomes.push({ subjectId, outcome: 'refused', reason });
  },
  async onWithdrawn(_trx, subjectId, reason) {
    outcomes.push({ subjectId, outcome: 'withdrawn', reason });
  },
};

let t: TestApp;
let previous: NoticeSubjectHandlers | undefined;
let officer: TestClient; // chengguan.peixun, training officer of 城关区 620102
let cityReviewer: TestClient; // lanzhou.shenhe, reviewer of 兰州市 620100
let otherCounty: TestClient; // a training officer of 七里河区 620103
let registrar: TestClient; // chengguan.dengji: no notice rights

beforeAll(async () => {
  t = await buildTestApp();
  previous = t.services.notices.replaceSubject(KIND, recording);
  officer = await t.loginAs('chengguan.peixun');
  cityReviewer = await t.loginAs('lanzhou.shenhe');
  await t.createAccount({ username: 'qilihe.peixun.test', roles: ['training_officer'], regionCode: '620103' });
  otherCounty = await t.loginAs('qilihe.peixun.test');
  registrar = await t.loginAs('chengguan.dengji');
});
afterAll(async () => {
  t?.services.notices.replaceSubject(KIND, previous);
  await t?.close();
});

async function openNotice(regionCode = '620102', title = '盲人按摩培训项目') {
  const subjectId = randomUUID();
  const { noticeId } = await t.database.db
    .transaction()
    .execute((trx) =>
      t.services.notices.open(trx, { kind: KIND, id: subjectId, regionCode, title, summary: `${title}：拟列入培训目录` }, null),
    );
  return { noticeId, subjectId };
}

/** Moves a notice's period into the past, as if its days had gone by. */
async function endPeriod(noticeId: string) {
  await t.database.db
    .updateTable('public_notice')
    .set({ starts_at: new Date(Date.now() - 8 * 86_400_000), ends_at: new Date(Date.now() - 1000) })
    .where('id', '=', noticeId)
    .execute();
}

/** A form token issued a minute ago: a person took their time to fill the form in. */
function token(noticeId: string, agoMs = 60_000) {
  return objectionFormToken(t.services.persons.crypto, noticeId, Date.now() - agoMs);
}

function objection(noticeId: string, overrides: Record<string, unknown> = {}) {
  return { content: '该项目的培训场地没有无障碍通道，与公示内容不符。', anonymous: true, formToken: token(noticeId), ...overrides };
}

async function file(noticeId: string, overrides: Record<string, unknown> = {}, client: TestClient = t.client()) {
  return client.post(`/api/public/notices/${noticeId}/objections`, objection(noticeId, overrides));
}

async function status(noticeId: string) {
  const row = await t.database.db.selectFrom('public_notice').select('status').where('id', '=', noticeId).executeTakeFirstOrThrow();
  return row.status;
}

describe('acceptance: a public objection stops the item taking effect until handled', () => {
  it('holds the notice, settleDue leaves it, a dismissal with the period over makes it effective', async () => {
    const { noticeId, subjectId } = await openNotice();
    const filed = await file(noticeId);
    expect(filed.statusCode, filed.body).toBe(200);
    const { lookupCode } = filed.json() as { lookupCode: string };
    expect(lookupCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(await status(noticeId)).toBe('held');

    await endPeriod(noticeId);
    await t.services.notices.settleDue();
    expect(await status(noticeId)).toBe('held');
    expect(outcomes.filter((o) => o.subjectId === subjectId)).toEqual([]);

    const publicView = (await t.client().get(`/api/public/notices/${noticeId}`)).json() as PublicNotice;
    expect(publicView.statusLabel).toBe('有异议，处理中');

    const detail = (await officer.get(`/api/notices/${noticeId}`)).json() as NoticeDetail;
    expect(detail.pendingObjections).toBe(1);
    expect(detail.canHandle).toBe(true);
    const before = await t.lastAuditSeq();
    const dismissed = await officer.post(`/api/notices/${noticeId}/objections/${detail.objections[0]!.id}/decision`, {
      decision: 'dismiss',
      reason: '经现场核查，场地已设无障碍坡道',
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect((dismissed.json() as NoticeDetail).status).toBe('effective');
    expect(outcomes.filter((o) => o.subjectId === subjectId)).toEqual([{ subjectId, outcome: 'effective' }]);
    const audit = await t.auditSince(before);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['notices.objection_decide', 'notices.effective']));

    const looked = await t.client().post('/api/public/objections/lookup', { lookupCode: lookupCode.toLowerCase().replaceAll('-', ' ') });
    expect(looked.statusCode, looked.body).toBe(200);
    expect(looked.json()).toMatchObject({
      status: 'dismissed',
      statusLabel: '异议不成立',
      decisionReason: '经现场核查，场地已设无障碍坡道',
    });
  });

  it('an upheld objection refuses the item at once and tells the subject module in the same transaction', async () => {
    const { noticeId, subjectId } = await openNotice();
    expect((await file(noticeId)).statusCode).toBe(200);
    const detail = (await cityReviewer.get(`/api/notices/${noticeId}`)).json() as NoticeDetail;
    const upheld = await cityReviewer.post(`/api/notices/${noticeId}/objections/${detail.objections[0]!.id}/decision`, {
      decision: 'uphold',
      reason: '培训场地不具备无障碍条件',
    });
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect((upheld.json() as NoticeDetail).status).toBe('refused');
    expect(outcomes.filter((o) => o.subjectId === subjectId)).toEqual([
      { subjectId, outcome: 'refused', reason: '培训场地不具备无障碍条件' },
    ]);
    await endPeriod(noticeId);
    await t.services.notices.settleDue();
    expect(await status(noticeId)).toBe('refused');
  });

  it('a dismissal before the period ends puts the notice back on notice; it settles clean at the end', async () => {
    const { noticeId, subjectId } = await openNotice();
    await file(noticeId);
    await file(noticeId);
    const detail = (await officer.get(`/api/notices/${noticeId}`)).json() as NoticeDetail;
    expect(detail.pendingObjections).toBe(2);
    const first = await officer.post(`/api/notices/${noticeId}/objections/${detail.objections[0]!.id}/decision`, {
      decision: 'dismiss',
      reason: '与本项目无关',
    });
    // another objection is still pending: the notice stays held
    expect((first.json() as NoticeDetail).status).toBe('held');
    const second = await officer.post(`/api/notices/${noticeId}/objections/${detail.objections[1]!.id}/decision`, {
      decision: 'dismiss',
      reason: '重复提交',
    });
    expect((second.json() as NoticeDetail).status).toBe('open');
    const again = await officer.post(`/api/notices/${noticeId}/objections/${detail.objections[1]!.id}/decision`, {
      decision: 'uphold',
      reason: '改判',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已处理');

    await endPeriod(noticeId);
    expect(await t.services.notices.settleDue()).toBeGreaterThanOrEqual(1);
    expect(await status(noticeId)).toBe('effective');
    expect(outcomes.filter((o) => o.subjectId === subjectId)).toEqual([{ subjectId, outcome: 'effective' }]);
  });

  it('a notice with no objection takes effect when its period ends, and only then', async () => {
    const { noticeId, subjectId } = await openNotice();
    await t.services.notices.settleDue();
    expect(await status(noticeId)).toBe('open');
    await endPeriod(noticeId);
    await t.services.notices.settleDue();
    expect(await status(noticeId)).toBe('effective');
    expect(outcomes.filter((o) => o.subjectId === subjectId)).toEqual([{ subjectId, outcome: 'effective' }]);
  });
});

describe('objections the notice cannot take', () => {
  it('answers 404 in Chinese for an unknown notice', async () => {
    const id = randomUUID();
    const res = await file(id);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('该公示不存在，不能提出异议');
  });

  it('answers 409 in Chinese once the period has ended, after settling and after withdrawal', async () => {
    const ended = await openNotice();
    await endPeriod(ended.noticeId);
    let res = await file(ended.noticeId);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', message: '该公示的公示期已结束，不再受理异议' });
    await t.services.notices.settleDue();
    res = await file(ended.noticeId);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该公示已结束，不再受理异议');

    const withdrawn = await openNotice();
    const w = await officer.post(`/api/notices/${withdrawn.noticeId}/withdraw`, { reason: '申报材料有误，退回修改' });
    expect(w.statusCode, w.body).toBe(200);
    expect(outcomes).toContainEqual({ subjectId: withdrawn.subjectId, outcome: 'withdrawn', reason: '申报材料有误，退回修改' });
    res = await file(withdrawn.noticeId);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该公示已撤回，不再受理异议');
    // nothing was written for the refused attempts
    const count = await t.database.db
      .selectFrom('notice_objection')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('notice_id', 'in', [ended.noticeId, withdrawn.noticeId])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('names the field in Chinese: empty content, a real-name filing without name and contact', async () => {
    const { noticeId } = await openNotice();
    let res = await file(noticeId, { content: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues).toContainEqual(expect.objectContaining({ field: 'body.content', label: '异议内容' }));
    res = await file(noticeId, { anonymous: false });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('实名提交时请填写姓名');
    expect(res.json().message).toContain('联系方式');
  });

  it('refuses a form posted at once (minimum fill time), a forged token and a filled honeypot', async () => {
    const { noticeId } = await openNotice();
    const fresh = (await t.client().get(`/api/public/notices/${noticeId}`)).json() as { formToken: string };
    let res = await file(noticeId, { formToken: fresh.formToken });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('提交过快，请核对填写的内容后再提交');
    res = await file(noticeId, { formToken: `${Date.now() - 60_000}.${'0'.repeat(64)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('页面已过期，请刷新页面后重新提交');
    res = await file(noticeId, { formToken: token(randomUUID()) }); // a token of another notice
    expect(res.statusCode).toBe(400);
    res = await file(noticeId, { website: 'http://spam.example' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.website');
  });
});

describe('rate limit', () => {
  it('answers 429 in Chinese after OBJECTION_MAX_PER_HOUR objections from one address', async () => {
    const { noticeId } = await openNotice();
    const one = t.client('10.9.9.9');
    for (let i = 0; i < t.config.OBJECTION_MAX_PER_HOUR; i++) expect((await file(noticeId, {}, one)).statusCode).toBe(200);
    const refused = await file(noticeId, {}, one);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
    // another address is not affected
    expect((await file(noticeId, {}, t.client('10.9.9.10'))).statusCode).toBe(200);
  });
});

describe('public routes', () => {
  it('need no session and show no personal data, not even to staff reading the public pages', async () => {
    const { noticeId } = await openNotice('620102', '公开页面测试项目');
    const filed = await file(noticeId, { anonymous: false, name: '李四', contact: '13912345678' });
    expect(filed.statusCode, filed.body).toBe(200);
    const anonymous = t.client();
    const site = await anonymous.get('/api/public/site');
    expect(site.statusCode).toBe(200);
    expect(site.json()).toEqual({ supervisionPhone: t.config.SUPERVISION_PHONE, noticeDays: t.config.NOTICE_DAYS });
    const list = await anonymous.get('/api/public/notices?kind=programme&pageSize=200');
    expect(list.statusCode).toBe(200);
    const items = (list.json() as { items: PublicNotice[] }).items;
    expect(items.map((n) => n.id)).toContain(noticeId);
    expect(items.every((n) => n.status === 'open' || n.status === 'held')).toBe(true);
    const detail = await anonymous.get(`/api/public/notices/${noticeId}`);
    for (const body of [
      list.body,
      detail.body,
      (await anonymous.post('/api/public/objections/lookup', { lookupCode: filed.json().lookupCode })).body,
    ]) {
      expect(body).not.toContain('李四');
      expect(body).not.toContain('13912345678');
      expect(body).not.toContain('filer');
    }
    // the contact is sealed at rest
    const row = await t.database.db
      .selectFrom('notice_objection')
      .select(['filer_contact_sealed', 'filer_name'])
      .where('notice_id', '=', noticeId)
      .executeTakeFirstOrThrow();
    expect(row.filer_contact_sealed?.toString('latin1')).not.toContain('13912345678');
    // staff see the name and a masked contact
    const staff = (await officer.get(`/api/notices/${noticeId}`)).json() as NoticeDetail;
    expect(staff.objections[0]).toMatchObject({ filerName: '李四', filerContact: { text: '139****5678' } });
  });

  it('an anonymous filing keeps no name or contact even when they are sent', async () => {
    const { noticeId } = await openNotice();
    expect((await file(noticeId, { anonymous: true, name: '王五', contact: '13800000000' })).statusCode).toBe(200);
    const row = await t.database.db
      .selectFrom('notice_objection')
      .select(['filer_contact_sealed', 'filer_name', 'anonymous'])
      .where('notice_id', '=', noticeId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ filer_contact_sealed: null, filer_name: null, anonymous: true });
  });

  it('lookup of an unknown or malformed code answers in Chinese', async () => {
    let res = await t.client().post('/api/public/objections/lookup', { lookupCode: 'ABCD-EFGH-JKMN' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('没有找到该查询码对应的异议，请核对查询码');
    res = await t.client().post('/api/public/objections/lookup', { lookupCode: '123' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0]).toMatchObject({ label: '查询码' });
  });
});

describe('staff routes keep to the region', () => {
  it('lists only notices in scope, and a county officer cannot read or handle another county’s notice', async () => {
    const mine = await openNotice('620102', '城关区项目');
    const theirs = await openNotice('620103', '七里河区项目');
    await file(theirs.noticeId);

    const listed = (await officer.get('/api/notices?pageSize=200')).json() as { items: NoticeSummary[] };
    expect(listed.items.map((n) => n.id)).toContain(mine.noticeId);
    expect(listed.items.map((n) => n.id)).not.toContain(theirs.noticeId);
    expect(listed.items.every((n) => n.regionCode === '620102')).toBe(true);

    const city = (await cityReviewer.get('/api/notices?pageSize=200&regionCode=620103')).json() as { items: NoticeSummary[] };
    expect(city.items.map((n) => n.id)).toContain(theirs.noticeId);
    expect(city.items.every((n) => n.regionCode === '620103')).toBe(true);

    expect((await officer.get(`/api/notices/${theirs.noticeId}`)).statusCode).toBe(403);
    expect((await officer.get('/api/notices?regionCode=620103')).statusCode).toBe(403);
    const detail = (await otherCounty.get(`/api/notices/${theirs.noticeId}`)).json() as NoticeDetail;
    const res = await officer.post(`/api/notices/${theirs.noticeId}/objections/${detail.objections[0]!.id}/decision`, {
      decision: 'uphold',
      reason: '越权测试',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUT_OF_SCOPE');
    expect(await status(theirs.noticeId)).toBe('held');
    expect((await officer.post(`/api/notices/${theirs.noticeId}/withdraw`, { reason: '越权测试' })).statusCode).toBe(403);
  });

  it('filters by kind, status and period', async () => {
    const { noticeId } = await openNotice();
    const held = await openNotice();
    await file(held.noticeId);
    const byStatus = (await officer.get('/api/notices?status=held&pageSize=200')).json() as { items: NoticeSummary[] };
    expect(byStatus.items.map((n) => n.id)).toContain(held.noticeId);
    expect(byStatus.items.map((n) => n.id)).not.toContain(noticeId);
    expect(byStatus.items.every((n) => n.status === 'held')).toBe(true);
    const past = (await officer.get('/api/notices?to=2020-01-01')).json() as { items: NoticeSummary[] };
    expect(past.items).toEqual([]);
    const kind = (await officer.get('/api/notices?kind=institution&pageSize=200')).json() as { items: NoticeSummary[] };
    expect(kind.items.every((n) => n.kind === 'institution')).toBe(true);
  });

  it('refuses accounts without the notice rights', async () => {
    expect((await registrar.get('/api/notices')).statusCode).toBe(403);
  });

  it('withdrawal needs a reason and an undecided notice', async () => {
    const { noticeId } = await openNotice();
    let res = await officer.post(`/api/notices/${noticeId}/withdraw`, { reason: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0]).toMatchObject({ label: '原因' });
    await endPeriod(noticeId);
    await t.services.notices.settleDue();
    res = await officer.post(`/api/notices/${noticeId}/withdraw`, { reason: '测试撤回' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该公示已结束（公示期满，已生效），不能撤回');
  });
});

describe('the settling loop and the home page', () => {
  it('settles ended notices on its timer and stops cleanly', async () => {
    const { noticeId } = await openNotice();
    await endPeriod(noticeId);
    t.services.notices.startSettling(20, { error: () => undefined });
    await expect.poll(() => status(noticeId), { timeout: 5_000 }).toBe('effective');
    await t.services.notices.stopSettling();
  });

  it('counts notices held by a pending objection for the handling staff', async () => {
    const { noticeId } = await openNotice();
    await file(noticeId);
    const home = (await officer.get('/api/home')).json() as { tasks: { key: string; count: number; href: string }[] };
    expect(home.tasks).toContainEqual(expect.objectContaining({ key: 'notices.held', href: '/notices?status=held' }));
    const held = home.tasks.find((task) => task.key === 'notices.held')!;
    const listed = (await officer.get('/api/notices?status=held&pageSize=200')).json() as { total: number };
    expect(held.count).toBe(listed.total);
  });
});

describe('a failing subject handler', () => {
  it('rolls its notice back and does not hold up the others', async () => {
    const broken = await openNotice();
    const fine = await openNotice();
    await endPeriod(broken.noticeId);
    await endPeriod(fine.noticeId);
    const failing: NoticeSubjectHandlers = {
      ...recording,
      async onEffective(trx, subjectId) {
        if (subjectId === broken.subjectId) throw new Error('subject module failed');
        return recording.onEffective(trx, subjectId);
      },
    };
    t.services.notices.replaceSubject(KIND, failing);
    try {
      await expect(t.services.notices.settleDue()).rejects.toThrow(/could not be settled/);
    } finally {
      t.services.notices.replaceSubject(KIND, recording);
    }
    expect(await status(broken.noticeId)).toBe('open');
    expect(await status(fine.noticeId)).toBe('effective');
    // once the module works again, the next round settles it
    await t.services.notices.settleDue();
    expect(await status(broken.noticeId)).toBe('effective');
  });
});
