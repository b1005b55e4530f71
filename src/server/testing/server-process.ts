import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { DEMO_PASSWORD } from '../db/demo-seed';

/**
 * The real server in a child process (node --import tsx src/server/main.ts) for the crash tests:
 * started on a free loopback port with the given environment, killed with SIGKILL (no shutdown
 * hook, no graceful close of the database) or stopped with SIGTERM. Not used by the server.
 */
const root = resolve(import.meta.dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export class ServerProcess {
  private child: ChildProcess | null = null;
  private log = '';
  baseUrl = '';

  constructor(
    private readonly env: Record<string, string>,
    private readonly startTimeoutMs = 90_000,
  ) {}

  async start(): Promise<void> {
    const port = await freePort();
    const { DATABASE_URL: _unset, ...inherited } = process.env;
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: { ...inherited, ...this.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-8000));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + this.startTimeoutMs;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`server exited with ${this.child.exitCode}:\n${this.log}`);
      try {
        if ((await fetch(`${this.baseUrl}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`no /api/health within ${this.startTimeoutMs / 1000} s:\n${this.log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** kill -9: no shutdown hook, no graceful close of the database. */
  async kill(): Promise<void> {
    const child = this.child!;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(force);
    this.child = null;
  }
}

/** A browser-like HTTP client: cookies, and the CSRF token from GET /api/auth/session. */
export class HttpClient {
  protected readonly cookies = new Map<string, string>();
  protected csrf = '';

  constructor(protected readonly server: { baseUrl: string }) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (init.method && init.method !== 'GET') headers.set('x-csrf-token', this.csrf);
    const res = await fetch(`${this.server.baseUrl}${path}`, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    return res;
  }

  async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await this.fetch(path, init);
    const body = (await res.json()) as T;
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  }

  async login(username: string): Promise<void> {
    this.cookies.clear();
    this.csrf = (await this.json<{ csrfToken: string }>('/api/auth/session')).csrfToken;
    const state = await this.json<{ stage: string }>('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (state.stage !== 'active') throw new Error(`${username} did not sign in: ${state.stage}`);
  }
}
