/**
 * The Store: crossread's growing corpus of articles grouped into stories.
 *
 * Backend-neutral on purpose: the SQLite implementation (./sqlite.ts, the default,
 * embedded) and the PostgreSQL one (./postgres/store.ts, for multi-machine deployments).
 * Every method is asynchronous so that a networked backend fits the same shape.
 *
 * What a backend must guarantee:
 * - `addArticles` is one transaction per call (callers batch): either the whole batch
 *   with its story assignments is stored, or nothing is. Re-adding an article already
 *   stored (same content hash, or same URL when it has one) is a no-op reported as
 *   `skipped`. Near-duplicates are stored and linked, never dropped.
 * - Story assignment is not the backend's: a backend implements the corpus log
 *   (src/stories/log.ts: generations, changes since, story members, assignments,
 *   document-frequency changes) with rows and queries, and calls the corpus
 *   (src/stories/corpus.ts, which owns the clusterer) inside its write lock: catch up,
 *   assign or forget, write its own rows, commit. Two writers never assign against a
 *   stale view.
 * - Raw text is stored exactly as decoded; `forget` is the only deletion.
 *
 * The queries are shaped for `crossread serve`: stories listed with full-text search,
 * date and outlet filters and pagination; one story (to brief it); one article with
 * raw text, cleaned text, metadata, removals and evidence; uploads via `addArticles`.
 */
import type { Article, Diagnostic } from '../types.js';
import type { StoreRows } from './transfer.js';
import type { PrecomputedFeatures } from '../stories/features.js';

/** A stored article: the ingested `Article` plus what the store knows about it. */
export interface StoredArticle extends Article {
  /** Arrival order in this store (1-based, increasing). */
  seq: number;
  /** The story the article belongs to (null only while it is being forgotten). */
  storyId: string | null;
  /** SHA-256 (hex) of the normalised cleaned text: the identity used to skip re-ingests. */
  contentHash: string;
  /** When the article was stored (ISO timestamp). */
  ingestedAt: string;
  /** Other stored articles that are near-copies of this one (shared passages), with their similarity. */
  related: ArticleLink[];
}

/** A link between two stored articles sharing text (copies, rewrites of the same wire report). */
export interface ArticleLink {
  articleId: string;
  /** Estimated Jaccard similarity of their word 5-shingles, 0..1. */
  similarity: number;
  /** `duplicate`: near-identical texts; `shared`: a substantial shared passage (same lineage). */
  kind: 'duplicate' | 'shared';
}

/** One story as listed: enough to show a row and decide whether to open it. */
export interface StorySummary {
  id: string;
  /** Title of the story's most central article (the full headline comes with `brief`). */
  headline: string;
  articleCount: number;
  /**
   * Estimated independent lineages: groups of articles linked by shared text count
   * once. The store links articles at ingest by MinHash over word 5-shingles (a
   * near-copy, or a substantial shared passage, quotations included); a briefing of the
   * story (`brief --story`, the web app's story page) counts the analysis stage's
   * lineages, which link two articles on a single shared narrative sentence
   * (quotations left out): it usually links more, so it reports as many lineages or fewer.
   */
  lineageCount: number;
  dateSpan: { from: string | null; to: string | null };
  outlets: string[];
  /** When the story was created and last changed in this store (ISO timestamps). */
  createdAt: string;
  updatedAt: string;
}

/** A story with its articles, in arrival order. */
export interface StoryRecord extends StorySummary {
  articles: StoredArticle[];
  /** Ids of stories merged into this one (they resolve to it). */
  mergedIds: string[];
}

/** A short view of an article for lists. */
export interface ArticleSummary {
  id: string;
  seq: number;
  storyId: string | null;
  title: string | null;
  outlet: string | null;
  url: string | null;
  path: string;
  published: string | null;
  words: number;
  ingestedAt: string;
}

export interface Page<T> {
  items: T[];
  /** Number of matching rows over all pages. */
  total: number;
  limit: number;
  offset: number;
}

export interface StoryQuery {
  /** Full-text query over article titles and texts: plain words are ANDed, a quoted phrase is a phrase (PostgreSQL also takes `or` and `-word`). */
  q?: string;
  /** Stories with an article published on or after this ISO date (undated stories never match a span). */
  since?: string;
  /** Stories with an article published on or before this ISO date (YYYY, YYYY-MM: to the end of that year or month). */
  until?: string;
  /** Stories with at least one article from this outlet (exact, case-insensitive). */
  outlet?: string;
  /** `recent` (latest publication date first, undated stories last; the default) or `size` (most articles first). */
  sort?: 'recent' | 'size';
  /** Page size (default 50, at most 1000) and offset. */
  limit?: number;
  offset?: number;
}

export interface ArticleQuery {
  storyId?: string;
  q?: string;
  /** Articles published in the span (undated articles never match a span). */
  since?: string;
  until?: string;
  outlet?: string;
  limit?: number;
  offset?: number;
}

/** What happened to each article given to `addArticles`. */
export interface AddResult {
  added: Array<{ id: string; storyId: string; newStory: boolean; related: ArticleLink[] }>;
  /** Articles already stored (same content, or same URL): nothing was written. */
  skipped: Array<{ id: string; reason: 'same-content' | 'same-url'; existingId: string }>;
  /** Stories merged because new articles bridged them: `from` now resolves to `into`. */
  merged: Array<{ from: string; into: string }>;
  diagnostics: Diagnostic[];
}

export interface ForgetResult {
  articleId: string;
  /** The story the article was in, and whether that story is now gone (it had no other article). */
  storyId: string;
  storyRemoved: boolean;
  /** When removing the article split its story (it was the only bridge), the stories it split into. */
  splitInto: string[];
}

/** What the store remembers about a polled URL (feed or page), for conditional requests. */
export interface SourceState {
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** When it was last polled (ISO) and how that went (`ok`, `unchanged`, or the failure). */
  checkedAt: string;
  status: string;
  /** Articles stored from it so far. */
  articles: number;
}

export interface StoreStats {
  articles: number;
  stories: number;
  schemaVersion: number;
  /** Path or connection string of the store. */
  location: string;
}

/**
 * A briefing kept for a story in one state (written by the web app, see
 * serve/briefer.ts). `key` identifies the story state and the briefing options; the
 * counts let list pages show badges without parsing `json`.
 */
export interface CachedBriefing {
  key: string;
  json: string;
  disagreements: number;
  lineages: number;
}

/** Options every backend accepts. */
export interface StoreOptions {
  /** Open read-only: no migrations, no writes (for listing and serving). */
  readonly?: boolean;
  /** How long to wait for another writer's lock before giving up, in ms (default 10 000). */
  busyTimeoutMs?: number;
  /** Clock, for tests (defaults to `new Date()`). */
  now?: () => Date;
}

/**
 * Options of `addArticles`. `features[i]`, when given, is `articles[i]`'s story
 * features computed beforehand (by the queue's read stage, in parallel, so that the one
 * serial assigner does not extract them): a backend uses them instead of extracting
 * them, when they carry its own FEATURES_VERSION (others are ignored and extracted
 * again). The result is the same either way. Given by position, not by article id: ids
 * may repeat within a batch (the store renames the later one).
 */
export interface AddOptions {
  features?: ReadonlyArray<PrecomputedFeatures | null | undefined>;
  /**
   * `contentHashes[i]`, when given, is `contentHash(articles[i].text)` (./content-hash.ts)
   * computed beforehand (by the queue's read stage, with the features), so that the serial
   * assigner does not hash every text; an entry that is missing or not a SHA-256 hex
   * digest is computed here. By position, as `features`. The caller guarantees the value:
   * it is the article's identity in the store.
   */
  contentHashes?: ReadonlyArray<string | null | undefined>;
  /**
   * Leave making the new articles findable by search to a later `indexSearch` (the
   * queue's `index` stage) instead of doing it right after the write. Until then they are
   * stored, listed and in their stories, but a search (`q`) does not find them. A backend
   * whose search index is part of the write (SQLite's FTS5) ignores it.
   */
  deferSearch?: boolean;
}

/** The store interface every backend implements. */
export interface Store {
  readonly location: string;
  /** Stores a batch of ingested articles and assigns each to a story, in one transaction. */
  addArticles(articles: Article[], opts?: AddOptions): Promise<AddResult>;
  /** Removes one article (the only deletion) and updates, removes or splits its story. */
  forget(articleId: string): Promise<ForgetResult>;
  listStories(query?: StoryQuery): Promise<Page<StorySummary>>;
  /** One story with its articles; a merged-away id resolves to the story it went into. */
  getStory(id: string): Promise<StoryRecord | null>;
  /** One story's summary without its articles (cheap: for cache checks); ids resolve as in `getStory`. */
  getStorySummary(id: string): Promise<StorySummary | null>;
  getArticle(id: string): Promise<StoredArticle | null>;
  listArticles(query?: ArticleQuery): Promise<Page<ArticleSummary>>;
  /** Whether an article with this URL or content hash is already stored (cheap check before fetching or parsing). */
  hasUrl(url: string): Promise<boolean>;
  sourceState(url: string): Promise<SourceState | null>;
  /** Records a poll of a URL; `added` is added to its article count. */
  saveSourceState(state: Omit<SourceState, 'articles'> & { added: number }): Promise<void>;
  stats(): Promise<StoreStats>;
  /** The kept briefing of a story when its key is `key`, else null. */
  getCachedBriefing(storyId: string, key: string): Promise<CachedBriefing | null>;
  /** Keeps a story's briefing (replacing the one kept before); a no-op when the story is gone. */
  putCachedBriefing(storyId: string, briefing: CachedBriefing): Promise<void>;
  /** Key and counts of every kept briefing (no JSON): what the web app knows at start. */
  cachedBriefingFacts(): Promise<Map<string, Omit<CachedBriefing, 'json'>>>;
  /**
   * Makes every stored article that a search (`q`) does not find yet findable; returns
   * how many. PostgreSQL indexes full text after a write, outside the writers' lock
   * (right after `addArticles`, or later with `deferSearch`); SQLite indexes within the
   * write and returns 0. PostgreSQL also computes here the headlines of the stories a
   * write changed (listed under a provisional title until then, see
   * `provisionalHeadline` in ./rows.ts); SQLite computes them within the write.
   */
  indexSearch(): Promise<number>;
  /** Row-level access to every table, for copying a corpus to another store (./transfer.ts). */
  rows(): StoreRows;
  close(): Promise<void>;
}

/** What the store adds to an article (see `StoredArticle`). */
export type StoreBookkeeping = Omit<StoredArticle, keyof Article>;

/**
 * The `Article` of a stored article (what the pipeline reads): the store's bookkeeping
 * stripped, every other field kept as stored. A plain article is returned as a copy.
 */
export function toArticle(s: Article & Partial<StoreBookkeeping>): Article {
  const { seq: _seq, storyId: _story, contentHash: _hash, ingestedAt: _at, related: _related, ...article } = s;
  return article;
}

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 1000;

/** Clamps a requested page size and offset. */
export function pageBounds(limit: number | undefined, offset: number | undefined): { limit: number; offset: number } {
  const l = limit === undefined || !Number.isFinite(limit) ? DEFAULT_PAGE : Math.max(1, Math.min(MAX_PAGE, Math.floor(limit)));
  const o = offset === undefined || !Number.isFinite(offset) ? 0 : Math.max(0, Math.floor(offset));
  return { limit: l, offset: o };
}
