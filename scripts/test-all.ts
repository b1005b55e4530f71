/**
 * `npm test`: the one command, also what .ci/run calls. Runs in order, streaming each step's output,
 * and stops at the first failure:
 *
 *   lint → typecheck → vitest on PGlite → vitest on PostgreSQL (when TEST_DATABASE_URL is set)
 *   → browser journeys (when vitest.e2e.config.ts and /usr/bin/chromium exist; CI=true requires Chromium)
 *
 * Ends with a table of the steps and their durations, and as its very last line `N passed, N failed`
 * over every vitest run (read from vitest's JSON reporter).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const resultsDir = join(root, '.tmp', 'test-results');
const chromium = '/usr/bin/chromium';
const onCi = process.env.CI === 'true' || process.env.CI === '1';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

type Outcome = 'passed' | 'failed' | 'skipped';

interface StepResult {
  name: string;
  outcome: Outcome;
  seconds: number;
  note?: string;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

interface Step {
  name: string;
  /** npm script and extra arguments */
  script: string;
  args?: string[];
  env?: Record<string, string | undefined>;
  /** a vitest step writes its JSON report here */
  report?: string;
  /** a reason to skip the step, or a reason to fail it without running it */
  skip?: string;
  refuse?: string;
}

const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
const results: StepResult[] = [];

function withoutTestDatabase(): Record<string, string | undefined> {
  const env = { ...process.env };
  delete env.TEST_DATABASE_URL;
  return env;
}

function vitestStep(name: string, script: string, reportName: string, env: Record<string, string | undefined>): Step {
  const report = join(resultsDir, `${reportName}.json`);
  return { name, script, args: ['--reporter=default', '--reporter=json', `--outputFile=${report}`], env, report };
}

function plan(): Step[] {
  const steps: Step[] = [
    { name: 'lint', script: 'lint' },
    { name: 'typecheck', script: 'typecheck' },
    vitestStep('vitest (PGlite)', 'test:unit', 'vitest-pglite', withoutTestDatabase()),
  ];
  if (process.env.TEST_DATABASE_URL) {
    steps.push(vitestStep('vitest (PostgreSQL)', 'test:unit', 'vitest-postgres', { ...process.env }));
  } else {
    steps.push({ name: 'vitest (PostgreSQL)', script: 'test:unit', skip: 'TEST_DATABASE_URL is not set' });
  }
  const e2e = vitestStep('browser journeys', 'test:e2e', 'vitest-e2e', withoutTestDatabase());
  if (!existsSync(join(root, 'vitest.e2e.config.ts'))) e2e.skip = 'no vitest.e2e.config.ts';
  else if (!existsSync(chromium)) {
    if (onCi) e2e.refuse = `${chromium} is missing: CI must install Debian's chromium (apt-get install chromium fonts-noto-cjk)`;
    else e2e.skip = `${chromium} is missing (apt-get install chromium fonts-noto-cjk to run them)`;
  }
  steps.push(e2e);
  return steps;
}

function run(step: Step): Promise<number> {
  return new Promise((done) => {
    const child = spawn(npm, ['run', '--silent', step.script, ...(step.args?.length ? ['--', ...step.args] : [])], {
      cwd: root,
      env: step.env ?? process.env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', (error) => {
      console.error(error);
      done(1);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

/** Adds one vitest run to the totals; a failed run that reported no failed test counts its failed files (or 1). */
function count(step: Step, exitCode: number): void {
  let report: VitestJson | null = null;
  try {
    report = JSON.parse(readFileSync(step.report!, 'utf8')) as VitestJson;
  } catch {
    report = null;
  }
  const failed = report?.numFailedTests ?? 0;
  totals.passed += report?.numPassedTests ?? 0;
  totals.skipped += (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  totals.failed += exitCode !== 0 && failed === 0 ? Math.max(report?.numFailedTestSuites ?? 0, 1) : failed;
}

function banner(text: string): void {
  const line = '─'.repeat(Math.max(20, Math.min(100, text.length + 8)));
  console.log(`\n${line}\n▶ ${text}\n${line}`);
}

function summary(): void {
  const width = Math.max(...results.map((r) => r.name.length), 'step'.length) + 2;
  const rows = results.map(
    (r) => `${r.name.padEnd(width)}${r.outcome.padEnd(9)}${`${r.seconds.toFixed(1)} s`.padStart(9)}${r.note ? `  ${r.note}` : ''}`,
  );
  const total = results.reduce((sum, r) => sum + r.seconds, 0);
  console.log(`\n${'step'.padEnd(width)}${'result'.padEnd(9)}${'time'.padStart(9)}`);
  console.log(rows.join('\n'));
  console.log(`${'total'.padEnd(width)}${''.padEnd(9)}${`${total.toFixed(1)} s`.padStart(9)}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
}

async function main(): Promise<number> {
  mkdirSync(resultsDir, { recursive: true });
  const steps = plan();
  let failed = false;
  for (const step of steps) {
    if (failed) {
      results.push({ name: step.name, outcome: 'skipped', seconds: 0, note: 'not run: an earlier step failed' });
      continue;
    }
    if (step.skip) {
      console.warn(`\n⚠ skipping ${step.name}: ${step.skip}`);
      results.push({ name: step.name, outcome: 'skipped', seconds: 0, note: step.skip });
      continue;
    }
    if (step.refuse) {
      console.error(`\n✖ ${step.name}: ${step.refuse}`);
      results.push({ name: step.name, outcome: 'failed', seconds: 0, note: step.refuse });
      failed = true;
      continue;
    }
    banner(`${step.name}: npm run ${step.script}${step.args ? ` -- ${step.args.join(' ')}` : ''}`);
    if (step.report) rmSync(step.report, { force: true });
    const started = performance.now();
    const code = await run(step);
    const seconds = (performance.now() - started) / 1000;
    if (step.report) count(step, code);
    results.push({ name: step.name, outcome: code === 0 ? 'passed' : 'failed', seconds, ...(code !== 0 && { note: `exit code ${code}` }) });
    if (code !== 0) failed = true;
  }
  summary();
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
