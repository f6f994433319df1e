/**
 * The corpus log (src/stories/log.ts) in SQLite: rows and queries only. The corpus
 * (src/stories/corpus.ts) decides; this file reads and writes:
 * - `crossread_meta`: generation, reload generation, document count, last fold;
 * - `articles.gen` / `features`: each article's story, features and the generation that
 *   last assigned or moved it (index articles_gen);
 * - `df` (folded document frequencies) and `df_delta` (one row per write: its changes
 *   as `term\tdelta\n…` text);
 * - `forgotten` (gen, id); `stories`, `story_aliases`, `article_links`.
 * Called only inside the store's write transaction.
 */
import type Database from 'better-sqlite3';
import type { CorpusLog, LoggedArticle, StorySpan } from '../stories/log.js';
import { MARKER_TABLE } from './schema.js';

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

  generation(): number {
    return Number(this.meta('generation') ?? 0);
  }

  commitGeneration(gen: number): void {
    this.setMeta('generation', gen);
  }

  reloadGeneration(): number {
    return Number(this.meta('reload_generation') ?? 0);
  }

  // ---- document frequencies -------------------------------------------------------

  documentCount(): number {
    return Number(this.meta('documents') ?? 0);
  }

  setDocumentCount(n: number): void {
    this.setMeta('documents', n);
  }

  foldedDf(): Iterable<[string, number]> {
    return this.db.prepare('SELECT term, n FROM df WHERE n > 0').raw().iterate() as IterableIterator<[string, number]>;
  }

  *dfChanges(since: number | null): Iterable<[string, number]> {
    const rows =
      since === null
        ? (this.db.prepare('SELECT terms FROM df_delta ORDER BY gen').pluck().iterate() as IterableIterator<string>)
        : (this.stmt('SELECT terms FROM df_delta WHERE gen > ? ORDER BY gen').pluck().iterate(since) as IterableIterator<string>);
    for (const terms of rows) yield* decodeDelta(terms);
  }

  appendDfChanges(gen: number, changes: ReadonlyArray<[string, number]>): void {
    this.stmt('INSERT INTO df_delta (gen, terms) VALUES (?, ?)').run(gen, encodeDelta(changes));
  }

  unfoldedWrites(): number {
    return Number(this.stmt('SELECT COUNT(*) FROM df_delta').pluck().get());
  }

  foldDf(sum: ReadonlyMap<string, number>, gen: number): void {
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

  foldedAt(): number {
    return Number(this.meta('df_compacted') ?? 0);
  }

  // ---- articles and stories -------------------------------------------------------

  *allArticles(): Iterable<LoggedArticle> {
    const rows = this.db
      .prepare('SELECT a.id, a.content_hash, a.story_id, f.terms, f.minhash, f.shingles, f.day FROM articles a JOIN features f ON f.seq = a.seq ORDER BY a.seq')
      .raw()
      .iterate() as IterableIterator<FeatureRow>;
    for (const r of rows) yield logged(r);
  }

  *articlesChangedSince(since: number): Iterable<LoggedArticle> {
    const rows = this.stmt('SELECT a.id, a.content_hash, a.story_id, f.terms, f.minhash, f.shingles, f.day FROM articles a JOIN features f ON f.seq = a.seq WHERE a.gen > ? ORDER BY a.seq')
      .raw()
      .iterate(since) as IterableIterator<FeatureRow>;
    for (const r of rows) yield logged(r);
  }

  *storyMembers(storyId: string): Iterable<LoggedArticle> {
    const rows = this.stmt('SELECT a.id, a.content_hash, a.story_id, f.terms, f.minhash, f.shingles, f.day FROM articles a JOIN features f ON f.seq = a.seq WHERE a.story_id = ? ORDER BY a.seq')
      .raw()
      .iterate(storyId) as IterableIterator<FeatureRow>;
    for (const r of rows) yield logged(r);
  }

  forgottenSince(since: number): string[] {
    return this.stmt('SELECT id FROM forgotten WHERE gen > ? ORDER BY gen').pluck().all(since) as string[];
  }

  latestDay(): number | null {
    return (this.db.prepare('SELECT MAX(day) FROM features').pluck().get() as number | null) ?? null;
  }

  *storySpansBefore(cutoff: number): Iterable<StorySpan> {
    const rows = this.db
      .prepare('SELECT a.story_id, MIN(f.day), MAX(f.day) FROM articles a JOIN features f ON f.seq = a.seq WHERE a.story_id IS NOT NULL GROUP BY a.story_id HAVING MAX(f.day) < ?')
      .raw()
      .iterate(cutoff) as IterableIterator<[string, number, number]>;
    for (const [storyId, first, last] of rows) yield { storyId, first, last };
  }

  storyOfArticle(articleId: string): string | null {
    return (this.stmt('SELECT story_id FROM articles WHERE id = ?').pluck().get(articleId) as string | null | undefined) ?? null;
  }

  // ---- story ids ----------------------------------------------------------------------

  storyIds(): string[] {
    return this.db.prepare('SELECT id FROM stories').pluck().all() as string[];
  }

  storyAliases(): Array<[string, string]> {
    return this.db.prepare('SELECT old_id, story_id FROM story_aliases').raw().all() as Array<[string, string]>;
  }

  // ---- writing assignments --------------------------------------------------------

  moveStory(from: string, into: string, gen: number): void {
    this.stmt('UPDATE articles SET story_id = ?, gen = ? WHERE story_id = ?').run(into, gen, from);
  }

  moveArticle(articleId: string, storyId: string, gen: number): void {
    this.stmt('UPDATE articles SET story_id = ?, gen = ? WHERE id = ?').run(storyId, gen, articleId);
  }

  removeStory(storyId: string, aliasTo: string | null): void {
    this.stmt('DELETE FROM stories WHERE id = ?').run(storyId);
    if (!aliasTo) return;
    this.stmt('INSERT INTO story_aliases (old_id, story_id) VALUES (?, ?) ON CONFLICT(old_id) DO UPDATE SET story_id = excluded.story_id').run(storyId, aliasTo);
    this.stmt('UPDATE story_aliases SET story_id = ? WHERE story_id = ?').run(aliasTo, storyId);
  }

  forgetStory(storyId: string): void {
    this.stmt('DELETE FROM stories WHERE id = ?').run(storyId);
    this.stmt('DELETE FROM story_aliases WHERE story_id = ?').run(storyId);
  }

  putLinks(links: ReadonlyArray<{ a: string; b: string; similarity: number; kind: 'duplicate' | 'shared' }>): void {
    const link = this.stmt('INSERT OR REPLACE INTO article_links (a, b, similarity, kind) VALUES (?, ?, ?, ?)');
    for (const l of links) {
      const [a, b] = l.a < l.b ? [l.a, l.b] : [l.b, l.a];
      link.run(a, b, l.similarity, l.kind);
    }
  }

  logForgotten(articleId: string, gen: number): void {
    this.stmt('INSERT INTO forgotten (gen, id) VALUES (?, ?)').run(gen, articleId);
  }

  // ---- re-extracting features -------------------------------------------------------

  featuresVersion(): number | null {
    const v = this.meta('features_version');
    return v === null ? null : Number(v);
  }

  *articleTexts(): Iterable<{ id: string; title: string | null; text: string; published: string | null }> {
    const page = this.db.prepare('SELECT seq, id, title, text, published FROM articles WHERE seq > ? ORDER BY seq LIMIT 500');
    for (let last = 0; ; ) {
      // A page at a time (`all`, not an open cursor): the caller writes between rows.
      const rows = page.all(last) as Array<{ seq: number; id: string; title: string | null; text: string; published: string | null }>;
      if (rows.length === 0) return;
      for (const { id, title, text, published } of rows) yield { id, title, text, published };
      last = (rows[rows.length - 1] as { seq: number }).seq;
    }
  }

  setFeatures(articleId: string, f: { terms: string; minhash: Uint8Array; shingles: number; day: number | null }): void {
    this.stmt('UPDATE features SET terms = ?, minhash = ?, shingles = ?, day = ? WHERE seq = (SELECT seq FROM articles WHERE id = ?)').run(f.terms, f.minhash, f.shingles, f.day, articleId);
  }

  replaceDf(df: ReadonlyMap<string, number>, documents: number, gen: number): void {
    this.db.exec('DELETE FROM df; DELETE FROM df_delta');
    const insert = this.db.prepare('INSERT INTO df (term, n) VALUES (?, ?)');
    for (const [t, n] of df) insert.run(t, n);
    this.setMeta('df_compacted', gen);
    this.setDocumentCount(documents);
  }

  markReextracted(version: number, gen: number): void {
    this.setMeta('features_version', version);
    this.setMeta('reload_generation', gen);
  }
}

function logged([id, hash, storyId, terms, minhash, shingles, day]: FeatureRow): LoggedArticle {
  return { id, hash, storyId, terms, minhash, shingles, day };
}

/** Document-frequency changes as text: `term\tdelta\n…`. */
function encodeDelta(delta: Iterable<readonly [string, number]>): string {
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
