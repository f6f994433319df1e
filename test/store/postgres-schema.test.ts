/**
 * The PostgreSQL schema and its migrations, against a real server (a fresh database per
 * test, dropped afterwards): created once even when processes start together, refused on
 * foreign or newer databases, full-text search with web-search syntax.
 */
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { isPostgresUrl, openPool, redactUrl } from '../../src/store/postgres/connect.js';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from '../../src/store/postgres/schema.js';
import { indexSearch } from '../../src/store/postgres/search-index.js';
import { CrossreadError } from '../../src/errors.js';
import { defaultDbPath } from '../../src/store/index.js';
import { createTestDatabase, postgresMissing, type TestDatabase } from '../helpers/postgres.js';

describe('PostgreSQL URLs', () => {
  it.each([
    ['postgres://u@h:5432/db', true],
    ['postgresql://h/db', true],
    ['  POSTGRES://h/db', true],
    ['store.db', false],
    ['./postgres/store.db', false],
    ['file:postgres://x', false],
  ])('%s is a PostgreSQL URL: %s', (s, want) => {
    expect(isPostgresUrl(s)).toBe(want);
  });
  it('--db and CROSSREAD_DB keep a URL as given, and resolve a file path', () => {
    expect(defaultDbPath('postgres://u@h:5432/db', {}, '/work')).toBe('postgres://u@h:5432/db');
    expect(defaultDbPath(undefined, { CROSSREAD_DB: ' postgresql://h/db ' }, '/work')).toBe('postgresql://h/db');
    expect(defaultDbPath('news.db', {}, '/work')).toBe('/work/news.db');
    expect(defaultDbPath(undefined, {}, '/work')).toBe('/work/crossread.db');
  });
  it('never shows a password', () => {
    expect(redactUrl('postgres://ann:s3cret@db.example:5432/news')).toBe('postgres://ann:***@db.example:5432/news');
    expect(redactUrl('postgres://ann@db.example/news')).toBe('postgres://ann@db.example/news');
    expect(redactUrl('postgres://ann:s3cret@[bad')).not.toContain('s3cret');
  });
});

const pgMissing = await postgresMissing();

describe.skipIf(pgMissing)('PostgreSQL schema (real server)', () => {
  const made: TestDatabase[] = [];
  const pools: pg.Pool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
    await Promise.all(made.splice(0).map((d) => d.drop()));
  });
  async function fresh(): Promise<{ db: TestDatabase; pool: pg.Pool }> {
    const db = await createTestDatabase();
    made.push(db);
    const pool = await openPool(db.url, { max: 4 });
    pools.push(pool);
    return { db, pool };
  }

  it('creates the schema once, and a second run changes nothing', async () => {
    const { db, pool } = await fresh();
    expect(await migratePostgres(pool, { location: db.url, meta: { generation: '0' } })).toBe(0);
    expect(await migratePostgres(pool, { location: db.url, meta: { generation: '9' } })).toBe(PG_SCHEMA_VERSION);
    const versions = await pool.query('SELECT version FROM schema_version ORDER BY version');
    expect(versions.rows.map((r) => r.version)).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1));
    const meta = await pool.query("SELECT key, value FROM crossread_meta ORDER BY key");
    expect(meta.rows).toEqual([
      { key: 'application', value: 'crossread' },
      { key: 'generation', value: '0' },
    ]);
    const tables = await pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1");
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'article_links', 'article_search', 'articles', 'briefings', 'crossread_meta', 'df', 'df_delta', 'features', 'forgotten',
      'schema_version', 'sources', 'stories', 'story_aliases',
    ]);
  });

  it('migrates exactly once when several processes start at the same moment', async () => {
    const { db, pool } = await fresh();
    const others = await Promise.all([1, 2, 3].map(() => openPool(db.url, { max: 1 })));
    pools.push(...others);
    const froms = await Promise.all([pool, ...others].map((p) => migratePostgres(p, { location: db.url })));
    expect(froms.filter((v) => v === 0)).toHaveLength(1);
    const n = await pool.query('SELECT count(*)::int AS n FROM schema_version');
    expect(n.rows[0].n).toBe(PG_SCHEMA_VERSION);
  });

  it('refuses a database holding other tables and leaves it as it was', async () => {
    const { pool } = await fresh();
    await pool.query('CREATE TABLE invoices (id int)');
    const err = await migratePostgres(pool, { location: 'postgres://x/shop' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrossreadError);
    expect((err as CrossreadError).code).toBe('DB_NOT_CROSSREAD');
    expect((err as Error).message).toContain('postgres://x/shop');
    expect((err as Error).message).toContain('invoices');
    const tables = await pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
    expect(tables.rows.map((r) => r.table_name)).toEqual(['invoices']);
  });

  it('refuses a schema_version that is not crossread’s, and a newer crossread schema', async () => {
    const a = await fresh();
    await a.pool.query('CREATE TABLE schema_version (version int)');
    const e1 = await migratePostgres(a.pool, { location: 'A' }).catch((e: unknown) => e);
    expect((e1 as CrossreadError).code).toBe('DB_NOT_CROSSREAD');
    const b = await fresh();
    await migratePostgres(b.pool, { location: 'B' });
    await b.pool.query('INSERT INTO schema_version (version) VALUES ($1)', [PG_SCHEMA_VERSION + 1]);
    const e2 = await migratePostgres(b.pool, { location: 'B' }).catch((e: unknown) => e);
    expect((e2 as CrossreadError).code).toBe('DB_NEWER');
    expect((e2 as Error).message).toContain(String(PG_SCHEMA_VERSION + 1));
  });

  it('searches titles, text and outlets with stemming and web-search syntax, best title matches first', async () => {
    const { db, pool } = await fresh();
    await migratePostgres(pool, { location: db.url });
    const rows: Array<[number, string, string, string]> = [
      [1, 'Russia declares Syria freed of militants', 'The defence ministry said on Wednesday that the country was liberated.', 'Agency One'],
      [2, 'Pentagon disputes the claim', 'Officials said Russia declaring victory was premature; fighting in Syria goes on.', 'Daily Two'],
      [3, 'Markets close higher', 'Shares rose in Tokyo and London.', 'Syria Times'],
    ];
    for (const [seq, title, text, outlet] of rows) {
      await pool.query(
        `INSERT INTO articles (seq, id, content_hash, path, format, title, outlet, raw_text, text, raw_words, words, removed, diagnostics, encoding, language, ingested_at, sort_date)
         VALUES ($1, $2, $3, 'p', 'text', $4, $5, $6, $6, 10, 10, '[]', '[]', 'utf-8', 'en', '2017-12-07', '2017-12-07')`,
        [seq, `a${seq}`, `h${seq}`, title, outlet, text],
      );
    }
    expect(await indexSearch(pool)).toBe(3);
    const search = async (q: string): Promise<number[]> =>
      (
        await pool.query(
          "SELECT seq FROM article_search WHERE search @@ websearch_to_tsquery('english', $1) ORDER BY ts_rank(search, websearch_to_tsquery('english', $1)) DESC, seq",
          [q],
        )
      ).rows.map((r) => Number(r.seq));
    expect(await search('declared')).toEqual([1, 2]); // stemming: declares, declaring
    expect(await search('syria')).toEqual([1, 2, 3]); // title (A) over text (B) over outlet (C)
    expect(await search('"defence ministry"')).toEqual([1]);
    expect(await search('russia -pentagon')).toEqual([1]);
    expect(await search('tokyo or pentagon')).toEqual([2, 3]); // the title match first
    expect(await search('the')).toEqual([]); // stop words alone match nothing, without an error
    expect(await search('((( "unclosed')).toEqual([]); // malformed syntax is not an error
  });

  it('version 2 moves full text out of the article rows, and indexes the articles a version 1 store holds', async () => {
    const { db, pool } = await fresh();
    // A store made by version 1, holding one article.
    await pool.query('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    await pool.query(PG_MIGRATIONS[0]!.sql);
    await pool.query("INSERT INTO schema_version (version) VALUES (1); INSERT INTO crossread_meta (key, value) VALUES ('application', 'crossread')");
    await pool.query(
      `INSERT INTO articles (seq, id, content_hash, path, format, title, raw_text, text, raw_words, words, removed, diagnostics, encoding, language, ingested_at, sort_date)
       VALUES (1, 'a1', 'h1', 'p', 'text', 'Volcano erupts', 'Lava reached the town.', 'Lava reached the town.', 4, 4, '[]', '[]', 'utf-8', 'en', '2024-01-01', '2024-01-01')`,
    );
    expect(await migratePostgres(pool, { location: db.url })).toBe(1);
    const cols = await pool.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'articles' AND column_name = 'search'");
    expect(cols.rows).toEqual([]);
    // The long texts are compressed with lz4 (this server has it).
    const lz4 = await pool.query("SELECT attname FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attcompression = 'l' ORDER BY attname");
    expect(lz4.rows.map((r) => r.attname)).toEqual(['raw_text', 'text']);
    const found = await pool.query("SELECT seq FROM article_search WHERE search @@ websearch_to_tsquery('english', 'lava volcanoes')");
    expect(found.rows.map((r) => Number(r.seq))).toEqual([1]);
    expect(await indexSearch(pool)).toBe(0);
  });

  it('names the database and the reason when it cannot connect, without the password', async () => {
    // A database that existed a moment ago: the server answers, the database is gone.
    const gone = await createTestDatabase();
    await gone.drop();
    const url = new URL(gone.url);
    url.password = 'hunter2';
    const err = await openPool(url.toString(), { connectTimeoutMs: 3000 }).catch((e: unknown) => e);
    expect((err as CrossreadError).code).toBe('DB_OPEN');
    expect((err as Error).message).toContain('does not exist');
    expect((err as Error).message).not.toContain('hunter2');
  });
});
