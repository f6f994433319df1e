/**
 * The embedded SQLite store (better-sqlite3): WAL mode, one transaction per batch,
 * numbered schema migrations (./schema.ts), FTS5 full-text search.
 *
 * Writers: `addArticles` and `forget` take SQLite's write lock (BEGIN IMMEDIATE,
 * waiting up to `busyTimeoutMs`, then retrying with backoff), check whether another
 * process wrote since this one last looked (a generation counter), apply what it
 * changed (articles stamped with the generation that assigned or moved them,
 * document-frequency change rows, forgotten articles: O(changes), see `catchUp`),
 * and only then assign stories: two processes ingesting into one database serialise
 * their batches and never assign against a stale view. Features are extracted before
 * the lock is taken, so the lock is held briefly.
 *
 * A process killed mid-ingest leaves the database as of its last committed batch
 * (SQLite's journal rolls back the open one); re-running the ingest skips what was
 * stored (content hash / URL) and stores the rest.
 */
import { createHash } from 'node:crypto';
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Article, Diagnostic, Removal } from '../types.js';
import { CrossreadError, diagnostic } from '../errors.js';
import {
  decodeMinhash,
  decodeTerms,
  encodeMinhash,
  encodeTerms,
  extractFeatures,
  select,
  FEATURES_VERSION,
  type ExtractedFeatures,
} from '../stories/features.js';
import { StoryClusterer, lineageCount, type ClusterChanges, type ClusterOptions, type InternedFeatures, type TextLink } from '../stories/cluster.js';
import { APPLICATION_ID, MARKER_TABLE, MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { LEAD_CHARS, storyHeadline, type HeadlineSource } from '../summarize/headline.js';
import {
  pageBounds,
  type AddResult,
  type ArticleLink,
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

type Row = Record<string, unknown>;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Normalised text whose SHA-256 identifies an article's content. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

/** Story id derived from the content hash of the article that founded it. */
function storyIdFor(hash: string): string {
  return `s-${createHash('sha256').update(hash).digest('hex').slice(0, 12)}`;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

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
  private clusterer: StoryClusterer | null = null;
  private loadedGeneration = -1;
  /** Content hashes of the batch being written (story ids derive from founders' hashes). */
  private readonly batchHashes = new Map<string, string>();
  /** Whether the last `catchUp` found writes by other processes (or loaded the state). */
  private othersWrote = true;
  /**
   * This handle's document-frequency changes since the last fold, summed in memory, while
   * no other process wrote in between (null otherwise): the fold then needs not read and
   * parse the change log back (~40% of its cost at a vocabulary of 800k terms).
   */
  private pendingDf: Map<string, number> | null = null;
  /** Prepared statements, by SQL text. */
  private readonly statements = new Map<string, Database.Statement>();
  private closed = false;

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
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 10_000))}`);
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
      if (!this.readonly) this.refreshFeatures();
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
    let wait = 50;
    for (let attempt = 0; ; attempt++) {
      try {
        return txn.immediate();
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

  private meta(key: string): string | null {
    const row = this.stmt(`SELECT value FROM ${MARKER_TABLE} WHERE key = ?`).get(key) as Row | undefined;
    return row ? String(row.value) : null;
  }

  private setMeta(key: string, value: string | number): void {
    this.stmt(`INSERT INTO ${MARKER_TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, String(value));
  }

  private assertWritable(): void {
    if (this.closed) throw CrossreadError.of('DB_OPEN', this.location, 'the store is closed');
    if (this.readonly) throw CrossreadError.of('DB_OPEN', this.location, 'opened read-only');
  }

  // ---- clustering state ---------------------------------------------------------------

  /** A prepared statement (prepared once per store). */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private newStoryId = (founder: string): string => {
    const hash =
      this.batchHashes.get(founder) ??
      (this.stmt('SELECT content_hash FROM articles WHERE id = ?').pluck().get(founder) as string | undefined) ??
      contentHash(founder);
    const base = storyIdFor(hash);
    let id = base;
    for (let n = 2; this.storyIdTaken(id); n++) id = `${base}-${n}`;
    return id;
  };

  private storyIdTaken(id: string): boolean {
    if (this.clusterer?.hasStory(id)) return true;
    if (this.stmt('SELECT 1 FROM stories WHERE id = ?').get(id)) return true;
    return Boolean(this.stmt('SELECT 1 FROM story_aliases WHERE old_id = ?').get(id));
  }

  /**
   * Brings the in-memory clusterer up to date with the database (inside the write lock).
   * The first time, the whole state is loaded (O(corpus)); afterwards only what other
   * processes changed since this one last wrote: every write stamps the rows it changes
   * with its generation (articles assigned or moved, document frequencies, forgotten
   * articles), so catching up costs O(changes), not O(corpus).
   */
  private catchUp(): StoryClusterer {
    const generation = Number(this.meta('generation') ?? 0);
    const c0 = this.clusterer;
    this.othersWrote = !(c0 && generation === this.loadedGeneration);
    if (c0 && generation === this.loadedGeneration) return c0;
    const reloadAt = Number(this.meta('reload_generation') ?? 0);
    if (c0 && this.loadedGeneration >= 0 && generation > this.loadedGeneration && reloadAt <= this.loadedGeneration) {
      this.applyOtherWriters(c0, this.loadedGeneration);
      this.loadedGeneration = generation;
      this.stateLoads.incremental++;
      return c0;
    }
    const c = new StoryClusterer(this.clusterOpts, this.newStoryId);
    this.clusterer = c;
    this.stateLoads.full++;
    const docs = Number(this.meta('documents') ?? 0);
    this.loadDf(c, docs);
    // Only stories within reach of the newest article are loaded (as `evictStale` would
    // keep them); the others are noted as evicted, reloaded when a late article needs them.
    const maxDay = this.db.prepare('SELECT MAX(day) FROM features').pluck().get() as number | null;
    const cutoff = maxDay === null ? null : maxDay - c.opts.horizonDays - c.opts.evictGraceDays;
    if (cutoff !== null) {
      const spans = this.db
        .prepare('SELECT a.story_id, MIN(f.day), MAX(f.day) FROM articles a JOIN features f ON f.seq = a.seq WHERE a.story_id IS NOT NULL GROUP BY a.story_id HAVING MAX(f.day) < ?')
        .raw()
        .iterate(cutoff) as IterableIterator<[string, number, number]>;
      for (const [storyId, first, last] of spans) c.markEvicted(storyId, first, last);
    }
    const rows = this.db
      .prepare('SELECT a.id, a.story_id, f.terms, f.minhash, f.shingles, f.day FROM articles a JOIN features f ON f.seq = a.seq ORDER BY a.seq')
      .raw()
      .iterate() as IterableIterator<[string, string | null, string, Buffer, number, number | null]>;
    for (const [id, storyId, terms, mh, shingles, day] of rows) {
      if (!storyId || c.isEvicted(storyId)) continue;
      c.restore(id, storyId, { terms: decodeTerms(terms), minhash: decodeMinhash(mh), shingles, day });
    }
    this.loadedGeneration = generation;
    return c;
  }

  /** Restores every stored member of these stories that is not in memory (evicted stories a late article may join, see StoryClusterer.evictStale). */
  private loadStories(c: StoryClusterer, storyIds: Iterable<string>): void {
    const members = this.stmt(
      'SELECT a.id, f.terms, f.minhash, f.shingles, f.day FROM articles a JOIN features f ON f.seq = a.seq WHERE a.story_id = ? ORDER BY a.seq',
    ).raw();
    for (const storyId of storyIds) {
      let any = false;
      for (const [id, terms, mh, shingles, day] of members.iterate(storyId) as IterableIterator<[string, string, Buffer, number, number | null]>) {
        any = true;
        if (!c.has(id)) c.restore(id, storyId, { terms: decodeTerms(terms), minhash: decodeMinhash(mh), shingles, day });
      }
      // A story another writer merged away or emptied: forget its span.
      if (!any) c.forgetEvicted(storyId);
    }
  }

  /** Applies the changes other processes made after generation `since` (see catchUp). */
  private applyOtherWriters(c: StoryClusterer, since: number): void {
    const docs = Number(this.meta('documents') ?? 0);
    if (Number(this.meta('df_compacted') ?? 0) > since) {
      // Another writer folded changes this process had not seen into df: read it again (O(vocabulary)).
      this.loadDf(c, docs);
    } else {
      c.setDocumentCount(docs);
      for (const terms of this.stmt('SELECT terms FROM df_delta WHERE gen > ? ORDER BY gen').pluck().iterate(since) as IterableIterator<string>) {
        for (const [t, d] of decodeDelta(terms)) c.addDf(t, d);
      }
    }
    for (const id of this.stmt('SELECT id FROM forgotten WHERE gen > ? ORDER BY gen').pluck().all(since) as string[]) c.drop(id);
    const rows = this.stmt(
      'SELECT a.id, a.story_id, f.terms, f.minhash, f.shingles, f.day FROM articles a JOIN features f ON f.seq = a.seq WHERE a.gen > ? ORDER BY a.seq',
    )
      .raw()
      .iterate(since) as IterableIterator<[string, string | null, string, Buffer, number, number | null]>;
    // Stories not in memory (new, or evicted here) that rows go to: their other members are loaded after.
    const partial = new Set<string>();
    for (const [id, storyId, terms, mh, shingles, day] of rows) {
      if (!storyId) continue;
      if (!c.hasStory(storyId)) partial.add(storyId);
      if (c.has(id)) c.moveTo(id, storyId);
      else c.restore(id, storyId, { terms: decodeTerms(terms), minhash: decodeMinhash(mh), shingles, day });
    }
    this.loadStories(c, partial);
    c.evictStale();
  }

  /**
   * Re-extracts every article's story features when the store was written by another
   * version of the feature extraction (`FEATURES_VERSION`): document frequencies are
   * recounted, then each article's terms selected under them. Story assignments are
   * kept. Runs once, under the write lock; other writers then reload their state.
   */
  private refreshFeatures(): void {
    if (this.meta('features_version') === String(FEATURES_VERSION)) return;
    this.withWriteLock(() => {
      if (this.meta('features_version') === String(FEATURES_VERSION)) return;
      const gen = this.nextGeneration();
      const page = this.db.prepare('SELECT seq, title, text, published FROM articles WHERE seq > ? ORDER BY seq LIMIT 500');
      const pages = function* (): Generator<Array<{ seq: number; title: string | null; text: string; published: string | null }>> {
        for (let last = 0; ; ) {
          const rows = page.all(last) as Array<{ seq: number; title: string | null; text: string; published: string | null }>;
          if (rows.length === 0) return;
          yield rows;
          last = (rows[rows.length - 1] as { seq: number }).seq;
        }
      };
      const c = new StoryClusterer(this.clusterOpts);
      const df = new Map<string, number>();
      let docs = 0;
      for (const rows of pages()) {
        for (const r of rows) {
          docs++;
          for (const t of extractFeatures(r).allTerms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
        }
      }
      c.loadDf(docs, df);
      const update = this.db.prepare('UPDATE features SET terms = ?, minhash = ?, shingles = ?, day = ? WHERE seq = ?');
      for (const rows of pages()) {
        for (const r of rows) {
          const f = select(extractFeatures(r), c.idf);
          update.run(encodeTerms(f.terms), encodeMinhash(f.minhash), f.shingles, f.day, r.seq);
        }
      }
      this.db.exec('DELETE FROM df; DELETE FROM df_delta');
      const insert = this.db.prepare('INSERT INTO df (term, n) VALUES (?, ?)');
      for (const [t, n] of df) insert.run(t, n);
      this.setMeta('df_compacted', gen);
      this.setMeta('documents', docs);
      this.setMeta('features_version', FEATURES_VERSION);
      this.setMeta('reload_generation', gen);
      this.setMeta('generation', gen);
    });
    this.clusterer = null;
    this.pendingDf = null;
  }

  /** Loads document frequencies: the folded table, then the changes not folded yet. */
  private loadDf(c: StoryClusterer, docs: number): void {
    c.loadDf(docs, this.db.prepare('SELECT term, n FROM df WHERE n > 0').raw().iterate() as IterableIterator<[string, number]>);
    for (const terms of this.db.prepare('SELECT terms FROM df_delta ORDER BY gen').pluck().iterate() as IterableIterator<string>) {
      for (const [t, d] of decodeDelta(terms)) c.addDf(t, d);
    }
  }

  /** Records one write's document-frequency changes; every DF_COMPACT_EVERY writes, folds them into df. */
  private writeDfDelta(gen: number, delta: Iterable<[string, number]>): void {
    const entries = [...delta].map(([t, d]) => [deltaTerm(t), d] as [string, number]);
    this.stmt('INSERT INTO df_delta (gen, terms) VALUES (?, ?)').run(gen, encodeDelta(entries));
    if (this.othersWrote) this.pendingDf = null;
    else if (this.pendingDf) for (const [t, d] of entries) this.pendingDf.set(t, (this.pendingDf.get(t) ?? 0) + d);
    const pending = Number(this.stmt('SELECT COUNT(*) FROM df_delta').pluck().get());
    if (pending < DF_COMPACT_EVERY) return;
    let sum = this.pendingDf;
    if (!sum) {
      sum = new Map<string, number>();
      for (const terms of this.stmt('SELECT terms FROM df_delta').pluck().iterate() as IterableIterator<string>) {
        for (const [t, d] of decodeDelta(terms)) sum.set(t, (sum.get(t) ?? 0) + d);
      }
    }
    const upsert = this.stmt('INSERT INTO df (term, n) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n');
    const dropIfNone = this.stmt('DELETE FROM df WHERE term = ? AND n <= 0');
    // Only terms that lost documents can reach zero: no scan of the whole table. (Upserting
    // in key order was measured: sorting 300k terms cost more than it saved.)
    for (const [t, d] of sum) {
      if (d === 0) continue;
      upsert.run(t, d);
      if (d < 0) dropIfNone.run(t);
    }
    this.stmt('DELETE FROM df_delta').run();
    this.setMeta('df_compacted', gen);
    // The log is empty: from here this handle's own changes are summed as they are written.
    this.pendingDf = new Map();
  }

  /** The generation number of the write being made (committed with it by `setMeta('generation', …)`). */
  private nextGeneration(): number {
    return Number(this.meta('generation') ?? 0) + 1;
  }

  /** How often this handle loaded the whole clustering state, and caught up incrementally with other writers. */
  readonly stateLoads = { full: 0, incremental: 0 };

  /**
   * The in-memory clustering state (brought up to date first): document count,
   * document frequencies and the membership of the stories in memory (those within
   * reach of the newest article; older ones are evicted, see catchUp). For tests and diagnostics: every writer's
   * snapshot must equal a freshly loaded one.
   */
  clusterSnapshot(): { documents: number; df: Map<string, number>; groups: Map<string, string[]> } {
    this.assertWritable();
    return this.withWriteLock(() => {
      const c = this.catchUp();
      const groups = new Map([...c.groups()].map(([s, m]) => [s, [...m].sort()] as const));
      return { documents: c.documentCount, df: c.dfSnapshot(), groups };
    });
  }

  // ---- writing ---------------------------------------------------------------------------

  async addArticles(articles: Article[]): Promise<AddResult> {
    this.assertWritable();
    const result: AddResult = { added: [], skipped: [], merged: [], diagnostics: [] };
    const nowIso = this.now().toISOString();
    const byHash = this.db.prepare('SELECT id FROM articles WHERE content_hash = ?').pluck();
    const byUrl = this.db.prepare('SELECT id FROM articles WHERE url = ?').pluck();
    // Identity and cheap skips before any feature extraction (and outside the lock).
    const batchHash = new Map<string, string>();
    const batchUrl = new Map<string, string>();
    const prepared: Array<{ article: Article; hash: string; features: ExtractedFeatures }> = [];
    for (const a of articles) {
      const hash = contentHash(a.text);
      const sameHash = (byHash.get(hash) as string | undefined) ?? batchHash.get(hash);
      if (sameHash !== undefined) {
        result.skipped.push({ id: a.id, reason: 'same-content', existingId: sameHash });
        continue;
      }
      const sameUrl = a.url ? ((byUrl.get(a.url) as string | undefined) ?? batchUrl.get(a.url)) : undefined;
      if (sameUrl !== undefined) {
        result.skipped.push({ id: a.id, reason: 'same-url', existingId: sameUrl });
        continue;
      }
      batchHash.set(hash, a.id);
      if (a.url) batchUrl.set(a.url, a.id);
      prepared.push({ article: a, hash, features: extractFeatures(a) });
    }
    if (prepared.length === 0) return result;
    try {
      this.withWriteLock(() => this.writeBatch(prepared, nowIso, result));
    } catch (err) {
      // The in-memory state may hold the rolled-back batch: reload it next time.
      this.clusterer = null;
      this.pendingDf = null;
      throw err;
    }
    return result;
  }

  private writeBatch(
    prepared: Array<{ article: Article; hash: string; features: ExtractedFeatures }>,
    nowIso: string,
    result: AddResult,
  ): void {
    const c = this.catchUp();
    const gen = this.nextGeneration();
    const byHash = this.stmt('SELECT id FROM articles WHERE content_hash = ?').pluck();
    const byUrl = this.stmt('SELECT id FROM articles WHERE url = ?').pluck();
    const idTaken = this.stmt('SELECT 1 FROM articles WHERE id = ?').pluck();
    const insertArticle = this.stmt(`INSERT INTO articles (id, content_hash, url, path, format, title, byline, outlet, published,
      published_evidence, raw_text, text, raw_words, words, removed, diagnostics, encoding, language, cluster, ingested_at, story_id, sort_date, gen)
      VALUES (@id, @hash, @url, @path, @format, @title, @byline, @outlet, @published, @evidence, @rawText, @text, @rawWords, @words,
      @removed, @diagnostics, @encoding, @language, @cluster, @ingestedAt, @storyId, @sortDate, @gen)`);
    const insertFeatures = this.stmt('INSERT INTO features (seq, terms, minhash, shingles, day) VALUES (?, ?, ?, ?, ?)');
    const dfDelta = new Map<number, number>();
    const accepted: Array<{ id: string; p: (typeof prepared)[number]; terms: { ids: Int32Array; w: Float32Array } }> = [];
    const inBatch = new Set<string>();
    // Another process may have stored the same article since the checks outside the lock.
    const recheck = this.othersWrote;
    for (const p of prepared) {
      const sameHash = recheck ? (byHash.get(p.hash) as string | undefined) : undefined;
      if (sameHash !== undefined) {
        result.skipped.push({ id: p.article.id, reason: 'same-content', existingId: sameHash });
        continue;
      }
      const sameUrl = recheck && p.article.url ? (byUrl.get(p.article.url) as string | undefined) : undefined;
      if (sameUrl !== undefined) {
        result.skipped.push({ id: p.article.id, reason: 'same-url', existingId: sameUrl });
        continue;
      }
      let id = p.article.id;
      if (idTaken.get(id) || inBatch.has(id)) {
        let n = 2;
        while (idTaken.get(`${p.article.id}~${n}`) || inBatch.has(`${p.article.id}~${n}`)) n++;
        id = `${p.article.id}~${n}`;
        result.diagnostics.push(diagnostic('info', p.article.path, 'DUPLICATE_ID', p.article.path, p.article.id, id));
      }
      inBatch.add(id);
      this.batchHashes.set(id, p.hash);
      const terms = c.observeInterned(p.features);
      for (const t of terms.ids) dfDelta.set(t, (dfDelta.get(t) ?? 0) + 1);
      accepted.push({ id, p, terms });
    }
    if (accepted.length === 0) return;
    this.writeDfDelta(gen, (function* () {
      for (const [t, n] of dfDelta) yield [c.termName(t), n] as [string, number];
    })());
    // Select each article's salient terms under the IDF that includes the whole batch.
    const batch = accepted.map(({ id, p, terms }) => ({ id, features: c.selectInterned(terms, p.features) }));
    this.setMeta('documents', c.documentCount);
    // Late articles: evicted stories within their time horizon come back first.
    this.loadStories(c, c.evictedNear(batch.map((b) => b.features.day)));
    const changes = c.addBatch(batch);
    // Merges and moves of stored articles first; then the new articles, each written once with its final story.
    this.applyChanges(c, changes, gen);
    const founded = new Set(changes.assigned.filter((x) => x.newStory).map((x) => x.articleId));
    const linksOf = new Map<string, ArticleLink[]>();
    for (const l of changes.links) {
      const list = linksOf.get(l.a) ?? [];
      list.push({ articleId: l.b, similarity: l.similarity, kind: l.kind });
      linksOf.set(l.a, list);
    }
    accepted.forEach(({ id, p }, i) => {
      const a = p.article;
      const storyId = c.storyOf(id) as string;
      const info = insertArticle.run({
        id,
        hash: p.hash,
        url: a.url,
        path: a.path,
        format: a.format,
        title: a.title,
        byline: a.byline,
        outlet: a.outlet,
        published: a.published,
        evidence: a.publishedEvidence,
        rawText: a.rawText,
        text: a.text,
        rawWords: a.rawWords,
        words: a.words,
        removed: JSON.stringify(a.removed),
        diagnostics: JSON.stringify(a.diagnostics),
        encoding: a.encoding,
        language: a.language,
        cluster: a.cluster ?? null,
        ingestedAt: nowIso,
        storyId,
        sortDate: a.published ?? nowIso.slice(0, 10),
        gen,
      });
      const f = batch[i]!.features;
      insertFeatures.run(Number(info.lastInsertRowid), encodeInterned(c, f), encodeMinhash(f.minhash), f.shingles, f.day);
      result.added.push({ id, storyId, newStory: founded.has(id), related: linksOf.get(id) ?? [] });
    });
    this.batchHashes.clear();
    for (const m of changes.merged) result.merged.push({ from: m.from, into: this.resolveAlias(m.into) });
    this.refreshStories(c, changes.touchedStories, nowIso);
    this.setMeta('generation', gen);
    this.loadedGeneration = gen;
    c.evictStale();
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

  /** Writes merges, moves and text links of one clusterer call to the database. */
  private applyChanges(c: StoryClusterer, changes: ClusterChanges, gen: number): void {
    const moveAll = this.stmt('UPDATE articles SET story_id = ?, gen = ? WHERE story_id = ?');
    const moveOne = this.stmt('UPDATE articles SET story_id = ?, gen = ? WHERE id = ?');
    const alias = this.db.prepare('INSERT INTO story_aliases (old_id, story_id) VALUES (?, ?) ON CONFLICT(old_id) DO UPDATE SET story_id = excluded.story_id');
    const retarget = this.db.prepare('UPDATE story_aliases SET story_id = ? WHERE story_id = ?');
    const dropStory = this.db.prepare('DELETE FROM stories WHERE id = ?');
    const target = new Map<string, string>();
    for (const m of changes.merged) {
      moveAll.run(m.into, gen, m.from);
      target.set(m.from, m.into);
    }
    for (const m of changes.moved) {
      moveOne.run(m.to, gen, m.articleId);
      if (!c.hasStory(m.from)) target.set(m.from, m.to);
    }
    for (const removed of changes.removedStories) {
      let to = target.get(removed) ?? null;
      for (let i = 0; to && !c.hasStory(to) && i < 100; i++) to = target.get(to) ?? null;
      dropStory.run(removed);
      if (to && c.hasStory(to)) {
        alias.run(removed, to);
        retarget.run(to, removed);
        if (!changes.touchedStories.includes(to)) changes.touchedStories.push(to);
      }
    }
    const link = this.db.prepare('INSERT OR REPLACE INTO article_links (a, b, similarity, kind) VALUES (?, ?, ?, ?)');
    for (const l of changes.links) {
      const [a, b] = l.a < l.b ? [l.a, l.b] : [l.b, l.a];
      link.run(a, b, l.similarity, l.kind);
    }
  }

  /**
   * Recomputes the listed fields of stories whose membership changed, from aggregates
   * over the covering index articles_story (no article row is read, so a large story
   * costs little more than a small one): count, dates, outlets, and lineages from the
   * text links among its members.
   */
  private refreshStories(c: StoryClusterer, storyIds: string[], nowIso: string): void {
    const stats = this.stmt(
      'SELECT COUNT(*) AS n, MIN(published) AS dfrom, MAX(published) AS dto, MIN(sort_date) AS sfrom, MAX(sort_date) AS sto FROM articles WHERE story_id = ?',
    );
    const outletsOf = this.stmt('SELECT DISTINCT outlet FROM articles WHERE story_id = ? AND outlet IS NOT NULL').pluck();
    const linksIn = this.stmt(
      'SELECT l.a, l.b FROM articles x JOIN article_links l ON l.a = x.id JOIN articles y ON y.id = l.b WHERE x.story_id = @story AND y.story_id = @story',
    ).raw();
    // The headline is the one `brief` gives (src/summarize/headline.ts), from titles and openings.
    const headlineSources = this.stmt(`SELECT id, title, substr(text, 1, ${LEAD_CHARS}) AS text FROM articles WHERE story_id = ?`);
    const existing = this.stmt('SELECT created_at FROM stories WHERE id = ?').pluck();
    const upsert = this.stmt(`INSERT INTO stories (id, headline, article_count, lineage_count, date_from, date_to, sort_from, sort_to, outlets, created_at, updated_at)
      VALUES (@id, @headline, @count, @lineages, @from, @to, @sortFrom, @sortTo, @outlets, @createdAt, @updatedAt)
      ON CONFLICT(id) DO UPDATE SET headline = excluded.headline, article_count = excluded.article_count, lineage_count = excluded.lineage_count,
      date_from = excluded.date_from, date_to = excluded.date_to, sort_from = excluded.sort_from, sort_to = excluded.sort_to,
      outlets = excluded.outlets, updated_at = excluded.updated_at`);
    for (const id of new Set(storyIds)) {
      if (!c.hasStory(id)) continue;
      const st = stats.get(id) as { n: number; dfrom: string | null; dto: string | null; sfrom: string | null; sto: string | null };
      if (!st.n) continue;
      // Lineages: members minus the unions that text links among them make (union-find).
      const parent = new Map<string, string>();
      const find = (x: string): string => {
        let r = x;
        while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as string;
        parent.set(x, r);
        return r;
      };
      let unions = 0;
      for (const [a, b] of linksIn.all({ story: id }) as Array<[string, string]>) {
        const ra = find(a);
        const rb = find(b);
        if (ra !== rb) {
          parent.set(ra, rb);
          unions++;
        }
      }
      const outlets = [...new Set(outletsOf.all(id) as string[])].sort();
      upsert.run({
        id,
        headline: storyHeadline(headlineSources.all(id) as HeadlineSource[]),
        count: st.n,
        lineages: st.n - unions,
        from: st.dfrom,
        to: st.dto,
        sortFrom: st.sfrom,
        sortTo: st.sto,
        outlets: JSON.stringify(outlets),
        createdAt: (existing.get(id) as string | undefined) ?? nowIso,
        updatedAt: nowIso,
      });
    }
  }

  async forget(articleId: string): Promise<ForgetResult> {
    this.assertWritable();
    const row = this.db.prepare('SELECT seq, title, text, published, ingested_at FROM articles WHERE id = ?').get(articleId) as
      | { seq: number; title: string | null; text: string; published: string | null; ingested_at: string }
      | undefined;
    if (!row) throw CrossreadError.of('ARTICLE_NOT_FOUND', articleId);
    // The vocabulary to take out of the document frequencies: features are deterministic.
    const vocabulary = [...extractFeatures(row).allTerms.keys()];
    const nowIso = this.now().toISOString();
    try {
      return this.withWriteLock(() => {
        const c = this.catchUp();
        const gen = this.nextGeneration();
        const again = this.db.prepare('SELECT seq FROM articles WHERE id = ?').pluck().get(articleId);
        if (again === undefined) throw CrossreadError.of('ARTICLE_NOT_FOUND', articleId);
        if (!c.has(articleId)) {
          // Its story was evicted from memory: load it back to regroup what is left.
          const storyId = this.db.prepare('SELECT story_id FROM articles WHERE seq = ?').pluck().get(again) as string | null;
          if (storyId) this.loadStories(c, [storyId]);
        }
        const res = c.remove(articleId);
        c.unobserve(vocabulary);
        this.writeDfDelta(gen, vocabulary.map((t) => [t, -1] as [string, number]));
        this.setMeta('documents', c.documentCount);
        this.db.prepare('DELETE FROM article_links WHERE a = ? OR b = ?').run(articleId, articleId);
        this.db.prepare('DELETE FROM features WHERE seq = ?').run(again);
        this.db.prepare('DELETE FROM articles WHERE seq = ?').run(again);
        this.db.prepare('INSERT INTO forgotten (gen, id) VALUES (?, ?)').run(gen, articleId);
        if (!res) throw CrossreadError.of('ARTICLE_NOT_FOUND', articleId);
        const touched = [res.storyId];
        if (res.storyRemoved) {
          this.db.prepare('DELETE FROM stories WHERE id = ?').run(res.storyId);
          this.db.prepare('DELETE FROM story_aliases WHERE story_id = ?').run(res.storyId);
        }
        const setStory = this.stmt('UPDATE articles SET story_id = ?, gen = ? WHERE id = ?');
        for (const s of res.splitInto) {
          for (const m of c.members(s)) setStory.run(s, gen, m);
          touched.push(s);
        }
        this.refreshStories(c, touched, nowIso);
        this.setMeta('generation', gen);
        this.loadedGeneration = gen;
        c.evictStale();
        return { articleId, storyId: res.storyId, storyRemoved: res.storyRemoved, splitInto: res.splitInto };
      });
    } catch (err) {
      this.clusterer = null;
      this.pendingDf = null;
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
      if (query.until) params.until = `${query.until}\uffff`;
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
    // Most recent: by the latest publication date; undated stories after every dated one.
    const recent = '(s.date_to IS NULL), s.date_to DESC';
    const order = query.sort === 'size' ? `s.article_count DESC, ${recent}, s.id` : `${recent}, s.article_count DESC, s.sort_to DESC, s.id`;
    // Filtered: the matching stories are found once (a full-text search above all) and
    // both the page and the count read that set; a second run of the filters for the
    // count cost ~30% of a distinct search (issue 14 item 27).
    const rows = (
      w
        ? this.stmt(`WITH m AS MATERIALIZED (SELECT s.rowid AS r FROM stories s ${w}) SELECT s.*, (SELECT COUNT(*) FROM m) AS total_ FROM stories s WHERE s.rowid IN m ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset })
        : this.stmt(`SELECT s.* FROM stories s ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ limit, offset })
    ) as Row[];
    // A page that is not full (and not past the end) tells the total, and so does a filtered page.
    const counted = rows[0]?.total_;
    const known = rows.length < limit && (rows.length > 0 || offset === 0);
    const total = counted !== undefined ? Number(counted) : known ? offset + rows.length : Number(this.stmt(`SELECT COUNT(*) FROM stories s ${w}`).pluck().get(params));
    return { items: rows.map(storySummary), total, limit, offset };
  }

  async getStory(id: string): Promise<StoryRecord | null> {
    const resolved = this.resolveAlias(id);
    const row = this.db.prepare('SELECT * FROM stories WHERE id = ?').get(resolved) as Row | undefined;
    if (!row) return null;
    const arts = (this.db.prepare('SELECT * FROM articles WHERE story_id = ? ORDER BY seq').all(resolved) as Row[]).map((r) => this.storedArticle(r));
    const mergedIds = this.db.prepare('SELECT old_id FROM story_aliases WHERE story_id = ? ORDER BY old_id').pluck().all(resolved) as string[];
    return { ...storySummary(row), articles: arts, mergedIds };
  }

  async getStorySummary(id: string): Promise<StorySummary | null> {
    const row = this.db.prepare('SELECT * FROM stories WHERE id = ?').get(this.resolveAlias(id)) as Row | undefined;
    return row ? storySummary(row) : null;
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
      params.until = `${query.until}\uffff`;
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
    const rows = this.db
      .prepare(`SELECT a.id, a.seq, a.story_id, a.title, a.outlet, a.url, a.path, a.published, a.words, a.ingested_at FROM articles a ${w} ORDER BY a.seq LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset }) as Row[];
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        seq: Number(r.seq),
        storyId: (r.story_id as string | null) ?? null,
        title: (r.title as string | null) ?? null,
        outlet: (r.outlet as string | null) ?? null,
        url: (r.url as string | null) ?? null,
        path: String(r.path),
        published: (r.published as string | null) ?? null,
        words: Number(r.words),
        ingestedAt: String(r.ingested_at),
      })),
      total,
      limit,
      offset,
    };
  }

  private storedArticle(r: Row): StoredArticle {
    const id = String(r.id);
    const links = this.db
      .prepare('SELECT b AS other, similarity, kind FROM article_links WHERE a = ? UNION ALL SELECT a AS other, similarity, kind FROM article_links WHERE b = ? ORDER BY similarity DESC')
      .all(id, id) as Array<{ other: string; similarity: number; kind: 'duplicate' | 'shared' }>;
    const a: StoredArticle = {
      id,
      path: String(r.path),
      format: r.format as Article['format'],
      url: (r.url as string | null) ?? null,
      title: (r.title as string | null) ?? null,
      byline: (r.byline as string | null) ?? null,
      outlet: (r.outlet as string | null) ?? null,
      published: (r.published as string | null) ?? null,
      publishedEvidence: (r.published_evidence as string | null) ?? null,
      rawText: String(r.raw_text),
      text: String(r.text),
      rawWords: Number(r.raw_words),
      words: Number(r.words),
      removed: JSON.parse(String(r.removed)) as Removal[],
      encoding: String(r.encoding),
      language: String(r.language),
      diagnostics: JSON.parse(String(r.diagnostics)) as Diagnostic[],
      seq: Number(r.seq),
      storyId: (r.story_id as string | null) ?? null,
      contentHash: String(r.content_hash),
      ingestedAt: String(r.ingested_at),
      related: links.map((l) => ({ articleId: l.other, similarity: l.similarity, kind: l.kind })),
    };
    if (r.cluster !== null && r.cluster !== undefined) a.cluster = String(r.cluster);
    return a;
  }

  async sourceState(url: string): Promise<SourceState | null> {
    const r = this.db.prepare('SELECT * FROM sources WHERE url = ?').get(url) as Row | undefined;
    if (!r) return null;
    return {
      url: String(r.url),
      etag: (r.etag as string | null) ?? null,
      lastModified: (r.last_modified as string | null) ?? null,
      checkedAt: String(r.checked_at),
      status: String(r.status),
      articles: Number(r.articles),
    };
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
    if (!r) return null;
    return { key: String(r.key), json: String(r.json), disagreements: Number(r.disagreements), lineages: Number(r.lineages) };
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

  async close(): Promise<void> {
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
for (const name of GUARDED) {
  const proto = SqliteStore.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const method = proto[name] as (...args: unknown[]) => unknown;
  proto[name] = function guarded(this: SqliteStore, ...args: unknown[]): unknown {
    let result: unknown;
    try {
      result = method.apply(this, args);
    } catch (err) {
      throw databaseError(this.location, err);
    }
    if (result instanceof Promise) return result.catch((err: unknown) => Promise.reject(databaseError(this.location, err)));
    return result;
  };
}

/** Writes folded into df after this many df_delta rows. */
const DF_COMPACT_EVERY = 64;

/** Document-frequency changes as text: `term\tdelta\n…`. */
function encodeDelta(delta: Iterable<[string, number]>): string {
  let out = '';
  for (const [t, d] of delta) out += `${deltaTerm(t)}\t${d}\n`;
  return out;
}

/** A term as the change log stores it (tabs and newlines separate its fields). */
function deltaTerm(t: string): string {
  return /[\t\n]/.test(t) ? t.replace(/[\t\n]/g, ' ') : t;
}

function* decodeDelta(s: string): Generator<[string, number]> {
  let start = 0;
  while (start < s.length) {
    let end = s.indexOf('\n', start);
    if (end < 0) end = s.length;
    const tab = s.lastIndexOf('\t', end);
    if (tab > start) {
      const d = Number(s.slice(tab + 1, end));
      if (Number.isFinite(d)) yield [s.slice(start, tab), d];
    }
    start = end + 1;
  }
}

/** `encodeTerms` for interned terms. */
function encodeInterned(c: StoryClusterer, f: InternedFeatures): string {
  let out = '';
  for (let i = 0; i < f.ids.length; i++) out += `${c.termName(f.ids[i] as number).replace(/[\t\n]/g, ' ')}\t${Math.round((f.w[i] as number) * 1e4) / 1e4}\n`;
  return out;
}

function storySummary(r: Row): StorySummary {
  return {
    id: String(r.id),
    headline: String(r.headline),
    articleCount: Number(r.article_count),
    lineageCount: Number(r.lineage_count),
    dateSpan: { from: (r.date_from as string | null) ?? null, to: (r.date_to as string | null) ?? null },
    outlets: JSON.parse(String(r.outlets)) as string[],
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

/**
 * Turns a user's search into an FTS5 query: words are quoted (so punctuation and FTS
 * operators in user input cannot break the query) and ANDed; a trailing `*` keeps prefix search.
 */
export function ftsQuery(q: string): string {
  const words = q.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*\*?/gu) ?? [];
  if (words.length === 0) return '""';
  return words
    .slice(0, 32)
    .map((w) => {
      const prefix = w.endsWith('*');
      const body = (prefix ? w.slice(0, -1) : w).replace(/"/g, '');
      return `"${body}"${prefix ? '*' : ''}`;
    })
    .join(' AND ');
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

