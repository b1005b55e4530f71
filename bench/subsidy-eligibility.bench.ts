/**
 * Subsidy eligibility benchmark, called by bench/run-bench.ts once per database (PGlite, and
 * PostgreSQL when BENCH_DATABASE_URL is set):
 *
 *   a batch of 10,000 draft claims checked against a history of BENCH_SUBSIDIES paid subsidies
 *   (default 1,000,000) over ~0.3 × BENCH_SUBSIDIES persons, through `evaluateClaims` — the path the
 *   claims service takes on submission, recheck and approval: bulk loads of certificates, person
 *   regions, class venues and the cross-region history, then the pure engine with its explanations —
 *   vs ONE SQL statement that finds the same failed rules (the baseline below). Both run in the same
 *   process on the same driver, alternately, several times; the median of each is compared, and the
 *   set of (claim, failed rule) pairs must be identical or the run fails.
 *
 * The history is written with INSERT … SELECT over generate_series (persons as minimal rows, classes,
 * one enrolment per paid claim, the paid claims). The batch lives in a scratch table shaped like
 * subsidy_claim (bench_subsidy_batch, dropped at the end): a claim on the same enrolment as a paid
 * one cannot be stored in subsidy_claim itself (its unique index refuses it), yet the engine must
 * still find that conflict in claims handed to it, and the scratch table lets both sides see the
 * same batch. Everything written here is keyed by md5-derived ids;
 * it stays in the bench's scratch database, which run-bench.ts drops.
 */
import { sql } from 'kysely';
import type { Database } from '../src/server/db/database';
import type { ClaimRow } from '../src/server/modules/subsidy-claims/claim-access';
import { candidatesFor, evaluateClaims } from '../src/server/modules/subsidy-claims/claim-eligibility';
import { loadSubsidyHistory } from '../src/server/modules/subsidy-claims/subsidy-history';
import { createRegionsRepository } from '../src/server/modules/regions/regions.repository';
import { RegionsService } from '../src/server/modules/regions/regions.service';
import { countingClaimStatuses } from '../src/shared/domain/subsidy-codes';
import { checkEligibilityBatch, type EligibilityOptions } from '../src/shared/domain/subsidy-eligibility';

export interface SubsidyBenchTarget {
  label: string;
  open(): Promise<Database>;
}

export interface Measure {
  latencies: number[];
}

export interface SubsidyRow {
  name: string;
  unit: 'ms';
  value: Measure;
  baseline: Measure;
}

const settings = {
  batch: 10_000,
  repetitions: 5,
  /** persons per paid subsidy: each person has about three in the history */
  personShare: 0.3,
  /** the config defaults (SUBSIDY_YEARLY_CAP_FEN, SUBSIDY_REGION_MATCH) */
  options: { yearlyCapFen: 1_000_000, regionMatch: 'city' } satisfies EligibilityOptions,
  /** classes per county unit, for the history and (as many again) for the batch */
  classesPerCounty: 10,
};

const occupations = [
  '电子商务师',
  '保健按摩师',
  '中式面点师',
  '计算机操作员',
  '西式面点师',
  '手工编织工',
  '美容师',
  '育婴员',
  '家政服务员',
  '农作物植保员',
  '剪纸工',
  '中药材种植员',
];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

/**
 * Writes the history and the batch. Per history claim i: person p = i mod P, its k-th claim
 * (k = i div P) in a class of the person's hukou county, an occupation and level from p and k, a year
 * from 2020 to 2026, paid. Per batch claim j (a distinct person each), j mod 20 picks what it runs
 * into: 0–3 the same occupation and level as the person's first paid claim, 4–6 a lower level of
 * that occupation, 7–8 the yearly cap in that claim's year, 9 that claim's own enrolment, 10 another
 * fund declared, 11 no certificate, 12 a revoked certificate or one of another enrolment, 13 a class
 * in another city (half of them with a job-seeking region there), the rest nothing.
 */
async function prepare(database: Database, history: number): Promise<{ persons: number; setupMs: number }> {
  const { db } = database;
  const started = performance.now();
  const regions = new RegionsService(createRegionsRepository(db), '620000');
  await regions.load();
  const counties = regions.countyUnits().map((r) => r.code);
  const n = counties.length;
  const persons = Math.max(1_000, Math.round(history * settings.personShare));
  const histClasses = n * settings.classesPerCounty;
  const institutions = (await db.selectFrom('institution').select('id').orderBy('name').execute()).map((r) => r.id);
  const programme = await db
    .selectFrom('catalogue_programme')
    .select(['id', 'programme_code'])
    .where('status', '=', 'active')
    .orderBy('programme_code')
    .executeTakeFirstOrThrow();
  if (institutions.length === 0) throw new Error('no institutions: the demo seed must run first');
  const c = sql.val(counties);
  const occ = sql.val(occupations);
  const levels = sql.val(['5', '4', '3', '2', '1']);
  const step = async (label: string, run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    console.log(`    ${label} in ${seconds(performance.now() - t)}`);
  };

  await step(`${persons.toLocaleString('en-US')} persons`, () =>
    sql`
      INSERT INTO person (id, county_code, id_number_sealed, id_number_index, id_number_masked, name, sex, birth_date,
                          hukou_region_code, residence_region_code)
      SELECT md5('bp' || g)::uuid, (${c}::text[])[1 + g % ${n}], '\\x01'::bytea, 'bench-subsidy-' || g, '620***********01',
             '补贴测试' || g, CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, date '1975-01-01' + (g % 12000),
             (${c}::text[])[1 + g % ${n}],
             CASE WHEN g % 11 = 0 THEN (${c}::text[])[1 + (g + 5) % ${n}] END
      FROM generate_series(0, ${persons - 1}) g`.execute(db),
  );
  await step(`${(2 * histClasses).toLocaleString('en-US')} classes`, () =>
    sql`
      INSERT INTO training_class (id, class_no, county_code, institution_id, programme_id, programme_code, name, training_type,
                                  venue_address, venue_region_code, starts_on, ends_on, period_code, training_year, hours,
                                  planned_size, budget_fen, exam_on, status)
      SELECT md5('bc' || g)::uuid, 'BENCH-' || g, (${c}::text[])[1 + g % ${n}],
             (${sql.val(institutions)}::uuid[])[1 + g % ${institutions.length}], ${programme.id}, ${programme.programme_code},
             '补贴基准测试班 ' || g, 'employment_skills', '测试地址', (${c}::text[])[1 + g % ${n}], date '2025-03-01',
             date '2025-04-01', 'short', 2025, 120, 50, 0, date '2025-04-01', 'closed'
      FROM generate_series(0, ${2 * histClasses - 1}) g`.execute(db),
  );
  // history claim i: person p = i % P, k = i / P; class = county of p + n × ((p + k) mod 10): distinct per person
  const hist = sql`
    SELECT i, i % ${persons} AS p, i / ${persons} AS k,
           ((i % ${persons}) % ${n}) + ${n} * (((i % ${persons}) + i / ${persons}) % ${settings.classesPerCounty}) AS cls
    FROM generate_series(0, ${history - 1}) i`;
  await step(`${history.toLocaleString('en-US')} enrolments`, () =>
    sql`
      INSERT INTO class_enrolment (id, class_id, county_code, participant_kind, person_id, status, source, exam_score,
                                   completion_result)
      SELECT md5('be' || h.i)::uuid, md5('bc' || h.cls)::uuid, (${c}::text[])[1 + h.cls % ${n}], 'person', md5('bp' || h.p)::uuid,
             'enrolled', 'institution', 80, 'passed'
      FROM (${hist}) h`.execute(db),
  );
  await step(`${history.toLocaleString('en-US')} paid subsidies`, () =>
    sql`
      INSERT INTO subsidy_claim (id, claim_no, county_code, class_id, enrolment_id, person_id, institution_id, programme_code,
                                 occupation, skill_level, training_type, training_year, exam_on, submit_due_on, items, amount_fen,
                                 standard_fen, status, submitted_at, approved_at, paid_at)
      SELECT md5('bh' || h.i)::uuid, 'BH' || h.i, (${c}::text[])[1 + h.cls % ${n}], md5('bc' || h.cls)::uuid, md5('be' || h.i)::uuid,
             md5('bp' || h.p)::uuid, (${sql.val(institutions)}::uuid[])[1 + h.cls % ${institutions.length}], ${programme.programme_code},
             (${occ}::text[])[1 + (h.p * 7 + h.k * 3) % 12],
             CASE WHEN h.i % 97 = 0 THEN 'none' ELSE (${levels}::text[])[1 + (h.p + h.k) % 5] END,
             'employment_skills', 2020 + (h.p + h.k * 2) % 7, date '2025-04-01', date '2025-05-01', '[]',
             100000 + ((h.i * 37) % 40) * 10000, 400000, 'paid', now(), now(), now()
      FROM (${hist}) h`.execute(db),
  );

  await sql`DROP TABLE IF EXISTS bench_subsidy_batch`.execute(db);
  await sql`CREATE TABLE bench_subsidy_batch (LIKE subsidy_claim INCLUDING DEFAULTS, PRIMARY KEY (id))`.execute(db);
  // batch claim j: person p = j × 7919 mod P (distinct); q = p's county; the person's first paid claim is i = p (k = 0)
  await step(`${settings.batch.toLocaleString('en-US')} draft claims`, async () => {
    await sql`
      INSERT INTO bench_subsidy_batch (id, claim_no, county_code, class_id, enrolment_id, person_id, certificate_id, institution_id,
                                       programme_code, occupation, skill_level, training_type, training_year, exam_on, submit_due_on,
                                       items, amount_fen, standard_fen, job_seeking_region_code, other_funding, status)
      SELECT md5('bb' || b.j)::uuid, 'BB' || b.j, (${c}::text[])[1 + b.cls % ${n}], md5('bc' || b.cls)::uuid,
             CASE WHEN b.cat = 9 THEN md5('be' || b.p) ELSE md5('bbe' || b.j) END::uuid,
             md5('bp' || b.p)::uuid,
             CASE WHEN b.cat = 11 THEN NULL WHEN b.j % 40 = 32 THEN md5('bt' || (b.j - 2))::uuid ELSE md5('bt' || b.j)::uuid END,
             (${sql.val(institutions)}::uuid[])[1 + b.cls % ${institutions.length}], ${programme.programme_code},
             CASE WHEN b.cat <= 6 THEN (${occ}::text[])[1 + (b.p * 7) % 12] ELSE '网络直播营销师' END,
             CASE WHEN b.cat <= 3 THEN (CASE WHEN b.p % 97 = 0 THEN 'none' ELSE (${levels}::text[])[1 + b.p % 5] END)
                  WHEN b.cat <= 6 THEN '5' ELSE '4' END,
             'employment_skills',
             CASE WHEN b.cat IN (7, 8) THEN 2020 + b.p % 7 ELSE 2027 END,
             date '2026-04-01', date '2026-05-01', '[]',
             CASE WHEN b.cat IN (7, 8) THEN 900000 ELSE 200000 END, 400000,
             CASE WHEN b.cat = 13 AND b.j % 40 = 33 THEN (${c}::text[])[1 + b.cls % ${n}] END,
             CASE WHEN b.cat = 10 THEN '人社部门职业技能提升行动资金' END,
             'draft'
      FROM (
        SELECT j, p, cat, CASE
          WHEN cat = 9 THEN (p % ${n}) + ${n} * (p % ${settings.classesPerCounty})
          WHEN cat = 13 THEN ${histClasses} + ((p % ${n}) + ${Math.floor(n / 2)}) % ${n} + ${n} * (j % ${settings.classesPerCounty})
          ELSE ${histClasses} + (p % ${n}) + ${n} * (j % ${settings.classesPerCounty}) END AS cls
        FROM (SELECT j, ((j::bigint * 7919) % ${persons})::int AS p, j % 20 AS cat FROM generate_series(0, ${settings.batch - 1}) j) s
      ) b`.execute(db);
    await sql`
      INSERT INTO class_enrolment (id, class_id, county_code, participant_kind, person_id, status, source, exam_score, completion_result)
      SELECT enrolment_id, class_id, county_code, 'person', person_id, 'enrolled', 'institution', 80, 'passed'
      FROM bench_subsidy_batch WHERE enrolment_id = md5('bbe' || substr(claim_no, 3))::uuid`.execute(db);
    await sql`
      INSERT INTO training_certificate (id, certificate_no, verify_code, class_id, enrolment_id, person_id, county_code, holder_name,
                                        holder_name_masked, issued_on, status, revoked_reason)
      SELECT certificate_id, 'BENCHT' || substr(claim_no, 3), 'BV' || substr(claim_no, 3), class_id, enrolment_id, person_id, county_code,
             '补贴测试', '补***', date '2025-04-10',
             CASE WHEN substr(claim_no, 3)::int % 40 = 12 THEN 'revoked' ELSE 'valid' END,
             CASE WHEN substr(claim_no, 3)::int % 40 = 12 THEN '考核材料不实，撤销证书' END
      FROM bench_subsidy_batch WHERE certificate_id = md5('bt' || substr(claim_no, 3))::uuid`.execute(db);
  });
  await step('ANALYZE', () => sql`ANALYZE`.execute(db));
  return { persons, setupMs: performance.now() - started };
}

/**
 * The baseline: one statement that lists (claim, failed rule) for the batch, rule by rule as the
 * engine decides them, over the same tables and the same history (claims in a counting status,
 * any institution, year and region, the claim itself left out):
 *   certificate      no certificate of the claim's own enrolment, or a revoked one;
 *   region           the class venue's city is neither the hukou's, the residence's nor the
 *                    declared job-seeking region's (city of a code as placeOf answers it: the
 *                    region table's city, or the code's first four digits for unknown codes);
 *   one_per_level    a history claim of the same occupation (inner spaces ignored) and level;
 *   no_lower_level   a history claim of the same occupation at a higher numeric level (1 highest);
 *   yearly_cap       the year's history amounts plus this claim's exceed the cap;
 *   no_other_fund    a history claim on the same enrolment, or another fund declared.
 * It answers only the failed pairs, without the explanations the engine writes.
 */
function baselineQuery(options: EligibilityOptions) {
  // the place key of a code at the match level, as placeOf answers it (unknown codes by their digits)
  const key = (alias: string, code: string) =>
    options.regionMatch === 'county'
      ? sql.raw(code)
      : options.regionMatch === 'province'
        ? sql.raw(`substr(${code}, 1, 2) || '0000'`)
        : sql.raw(`coalesce(${alias}.city, substr(${code}, 1, 4) || '00')`);
  const counting = sql.val([...countingClaimStatuses]);
  // h: each batch claim beside every other counting claim of its person, computed once for the four history rules
  return sql<{ claim_id: string; rule: string }>`
    WITH h AS (
      SELECT b.id AS claim_id, b.enrolment_id AS b_enrolment, b.skill_level AS b_level, b.training_year AS b_year,
             regexp_replace(b.occupation, '\\s+', '', 'g') = regexp_replace(c.occupation, '\\s+', '', 'g') AS same_occupation,
             c.skill_level, c.training_year, c.amount_fen, c.enrolment_id
      FROM bench_subsidy_batch b
      JOIN subsidy_claim c ON c.person_id = b.person_id AND c.id <> b.id AND c.status = ANY(${counting}::text[])
    ),
    cities AS (
      SELECT r.code, CASE WHEN r.level = 'city' THEN r.code WHEN r.level = 'county' AND pr.level = 'city' THEN pr.code END AS city
      FROM region r LEFT JOIN region pr ON pr.code = r.parent_code
    ),
    places AS (
      SELECT b.id, ${key('cv', 'k.venue_region_code')} AS venue, ${key('ch', 'p.hukou_region_code')} AS hukou,
             ${key('cr', 'p.residence_region_code')} AS residence, ${key('cj', 'b.job_seeking_region_code')} AS job
      FROM bench_subsidy_batch b LEFT JOIN training_class k ON k.id = b.class_id LEFT JOIN person p ON p.id = b.person_id
        LEFT JOIN cities cv ON cv.code = k.venue_region_code LEFT JOIN cities ch ON ch.code = p.hukou_region_code
        LEFT JOIN cities cr ON cr.code = p.residence_region_code LEFT JOIN cities cj ON cj.code = b.job_seeking_region_code
    )
    SELECT b.id AS claim_id, 'certificate' AS rule FROM bench_subsidy_batch b
      LEFT JOIN training_certificate t ON t.id = b.certificate_id AND t.enrolment_id = b.enrolment_id
      WHERE t.id IS NULL OR t.status <> 'valid'
    UNION ALL
    SELECT id, 'region' FROM places
      WHERE venue IS DISTINCT FROM hukou AND venue IS DISTINCT FROM residence AND venue IS DISTINCT FROM job
    UNION ALL
    SELECT DISTINCT claim_id, 'one_per_level' FROM h WHERE same_occupation AND skill_level = b_level
    UNION ALL
    SELECT DISTINCT claim_id, 'no_lower_level' FROM h
      WHERE same_occupation AND b_level IN ('1', '2', '3', '4', '5') AND skill_level IN ('1', '2', '3', '4', '5')
        AND skill_level::int < b_level::int
    UNION ALL
    SELECT b.id, 'yearly_cap' FROM bench_subsidy_batch b
      LEFT JOIN (SELECT claim_id, sum(amount_fen) AS before FROM h WHERE training_year = b_year GROUP BY claim_id) y ON y.claim_id = b.id
      WHERE coalesce(y.before, 0) + b.amount_fen > ${options.yearlyCapFen}
    UNION ALL
    SELECT b.id, 'no_other_fund' FROM bench_subsidy_batch b
      WHERE b.id IN (SELECT claim_id FROM h WHERE enrolment_id = b_enrolment)
         OR (b.other_funding IS NOT NULL AND btrim(b.other_funding) <> '')`;
}

const pairKey = (claimId: string, rule: string) => `${claimId}:${rule}`;

/** The history stays in the bench's scratch database (dropped by run-bench); only the batch table goes. */
async function cleanUp(database: Database): Promise<void> {
  await sql`DROP TABLE IF EXISTS bench_subsidy_batch`.execute(database.db);
}

export async function subsidyEligibilityBench(
  target: SubsidyBenchTarget,
  options: { subsidies: number },
): Promise<{ rows: SubsidyRow[]; notes: string[] }> {
  const history = Math.max(10_000, Math.floor(options.subsidies));
  console.log(`  subsidy eligibility: writing ${history.toLocaleString('en-US')} paid subsidies and ${settings.batch} draft claims…`);
  const database = await target.open();
  try {
    const { db } = database;
    const { persons, setupMs } = await prepare(database, history);
    const regions = new RegionsService(createRegionsRepository(db), '620000');
    await regions.load();
    const claims = (await sql<ClaimRow>`SELECT * FROM bench_subsidy_batch ORDER BY claim_no`.execute(db)).rows;
    const query = baselineQuery(settings.options);

    const engine: Measure = { latencies: [] };
    const baseline: Measure = { latencies: [] };
    let enginePairs = new Set<string>();
    let sqlPairs = new Set<string>();
    // one warm-up each, then alternate so neither side gets the warmer cache every time
    for (let r = -1; r < settings.repetitions; r++) {
      let t = performance.now();
      const decisions = await evaluateClaims(db, regions, settings.options, claims);
      const engineMs = performance.now() - t;
      t = performance.now();
      const rows = (await query.execute(db)).rows;
      const sqlMs = performance.now() - t;
      if (r < 0) {
        enginePairs = new Set(
          [...decisions].flatMap(([claimId, decision]) => decision.rules.filter((x) => !x.passed).map((x) => pairKey(claimId, x.rule))),
        );
        sqlPairs = new Set(rows.map((row) => pairKey(row.claim_id, row.rule)));
        continue;
      }
      engine.latencies.push(engineMs);
      baseline.latencies.push(sqlMs);
    }
    const onlyEngine = [...enginePairs].filter((p) => !sqlPairs.has(p));
    const onlySql = [...sqlPairs].filter((p) => !enginePairs.has(p));
    if (onlyEngine.length > 0 || onlySql.length > 0)
      throw new Error(
        `subsidy eligibility: the engine and the SQL baseline disagree: ${onlyEngine.length} pairs only in the engine (${onlyEngine
          .slice(0, 5)
          .join(', ')}), ${onlySql.length} only in SQL (${onlySql.slice(0, 5).join(', ')})`,
      );
    const byRule = new Map<string, number>();
    for (const pair of enginePairs) {
      const rule = pair.slice(pair.indexOf(':') + 1);
      byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    }
    // where the engine's time goes, for whoever tunes it: the bulk loads, then the pure rules
    const parts = { candidates: [] as number[], history: [] as number[], rules: [] as number[] };
    for (let r = 0; r < 3; r++) {
      let t = performance.now();
      const candidates = await candidatesFor(db, regions, claims);
      parts.candidates.push(performance.now() - t);
      t = performance.now();
      const loaded = await loadSubsidyHistory(
        db,
        claims.map((c) => c.person_id),
      );
      parts.history.push(performance.now() - t);
      t = performance.now();
      checkEligibilityBatch(candidates, loaded, settings.options);
      parts.rules.push(performance.now() - t);
    }
    const failedClaims = new Set([...enginePairs].map((p) => p.slice(0, p.indexOf(':')))).size;
    const ratio = median(engine.latencies) / median(baseline.latencies);
    const notes = [
      `Subsidy eligibility: ${settings.batch.toLocaleString('en-US')} draft claims vs ${history.toLocaleString('en-US')} paid subsidies over ${persons.toLocaleString('en-US')} persons (setup ${seconds(setupMs)}); baseline = one SQL statement finding the same failed rules`,
      `  identical results: ${enginePairs.size} (claim, failed rule) pairs on ${failedClaims} claims — ${[...byRule]
        .sort()
        .map(([rule, count]) => `${rule} ${count}`)
        .join(', ')}; ratio ${ratio.toFixed(2)}× (target ≤ 2×)`,
      `  evaluateClaims parts (median of 3): candidates ${median(parts.candidates).toFixed(0)} ms, history ${median(parts.history).toFixed(0)} ms, rules ${median(parts.rules).toFixed(0)} ms`,
    ];
    for (const note of notes) console.log(`  ${note.trim()}`);
    return {
      notes,
      rows: [
        {
          name: `evaluateClaims ${settings.batch.toLocaleString('en-US')} claims ×${settings.repetitions} vs one SQL statement`,
          unit: 'ms',
          value: engine,
          baseline,
        },
      ],
    };
  } finally {
    await cleanUp(database).catch((error: unknown) => console.error('subsidy bench clean-up failed', error));
    await database.close();
  }
}
