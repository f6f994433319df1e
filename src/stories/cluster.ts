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
 * article's most salient terms; posting lists longer than `maxPosting` are skipped
 * (such terms are too common to discriminate) and dropped, and at most `maxCandidates` stories
 * are scored exactly. Adding one article therefore costs O(query terms × maxPosting
 * + maxCandidates × article terms), independent of the corpus size.
 *
 * Arrival order: a purely greedy single pass depends on the order of arrival. Three
 * things bound that dependence: (1) bridging merges, (2) IDF applied at comparison
 * time, and (3) after each batch a bounded local refinement (`refine`): the batch's
 * articles (and every member of touched stories up to `refineStorySize`) are
 * re-scored once the whole batch is in, and moved when another story is better by a
 * margin. The residual effect of order is measured (eval-cluster --seeds, and a
 * property test bounding the change of B-cubed F1 under permutations).
 *
 * Memory: terms are interned to integer ids and each article keeps its vector as two
 * typed arrays (ids, weights): about 2.4 KB per article for 300 terms, against ~25 KB
 * for string-keyed Maps, so 50k articles fit in well under a gigabyte.
 */
import { MINHASH_SIZE, jaccardEstimate, containmentEstimate, type StoryFeatures } from './features.js';
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
  /** Posting lists that grow longer than this are dropped (the term is too common to retrieve with). */
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
  maxPosting: 1000,
  maxCandidates: 10,
  backgroundDocs: BACKGROUND_DOCS,
  refinePasses: 1,
  refineMargin: 0.02,
  refineStorySize: 0,
};

/** LSH banding of the MinHash signature: BANDS bands of ROWS values. */
const ROWS = 4;
const BANDS = MINHASH_SIZE / ROWS;

/** A posting: one story (with its count of indexing articles), several, or dropped as too common. */
const STOPPED = Symbol('stopped');
type Posting = { story: Story; n: number } | Map<Story, number> | typeof STOPPED;

/**
 * A story's centroid sum as two parallel typed arrays sorted by term id (12 bytes a
 * term, against ~35 for a Map entry): stories hold most of the clusterer's memory.
 */
class SparseSum {
  ids = new Int32Array(0);
  w = new Float64Array(0);

  get size(): number {
    return this.ids.length;
  }

  get(t: number): number | undefined {
    const ids = this.ids;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = ids[mid] as number;
      if (x === t) return this.w[mid];
      if (x < t) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Adds (sign 1) or subtracts (−1) `vals × scale` at the sorted term ids `ids`; drops entries that reach zero. */
  add(ids: Int32Array, vals: Float32Array, scale: number, sign: 1 | -1): void {
    const a = this.ids;
    const aw = this.w;
    const outIds = new Int32Array(a.length + ids.length);
    const outW = new Float64Array(a.length + ids.length);
    let i = 0;
    let j = 0;
    let k = 0;
    const push = (t: number, x: number): void => {
      if (x > 1e-9) {
        outIds[k] = t;
        outW[k] = x;
        k++;
      }
    };
    while (i < a.length || j < ids.length) {
      const ta = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
      const tb = j < ids.length ? (ids[j] as number) : Number.POSITIVE_INFINITY;
      if (ta < tb) push(ta, aw[i++] as number);
      else if (tb < ta) {
        push(tb, sign * (vals[j] as number) * scale);
        j++;
      } else {
        push(ta, (aw[i++] as number) + sign * (vals[j] as number) * scale);
        j++;
      }
    }
    this.ids = outIds.slice(0, k);
    this.w = outW.slice(0, k);
  }
}

/** A sparse vector over interned term ids. */
interface Vec {
  ids: Int32Array;
  w: Float64Array;
}

interface Doc {
  id: string;
  /** Term ids and raw weights (no IDF), as selected for the article. */
  ids: Int32Array;
  w: Float32Array;
  /** 1 / L2 norm of `w`: w × scale is the article's contribution to its story centroid. */
  scale: number;
  /** Term ids indexed in postings for this document. */
  indexed: Int32Array;
  story: Story;
  bands: number[];
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
   * posting with one story holds it directly (most terms are rare: no Map per term); a
   * posting that outgrows `maxPosting` is dropped for good (STOPPED): such a term is too
   * common to find candidates with, and keeping it would cost memory for nothing.
   */
  private readonly postings = new Map<number, Posting>();
  /** LSH buckets: band key → the article (or articles) with that band. */
  private readonly lsh = new Map<number, Doc | Doc[]>();
  private readonly newId: StoryIdFactory;
  private readonly priorOf: (term: string) => number;

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
    for (const t of vocabulary) {
      const id = this.termId(t);
      this.dfById[id] = (this.dfById[id] as number) + 1;
      this.idfById[id] = Number.NaN;
    }
  }

  /** Removes a document's vocabulary from the document frequencies (on forget). */
  unobserve(vocabulary: Iterable<string>): void {
    this.nDocs = Math.max(0, this.nDocs - 1);
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
    if (this.nDocs > this.idfDocs * 1.05 + 16 || this.nDocs < this.idfDocs) {
      this.idfById.fill(Number.NaN);
      this.idfDocs = this.nDocs;
    }
    let v = this.idfById[id] as number;
    if (Number.isNaN(v)) {
      const b = this.opts.backgroundDocs;
      v = Math.log((1 + this.nDocs + b) / (1 + (this.dfById[id] as number) + (this.prior[id] as number))) + 1;
      this.idfById[id] = v;
    }
    return v;
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
    const s: Story = { id, members: new Set(), sum: new SparseSum(), first: null, last: null, cache: null };
    this.stories.set(id, s);
    return s;
  }

  /**
   * Restores an article already assigned (loading a store): no decision is made.
   * Document frequencies must be loaded separately (`loadDf`).
   */
  restore(articleId: string, storyId: string, features: StoryFeatures): void {
    const story = this.stories.get(storyId) ?? this.newStory(storyId);
    this.attach(this.makeDoc(articleId, features, story), story);
  }

  // ---- adding --------------------------------------------------------------------

  /**
   * Assigns a batch of articles (their vocabularies must already be `observe`d), then
   * refines. Articles are assigned in the given order.
   */
  addBatch(batch: Array<{ id: string; features: StoryFeatures }>): ClusterChanges {
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
    for (const s of touched) if (this.stories.has(s.id)) changes.touchedStories.push(s.id);
    return changes;
  }

  private assign(id: string, features: StoryFeatures, changes: ClusterChanges, touched: Set<Story>): void {
    const o = this.opts;
    // The article as a document, not yet in any story (its story is set below).
    const doc = this.makeDoc(id, features, null as unknown as Story);
    const q = this.queryVector(doc);
    const scored = this.score(q, doc, false);
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

  /** Stories scored for a document: centroid cosine × time factor (`self`: the doc is in its story, excluded from it). */
  private score(q: Vec, d: Doc, self: boolean): Map<Story, number> {
    const o = this.opts;
    const votes = new Map<Story, number>();
    // Query with the most salient terms (q is IDF-weighted).
    const order = Array.from(q.ids.keys()).sort((a, b) => (q.w[b] as number) - (q.w[a] as number) || (q.ids[a] as number) - (q.ids[b] as number));
    for (const k of order.slice(0, o.queryTerms)) {
      const p = this.postings.get(q.ids[k] as number);
      if (!p || p === STOPPED) continue;
      const w = q.w[k] as number;
      if (p instanceof Map) for (const s of p.keys()) votes.set(s, (votes.get(s) ?? 0) + w);
      else votes.set(p.story, (votes.get(p.story) ?? 0) + w);
    }
    if (self) votes.set(d.story, Number.POSITIVE_INFINITY);
    const candidates = topK(votes, o.maxCandidates);
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
    const { ids, w } = s.sum;
    for (let i = 0; i < ids.length; i++) {
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
    for (let i = 0; i < q.ids.length; i++) {
      const t = q.ids[i] as number;
      let c = s.sum.get(t);
      if (c === undefined) continue;
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
    let num = 0;
    const A = a.sum;
    const B = b.sum;
    for (let i = 0, j = 0; i < A.ids.length && j < B.ids.length; ) {
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
    const d = this.norm(a) * this.norm(b);
    return d > 0 ? num / d : 0;
  }

  // ---- text links (near-copies) ------------------------------------------------------

  private bandsOf(sig: Uint32Array): number[] {
    const out: number[] = [];
    if (sig[0] === 0xffffffff) return out;
    for (let b = 0; b < BANDS; b++) {
      let h = Math.imul(b + 1, 0x9e3779b1) >>> 0;
      for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ (sig[b * ROWS + r] as number), 0x01000193) >>> 0;
      // 52-bit key: band index in the high bits keeps bands apart.
      out.push(b * 2 ** 32 + h);
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

  private makeDoc(id: string, features: StoryFeatures, story: Story): Doc {
    // Term ids ascending (story sums merge sorted arrays).
    const pairs = [...features.terms].map(([t, x]) => [this.termId(t), x] as const).sort((a, b) => a[0] - b[0]);
    const ids = Int32Array.from(pairs, (p) => p[0]);
    const w = Float32Array.from(pairs, (p) => p[1]);
    let norm = 0;
    for (const x of w) norm += x * x;
    const key = Float64Array.from(ids, (t, k) => (w[k] as number) * this.idfOf(t));
    const order = Array.from(ids.keys()).sort((a, b) => (key[b] as number) - (key[a] as number) || (ids[a] as number) - (ids[b] as number));
    const indexed = Int32Array.from(order.slice(0, this.opts.queryTerms).map((k) => ids[k] as number));
    return {
      id,
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
    s.sum.add(d.ids, d.w, d.scale, 1);
    s.cache = null;
    if (d.day !== null) {
      s.first = s.first === null ? d.day : Math.min(s.first, d.day);
      s.last = s.last === null ? d.day : Math.max(s.last, d.day);
    }
    for (const t of d.indexed) {
      const p = this.postings.get(t);
      if (p === STOPPED) continue;
      if (!p) this.postings.set(t, { story: s, n: 1 });
      else if (!(p instanceof Map)) {
        if (p.story === s) p.n++;
        else this.postings.set(t, new Map([[p.story, p.n], [s, 1]]));
      } else {
        p.set(s, (p.get(s) ?? 0) + 1);
        if (p.size > this.opts.maxPosting) this.postings.set(t, STOPPED);
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

  private detach(d: Doc): void {
    const s = d.story;
    s.members.delete(d);
    s.sum.add(d.ids, d.w, d.scale, -1);
    s.cache = null;
    for (const t of d.indexed) {
      const p = this.postings.get(t);
      if (!p || p === STOPPED) continue;
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
      const scored = this.score(this.queryVector(d), d, true);
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

  // ---- removing ------------------------------------------------------------------------

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
      for (let i = 0; i < sum.ids.length; i++) n += ((sum.w[i] as number) * this.idfOf(sum.ids[i] as number)) ** 2;
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
  representative(storyId: string, sample = 200): string | null {
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

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function minId(docs: Doc[]): string {
  let m = docs[0]?.id ?? '';
  for (const d of docs) if (d.id < m) m = d.id;
  return m;
}
