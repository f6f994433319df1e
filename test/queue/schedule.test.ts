/**
 * `watch` on PostgreSQL: feed polls as a recurring pg-boss job that workers run (a feed
 * served from a local HTTP server), replaced when scheduled again, removed on request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { openQueue, type QueueConnection } from '../../src/queue/connection.js';
import { cronOf, schedulePolls, unschedulePolls } from '../../src/queue/schedule.js';
import { runWorker } from '../../src/queue/worker.js';
import { queueStatus } from '../../src/queue/status.js';
import { createTestDatabase, postgresMissing, type TestDatabase } from '../helpers/postgres.js';
import { REPO } from '../helpers/shared.js';

const pgMissing = await postgresMissing();

describe('poll intervals as cron schedules', () => {
  it.each([
    [60_000, '* * * * *'],
    [600_000, '*/10 * * * *'],
    [1_800_000, '*/30 * * * *'],
    [3_600_000, '0 */1 * * *'],
    [6 * 3_600_000, '0 */6 * * *'],
    [24 * 3_600_000, '0 0 * * *'],
  ])('%d ms → %s', (ms, cron) => expect(cronOf(ms)).toBe(cron));
  it.each([30_000, 7 * 60_000, 90 * 60_000, 5 * 3_600_000])('refuses %d ms, saying which intervals work', (ms) => {
    expect(() => cronOf(ms)).toThrow(/dividing 60/);
  });
});

describe.skipIf(pgMissing)('scheduled feed polls (real PostgreSQL)', () => {
  let db: TestDatabase;
  let work: string;
  let server: Server;
  let feedUrl: string;
  let q: QueueConnection;
  beforeEach(async () => {
    db = await createTestDatabase();
    work = mkdtempSync(join(tmpdir(), 'crossread-queue-poll-'));
    const feed = readFileSync(join(REPO, 'test/fixtures/ingest/feed.rss'));
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' });
      res.end(feed);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address() as { port: number };
    feedUrl = `http://127.0.0.1:${addr.port}/feed.rss`;
    q = await openQueue(db.url);
  });
  afterEach(async () => {
    await q.close();
    await new Promise((r) => server.close(r));
    await db.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('schedules the polls, a worker runs the first at once and stores the feed, and the schedule is replaced or removed on request', async () => {
    expect(await schedulePolls(q, [feedUrl], 600_000, { followLinks: false })).toBe('*/10 * * * *');
    const store = openSqliteStore(join(work, 'p.db'));
    try {
      await runWorker({ url: db.url, store, drain: true, stages: ['poll', 'fetch', 'assign'] });
      const stored = await store.listArticles({ limit: 100 });
      expect(stored.total).toBeGreaterThan(0);
      expect(stored.items.every((a) => a.path.startsWith('http'))).toBe(true);
      expect(await store.sourceState(feedUrl)).toMatchObject({ etag: '"v1"', status: 'ok' });
    } finally {
      await store.close();
    }
    expect((await queueStatus(q)).failed).toEqual([]);
    await schedulePolls(q, [feedUrl], 3_600_000);
    const schedules = await q.boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron])).toEqual([['crossread-poll', '0 */1 * * *']]);
    expect(await unschedulePolls(q)).toBe(true);
    expect(await q.boss.getSchedules()).toEqual([]);
  });
});
