import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIdNumber } from '../../shared/domain/identity-number';
import { checkPersonName, checkPhone } from '../../shared/domain/person-fields';
import { isWorkingAge, validatePerson } from '../../shared/domain/person-validation';
import { loadReferenceRegions } from '../modules/regions/region-reference';
import { createRegionsRepository } from '../modules/regions/regions.repository';
import { RegionsService } from '../modules/regions/regions.service';
import { PersonalDataCrypto } from '../platform/personal-data-crypto';
import { withDatabase } from '../testing/global-setup';
import { openTestDatabase } from '../testing/test-app';
import { testDatabaseUrl } from '../config';
import type { Database } from './database';
import { seedDemo } from './demo-seed';
import {
  addPossibleDuplicates,
  createPersonGenerator,
  createRandom,
  DEMO_DUPLICATE_PAIRS,
  DEMO_PERSONS,
  demoPersonsKey,
  generatePersons,
  loadDemoPersons,
  loadSyntheticPersons,
  SERIAL_CAPACITY,
  serialSlot,
  type SyntheticPerson,
} from './demo-persons';
import { bulkTargetOf, copyField, readSyntheticSerial, timeOrderedUuid } from './person-bulk-load';

const today = '2026-06-01';
/** Gansu's county-level units as RegionsService.countyUnits() answers them (89) */
const reference = loadReferenceRegions('620000');
const counties = reference
  .filter((r) => r.level === 'county' || (r.level === 'city' && !reference.some((c) => c.parentCode === r.code)))
  .map((r) => ({ code: r.code, name: r.name }));
const countyCodes = new Set(counties.map((c) => c.code));
const context = {
  today,
  regionExists: (code: string) => reference.some((r) => r.code === code),
  isCountyUnit: (code: string) => countyCodes.has(code),
};
const crypto = new PersonalDataCrypto({ encryptionKey: randomBytes(16), macKey: randomBytes(32), indexKey: randomBytes(32) });
const bounds = { min: 16, maxMale: 59, maxFemale: 54 };

const generator = createPersonGenerator({ counties, today, seed: 'test' });
const sample = generatePersons(generator, 0, 20_000);
const share = (persons: SyntheticPerson[], test: (p: SyntheticPerson) => boolean) => persons.filter(test).length / persons.length;

describe('synthetic person generator', () => {
  it('has 89 county units to spread persons over', () => {
    expect(counties).toHaveLength(89);
  });

  it('is deterministic: the same seed and serial give the same person, another seed another person', () => {
    const again = createPersonGenerator({ counties, today, seed: 'test' });
    expect(again.person(12_345)).toEqual(sample[12_345]);
    const other = createPersonGenerator({ counties, today, seed: 'other' }).person(12_345);
    expect(other.name === sample[12_345]!.name && other.phone === sample[12_345]!.phone).toBe(false);
    // the ID number belongs to the serial, not to the seed: seeds never collide on it
    expect(other.idNumber.slice(6, 17)).toBe(sample[12_345]!.idNumber.slice(6, 17));
  });

  it('the seeded PRNG is uniform enough and reproducible', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const values = Array.from({ length: 10_000 }, () => a());
    expect(values.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((s, v) => s + v, 0) / values.length).toBeCloseTo(0.5, 1);
  });

  it('every person passes the shared validation unchanged, with sex, birth date, category and level derived from the numbers', () => {
    for (const person of sample) {
      const { serial, recordedSecondsAgo: _ago, ...fields } = person;
      const checked = validatePerson(fields, context);
      if (!checked.ok) throw new Error(`${serial}: ${JSON.stringify(checked.issues)}`);
      expect(checked.value).toEqual(fields);
    }
  });

  it('ID numbers: 18 characters with a valid checksum, born 1950–2008, unique across serials', () => {
    const ids = new Set<string>();
    for (const person of sample) {
      const id = checkIdNumber(person.idNumber, { today });
      expect(id.ok).toBe(true);
      expect(person.birthDate >= '1950-01-01' && person.birthDate <= '2008-12-31').toBe(true);
      ids.add(person.idNumber);
    }
    expect(ids.size).toBe(sample.length);
    const years = new Set(sample.map((p) => p.birthDate.slice(0, 4)));
    expect(years.size).toBe(59);
  });

  it('two serials never share a birth date and sequence (the ID number minus its region code)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SERIAL_CAPACITY - 1 }), fc.integer({ min: 0, max: SERIAL_CAPACITY - 1 }), (a, b) => {
        const x = serialSlot(a);
        const y = serialSlot(b);
        return a === b || x.birth !== y.birth || x.sequence !== y.sequence;
      }),
      { numRuns: 20_000 },
    );
    expect(() => serialSlot(SERIAL_CAPACITY)).toThrow(RangeError);
  });

  it('region codes: mostly the county itself, some from elsewhere in the province, some from other provinces', () => {
    expect(share(sample, (p) => p.idNumber.slice(0, 6) === p.hukouRegionCode)).toBe(1);
    const outside = share(sample, (p) => !p.hukouRegionCode.startsWith('62'));
    expect(outside).toBeGreaterThan(0.03);
    expect(outside).toBeLessThan(0.1);
    expect(share(sample, (p) => p.hukouRegionCode === p.countyCode)).toBeGreaterThan(0.75);
    expect(
      sample
        .filter((p) => p.hukouRegionCode.startsWith('62'))
        .every((p) => countyCodes.has(p.hukouRegionCode) && p.hukouRegionCode !== '629900'),
    ).toBe(true);
  });

  it('certificates: ID + category + level, 肢体 the most common category, a few legacy numbers and a few without', () => {
    const byCategory = new Map<string, number>();
    for (const p of sample) {
      if (p.certificateNumber && !p.certificateLegacy) {
        expect(p.certificateNumber).toBe(`${p.idNumber}${p.disabilityCategory}${p.disabilityLevel}`);
        byCategory.set(p.disabilityCategory!, (byCategory.get(p.disabilityCategory!) ?? 0) + 1);
      } else expect(p.disabilityCategory).toBeNull();
    }
    const ranked = [...byCategory].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]![0]).toBe('4');
    expect(ranked.at(-1)![0]).toBe('3');
    expect(byCategory.size).toBe(7);
    expect(share(sample, (p) => p.certificateLegacy)).toBeGreaterThan(0.005);
    expect(share(sample, (p) => p.certificateNumber === null)).toBeGreaterThan(0.02);
  });

  it('names: valid, some with extension-B characters, some minority names with the middle dot', () => {
    for (const p of sample) expect(checkPersonName(p.name)).toEqual({ ok: true, value: p.name });
    expect(sample.some((p) => /[\u{20000}-\u{2A6DF}]/u.test(p.name))).toBe(true);
    expect(sample.some((p) => p.name.includes('·'))).toBe(true);
    expect(new Set(sample.map((p) => p.name)).size).toBeGreaterThan(5_000);
  });

  it('phones: mostly mobile 1[3-9] plus nine digits, a few landlines, some missing', () => {
    const phones = sample.map((p) => p.phone).filter((p): p is string => p !== null);
    for (const phone of phones) expect(checkPhone(phone)).toEqual({ ok: true, value: phone });
    expect(phones.filter((p) => /^1[3-9]\d{9}$/.test(p)).length / phones.length).toBeGreaterThan(0.95);
    expect(share(sample, (p) => p.phone === null)).toBeGreaterThan(0.04);
  });

  it('about 70% of working-age persons are unemployed; employment forms only for the employed', () => {
    const working = sample.filter((p) => isWorkingAge(p.sex, p.birthDate, today, bounds));
    const unemployed = share(working, (p) => p.employmentStatus === 'unemployed');
    expect(unemployed).toBeGreaterThan(0.65);
    expect(unemployed).toBeLessThan(0.75);
    for (const p of sample) expect(p.employmentForm === null).toBe(p.employmentStatus === 'unemployed');
  });

  it('training wishes among working-age persons; accommodations that fit the disability', () => {
    const working = sample.filter((p) => isWorkingAge(p.sex, p.birthDate, today, bounds));
    expect(share(working, (p) => p.trainingWishes.length > 0)).toBeGreaterThan(0.3);
    const hearing = sample.filter((p) => p.disabilityCategory === '2');
    expect(share(hearing, (p) => p.accommodations.includes('sign_language'))).toBeGreaterThan(0.5);
    const visual = sample.filter((p) => p.disabilityCategory === '1');
    expect(share(visual, (p) => p.accommodations.includes('screen_reader') || p.accommodations.includes('large_print'))).toBeGreaterThan(
      0.7,
    );
    expect(
      sample
        .filter((p) => p.accommodations.includes('sign_language'))
        .every((p) => p.disabilityCategory === '2' || p.disabilityCategory === '3'),
    ).toBe(true);
    for (const p of sample) expect(p.accommodationOther !== null).toBe(p.accommodations.includes('other'));
  });

  it('the first persons of a run cover every county; the demo duplicates are findable and collide with no ID number', () => {
    const demo = generatePersons(generator, 0, DEMO_PERSONS);
    expect(new Set(demo.map((p) => p.countyCode)).size).toBe(89);
    const extra = addPossibleDuplicates(demo, DEMO_DUPLICATE_PAIRS, generator);
    const all = [...demo, ...extra];
    expect(new Set(all.map((p) => p.idNumber)).size).toBe(all.length);
    expect(new Set(demo.slice(0, 89).map((p) => p.countyCode)).size).toBe(89);
    const group = (key: (p: SyntheticPerson) => string) => {
      const groups = new Map<string, number>();
      for (const p of all) groups.set(key(p), (groups.get(key(p)) ?? 0) + 1);
      return [...groups.values()].filter((n) => n > 1).length;
    };
    expect(group((p) => `${p.name}|${p.phone ?? p.serial}`)).toBeGreaterThanOrEqual(DEMO_DUPLICATE_PAIRS / 2);
    expect(group((p) => `${p.countyCode}|${p.name}|${p.birthDate}`)).toBeGreaterThanOrEqual(DEMO_DUPLICATE_PAIRS / 2);
    for (const twin of extra) expect(validatePerson(twin, context).ok).toBe(true);
  });
});

describe('COPY text format', () => {
  it('escapes what the text format needs and writes bytea as \\\\x hex', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField(Buffer.from([0, 255]))).toBe('\\\\x00ff');
    expect(copyField(['sign_language', 'a"b'])).toBe('{"sign_language","a\\\\"b"}');
    expect(copyField([])).toBe('{}');
    expect(copyField(true)).toBe('t');
    expect(copyField(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
  });

  it('time-ordered UUIDs are valid version-7 UUIDs that sort in creation order', () => {
    const ids = Array.from({ length: 1_000 }, () => timeOrderedUuid(1_700_000_000_000));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('loading into the database', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let regions: RegionsService;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
    regions = new RegionsService(createRegionsRepository(database.db), '620000');
    await regions.load();
  });
  afterAll(() => drop());

  const counts = async () =>
    (
      await sql<{ persons: number; changes: number; employment: number; counties: number }>`
        SELECT (SELECT count(*) FROM person) AS persons, (SELECT count(*) FROM person_change) AS changes,
               (SELECT count(*) FROM person_employment) AS employment, (SELECT count(DISTINCT county_code) FROM person) AS counties`.execute(
        database.db,
      )
    ).rows[0]!;

  it('seedDemo without persons loads none', async () => {
    expect(await seedDemo(database, { persons: false })).toBe(true);
    expect((await counts()).persons).toBe(0);
  });

  it('the demo persons: every county, a create change (source demo) and an employment entry each, sealed numbers that open and match their index', async () => {
    const started = performance.now();
    const loaded = await loadDemoPersons(database, { crypto, regions, today });
    const ms = performance.now() - started;
    expect(loaded).toBe(DEMO_PERSONS + DEMO_DUPLICATE_PAIRS / 2);
    expect(ms).toBeLessThan(20_000);
    expect(await counts()).toEqual({ persons: loaded, changes: loaded, employment: loaded, counties: 89 });
    const changes = await database.db.selectFrom('person_change').select(['kind', 'source']).distinct().execute();
    expect(changes).toEqual([{ kind: 'create', source: 'demo' }]);
    const rows = await database.db.selectFrom('person').selectAll().limit(50).execute();
    for (const row of rows) {
      const id = crypto.open(row.id_number_sealed);
      expect(checkIdNumber(id, { today }).ok).toBe(true);
      expect(row.id_number_index).toBe(crypto.blindIndex(id));
      expect(row.id_number_sealed.toString('latin1')).not.toContain(id);
      expect(row.id_number_masked).toMatch(/^\d{3}\*{13}[\dX]{2}$/);
      if (row.certificate_sealed)
        expect(crypto.open(row.certificate_sealed).startsWith(row.certificate_legacy ? row.county_code : id)).toBe(true);
    }
    const duplicates = await sql<{ n: number }>`
      SELECT count(*) AS n FROM (SELECT 1 FROM person WHERE phone IS NOT NULL GROUP BY name, phone HAVING count(*) > 1) d`.execute(
      database.db,
    );
    expect(Number(duplicates.rows[0]!.n)).toBeGreaterThanOrEqual(DEMO_DUPLICATE_PAIRS / 2);
    expect(await readSyntheticSerial(database.db)).toBe(DEMO_PERSONS);
    const marker = await database.db.selectFrom('app_meta').select('key').where('key', '=', demoPersonsKey).executeTakeFirst();
    expect(marker).toBeDefined();
    expect(await loadDemoPersons(database, { crypto, regions, today })).toBe(0);
  });

  it('synthetic loads continue after the demo serials, batch by batch or with indexes and keys rebuilt, and leave the same indexes and constraints', async () => {
    const indexes = async () =>
      (
        await sql<{
          def: string;
        }>`SELECT indexdef AS def FROM pg_indexes WHERE tablename IN ('person', 'person_change', 'person_employment') ORDER BY 1`.execute(
          database.db,
        )
      ).rows.map((r) => r.def);
    const before = await indexes();
    const before_ = await counts();
    const target = bulkTargetOf(database);
    const first = await loadSyntheticPersons(database.db, target, {
      crypto,
      counties: regions.countyUnits(),
      count: 1_500,
      batchSize: 700,
      today,
    });
    expect(first.offset).toBe(DEMO_PERSONS);
    // on PostgreSQL the second run takes COPY FROM STDIN on a client of its own, as seed:scale does
    const url = testDatabaseUrl();
    const client = url
      ? new pg.Client({
          connectionString: withDatabase(
            url,
            (await sql<{ name: string }>`SELECT current_database() AS name`.execute(database.db)).rows[0]!.name,
          ),
        })
      : null;
    await client?.connect();
    const second = await loadSyntheticPersons(database.db, client ? { kind: 'postgres-copy', client } : target, {
      crypto,
      counties: regions.countyUnits(),
      count: 1_000,
      batchSize: 400,
      today,
      rebuildIndexes: true,
    }).finally(() => client?.end());
    expect(second.offset).toBe(DEMO_PERSONS + 1_500);
    expect(await readSyntheticSerial(database.db)).toBe(DEMO_PERSONS + 2_500);
    expect((await counts()).persons).toBe(before_.persons + 2_500);
    expect(await indexes()).toEqual(before);
    const sources = await database.db.selectFrom('person_change').select('source').where('source', '=', 'seed:scale').execute();
    expect(sources).toHaveLength(2_500);
    // a run over serials already taken fails whole on the unique blind index, and leaves nothing behind
    await expect(
      loadSyntheticPersons(database.db, target, { crypto, counties: regions.countyUnits(), count: 10, offset: DEMO_PERSONS, today }),
    ).rejects.toThrow();
    expect((await counts()).persons).toBe(before_.persons + 2_500);
    expect(await readSyntheticSerial(database.db)).toBe(DEMO_PERSONS + 2_500);
  });
});
