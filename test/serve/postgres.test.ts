/**
 * The web app on a PostgreSQL store (a fresh database, the bundled example ingested):
 * the list page, the JSON API's lists and searches, a story page (briefed, then kept in
 * the store and answered from there by a second server on the same database) and an
 * article page answer as the same app on a SQLite store of the same input does (JSON
 * answers compared object for object, the times of this run aside). Skipped with a
 * reason when no PostgreSQL server answers (a failure under CI=true).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/briefing.js';
import { openStore } from '../../src/store/index.js';
import type { Page, Store, StoredArticle } from '../../src/store/store.js';
import { startServer, type RunningServer } from '../../src/serve/index.js';
import { createTestDatabase, postgresMissing, type TestDatabase } from '../helpers/postgres.js';
import { exampleArticles, request, serve, tempStore, type TempStore } from './helpers.js';

const pgMissing = await postgresMissing();

type ListItem = { id: string; headline: string; articleCount: number; disagreements: number | null; url: string };

/** A JSON answer with the times of this run left out (stories and articles are stamped when stored, briefings when made). */
function timeless(text: string): unknown {
  return JSON.parse(text, (k, v: unknown) => (k === 'createdAt' || k === 'updatedAt' || k === 'ingestedAt' || k === 'generatedAt' ? '<time>' : v));
}

describe.skipIf(pgMissing)('the web app on PostgreSQL', () => {
  let db: TestDatabase;
  let pgStore: Store;
  let sqlite: TempStore;
  let onPg: RunningServer;
  let onSqlite: RunningServer;
  let storyId: string;
  let articleId: string;
  /** The same GET on both servers: [PostgreSQL's answer, SQLite's]. */
  const both = (path: string) => Promise.all([request(onPg.url, 'GET', path), request(onSqlite.url, 'GET', path)]);

  beforeAll(async () => {
    db = await createTestDatabase();
    const examples = await exampleArticles();
    // One clock for both stores: the article page shows when an article was stored.
    const now = () => new Date('2026-03-04T05:06:07.000Z');
    pgStore = await openStore(db.url, { now });
    sqlite = tempStore({ now });
    const [a, b] = [await pgStore.addArticles(examples), await sqlite.store.addArticles(examples)];
    storyId = a.added[0]?.storyId as string;
    expect(b.added[0]?.storyId).toBe(storyId);
    articleId = a.added[2]?.id as string;
    // Briefings are written by the page requests below, not by background warming.
    [onPg, onSqlite] = await Promise.all([serve(pgStore), serve(sqlite.store)]);
  });

  afterAll(async () => {
    await onPg?.close();
    await onSqlite?.close();
    await pgStore?.close();
    await sqlite?.cleanup();
    await db?.drop();
  });

  it('lists the stories as on SQLite (JSON API and list page)', async () => {
    const [p, s] = await both('/api/stories');
    expect(p.status).toBe(200);
    expect(timeless(p.text)).toEqual(timeless(s.text));
    expect(p.json<Page<ListItem>>()).toMatchObject({ total: 1, items: [{ id: storyId, articleCount: 5, url: `/stories/${storyId}` }] });
    for (const path of ['/api/stories?sort=size&limit=1', '/api/stories?limit=1&offset=1', '/api/stories?outlet=ap', '/api/stories?outlet=Reuters', '/api/stories?since=2017-12-01&until=2017-12-31', '/api/stories?until=2017-01-01']) {
      const [pp, ss] = await both(path);
      expect([pp.status, path]).toEqual([200, path]);
      expect([timeless(pp.text), path]).toEqual([timeless(ss.text), path]);
    }
    const [page, sPage] = await both('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/stories/${storyId}`);
    expect(page.text).toContain('5 articles');
    expect(page.text).toBe(sPage.text);
  });

  it('searches with web-search syntax as on SQLite where the two mean the same (words, quoted phrases)', async () => {
    const totals: Record<string, number> = {};
    for (const q of ['Gerasimov', 'volcano', 'Russian military', '"Russian military"', '"military Russian"', 'Gerasimov volcano', '']) {
      const path = `/api/stories?q=${encodeURIComponent(q)}`;
      const [p, s] = await both(path);
      expect([p.status, q]).toEqual([200, q]);
      expect([timeless(p.text), q]).toEqual([timeless(s.text), q]);
      totals[q] = p.json<Page<ListItem>>().total;
    }
    expect(totals).toMatchObject({ Gerasimov: 1, volcano: 0, 'Russian military': 1, '"Russian military"': 1, '"military Russian"': 0, 'Gerasimov volcano': 0 });
    // PostgreSQL's websearch_to_tsquery also reads `or` and `-word` (SQLite's search ANDs every word).
    const words = async (q: string) => (await request(onPg.url, 'GET', `/api/stories?q=${encodeURIComponent(q)}`)).json<Page<ListItem>>().total;
    expect(await words('Gerasimov or volcano')).toBe(1);
    expect(await words('Gerasimov -volcano')).toBe(1);
    expect(await words('Gerasimov -Russian')).toBe(0);
    // Operators and quotes in user input are never a syntax error, on either store.
    for (const q of ['"NEAR( OR * -', '-', '"', 'or', '!:*&|']) {
      const [p, s] = await both(`/api/stories?q=${encodeURIComponent(q)}`);
      expect([p.status, s.status, q]).toEqual([200, 200, q]);
    }
    const [page, sPage] = await both('/?q=Gerasimov');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/stories/${storyId}`);
    expect(page.text).toBe(sPage.text);
  });

  it('briefs a story as on SQLite, keeps the briefing in the database, and a second server answers from it', async () => {
    const [p, s] = await both(`/api/stories/${storyId}`);
    expect(p.status).toBe(200);
    expect(timeless(p.text)).toEqual(timeless(s.text));
    expect(p.json<Briefing>().stories[0]?.summary.length).toBeGreaterThan(0);
    const [page, sPage] = await both(`/stories/${storyId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('What happened');
    expect(page.text).toBe(sPage.text);
    expect(onPg.app.briefer.stats.briefed).toBe(1);

    // The briefing row, as another process sees it.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    let rows: Array<{ story_id: string; json: string }>;
    try {
      rows = (await client.query<{ story_id: string; json: string }>('SELECT story_id, json FROM briefings')).rows;
    } finally {
      await client.end();
    }
    expect(rows.map((r) => r.story_id)).toEqual([storyId]);
    expect(timeless(rows[0]!.json)).toEqual(timeless(p.text));

    // A second server, its own store on the same database: the page comes from the kept row.
    const second = await startServer({ db: db.url, port: 0 });
    try {
      const again = await request(second.url, 'GET', `/stories/${storyId}`);
      expect(again.status).toBe(200);
      expect(again.text).toBe(page.text);
      const api = await request(second.url, 'GET', `/api/stories/${storyId}`);
      expect(api.text).toBe(p.text);
      expect(second.app.briefer.stats).toMatchObject({ briefed: 0, fromStore: 1 });
      // The list's badge is known from the kept briefing too.
      const listed = (await request(second.url, 'GET', '/api/stories')).json<Page<ListItem>>().items[0];
      const first = (await request(onPg.url, 'GET', '/api/stories')).json<Page<ListItem>>().items[0];
      expect(listed?.disagreements).not.toBeNull();
      expect(listed).toEqual(first);
    } finally {
      await second.close();
    }
  });

  it('shows an article as on SQLite (JSON API and page), and 404s as on SQLite', async () => {
    const [p, s] = await both(`/api/articles/${encodeURIComponent(articleId)}`);
    expect(p.status).toBe(200);
    expect(timeless(p.text)).toEqual(timeless(s.text));
    expect(p.json<StoredArticle>()).toMatchObject({ id: articleId, storyId });
    const [page, sPage] = await both(`/articles/${encodeURIComponent(articleId)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/stories/${storyId}`);
    expect(page.text).toBe(sPage.text);
    for (const path of ['/api/articles/nope', '/api/stories/s-nope', '/stories/s-nope', '/articles/nope']) {
      const [pp, ss] = await both(path);
      expect([pp.status, path]).toEqual([404, path]);
      expect(pp.text).toBe(ss.text);
    }
  });
});
