/**
 * `copyStore` / `crossread copy`: a corpus moved between stores keeps everything
 * (articles, removals, stories and their ids, merged ids, forgotten articles, kept
 * briefings, polled sources), groups new articles exactly as the source would, and an
 * interrupted copy resumes. Each case runs for every pair of backends available.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';
import { copyStore, TABLES, type StoreRows, type TableSpec, type Row } from '../../src/store/transfer.js';
import { CrossreadError } from '../../src/errors.js';
import { crossread } from '../cli/run.js';
import { syntheticCorpus, syntheticArticle } from './synthetic.js';
import { openPool } from '../../src/store/postgres/connect.js';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import { PgRows } from '../../src/store/postgres/transfer.js';
import { createTestDatabase, postgresMissing } from '../helpers/postgres.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-copy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let serial = 0;
/** A new, empty store location. */
async function newLocation(): Promise<string> {
  return join(dir, `s${serial++}.db`);
}

/** Opens a store on a fixed clock, so two stores written alike hold equal timestamps. */
async function open(location: string): Promise<Store> {
  return await openStore(location, { now: () => new Date('2026-02-03T04:05:06.000Z') });
}

/** Everything a user can read from a store, in a comparable form. */
async function view(store: Store): Promise<unknown> {
  const stories = await store.listStories({ limit: 1000, sort: 'size' });
  const full = [];
  for (const s of stories.items) full.push(await store.getStory(s.id));
  const articles = await store.listArticles({ limit: 1000 });
  const stored = [];
  for (const a of articles.items) stored.push(await store.getArticle(a.id));
  const facts = [...(await store.cachedBriefingFacts())].sort();
  const stats = await store.stats();
  return { stories, full, articles, stored, facts, source: await store.sourceState('https://example.org/feed'), counts: [stats.articles, stats.stories] };
}

/** A source store with merges, a forgotten article, a kept briefing and a polled source. */
async function filledSource(): Promise<{ location: string; rest: ReturnType<typeof syntheticCorpus> }> {
  const location = await newLocation();
  const corpus = syntheticCorpus(4, 5);
  const store = await open(location);
  try {
    const first = corpus.filter((_, i) => i % 4 !== 3);
    for (let i = 0; i < first.length; i += 3) await store.addArticles(first.slice(i, i + 3));
    await store.forget(first[1]!.id);
    const story = (await store.listStories({ limit: 1 })).items[0]!;
    await store.putCachedBriefing(story.id, { key: 'k1', json: '{"kept":true}', disagreements: 2, lineages: 1 });
    await store.saveSourceState({ url: 'https://example.org/feed', etag: '"abc"', lastModified: null, checkedAt: '2026-01-02T03:04:05.000Z', status: 'ok', added: 3 });
  } finally {
    await store.close();
  }
  return { location, rest: corpus.filter((_, i) => i % 4 === 3) };
}

/** Row access that fails on the `n`th page written: an interrupted copy. */
function failingAfter(rows: StoreRows, n: number): StoreRows {
  let writes = 0;
  return {
    location: rows.location,
    read: (t, after, limit) => rows.read(t, after, limit),
    lastKey: (t) => rows.lastKey(t),
    count: (t) => rows.count(t),
    meta: () => rows.meta(),
    setMeta: (e) => rows.setMeta(e),
    write: async (t: TableSpec, page: readonly Row[]) => {
      if (++writes > n) throw new Error('interrupted');
      await rows.write(t, page);
    },
  };
}

describe('copy between stores', () => {
  it('keeps everything a user can read, and groups new articles as the source does', async () => {
    const { location, rest } = await filledSource();
    const target = await newLocation();
    const a = await open(location);
    const b = await open(target);
    try {
      const r = await copyStore(a.rows(), b.rows(), { pageSize: 7 });
      expect(r.resumed).toBe(false);
      expect(r.rows.articles).toBe(14);
      expect(r.rows.briefings).toBe(1);
      expect(await view(b)).toEqual(await view(a));
      for (const t of TABLES) expect([t.name, await b.rows().count(t)]).toEqual([t.name, await a.rows().count(t)]);
      expect(r.rows.forgotten).toBe(1);
      expect(await b.getCachedBriefing((await b.listStories({ limit: 1 })).items[0]!.id, 'k1')).toMatchObject({ json: '{"kept":true}' });
      // Writing on: both stores give the same assignments, merges and new story ids.
      const ra = await a.addArticles(rest);
      const rb = await b.addArticles(rest);
      expect(rb).toEqual(ra);
      expect(await view(b)).toEqual(await view(a));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('resumes an interrupted copy and ends with the same store', async () => {
    const { location } = await filledSource();
    const target = await newLocation();
    const a = await open(location);
    const b = await open(target);
    try {
      await expect(copyStore(a.rows(), failingAfter(b.rows(), 3), { pageSize: 4 })).rejects.toThrow('interrupted');
      expect((await b.rows().meta()).has('copy_state')).toBe(true);
      const r = await copyStore(a.rows(), b.rows(), { pageSize: 4 });
      expect(r.resumed).toBe(true);
      expect((await b.rows().meta()).has('copy_state')).toBe(false);
      expect(await view(b)).toEqual(await view(a));
      for (const t of TABLES) expect(await b.rows().count(t)).toBe(await a.rows().count(t));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses a target that holds anything, and an interrupted copy of a source that changed since', async () => {
    const { location } = await filledSource();
    const other = await filledSource();
    const a = await open(location);
    const full = await open(other.location);
    const b = await open(await newLocation());
    try {
      const err = await copyStore(a.rows(), full.rows()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CrossreadError);
      expect((err as CrossreadError).message).toMatch(/not empty \(\d+ row\(s\) in articles\)/);
      await expect(copyStore(a.rows(), failingAfter(b.rows(), 1), { pageSize: 4 })).rejects.toThrow('interrupted');
      await a.addArticles([syntheticArticle(9, 1)]);
      await expect(copyStore(a.rows(), b.rows())).rejects.toThrow(/interrupted copy .* the source is now at/);
    } finally {
      await a.close();
      await full.close();
      await b.close();
    }
  });
});

describe('crossread copy', () => {
  it('copies a database file into a new one and says what it copied', async () => {
    const { location } = await filledSource();
    const target = await newLocation();
    const r = crossread(['copy', '--from', location, '--to', target]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^copied .* to .*: 14 articles, \d+ stories, \d+ merged story ids?, 1 kept briefing, 1 polled source\n?$/);
    const again = crossread(['copy', '--from', location, '--to', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/cannot copy \(it is not empty/);
    const same = crossread(['copy', '--from', location, '--to', location]);
    expect(same.code).toBe(2);
    const missing = crossread(['copy', '--from', join(dir, 'nope.db'), '--to', await newLocation()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.db.*no such file/);
  });
});

const pgMissing = await postgresMissing();

describe.skipIf(pgMissing)('copy through PostgreSQL (real server)', () => {
  it('SQLite → PostgreSQL → SQLite gives back the same store, and resumes on the PostgreSQL side', async () => {
    const { location } = await filledSource();
    const db = await createTestDatabase();
    const pool = await openPool(db.url);
    const a = await open(location);
    const back = await open(await newLocation());
    try {
      await migratePostgres(pool, { location: db.url });
      const pgRows = new PgRows(db.url, pool);
      await expect(copyStore(a.rows(), failingAfter(pgRows, 2), { pageSize: 3 })).rejects.toThrow('interrupted');
      const there = await copyStore(a.rows(), pgRows, { pageSize: 3 });
      expect(there.resumed).toBe(true);
      for (const t of TABLES) expect([t.name, await pgRows.count(t)]).toEqual([t.name, await a.rows().count(t)]);
      const home = await copyStore(pgRows, back.rows(), { pageSize: 5 });
      expect(home.resumed).toBe(false);
      expect(await view(back)).toEqual(await view(a));
      // Text keys page in the same (bytewise) order on both sides.
      const terms = async (rows: StoreRows) => (await rows.read(TABLES.find((t) => t.name === 'df')!, null, 100_000)).map((r) => r.term);
      expect(await terms(pgRows)).toEqual(await terms(a.rows()));
    } finally {
      await a.close();
      await back.close();
      await pool.end();
      await db.drop();
    }
  });
});
