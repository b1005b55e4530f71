import { z } from 'zod';

/** A comma-separated list, empty by default. */
const commaList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * The whole configuration, parsed once from the environment. This is the only module that
 * reads process.env; everything else takes a Config.
 */
const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** postgres://… selects PostgreSQL; unset selects the embedded PGlite in DATA_DIR */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  /** demo data and demo accounts; on by default only for the embedded database */
  DEMO_MODE: boolean.optional(),
  PROVINCE_CODE: z
    .string()
    .regex(/^\d{2}0000$/)
    .default('620000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Secure + __Host- cookies; switch off only for plain-HTTP access from another host during trials */
  COOKIE_SECURE: boolean.default(true),
  TRUST_PROXY: boolean.default(false),
  SESSION_IDLE_MINUTES_STAFF: z.coerce.number().int().min(1).max(240).default(15),
  SESSION_IDLE_MINUTES_OTHER: z.coerce.number().int().min(1).max(240).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).max(10000).default(20),
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** TOTP for staff; defaults to on outside demo mode */
  REQUIRE_STAFF_TOTP: boolean.optional(),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  BODY_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  AUDIT_RETENTION_MONTHS: z.coerce.number().int().min(6).default(6),
  /** SM4 key (32 hex) and HMAC-SM3 keys (64 hex) for ID and certificate numbers; demo mode makes its own in DATA_DIR */
  PERSONAL_DATA_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, '须为 32 位十六进制（SM4 128 位密钥）')
    .optional(),
  PERSONAL_DATA_MAC_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, '须为 64 位十六进制')
    .optional(),
  BLIND_INDEX_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, '须为 64 位十六进制')
    .optional(),
  /** working age for the real-name statistics (2012 national rule; the retirement reform moves it) */
  WORKING_AGE_MIN: z.coerce.number().int().min(0).max(30).default(16),
  WORKING_AGE_MAX_MALE: z.coerce.number().int().min(40).max(80).default(59),
  WORKING_AGE_MAX_FEMALE: z.coerce.number().int().min(40).max(80).default(54),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(2_000_000).default(200_000),
  /** a running job whose process stopped renewing its claim this long ago is taken over (after a crash or kill -9) */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** rows in one registry export (.xlsx); a larger selection is refused with a message to narrow it */
  PERSONS_EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(200_000),
  /** build the web app at start when dist/web is missing or older than src/web */
  WEB_BUILD_ON_START: boolean.default(true),
  /** where the built web app lives (default dist/web); the browser journeys build and serve their own copy */
  WEB_DIST_DIR: z.string().optional(),
  // --- public notice (area E: notices) ---
  /** length of a public notice period (公示期) in calendar days; decimals allowed so journeys can use seconds */
  NOTICE_DAYS: z.coerce.number().min(0.0001).max(60).default(7),
  /** how often the server settles notices whose period has ended, in seconds */
  NOTICE_SETTLE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** objections one address may file per hour (no CAPTCHA: a limit, a honeypot field and a minimum fill time) */
  OBJECTION_MAX_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
  /** the training supervision phone (培训监督电话) shown on every public page */
  SUPERVISION_PHONE: z.string().trim().min(3).max(40).default('12385'),
  // --- end public notice ---
  // --- base accreditation (area B: accreditation) ---
  /** reminders list accreditation terms that end within this many days */
  ACCREDITATION_REMINDER_DAYS: z.coerce.number().int().min(1).max(730).default(90),
  /** a base is evaluated this many months after its accreditation or last evaluation */
  EVALUATION_INTERVAL_MONTHS: z.coerce.number().int().min(1).max(60).default(12),
  // --- end base accreditation ---
  // --- trainer pool (area C: trainers) ---
  /** a trainer counts as "rotation due soon" this many days before the five-year due date */
  TRAINER_ROTATION_DUE_SOON_DAYS: z.coerce.number().int().min(0).max(730).default(180),
  // --- end trainer pool ---
  // --- training classes (issue 5) ---
  /** an opening application is filed at least this many days before the class starts */
  CLASS_SUBMIT_LEAD_DAYS: z.coerce.number().int().min(0).max(365).default(15),
  /** the federation reviews an application (and a completion) within this many working days */
  CLASS_REVIEW_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  /** public holidays (YYYY-MM-DD, comma-separated) that do not count as working days */
  CLASS_HOLIDAYS: commaList,
  /** adjusted working weekends (调休, YYYY-MM-DD, comma-separated) that do count */
  CLASS_WORKING_WEEKENDS: commaList,
  /** the attendance rate (percent) a trainee needs to pass, unless the class sets its own */
  CLASS_ATTENDANCE_THRESHOLD: z.coerce.number().int().min(1).max(100).default(80),
  /** the exam score (0–100) a trainee needs to pass, unless the class sets its own */
  CLASS_PASS_SCORE: z.coerce.number().int().min(0).max(100).default(60),
  /** how long one QR sign-in code shown in class stays valid, in seconds */
  CLASS_QR_TOKEN_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  /** minutes before a session's start and after its end in which a sign-in is not flagged */
  CLASS_SIGN_IN_GRACE_MINUTES: z.coerce.number().int().min(0).max(240).default(30),
  /** the address printed in certificate QR codes (the public /verify page); default: the request's own origin */
  PUBLIC_BASE_URL: z.url().optional(),
  // --- end training classes ---
  // --- subsidies and fund supervision (issue 6) ---
  /** the institution submits a claim within this many days after the exam */
  SUBSIDY_CLAIM_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** the subsidy list stays on public notice this many days */
  SUBSIDY_NOTICE_DAYS: z.coerce.number().min(0.0001).max(60).default(7),
  /** the most one person receives in one training year, in fen (default 10,000.00 元) */
  SUBSIDY_YEARLY_CAP_FEN: z.coerce.number().int().min(0).default(1_000_000),
  /** how closely the training place must match the person's hukou, residence or job-seeking region */
  SUBSIDY_REGION_MATCH: z.enum(['county', 'city', 'province']).default('city'),
  /** working days each review step has (county, city, finance) */
  SUBSIDY_STEP_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  /** a phone or bank account shared by this many trainees or more is a fraud signal */
  FRAUD_SHARED_CONTACT_MIN: z.coerce.number().int().min(2).max(100).default(3),
  /** institutions with at least this many examined trainees are compared for outlier pass rates */
  FRAUD_PASS_RATE_MIN_TRAINEES: z.coerce.number().int().min(2).max(10_000).default(10),
  // --- end subsidies ---
});

export type Env = z.infer<typeof configSchema>;

export interface Config extends Omit<Env, 'DEMO_MODE' | 'REQUIRE_STAFF_TOTP'> {
  demoMode: boolean;
  requireStaffTotp: boolean;
  databaseKind: 'pglite' | 'postgres';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`配置有误 (configuration is invalid):\n${lines}`);
  }
  const { DEMO_MODE, REQUIRE_STAFF_TOTP, ...rest } = parsed.data;
  const databaseKind = rest.DATABASE_URL ? 'postgres' : 'pglite';
  const demoMode = DEMO_MODE ?? databaseKind === 'pglite';
  return { ...rest, demoMode, requireStaffTotp: REQUIRE_STAFF_TOTP ?? !demoMode, databaseKind };
}

/** Test databases: TEST_DATABASE_URL selects PostgreSQL for the suite. */
export function testDatabaseUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  return env.TEST_DATABASE_URL || undefined;
}
