/**
 * The PostgreSQL store (node-postgres, a pool): the same tables, rows and objects as
 * the SQLite store (../sqlite.ts), for deployments where several processes on several
 * machines share one database.
 *
 * Writers: `addArticles` and `forget` run in ONE transaction that first takes a
 * transaction-level advisory lock on a fixed key (pg_advisory_xact_lock): one writer
 * at a time across every process and machine, released by COMMIT or ROLLBACK (or the
 * connection's end, when a process dies). Inside it the corpus (src/stories/corpus.ts)
 * catches up with what other writers committed, through the corpus log this store
 * keeps (./log.ts, on the transaction's client), assigns, and the store writes its
 * rows; the generation is committed with them. The transaction is READ COMMITTED:
 * every statement after the lock sees every write committed before it. Waiting for
 * the lock is bounded by `busyTimeoutMs` (lock_timeout: DB_BUSY); a serialization
 * failure or deadlock (with a web server keeping a briefing) retries the whole write a
 * bounded number of times. Within one process a store's writes queue up (its corpus
 * is one writer's state).
 *
 * Readers are plain queries on the pool, each served by an index (see ./schema.ts;
 * checked with EXPLAIN on a seeded database, test/store/postgres-plans.test.ts);
 * one story with its articles is read in one REPEATABLE READ snapshot.
 */
import type pg from 'pg';
import type { Article } from '../../types.js';
import { CrossreadError } from '../../errors.js';
import { extractFeatures, FEATURES_VERSION, type ExtractedFeatures } from '../../stories/features.js';
import type { ClusterOptions } from '../../stories/cluster.js';
import { Corpus } from '../../stories/corpus.js';
import { accepted, unstored, type StoredIdentity } from '../identity.js';
import { contentHashesOf, withFeatures } from '../precomputed.js';
import { ARTICLE_COLUMNS, ARTICLE_SUMMARY_COLUMNS, STORY_COLUMNS, articleLinksOf, articleRow, articleSummaryOf, memberAggregates } from '../rows.js';
import { cachedBriefingOf, knownTotal, provisionalHeadline, sourceStateOf, storedArticleOf, storyOrder, storyRowOf, storySummaryOf, untilBound } from '../rows.js';
import type { LinkRow, Row, StoryFacts } from '../rows.js';
import { pageBounds } from '../store.js';
import type { AddOptions, AddResult, ArticleQuery, ArticleSummary, CachedBriefing, ForgetResult, Page, SourceState, Store } from '../store.js';
import type { StoreOptions, StoreStats, StoredArticle, StoryQuery, StoryRecord, StorySummary } from '../store.js';
import { openPool, postgresError, redactUrl, type Queryable } from './connect.js';
import { PgCorpusLog } from './log.js';
import { indexSearch } from './search-index.js';
import { refreshHeadlines } from './headlines.js';
import { PgRows } from './transfer.js';
import type { StoreRows } from '../transfer.js';
import { checkPostgres, migratePostgres, schemaVersion } from './migrate.js';

export interface PostgresStoreOptions extends StoreOptions {
  /** Clustering parameters (every process writing to one store must use the same). */
  cluster?: Partial<ClusterOptions>;
  /** Most connections of the pool (default 10). */
  poolSize?: number;
  /** Refuse an empty database (DB_NOT_CROSSREAD) instead of creating the store in it: for commands that read a store. */
  mustExist?: boolean;
}

/** Advisory-lock key of the writers ("CRSR", 2): one assignment at a time across all processes. */
export const WRITE_LOCK: readonly [number, number] = [0x43525352, 2];

/** Whole-write retries after a serialization failure or a deadlock. */
const MAX_RETRIES = 5;

const STORY_TYPES = ['text', 'text', 'int', 'int', 'text', 'text', 'text', 'text', 'text', 'text', 'text'];

/** `INSERT INTO table (columns) SELECT * FROM unnest($1::t1[], …)`: one statement for many rows. */
function unnestInsert(table: string, columns: readonly string[], types: readonly string[], tail = ''): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) ${tail}`;
}

/** A statement takes at most 65,535 parameters. */
const MAX_PARAMS = 65_535;

/**
 * `INSERT INTO table (columns) VALUES (…), (…)`, rows as parameters, as few statements as
 * the parameter limit allows (one for a batch of 256 articles). For rows carrying long
 * texts: each value is sent as it is, where `unnest` arrays are escaped into an array
 * literal by node-postgres and parsed again by the server (~30% of the server's CPU for
 * an article row, measured by bench/assign-profile.ts).
 */
async function valuesInsert(client: Queryable, table: string, columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): Promise<void> {
  const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    const params: unknown[] = [];
    const values = rows.slice(i, i + per).map((r) => `(${columns.map((_, j) => `$${params.push(r[j])}`).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}

/** Rows (arrays of values) as one array per column, for `unnestInsert`. */
function columnsOf(rows: ReadonlyArray<ReadonlyArray<unknown>>, width: number): unknown[][] {
  const out: unknown[][] = Array.from({ length: width }, () => []);
  for (const r of rows) for (let i = 0; i < width; i++) out[i]!.push(r[i]);
  return out;
}

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/** Opens (creating or migrating unless read-only) the crossread store in the PostgreSQL database at `url`. */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const location = redactUrl(url.trim());
  const pool = await openPool(url.trim(), { max: opts.poolSize ?? 10, readOnly: Boolean(opts.readonly) });
  try {
    if (opts.readonly) await checkPostgres(pool, location);
    else if (opts.mustExist && (await schemaVersion(pool, location)) === 0) {
      throw CrossreadError.of('DB_NOT_CROSSREAD', location, 'the database is empty; create the store with `crossread ingest <inputs…> --db URL`');
    } else await migratePostgres(pool, { location, meta: { generation: '0', documents: '0', features_version: String(FEATURES_VERSION) } });
  } catch (err) {
    await pool.end().catch(() => {});
    throw postgresError(location, err);
  }
  return new PostgresStore(pool, location, opts);
}

export class PostgresStore implements Store {
  readonly location: string;
  private readonly readonly: boolean;
  private readonly now: () => Date;
  private readonly busyTimeoutMs: number;
  /** The client of the open write transaction (null when none is open): the corpus log runs on it. */
  private txn: pg.PoolClient | null = null;
  private readonly corpus: Corpus;
  /** This store's writes, one after the other. */
  private queue: Promise<unknown> = Promise.resolve();
  private writing = 0;
  private closed = false;
  /** Whether the stored story features were checked against FEATURES_VERSION (done before this store's first write). */
  private featuresChecked = false;

  constructor(
    private readonly pool: pg.Pool,
    location: string,
    opts: PostgresStoreOptions = {},
  ) {
    this.location = location;
    this.readonly = Boolean(opts.readonly);
    this.now = opts.now ?? (() => new Date());
    this.busyTimeoutMs = Math.max(0, Math.floor(opts.busyTimeoutMs ?? 10_000));
    const log = new PgCorpusLog(() => {
      if (!this.txn) throw new Error('PgCorpusLog: used outside a write transaction');
      return this.txn;
    });
    this.corpus = new Corpus(log, opts.cluster ?? {});
  }

  // ---- transactions ------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed) throw CrossreadError.of('DB_OPEN', this.location, 'the store is closed');
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.readonly) throw CrossreadError.of('DB_OPEN', this.location, 'opened read-only');
  }

  /** Runs `fn`, reporting database failures as `CrossreadError`s naming the database. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    this.assertOpen();
    try {
      return await fn();
    } catch (err) {
      throw postgresError(this.location, err);
    }
  }

  /** Runs `fn` as this store's only write in progress (re-extracting features first when needed). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.assertWritable();
    this.writing++;
    const run = this.queue.then(async () => {
      if (!this.featuresChecked) {
        await this.writeTxn(() => this.corpus.reextract());
        this.featuresChecked = true;
      }
      return fn();
    });
    const settled = run.finally(() => this.writing--);
    this.queue = settled.catch(() => {});
    return this.guard(() => settled);
  }

  /**
   * Runs `fn` in a write transaction holding the writers' advisory lock, its client
   * given to the corpus log; the whole transaction is retried after a serialization
   * failure or a deadlock. After a failure the corpus forgets its in-memory state (it
   * may hold the rolled-back write).
   */
  private async writeTxn<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        // One round trip (a simple query of three statements; the values are this store's
        // own integers): a small batch pays each statement's round trip and client work.
        await client.query(
          `BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '${this.busyTimeoutMs}ms'; SELECT pg_advisory_xact_lock(${WRITE_LOCK[0]}, ${WRITE_LOCK[1]})`,
        );
        this.txn = client;
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        this.corpus.reset();
        await client.query('ROLLBACK').catch((e: unknown) => {
          broken = e as Error;
        });
        if (isRetryable(err) && attempt < MAX_RETRIES) {
          await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.floor(Math.random() * 20)));
          continue;
        }
        throw err;
      } finally {
        this.txn = null;
        client.release(broken);
      }
    }
  }

  // ---- writing ---------------------------------------------------------------------------

  async addArticles(articles: Article[], opts?: AddOptions): Promise<AddResult> {
    return this.exclusive(() => this.addBatch(articles, opts));
  }

  private async addBatch(articles: Article[], opts: AddOptions | undefined): Promise<AddResult> {
    const skipped: AddResult['skipped'] = [];
    const nowIso = this.now().toISOString();
    // Identity and cheap skips before any feature extraction (and outside the lock).
    const hashes = contentHashesOf(articles, opts);
    const known = await this.identity(this.pool, hashes, articles.flatMap((a) => (a.url ? [a.url] : [])));
    const prepared = withFeatures(articles, await unstored(articles, known, skipped, hashes), opts);
    if (prepared.length === 0) return { added: [], skipped, merged: [], diagnostics: [] };
    const result = await this.writeTxn((client) => this.writeBatch(client, prepared, nowIso));
    // Full text is indexed, and the touched stories headlined, after the write committed,
    // outside the writers' lock (./search-index.ts, ./headlines.ts).
    if (!opts?.deferSearch) {
      if (result.added.length > 0) await indexSearch(this.pool);
      await refreshHeadlines(this.pool);
    }
    return { ...result, skipped: [...skipped, ...result.skipped] };
  }

  /** The stored articles with these content hashes or URLs, as lookups (see ../identity.ts). */
  private async identity(db: Queryable, hashes: string[], urls: string[]): Promise<StoredIdentity> {
    const rows = (await db.query<{ id: string; content_hash: string; url: string | null }>(
      'SELECT id, content_hash, url FROM articles WHERE content_hash = ANY($1::text[]) OR url = ANY($2::text[])',
      [hashes, urls],
    )).rows;
    const byHash = new Map(rows.map((r) => [r.content_hash, r.id]));
    const byUrl = new Map(rows.filter((r) => r.url !== null).map((r) => [r.url as string, r.id]));
    return { byHash: (h) => byHash.get(h), byUrl: (u) => byUrl.get(u) };
  }

  private async writeBatch(
    client: pg.PoolClient,
    prepared: Array<{ article: Article; hash: string; features: ExtractedFeatures }>,
    nowIso: string,
  ): Promise<AddResult> {
    const result: AddResult = { added: [], skipped: [], merged: [], diagnostics: [] };
    const { othersWrote } = await this.corpus.catchUp();
    const gen = this.corpus.nextGeneration();
    // Another process may have stored the same article since the checks outside the lock.
    const known = othersWrote
      ? await this.identity(client, prepared.map((p) => p.hash), prepared.flatMap((p) => (p.article.url ? [p.article.url] : [])))
      : { byHash: () => undefined, byUrl: () => undefined };
    const ids = prepared.map((p) => p.article.id);
    const taken = new Set((await client.query<{ id: string }>('SELECT id FROM articles WHERE id = ANY($1::text[])', [ids])).rows.map((r) => r.id));
    const idTaken = async (id: string): Promise<boolean> =>
      taken.has(id) || (ids.includes(id) ? false : (await client.query('SELECT 1 FROM articles WHERE id = $1', [id])).rowCount! > 0);
    const toWrite = await accepted(prepared, { ...known, idTaken }, othersWrote, result);
    if (toWrite.length === 0) return result;
    // The corpus assigns the stories (and logs merges, moves and links); each new article is then written once, with its final story.
    const assigned = await this.corpus.assign(
      gen,
      toWrite.map(({ id, p }) => ({ id, hash: p.hash, features: p.features })),
    );
    // Arrival order: the next seq numbers (one writer at a time holds the lock).
    const first = Number((await client.query<{ m: string }>('SELECT COALESCE(MAX(seq), 0) AS m FROM articles')).rows[0]!.m) + 1;
    const rows = toWrite.map(({ id, p }, i) => [first + i, ...articleRow(p.article, id, p.hash, nowIso, assigned.placed[i]!.storyId, gen)]);
    await valuesInsert(client, 'articles', ['seq', ...ARTICLE_COLUMNS], rows);
    const features = toWrite.map((_, i) => {
      const f = assigned.placed[i]!.features;
      return [first + i, f.terms, Buffer.from(f.minhash.buffer, f.minhash.byteOffset, f.minhash.byteLength), f.shingles, f.day];
    });
    await valuesInsert(client, 'features', ['seq', 'terms', 'minhash', 'shingles', 'day'], features);
    toWrite.forEach(({ id }, i) => {
      const placed = assigned.placed[i]!;
      result.added.push({ id, storyId: placed.storyId, newStory: placed.newStory, related: placed.related });
    });
    for (const m of assigned.merged) result.merged.push({ from: m.from, into: await resolveAlias(client, m.into) });
    await this.refreshStories(client, assigned.touched, nowIso);
    await this.corpus.commit(gen);
    return result;
  }

  /**
   * Recomputes the listed fields of stories whose membership changed (see
   * SqliteStore.refreshStories), for all of them at once: a few statements, whatever
   * the number of stories.
   */
  private async refreshStories(client: pg.PoolClient, storyIds: string[], nowIso: string): Promise<void> {
    const ids = [...new Set(storyIds)];
    if (ids.length === 0) return;
    const q = async <T extends object>(sql: string): Promise<T[]> => (await client.query<T>(sql, [ids])).rows;
    const grouped = <T extends { story_id: string }>(rows: T[]): Map<string, T[]> => {
      const m = new Map<string, T[]>();
      for (const r of rows) {
        const list = m.get(r.story_id);
        if (list) list.push(r);
        else m.set(r.story_id, [r]);
      }
      return m;
    };
    // The members, in arrival order: the count, date spans and outlets (memberAggregates:
    // the same values as SQL's aggregates, without a query each) and the provisional title.
    // The headline itself is computed after the commit, by the index step (./headlines.ts):
    // the stories are marked `headline_due`.
    const members = grouped(
      await q<{ story_id: string; id: string; title: string | null; outlet: string | null; published: string | null; sort_date: string }>(
        'SELECT story_id, id, title, outlet, published, sort_date FROM articles WHERE story_id = ANY($1::text[]) ORDER BY seq',
      ),
    );
    const links = grouped(
      await q<{ story_id: string; a: string; b: string }>(
        'SELECT x.story_id, l.a, l.b FROM articles x JOIN article_links l ON l.a = x.id JOIN articles y ON y.id = l.b WHERE x.story_id = ANY($1::text[]) AND y.story_id = x.story_id',
      ),
    );
    const existing = new Map(
      (await q<{ id: string; created_at: string; headline: string }>('SELECT id, created_at, headline FROM stories WHERE id = ANY($1::text[])')).map((r) => [r.id, r]),
    );
    const rows = [...members].map(([storyId, list]) => {
      const before = existing.get(storyId);
      const facts: StoryFacts = {
        ...memberAggregates(list),
        heads: { headline: provisionalHeadline(before?.headline, list) },
        links: (links.get(storyId) ?? []).map((r) => [r.a, r.b] as const),
        createdAt: before?.created_at ?? null,
      };
      return [...storyRowOf(storyId, facts, nowIso), true];
    });
    if (rows.length === 0) return;
    await client.query(
      unnestInsert(
        'stories',
        [...STORY_COLUMNS, 'headline_due'],
        [...STORY_TYPES, 'bool'],
        `ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, article_count = excluded.article_count, lineage_count = excluded.lineage_count,
         date_from = excluded.date_from, date_to = excluded.date_to, sort_from = excluded.sort_from, sort_to = excluded.sort_to,
         outlets = excluded.outlets, updated_at = excluded.updated_at, headline_due = true`,
      ),
      columnsOf(rows, STORY_COLUMNS.length + 1),
    );
  }

  async forget(articleId: string): Promise<ForgetResult> {
    return this.exclusive(() => this.forgetArticle(articleId));
  }

  private async forgetArticle(articleId: string): Promise<ForgetResult> {
    const row = (await this.pool.query<{ title: string | null; text: string; published: string | null }>('SELECT title, text, published FROM articles WHERE id = $1', [articleId])).rows[0];
    if (!row) throw CrossreadError.of('ARTICLE_NOT_FOUND', articleId);
    // The vocabulary to take out of the document frequencies: features are deterministic.
    const vocabulary = [...extractFeatures(row).allTerms.keys()];
    const nowIso = this.now().toISOString();
    const result = await this.writeTxn(async (client) => {
      await this.corpus.catchUp();
      const gen = this.corpus.nextGeneration();
      const again = (await client.query<{ seq: string }>('SELECT seq FROM articles WHERE id = $1', [articleId])).rows[0];
      if (!again) throw CrossreadError.of('ARTICLE_NOT_FOUND', articleId);
      // The corpus takes it out of its story (splitting what no longer holds together) and the document frequencies.
      const res = await this.corpus.forget(articleId, vocabulary, gen);
      await client.query('DELETE FROM article_links WHERE a = $1 OR b = $1', [articleId]);
      await client.query('DELETE FROM features WHERE seq = $1', [again.seq]);
      await client.query('DELETE FROM articles WHERE seq = $1', [again.seq]);
      if (!res) throw CrossreadError.of('ARTICLE_NOT_FOUND', articleId);
      await this.refreshStories(client, res.touched, nowIso);
      await this.corpus.commit(gen);
      return { articleId, storyId: res.storyId, storyRemoved: res.storyRemoved, splitInto: res.splitInto };
    });
    // The changed stories' headlines, after the commit (./headlines.ts).
    await refreshHeadlines(this.pool);
    return result;
  }

  /** The in-memory clustering state, brought up to date first (see SqliteStore.clusterSnapshot). */
  async clusterSnapshot(): Promise<{ documents: number; df: Map<string, number>; groups: Map<string, string[]> }> {
    return this.exclusive(() => this.writeTxn(() => this.corpus.snapshot()));
  }

  /** How often this store loaded the whole clustering state, and caught up incrementally with other writers. */
  get stateLoads(): { full: number; incremental: number } {
    return this.corpus.stateLoads;
  }

  // ---- reading -------------------------------------------------------------------------------

  async hasUrl(url: string): Promise<boolean> {
    return this.guard(async () => ((await this.pool.query('SELECT 1 FROM articles WHERE url = $1', [url])).rowCount ?? 0) > 0);
  }

  async listStories(query: StoryQuery = {}): Promise<Page<StorySummary>> {
    return this.guard(async () => {
      const { limit, offset } = pageBounds(query.limit, query.offset);
      const { where, params, p } = conditions();
      if (query.since || query.until) {
        // Publication dates only: an undated article never puts its story in a span (see SqliteStore.listStories).
        const range = [query.since ? `d.published >= ${p(query.since)}` : '', query.until ? `d.published <= ${p(untilBound(query.until))}` : ''].filter(Boolean).join(' AND ');
        where.push(`s.id IN (SELECT d.story_id FROM articles d WHERE d.published IS NOT NULL AND ${range})`);
      }
      if (query.outlet) where.push(`s.id IN (SELECT o.story_id FROM articles o WHERE lower(o.outlet) = lower(${p(query.outlet)}))`);
      if (query.q && query.q.trim()) where.push(`s.id IN (SELECT a.story_id FROM articles a WHERE a.seq = ANY(${searchMatches(p(query.q))}))`);
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const order = storyOrder(query.sort);
      // Filtered: the matching stories are found once (by the GIN, outlet and date indexes), then
      // both the page and the count read that set (a window count, or the filters inside the
      // page's semi-join, let the planner walk every story instead). Unfiltered: the page alone,
      // in the order of stories_recent or stories_size.
      const sql = w
        ? `WITH m AS MATERIALIZED (SELECT s.id FROM stories s ${w}) SELECT s.*, (SELECT COUNT(*) FROM m) AS total_ FROM stories s WHERE s.id IN (SELECT id FROM m) ORDER BY ${order} LIMIT ${p(limit)} OFFSET ${p(offset)}`
        : `SELECT s.* FROM stories s ORDER BY ${order} LIMIT ${p(limit)} OFFSET ${p(offset)}`;
      const rows = (await this.pool.query<Row>(sql, params)).rows;
      const total =
        knownTotal(rows.length, limit, offset, rows[0]?.total_) ??
        Number((await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM stories s ${w}`, params.slice(0, -2))).rows[0]!.n);
      return { items: rows.map(storySummaryOf), total, limit, offset };
    });
  }

  async getStory(id: string): Promise<StoryRecord | null> {
    return this.guard(() =>
      this.snapshot(async (db) => {
        const resolved = await resolveAlias(db, id);
        const row = (await db.query<Row>('SELECT * FROM stories WHERE id = $1', [resolved])).rows[0];
        if (!row) return null;
        const arts = (await db.query<Row>('SELECT * FROM articles WHERE story_id = $1 ORDER BY seq', [resolved])).rows;
        const links = await linksOf(db, arts.map((r) => String(r.id)));
        const mergedIds = (await db.query<{ old_id: string }>('SELECT old_id FROM story_aliases WHERE story_id = $1 ORDER BY old_id', [resolved])).rows.map((r) => r.old_id);
        return { ...storySummaryOf(row), articles: arts.map((r) => storedArticleOf(r, articleLinksOf(links.get(String(r.id)) ?? []))), mergedIds };
      }),
    );
  }

  /** Runs `fn` on one client in a read-only REPEATABLE READ transaction: its queries see one state of the store. */
  private async snapshot<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: unknown) => {
        broken = e as Error;
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async getStorySummary(id: string): Promise<StorySummary | null> {
    return this.guard(async () => {
      const row = (await this.pool.query<Row>('SELECT * FROM stories WHERE id = $1', [await resolveAlias(this.pool, id)])).rows[0];
      return row ? storySummaryOf(row) : null;
    });
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    return this.guard(async () => {
      const row = (await this.pool.query<Row>('SELECT * FROM articles WHERE id = $1', [id])).rows[0];
      if (!row) return null;
      return storedArticleOf(row, articleLinksOf((await linksOf(this.pool, [id])).get(id) ?? []));
    });
  }

  async listArticles(query: ArticleQuery = {}): Promise<Page<ArticleSummary>> {
    return this.guard(async () => {
      const { limit, offset } = pageBounds(query.limit, query.offset);
      const { where, params, p } = conditions();
      if (query.storyId) where.push(`a.story_id = ${p(await resolveAlias(this.pool, query.storyId))}`);
      if (query.since) where.push(`a.published >= ${p(query.since)}`);
      if (query.until) where.push(`a.published <= ${p(untilBound(query.until))}`);
      if (query.outlet) where.push(`lower(a.outlet) = lower(${p(query.outlet)})`);
      if (query.q && query.q.trim()) where.push(`a.seq = ANY(${searchMatches(p(query.q))})`);
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = Number((await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM articles a ${w}`, params)).rows[0]!.n);
      const rows = (await this.pool.query<Row>(`SELECT ${ARTICLE_SUMMARY_COLUMNS} FROM articles a ${w} ORDER BY a.seq LIMIT ${p(limit)} OFFSET ${p(offset)}`, params)).rows;
      return { items: rows.map(articleSummaryOf), total, limit, offset };
    });
  }

  async sourceState(url: string): Promise<SourceState | null> {
    return this.guard(async () => {
      const r = (await this.pool.query<Row>('SELECT * FROM sources WHERE url = $1', [url])).rows[0];
      return r ? sourceStateOf(r) : null;
    });
  }

  async saveSourceState(s: Omit<SourceState, 'articles'> & { added: number }): Promise<void> {
    this.assertWritable();
    await this.guard(() =>
      this.pool.query(
        `INSERT INTO sources (url, etag, last_modified, checked_at, status, articles) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at,
         status = excluded.status, articles = sources.articles + excluded.articles`,
        [s.url, s.etag, s.lastModified, s.checkedAt, s.status, s.added],
      ),
    );
  }

  async stats(): Promise<StoreStats> {
    return this.guard(async () => {
      const r = (
        await this.pool.query<{ articles: string; stories: string; version: number | null }>(
          'SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM stories) AS stories, (SELECT MAX(version) FROM schema_version) AS version',
        )
      ).rows[0]!;
      return { articles: Number(r.articles), stories: Number(r.stories), schemaVersion: Number(r.version ?? 0), location: this.location };
    });
  }

  async getCachedBriefing(storyId: string, key: string): Promise<CachedBriefing | null> {
    return this.guard(async () => {
      const r = (await this.pool.query<Row>('SELECT key, json, disagreements, lineages FROM briefings WHERE story_id = $1 AND key = $2', [storyId, key])).rows[0];
      return r ? cachedBriefingOf(r) : null;
    });
  }

  async putCachedBriefing(storyId: string, b: CachedBriefing): Promise<void> {
    if (this.readonly || this.closed) return; // a cache: nothing to keep in a read-only or closed store
    try {
      // A cache write never waits for a writer: when a row it needs is locked (its story
      // being rewritten or removed) the briefing is simply not kept this time.
      await this.pool.query(
        `INSERT INTO briefings (story_id, key, json, disagreements, lineages, created_at)
         SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM stories WHERE id = $1 FOR KEY SHARE SKIP LOCKED)
         ON CONFLICT (story_id) DO UPDATE SET key = excluded.key, json = excluded.json, disagreements = excluded.disagreements,
         lineages = excluded.lineages, created_at = excluded.created_at`,
        [storyId, b.key, b.json, b.disagreements, b.lineages, this.now().toISOString()],
      );
    } catch (err) {
      // The story went away between the check and the insert (foreign key), or a lock could not be had: not kept.
      const code = (err as { code?: unknown }).code;
      if (code === '23503' || code === '55P03' || isRetryable(err)) return;
      throw postgresError(this.location, err);
    }
  }

  async cachedBriefingFacts(): Promise<Map<string, Omit<CachedBriefing, 'json'>>> {
    return this.guard(async () => {
      const out = new Map<string, Omit<CachedBriefing, 'json'>>();
      for (const r of (await this.pool.query<Row>('SELECT story_id, key, disagreements, lineages FROM briefings')).rows) {
        out.set(String(r.story_id), { key: String(r.key), disagreements: Number(r.disagreements), lineages: Number(r.lineages) });
      }
      return out;
    });
  }

  async indexSearch(): Promise<number> {
    this.assertWritable();
    return this.guard(async () => {
      const n = await indexSearch(this.pool);
      await refreshHeadlines(this.pool);
      return n;
    });
  }

  rows(): StoreRows {
    return new PgRows(this.location, this.pool);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.writing > 0) await this.queue;
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * The story an id resolves to: itself, or the story it was merged into. Aliases are
 * kept pointing at live stories (see CorpusLog.removeStory), so one lookup answers;
 * longer chains are followed anyway, two steps per query, at most 100 steps (as
 * SqliteStore.resolveAlias).
 */
async function resolveAlias(db: Queryable, id: string): Promise<string> {
  let cur = id;
  for (let i = 0; i < 50; i++) {
    const r = (
      await db.query<{ s1: string; s2: string | null }>(
        'SELECT a1.story_id AS s1, a2.story_id AS s2 FROM story_aliases a1 LEFT JOIN story_aliases a2 ON a2.old_id = a1.story_id AND a2.story_id <> a1.story_id WHERE a1.old_id = $1',
        [cur],
      )
    ).rows[0];
    if (!r || r.s1 === cur) return cur;
    if (r.s2 === null) return r.s1;
    cur = r.s2;
  }
  return cur;
}

/**
 * The arrival numbers of the indexed articles matching a user's search (`param`: its
 * placeholder), as an array computed once: the GIN index finds them, then articles are
 * read by primary key (as a join, the planner reads every article to match a few
 * hundred: a sequential scan).
 */
function searchMatches(param: string): string {
  return `ARRAY(SELECT x.seq FROM article_search x WHERE x.search @@ websearch_to_tsquery('english', ${param}))`;
}

/** A query's WHERE conditions and their parameters: `p(value)` adds a parameter and gives its placeholder. */
function conditions(): { where: string[]; params: unknown[]; p: (value: unknown) => string } {
  const params: unknown[] = [];
  return { where: [], params, p: (value) => `$${params.push(value)}` };
}

/** The text links of these articles, by article (each seen from its side). */
async function linksOf(db: Queryable, ids: string[]): Promise<Map<string, LinkRow[]>> {
  const out = new Map<string, LinkRow[]>();
  if (ids.length === 0) return out;
  const rows = (
    await db.query<{ id: string; other: string; similarity: number; kind: LinkRow['kind'] }>(
      `SELECT a AS id, b AS other, similarity, kind FROM article_links WHERE a = ANY($1::text[])
       UNION ALL SELECT b AS id, a AS other, similarity, kind FROM article_links WHERE b = ANY($1::text[])`,
      [ids],
    )
  ).rows;
  for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r]);
  return out;
}
