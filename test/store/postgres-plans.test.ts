/**
 * Every list query of the PostgreSQL store is served by an index: the store's own
 * queries (recorded as it runs them) are EXPLAINed on a database seeded with 50,000
 * articles in 10,000 stories (rows written by SQL, then ANALYZEd), and their plans must
 * read articles through the expected index, never by a sequential scan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestDatabase, postgresMissing, type TestDatabase } from '../helpers/postgres.js';

const pgMissing = await postgresMissing();

const SEED = `
INSERT INTO articles (seq, id, content_hash, url, path, format, title, outlet, published, raw_text, text, raw_words, words, removed, diagnostics,
  encoding, language, ingested_at, story_id, sort_date, gen)
SELECT i, 'a' || i, md5(i::text), 'https://example.com/' || i, 'p', 'text', 'Title ' || i || CASE WHEN i % 97 = 0 THEN ' volcano' ELSE '' END,
  'Outlet ' || (i % 50), CASE WHEN i % 10 = 0 THEN NULL ELSE to_char(date '2020-01-01' + (i % 1500), 'YYYY-MM-DD') END,
  'body ' || i, 'body text number ' || i || CASE WHEN i % 89 = 0 THEN ' Grindavik lava' ELSE '' END, 5, 5, '[]', '[]', 'utf-8', 'en',
  '2024-01-01T00:00:00Z', 's-' || (i / 5), to_char(date '2020-01-01' + (i % 1500), 'YYYY-MM-DD'), i / 100
FROM generate_series(1, 50000) i;
INSERT INTO stories (id, headline, article_count, lineage_count, date_from, date_to, sort_from, sort_to, outlets, created_at, updated_at)
SELECT 's-' || j, 'H' || j, 1 + j % 7, 1, CASE WHEN j % 13 = 0 THEN NULL ELSE to_char(date '2020-01-01' + (j % 1500), 'YYYY-MM-DD') END,
  CASE WHEN j % 13 = 0 THEN NULL ELSE to_char(date '2020-01-01' + (j % 1500) + 3, 'YYYY-MM-DD') END, '2020-01-01', '2020-01-04', '[]', 'x', 'x'
FROM generate_series(0, 10000) j;
INSERT INTO story_aliases SELECT 'old-' || j, 's-' || j FROM generate_series(0, 1000) j;
ANALYZE;
`;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(n: PlanNode): PlanNode[] {
  return [n, ...(n.Plans ?? []).flatMap(nodes)];
}

describe.skipIf(pgMissing)('PostgreSQL store: list queries use indexes (EXPLAIN, 50k seeded articles)', () => {
  let db: TestDatabase;
  let store: Store;
  let pool: pg.Pool;
  const seen: Array<{ sql: string; params: unknown[] }> = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    store = await openStore(db.url);
    pool = (store as unknown as { pool: pg.Pool }).pool;
    await pool.query(SEED);
    // Full text is indexed apart from the rows (src/store/postgres/search-index.ts).
    expect(await store.indexSearch()).toBe(50_000);
    // As autovacuum does on a table that grows: the GIN index's pending list merged, statistics taken.
    await pool.query('VACUUM ANALYZE article_search');
    // Record every statement the store sends (pool.query runs on a client of the pool too).
    const patched = new WeakSet<object>();
    pool.on('acquire', (client) => {
      if (patched.has(client)) return;
      patched.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        if (typeof args[0] === 'string') seen.push({ sql: args[0], params: Array.isArray(args[1]) ? [...(args[1] as unknown[])] : [] });
        return query(...args);
      };
    });
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  /** The plans of the statements `run` makes the store send. */
  async function plans(run: () => Promise<unknown>): Promise<PlanNode[][]> {
    seen.length = 0;
    await run();
    const out: PlanNode[][] = [];
    for (const q of seen.splice(0).filter((x) => /^\s*(SELECT|WITH)\b/i.test(x.sql))) {
      const r = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${q.sql}`, q.params);
      out.push(nodes(r.rows[0]!['QUERY PLAN'][0]!.Plan));
    }
    return out;
  }

  /** Every statement reads articles by an index (no sequential scan), and `index` is used by one of them. */
  async function expectIndexed(run: () => Promise<unknown>, index: string): Promise<void> {
    const all = (await plans(run)).flat();
    if (process.env.DEBUG_PLANS) console.log(JSON.stringify(all.map((n) => [n["Node Type"], n["Relation Name"], n["Index Name"]])));
    expect(all.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'articles')).toEqual([]);
    expect(all.map((n) => n['Index Name']).filter(Boolean)).toContain(index);
  }

  it.each([
    ['recent', 'stories_recent'],
    ['size', 'stories_size'],
  ] as const)('an unfiltered page (%s) reads only its rows, in index order', async (sort, index) => {
    const [plan] = await plans(() => store.listStories({ sort, limit: 50 }));
    expect(plan!.map((n) => n['Node Type'])).toEqual(['Limit', 'Index Scan']);
    expect(plan![1]!['Index Name']).toBe(index);
  });

  it.each([
    [{ q: 'volcano' }, 'article_search_terms'],
    [{ q: '"Grindavik lava"' }, 'article_search_terms'],
    [{ outlet: 'outlet 3' }, 'articles_outlet_story'],
    [{ since: '2023-01-01', until: '2023-01-31' }, 'articles_published_story'],
  ])('stories filtered by %j: %s', async (q, index) => {
    await expectIndexed(() => store.listStories(q), index);
  });

  it.each([
    [{ storyId: 's-17' }, 'articles_story'],
    [{ storyId: 'old-17' }, 'story_aliases_pkey'],
    [{ q: 'volcano' }, 'article_search_terms'],
    [{ outlet: 'outlet 3', limit: 5 }, 'articles_outlet_story'],
    [{ since: '2023-01-01', until: '2023-01-05' }, 'articles_published_story'],
  ])('articles filtered by %j: %s', async (q, index) => {
    await expectIndexed(() => store.listArticles(q), index);
  });

  it('one story, one article, a URL check', async () => {
    await expectIndexed(() => store.getStory('old-17'), 'articles_story');
    await expectIndexed(() => store.getArticle('a17'), 'articles_id_key');
    await expectIndexed(() => store.hasUrl('https://example.com/17'), 'articles_url_key');
  });
});
