/**
 * The queue's commands from the built CLI (bin/crossread.js over dist/): refused with one
 * line on a SQLite database; `ingest --queue`, `worker --drain` and `jobs --json` on a
 * real PostgreSQL server (a fresh database, dropped afterwards).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { crossread } from '../cli/run.js';
import { EXAMPLE, REPO } from '../helpers/shared.js';
import { createTestDatabase, postgresMissing, type TestDatabase } from '../helpers/postgres.js';
import { openStore } from '../../src/store/index.js';
import { grouping, writeInputs } from './helpers.js';

const pgMissing = await postgresMissing();
const work = mkdtempSync(join(tmpdir(), 'crossread-queue-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the queue needs PostgreSQL', () => {
  it.each([
    [['ingest', EXAMPLE, '--queue']],
    [['worker']],
    [['jobs']],
    [['watch', '--unschedule']],
  ])('crossread %j on a SQLite file: one line saying so, exit 1', (args) => {
    const r = crossread([...args, '--db', join(work, 'x.db')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/x\.db: the job queue needs a PostgreSQL database/);
  });
});

describe.skipIf(pgMissing)('ingest --queue, worker, jobs (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('queues, returns at once, a worker drains the queue, jobs reports it drained and the stories are there', () => {
    const file = join(work, 'c.db');
    const queued = crossread(['ingest', EXAMPLE, '--queue', '--db', file, '--queue-db', db.url]);
    expect(queued.code, queued.stderr).toBe(0);
    expect(queued.stdout).toMatch(/^queued 5 inputs \(arrival 1–5\)/);
    const before = JSON.parse(crossread(['jobs', '--json', '--queue-db', db.url]).stdout);
    expect(before.drained).toBe(false);
    expect(before.inputs.queued).toBe(5);
    const w = crossread(['worker', '--drain', '--db', file, '--queue-db', db.url]);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stderr).toMatch(/stored 5 of 5 article/);
    const after = JSON.parse(crossread(['jobs', '--json', '--wait', '--queue-db', db.url]).stdout);
    expect(after).toMatchObject({ drained: true, inputs: { queued: 0, staged: 0, done: 5 }, failed: [] });
    const stories = JSON.parse(crossread(['stories', '--json', '--db', file]).stdout);
    expect(stories.items ?? stories).toHaveLength(1);
  });

  it('with the store on PostgreSQL too (--db URL alone): two workers group the inputs exactly as one-process ingest into another database', async () => {
    const { dir } = writeInputs(12, 'pg');
    const other = await createTestDatabase();
    const queueStore = await createTestDatabase();
    try {
      const queued = crossread(['ingest', dir, '--queue', '--db', queueStore.url]);
      expect(queued.code, queued.stderr).toBe(0);
      const run = (): Promise<number | null> =>
        new Promise((resolve) => spawn(process.execPath, [`${REPO}bin/crossread.js`, 'worker', '--drain', '--db', queueStore.url], { stdio: 'ignore' }).on('exit', resolve));
      expect(await Promise.all([run(), run()])).toEqual([0, 0]);
      const direct = crossread(['ingest', dir, '--db', other.url]);
      expect(direct.code, direct.stderr).toBe(0);
      const a = await openStore(queueStore.url);
      const b = await openStore(other.url);
      try {
        const ga = await grouping(a);
        expect(ga.size).toBe(36);
        expect([...ga].sort()).toEqual([...(await grouping(b))].sort());
      } finally {
        await a.close();
        await b.close();
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await other.drop();
      await queueStore.drop();
    }
  });

  it('stops gracefully on SIGTERM: the jobs in hand finish, the lock is given up, exit 0', async () => {
    const file = join(work, 't.db');
    const w = spawn(process.execPath, [`${REPO}bin/crossread.js`, 'worker', '--db', file, '--queue-db', db.url], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    w.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    // Running once it holds the assigner's lock (or another worker does: none here).
    for (let i = 0; i < 200 && !/assigner/.test(stderr); i++) await new Promise((r) => setTimeout(r, 50));
    w.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => w.once('exit', r));
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/stopping after the jobs in hand/);
    expect(stderr).toMatch(/worker: stopped: read \d+/);
    const status = JSON.parse(crossread(['jobs', '--json', '--queue-db', db.url]).stdout);
    expect(status.assigner).toBe(false);
  });
});
