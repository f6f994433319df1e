/**
 * A connection to the job queue: pg-boss and a small node-postgres pool for the staging
 * table, on one PostgreSQL database (the store's, when the store is on PostgreSQL).
 * Both reconnect on their own after the server drops a connection: a query on a dead
 * connection fails once, the next one opens a new connection.
 */
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { CrossreadError } from '../errors.js';
import { connectionReason, isPostgresUrl, openPool, redactUrl } from '../store/postgres/connect.js';
import { ensureQueueSchema } from './schema.js';
import { STAGES, queueName } from './stages.js';

export interface QueueConnection {
  /** The database URL, password redacted (for messages). */
  readonly location: string;
  readonly boss: PgBoss;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export interface QueueConnectOptions {
  /**
   * Run pg-boss's maintenance (failing expired jobs, archiving) every this many seconds
   * (default 30); only workers do, `ingest --queue` and `jobs` do not.
   */
  maintenanceSeconds?: number;
  /** Whether this process runs maintenance and cron schedules (workers: true). */
  supervise?: boolean;
  /** Called with errors pg-boss reports in the background (a dropped connection, …). */
  onError?: (err: Error) => void;
}

/** The one-line refusal when the queue is asked for on a database that is not PostgreSQL. */
export function queueNeedsPostgres(location: string): CrossreadError {
  return CrossreadError.of('QUEUE_NEEDS_POSTGRES', location);
}

/** Opens the queue on the PostgreSQL database `url`, creating its tables and pg-boss's schema when missing. */
export async function openQueue(url: string, opts: QueueConnectOptions = {}): Promise<QueueConnection> {
  if (!isPostgresUrl(url)) throw queueNeedsPostgres(url);
  const location = redactUrl(url);
  const pool = await openPool(url, { max: 4, applicationName: 'crossread-queue' });
  const supervise = opts.supervise ?? false;
  const boss = new PgBoss({
    connectionString: url,
    max: 6,
    application_name: 'crossread-queue',
    supervise,
    schedule: supervise,
    maintenanceIntervalSeconds: opts.maintenanceSeconds ?? 30,
    // Finished jobs stay listed for a day (`crossread jobs` shows failures with their reasons).
    archiveCompletedAfterSeconds: 3600,
    archiveFailedAfterSeconds: 86_400,
  });
  boss.on('error', (err: Error) => opts.onError?.(err));
  try {
    await ensureQueueSchema(pool);
    await boss.start();
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    for (const stage of STAGES) {
      const name = queueName(stage);
      if (existing.has(name)) continue;
      const policy = stage === 'assign' || stage === 'index' || stage === 'brief' ? 'stately' : 'standard';
      await boss.createQueue(name, { name, policy }).catch(async (err: unknown) => {
        // Another process created it in between.
        if (!(await boss.getQueue(name))) throw err;
      });
    }
  } catch (err) {
    await boss.stop({ graceful: false, wait: false }).catch(() => {});
    await pool.end().catch(() => {});
    if (err instanceof CrossreadError) throw err;
    const failed = CrossreadError.of('DB_OPEN', location, `the job queue could not be set up: ${connectionReason(err)}`);
    failed.cause = err;
    throw failed;
  }
  let closed = false;
  return {
    location,
    boss,
    pool,
    async close() {
      if (closed) return;
      closed = true;
      await boss.stop({ graceful: false, wait: true, close: true, timeout: 5000 }).catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}
