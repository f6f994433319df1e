/**
 * The corpus log (src/stories/log.ts) in SQLite: rows and queries only. The corpus
 * (src/stories/corpus.ts) decides; this file reads and writes:
 * - `crossread_meta`: generation, reload generation, document count, last fold;
 * - `articles.gen` / `features`: each article's story, features and the generation that
 *   last assigned or moved it (index articles_gen);
 * - `df` (folded document frequencies) and `df_delta` (one row per write: its changes
 *   as `term\tdelta\n…` text);
 * - `forgotten` (gen, id); `stories`, `story_aliases`, `article_links`.
 * Rows are read a page at a time from an open cursor: nothing else runs statements on
 * the connection during a write (see ./sqlite.ts).
 * Called only inside the store's write transaction. The methods answer at once
 * (better-sqlite3 is synchronous): their promises are already resolved, and the store
 * lets nothing else use the connection while a write's transaction is open.
 */
import type Database from 'better-sqlite3';
import type { CorpusLog, LoggedArticle, StorySpan } from '../stories/log.js';
import { MARKER_TABLE } from './schema.js';
import { decodeDeltas, deltaTerm, encodeDelta, pages } from './df-delta.js';

type FeatureRow = [string, string, string | null, string, Buffer, number, number | null];

export class SqliteCorpusLog implements CorpusLog {
  constructor(
    private readonly db: Database.Database,
    /** A prepared statement, prepared once per store. */
    private readonly stmt: (sql: string) => Database.Statement,
  ) {}

  meta(key: string): string | null {
    const row = this.stmt(`SELECT value FROM ${MARKER_TABLE} WHERE key = ?`).get(key) as { value: unknown } | undefined;
    return row ? String(row.value) : null;
  }

  setMeta(key: string, value: string | number): void {
    this.stmt(`INSERT INTO ${MARKER_TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, String(value));
  }

  // ---- generations ----------------------------------------------------------------

  async generation(): Promise<number> {
    return Number(this.meta('generation') ?? 0);
  }

  async commitGeneration(gen: number): Promise<void> {
    this.setMeta('generation', gen);
  }

  async reloadGeneration(): Promise<number> {
    return Number(this.meta('reload_generation') ?? 0);
  }

  // ---- document frequencies -------------------------------------------------------

  async documentCount(): Promise<number> {
    return Number(this.meta('documents') ?? 0);
  }

  async setDocumentCount(n: number): Promise<void> {
    this.setMeta('documents', n);
  }

  async *foldedDf(): AsyncIterable<Array<[string, number]>> {
    yield* pages(this.db.prepare('SELECT term, n FROM df WHERE n > 0').raw().iterate() as IterableIterator<[string, number]>);
  }

  async dfChanges(since: number | null): Promise<Array<[string, number]>> {
    const rows =
      since === null
        ? (this.db.prepare('SELECT terms FROM df_delta ORDER BY gen').pluck().all() as string[])
        : (this.stmt('SELECT terms FROM df_delta WHERE gen > ? ORDER BY gen').pluck().all(since) as string[]);
    return decodeDeltas(rows);
  }

  async appendDfChanges(gen: number, changes: ReadonlyArray<[string, number]>): Promise<void> {
    this.stmt('INSERT INTO df_delta (gen, terms) VALUES (?, ?)').run(gen, encodeDelta(changes));
  }

  async unfoldedWrites(): Promise<number> {
    return Number(this.stmt('SELECT COUNT(*) FROM df_delta').pluck().get());
  }

  async foldDf(sum: Iterable<readonly [string, number]>, gen: number): Promise<void> {
    const upsert = this.stmt('INSERT INTO df (term, n) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n');
    const dropIfNone = this.stmt('DELETE FROM df WHERE term = ? AND n <= 0');
    // Only terms that lost documents can reach zero: no scan of the whole table. (Upserting
    // in key order was measured: sorting 300k terms cost more than it saved.)
    for (const [term, d] of sum) {
      if (d === 0) continue;
      const t = deltaTerm(term);
      upsert.run(t, d);
      if (d < 0) dropIfNone.run(t);
    }
    this.stmt('DELETE FROM df_delta').run();
    this.setMeta('df_compacted', gen);
  }

  async foldedAt(): Promise<number> {
    return Number(this.meta('df_compacted') ?? 0);
  }

  // ---- articles and stories -------------------------------------------------------

  async *allArticles(): AsyncIterable<LoggedArticle[]> {
    const rows = this.db
      .prepare('SELECT a.id, a.content_hash, a.story_id, f.terms, f.minhash, f.shingles, f.day FROM articles a JOIN features f ON f.seq = a.seq ORDER BY a.seq')
      .raw()
      .iterate() as IterableIterator<FeatureRow>;
    for (const page of pages(rows)) yield page.map(logged);
  }

  async articlesChangedSince(since: number): Promise<LoggedArticle[]> {
    const rows = this.stmt('SELECT a.id, a.content_hash, a.story_id, f.terms, f.minhash, f.shingles, f.day FROM articles a JOIN features f ON f.seq = a.seq WHERE a.gen > ? ORDER BY a.seq')
      .raw()
      .all(since) as FeatureRow[];
    return rows.map(logged);
  }

  async storyMembers(storyId: string): Promise<LoggedArticle[]> {
    const rows = this.stmt('SELECT a.id, a.content_hash, a.story_id, f.terms, f.minhash, f.shingles, f.day FROM articles a JOIN features f ON f.seq = a.seq WHERE a.story_id = ? ORDER BY a.seq')
      .raw()
      .all(storyId) as FeatureRow[];
    return rows.map(logged);
  }

  async forgottenSince(since: number): Promise<string[]> {
    return this.stmt('SELECT id FROM forgotten WHERE gen > ? ORDER BY gen').pluck().all(since) as string[];
  }

  async latestDay(): Promise<number | null> {
    return (this.db.prepare('SELECT MAX(day) FROM features').pluck().get() as number | null) ?? null;
  }

  async storySpansBefore(cutoff: number): Promise<StorySpan[]> {
    const rows = this.db
      .prepare('SELECT a.story_id, MIN(f.day), MAX(f.day) FROM articles a JOIN features f ON f.seq = a.seq WHERE a.story_id IS NOT NULL GROUP BY a.story_id HAVING MAX(f.day) < ?')
      .raw()
      .all(cutoff) as Array<[string, number, number]>;
    return rows.map(([storyId, first, last]) => ({ storyId, first, last }));
  }

  async storyOfArticle(articleId: string): Promise<string | null> {
    return (this.stmt('SELECT story_id FROM articles WHERE id = ?').pluck().get(articleId) as string | null | undefined) ?? null;
  }

  // ---- story ids ----------------------------------------------------------------------

  async storyIds(): Promise<string[]> {
    return this.db.prepare('SELECT id FROM stories').pluck().all() as string[];
  }

  async storyAliases(): Promise<Array<[string, string]>> {
    return this.db.prepare('SELECT old_id, story_id FROM story_aliases').raw().all() as Array<[string, string]>;
  }

  // ---- writing assignments --------------------------------------------------------

  async moveStory(from: string, into: string, gen: number): Promise<void> {
    this.stmt('UPDATE articles SET story_id = ?, gen = ? WHERE story_id = ?').run(into, gen, from);
  }

  async moveArticles(moves: ReadonlyArray<{ articleId: string; storyId: string }>, gen: number): Promise<void> {
    const st = this.stmt('UPDATE articles SET story_id = ?, gen = ? WHERE id = ?');
    for (const m of moves) st.run(m.storyId, gen, m.articleId);
  }

  async removeStories(removed: ReadonlyArray<{ storyId: string; aliasTo: string | null }>): Promise<void> {
    for (const { storyId, aliasTo } of removed) {
      this.stmt('DELETE FROM stories WHERE id = ?').run(storyId);
      if (!aliasTo) continue;
      this.stmt('INSERT INTO story_aliases (old_id, story_id) VALUES (?, ?) ON CONFLICT(old_id) DO UPDATE SET story_id = excluded.story_id').run(storyId, aliasTo);
      this.stmt('UPDATE story_aliases SET story_id = ? WHERE story_id = ?').run(aliasTo, storyId);
    }
  }

  async forgetStory(storyId: string): Promise<void> {
    this.stmt('DELETE FROM stories WHERE id = ?').run(storyId);
    this.stmt('DELETE FROM story_aliases WHERE story_id = ?').run(storyId);
  }

  async putLinks(links: ReadonlyArray<{ a: string; b: string; similarity: number; kind: 'duplicate' | 'shared' }>): Promise<void> {
    const link = this.stmt('INSERT OR REPLACE INTO article_links (a, b, similarity, kind) VALUES (?, ?, ?, ?)');
    for (const l of links) {
      const [a, b] = l.a < l.b ? [l.a, l.b] : [l.b, l.a];
      link.run(a, b, l.similarity, l.kind);
    }
  }

  async logForgotten(articleId: string, gen: number): Promise<void> {
    this.stmt('INSERT INTO forgotten (gen, id) VALUES (?, ?)').run(gen, articleId);
  }

  // ---- re-extracting features -------------------------------------------------------

  async featuresVersion(): Promise<number | null> {
    const v = this.meta('features_version');
    return v === null ? null : Number(v);
  }

  async *articleTexts(): AsyncIterable<Array<{ id: string; title: string | null; text: string; published: string | null }>> {
    const page = this.db.prepare('SELECT seq, id, title, text, published FROM articles WHERE seq > ? ORDER BY seq LIMIT 500');
    for (let last = 0; ; ) {
      // A page at a time (`all`, not an open cursor): the caller writes between pages.
      const rows = page.all(last) as Array<{ seq: number; id: string; title: string | null; text: string; published: string | null }>;
      if (rows.length === 0) return;
      yield rows.map(({ id, title, text, published }) => ({ id, title, text, published }));
      last = (rows[rows.length - 1] as { seq: number }).seq;
    }
  }

  async setFeatures(articleId: string, f: { terms: string; minhash: Uint8Array; shingles: number; day: number | null }): Promise<void> {
    this.stmt('UPDATE features SET terms = ?, minhash = ?, shingles = ?, day = ? WHERE seq = (SELECT seq FROM articles WHERE id = ?)').run(f.terms, f.minhash, f.shingles, f.day, articleId);
  }

  async replaceDf(df: ReadonlyMap<string, number>, documents: number, gen: number): Promise<void> {
    this.db.exec('DELETE FROM df; DELETE FROM df_delta');
    const insert = this.db.prepare('INSERT INTO df (term, n) VALUES (?, ?)');
    for (const [t, n] of df) insert.run(t, n);
    this.setMeta('df_compacted', gen);
    this.setMeta('documents', documents);
  }

  async markReextracted(version: number, gen: number): Promise<void> {
    this.setMeta('features_version', version);
    this.setMeta('reload_generation', gen);
  }
}

function logged([id, hash, storyId, terms, minhash, shingles, day]: FeatureRow): LoggedArticle {
  return { id, hash, storyId, terms, minhash, shingles, day };
}
