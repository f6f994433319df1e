/**
 * The embedded SQLite store (better-sqlite3): WAL mode, one transaction per batch,
 * numbered schema migrations (./schema.ts), FTS5 full-text search.
 *
 * Writers: `addArticles` and `forget` take SQLite's write lock (BEGIN IMMEDIATE,
 * waiting up to `busyTimeoutMs`, then retrying with backoff); inside it the corpus
 * (src/stories/corpus.ts) catches up with what other processes wrote, through the
 * corpus log this store keeps (./sqlite-log.ts: rows stamped with generations), and
 * only then assigns stories: two processes ingesting into one database serialise
 * their batches and never assign against a stale view. This file keeps rows and SQL:
 * identity checks, article rows, story listings. Features are extracted before the
 * lock is taken, so the lock is held briefly.
 *
 * The corpus log is asynchronous (a PostgreSQL store implements the same): a write is
 * an async read phase, the synchronous assignment, an async write phase, all inside
 * one BEGIN IMMEDIATE transaction that spans awaits. So that nothing else runs
 * statements on this connection while that transaction is open, the process runs one
 * write at a time (`exclusive`: writes of every handle queue up) and every reading
 * method waits until no write of its handle is in progress (`GUARDED` below). The
 * log's promises are already resolved (better-sqlite3 is synchronous), so a write still
 * runs from BEGIN to COMMIT without giving the event loop to I/O.
 *
 * A process killed mid-ingest leaves the database as of its last committed batch
 * (SQLite's journal rolls back the open one); re-running the ingest skips what was
 * stored (content hash / URL) and stores the rest.
 */
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Article } from '../types.js';
import { CrossreadError } from '../errors.js';
import { extractFeatures, FEATURES_VERSION, type ExtractedFeatures } from '../stories/features.js';
import type { ClusterOptions } from '../stories/cluster.js';
import { Corpus } from '../stories/corpus.js';
import { SqliteCorpusLog } from './sqlite-log.js';
import { SqliteRows } from './sqlite-transfer.js';
import type { StoreRows } from './transfer.js';
import { accepted, unstored, type StoredIdentity } from './identity.js';
import { contentHashesOf, withFeatures } from './precomputed.js';
import { APPLICATION_ID, MARKER_TABLE, MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { LEAD_CHARS } from '../summarize/headline.js';
import {
  ARTICLE_COLUMNS,
  ARTICLE_SUMMARY_COLUMNS,
  DATELINE_MARK,
  STORY_COLUMNS,
  articleLinksOf,
  articleRow,
  articleSummaryOf,
  cachedBriefingOf,
  knownTotal,
  sourceStateOf,
  storedArticleOf,
  storyOrder,
  storyRowOf,
  storySummaryOf,
  untilBound,
  type LinkRow,
  type Row,
  type StoryFacts,
} from './rows.js';
import {
  pageBounds,
  type AddOptions,
  type AddResult,
  type ArticleQuery,
  type ArticleSummary,
  type CachedBriefing,
  type ForgetResult,
  type Page,
  type SourceState,
  type Store,
  type StoreOptions,
  type StoreStats,
  type StoredArticle,
  type StoryQuery,
  type StoryRecord,
  type StorySummary,
} from './store.js';

export interface SqliteStoreOptions extends StoreOptions {
  /** Clustering parameters (every process writing to one store must use the same). */
  cluster?: Partial<ClusterOptions>;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export { contentHash } from './content-hash.js';

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The write in progress in this process, in any handle (see SqliteStore.exclusive). */
const processWrite: { current: Promise<void> | null } = { current: null };

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** Opens (creating or migrating when allowed) a SQLite crossread store. */
export function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
  return new SqliteStore(path, opts);
}

export class SqliteStore implements Store {
  readonly location: string;
  private readonly db: Database.Database;
  private readonly readonly: boolean;
  private readonly now: () => Date;
  private readonly clusterOpts: Partial<ClusterOptions>;
  /** The corpus log in this database, and the corpus (the clusterer kept in step through it). */
  private readonly log: SqliteCorpusLog;
  private readonly corpus: Corpus;
  /** Prepared statements, by SQL text. */
  private readonly statements = new Map<string, Database.Statement>();
  private closed = false;
  /** The write of this handle in progress (its transaction open), null when none: readers and other writers wait for it. */
  private writing: Promise<void> | null = null;
  /** Whether the stored story features were checked against FEATURES_VERSION (done before this handle's first write). */
  private featuresChecked = false;

  constructor(path: string, opts: SqliteStoreOptions = {}) {
    this.location = path;
    this.readonly = Boolean(opts.readonly);
    this.now = opts.now ?? (() => new Date());
    this.clusterOpts = opts.cluster ?? {};
    const exists = path !== ':memory:' && existsSync(path);
    if (exists) checkHeader(path);
    else if (this.readonly) throw CrossreadError.of('DB_OPEN', path, 'no such file');
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: this.readonly, fileMustExist: this.readonly });
    } catch (err) {
      throw CrossreadError.of('DB_OPEN', path, (err as Error).message);
    }
    this.db = db;
    this.log = new SqliteCorpusLog(db, (sql) => this.stmt(sql));
    this.corpus = new Corpus(this.log, this.clusterOpts);
    const busyMs = Math.max(0, Math.floor(opts.busyTimeoutMs ?? 10_000));
    try {
      db.pragma(`busy_timeout = ${busyMs}`);
      // Two processes opening one new file at once (two `ingest` runs started together) can
      // both ask for the exclusive lock that turning on WAL or creating the schema needs;
      // SQLite then answers one of them "busy" at once, without waiting. The open is tried
      // again with backoff until the busy timeout has passed.
      const deadline = Date.now() + busyMs;
      for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
        try {
          this.setUp();
          break;
        } catch (err) {
          const busy = isBusy(err) || (err instanceof CrossreadError && err.code === 'DB_BUSY');
          if (!busy || Date.now() >= deadline) throw err;
          sleepSync(wait + Math.floor(Math.random() * wait));
        }
      }
    } catch (err) {
      db.close();
      if (err instanceof CrossreadError) throw err;
      const e = err as { code?: string; message: string };
      if (e.code === 'SQLITE_NOTADB') throw CrossreadError.of('DB_NOT_CROSSREAD', path, e.message);
      const mapped = databaseError(path, err);
      if (mapped instanceof CrossreadError && mapped.code !== 'DB_FAILED') throw mapped;
      throw CrossreadError.of('DB_OPEN', path, e.message);
    }
  }

  /** Connection settings and the schema (created or migrated): what opening the store does. */
  private setUp(): void {
    const db = this.db;
    if (!this.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // 32 MiB of page cache (default 2 MiB): the unique and covering indexes take
      // inserts at random places, and a corpus of tens of thousands of articles
      // outgrows the default at once.
      db.pragma('cache_size = -32768');
    }
    db.pragma('foreign_keys = ON');
    this.migrate();
  }

  // ---- schema ------------------------------------------------------------------------

  private tableNames(): string[] {
    return (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Row[]).map((r) => String(r.name));
  }

  private currentVersion(): number {
    const row = this.db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as Row | undefined;
    return Number(row?.v ?? 0);
  }

  private migrate(): void {
    const tables = this.tableNames();
    const path = this.location;
    if (tables.length > 0 && !tables.includes('schema_version')) {
      throw CrossreadError.of('DB_NOT_CROSSREAD', path, `it is an SQLite database with other tables (${tables.slice(0, 5).join(', ')})`);
    }
    if (tables.includes('schema_version')) {
      const appId = Number(this.db.pragma('application_id', { simple: true }));
      if (appId !== APPLICATION_ID || !tables.includes(MARKER_TABLE)) {
        throw CrossreadError.of('DB_NOT_CROSSREAD', path, 'its schema_version table is not crossread’s');
      }
      const v = this.currentVersion();
      if (v > SCHEMA_VERSION) throw CrossreadError.of('DB_NEWER', path, v, SCHEMA_VERSION);
      if (v === SCHEMA_VERSION) return;
    }
    if (this.readonly) {
      if (tables.length === 0) throw CrossreadError.of('DB_NOT_CROSSREAD', path, 'the database is empty');
      throw CrossreadError.of('DB_OPEN', path, 'the database needs a schema upgrade; open it once without read-only');
    }
    this.withWriteLock(() => {
      if (!this.tableNames().includes('schema_version')) {
        this.db.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
        this.db.pragma(`application_id = ${APPLICATION_ID}`);
      }
      const from = this.currentVersion();
      for (const m of MIGRATIONS) {
        if (m.version <= from) continue;
        this.db.exec(m.sql);
        this.db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(m.version, this.now().toISOString());
      }
      this.db
        .prepare(`INSERT OR IGNORE INTO ${MARKER_TABLE} (key, value) VALUES ('generation', '0'), ('documents', '0'), ('features_version', ?)`)
        .run(String(FEATURES_VERSION));
    });
  }

  /** Runs `fn` in a write transaction (BEGIN IMMEDIATE), retrying when another writer holds the lock. */
  private withWriteLock<T>(fn: () => T): T {
    const txn = this.db.transaction(fn);
    return this.retryWhileBusy(() => txn.immediate());
  }

  /** Runs `begin` (which takes the write lock), retrying with backoff while another writer holds it; DB_BUSY after 8 tries. */
  private retryWhileBusy<T>(begin: () => T): T {
    let wait = 50;
    for (let attempt = 0; ; attempt++) {
      try {
        return begin();
      } catch (err) {
        if (!isBusy(err) || attempt >= 8) {
          if (isBusy(err)) throw CrossreadError.of('DB_BUSY', this.location, (err as Error).message);
          throw err;
        }
        sleepSync(wait + Math.floor(Math.random() * wait));
        wait = Math.min(wait * 2, 2000);
      }
    }
  }

  /**
   * Runs `fn` as the process's only write: it waits for the write in progress in any
   * handle, and this handle's readers wait for it (see GUARDED). Re-extracts features
   * first when needed. Writes of every handle queue up, not only this one's: a second
   * handle on the same file would otherwise block the thread in BEGIN IMMEDIATE
   * (busy_timeout) while the first one's transaction waits for the thread.
   */
  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    // Checked and set in one synchronous step: of the waiters woken together, one goes, the others wait again.
    while (processWrite.current) await processWrite.current;
    let done = (): void => {};
    const writing = new Promise<void>((resolve) => (done = resolve));
    processWrite.current = writing;
    this.writing = writing;
    try {
      if (!this.featuresChecked) {
        await this.refreshFeatures();
        this.featuresChecked = true;
      }
      return await fn();
    } finally {
      processWrite.current = null;
      this.writing = null;
      done();
    }
  }

  /** A promise settled when no write of this handle is in progress (null when none is). */
  idle(): Promise<void> | null {
    return this.writing;
  }

  /** Runs the asynchronous `fn` in a write transaction (BEGIN IMMEDIATE, retried as `withWriteLock`), inside `exclusive`. */
  private async withWriteTxn<T>(fn: () => Promise<T>): Promise<T> {
    this.retryWhileBusy(() => this.db.exec('BEGIN IMMEDIATE'));
    try {
      const result = await fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  private assertWritable(): void {
    if (this.closed) throw CrossreadError.of('DB_OPEN', this.location, 'the store is closed');
    if (this.readonly) throw CrossreadError.of('DB_OPEN', this.location, 'opened read-only');
  }

  // ---- statements -----------------------------------------------------------------------

  /** A prepared statement (prepared once per store). */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Re-extracts every article's story features when another version of the feature extraction wrote them (see Corpus.reextract). */
  private async refreshFeatures(): Promise<void> {
    if (!(await this.corpus.needsReextraction())) return;
    // The corpus re-extracts through the log, then reloads its state.
    await this.withWriteTxn(() => this.corpus.reextract());
  }

  /** How often this handle loaded the whole clustering state, and caught up incrementally with other writers. */
  get stateLoads(): { full: number; incremental: number } {
    return this.corpus.stateLoads;
  }

  /**
   * The in-memory clustering state (brought up to date first): document count,
   * document frequencies and the membership of the stories in memory (those within
   * reach of the newest article; older ones are evicted, see Corpus.catchUp). For tests and diagnostics: every writer's
   * snapshot must equal a freshly loaded one.
   */
  async clusterSnapshot(): Promise<{ documents: number; df: Map<string, number>; groups: Map<string, string[]> }> {
    this.assertWritable();
    return this.exclusive(() => this.withWriteTxn(() => this.corpus.snapshot()));
  }

  // ---- writing ---------------------------------------------------------------------------

  async addArticles(articles: Article[], opts?: AddOptions): Promise<AddResult> {
    this.assertWritable();
    return this.exclusive(() => this.addBatch(articles, opts));
  }

  private async addBatch(articles: Article[], opts: AddOptions | undefined): Promise<AddResult> {
    const result: AddResult = { added: [], skipped: [], merged: [], diagnostics: [] };
    const nowIso = this.now().toISOString();
    // Identity and cheap skips before any feature extraction (and outside the lock).
    const prepared = withFeatures(articles, await unstored(articles, this.identity(), result.skipped, contentHashesOf(articles, opts)), opts);
    if (prepared.length === 0) return result;
    try {
      await this.withWriteTxn(() => this.writeBatch(prepared, nowIso, result));
    } catch (err) {
      // The in-memory state may hold the rolled-back batch: reload it next time.
      this.corpus.reset();
      throw err;
    }
    return result;
  }

  private async writeBatch(
    prepared: Array<{ article: Article; hash: string; features: ExtractedFeatures }>,
    nowIso: string,
    result: AddResult,
  ): Promise<void> {
    const { othersWrote } = await this.corpus.catchUp();
    const gen = this.corpus.nextGeneration();
    const insertArticle = this.stmt(`INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_COLUMNS.map(() => '?').join(', ')})`);
    const insertFeatures = this.stmt('INSERT INTO features (seq, terms, minhash, shingles, day) VALUES (?, ?, ?, ?, ?)');
    const idTaken = this.stmt('SELECT 1 FROM articles WHERE id = ?').pluck();
    // Another process may have stored the same article since the checks outside the lock.
    const toWrite = await accepted(prepared, { ...this.identity(), idTaken: (id) => idTaken.get(id) !== undefined }, othersWrote, result);
    if (toWrite.length === 0) return;
    // The corpus assigns the stories (and logs merges, moves and links); each new article is then written once, with its final story.
    const assigned = await this.corpus.assign(
      gen,
      toWrite.map(({ id, p }) => ({ id, hash: p.hash, features: p.features })),
    );
    toWrite.forEach(({ id, p }, i) => {
      const a = p.article;
      const placed = assigned.placed[i]!;
      const info = insertArticle.run(articleRow(a, id, p.hash, nowIso, placed.storyId, gen));
      const f = placed.features;
      insertFeatures.run(Number(info.lastInsertRowid), f.terms, f.minhash, f.shingles, f.day);
      result.added.push({ id, storyId: placed.storyId, newStory: placed.newStory, related: placed.related });
    });
    for (const m of assigned.merged) result.merged.push({ from: m.from, into: this.resolveAlias(m.into) });
    this.refreshStories(assigned.touched, nowIso);
    await this.corpus.commit(gen);
  }

  /** The stored article with a content hash or URL (see ./identity.ts). */
  private identity(): StoredIdentity {
    const byHash = this.stmt('SELECT id FROM articles WHERE content_hash = ?').pluck();
    const byUrl = this.stmt('SELECT id FROM articles WHERE url = ?').pluck();
    return { byHash: (h) => byHash.get(h) as string | undefined, byUrl: (u) => byUrl.get(u) as string | undefined };
  }

  private resolveAlias(id: string): string {
    let cur = id;
    for (let i = 0; i < 100; i++) {
      const next = this.db.prepare('SELECT story_id FROM story_aliases WHERE old_id = ?').pluck().get(cur) as string | undefined;
      if (!next || next === cur) return cur;
      cur = next;
    }
    return cur;
  }

  /**
   * Recomputes the listed fields of stories whose membership changed, from aggregates
   * over the covering index articles_story (no article row is read, so a large story
   * costs little more than a small one): count, dates, outlets, and lineages from the
   * text links among its members.
   */
  private refreshStories(storyIds: string[], nowIso: string): void {
    const stats = this.stmt(
      'SELECT COUNT(*) AS n, MIN(published) AS dfrom, MAX(published) AS dto, MIN(sort_date) AS sfrom, MAX(sort_date) AS sto FROM articles WHERE story_id = ?',
    );
    const outletsOf = this.stmt('SELECT DISTINCT outlet FROM articles WHERE story_id = ? AND outlet IS NOT NULL').pluck();
    const linksIn = this.stmt(
      'SELECT l.a, l.b FROM articles x JOIN article_links l ON l.a = x.id JOIN articles y ON y.id = l.b WHERE x.story_id = @story AND y.story_id = @story',
    ).raw();
    // (removed is the JSON of the cleaning record: a dateline entry marks a wire-style lead, see storyHeadline.)
    const headlineSources = this.stmt(`SELECT id, title, outlet, published, substr(text, 1, ${LEAD_CHARS}) AS text, instr(removed, '${DATELINE_MARK}') > 0 AS dateline FROM articles WHERE story_id = ? ORDER BY seq`);
    const existing = this.stmt('SELECT created_at FROM stories WHERE id = ?').pluck();
    const upsert = this.stmt(`INSERT INTO stories (${STORY_COLUMNS.join(', ')}) VALUES (${STORY_COLUMNS.map(() => '?').join(', ')})
      ON CONFLICT(id) DO UPDATE SET headline = excluded.headline, article_count = excluded.article_count, lineage_count = excluded.lineage_count,
      date_from = excluded.date_from, date_to = excluded.date_to, sort_from = excluded.sort_from, sort_to = excluded.sort_to,
      outlets = excluded.outlets, updated_at = excluded.updated_at`);
    for (const id of new Set(storyIds)) {
      const st = stats.get(id) as { n: number; dfrom: string | null; dto: string | null; sfrom: string | null; sto: string | null };
      if (!st.n) continue;
      const facts: StoryFacts = {
        ...st,
        outlets: outletsOf.all(id) as string[],
        heads: headlineSources.all(id) as StoryFacts['heads'],
        links: linksIn.all({ story: id }) as Array<[string, string]>,
        createdAt: (existing.get(id) as string | undefined) ?? null,
      };
      upsert.run(storyRowOf(id, facts, nowIso));
    }
  }

  async forget(articleId: string): Promise<ForgetResult> {
    this.assertWritable();
    return this.exclusive(() => this.forgetArticle(articleId));
  }

  private async forgetArticle(articleId: string): Promise<ForgetResult> {
    const row = this.db.prepare('SELECT seq, title, text, published, ingested_at FROM articles WHERE id = ?').get(articleId) as
      | { seq: number; title: string | null; text: string; published: string | null; ingested_at: string }
      | undefined;
    if (!row) throw CrossreadError.of('ARTICLE_NOT_FOUND', articleId);
    // The vocabulary to take out of the document frequencies: features are deterministic.
    const vocabulary = [...extractFeatures(row).allTerms.keys()];
    const nowIso = this.now().toISOString();
    try {
      return await this.withWriteTxn(async () => {
        await this.corpus.catchUp();
        const gen = this.corpus.nextGeneration();
        const again = this.db.prepare('SELECT seq FROM articles WHERE id = ?').pluck().get(articleId);
        if (again === undefined) throw CrossreadError.of('ARTICLE_NOT_FOUND', articleId);
        // The corpus takes it out of its story (splitting what no longer holds together) and the document frequencies.
        const res = await this.corpus.forget(articleId, vocabulary, gen);
        this.db.prepare('DELETE FROM article_links WHERE a = ? OR b = ?').run(articleId, articleId);
        this.db.prepare('DELETE FROM features WHERE seq = ?').run(again);
        this.db.prepare('DELETE FROM articles WHERE seq = ?').run(again);
        if (!res) throw CrossreadError.of('ARTICLE_NOT_FOUND', articleId);
        this.refreshStories(res.touched, nowIso);
        await this.corpus.commit(gen);
        return { articleId, storyId: res.storyId, storyRemoved: res.storyRemoved, splitInto: res.splitInto };
      });
    } catch (err) {
      this.corpus.reset();
      throw err;
    }
  }

  // ---- reading -------------------------------------------------------------------------------

  async hasUrl(url: string): Promise<boolean> {
    return Boolean(this.db.prepare('SELECT 1 FROM articles WHERE url = ?').get(url));
  }

  async listStories(query: StoryQuery = {}): Promise<Page<StorySummary>> {
    const { limit, offset } = pageBounds(query.limit, query.offset);
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.since || query.until) {
      // Publication dates only: an undated article (kept under its ingest day in sort_date)
      // never puts its story in a span the story's listed dates are outside of.
      const range = [query.since ? 'd.published >= @since' : '', query.until ? 'd.published <= @until' : ''].filter(Boolean).join(' AND ');
      where.push(`s.id IN (SELECT d.story_id FROM articles d WHERE d.published IS NOT NULL AND ${range})`);
      if (query.since) params.since = query.since;
      if (query.until) params.until = untilBound(query.until);
    }
    if (query.outlet) {
      where.push('s.id IN (SELECT o.story_id FROM articles o WHERE o.outlet = @outlet COLLATE NOCASE)');
      params.outlet = query.outlet;
    }
    if (query.q && query.q.trim()) {
      where.push('s.id IN (SELECT a.story_id FROM articles_fts JOIN articles a INDEXED BY articles_seq_story ON a.seq = articles_fts.rowid WHERE articles_fts MATCH @q)');
      params.q = ftsQuery(query.q);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = storyOrder(query.sort);
    // Filtered: the matching stories are found once (a full-text search above all) and
    // both the page and the count read that set; a second run of the filters for the
    // count cost ~30% of a distinct search (issue 14 item 27).
    const rows = (
      w
        ? this.stmt(`WITH m AS MATERIALIZED (SELECT s.rowid AS r FROM stories s ${w}) SELECT s.*, (SELECT COUNT(*) FROM m) AS total_ FROM stories s WHERE s.rowid IN m ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset })
        : this.stmt(`SELECT s.* FROM stories s ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ limit, offset })
    ) as Row[];
    // A page that is not full (and not past the end) tells the total, and so does a filtered page.
    const total = knownTotal(rows.length, limit, offset, rows[0]?.total_) ?? Number(this.stmt(`SELECT COUNT(*) FROM stories s ${w}`).pluck().get(params));
    return { items: rows.map(storySummaryOf), total, limit, offset };
  }

  async getStory(id: string): Promise<StoryRecord | null> {
    const resolved = this.resolveAlias(id);
    const row = this.db.prepare('SELECT * FROM stories WHERE id = ?').get(resolved) as Row | undefined;
    if (!row) return null;
    const arts = (this.db.prepare('SELECT * FROM articles WHERE story_id = ? ORDER BY seq').all(resolved) as Row[]).map((r) => this.storedArticle(r));
    const mergedIds = this.db.prepare('SELECT old_id FROM story_aliases WHERE story_id = ? ORDER BY old_id').pluck().all(resolved) as string[];
    return { ...storySummaryOf(row), articles: arts, mergedIds };
  }

  async getStorySummary(id: string): Promise<StorySummary | null> {
    const row = this.db.prepare('SELECT * FROM stories WHERE id = ?').get(this.resolveAlias(id)) as Row | undefined;
    return row ? storySummaryOf(row) : null;
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const row = this.db.prepare('SELECT * FROM articles WHERE id = ?').get(id) as Row | undefined;
    return row ? this.storedArticle(row) : null;
  }

  async listArticles(query: ArticleQuery = {}): Promise<Page<ArticleSummary>> {
    const { limit, offset } = pageBounds(query.limit, query.offset);
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.storyId) {
      where.push('a.story_id = @story');
      params.story = this.resolveAlias(query.storyId);
    }
    if (query.since) {
      where.push('a.published >= @since');
      params.since = query.since;
    }
    if (query.until) {
      where.push('a.published <= @until');
      params.until = untilBound(query.until);
    }
    if (query.outlet) {
      where.push('a.outlet = @outlet COLLATE NOCASE');
      params.outlet = query.outlet;
    }
    if (query.q && query.q.trim()) {
      where.push('a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @q)');
      params.q = ftsQuery(query.q);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number(this.db.prepare(`SELECT COUNT(*) FROM articles a ${w}`).pluck().get(params));
    const rows = this.db.prepare(`SELECT ${ARTICLE_SUMMARY_COLUMNS} FROM articles a ${w} ORDER BY a.seq LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as Row[];
    return { items: rows.map(articleSummaryOf), total, limit, offset };
  }

  private storedArticle(r: Row): StoredArticle {
    const id = String(r.id);
    const links = this.stmt('SELECT b AS other, similarity, kind FROM article_links WHERE a = ? UNION ALL SELECT a AS other, similarity, kind FROM article_links WHERE b = ?').all(id, id) as LinkRow[];
    return storedArticleOf(r, articleLinksOf(links));
  }

  async sourceState(url: string): Promise<SourceState | null> {
    const r = this.db.prepare('SELECT * FROM sources WHERE url = ?').get(url) as Row | undefined;
    return r ? sourceStateOf(r) : null;
  }

  async saveSourceState(s: Omit<SourceState, 'articles'> & { added: number }): Promise<void> {
    this.assertWritable();
    this.withWriteLock(() => {
      this.db
        .prepare(
          `INSERT INTO sources (url, etag, last_modified, checked_at, status, articles) VALUES (@url, @etag, @lastModified, @checkedAt, @status, @added)
           ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at,
           status = excluded.status, articles = articles + excluded.articles`,
        )
        .run({ url: s.url, etag: s.etag, lastModified: s.lastModified, checkedAt: s.checkedAt, status: s.status, added: s.added });
    });
  }

  async stats(): Promise<StoreStats> {
    return {
      articles: Number(this.db.prepare('SELECT COUNT(*) FROM articles').pluck().get()),
      stories: Number(this.db.prepare('SELECT COUNT(*) FROM stories').pluck().get()),
      schemaVersion: this.currentVersion(),
      location: this.location,
    };
  }

  async getCachedBriefing(storyId: string, key: string): Promise<CachedBriefing | null> {
    const r = this.stmt('SELECT key, json, disagreements, lineages FROM briefings WHERE story_id = ? AND key = ?').get(storyId, key) as Row | undefined;
    return r ? cachedBriefingOf(r) : null;
  }

  async putCachedBriefing(storyId: string, b: CachedBriefing): Promise<void> {
    if (this.readonly || this.closed) return; // a cache: nothing to keep in a read-only or closed store
    // A cache write never waits for another writer (the web app's thread would block):
    // when the database is locked the briefing is simply not kept this time.
    const timeout = Number(this.db.pragma('busy_timeout', { simple: true }));
    this.db.pragma('busy_timeout = 0');
    try {
      this.stmt(
        `INSERT INTO briefings (story_id, key, json, disagreements, lineages, created_at)
         SELECT @storyId, @key, @json, @disagreements, @lineages, @createdAt WHERE EXISTS (SELECT 1 FROM stories WHERE id = @storyId)
         ON CONFLICT(story_id) DO UPDATE SET key = excluded.key, json = excluded.json, disagreements = excluded.disagreements,
         lineages = excluded.lineages, created_at = excluded.created_at`,
      ).run({ storyId, key: b.key, json: b.json, disagreements: b.disagreements, lineages: b.lineages, createdAt: this.now().toISOString() });
    } catch (err) {
      if (!isBusy(err)) throw err;
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  async cachedBriefingFacts(): Promise<Map<string, Omit<CachedBriefing, 'json'>>> {
    const out = new Map<string, Omit<CachedBriefing, 'json'>>();
    for (const r of this.stmt('SELECT story_id, key, disagreements, lineages FROM briefings').all() as Row[]) {
      out.set(String(r.story_id), { key: String(r.key), disagreements: Number(r.disagreements), lineages: Number(r.lineages) });
    }
    return out;
  }

  /** FTS5 is written in the same transaction as the articles: nothing is ever left to index. */
  async indexSearch(): Promise<number> {
    if (this.closed) throw CrossreadError.of('DB_OPEN', this.location, 'the store is closed');
    return 0;
  }

  rows(): StoreRows {
    return new SqliteRows(this.location, this.db);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.writing) await this.writing;
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/**
 * What a failure of SQLite (or of a stored row) means to the user: a damaged database
 * (corrupt pages or full-text data, a dropped table, a row whose JSON does not parse),
 * one that cannot be written, or another SQLite failure, as a `CrossreadError` naming
 * the file (exit 1, a clear page in the web app). Anything else is a bug and is
 * returned unchanged.
 */
export function databaseError(path: string, err: unknown): unknown {
  if (err instanceof CrossreadError) return err;
  if (isBusy(err)) return CrossreadError.of('DB_BUSY', path, (err as Error).message);
  const e = err as { code?: unknown; message?: unknown; name?: unknown };
  const msg = typeof e?.message === 'string' ? e.message.split('\n')[0] ?? '' : String(err);
  const code = typeof e?.code === 'string' ? e.code : '';
  if (err instanceof SyntaxError) return CrossreadError.of('DB_DAMAGED', path, `a stored row is not valid JSON: ${msg}`);
  if (!code.startsWith('SQLITE_')) return err;
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return CrossreadError.of('DB_READONLY', path, msg);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'SQLITE_MISMATCH' || code === 'SQLITE_SCHEMA') {
    return CrossreadError.of('DB_DAMAGED', path, msg);
  }
  if (code === 'SQLITE_ERROR' && /^(?:no such (?:table|column|index)|fts5|malformed|vtable)/i.test(msg)) return CrossreadError.of('DB_DAMAGED', path, msg);
  return CrossreadError.of('DB_FAILED', path, `${msg} (${code})`);
}

/** The store's methods whose database failures are reported by `databaseError`. */
const GUARDED: ReadonlyArray<keyof SqliteStore> = [
  'addArticles', 'forget', 'hasUrl', 'listStories', 'getStory', 'getStorySummary', 'getArticle', 'listArticles',
  'sourceState', 'saveSourceState', 'stats', 'getCachedBriefing', 'putCachedBriefing', 'cachedBriefingFacts', 'clusterSnapshot',
];
/** The guarded methods that write through `exclusive` themselves; every other one waits until no write is in progress. */
const WRITERS: ReadonlySet<string> = new Set(['addArticles', 'forget', 'clusterSnapshot']);
for (const name of GUARDED) {
  const proto = SqliteStore.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const method = proto[name] as (...args: unknown[]) => unknown;
  const call = (store: SqliteStore, args: unknown[]): unknown => {
    let result: unknown;
    try {
      result = method.apply(store, args);
    } catch (err) {
      throw databaseError(store.location, err);
    }
    if (result instanceof Promise) return result.catch((err: unknown) => Promise.reject(databaseError(store.location, err)));
    return result;
  };
  proto[name] = function guarded(this: SqliteStore, ...args: unknown[]): unknown {
    if (WRITERS.has(name)) return call(this, args);
    // A reader never runs statements inside this handle's open write transaction: it
    // runs (synchronously, to its end) once no write is in progress.
    const whenIdle = (): unknown => {
      const w = this.idle();
      return w ? w.then(whenIdle) : call(this, args);
    };
    return whenIdle();
  };
}

/**
 * Turns a user's search into an FTS5 query: words are quoted (so punctuation and FTS
 * operators in user input cannot break the query) and ANDed; a quoted phrase stays a
 * phrase (as in PostgreSQL's websearch_to_tsquery); a trailing `*` keeps prefix search.
 */
export function ftsQuery(q: string): string {
  const wordsOf = (s: string): string[] => s.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*\*?/gu) ?? [];
  const terms: string[] = [];
  for (const m of q.matchAll(/"([^"]*)"|[^"]+|"/g)) {
    if (m[1] !== undefined) {
      // A phrase: its words in order (no prefix search inside).
      const words = wordsOf(m[1]).map((w) => w.replace(/\*$/, ''));
      if (words.length) terms.push(`"${words.join(' ')}"`);
      continue;
    }
    for (const w of wordsOf(m[0])) {
      const prefix = w.endsWith('*');
      terms.push(`"${prefix ? w.slice(0, -1) : w}"${prefix ? '*' : ''}`);
    }
  }
  if (terms.length === 0) return '""';
  return terms.slice(0, 32).join(' AND ');
}

/** Refuses files that exist but are not SQLite databases, before SQLite sees them. */
function checkHeader(path: string): void {
  let size = 0;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw CrossreadError.of('DB_OPEN', path, 'it is a folder');
    size = st.size;
  } catch (err) {
    if (err instanceof CrossreadError) throw err;
    throw CrossreadError.of('DB_OPEN', path, (err as Error).message);
  }
  if (size === 0) return; // an empty file: SQLite initialises it
  const buf = Buffer.alloc(16);
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    readSync(fd, buf, 0, 16, 0);
  } catch (err) {
    throw CrossreadError.of('DB_OPEN', path, (err as Error).message);
  } finally {
    if (fd !== null) closeSync(fd);
  }
  if (size < 100 || buf.toString('latin1') !== SQLITE_MAGIC) {
    throw CrossreadError.of('DB_NOT_CROSSREAD', path, size < 100 ? 'the file is too small to be an SQLite database' : 'the file is not an SQLite database');
  }
}

