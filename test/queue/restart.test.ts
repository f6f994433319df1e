/**
 * Issue 12 §3: a PostgreSQL restart mid-run makes the workers reconnect and finish.
 *
 * The server is a private one this file creates and owns (test/helpers/private-postgres.ts:
 * its own data folder and port), so it can be stopped and started without touching the
 * shared server other test files use. Both the store and the queue are on it, as
 * deployed (`crossread worker --db URL`), with the default job settings (a job's timeout
 * is 600 s: a job a restart left active would hold the run up for ten minutes). Two
 * worker processes from the built CLI run the read and assign stages; the second is
 * started while the server is stopped (it waits for it). The server is then restarted
 * twice (stopped in fast mode, every session terminated; down for two seconds;
 * started): first while inputs are being read, then, once the workers have stored
 * articles again, while the assigner stores. Then, with nobody touching the workers:
 * - the queue drains (nothing waiting, running, failed, or left unassigned) within a minute;
 * - no attempt was counted against an input for the lost connection;
 * - both worker processes are still running, said on stderr that they lost the server,
 *   and stop with exit 0 on SIGTERM;
 * - every article is stored once (no `~2` copies, none missing), grouped exactly as a
 *   one-process `ingest` of the same files groups them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { openStore } from '../../src/store/index.js';
import { ingestIntoStore } from '../../src/store/ingest.js';
import { openQueue } from '../../src/queue/connection.js';
import { enqueueInputs } from '../../src/queue/enqueue.js';
import { queueStatus, type QueueStatus } from '../../src/queue/status.js';
import { privateServerMissing, startPrivateServer, type PrivateServer } from '../helpers/private-postgres.js';
import { REPO } from '../helpers/shared.js';
import { grouping, writeInputs } from './helpers.js';

const missing = await privateServerMissing();
const FILES = 90;
const BATCH = 16;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(missing)('a PostgreSQL restart mid-run (a private server)', () => {
  let server: PrivateServer;
  let dir: string;
  const workers: Array<{ child: ChildProcess; stderr: () => string }> = [];

  beforeAll(async () => {
    server = await startPrivateServer();
    // Files of 2–4 synthetic articles: enough reading that both restarts fall mid-run.
    dir = writeInputs(FILES, 'r').dir;
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await server?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A worker process (-v: a line per job on stderr). */
  const worker = (url: string) => {
    const child = spawn(process.execPath, [`${REPO}bin/crossread.js`, 'worker', '--db', url, '--batch', String(BATCH), '--stages', 'read,assign', '--concurrency', '1', '--verbose'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const w = { child, stderr: () => stderr };
    workers.push(w);
    return w;
  };

  /** The queue's state, or null while the server does not answer. */
  const status = async (url: string): Promise<QueueStatus | null> => {
    try {
      const q = await openQueue(url);
      try {
        return await queueStatus(q);
      } finally {
        await q.close();
      }
    } catch {
      return null;
    }
  };

  /** Articles in the store (0 before its tables exist or while the server does not answer). */
  const storedCount = async (url: string): Promise<number> => {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      return (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM articles')).rows[0]!.n;
    } catch {
      return 0;
    } finally {
      await c.end().catch(() => {});
    }
  };

  it('the workers reconnect by themselves and finish: queue drained, every article once, the grouping of one-process ingest', async () => {
    // The one-process result, in a database of its own on the same server.
    const direct = await openStore(await server.createDatabase('direct'));
    let want: Map<string, string>;
    try {
      await ingestIntoStore(direct, [dir], { batchSize: BATCH });
      want = await grouping(direct);
    } finally {
      await direct.close();
    }
    expect(want.size).toBeGreaterThan(200);

    const url = await server.createDatabase('queued');
    const q = await openQueue(url);
    expect((await enqueueInputs(q, [dir])).queued).toBe(FILES);
    await q.close();
    const a = worker(url);
    // Worker B starts while the server is down: it waits for it.
    await server.stop();
    const b = worker(url);
    const logs = () => `worker A:\n${a.stderr()}\nworker B:\n${b.stderr()}`;

    /** Looks every 50 ms (at most 30 s) until `look` gives something. */
    const until = async <T>(what: string, look: () => Promise<T | null>): Promise<T> => {
      for (let i = 0; i < 600; i++) {
        const got = await look();
        if (got !== null) return got;
        await sleep(50);
      }
      throw new Error(`the run never got to ${what}:\n${logs()}`);
    };
    const restart = async () => {
      await server.stop();
      await sleep(2000);
      await server.start();
    };

    await until('worker B waiting for the server', async () => (/^worker: waiting for the database/m.test(b.stderr()) ? true : null));
    await server.start();
    await until('both workers reading', async () => ([a, b].every((w) => /^worker: read: /m.test(w.stderr())) ? true : null));
    // First restart: while inputs are read (a read job running, inputs not read yet).
    const first = await until('a read job running with inputs left', async () => {
      const s = await status(url);
      return s && s.inputs.queued > 0 && s.running.some((j) => j.stage === 'read') ? s.inputs : null;
    });
    const storedBefore = await storedCount(url);
    await restart();
    // Second restart: while the assigner stores (articles stored since the first restart, inputs left).
    const second = await until('articles stored after the first restart', async () => {
      const n = await storedCount(url);
      if (n <= storedBefore) return null;
      const s = await status(url);
      return s ? { stored: n, ...s.inputs } : null;
    });
    expect(second.done, logs()).toBeLessThan(FILES);
    await restart();

    // Drained, with nothing done by hand (at most a minute).
    let after: QueueStatus | null = null;
    for (let i = 0; i < 120; i++) {
      after = await status(url);
      if (after?.drained) break;
      await sleep(500);
    }
    const where = `restarts at ${JSON.stringify(first)} and ${JSON.stringify(second)}\n${logs()}`;
    expect(after?.drained, where).toBe(true);
    expect(after!.failed, where).toEqual([]);
    expect(after!.inputs, where).toEqual({ queued: 0, staged: 0, failed: 0, done: FILES });
    // A lost connection is not the input's failure: no attempt was counted.
    expect(logs()).not.toMatch(/failed \(attempt|failed for good/);

    // Both workers lived through it, saw it, and stop cleanly.
    for (const w of [a, b]) {
      expect(w.child.exitCode, where).toBeNull();
      expect(w.stderr(), where).toMatch(/terminating connection due to administrator command|ECONNREFUSED|the database system is (shutting down|starting up)/);
    }
    for (const w of [a, b]) w.child.kill('SIGTERM');
    const codes = await Promise.all([a, b].map((w) => (w.child.exitCode !== null ? w.child.exitCode : new Promise<number | null>((r) => w.child.once('exit', r)))));
    expect(codes, where).toEqual([0, 0]);

    const store = await openStore(url);
    try {
      const got = await grouping(store);
      expect(await storedCount(url)).toBe(want.size);
      expect(got).toEqual(want);
    } finally {
      await store.close();
    }
  }, 120_000);
});
