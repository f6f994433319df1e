/**
 * Incremental story clustering: every new article joins the best existing story or
 * starts a new one; stories merge when new articles bridge them.
 *
 * The same clusterer runs in memory for the one-shot `brief` (./group.ts) and under
 * the store's write lock for a growing corpus (src/store), so both group alike.
 *
 * Signals
 * - Text: cosine similarity of TF-IDF vectors over content lemmas (proper nouns and
 *   title words weighted higher, see ./features.ts) between the article and a story's
 *   centroid. IDF comes from live document frequencies, so it sharpens as the corpus
 *   grows; vectors are stored without IDF and weighted at comparison time.
 * - Time: a story spans [first, last] article dates; its window moves with it. An
 *   article dated outside the span by more than `windowDays` gets its similarity
 *   multiplied by a factor decaying with the gap, never below `timeFloor`, so a
 *   background article weeks older still joins a story it clearly belongs to.
 * - Lineage: an article that is a near-copy of a stored one (MinHash over word
 *   5-shingles, LSH candidate retrieval) is pulled into that article's story.
 *
 * Cost: candidate stories come from an inverted index (term → stories) over each
 * article's most salient terms. A posting keeps the `maxPosting` stories that most
 * recently took an article with the term (news is local in time: an older story
 * drops out of a common term's list, still reachable through its rarer terms), and
 * stories past the time horizon get no votes; at most `maxCandidates` stories are
 * scored exactly. Adding one article therefore costs O(query terms × maxPosting
 * + maxCandidates × article terms), independent of the corpus size.
 *
 * Topic blobs: articles of different events that share common names ("Trump",
 * "White House") can chain into one story. After each batch, a story of 6–80 members
 * that grew by a quarter since last examined is re-grouped under IDF computed within
 * the story (`resplit`), and splits when its parts are far less alike across than
 * within (Multi-News dev, 3 seeds: B-cubed precision 0.919 → 0.928, F1 0.852 → 0.856;
 * WikiRef 0.917 → 0.919).
 *
 * Arrival order: a purely greedy single pass depends on the order of arrival. Three
 * things bound that dependence: (1) bridging merges, (2) IDF applied at comparison
 * time, and (3) after each batch a bounded local refinement (`refine`): the batch's
 * articles (and every member of touched stories up to `refineStorySize`) are
 * re-scored once the whole batch is in (skipped when none of an article's candidate
 * stories changed after it was placed: the answer would be the same), and moved when another story is better by a
 * margin. The residual effect of order is measured (eval-cluster --seeds, and a
 * property test bounding the change of B-cubed F1 under permutations).
 *
 * Memory: terms are interned to integer ids and each article keeps its vector as two
 * typed arrays (ids, weights): about 2.4 KB per article for 300 terms, against ~25 KB
 * for string-keyed Maps. A long-running store also calls `evictStale`: stories past the
 * time horizon (+ a grace) leave memory and are reloaded from SQLite only when a late
 * article, a forget or another writer needs them, so the state holds the recent
 * stories, not the whole corpus (ingest bench, 50k articles: live heap 378 → ~150 MB).
 */
import { MAX_TERMS, MINHASH_SIZE, jaccardEstimate, containmentEstimate, ownString, type ExtractedFeatures, type StoryFeatures } from './features.js';
import { BACKGROUND_DOCS, backgroundDf } from './background.js';

export interface ClusterOptions {
  /** Minimum similarity for an article to join a story (cosine, after the time factor). */
  joinThreshold: number;
  /** Minimum centroid cosine for two stories bridged by one article to merge. */
  mergeThreshold: number;
  /** Days outside a story's span with no time penalty. */
  windowDays: number;
  /** Days over which the time penalty decays (e-folding). */
  decayDays: number;
  /** Lowest time factor. */
  timeFloor: number;
  /** Articles further than this many days from a story's span never join it. */
  horizonDays: number;
  /** Estimated shingle Jaccard above which two articles are near-duplicates. */
  duplicateJaccard: number;
  /** Estimated containment above which two articles share a passage (same lineage). */
  sharedContainment: number;
  /** Terms per article used to query and index candidates. */
  queryTerms: number;
  /** Stories kept per posting list: the most recently active ones. */
  maxPosting: number;
  /** Candidate stories scored exactly per article. */
  maxCandidates: number;
  /** Weight of the background document-frequency prior, in virtual documents (0 disables). */
  backgroundDocs: number;
  /** Local refinement passes after each batch (0 disables). */
  refinePasses: number;
  /** Margin by which another story must beat an article's own story to move it. */
  refineMargin: number;
  /** Stories up to this size have all their members re-examined by refinement. */
  refineStorySize: number;
  /**
   * Stories with at least this many members are re-examined after a batch that changed
   * them (`resplit`): their members are re-grouped under IDF computed within the story,
   * and the story splits when that finds separate groups (0 disables).
   */
  splitMinSize: number;
  /** Stories above this size are not re-examined (the check costs O(size²)). */
  splitMaxSize: number;
  /** Average-link cosine (under the story's own IDF) at which members stay grouped when re-examined. */
  splitLink: number;
  /**
   * Parts found by re-examination stay apart only when their members' average cosine
   * across parts (corpus IDF) is below this fraction of the average within each part.
   */
  splitSeparation: number;
  /**
   * Days past the time horizon after which `evictStale` drops a story from memory: a
   * story whose last article is more than horizonDays + evictGraceDays older than the
   * newest article seen (late articles up to the grace arrive without a reload).
   */
  evictGraceDays: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  joinThreshold: 0.2,
  mergeThreshold: 0.5,
  windowDays: 3,
  decayDays: 30,
  timeFloor: 0.7,
  horizonDays: 180,
  duplicateJaccard: 0.5,
  sharedContainment: 0.3,
  queryTerms: 20,
  maxPosting: 200,
  maxCandidates: 10,
  backgroundDocs: BACKGROUND_DOCS,
  refinePasses: 1,
  refineMargin: 0.02,
  refineStorySize: 0,
  splitMinSize: 6,
  splitMaxSize: 80,
  splitLink: 0.1,
  splitSeparation: 0.6,
  evictGraceDays: 60,
};

/** LSH banding of the MinHash signature: BANDS bands of ROWS values. */
const ROWS = 4;
const BANDS = MINHASH_SIZE / ROWS;
const EMPTY_BANDS = new Int32Array(0);

/**
 * A posting: one story (with its count of indexing articles), or several in a Map whose
 * insertion order is recency (a story that takes an article moves to the end; the
 * first ones are dropped past `maxPosting`).
 */
type Posting = { story: Story; n: number } | Map<Story, number>;

/** First index in [from, n) whose id is ≥ t, or n (ids ascending; galloping, then binary search). */
function lowerBound(ids: Int32Array, n: number, t: number, from: number): number {
  let lo = from;
  let step = 1;
  let hi = lo;
  while (hi < n && (ids[hi] as number) < t) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > n) hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A story's centroid sum as two parallel typed arrays sorted by term id (12 bytes a
 * term, against ~35 for a Map entry): stories hold most of the clusterer's memory.
 */
export class SparseSum {
  private static scratch = new Int32Array(1024);
  /** A reusable array of at least `n` positions. */
  private static positions(n: number): Int32Array {
    if (SparseSum.scratch.length < n) SparseSum.scratch = new Int32Array(Math.max(n, SparseSum.scratch.length * 2));
    return SparseSum.scratch;
  }

  /** Term ids ascending in [0, size); the arrays have spare capacity past it. */
  ids = new Int32Array(0);
  w = new Float64Array(0);
  size = 0;

  get(t: number): number | undefined {
    const ids = this.ids;
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = ids[mid] as number;
      if (x === t) return this.w[mid];
      if (x < t) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /**
   * Adds (sign 1) or subtracts (−1) `vals × scale` at the sorted term ids `ids`, in
   * place (merging from the back into spare capacity: no new arrays per article);
   * entries that reach zero are dropped.
   */
  add(ids: Int32Array, vals: Float32Array, scale: number, sign: 1 | -1): void {
    const n = this.size;
    if (sign === 1) {
      // Where each id stands (galloping: ids ascend), how many are new, and the first new one.
      const pos = SparseSum.positions(ids.length);
      let extra = 0;
      let firstNew = -1;
      let lo = 0;
      for (let j = 0; j < ids.length; j++) {
        const t = ids[j] as number;
        lo = lowerBound(this.ids, this.size, t, lo);
        pos[j] = lo;
        if (lo >= n || this.ids[lo] !== t) {
          extra++;
          if (firstNew < 0) firstNew = j;
        }
      }
      // Ids below the first new one are present, at positions no insertion moves: added in place.
      const W0 = this.w;
      const upto = firstNew < 0 ? ids.length : firstNew;
      for (let j = 0; j < upto; j++) W0[pos[j] as number] = (W0[pos[j] as number] as number) + (vals[j] as number) * scale;
      if (extra === 0) return;
      const size = n + extra;
      if (size > this.ids.length) {
        const cap = Math.max(size, Math.ceil(this.ids.length * 1.5), 16);
        const grownIds = new Int32Array(cap);
        const grownW = new Float64Array(cap);
        grownIds.set(this.ids.subarray(0, n));
        grownW.set(this.w.subarray(0, n));
        this.ids = grownIds;
        this.w = grownW;
      }
      // Merge from the back, down to where the first new id goes: entries before it stay.
      const A = this.ids;
      const W = this.w;
      const stop = pos[firstNew] as number;
      let i = n - 1;
      let j = ids.length - 1;
      for (let k = size - 1; j >= firstNew; k--) {
        const tb = ids[j] as number;
        const ta = i >= stop ? (A[i] as number) : -1;
        if (ta > tb) {
          A[k] = ta;
          W[k] = W[i] as number;
          i--;
        } else if (ta === tb) {
          A[k] = ta;
          W[k] = (W[i] as number) + (vals[j] as number) * scale;
          i--;
          j--;
        } else {
          A[k] = tb;
          W[k] = (vals[j] as number) * scale;
          j--;
        }
      }
      this.size = size;
      return;
    }
    const A = this.ids;
    const W = this.w;
    for (let i = 0, j = 0; j < ids.length && i < n; ) {
      const ta = A[i] as number;
      const tb = ids[j] as number;
      if (ta < tb) i++;
      else if (tb < ta) j++;
      else {
        W[i] = (W[i] as number) - (vals[j] as number) * scale;
        i++;
        j++;
      }
    }
    let k = 0;
    for (let i = 0; i < n; i++) {
      if ((W[i] as number) > 1e-9) {
        A[k] = A[i] as number;
        W[k] = W[i] as number;
        k++;
      }
    }
    this.size = k;
    if (k < this.ids.length / 4 && this.ids.length > 64) {
      this.ids = this.ids.slice(0, Math.max(16, k * 2));
      this.w = this.w.slice(0, Math.max(16, k * 2));
    }
  }
}

/** A sparse vector over interned term ids. */
interface Vec {
  ids: Int32Array;
  w: Float64Array;
}

interface Doc {
  id: string;
  /** The clusterer's clock when the article was last placed in a story. */
  placedAt: number;
  /** Term ids and raw weights (no IDF), as selected for the article. */
  ids: Int32Array;
  w: Float32Array;
  /** 1 / L2 norm of `w`: w × scale is the article's contribution to its story centroid. */
  scale: number;
  /** Term ids indexed in postings for this document. */
  indexed: Int32Array;
  story: Story;
  bands: Int32Array;
  minhash: Uint32Array;
  shingles: number;
  day: number | null;
}

interface Story {
  id: string;
  members: Set<Doc>;
  /** Sum of member unit vectors (no IDF), by term id. */
  sum: SparseSum;
  first: number | null;
  last: number | null;
  /** Cached L2 norm of the IDF-weighted sum; null when the story changed. */
  cache: { norm: number; docs: number } | null;
  /** The clusterer's clock when the story's membership last changed. */
  changedAt: number;
  /** Size at which the story was last re-examined for splitting (0: never). */
  examined: number;
}

/**
 * Story features with their terms already interned by one clusterer: term ids in
 * ascending order with their weights (what `selectInterned` returns). Adding articles
 * this way looks each term up once instead of once per step.
 */
export interface InternedFeatures {
  ids: Int32Array;
  w: Float32Array;
  minhash: Uint32Array;
  shingles: number;
  day: number | null;
}

/** A link between two articles sharing text. */
export interface TextLink {
  a: string;
  b: string;
  similarity: number;
  kind: 'duplicate' | 'shared';
}

export interface Assignment {
  articleId: string;
  storyId: string;
  newStory: boolean;
  similarity: number;
}

/** What one call changed: assignments, merges, moves by refinement, new text links. */
export interface ClusterChanges {
  assigned: Assignment[];
  /** Stories merged: `from` no longer exists, its articles are in `into`. */
  merged: Array<{ from: string; into: string }>;
  /** Articles moved by refinement from one story to another. */
  moved: Array<{ articleId: string; from: string; to: string }>;
  /** Stories that no longer exist (merged away or emptied). */
  removedStories: string[];
  /** Stories whose membership changed. */
  touchedStories: string[];
  links: TextLink[];
}

/** Makes the id of a new story from the id of its founding article. */
export type StoryIdFactory = (founder: string) => string;

export class StoryClusterer {
  readonly opts: ClusterOptions;
  private readonly docs = new Map<string, Doc>();
  /** Counts membership changes (stories' `changedAt`, documents' `placedAt`). */
  private clock = 0;
  private readonly stories = new Map<string, Story>();
  private nDocs = 0;
  // Interned terms: id → name, background prior, document frequency, cached IDF (NaN = stale).
  private readonly termIds = new Map<string, number>();
  private names: string[] = [];
  private prior = new Float64Array(1024);
  private dfById = new Int32Array(1024);
  private idfById = new Float64Array(1024).fill(Number.NaN);
  private idfDocs = 0;
  /**
   * Inverted index term → stories (with how many of their articles index the term). A
   * posting with one story holds it directly (most terms are rare: no Map per term);
   * longer ones keep the `maxPosting` most recently active stories (bounded memory and
   * retrieval cost).
   */
  private readonly postings = new Map<number, Posting>();
  /** LSH buckets: band key → the article (or articles) with that band. */
  private readonly lsh = new Map<number, Doc | Doc[]>();
  private readonly newId: StoryIdFactory;
  private readonly priorOf: (term: string) => number;
  /** Newest article date seen (days), and the day before which stories were evicted (see evictStale). */
  private maxDay: number | null = null;
  private evictedBeforeDay: number | null = null;
  /** Spans [first, last] (days) of the stories evicted from memory, by id (a few numbers each). */
  private readonly evicted = new Map<string, { first: number; last: number }>();

  constructor(opts: Partial<ClusterOptions> = {}, newId?: StoryIdFactory, prior: (term: string) => number = backgroundDf) {
    this.opts = { ...DEFAULT_CLUSTER_OPTIONS, ...opts };
    this.priorOf = prior;
    let n = 0;
    this.newId = newId ?? ((founder) => `story-${++n}-${founder}`);
  }

  // ---- terms and document frequencies ---------------------------------------------

  private termId(t: string): number {
    let id = this.termIds.get(t);
    if (id !== undefined) return id;
    id = this.names.length;
    // Interned for good: a term decoded from a stored row must not keep the row's text alive.
    t = ownString(t);
    this.termIds.set(t, id);
    this.names.push(t);
    if (id >= this.dfById.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, fill: number): T => {
        const b = new (a.constructor as { new (n: number): T })(a.length * 2);
        b.fill(fill);
        b.set(a);
        return b;
      };
      this.dfById = grow(this.dfById, 0);
      this.prior = grow(this.prior, 0);
      this.idfById = grow(this.idfById, Number.NaN);
    }
    this.prior[id] = this.opts.backgroundDocs > 0 ? this.opts.backgroundDocs * this.priorOf(t) : 0;
    return id;
  }

  /** Counts a document's vocabulary in the document frequencies (before assigning it). */
  observe(vocabulary: Iterable<string>): void {
    this.nDocs++;
    this.checkIdfCache();
    for (const t of vocabulary) {
      const id = this.termId(t);
      this.dfById[id] = (this.dfById[id] as number) + 1;
      this.idfById[id] = Number.NaN;
    }
  }

  /**
   * Interns an article's terms and counts them in the document frequencies (`observe`
   * in one pass): returns the term ids (ascending) with their weights.
   */
  observeInterned(f: ExtractedFeatures): { ids: Int32Array; w: Float32Array } {
    this.nDocs++;
    this.checkIdfCache();
    const n = f.allTerms.size;
    const ids = new Int32Array(n);
    const raw = new Float32Array(n);
    let k = 0;
    for (const [t, x] of f.allTerms) {
      const id = this.termId(t);
      this.dfById[id] = (this.dfById[id] as number) + 1;
      this.idfById[id] = Number.NaN;
      ids[k] = id;
      raw[k] = x;
      k++;
    }
    // Ids ascending by the typed array's own numeric sort; weights follow through a
    // scratch position table indexed by term id (no comparator, no allocation per term).
    const pos = this.scratch(this.names.length);
    for (let i = 0; i < n; i++) pos[ids[i] as number] = i;
    ids.sort();
    const w = new Float32Array(n);
    for (let i = 0; i < n; i++) w[i] = raw[pos[ids[i] as number] as number] as number;
    return { ids, w };
  }

  private scratchPos = new Int32Array(0);
  /** Per-term counts within one story while it is re-examined (`resplit`); all zero between calls. */
  private localDf = new Int32Array(0);
  private scratch(size: number): Int32Array {
    if (this.scratchPos.length < size) this.scratchPos = new Int32Array(Math.max(size, this.scratchPos.length * 2, 1024));
    return this.scratchPos;
  }

  /** `select` over interned terms: the `max` most salient terms (by weight × IDF), ids ascending. */
  selectInterned(all: { ids: Int32Array; w: Float32Array }, f: Pick<ExtractedFeatures, 'minhash' | 'shingles' | 'day'>, max = MAX_TERMS): InternedFeatures {
    let { ids, w } = all;
    if (ids.length > max) {
      const n = ids.length;
      const key = new Float64Array(n);
      for (let i = 0; i < n; i++) key[i] = (w[i] as number) * this.idfOf(ids[i] as number);
      // The max-th largest salience; terms above it are kept, ties at it by term name (as `select`).
      const cut = key.slice().sort()[n - max] as number;
      const ties: number[] = [];
      let above = 0;
      for (let i = 0; i < n; i++) {
        if ((key[i] as number) > cut) above++;
        else if (key[i] === cut) ties.push(i);
      }
      ties.sort((a, b) => cmp(this.names[ids[a] as number] as string, this.names[ids[b] as number] as string));
      const keepTie = new Set(ties.slice(0, max - above));
      const outIds = new Int32Array(max);
      const outW = new Float32Array(max);
      let k = 0;
      for (let i = 0; i < n; i++) {
        if ((key[i] as number) > cut || keepTie.has(i)) {
          outIds[k] = ids[i] as number;
          outW[k] = w[i] as number;
          k++;
        }
      }
      ids = outIds;
      w = outW;
    }
    return { ids, w, minhash: f.minhash, shingles: f.shingles, day: f.day };
  }

  /** Names of interned term ids. */
  termName(id: number): string {
    return this.names[id] as string;
  }

  /** Removes a document's vocabulary from the document frequencies (on forget). */
  unobserve(vocabulary: Iterable<string>): void {
    this.nDocs = Math.max(0, this.nDocs - 1);
    this.checkIdfCache();
    for (const t of vocabulary) {
      const id = this.termId(t);
      this.dfById[id] = Math.max(0, (this.dfById[id] as number) - 1);
      this.idfById[id] = Number.NaN;
    }
  }

  /** Loads stored document frequencies (replacing the current ones). */
  loadDf(n: number, df: Iterable<[string, number]>): void {
    this.nDocs = n;
    this.dfById.fill(0);
    this.idfById.fill(Number.NaN);
    this.idfDocs = n;
    for (const [t, c] of df) this.dfById[this.termId(t)] = c;
  }

  /**
   * Smoothed IDF with a background prior: ln((1 + N + B) / (1 + df + B × p)) + 1, where
   * B is `backgroundDocs` virtual documents and p the term's background document
   * probability (./background.ts). With B = 0 it is ../text/similarity.ts's IDF.
   * Cached values stay valid while the corpus grows by less than 5% (+16 documents);
   * terms whose document frequency changed are recomputed at once.
   */
  private idfOf(id: number): number {
    let v = this.idfById[id] as number;
    if (Number.isNaN(v)) {
      const b = this.opts.backgroundDocs;
      v = Math.log((1 + this.nDocs + b) / (1 + (this.dfById[id] as number) + (this.prior[id] as number))) + 1;
      this.idfById[id] = v;
    }
    return v;
  }

  /** Sets one term's document frequency (catching up with another writer's changes). */
  setDf(term: string, n: number): void {
    const id = this.termId(term);
    this.dfById[id] = Math.max(0, n);
    this.idfById[id] = Number.NaN;
  }

  /** Adds `delta` to one term's document frequency. */
  addDf(term: string, delta: number): void {
    const id = this.termId(term);
    this.dfById[id] = Math.max(0, (this.dfById[id] as number) + delta);
    this.idfById[id] = Number.NaN;
  }

  /** Sets the number of documents counted in the document frequencies. */
  setDocumentCount(n: number): void {
    this.nDocs = Math.max(0, n);
    this.checkIdfCache();
  }

  /**
   * Drops every cached IDF once the corpus has grown by 5% (+16 documents) since they
   * were computed (or shrunk): checked whenever the document count changes, not on
   * every lookup.
   */
  private checkIdfCache(): void {
    if (this.nDocs > this.idfDocs * 1.05 + 16 || this.nDocs < this.idfDocs) {
      this.idfById.fill(Number.NaN);
      this.idfDocs = this.nDocs;
    }
  }

  /** IDF of a term (see idfOf). */
  idf = (term: string): number => this.idfOf(this.termId(term));

  get documentCount(): number {
    return this.nDocs;
  }

  // ---- state ---------------------------------------------------------------------

  get size(): number {
    return this.docs.size;
  }

  storyOf(articleId: string): string | null {
    return this.docs.get(articleId)?.story.id ?? null;
  }

  has(articleId: string): boolean {
    return this.docs.has(articleId);
  }

  /** Document frequencies of every term counted in at least one document (for tests and diagnostics). */
  dfSnapshot(): Map<string, number> {
    const out = new Map<string, number>();
    this.names.forEach((t, id) => {
      const n = this.dfById[id] as number;
      if (n > 0) out.set(t, n);
    });
    return out;
  }

  /** Story id → member article ids. */
  groups(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const s of this.stories.values()) out.set(s.id, [...s.members].map((d) => d.id));
    return out;
  }

  members(storyId: string): string[] {
    const s = this.stories.get(storyId);
    return s ? [...s.members].map((d) => d.id) : [];
  }

  hasStory(storyId: string): boolean {
    return this.stories.has(storyId);
  }

  private newStory(id: string): Story {
    this.evicted.delete(id);
    const s: Story = { id, members: new Set(), sum: new SparseSum(), first: null, last: null, cache: null, changedAt: ++this.clock, examined: 0 };
    this.stories.set(id, s);
    return s;
  }

  /**
   * Restores an article already assigned (loading a store): no decision is made.
   * Document frequencies must be loaded separately (`loadDf`).
   */
  restore(articleId: string, storyId: string, features: StoryFeatures | InternedFeatures): void {
    const story = this.stories.get(storyId) ?? this.newStory(storyId);
    this.attach(this.makeDoc(articleId, features, story), story);
  }

  // ---- adding --------------------------------------------------------------------

  /**
   * Assigns a batch of articles (their vocabularies must already be `observe`d), then
   * refines. Articles are assigned in the given order.
   */
  addBatch(batch: Array<{ id: string; features: StoryFeatures | InternedFeatures }>): ClusterChanges {
    const changes: ClusterChanges = { assigned: [], merged: [], moved: [], removedStories: [], touchedStories: [], links: [] };
    const touched = new Set<Story>();
    const added: string[] = [];
    for (const { id, features } of batch) {
      if (this.docs.has(id)) continue;
      this.assign(id, features, changes, touched);
      added.push(id);
    }
    for (let pass = 0; pass < this.opts.refinePasses; pass++) {
      if (!this.refine(added, touched, changes)) break;
    }
    if (this.opts.splitMinSize > 0) {
      for (const s of [...touched]) {
        const n = s.members.size;
        if (!this.stories.has(s.id) || n < this.opts.splitMinSize || n > this.opts.splitMaxSize) continue;
        // Re-examined as it grows by a quarter (and on shrinking): O(size²) work, amortised.
        if (s.examined > 0 && n < s.examined * 1.25 && n >= s.examined) continue;
        s.examined = n;
        this.resplit(s, changes, touched);
      }
    }
    for (const s of touched) if (this.stories.has(s.id)) changes.touchedStories.push(s.id);
    return changes;
  }

  private assign(id: string, features: StoryFeatures | InternedFeatures, changes: ClusterChanges, touched: Set<Story>): void {
    const o = this.opts;
    // The article as a document, not yet in any story (its story is set below).
    const doc = this.makeDoc(id, features, null as unknown as Story);
    const q = this.queryVector(doc);
    const scored = this.score(q, doc, false) as Map<Story, number>;
    // Lineage signal: near-copies pull the article into their story.
    const found = this.textLinks(doc);
    for (const l of found) {
      if (l.kind !== 'duplicate') continue;
      const s = l.doc.story;
      if (this.timeFactor(s, doc.day) <= 0) continue;
      const current = scored.get(s) ?? 0;
      scored.set(s, Math.max(current, o.joinThreshold + l.similarity * (1 - o.joinThreshold)));
    }
    for (const l of found) changes.links.push({ a: id, b: l.doc.id, similarity: l.similarity, kind: l.kind });
    const ranked = [...scored].filter(([, s]) => s >= o.joinThreshold).sort((a, b) => b[1] - a[1] || cmp(a[0].id, b[0].id));
    const top = ranked[0];
    const story = top ? top[0] : this.newStory(this.newId(id));
    this.attach(doc, story);
    touched.add(story);
    changes.assigned.push({ articleId: id, storyId: story.id, newStory: !top, similarity: top ? top[1] : 0 });
    // Bridging: other stories this article also belongs to merge when they are close enough.
    for (const [other] of ranked.slice(1)) {
      if (!this.stories.has(other.id) || other === doc.story) continue;
      if (this.storySimilarity(doc.story, other) < o.mergeThreshold) continue;
      this.merge(other, doc.story, changes, touched);
    }
  }

  /**
   * Local re-splitting of a story that may have grown into a topic blob (articles of
   * several events sharing common names: "Trump", "White House"). The members are
   * re-grouped with their term weights multiplied by an IDF computed within the story
   * (ln((n + 1) / (df_story + 0.5))): a term every member shares weighs almost nothing
   * there, and the specific terms (the names and nouns of each event) decide. Grouping
   * is average-link agglomerative over the members (order-independent, n ≤ splitMaxSize),
   * stopping below `splitLink`; members left alone join the group they are closest to.
   * Groups whose centroids are still as close as `mergeThreshold` under the corpus IDF
   * are kept together (they would merge again at once). When two or more groups remain,
   * the largest keeps the story id and the others become new stories.
   * This is the classic two-level ("scatter/gather") remedy; written here because it
   * works on the clusterer's own interned vectors and story sums.
   */
  private resplit(s: Story, changes: ClusterChanges, touched: Set<Story>): void {
    const o = this.opts;
    const members = [...s.members];
    const n = members.length;
    // Document frequencies within the story, in a scratch array by term id (cleared below).
    if (this.localDf.length < this.names.length) this.localDf = new Int32Array(Math.max(this.names.length, this.localDf.length * 2, 1024));
    const ldf = this.localDf;
    for (const d of members) for (const t of d.ids) ldf[t] = (ldf[t] as number) + 1;
    const df = { get: (t: number): number => ldf[t] as number };
    // Terms of one member only add nothing to any dot product between members: once a
    // vector is normalised they are dropped (the same cosines, far shorter vectors).
    const shared = (ids: Int32Array, w: Float64Array): Vec => {
      let k = 0;
      for (let i = 0; i < ids.length; i++) if (df.get(ids[i] as number) > 1) k++;
      const outIds = new Int32Array(k);
      const outW = new Float64Array(k);
      k = 0;
      for (let i = 0; i < ids.length; i++) {
        if (df.get(ids[i] as number) <= 1) continue;
        outIds[k] = ids[i] as number;
        outW[k++] = w[i] as number;
      }
      return { ids: outIds, w: outW };
    };
    // Member vectors under corpus IDF × story IDF, L2-normalised.
    const vecs = members.map((d) => {
      const w = new Float64Array(d.ids.length);
      let nn = 0;
      for (let i = 0; i < d.ids.length; i++) {
        const t = d.ids[i] as number;
        const local = Math.log((n + 1) / (df.get(t) + 0.5));
        const x = local > 0 ? (d.w[i] as number) * this.idfOf(t) * local : 0;
        w[i] = x;
        nn += x * x;
      }
      nn = Math.sqrt(nn);
      if (nn > 0) for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) / nn;
      return shared(d.ids, w);
    });
    // Member vectors under the corpus IDF (for the separation check below).
    const sortedQ = members.map((d) => shared(d.ids, this.queryVector(d).w));
    for (const d of members) for (const t of d.ids) ldf[t] = 0;
    const sim = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        const x = sparseDot(vecs[a] as Vec, vecs[b] as Vec);
        sim[a * n + b] = x;
        sim[b * n + a] = x;
      }
    }
    // Average-link agglomeration: `link` holds the summed similarity between groups.
    let groups: number[][] = members.map((_, i) => [i]);
    const link = sim.slice();
    const alive = new Uint8Array(n).fill(1);
    for (;;) {
      let best = -1;
      let bestJ = -1;
      let bestAvg = o.splitLink;
      for (let i = 0; i < n; i++) {
        if (!alive[i]) continue;
        for (let j = i + 1; j < n; j++) {
          if (!alive[j]) continue;
          const avg = (link[i * n + j] as number) / ((groups[i] as number[]).length * (groups[j] as number[]).length);
          if (avg >= bestAvg) {
            best = i;
            bestJ = j;
            bestAvg = avg;
          }
        }
      }
      if (best < 0) break;
      (groups[best] as number[]).push(...(groups[bestJ] as number[]));
      groups[bestJ] = [];
      alive[bestJ] = 0;
      for (let k = 0; k < n; k++) {
        if (!alive[k] || k === best) continue;
        const v = (link[best * n + k] as number) + (link[bestJ * n + k] as number);
        link[best * n + k] = v;
        link[k * n + best] = v;
      }
    }
    groups = groups.filter((g) => g.length > 0);
    let parts = groups.filter((g) => g.length >= 2);
    if (parts.length < 2) return;
    // Members left alone join the part they are most similar to (on average).
    for (const g of groups) {
      if (g.length >= 2) continue;
      const i = g[0] as number;
      let to = parts[0] as number[];
      let bestAvg = -1;
      for (const p of parts) {
        let sum = 0;
        for (const j of p) sum += sim[i * n + j] as number;
        if (sum / p.length > bestAvg) {
          bestAvg = sum / p.length;
          to = p;
        }
      }
      to.push(i);
    }
    // Parts stay together unless, under the corpus IDF, their members are far less similar
    // across parts than within each part (average pairwise cosine; union-find over pairs).
    const gsim = (a: number, b: number): number => sparseDot(sortedQ[a] as Vec, sortedQ[b] as Vec);
    const avg = (A: number[], B: number[] | null): number => {
      let sum = 0;
      let k = 0;
      for (let x = 0; x < A.length; x++) {
        const ys = B ?? A;
        for (let y = B ? 0 : x + 1; y < ys.length; y++) {
          sum += gsim(A[x] as number, ys[y] as number);
          k++;
        }
      }
      return k > 0 ? sum / k : 0;
    };
    const within = parts.map((p) => avg(p, null));
    const root = parts.map((_, i) => i);
    const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i] as number)));
    const ratio = o.splitSeparation;
    for (let a = 0; a < parts.length; a++) {
      for (let b = a + 1; b < parts.length; b++) {
        if (avg(parts[a] as number[], parts[b] as number[]) >= ratio * Math.min(within[a] as number, within[b] as number)) root[find(a)] = find(b);
      }
    }
    const merged = new Map<number, number[]>();
    parts.forEach((p, i) => merged.set(find(i), [...(merged.get(find(i)) ?? []), ...p]));
    parts = [...merged.values()];
    if (parts.length < 2) return;
    // The largest part keeps the story; the others become new stories.
    const docsOf = parts.map((p) => p.map((i) => members[i] as Doc));
    docsOf.sort((a, b) => b.length - a.length || cmp(minId(a), minId(b)));
    for (const part of docsOf.slice(1)) {
      const ns = this.newStory(this.newId(minId(part)));
      for (const d of part) {
        this.detach(d);
        this.attach(d, ns);
        changes.moved.push({ articleId: d.id, from: s.id, to: ns.id });
        for (const a of changes.assigned) if (a.articleId === d.id) a.storyId = ns.id;
      }
      touched.add(ns);
    }
  }

  /** Dot product of two story sums under squared corpus IDF. */
  private sumDot(A: SparseSum, B: SparseSum): number {
    let num = 0;
    for (let i = 0, j = 0; i < A.size && j < B.size; ) {
      const ta = A.ids[i] as number;
      const tb = B.ids[j] as number;
      if (ta < tb) i++;
      else if (tb < ta) j++;
      else {
        num += (A.w[i] as number) * (B.w[j] as number) * this.idfOf(ta) ** 2;
        i++;
        j++;
      }
    }
    return num;
  }

  /** Stories scored for a document: centroid cosine × time factor (`self`: the doc is in its story, excluded from it). */
  private score(q: Vec, d: Doc, self: boolean, unchangedSince?: number): Map<Story, number> | null {
    const o = this.opts;
    const votes = new Map<Story, number>();
    // Query with the most salient terms (q is IDF-weighted).
    for (const k of topIndices(q.w, q.ids, o.queryTerms)) {
      const p = this.postings.get(q.ids[k] as number);
      if (!p) continue;
      const w = q.w[k] as number;
      if (p instanceof Map) {
        for (const s of p.keys()) if (this.inHorizon(s, d.day)) votes.set(s, (votes.get(s) ?? 0) + w);
      } else if (this.inHorizon(p.story, d.day)) votes.set(p.story, (votes.get(p.story) ?? 0) + w);
    }
    if (self) votes.set(d.story, Number.POSITIVE_INFINITY);
    const candidates = topK(votes, o.maxCandidates);
    // Nothing among the candidates changed since the article was placed: scoring again
    // would give the same answer (the batch's document frequencies were counted first).
    if (unchangedSince !== undefined && candidates.every(([s]) => s.changedAt <= unchangedSince)) return null;
    const out = new Map<Story, number>();
    for (const [s] of candidates) {
      const own = self && s === d.story;
      if (own && s.members.size <= 1) continue;
      const tf = this.timeFactor(s, d.day);
      if (tf <= 0) continue;
      out.set(s, this.centroidCosine(q, s, own ? d : null) * tf);
    }
    return out;
  }

  /** Whether an article dated `day` may join story `s` (within the time horizon of its span). */
  private inHorizon(s: Story, day: number | null): boolean {
    if (day === null || s.first === null || s.last === null) return true;
    return s.first - day <= this.opts.horizonDays && day - s.last <= this.opts.horizonDays;
  }

  /** Time factor of an article dated `day` against a story's span: 1 inside the window, decaying, 0 past the horizon. */
  private timeFactor(s: Story, day: number | null): number {
    if (day === null || s.first === null || s.last === null) return 1;
    const o = this.opts;
    const gap = Math.max(0, s.first - day, day - s.last);
    if (gap > o.horizonDays) return 0;
    if (gap <= o.windowDays) return 1;
    return Math.max(o.timeFloor, Math.exp(-(gap - o.windowDays) / o.decayDays));
  }

  /** IDF-weighted, L2-normalised vector of a document (ids in the document's order). */
  private queryVector(d: Doc): Vec {
    const w = new Float64Array(d.ids.length);
    let n = 0;
    for (let i = 0; i < d.ids.length; i++) {
      const x = (d.w[i] as number) * this.idfOf(d.ids[i] as number);
      w[i] = x;
      n += x * x;
    }
    n = Math.sqrt(n);
    if (n > 0) for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) / n;
    return { ids: d.ids, w };
  }

  /**
   * Norm of a story's IDF-weighted centroid (the sum of its members' unit vectors).
   * Cached until the story changes or the corpus grows by more than 5% (+16): IDF drifts
   * slowly, and recomputing every norm whenever an article arrives would make each
   * addition cost O(stories).
   */
  private norm(s: Story): number {
    if (s.cache && this.nDocs <= s.cache.docs * 1.05 + 16) return s.cache.norm;
    let n = 0;
    const { ids, w, size } = s.sum;
    for (let i = 0; i < size; i++) {
      const x = (w[i] as number) * this.idfOf(ids[i] as number);
      n += x * x;
    }
    s.cache = { norm: Math.sqrt(n), docs: this.nDocs };
    return s.cache.norm;
  }

  /**
   * Cosine between a query vector and a story's centroid, optionally without one
   * member's contribution (`without` is then the query's own document, so its terms
   * align with q's). Costs O(|q|), never O(|story|) beyond the cached norm.
   */
  private centroidCosine(q: Vec, s: Story, without: Doc | null = null): number {
    let num = 0;
    let cross = 0;
    let self = 0;
    // q's ids ascend, so each search starts where the previous one ended: a plain
    // merge for stories of comparable size, galloping through large ones.
    const sids = s.sum.ids;
    const sw = s.sum.w;
    const slen = s.sum.size;
    const gallop = slen > 4 * q.ids.length;
    let lo = 0;
    for (let i = 0; i < q.ids.length && lo < slen; i++) {
      const t = q.ids[i] as number;
      if (gallop) lo = lowerBound(sids, slen, t, lo);
      else {
        while (lo < slen && (sids[lo] as number) < t) lo++;
      }
      if (lo >= slen || sids[lo] !== t) continue;
      let c = sw[lo] as number;
      const idf = this.idfOf(t);
      if (without) {
        const u = (without.w[i] as number) * without.scale;
        cross += c * u * idf * idf;
        self += u * u * idf * idf;
        c -= u;
      }
      if (c > 1e-9) num += (q.w[i] as number) * c * idf;
    }
    let n = this.norm(s);
    // |C − u|² = |C|² − 2 C·u + |u|², all IDF-weighted.
    if (without) n = Math.sqrt(Math.max(0, n * n - 2 * cross + self));
    return n > 0 ? num / n : 0;
  }

  private storySimilarity(a: Story, b: Story): number {
    const d = this.norm(a) * this.norm(b);
    return d > 0 ? this.sumDot(a.sum, b.sum) / d : 0;
  }

  // ---- text links (near-copies) ------------------------------------------------------

  private bandsOf(sig: Uint32Array): Int32Array {
    if (sig[0] === 0xffffffff) return EMPTY_BANDS;
    const out = new Int32Array(BANDS);
    for (let b = 0; b < BANDS; b++) {
      let h = Math.imul(b + 1, 0x9e3779b1) >>> 0;
      for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ (sig[b * ROWS + r] as number), 0x01000193) >>> 0;
      // 30-bit keys (small integers to the JavaScript engine: no boxed number per key); the band
      // index is mixed in, and a rare collision only brings a candidate the Jaccard estimate rejects.
      out[b] = (h ^ Math.imul(b + 1, 0x85ebca6b)) & 0x3fffffff;
    }
    return out;
  }

  private textLinks(d: Doc): Array<{ doc: Doc; similarity: number; kind: 'duplicate' | 'shared' }> {
    const seen = new Set<Doc>();
    const found: Array<{ doc: Doc; similarity: number; kind: 'duplicate' | 'shared' }> = [];
    for (const band of d.bands) {
      const bucket = this.lsh.get(band);
      if (!bucket) continue;
      for (const o of Array.isArray(bucket) ? bucket : [bucket]) {
        if (seen.has(o) || o.id === d.id) continue;
        seen.add(o);
        const j = jaccardEstimate(d.minhash, o.minhash);
        const c = containmentEstimate(j, d.shingles, o.shingles);
        if (j >= this.opts.duplicateJaccard) found.push({ doc: o, similarity: j, kind: 'duplicate' });
        else if (c >= this.opts.sharedContainment) found.push({ doc: o, similarity: j, kind: 'shared' });
      }
    }
    found.sort((a, b) => b.similarity - a.similarity || cmp(a.doc.id, b.doc.id));
    return found;
  }

  // ---- bookkeeping -----------------------------------------------------------------

  private makeDoc(id: string, features: StoryFeatures | InternedFeatures, story: Story): Doc {
    // Term ids ascending (story sums merge sorted arrays).
    let ids: Int32Array;
    let w: Float32Array;
    if ('ids' in features) {
      ids = features.ids;
      w = features.w;
    } else {
      const pairs = [...features.terms].map(([t, x]) => [this.termId(t), x] as const).sort((a, b) => a[0] - b[0]);
      ids = Int32Array.from(pairs, (p) => p[0]);
      w = Float32Array.from(pairs, (p) => p[1]);
    }
    let norm = 0;
    for (const x of w) norm += x * x;
    const key = new Float64Array(ids.length);
    for (let k = 0; k < ids.length; k++) key[k] = (w[k] as number) * this.idfOf(ids[k] as number);
    const indexed = Int32Array.from(topIndices(key, ids, this.opts.queryTerms), (k) => ids[k] as number);
    return {
      id,
      placedAt: 0,
      ids,
      w,
      scale: norm > 0 ? 1 / Math.sqrt(norm) : 0,
      indexed,
      story,
      bands: this.bandsOf(features.minhash),
      minhash: features.minhash,
      shingles: features.shingles,
      day: features.day,
    };
  }

  private attach(d: Doc, s: Story): void {
    d.story = s;
    s.members.add(d);
    this.updateNorm(s, d, 1);
    s.sum.add(d.ids, d.w, d.scale, 1);
    s.changedAt = ++this.clock;
    d.placedAt = this.clock;
    if (d.day !== null) {
      s.first = s.first === null ? d.day : Math.min(s.first, d.day);
      s.last = s.last === null ? d.day : Math.max(s.last, d.day);
      if (this.maxDay === null || d.day > this.maxDay) this.maxDay = d.day;
    }
    for (const t of d.indexed) {
      const p = this.postings.get(t);
      if (!p) this.postings.set(t, { story: s, n: 1 });
      else if (!(p instanceof Map)) {
        if (p.story === s) p.n++;
        else this.postings.set(t, new Map([[p.story, p.n], [s, 1]]));
      } else {
        // Re-inserted at the end: the most recently active story.
        const n = (p.get(s) ?? 0) + 1;
        p.delete(s);
        p.set(s, n);
        if (p.size > this.opts.maxPosting) p.delete(p.keys().next().value as Story);
      }
    }
    this.docs.set(d.id, d);
    for (const b of d.bands) {
      const bucket = this.lsh.get(b);
      if (!bucket) this.lsh.set(b, d);
      else if (Array.isArray(bucket)) bucket.push(d);
      else this.lsh.set(b, [bucket, d]);
    }
  }

  /**
   * Keeps a story's cached centroid norm up to date as an article is added (sign 1) or
   * taken out (−1), before its sum changes: |C ± u|² = |C|² ± 2 C·u + |u|² (IDF-weighted),
   * O(article terms) instead of recomputing over every term of the story (a large
   * story takes articles all the time). The cache still expires as the corpus grows.
   */
  private updateNorm(s: Story, d: Doc, sign: 1 | -1): void {
    const cache = s.cache;
    // Updated in place only while the IDF it was computed with is close (1% growth).
    if (!cache || this.nDocs > cache.docs * 1.01 + 4 || this.nDocs < cache.docs) {
      s.cache = null;
      return;
    }
    let dot = 0;
    let self = 0;
    for (let i = 0; i < d.ids.length; i++) {
      const t = d.ids[i] as number;
      const idf = this.idfOf(t);
      const u = (d.w[i] as number) * d.scale;
      const c = s.sum.get(t) ?? 0;
      dot += c * u * idf * idf;
      self += u * u * idf * idf;
    }
    const sq = cache.norm * cache.norm + sign * 2 * dot + self;
    s.cache = sq > 1e-12 ? { norm: Math.sqrt(sq), docs: cache.docs } : null;
  }

  /** Takes a document out of the postings (for story `s`), the LSH buckets and the document map. */
  private unindex(d: Doc, s: Story): void {
    for (const t of d.indexed) {
      const p = this.postings.get(t);
      if (!p) continue;
      if (!(p instanceof Map)) {
        if (p.story === s && --p.n <= 0) this.postings.delete(t);
        continue;
      }
      const c = (p.get(s) ?? 0) - 1;
      if (c > 0) p.set(s, c);
      else p.delete(s);
      if (p.size === 1) {
        const [only, n] = p.entries().next().value as [Story, number];
        this.postings.set(t, { story: only, n });
      } else if (p.size === 0) this.postings.delete(t);
    }
    this.docs.delete(d.id);
    for (const b of d.bands) {
      const bucket = this.lsh.get(b);
      if (!bucket) continue;
      if (!Array.isArray(bucket)) {
        if (bucket === d) this.lsh.delete(b);
        continue;
      }
      const i = bucket.indexOf(d);
      if (i >= 0) bucket.splice(i, 1);
      if (bucket.length === 1) this.lsh.set(b, bucket[0] as Doc);
      else if (bucket.length === 0) this.lsh.delete(b);
    }
  }

  private detach(d: Doc): void {
    const s = d.story;
    s.members.delete(d);
    this.updateNorm(s, d, -1);
    s.sum.add(d.ids, d.w, d.scale, -1);
    s.changedAt = ++this.clock;
    this.unindex(d, s);
    s.first = null;
    s.last = null;
    for (const m of s.members) {
      if (m.day === null) continue;
      s.first = s.first === null ? m.day : Math.min(s.first, m.day);
      s.last = s.last === null ? m.day : Math.max(s.last, m.day);
    }
  }

  /** Moves every article of `from` into `into`; `from` disappears. */
  private merge(from: Story, into: Story, changes: ClusterChanges, touched: Set<Story>): void {
    // The bigger story survives (ties: the smaller id) so that stable ids move least.
    if (from.members.size > into.members.size || (from.members.size === into.members.size && cmp(from.id, into.id) < 0)) {
      [from, into] = [into, from];
    }
    for (const d of [...from.members]) {
      this.detach(d);
      this.attach(d, into);
    }
    this.stories.delete(from.id);
    touched.delete(from);
    touched.add(into);
    changes.merged.push({ from: from.id, into: into.id });
    changes.removedStories.push(from.id);
    for (const a of changes.assigned) if (a.storyId === from.id) a.storyId = into.id;
    for (const m of changes.moved) if (m.to === from.id) m.to = into.id;
  }

  /**
   * Local refinement: re-scores the batch's articles and every article of the small
   * stories the batch touched (at most `refineStorySize` members, so the work per
   * article added stays bounded) against their candidates, and moves an article where
   * it fits better by `refineMargin`. Returns whether anything moved.
   */
  private refine(added: string[], touched: Set<Story>, changes: ClusterChanges): boolean {
    const o = this.opts;
    let movedAny = false;
    const pool = new Set<Doc>();
    for (const id of added) {
      const d = this.docs.get(id);
      if (d) pool.add(d);
    }
    for (const s of touched) {
      if (!this.stories.has(s.id) || s.members.size > o.refineStorySize) continue;
      for (const m of s.members) pool.add(m);
    }
    const docs = [...pool].sort((a, b) => cmp(a.id, b.id));
    for (const d of docs) {
      if (!this.docs.has(d.id)) continue;
      const from = d.story;
      const scored = this.score(this.queryVector(d), d, true, d.placedAt);
      if (!scored) continue;
      const own = from.members.size > 1 ? (scored.get(from) ?? 0) : 0;
      let best: Story | null = null;
      let bestSim = own + o.refineMargin;
      for (const [s, sim] of scored) {
        if (s === from) continue;
        if (sim >= o.joinThreshold && (sim > bestSim || (sim === bestSim && best && cmp(s.id, best.id) < 0))) {
          best = s;
          bestSim = sim;
        }
      }
      if (!best) continue;
      this.detach(d);
      this.attach(d, best);
      touched.add(best);
      movedAny = true;
      changes.moved.push({ articleId: d.id, from: from.id, to: best.id });
      for (const a of changes.assigned) if (a.articleId === d.id) a.storyId = best.id;
      if (from.members.size === 0) {
        this.stories.delete(from.id);
        touched.delete(from);
        changes.removedStories.push(from.id);
      }
    }
    return movedAny;
  }

  // ---- eviction (bounded memory for a long-running store) ---------------------------------

  /**
   * Drops from memory every story whose last article is more than horizonDays +
   * evictGraceDays older than the newest article seen: no article of the current time
   * can join it (it is past the horizon), so it only costs memory and posting-list
   * scans. Its members, postings and LSH entries go; document frequencies stay (they
   * are global). The caller (the store) keeps the stories on disk and reloads them with
   * `restore` when a late article could join them (see `evictedBefore`). Undated
   * stories are never evicted. Not used by the one-shot grouping, which keeps all.
   * Returns the number of stories evicted.
   */
  evictStale(): number {
    if (this.maxDay === null) return 0;
    const cutoff = this.maxDay - this.opts.horizonDays - this.opts.evictGraceDays;
    let n = 0;
    for (const s of this.stories.values()) {
      if (s.last === null || s.last >= cutoff) continue;
      for (const d of s.members) this.unindex(d, s);
      this.stories.delete(s.id);
      this.evicted.set(s.id, { first: s.first ?? s.last, last: s.last });
      n++;
    }
    if (this.evictedBeforeDay === null || cutoff > this.evictedBeforeDay) this.evictedBeforeDay = cutoff;
    return n;
  }

  /**
   * The day before which stories may have been evicted (their last article is older),
   * or null when none was: an article dated d may join an evicted story when
   * d − horizonDays < this day.
   */
  get evictedBefore(): number | null {
    return this.evictedBeforeDay;
  }

  /** Records a story that was not loaded (a store loading only recent stories): its id and span in days. */
  markEvicted(storyId: string, first: number, last: number): void {
    this.evicted.set(storyId, { first, last });
    if (this.evictedBeforeDay === null || last + 1 > this.evictedBeforeDay) this.evictedBeforeDay = last + 1;
  }

  /**
   * Evicted stories that an article dated in `days` could join (its date within the
   * time horizon of their span): the caller restores them before adding the articles.
   * Only days older than the eviction cutoff can match, so most batches skip the scan.
   */
  evictedNear(days: Iterable<number | null>): string[] {
    const cut = this.evictedBeforeDay;
    if (cut === null || this.evicted.size === 0) return [];
    const h = this.opts.horizonDays;
    const late = [...days].filter((d): d is number => d !== null && d - h < cut);
    if (late.length === 0) return [];
    const out: string[] = [];
    for (const [id, span] of this.evicted) {
      if (late.some((d) => d - span.last <= h && span.first - d <= h)) out.push(id);
    }
    return out.sort();
  }

  /** Whether a story was evicted from memory (and not restored since). */
  isEvicted(storyId: string): boolean {
    return this.evicted.has(storyId);
  }

  /** Forgets an evicted story's span (it no longer exists). */
  forgetEvicted(storyId: string): void {
    this.evicted.delete(storyId);
  }

  /** Number of stories evicted from memory (and not restored since). */
  get evictedCount(): number {
    return this.evicted.size;
  }

  /** Number of stories in memory. */
  get storyCount(): number {
    return this.stories.size;
  }

  // ---- removing ------------------------------------------------------------------------

  /**
   * Takes an article out of its story without any decision (another writer forgot it
   * and already re-grouped what was left); an emptied story disappears.
   */
  drop(articleId: string): void {
    const d = this.docs.get(articleId);
    if (!d) return;
    const s = d.story;
    this.detach(d);
    if (s.members.size === 0) this.stories.delete(s.id);
  }

  /** Moves an article into the story `storyId` (created when new) as another writer decided; an emptied story disappears. */
  moveTo(articleId: string, storyId: string): void {
    const d = this.docs.get(articleId);
    if (!d || d.story.id === storyId) return;
    const from = d.story;
    const to = this.stories.get(storyId) ?? this.newStory(storyId);
    this.detach(d);
    this.attach(d, to);
    if (from.members.size === 0) this.stories.delete(from.id);
  }

  /**
   * Removes an article. When its story is left with articles that no longer hold
   * together (the removed one was their only bridge), the story splits: the members
   * are re-grouped with the join rule (see `components`).
   */
  remove(articleId: string): { storyId: string; storyRemoved: boolean; splitInto: string[] } | null {
    const d = this.docs.get(articleId);
    if (!d) return null;
    const s = d.story;
    this.detach(d);
    if (s.members.size === 0) {
      this.stories.delete(s.id);
      return { storyId: s.id, storyRemoved: true, splitInto: [] };
    }
    const parts = this.components(s);
    if (parts.length <= 1) return { storyId: s.id, storyRemoved: false, splitInto: [] };
    // The largest part keeps the id; the others become new stories.
    parts.sort((a, b) => b.length - a.length || cmp(minId(a), minId(b)));
    const splitInto: string[] = [];
    for (const part of parts.slice(1)) {
      const ns = this.newStory(this.newId(minId(part)));
      for (const m of part) {
        this.detach(m);
        this.attach(m, ns);
      }
      splitInto.push(ns.id);
    }
    return { storyId: s.id, storyRemoved: false, splitInto };
  }

  /**
   * Re-groups a story's members with the clusterer's own rule (each member, in arrival
   * order, joins the best group at ≥ joinThreshold or starts one; near-copies stay
   * together), used after a removal to tell whether the story still holds together.
   */
  private components(s: Story): Doc[][] {
    const groups: Array<{ docs: Doc[]; sum: SparseSum }> = [];
    const cos = (q: Vec, sum: SparseSum): number => {
      let n = 0;
      for (let i = 0; i < sum.size; i++) n += ((sum.w[i] as number) * this.idfOf(sum.ids[i] as number)) ** 2;
      let num = 0;
      for (let i = 0; i < q.ids.length; i++) {
        const c = sum.get(q.ids[i] as number);
        if (c !== undefined) num += (q.w[i] as number) * c * this.idfOf(q.ids[i] as number);
      }
      return n > 0 ? num / Math.sqrt(n) : 0;
    };
    for (const m of s.members) {
      const q = this.queryVector(m);
      let best = -1;
      let bestSim = this.opts.joinThreshold;
      groups.forEach((g, i) => {
        const linked = g.docs.some((d) => jaccardEstimate(d.minhash, m.minhash) >= this.opts.duplicateJaccard);
        const sim = linked ? 1 : cos(q, g.sum);
        if (sim >= bestSim) {
          best = i;
          bestSim = sim;
        }
      });
      const g = groups[best] ?? { docs: [], sum: new SparseSum() };
      if (best < 0) groups.push(g);
      g.docs.push(m);
      g.sum.add(m.ids, m.w, m.scale, 1);
    }
    return groups.map((g) => g.docs);
  }

  /**
   * The most central article of a story (highest cosine to the centroid), among its
   * `sample` most recently added members: its title serves as the story's listed headline.
   */
  representative(storyId: string, sample = 50): string | null {
    const s = this.stories.get(storyId);
    if (!s) return null;
    const members = [...s.members];
    const pool = members.length > sample ? members.slice(members.length - sample) : members;
    let best: Doc | null = null;
    let bestSim = -1;
    for (const d of pool) {
      const sim = this.centroidCosine(this.queryVector(d), s);
      if (sim > bestSim + 1e-12 || (Math.abs(sim - bestSim) <= 1e-12 && best && d.id < best.id)) {
        best = d;
        bestSim = sim;
      }
    }
    return best?.id ?? null;
  }

  /** Text links among a set of articles (for lineage counts): pairs of near-copies or shared passages. */
  linksAmong(articleIds: string[]): TextLink[] {
    const docs = articleIds.map((id) => this.docs.get(id)).filter((d): d is Doc => Boolean(d));
    return linksBetween(docs.map((d) => ({ id: d.id, features: { minhash: d.minhash, shingles: d.shingles } })), this.opts);
  }
}

/** Text links among articles by their MinHash signatures (all pairs; for one story's articles). */
export function linksBetween(
  docs: Array<{ id: string; features: Pick<StoryFeatures, 'minhash' | 'shingles'> }>,
  opts: Pick<ClusterOptions, 'duplicateJaccard' | 'sharedContainment'> = DEFAULT_CLUSTER_OPTIONS,
): TextLink[] {
  const out: TextLink[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const a = docs[i]!;
      const b = docs[j]!;
      const jac = jaccardEstimate(a.features.minhash, b.features.minhash);
      if (jac >= opts.duplicateJaccard) out.push({ a: a.id, b: b.id, similarity: jac, kind: 'duplicate' });
      else if (containmentEstimate(jac, a.features.shingles, b.features.shingles) >= opts.sharedContainment)
        out.push({ a: a.id, b: b.id, similarity: jac, kind: 'shared' });
    }
  }
  return out;
}

/** Number of groups of articles connected by text links (independent lineages). */
export function lineageCount(articleIds: string[], links: TextLink[]): number {
  const parent = new Map(articleIds.map((id) => [id, id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r && parent.has(r)) r = parent.get(r) as string;
    return r;
  };
  for (const l of links) {
    if (!parent.has(l.a) || !parent.has(l.b)) continue;
    const ra = find(l.a);
    const rb = find(l.b);
    if (ra !== rb) parent.set(ra, rb);
  }
  return new Set(articleIds.map(find)).size;
}

/** The k stories with the most votes (ties by id), without sorting every voted story. */
function topK(votes: Map<Story, number>, k: number): Array<[Story, number]> {
  const better = (a: [Story, number], b: [Story, number]): boolean => a[1] > b[1] || (a[1] === b[1] && a[0].id < b[0].id);
  const top: Array<[Story, number]> = [];
  for (const e of votes) {
    if (top.length === k && !better(e, top[k - 1] as [Story, number])) continue;
    let i = Math.min(top.length, k - 1);
    if (top.length < k) top.push(e);
    else top[i] = e;
    while (i > 0 && better(top[i] as [Story, number], top[i - 1] as [Story, number])) {
      [top[i], top[i - 1]] = [top[i - 1] as [Story, number], top[i] as [Story, number]];
      i--;
    }
  }
  return top;
}

/** Dot product of two sparse vectors with ascending ids. */
function sparseDot(a: Vec, b: Vec): number {
  let x = 0;
  for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length; ) {
    const ta = a.ids[i] as number;
    const tb = b.ids[j] as number;
    if (ta < tb) i++;
    else if (tb < ta) j++;
    else {
      x += (a.w[i] as number) * (b.w[j] as number);
      i++;
      j++;
    }
  }
  return x;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function minId(docs: Doc[]): string {
  let m = docs[0]?.id ?? '';
  for (const d of docs) if (d.id < m) m = d.id;
  return m;
}

/**
 * Indices of the k largest `key` values (ties: smaller id first), in that order, by a
 * bounded insertion into a k-sized list (k is small: the query terms).
 */
function topIndices(key: ArrayLike<number>, ids: Int32Array, k: number): number[] {
  const top: number[] = [];
  const better = (a: number, b: number): boolean => (key[a] as number) > (key[b] as number) || ((key[a] as number) === (key[b] as number) && (ids[a] as number) < (ids[b] as number));
  for (let i = 0; i < key.length; i++) {
    if (top.length === k && !better(i, top[k - 1] as number)) continue;
    let j = Math.min(top.length, k - 1);
    if (top.length < k) top.push(i);
    else top[j] = i;
    while (j > 0 && better(top[j] as number, top[j - 1] as number)) {
      [top[j], top[j - 1]] = [top[j - 1] as number, top[j] as number];
      j--;
    }
  }
  return top;
}
