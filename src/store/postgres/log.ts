/**
 * The corpus log (src/stories/log.ts) in PostgreSQL: rows and queries only, the same
 * tables as the SQLite log (../sqlite-log.ts): `crossread_meta` (generation, reload
 * generation, document count, last fold), `articles.gen` / `features`, `df` and
 * `df_delta`, `forgotten`, `stories`, `story_aliases`, `article_links`.
 *
 * Every method runs on the client of the store's open write transaction (`client()`
 * throws when none is open), after the transaction took the writers' advisory lock:
 * one writer at a time across processes and machines, so what a method reads is what
 * the last committed write left (READ COMMITTED: each statement sees every commit made
 * before it). Large reads come a page at a time by keyset (seq, term); many-row
 * writes are single statements over arrays (`unnest`).
 */
import type { CorpusLog, LoggedArticle, StorySpan } from '../../stories/log.js';
import { decodeDeltas, deltaTerm, encodeDelta, PAGE_ROWS } from '../df-delta.js';
import { PG_MARKER_TABLE } from './schema.js';
import type { Queryable } from './connect.js';

interface FeatureRow {
  seq: string;
  id: string;
  content_hash: string;
  story_id: string | null;
  terms: string;
  minhash: Buffer;
  shingles: number;
  day: number | null;
}

const FEATURES = 'SELECT a.seq, a.id, a.content_hash, a.story_id, f.terms, f.minhash, f.shingles, f.day FROM articles a JOIN features f ON f.seq = a.seq';

/** Rows per statement of many-row writes. */
const WRITE_ROWS = 5000;

export class PgCorpusLog implements CorpusLog {
  constructor(
    /** The open write transaction's client. */
    private readonly client: () => Queryable,
  ) {}

  private async rows<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client().query<T>(sql, params)).rows;
  }

  private async meta(key: string): Promise<string | null> {
    const r = await this.rows<{ value: string }>(`SELECT value FROM ${PG_MARKER_TABLE} WHERE key = $1`, [key]);
    return r[0]?.value ?? null;
  }

  private async setMeta(key: string, value: string | number): Promise<void> {
    await this.rows(`INSERT INTO ${PG_MARKER_TABLE} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key, String(value)]);
  }

  // ---- generations ----------------------------------------------------------------

  async generation(): Promise<number> {
    return Number((await this.meta('generation')) ?? 0);
  }

  async commitGeneration(gen: number): Promise<void> {
    await this.setMeta('generation', gen);
  }

  async reloadGeneration(): Promise<number> {
    return Number((await this.meta('reload_generation')) ?? 0);
  }

  // ---- document frequencies -------------------------------------------------------

  async documentCount(): Promise<number> {
    return Number((await this.meta('documents')) ?? 0);
  }

  async setDocumentCount(n: number): Promise<void> {
    await this.setMeta('documents', n);
  }

  async *foldedDf(): AsyncIterable<Array<[string, number]>> {
    for (let last: string | null = null; ; ) {
      const rows: Array<{ term: string; n: number }> =
        last === null
          ? await this.rows('SELECT term, n FROM df WHERE n > 0 ORDER BY term LIMIT $1', [PAGE_ROWS])
          : await this.rows('SELECT term, n FROM df WHERE n > 0 AND term > $1 ORDER BY term LIMIT $2', [last, PAGE_ROWS]);
      if (rows.length === 0) return;
      yield rows.map((r) => [r.term, Number(r.n)]);
      last = rows[rows.length - 1]!.term;
    }
  }

  async dfChanges(since: number | null): Promise<Array<[string, number]>> {
    const rows =
      since === null
        ? await this.rows<{ terms: string }>('SELECT terms FROM df_delta ORDER BY gen')
        : await this.rows<{ terms: string }>('SELECT terms FROM df_delta WHERE gen > $1 ORDER BY gen', [since]);
    return decodeDeltas(rows.map((r) => r.terms));
  }

  async appendDfChanges(gen: number, changes: ReadonlyArray<[string, number]>): Promise<void> {
    await this.rows('INSERT INTO df_delta (gen, terms) VALUES ($1, $2)', [gen, encodeDelta(changes)]);
  }

  async unfoldedWrites(): Promise<number> {
    return Number((await this.rows<{ n: string }>('SELECT COUNT(*) AS n FROM df_delta'))[0]?.n ?? 0);
  }

  async foldDf(sum: Iterable<readonly [string, number]>, gen: number): Promise<void> {
    // Terms as the change log stores them, summed again (two terms may store alike).
    const delta = new Map<string, number>();
    for (const [term, d] of sum) if (d !== 0) delta.set(deltaTerm(term), (delta.get(deltaTerm(term)) ?? 0) + d);
    const changes = [...delta].filter(([, d]) => d !== 0);
    for (let i = 0; i < changes.length; i += WRITE_ROWS) {
      const part = changes.slice(i, i + WRITE_ROWS);
      await this.rows(
        'INSERT INTO df (term, n) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (term) DO UPDATE SET n = df.n + excluded.n',
        [part.map(([t]) => t), part.map(([, d]) => d)],
      );
      // Only terms that lost documents can reach zero: no scan of the whole table.
      const lost = part.filter(([, d]) => d < 0).map(([t]) => t);
      if (lost.length) await this.rows('DELETE FROM df WHERE term = ANY($1::text[]) AND n <= 0', [lost]);
    }
    await this.rows('DELETE FROM df_delta');
    await this.setMeta('df_compacted', gen);
  }

  async foldedAt(): Promise<number> {
    return Number((await this.meta('df_compacted')) ?? 0);
  }

  // ---- articles and stories -------------------------------------------------------

  async *allArticles(): AsyncIterable<LoggedArticle[]> {
    for (let last = 0; ; ) {
      const rows = await this.rows<FeatureRow>(`${FEATURES} WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`, [last, PAGE_ROWS]);
      if (rows.length === 0) return;
      yield rows.map(logged);
      last = Number(rows[rows.length - 1]!.seq);
    }
  }

  async articlesChangedSince(since: number): Promise<LoggedArticle[]> {
    return (await this.rows<FeatureRow>(`${FEATURES} WHERE a.gen > $1 ORDER BY a.seq`, [since])).map(logged);
  }

  async storyMembers(storyId: string): Promise<LoggedArticle[]> {
    return (await this.rows<FeatureRow>(`${FEATURES} WHERE a.story_id = $1 ORDER BY a.seq`, [storyId])).map(logged);
  }

  async forgottenSince(since: number): Promise<string[]> {
    return (await this.rows<{ id: string }>('SELECT id FROM forgotten WHERE gen > $1 ORDER BY gen', [since])).map((r) => r.id);
  }

  async latestDay(): Promise<number | null> {
    const d = (await this.rows<{ d: number | null }>('SELECT MAX(day) AS d FROM features'))[0]?.d;
    return d === null || d === undefined ? null : Number(d);
  }

  async storySpansBefore(cutoff: number): Promise<StorySpan[]> {
    const rows = await this.rows<{ story_id: string; first: number; last: number }>(
      'SELECT a.story_id, MIN(f.day) AS first, MAX(f.day) AS last FROM articles a JOIN features f ON f.seq = a.seq WHERE a.story_id IS NOT NULL GROUP BY a.story_id HAVING MAX(f.day) < $1',
      [cutoff],
    );
    return rows.map((r) => ({ storyId: r.story_id, first: Number(r.first), last: Number(r.last) }));
  }

  async storyOfArticle(articleId: string): Promise<string | null> {
    return (await this.rows<{ story_id: string | null }>('SELECT story_id FROM articles WHERE id = $1', [articleId]))[0]?.story_id ?? null;
  }

  // ---- story ids ----------------------------------------------------------------------

  async storyIds(): Promise<string[]> {
    return (await this.rows<{ id: string }>('SELECT id FROM stories')).map((r) => r.id);
  }

  async storyAliases(): Promise<Array<[string, string]>> {
    return (await this.rows<{ old_id: string; story_id: string }>('SELECT old_id, story_id FROM story_aliases')).map((r) => [r.old_id, r.story_id]);
  }

  // ---- writing assignments --------------------------------------------------------

  async moveStory(from: string, into: string, gen: number): Promise<void> {
    await this.rows('UPDATE articles SET story_id = $1, gen = $2 WHERE story_id = $3', [into, gen, from]);
  }

  async moveArticles(moves: ReadonlyArray<{ articleId: string; storyId: string }>, gen: number): Promise<void> {
    // One statement: each article's last move.
    const last = new Map<string, string>();
    for (const m of moves) last.set(m.articleId, m.storyId);
    if (last.size === 0) return;
    await this.rows('UPDATE articles a SET story_id = m.story_id, gen = $3 FROM unnest($1::text[], $2::text[]) AS m(id, story_id) WHERE a.id = m.id', [
      [...last.keys()],
      [...last.values()],
      gen,
    ]);
  }

  async removeStories(removed: ReadonlyArray<{ storyId: string; aliasTo: string | null }>): Promise<void> {
    if (removed.length === 0) return;
    const gone = new Set(removed.map((r) => r.storyId));
    if (removed.some((r) => r.aliasTo !== null && gone.has(r.aliasTo))) {
      // An alias to a story removed in the same call: one at a time, in order.
      for (const r of removed) await this.removeOne(r.storyId, r.aliasTo);
      return;
    }
    // Every alias goes to a story that stays: the order does not matter, three statements in all.
    await this.rows('DELETE FROM stories WHERE id = ANY($1::text[])', [[...gone]]);
    const alias = new Map<string, string>();
    for (const r of removed) if (r.aliasTo) alias.set(r.storyId, r.aliasTo);
    if (alias.size === 0) return;
    const params = [[...alias.keys()], [...alias.values()]];
    await this.rows(
      'INSERT INTO story_aliases (old_id, story_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (old_id) DO UPDATE SET story_id = excluded.story_id',
      params,
    );
    await this.rows('UPDATE story_aliases s SET story_id = m.to_id FROM unnest($1::text[], $2::text[]) AS m(from_id, to_id) WHERE s.story_id = m.from_id', params);
  }

  private async removeOne(storyId: string, aliasTo: string | null): Promise<void> {
    await this.rows('DELETE FROM stories WHERE id = $1', [storyId]);
    if (!aliasTo) return;
    await this.rows('INSERT INTO story_aliases (old_id, story_id) VALUES ($1, $2) ON CONFLICT (old_id) DO UPDATE SET story_id = excluded.story_id', [storyId, aliasTo]);
    await this.rows('UPDATE story_aliases SET story_id = $1 WHERE story_id = $2', [aliasTo, storyId]);
  }

  async forgetStory(storyId: string): Promise<void> {
    await this.rows('DELETE FROM stories WHERE id = $1', [storyId]);
    await this.rows('DELETE FROM story_aliases WHERE story_id = $1', [storyId]);
  }

  async putLinks(links: ReadonlyArray<{ a: string; b: string; similarity: number; kind: 'duplicate' | 'shared' }>): Promise<void> {
    // One row per pair, the last one given winning (as SQLite's INSERT OR REPLACE).
    const pairs = new Map<string, [string, string, number, string]>();
    for (const l of links) {
      const [a, b] = l.a < l.b ? [l.a, l.b] : [l.b, l.a];
      pairs.set(`${a}\u0000${b}`, [a, b, l.similarity, l.kind]);
    }
    const rows = [...pairs.values()];
    for (let i = 0; i < rows.length; i += WRITE_ROWS) {
      const part = rows.slice(i, i + WRITE_ROWS);
      await this.rows(
        `INSERT INTO article_links (a, b, similarity, kind) SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::text[])
         ON CONFLICT (a, b) DO UPDATE SET similarity = excluded.similarity, kind = excluded.kind`,
        [part.map((r) => r[0]), part.map((r) => r[1]), part.map((r) => r[2]), part.map((r) => r[3])],
      );
    }
  }

  async logForgotten(articleId: string, gen: number): Promise<void> {
    await this.rows('INSERT INTO forgotten (gen, id) VALUES ($1, $2)', [gen, articleId]);
  }

  // ---- re-extracting features -------------------------------------------------------

  async featuresVersion(): Promise<number | null> {
    const v = await this.meta('features_version');
    return v === null ? null : Number(v);
  }

  async *articleTexts(): AsyncIterable<Array<{ id: string; title: string | null; text: string; published: string | null }>> {
    for (let last = 0; ; ) {
      const rows = await this.rows<{ seq: string; id: string; title: string | null; text: string; published: string | null }>(
        'SELECT seq, id, title, text, published FROM articles WHERE seq > $1 ORDER BY seq LIMIT 500',
        [last],
      );
      if (rows.length === 0) return;
      yield rows.map(({ id, title, text, published }) => ({ id, title, text, published }));
      last = Number(rows[rows.length - 1]!.seq);
    }
  }

  async setFeatures(articleId: string, f: { terms: string; minhash: Uint8Array; shingles: number; day: number | null }): Promise<void> {
    await this.rows('UPDATE features SET terms = $1, minhash = $2, shingles = $3, day = $4 WHERE seq = (SELECT seq FROM articles WHERE id = $5)', [
      f.terms,
      Buffer.from(f.minhash.buffer, f.minhash.byteOffset, f.minhash.byteLength),
      f.shingles,
      f.day,
      articleId,
    ]);
  }

  async replaceDf(df: ReadonlyMap<string, number>, documents: number, gen: number): Promise<void> {
    await this.rows('DELETE FROM df');
    await this.rows('DELETE FROM df_delta');
    const rows = [...df];
    for (let i = 0; i < rows.length; i += WRITE_ROWS) {
      const part = rows.slice(i, i + WRITE_ROWS);
      await this.rows('INSERT INTO df (term, n) SELECT * FROM unnest($1::text[], $2::int[])', [part.map(([t]) => t), part.map(([, n]) => n)]);
    }
    await this.setMeta('df_compacted', gen);
    await this.setMeta('documents', documents);
  }

  async markReextracted(version: number, gen: number): Promise<void> {
    await this.setMeta('features_version', version);
    await this.setMeta('reload_generation', gen);
  }
}

function logged(r: FeatureRow): LoggedArticle {
  return {
    id: r.id,
    hash: r.content_hash,
    storyId: r.story_id,
    terms: r.terms,
    minhash: new Uint8Array(r.minhash.buffer, r.minhash.byteOffset, r.minhash.byteLength),
    shingles: Number(r.shingles),
    day: r.day === null ? null : Number(r.day),
  };
}
