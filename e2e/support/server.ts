import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where a run keeps its build and template: `.tmp`, or E2E_TMP_DIR so two runs in one checkout stay apart. */
const e2eRoot = resolve(process.env.E2E_TMP_DIR ?? resolve(import.meta.dirname, '../../.tmp'));

/**
 * The journeys build the web app into a directory of their own (e2e/support/global-setup.ts) and
 * serve it from there, so a `npm run build` or `npm start` elsewhere cannot swap files mid-run.
 */
export const e2eWebDist = join(e2eRoot, 'e2e-web');

/**
 * A data dir seeded once per run by the global setup (demo accounts and demo data, keys included):
 * each journey's server starts on a copy of it instead of seeding its own, which is much slower.
 */
export const e2eTemplateDataDir = join(e2eRoot, 'e2e-data-template');

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** SIGTERM and wait; the data dir is removed unless `keepData` */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** run on this data dir as it is (default: a fresh temp dir, seeded from the template when there is one) */
  dataDir?: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'abletrain-e2e-'));
  if (existsSync(join(e2eTemplateDataDir, 'PG_VERSION'))) cpSync(e2eTemplateDataDir, dir, { recursive: true });
  return dir;
}

/** Starts the real server (demo mode, embedded database in a temp dir) and waits for /api/health. */
export async function startServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = options.dataDir ?? freshDataDir();
  // always the embedded database, whatever the calling shell has configured
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: resolve(import.meta.dirname, '../..'),
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_BUILD_ON_START: 'false',
      WEB_DIST_DIR: e2eWebDist,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // a journey whose beforeAll fails (say the browser does not launch) never reaches stop(): the
  // server must not outlive the test process
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server did not answer /api/health within 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    dataDir,
    stop: async ({ keepData = false } = {}) => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
