/**
 * The corpus log: what a store keeps so that every writer's clusterer (./corpus.ts)
 * stays in step with the others. A store implements it with rows and queries only
 * (src/store/sqlite-log.ts for SQLite; a PostgreSQL store implements the same); every
 * decision — what to reload, when to fold document frequencies, which story an
 * article goes to, which id a new story gets — is made by the corpus.
 *
 * Generations: every write (a batch of articles, a forget, a re-extraction) takes the
 * next generation number and stamps what it changes with it (articles assigned or
 * moved, document-frequency changes, forgotten articles), then commits the number. A
 * writer that last saw generation g reads only what changed after g.
 *
 * All methods are called inside the store's write lock, in one transaction with the
 * write they serve, so a writer never reads another writer's half-made change.
 *
 * The methods are asynchronous (node-postgres is; better-sqlite3's answers come as
 * already-resolved promises), and the corpus never calls them in the middle of an
 * assignment. One write is: an async read phase (catch-up, the members of the evicted
 * stories the batch's days may reach, the story of an article to forget), the
 * synchronous assignment in memory (founders' content hashes and the story ids in use
 * are kept by the corpus), then an async write phase (the writes collected during the
 * assignment, applied in order). Large reads come page by page.
 */

/** An article's stored story features, as the log keeps them (encoded by ./features.ts). */
export interface LoggedArticle {
  id: string;
  /** Its content hash (a story founded by it takes its id from it). */
  hash: string;
  /** Its story (null only while it is being forgotten). */
  storyId: string | null;
  /** `encodeTerms` text of its selected terms. */
  terms: string;
  /** `encodeMinhash` bytes. */
  minhash: Uint8Array;
  shingles: number;
  /** Publication day (days since the epoch), or null when undated. */
  day: number | null;
}

/** A story's date span in days, for stories not loaded into memory. */
export interface StorySpan {
  storyId: string;
  first: number;
  last: number;
}

export interface CorpusLog {
  // ---- generations ----------------------------------------------------------------
  /** The last committed generation (0 for a new store). */
  generation(): Promise<number>;
  /** Commits a write made under generation `gen` (it becomes `generation()`). */
  commitGeneration(gen: number): Promise<void>;
  /** The generation from which every writer must reload its whole state (features re-extracted), 0 if none. */
  reloadGeneration(): Promise<number>;

  // ---- document frequencies -------------------------------------------------------
  /** Number of documents counted in the document frequencies. */
  documentCount(): Promise<number>;
  setDocumentCount(n: number): Promise<void>;
  /** The folded document frequencies (terms with n > 0), page by page. */
  foldedDf(): AsyncIterable<Array<[string, number]>>;
  /** Every document-frequency change not folded yet, made after generation `since` (all when null), in generation order. */
  dfChanges(since: number | null): Promise<Array<[string, number]>>;
  /** Records one write's document-frequency changes. */
  appendDfChanges(gen: number, changes: ReadonlyArray<[string, number]>): Promise<void>;
  /** Number of writes whose changes are not folded yet. */
  unfoldedWrites(): Promise<number>;
  /** Folds `sum` (the sum of every unfolded change, each term once) into the folded frequencies and empties the change log, at generation `gen`. */
  foldDf(sum: Iterable<readonly [string, number]>, gen: number): Promise<void>;
  /** The generation of the last fold (0 if none). */
  foldedAt(): Promise<number>;

  // ---- articles and stories -------------------------------------------------------
  /** Every stored article's features, in arrival order, page by page. */
  allArticles(): AsyncIterable<LoggedArticle[]>;
  /** Articles assigned or moved after generation `since`, in arrival order. */
  articlesChangedSince(since: number): Promise<LoggedArticle[]>;
  /** The articles of one story, in arrival order. */
  storyMembers(storyId: string): Promise<LoggedArticle[]>;
  /** Articles forgotten after generation `since`, in generation order. */
  forgottenSince(since: number): Promise<string[]>;
  /** The newest publication day stored (null when nothing is dated). */
  latestDay(): Promise<number | null>;
  /** Spans of the stories whose newest article is older than day `cutoff`. */
  storySpansBefore(cutoff: number): Promise<StorySpan[]>;
  /** The story of a stored article (null when not stored or unassigned). */
  storyOfArticle(articleId: string): Promise<string | null>;

  // ---- story ids ----------------------------------------------------------------------
  /** The ids of the stories that exist. */
  storyIds(): Promise<string[]>;
  /** The aliases of merged stories: old id → the story it resolves to. */
  storyAliases(): Promise<Array<[string, string]>>;

  // ---- writing assignments --------------------------------------------------------
  /** Every stored article of story `from` goes to `into` (a merge), stamped `gen`. */
  moveStory(from: string, into: string, gen: number): Promise<void>;
  /** Stored articles go to other stories, in order (an article's last move wins), stamped `gen` (a no-op for an article not stored yet). */
  moveArticles(moves: ReadonlyArray<{ articleId: string; storyId: string }>, gen: number): Promise<void>;
  /**
   * Stories no longer exist, in order; when `aliasTo` is given, a story's id (and ids
   * that resolved to it) now resolve to that story.
   */
  removeStories(removed: ReadonlyArray<{ storyId: string; aliasTo: string | null }>): Promise<void>;
  /** A story emptied by a forget: it no longer exists, nor do the ids that resolved to it. */
  forgetStory(storyId: string): Promise<void>;
  /** Records text links between articles (near-copies, shared passages). */
  putLinks(links: ReadonlyArray<{ a: string; b: string; similarity: number; kind: 'duplicate' | 'shared' }>): Promise<void>;
  /** Records that an article was forgotten at generation `gen` (other writers drop it). */
  logForgotten(articleId: string, gen: number): Promise<void>;

  // ---- re-extracting features (a new version of ./features.ts) --------------------
  /** The `FEATURES_VERSION` the stored features were extracted with (null for a new store). */
  featuresVersion(): Promise<number | null>;
  /** Every stored article's title, text and date, in arrival order, page by page (writes may come between pages). */
  articleTexts(): AsyncIterable<Array<{ id: string; title: string | null; text: string; published: string | null }>>;
  /** Replaces one stored article's features. */
  setFeatures(articleId: string, features: { terms: string; minhash: Uint8Array; shingles: number; day: number | null }): Promise<void>;
  /** Replaces the document frequencies (folded, with no change pending) at generation `gen`. */
  replaceDf(df: ReadonlyMap<string, number>, documents: number, gen: number): Promise<void>;
  /** Records that every feature was re-extracted with `version` at generation `gen`: every writer reloads its whole state. */
  markReextracted(version: number, gen: number): Promise<void>;
}
