/**
 * What only the PostgreSQL store has (its shared behaviour is in ./conformance.test.ts),
 * against a real server, a fresh database per test: read-only opens, the writers'
 * advisory lock, lost connections, features re-extracted when another version wrote them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.js';
import { WRITE_LOCK } from '../../src/store/postgres/store.js';
import { copyStore } from '../../src/store/transfer.js';
import { isConnectionError, openPool, postgresError } from '../../src/store/postgres/connect.js';
import { CrossreadError } from '../../src/errors.js';
import { FEATURES_VERSION } from '../../src/stories/features.js';
import { createTestDatabase, postgresMissing, type TestDatabase } from '../helpers/postgres.js';
import { syntheticArticle } from './synthetic.js';

const pgMissing = await postgresMissing();

describe.skipIf(pgMissing)('PostgreSQL store (real server)', () => {
  const made: TestDatabase[] = [];
  const stores: Store[] = [];
  const clients: pg.Client[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await Promise.all(clients.splice(0).map((c) => c.end()));
    await Promise.all(made.splice(0).map((d) => d.drop()));
  });
  async function fresh(): Promise<TestDatabase> {
    const db = await createTestDatabase();
    made.push(db);
    return db;
  }
  async function open(url: string, opts: Parameters<typeof openStore>[1] = {}): Promise<Store> {
    const s = await openStore(url, opts);
    stores.push(s);
    return s;
  }
  async function client(url: string): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    clients.push(c);
    return c;
  }
  const codeOf = (e: unknown): string | undefined => (e instanceof CrossreadError ? e.code : undefined);

  it('read-only: an empty or foreign database is refused saying so, and nothing is written', async () => {
    const db = await fresh();
    const empty = await openStore(db.url, { readonly: true }).catch((e: unknown) => e);
    expect(codeOf(empty)).toBe('DB_NOT_CROSSREAD');
    expect((empty as Error).message).toBe(`${db.url}: not a crossread database (the database is empty)`);
    const c = await client(db.url);
    expect((await c.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0].n).toBe(0);
    await c.query('CREATE TABLE invoices (id int)');
    const foreign = await openStore(db.url, { readonly: true }).catch((e: unknown) => e);
    expect((foreign as Error).message).toContain('not a crossread database (it holds other tables (invoices))');
    const writable = await openStore(db.url).catch((e: unknown) => e);
    expect(codeOf(writable)).toBe('DB_NOT_CROSSREAD');
  });

  it('read-only: reads work, writes are refused', async () => {
    const db = await fresh();
    await (await open(db.url)).addArticles([syntheticArticle(0, 0)]);
    const ro = await open(db.url, { readonly: true });
    expect((await ro.listStories()).total).toBe(1);
    await expect(ro.addArticles([syntheticArticle(0, 1)])).rejects.toThrow(/opened read-only/);
    await ro.putCachedBriefing('s-x', { key: 'k', json: '{}', disagreements: 0, lineages: 0 }); // a no-op
  });

  it('writers wait for the advisory lock, and give up with DB_BUSY after busyTimeoutMs', async () => {
    const db = await fresh();
    const store = await open(db.url, { busyTimeoutMs: 300 });
    await store.addArticles([syntheticArticle(0, 0)]);
    const other = await client(db.url);
    await other.query('SELECT pg_advisory_lock($1, $2)', [...WRITE_LOCK]);
    const err = await store.addArticles([syntheticArticle(0, 1)]).catch((e: unknown) => e);
    expect(codeOf(err)).toBe('DB_BUSY');
    expect((err as Error).message).toContain(db.url);
    expect(await store.getArticle('e0-a1')).toBeNull();
    await other.query('SELECT pg_advisory_unlock($1, $2)', [...WRITE_LOCK]);
    // Released: the write goes through, assigned as it would have been.
    const r = await store.addArticles([syntheticArticle(0, 1)]);
    expect(r.added[0]?.storyId).toBe((await store.getArticle('e0-a0'))?.storyId);
  });

  it('a write opens its transaction, sets its lock timeout and takes the writers\' lock in one round trip', async () => {
    const db = await fresh();
    const store = await open(db.url);
    await store.addArticles([syntheticArticle(0, 0)]);
    const texts: string[] = [];
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function (this: pg.Client, ...args: unknown[]) {
      texts.push(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: unknown } | undefined)?.text ?? ''));
      return original.apply(this, args);
    };
    try {
      // (Search indexing deferred: it takes a lock of its own, ./search-index.ts.)
      await store.addArticles([syntheticArticle(0, 1)], { deferSearch: true });
    } finally {
      proto.query = original;
    }
    const begin = texts.filter((t) => /^BEGIN ISOLATION LEVEL READ COMMITTED/.test(t));
    expect(begin).toHaveLength(1);
    expect(begin[0]).toMatch(/lock_timeout = '10000ms'; SELECT pg_advisory_xact_lock\(\d+, 2\)$/);
    expect(texts.some((t) => /set_config\('lock_timeout'|^SELECT pg_advisory_xact_lock/.test(t))).toBe(false);
  });

  it('after the server ends the store\'s connections (as in a restart) the next calls reconnect; a failure meanwhile names the database, not its password', async () => {
    const db = await fresh();
    const url = new URL(db.url);
    url.password = 'hunter2';
    const store = await open(url.toString());
    expect(store.location).not.toContain('hunter2');
    await store.addArticles([syntheticArticle(0, 0)]);
    const admin = await client(db.url);
    // Every idle connection of the store's pool is ended by the server, as in a restart.
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [db.name]);
    const results = await Promise.all([store.listStories(), store.stats()].map((p) => p.then(() => 'ok', (e: unknown) => e)));
    for (const r of results) {
      if (r === 'ok') continue;
      expect(codeOf(r)).toBe('DB_FAILED');
      expect((r as Error).message).toContain(store.location);
      expect((r as Error).message).not.toContain('hunter2');
    }
    expect((await store.stats()).articles).toBe(1);
    const w = await store.addArticles([syntheticArticle(0, 1)]);
    expect(w.added).toHaveLength(1);
  });

  it('a connection checked out of the pool (a transaction) that the server ends does not end the process; the pool goes on with a new one', async () => {
    const db = await fresh();
    const pool = await openPool(db.url, { max: 1, applicationName: 'crossread-checked-out' });
    try {
      const held = await pool.connect();
      await held.query('BEGIN');
      const ended = new Promise((r) => held.once('end', r));
      const admin = await client(db.url);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'crossread-checked-out'", [db.name]);
      // Between its queries the client hears of it ('error', then 'end'): unheard, that 'error' was an uncaught exception.
      await ended;
      const err = await held.query('SELECT 1').catch((e: unknown) => e);
      expect(codeOf(postgresError('here', err))).toBe('DB_FAILED');
      held.release(err as Error);
      expect((await pool.query<{ n: number }>('SELECT 1 AS n')).rows[0]!.n).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('search lags assignment with deferSearch: the article is stored, listed and in its story at once, and found once indexed', async () => {
    const db = await fresh();
    const s = await open(db.url);
    // Indexed right after the write by default.
    await s.addArticles([syntheticArticle(0, 0, { title: 'Ferry to Zanzibar' }), syntheticArticle(1, 0, { title: 'Harbour strike' })]);
    expect((await s.listArticles({ q: 'zanzibar' })).items.map((a) => a.id)).toEqual(['e0-a0']);
    // The queue's assigner defers it: stored and visible, not yet found by search.
    const r = await s.addArticles([syntheticArticle(0, 1, { title: 'Zanzibar ferry delayed' })], { deferSearch: true });
    const storyId = r.added[0]!.storyId;
    expect(await s.getArticle('e0-a1')).not.toBeNull();
    expect((await s.listArticles()).items.map((a) => a.id)).toContain('e0-a1');
    expect((await s.getStory(storyId))!.articles.map((a) => a.id)).toContain('e0-a1');
    expect((await s.listArticles({ q: 'delayed' })).total).toBe(0);
    expect((await s.listStories({ q: 'delayed' })).total).toBe(0);
    // The index step (the queue's `index` stage) makes it findable; a second run has nothing to do.
    expect(await s.indexSearch()).toBe(1);
    expect(await s.indexSearch()).toBe(0);
    expect((await s.listArticles({ q: 'delayed' })).items.map((a) => a.id)).toEqual(['e0-a1']);
    expect((await s.listStories({ q: 'delayed' })).items.map((x) => x.id)).toEqual([storyId]);
    // Forgetting the last article frees its arrival number for the next one, which is still indexed.
    await s.forget('e0-a1');
    await s.addArticles([syntheticArticle(1, 1, { title: 'Strike ends at the harbour' })], { deferSearch: true });
    expect(await s.indexSearch()).toBe(1);
    expect((await s.listArticles({ q: 'strike' })).items.map((a) => a.id)).toEqual(['e1-a0', 'e1-a1']);
    expect((await s.listArticles({ q: 'delayed' })).total).toBe(0);
  });

  it('story headlines are computed by the index step: a provisional title until then, then the headline SQLite and brief give', async () => {
    const db = await fresh();
    const s = await open(db.url);
    const dir = mkdtempSync(join(tmpdir(), 'crossread-headline-'));
    const lite = await openStore(join(dir, 'x.db'));
    try {
      // The first title is not the most representative one: the other two share its stems.
      const batch1 = [
        syntheticArticle(0, 0, { title: 'Trouble on the Kell' }),
        syntheticArticle(0, 1, { title: 'Riverton flood barrier fails after storm surge' }),
        syntheticArticle(0, 2, { title: 'Storm surge breaks Riverton flood barrier' }),
      ];
      const batch2 = [syntheticArticle(0, 3, { title: 'Riverton levee breach: evacuation ordered after storm surge' })];
      const headlineIn = async (x: Store): Promise<string> => (await x.listStories()).items.map((i) => i.headline).join(' / ');
      const due = async (): Promise<number> => (await (await client(db.url)).query('SELECT count(*)::int AS n FROM stories WHERE headline_due')).rows[0].n;

      const storyId = (await s.addArticles(batch1, { deferSearch: true })).added[0]!.storyId;
      await lite.addArticles(batch1);
      // Before the index step: listed under its first member's title, on the list and the story's summary alike.
      expect(await headlineIn(s)).toBe('Trouble on the Kell');
      expect((await s.getStorySummary(storyId))!.headline).toBe('Trouble on the Kell');
      expect(await due()).toBe(1);
      // A copy taken now carries the headline, not the provisional title (the target knows nothing of the mark).
      const copied = await openStore(join(dir, 'copy.db'));
      try {
        await copyStore(s.rows(), copied.rows());
        expect(await headlineIn(copied)).toBe(await headlineIn(lite));
      } finally {
        await copied.close();
      }
      await s.indexSearch();
      const first = await headlineIn(lite);
      expect(first).not.toBe('Trouble on the Kell');
      expect(await headlineIn(s)).toBe(first);
      expect((await s.getStory(storyId))!.headline).toBe(first);
      expect(await due()).toBe(0);

      // A story that changes keeps its last headline until the step runs again.
      await s.addArticles(batch2, { deferSearch: true });
      await lite.addArticles(batch2);
      expect(await headlineIn(s)).toBe(first);
      await s.indexSearch();
      expect(await headlineIn(s)).toBe(await headlineIn(lite));
      // Without deferSearch the headline is there when addArticles returns, as before.
      const batch3 = [syntheticArticle(3, 0, { title: 'Valdoria budget row' }), syntheticArticle(3, 1, { title: 'Valdoria tax reform and budget deficit vote' })];
      await s.addArticles(batch3);
      await lite.addArticles(batch3);
      expect(await headlineIn(s)).toBe(await headlineIn(lite));
      expect(await due()).toBe(0);
    } finally {
      await lite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('re-extracts story features written by another version of the extraction, keeping stories', async () => {
    const db = await fresh();
    const s = await open(db.url);
    await s.addArticles([0, 1, 2].flatMap((e) => [0, 1, 2, 3].map((k) => syntheticArticle(e, k))));
    const want = await (s as unknown as { clusterSnapshot(): Promise<{ documents: number; df: Map<string, number> }> }).clusterSnapshot();
    const groups = (await s.listArticles({ limit: 100 })).items.map((a) => [a.id, a.storyId]);
    const c = await client(db.url);
    await c.query("UPDATE crossread_meta SET value = '1' WHERE key = 'features_version'");
    await c.query("UPDATE features SET terms = 'obsolete\t1\n'");
    await c.query("DELETE FROM df; DELETE FROM df_delta; INSERT INTO df (term, n) VALUES ('obsolete', 12)");
    const again = await open(db.url);
    const r = await again.addArticles([syntheticArticle(1, 7)]);
    expect(r.added[0]?.storyId).toBe((await again.getArticle('e1-a0'))?.storyId);
    expect((await again.listArticles({ limit: 100 })).items.filter((a) => a.id !== 'e1-a7').map((a) => [a.id, a.storyId])).toEqual(groups);
    expect((await c.query("SELECT value FROM crossread_meta WHERE key = 'features_version'")).rows[0].value).toBe(String(FEATURES_VERSION));
    expect((await c.query("SELECT count(*)::int AS n FROM features WHERE terms LIKE 'obsolete%'")).rows[0].n).toBe(0);
    expect((await c.query("SELECT count(*)::int AS n FROM df WHERE term = 'obsolete'")).rows[0].n).toBe(0);
    expect(want.documents).toBe(12);
  });
});

describe('PostgreSQL failures in words', () => {
  const at = 'postgres://ann:***@db.example/news';
  it.each([
    [{ code: '57P01', severity: 'FATAL', message: 'terminating connection due to administrator command' }, 'DB_FAILED', 'the connection failed'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'DB_FAILED', 'no server answers at that address'],
    [new Error('Connection terminated unexpectedly'), 'DB_FAILED', 'the connection failed'],
    [{ code: '55P03', severity: 'ERROR', message: 'canceling statement due to lock timeout' }, 'DB_BUSY', 'lock timeout'],
    [{ code: '40P01', severity: 'ERROR', message: 'deadlock detected' }, 'DB_BUSY', 'deadlock'],
    [{ code: '25006', severity: 'ERROR', message: 'cannot execute INSERT in a read-only transaction' }, 'DB_READONLY', 'read-only'],
    [{ code: '42P01', severity: 'ERROR', message: 'relation "stories" does not exist' }, 'DB_DAMAGED', 'stories'],
    [{ code: '22001', severity: 'ERROR', message: 'value too long' }, 'DB_FAILED', 'value too long (22001)'],
  ])('%o is %s', (err, code, words) => {
    const e = postgresError(at, err);
    expect(e).toBeInstanceOf(CrossreadError);
    expect((e as CrossreadError).code).toBe(code);
    expect((e as Error).message).toContain(at);
    expect((e as Error).message).toContain(words);
  });
  it('a lost or refused connection is told apart (a worker waits it out), also once put in words', () => {
    const lost = [
      { code: '57P01', severity: 'FATAL', message: 'terminating connection due to administrator command' },
      { code: '57P03', severity: 'FATAL', message: 'the database system is starting up' },
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
    ];
    for (const err of lost) {
      expect(isConnectionError(err)).toBe(true);
      expect(isConnectionError(postgresError(at, err))).toBe(true);
    }
    const others = [{ code: '55P03', severity: 'ERROR', message: 'canceling statement due to lock timeout' }, { code: '22001', severity: 'ERROR', message: 'value too long' }, new TypeError('x is undefined')];
    for (const err of others) {
      expect(isConnectionError(err)).toBe(false);
      expect(isConnectionError(postgresError(at, err))).toBe(false);
    }
    expect(isConnectionError(CrossreadError.of('DB_FAILED', at, 'the connection failed: made up'))).toBe(false); // no cause: not known to be one
  });
  it('a bug stays a bug', () => {
    const bug = new TypeError('x is undefined');
    expect(postgresError(at, bug)).toBe(bug);
  });
});
