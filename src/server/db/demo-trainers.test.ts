import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../shared/domain/person-validation';
import { stateForDueDate } from '../../shared/domain/trainer-rotation';
import { buildTestApp, type TestApp } from '../testing/test-app';
import { DEMO_TRAINING_BASE, seedDemoTrainers } from './demo-trainers';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoTrainers(t.database.db, t.services.persons.crypto, todayInChina());
});
afterAll(() => t.close());

describe('the demo trainers', () => {
  it('spread about forty trainers over several counties, in every rotation state, around the boundary too', async () => {
    const rows = await t.database.db.selectFrom('trainer').select(['county_code', 'rotation_due_on']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(38);
    expect(new Set(rows.map((r) => r.county_code)).size).toBeGreaterThanOrEqual(5);
    const today = todayInChina();
    const states = rows.map((r) => stateForDueDate(r.rotation_due_on, today, 180));
    for (const state of ['ok', 'due_soon', 'overdue'] as const) expect(states.filter((s) => s.state === state).length).toBeGreaterThan(4);
    expect(states.map((s) => s.daysUntilDue)).toEqual(expect.arrayContaining([0, 1, -1]));
  });

  it('designate the demo provincial trainer-training base and run once', async () => {
    const bases = await t.services.trainers.trainingBases();
    expect(bases.items).toEqual([expect.objectContaining({ institutionName: DEMO_TRAINING_BASE, endedOn: null })]);
    await seedDemoTrainers(t.database.db, t.services.persons.crypto, todayInChina());
    expect((await t.services.trainers.trainingBases()).items).toHaveLength(1);
  });

  it('link some trainers to the demo institution account', async () => {
    const client = await t.loginAs('jigou.demo');
    const list = (await client.get('/api/trainers')).json() as { total: number };
    expect(list.total).toBeGreaterThan(0);
  });
});
