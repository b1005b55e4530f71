import { sql, type Transaction } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/database';
import type { JobRow, Tables } from '../db/tables';

export interface JobContext {
  job: JobRow;
  /** records progress so the browser's progress bar can follow; cheap to call often */
  progress(done: number, total?: number): Promise<void>;
  /**
   * Records progress and the handler's resume state inside the caller's transaction, so they
   * commit together with the work they describe (and renews the lease). A job run again after its
   * process died finds the state of its last committed checkpoint in `job.payload.checkpoint`.
   */
  checkpoint(trx: Transaction<Tables>, done: number, state: Record<string, unknown>, total?: number): Promise<void>;
}

export type JobHandler = (context: JobContext) => Promise<Record<string, unknown>>;

export interface EnqueueOptions {
  ownerId?: string | null;
  regionCode?: string | null;
  total?: number | null;
}

export interface JobQueueOptions {
  /** how long a claim holds without progress before another claim may take the job over */
  leaseSeconds?: number;
}

const PROGRESS_INTERVAL_MS = 250;

/**
 * Durable background work in the `job` table, so it runs the same on PGlite and PostgreSQL and
 * survives a restart: a job whose lease ran out (its process died) is picked up again, so every
 * handler must be safe to run twice.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly leaseSeconds: number;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    options: JobQueueOptions = {},
  ) {
    this.leaseSeconds = options.leaseSeconds ?? 60;
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  async enqueue(kind: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<string> {
    if (!this.handlers.has(kind)) throw new Error(`no handler for job kind ${kind}`);
    const row = await this.db
      .insertInto('job')
      .values({
        kind,
        payload: JSON.stringify(payload),
        owner_id: options.ownerId ?? null,
        region_code: options.regionCode ?? null,
        total: options.total ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    this.kick();
    return row.id;
  }

  get(id: string): Promise<JobRow | undefined> {
    return this.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
  }

  start(pollMs = 1000): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs queued jobs one after another until none is left. */
  kick(): void {
    if (this.running || this.stopped) return;
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  /** Waits until the queue is empty (tests, scripts). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async claim(): Promise<JobRow | undefined> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return undefined;
    return this.db
      .updateTable('job')
      .set({
        status: 'running',
        attempts: sql`attempts + 1`,
        locked_until: sql`now() + make_interval(secs => ${this.leaseSeconds})`,
        updated_at: sql`now()`,
      })
      .where(
        'id',
        '=',
        this.db
          .selectFrom('job')
          .select('id')
          .where('kind', 'in', kinds)
          .where((eb) =>
            eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', sql<Date>`now()`)])]),
          )
          .orderBy('created_at')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .executeTakeFirst();
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const job = await this.claim();
      if (!job) return;
      await this.run(job);
    }
  }

  private async run(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind)!;
    let lastWrite = 0;
    const context: JobContext = {
      job,
      progress: async (done, total) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_INTERVAL_MS && (total === undefined || done < total)) return;
        lastWrite = now;
        await this.db
          .updateTable('job')
          .set({
            progress: done,
            ...(total !== undefined && { total }),
            locked_until: sql`now() + make_interval(secs => ${this.leaseSeconds})`,
            updated_at: sql`now()`,
          })
          .where('id', '=', job.id)
          .execute();
      },
      checkpoint: async (trx, done, state, total) => {
        lastWrite = Date.now();
        await trx
          .updateTable('job')
          .set({
            progress: done,
            ...(total !== undefined && { total }),
            payload: sql`payload || jsonb_build_object('checkpoint', ${JSON.stringify(state)}::jsonb)`,
            locked_until: sql`now() + make_interval(secs => ${this.leaseSeconds})`,
            updated_at: sql`now()`,
          })
          .where('id', '=', job.id)
          .execute();
      },
    };
    try {
      const result = await handler(context);
      await this.db
        .updateTable('job')
        .set({ status: 'succeeded', result: JSON.stringify(result), locked_until: null, updated_at: sql`now()` })
        .where('id', '=', job.id)
        .execute();
    } catch (error) {
      this.log.error({ err: error, jobId: job.id, kind: job.kind }, 'job failed');
      const message = error instanceof AppError ? error.message : '任务执行失败';
      await this.db
        .updateTable('job')
        .set({ status: 'failed', error: message, locked_until: null, updated_at: sql`now()` })
        .where('id', '=', job.id)
        .execute();
    }
  }
}
