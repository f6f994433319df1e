/**
 * Reliability of the job queue against a real PostgreSQL server (a fresh database per
 * test, dropped afterwards), with the corpus in a SQLite store:
 * - a worker killed with SIGKILL mid-job (the built CLI, `node bin/crossread.js worker`,
 *   in a child process) leaves its job to be retried: another worker finishes the run,
 *   with every article stored once and the grouping of one-process ingest;
 * - connections cut by the server mid-run (pg_terminate_backend on every connection
 *   of the test database, the shared server is not restarted) make the worker
 *   reconnect and finish, with the same result.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { ingestIntoStore } from '../../src/store/ingest.js';
import { openQueue } from '../../src/queue/connection.js';
import { enqueueInputs } from '../../src/queue/enqueue.js';
import { runWorker } from '../../src/queue/worker.js';
import { queueStatus } from '../../src/queue/status.js';
import { createTestDatabase, postgresMissing, PG_ADMIN_URL, type TestDatabase } from '../helpers/postgres.js';
import { REPO, sharedFile } from '../helpers/shared.js';
import { grouping, splitIntoFiles, writeInputs } from './helpers.js';

const pgMissing = await postgresMissing();
const wikiref = sharedFile('data/dev/cluster-wikiref220.jsonl');
/** Lost jobs are taken back after 3 s; retries at once. */
const SETTINGS = { retries: 5, retryDelaySeconds: 0, backoff: false, timeoutSeconds: 3 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Inputs slow enough to read that a worker is always inside a job: wikiref in files of 20 texts, else synthetic files. */
function inputs(): string {
  return wikiref ? splitIntoFiles(wikiref, () => 20).dir : writeInputs(60).dir;
}

describe.skipIf(pgMissing)('job queue reliability (real PostgreSQL)', () => {
  let db: TestDatabase;
  let work: string;
  let admin: pg.Client;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    db = await createTestDatabase();
    work = mkdtempSync(join(tmpdir(), 'crossread-queue-rel-'));
    admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
  });
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    await admin.end();
    await db.drop();
    rmSync(work, { recursive: true, force: true });
  });

  const activeJobs = async (): Promise<number> => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const r = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pgboss.job WHERE state = 'active' AND name IN ('crossread-read', 'crossread-assign')");
      return r.rows[0]!.n;
    } finally {
      await c.end();
    }
  };

  const oneProcess = async (dir: string): Promise<Map<string, string>> => {
    const s = openSqliteStore(join(work, 'one.db'));
    try {
      await ingestIntoStore(s, [dir], { batchSize: 16 });
      return await grouping(s);
    } finally {
      await s.close();
    }
  };

  it('a worker killed with SIGKILL mid-job leaves its job to be retried; another finishes, nothing lost or stored twice', async () => {
    const dir = inputs();
    const want = await oneProcess(dir);
    const q = await openQueue(db.url);
    await enqueueInputs(q, [dir], { settings: SETTINGS });
    const dbFile = join(work, 'queued.db');
    const worker = (extra: string[]) => {
      const c = spawn(process.execPath, [`${REPO}bin/crossread.js`, 'worker', '--db', dbFile, '--queue-db', db.url, '--batch', '16', '--stages', 'read,assign', '--concurrency', '1', '--sweep-every', '1', ...extra], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      children.push(c);
      return c;
    };
    // Kill a worker while it holds a job; a job may end between the look and the kill,
    // so a worker that held none by then is followed by another (at most five).
    for (let attempt = 0; attempt < 5; attempt++) {
      const w = worker([]);
      for (let i = 0; i < 400 && (await activeJobs()) === 0; i++) await sleep(25);
      w.kill('SIGKILL');
      await new Promise((r) => w.once('exit', r));
      if ((await activeJobs()) > 0) break;
    }
    expect(await activeJobs()).toBeGreaterThan(0); // left behind by the killed worker
    const left = await queueStatus(q);
    expect(left.drained).toBe(false);
    expect(left.running.length).toBeGreaterThan(0); // `crossread jobs` lists it as running

    const second = worker(['--drain']);
    let stderr = '';
    second.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((r) => second.once('exit', r));
    expect(code, stderr).toBe(0);
    const s = await queueStatus(q);
    expect(s.drained).toBe(true);
    expect(s.failed).toEqual([]);
    await q.close();
    const store = openSqliteStore(dbFile);
    try {
      const got = await grouping(store);
      expect(got.size).toBe(want.size);
      expect(got).toEqual(want);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('connections terminated by the server mid-run: the worker reconnects and finishes', async () => {
    const dir = inputs();
    const want = await oneProcess(dir);
    const q = await openQueue(db.url);
    await enqueueInputs(q, [dir], { settings: SETTINGS });
    await q.close();
    const store = openSqliteStore(join(work, 'queued.db'));
    const lines: string[] = [];
    const run = runWorker({ url: db.url, store, drain: true, batchSize: 16, stages: ['read', 'assign'], maintenanceSeconds: 1, log: (l) => lines.push(l) });
    // Cut every connection to the test database twice while the run goes on.
    let cuts = 0;
    for (let i = 0; i < 400 && cuts < 2; i++) {
      await sleep(50);
      const r = await admin.query<{ n: number }>(
        "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name LIKE 'crossread%'",
        [db.name],
      );
      if (r.rows[0]!.n > 0) {
        cuts++;
        await sleep(700);
      }
    }
    expect(cuts).toBe(2);
    const totals = await run;
    try {
      expect(lines.some((l) => /terminat|Connection|connection/i.test(l))).toBe(true); // it did see the cuts
      const got = await grouping(store);
      expect(got).toEqual(want);
      expect(totals.jobs.read).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    const q2 = await openQueue(db.url);
    try {
      expect((await queueStatus(q2)).drained).toBe(true);
    } finally {
      await q2.close();
    }
  }, 120_000);
});
