/**
 * Moving a corpus between stores (`crossread copy --from A --to B`): every table, row
 * for row, in either direction between SQLite and PostgreSQL. The two schemas hold the
 * same tables and columns (src/store/schema.ts, src/store/postgres/schema.ts), so a copy
 * keeps everything a store knows: articles with their raw and cleaned text, removals and
 * diagnostics, story features and document frequencies, stories with their ids and the
 * aliases of merged ones, text links, forgotten articles, polled sources and kept
 * briefings. Nothing is recomputed: the target groups new articles exactly as the source
 * would have.
 *
 * Resumable: each table is copied in key order, a page per transaction, and a page is
 * read from the source after the greatest key the target already holds. Keys compare as
 * bytes on both sides (SQLite's BINARY collation, PostgreSQL's "C"), so the two orders
 * agree. The target records the copy in `crossread_meta` (`copy_state`) until it is
 * complete: an interrupted copy is resumed by running the same command again; a target
 * that already holds anything else is refused, so nothing stored there can be lost. The
 * source must not be written during the copy: its generation is checked at the start,
 * on resume and at the end.
 */
import { CrossreadError } from '../errors.js';
import { ARTICLE_COLUMNS, STORY_COLUMNS } from './rows.js';

/** One cell of a stored row: text, a number, bytes or null. */
export type Cell = string | number | Uint8Array | null;
export type Row = Record<string, Cell>;

/** A table as the copy sees it: its columns, its key (ordering and resuming) and which columns are integers. */
export interface TableSpec {
  name: string;
  columns: readonly string[];
  key: readonly string[];
  integers: readonly string[];
}

/**
 * The tables of a crossread store in copy order (rows referred to come first:
 * articles before their features, stories before their briefings). `crossread_meta`
 * is not here: it is copied last, when every row is in place (see `copyStore`).
 */
export const TABLES: readonly TableSpec[] = [
  {
    name: 'articles',
    columns: ['seq', ...ARTICLE_COLUMNS],
    key: ['seq'],
    integers: ['seq', 'raw_words', 'words', 'gen'],
  },
  { name: 'features', columns: ['seq', 'terms', 'minhash', 'shingles', 'day'], key: ['seq'], integers: ['seq', 'shingles', 'day'] },
  { name: 'df', columns: ['term', 'n'], key: ['term'], integers: ['n'] },
  { name: 'df_delta', columns: ['gen', 'terms'], key: ['gen'], integers: ['gen'] },
  { name: 'forgotten', columns: ['gen', 'id'], key: ['gen', 'id'], integers: ['gen'] },
  {
    name: 'stories',
    columns: STORY_COLUMNS,
    key: ['id'],
    integers: ['article_count', 'lineage_count'],
  },
  { name: 'story_aliases', columns: ['old_id', 'story_id'], key: ['old_id'], integers: [] },
  { name: 'article_links', columns: ['a', 'b', 'similarity', 'kind'], key: ['a', 'b'], integers: [] },
  { name: 'sources', columns: ['url', 'etag', 'last_modified', 'checked_at', 'status', 'articles'], key: ['url'], integers: ['articles'] },
  { name: 'briefings', columns: ['story_id', 'key', 'json', 'disagreements', 'lineages', 'created_at'], key: ['story_id'], integers: ['disagreements', 'lineages'] },
];

/** Keys of `crossread_meta` that belong to the database itself, never copied over the target's. */
const OWN_META = new Set(['application', 'copy_state']);

/**
 * Row-level access to one store's tables: what a backend implements for `copyStore`.
 * Reads return rows with integer columns as numbers and byte columns as Uint8Array.
 */
export interface StoreRows {
  readonly location: string;
  /** Up to `limit` rows of `table` whose key is greater than `after` (all when null), in key order (bytewise). */
  read(table: TableSpec, after: readonly Cell[] | null, limit: number): Promise<Row[]>;
  /** The greatest key in `table` (bytewise order), null when it is empty. */
  lastKey(table: TableSpec): Promise<Cell[] | null>;
  count(table: TableSpec): Promise<number>;
  /** Inserts `rows` into `table` in one transaction. */
  write(table: TableSpec, rows: readonly Row[]): Promise<void>;
  /** Every `crossread_meta` entry. */
  meta(): Promise<Map<string, string>>;
  /** Sets (`value` a string) or removes (`null`) `crossread_meta` entries, in one transaction. */
  setMeta(entries: ReadonlyArray<[string, string | null]>): Promise<void>;
}

/** What the target remembers of a copy in progress (`crossread_meta` 'copy_state'). */
interface CopyState {
  from: string;
  generation: string;
  articles: number;
}

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

export interface CopyResult {
  from: string;
  to: string;
  /** True when an interrupted copy was taken up again. */
  resumed: boolean;
  /** Rows per table in the target after the copy (equal to the source's). */
  rows: Record<string, number>;
}

export interface CopyOptions {
  /** Rows per transaction (default 500). */
  pageSize?: number;
  onProgress?: (p: CopyProgress) => void;
}

/** Integer columns as numbers (node-postgres returns BIGINT as text), bytes as Uint8Array. */
export function normaliseRow(table: TableSpec, row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const c of table.columns) {
    const v = row[c];
    if (v === null || v === undefined) out[c] = null;
    else if (table.integers.includes(c)) out[c] = Number(v);
    else if (v instanceof Uint8Array) out[c] = v;
    else if (typeof v === 'number') out[c] = v;
    else out[c] = String(v);
  }
  return out;
}

/**
 * Copies every row of `from` into `to` (see the file comment). `to` must be empty, or
 * hold an interrupted copy of the same source in the same state.
 */
export async function copyStore(from: StoreRows, to: StoreRows, opts: CopyOptions = {}): Promise<CopyResult> {
  const pageSize = Math.max(1, Math.floor(opts.pageSize ?? 500));
  const sourceMeta = await from.meta();
  const generation = sourceMeta.get('generation') ?? '0';
  const sourceArticles = await from.count(TABLES[0]!);
  const targetMeta = await to.meta();
  const pending = targetMeta.get('copy_state');
  let resumed = false;
  if (pending !== undefined) {
    let state: CopyState;
    try {
      state = JSON.parse(pending) as CopyState;
    } catch {
      throw CrossreadError.of('COPY_REFUSED', to.location, 'it holds an interrupted copy whose record is unreadable');
    }
    if (state.generation !== generation || state.articles !== sourceArticles) {
      throw CrossreadError.of(
        'COPY_REFUSED',
        to.location,
        `it holds an interrupted copy of ${state.from} made when the source was at generation ${state.generation} with ${state.articles} articles; the source is now at ${generation} with ${sourceArticles}: copy into a new, empty database`,
      );
    }
    resumed = true;
  } else {
    for (const t of TABLES) {
      const n = await to.count(t);
      if (n > 0) throw CrossreadError.of('COPY_REFUSED', to.location, `it is not empty (${n} row(s) in ${t.name}); copy into a new database`);
    }
    const state: CopyState = { from: from.location, generation, articles: sourceArticles };
    await to.setMeta([['copy_state', JSON.stringify(state)]]);
  }

  const rows: Record<string, number> = {};
  for (const t of TABLES) {
    const total = await from.count(t);
    let after = await to.lastKey(t);
    let copied = after === null ? 0 : await to.count(t);
    opts.onProgress?.({ table: t.name, copied, total });
    for (;;) {
      const page = await from.read(t, after, pageSize);
      if (page.length === 0) break;
      await to.write(t, page);
      copied += page.length;
      const last = page[page.length - 1]!;
      after = t.key.map((k) => last[k] ?? null);
      opts.onProgress?.({ table: t.name, copied, total });
    }
    rows[t.name] = await to.count(t);
  }

  const after = await from.meta();
  if ((after.get('generation') ?? '0') !== generation) {
    throw CrossreadError.of(
      'COPY_REFUSED',
      from.location,
      `it was written during the copy (generation ${generation} → ${after.get('generation')}); stop its writers and run the copy again into a new database`,
    );
  }
  for (const t of TABLES) {
    const n = await from.count(t);
    if (n !== rows[t.name]) throw CrossreadError.of('COPY_REFUSED', to.location, `${t.name} holds ${rows[t.name]} row(s) after the copy, the source ${n}`);
  }
  const entries: Array<[string, string | null]> = [...after].filter(([k]) => !OWN_META.has(k));
  entries.push(['copy_state', null]);
  await to.setMeta(entries);
  return { from: from.location, to: to.location, resumed, rows };
}
