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
 * Stories of unlike members (issue 13 §1): a centroid that mixes many events is close
 * to each newcomer on one broad topic although the newcomer is unlike its members, so a
 * story can grow by joins alone into many events. After each batch, a touched story of
 * three or more whose members' average pairwise cosine (O(1) from its sums) is below
 * `splitCohesion` is re-grouped by average link at that level (`splitIncoherent`), at
 * any size; checked again when it has grown by a quarter. A touched story of 3 to
 * `splitSmallSize` (12) members below `splitSmallCohesion` (0.2) is re-grouped by
 * average link at that level (`splitSmallLoose`): a few articles of a broad topic held
 * together by pairs near the join threshold are more often several events than one.
 *
 * Arrival order: a purely greedy single pass depends on the order of arrival. Three
 * things bound that dependence: (1) bridging merges, (2) IDF applied at comparison
 * time, and (3) after each batch a bounded local refinement (`refine`): the batch's
 * articles (and every member of touched stories up to `refineStorySize`) are
 * re-scored once the whole batch is in (skipped when none of an article's candidate
 * stories changed after it was placed: the answer would be the same), and moved when another story is better by a
 * margin. (4) Lone founders revisited: an article alone in the story it started is re-scored by that refinement when a later article matched it (`revisitFloor` × the
 * join level) but went elsewhere, so it can join the story that took shape after it, as
 * it would had it arrived later; a re-split's lone part is not revisited (the re-split
 * decided). The residual effect of order is measured (eval-cluster --seeds, and a
 * property test bounding the change of B-cubed F1 under permutations).
 *
 * Memory: terms are interned to integer ids and each article keeps its vector as two
 * typed arrays (ids, weights): about 2.4 KB per article for 300 terms, against ~25 KB
 * for string-keyed Maps. A long-running store also calls `evictStale`: stories past the
 * time horizon (+ a grace) leave memory and are reloaded from SQLite only when a late
 * article, a forget or another writer needs them, so the state holds the recent
 * stories, not the whole corpus (ingest bench, 50k articles: live heap 378 → ~150 MB).
 *
 * Parts, one concept a file: parameters (./options.ts), sparse vectors and the one dot
 * product (./sparse.ts), vocabulary and IDF (./vocabulary.ts), postings (./postings.ts),
 * near-copies (./near-copies.ts), re-splitting (./resplit.ts), lineage counts
 * (./lineage.ts); this file holds the clusterer: assignment, merges, refinement,
 * eviction and removal.
 */
import { jaccardEstimate, type ExtractedFeatures, type StoryFeatures } from './features.js';
import { backgroundDf } from './background.js';
import { DEFAULT_CLUSTER_OPTIONS, type ClusterOptions } from './options.js';
import { SparseSum, dot, lowerBound, topIndices, type Vec } from './sparse.js';
import { Vocabulary, type InternedFeatures } from './vocabulary.js';
import { Postings } from './postings.js';
import { NearCopyIndex, bandsOf, linksBetween, type TextLink } from './near-copies.js';
import { splitIncoherent, splitSmallLoose, splitStory } from './resplit.js';
import { counterStoryIds, type StoryIdFactory } from './story-ids.js';
import { LINK_FEATURES, linkProbability, shippedLinkingModel, type LinkingModel } from './linking.js';

export { DEFAULT_CLUSTER_OPTIONS, type ClusterOptions } from './options.js';
export type { InternedFeatures } from './vocabulary.js';
export type { TextLink } from './near-copies.js';

interface Doc {
  id: string;
  /** The clusterer's clock when the article was last placed in a story. */
  placedAt: number;
  /** Term ids and raw weights (no IDF), as selected for the article. */
  ids: Int32Array;
  w: Float32Array;
  /** 1 / L2 norm of `w`: w × scale is the article's contribution to its story centroid. */
  scale: number;
  /** L2 norm of the article's contribution under the IDF when it was placed (see Story.spread). */
  weight: number;
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
  /**
   * Sum of the members' IDF-weighted norms (each under the IDF when it was placed): an
   * article's dot product with the sum divided by this is its average cosine to the members.
   */
  spread: number;
  /** The clusterer's clock when the story's membership last changed. */
  changedAt: number;
  /** Size at which the story was last re-examined for splitting (0: never). */
  examined: number;
  /** Sum of the squares of the members' IDF-weighted norms (with `spread` and the centroid norm: the story's cohesion). */
  spread2: number;
  /** Size at which the story was last checked for cohesion and kept whole (0: never). */
  cohesionChecked: number;
  /**
   * The article that started the story by arriving (null for a re-split's part, and for
   * a story restored without its founder). While it is the story's only member the
   * story is a lone founder, revisited when a later article matches it (`revisitFloor`).
   * A store derives it on loading (the id of a story an article founded derives from
   * that article alone, ./story-ids.ts), so a restarted writer revisits as a running one.
   */
  founder: string | null;
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
  /** Articles moved from one story to another (by refinement, or by a re-split: see `split`). */
  moved: Array<{ articleId: string; from: string; to: string }>;
  /** Stories re-split (./resplit.ts): `from` kept its largest part, `into` are the new stories of the others. */
  split: Array<{ from: string; into: string[] }>;
  /** Stories that no longer exist (merged away or emptied). */
  removedStories: string[];
  /** Stories whose membership changed. */
  touchedStories: string[];
  links: TextLink[];
}

export type { StoryIdFactory } from './story-ids.js';

/** The candidate stories of one arriving article with their linking features (for fitting the linking model). */
export interface LinkCandidates {
  articleId: string;
  candidates: Array<{ storyId: string; members: string[]; features: number[] }>;
}

export class StoryClusterer {
  readonly opts: ClusterOptions;
  private readonly docs = new Map<string, Doc>();
  /** Counts membership changes (stories' `changedAt`, documents' `placedAt`). */
  private clock = 0;
  private readonly stories = new Map<string, Story>();
  /** Interned terms, document frequencies and IDF. */
  readonly vocabulary: Vocabulary;
  /** Inverted index term → stories (see ./postings.ts). */
  private readonly postings: Postings<Story>;
  /** Near-copy candidates: LSH buckets of the documents' MinHash bands. */
  private readonly nearCopies = new NearCopyIndex<Doc>();
  private readonly newId: StoryIdFactory;
  /** Newest article date seen (days), and the day before which stories were evicted (see evictStale). */
  private maxDay: number | null = null;
  private evictedBeforeDay: number | null = null;
  /** Spans [first, last] (days) of the stories evicted from memory, by id (a few numbers each). */
  private readonly evicted = new Map<string, { first: number; last: number }>();
  /** The linking model (null: the cosine rule), and the score at which an article joins a story. */
  private readonly model: LinkingModel | null;
  private readonly joinAt: number;
  /**
   * Called with every arriving article's candidate stories and their linking features
   * before it is placed (scripts/fit-linking-model.ts records training pairs this way).
   */
  linkObserver: ((e: LinkCandidates) => void) | null = null;

  constructor(opts: Partial<ClusterOptions> = {}, newId?: StoryIdFactory, prior: (term: string) => number = backgroundDf) {
    this.opts = { ...DEFAULT_CLUSTER_OPTIONS, ...opts };
    this.model = this.opts.linking === 'model' ? (this.opts.linkingModel ?? shippedLinkingModel()) : null;
    this.joinAt = this.model ? this.model.threshold : this.opts.joinThreshold;
    this.vocabulary = new Vocabulary(this.opts.backgroundDocs, prior);
    this.postings = new Postings(this.opts.maxPosting);
    this.newId = newId ?? counterStoryIds();
  }

  // ---- terms and document frequencies (./vocabulary.ts) ----------------------------

  /** Counts a document's vocabulary in the document frequencies (before assigning it). */
  observe(vocabulary: Iterable<string>): void {
    this.vocabulary.observe(vocabulary);
  }

  /** Interns an article's terms and counts them in the document frequencies: term ids (ascending) with their weights. */
  observeInterned(f: ExtractedFeatures): { ids: Int32Array; w: Float32Array } {
    return this.vocabulary.observeInterned(f);
  }

  /** The `max` most salient terms of an article (by weight × IDF), ids ascending. */
  selectInterned(all: { ids: Int32Array; w: Float32Array }, f: Pick<ExtractedFeatures, 'minhash' | 'shingles' | 'day'>, max?: number): InternedFeatures {
    return this.vocabulary.selectInterned(all, f, max);
  }

  /** Removes a document's vocabulary from the document frequencies (on forget). */
  unobserve(vocabulary: Iterable<string>): void {
    this.vocabulary.unobserve(vocabulary);
  }

  /** IDF of a term. */
  idf = (term: string): number => this.vocabulary.idf(term);

  get documentCount(): number {
    return this.vocabulary.documentCount;
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

  private newStory(id: string, founder: string | null = null): Story {
    this.evicted.delete(id);
    const s: Story = { id, members: new Set(), sum: new SparseSum(), first: null, last: null, cache: null, spread: 0, spread2: 0, changedAt: ++this.clock, examined: 0, cohesionChecked: 0, founder };
    this.stories.set(id, s);
    return s;
  }

  /**
   * Restores an article already assigned (loading a store): no decision is made.
   * `founded`: the article started the story by arriving (see `Story.founder`).
   * Document frequencies must be loaded separately (`loadDf`).
   */
  restore(articleId: string, storyId: string, features: StoryFeatures | InternedFeatures, founded = false): void {
    const story = this.stories.get(storyId) ?? this.newStory(storyId);
    if (founded) story.founder = articleId;
    this.attach(this.makeDoc(articleId, features, story), story);
  }

  /** Whether a story is its founder alone (see `Story.founder`). */
  private loneFounder(s: Story): boolean {
    if (s.founder === null || s.members.size !== 1) return false;
    return this.docs.get(s.founder)?.story === s;
  }

  // ---- adding --------------------------------------------------------------------

  /**
   * Assigns a batch of articles (their vocabularies must already be `observe`d), then
   * refines. Articles are assigned in the given order.
   */
  addBatch(batch: Array<{ id: string; features: StoryFeatures | InternedFeatures }>): ClusterChanges {
    const changes: ClusterChanges = { assigned: [], merged: [], moved: [], split: [], removedStories: [], touchedStories: [], links: [] };
    const touched = new Set<Story>();
    const added: string[] = [];
    const revisit = new Set<string>();
    for (const { id, features } of batch) {
      if (this.docs.has(id)) continue;
      this.assign(id, features, changes, touched, revisit);
      added.push(id);
    }
    for (const id of added) revisit.delete(id);
    for (let pass = 0; pass < this.opts.refinePasses; pass++) {
      if (!this.refine(added, touched, changes, revisit)) break;
    }
    const floor = this.opts.splitCohesion;
    if (floor > 0) {
      for (const s of [...touched]) {
        const n = s.members.size;
        if (!this.stories.has(s.id) || n < 3 || this.cohesion(s) >= floor) continue;
        // Checked again (O(size²)) once it has grown by a quarter or shrunk since a check that kept it whole.
        if (s.cohesionChecked > 0 && n < s.cohesionChecked * 1.25 && n >= s.cohesionChecked) continue;
        s.cohesionChecked = n;
        this.resplit(s, changes, touched, (m) => splitIncoherent(m, this.vocabulary, floor));
      }
    }
    const small = this.opts.splitSmallCohesion;
    if (small > 0) {
      for (const s of [...touched]) {
        const n = s.members.size;
        if (!this.stories.has(s.id) || n < 3 || n > this.opts.splitSmallSize || this.cohesion(s) >= small) continue;
        this.resplit(s, changes, touched, (m) => splitSmallLoose(m, this.vocabulary, small, floor));
      }
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

  private assign(id: string, features: StoryFeatures | InternedFeatures, changes: ClusterChanges, touched: Set<Story>, revisit: Set<string>): void {
    const o = this.opts;
    // The article as a document, not yet in any story (its story is set below).
    const doc = this.makeDoc(id, features, null as unknown as Story);
    const q = this.vocabulary.weigh(doc);
    const observed: Array<{ storyId: string; members: string[]; features: number[] }> | undefined = this.linkObserver ? [] : undefined;
    const scored = this.score(q, doc, false, undefined, observed) as Map<Story, number>;
    if (this.linkObserver && observed) this.linkObserver({ articleId: id, candidates: observed });
    // Lineage signal: near-copies pull the article into their story.
    const found = this.nearCopies.links(doc, this.opts);
    for (const l of found) {
      if (l.kind !== 'duplicate') continue;
      const s = l.doc.story;
      if (this.timeFactor(s, doc.day) <= 0) continue;
      const current = scored.get(s) ?? 0;
      scored.set(s, Math.max(current, this.joinAt + l.similarity * (1 - this.joinAt)));
    }
    for (const l of found) changes.links.push({ a: id, b: l.doc.id, similarity: l.similarity, kind: l.kind });
    const ranked = [...scored].filter(([, s]) => s >= this.joinAt).sort((a, b) => b[1] - a[1] || cmp(a[0].id, b[0].id));
    const top = ranked[0];
    const story = top ? top[0] : this.newStory(this.newId(id), id);
    this.attach(doc, story);
    touched.add(story);
    changes.assigned.push({ articleId: id, storyId: story.id, newStory: !top, similarity: top ? top[1] : 0 });
    // Bridging: other stories this article also belongs to merge when they are close enough.
    for (const [other] of ranked.slice(1)) {
      if (!this.stories.has(other.id) || other === doc.story) continue;
      if (this.storySimilarity(doc.story, other) < o.mergeThreshold) continue;
      this.merge(other, doc.story, changes, touched);
    }
    // Lone founders this article also matched: re-examined by the refinement (see addBatch).
    if (o.revisitFloor > 0) {
      const floor = this.joinAt * o.revisitFloor;
      for (const [other, sim] of scored) {
        if (sim < floor || !this.loneFounder(other) || other === doc.story || !this.stories.has(other.id)) continue;
        for (const m of other.members) revisit.add(m.id);
      }
    }
  }

  /**
   * Re-examines a story that may have grown into a topic blob (./resplit.ts): when its
   * members fall into separate parts, the largest part keeps the story and the others
   * become new stories.
   */
  private resplit(s: Story, changes: ClusterChanges, touched: Set<Story>, how?: (m: Doc[]) => number[][] | null): void {
    const members = [...s.members];
    const parts = how ? how(members) : splitStory(members, this.vocabulary, this.opts);
    if (!parts) return;
    // The largest part keeps the story; the others become new stories.
    const docsOf = parts.map((p) => p.map((i) => members[i] as Doc));
    docsOf.sort((a, b) => b.length - a.length || cmp(minId(a), minId(b)));
    const into: string[] = [];
    for (const part of docsOf.slice(1)) {
      const ns = this.newStory(this.newId(minId(part), true));
      into.push(ns.id);
      for (const d of part) {
        this.detach(d);
        this.attach(d, ns);
        changes.moved.push({ articleId: d.id, from: s.id, to: ns.id });
        for (const a of changes.assigned) if (a.articleId === d.id) a.storyId = ns.id;
      }
      touched.add(ns);
    }
    changes.split.push({ from: s.id, into });
  }

  /**
   * Stories scored for a document (`self`: the doc is in its story, excluded from it):
   * centroid cosine × time factor under the rule, the linking model's probability under
   * the model. `observed` collects each candidate's linking features.
   */
  private score(q: Vec, d: Doc, self: boolean, unchangedSince?: number, observed?: Array<{ storyId: string; members: string[]; features: number[] }>): Map<Story, number> | null {
    const o = this.opts;
    const votes = new Map<Story, number>();
    // Query with the most salient terms (q is IDF-weighted).
    for (const k of topIndices(q.w, q.ids, o.queryTerms)) {
      const w = q.w[k] as number;
      this.postings.each(q.ids[k] as number, (s) => {
        if (this.inHorizon(s, d.day)) votes.set(s, (votes.get(s) ?? 0) + w);
      });
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
      const sim = this.similarity(q, s, own ? d : null);
      // Average link (off by default, see options.ts): an article on average unlike the
      // members of another story does not join it, however close it comes to the centroid
      // of a loose story (centroid chaining). An article's own story is never excluded.
      if (!own && s.members.size >= 2 && sim.average * tf < o.joinAverageLink) continue;
      if (!this.model && !observed) {
        out.set(s, sim.cosine * tf);
        continue;
      }
      const x = linkFeatures(sim, tf, s.members.size - (own ? 1 : 0));
      if (observed) observed.push({ storyId: s.id, members: [...s.members].map((m) => m.id), features: [...x] });
      out.set(s, this.model ? linkProbability(this.model, x) : sim.cosine * tf);
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

  /**
   * Norm of a story's IDF-weighted centroid (the sum of its members' unit vectors).
   * Cached until the story changes or the corpus grows by more than 5% (+16): IDF drifts
   * slowly, and recomputing every norm whenever an article arrives would make each
   * addition cost O(stories).
   */
  private norm(s: Story): number {
    if (s.cache && this.vocabulary.documentCount <= s.cache.docs * 1.05 + 16) return s.cache.norm;
    let n = 0;
    const { ids, w, size } = s.sum;
    for (let i = 0; i < size; i++) {
      const x = (w[i] as number) * this.vocabulary.idfOf(ids[i] as number);
      n += x * x;
    }
    s.cache = { norm: Math.sqrt(n), docs: this.vocabulary.documentCount };
    return s.cache.norm;
  }

  /**
   * Cosine between a query vector and a story's centroid, optionally without one
   * member's contribution (`without` is then the query's own document, so its terms
   * align with q's). Costs O(|q|), never O(|story|) beyond the cached norm.
   */
  private centroidCosine(q: Vec, s: Story, without: Doc | null = null): number {
    return this.similarity(q, s, without).cosine;
  }

  /**
   * A query's cosine to a story's centroid and its average cosine to the story's members
   * (dot product with the sum of member vectors over the sum of their norms), optionally
   * without one member (`without`, the query's own document).
   */
  private similarity(q: Vec, s: Story, without: Doc | null = null): Similarity {
    let num = 0;
    let names = 0;
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
      const idf = this.vocabulary.idfOf(t);
      if (without) {
        const u = (without.w[i] as number) * without.scale;
        cross += c * u * idf * idf;
        self += u * u * idf * idf;
        c -= u;
      }
      if (c > 1e-9) {
        const x = (q.w[i] as number) * c * idf;
        num += x;
        if (this.vocabulary.isPhrase(t)) names += x;
      }
    }
    let n = this.norm(s);
    // |C − u|² = |C|² − 2 C·u + |u|², all IDF-weighted.
    if (without) n = Math.sqrt(Math.max(0, n * n - 2 * cross + self));
    const spread = without ? s.spread - without.weight : s.spread;
    return {
      cosine: n > 0 ? num / n : 0,
      average: spread > 1e-12 ? num / spread : 0,
      names: n > 0 ? names / n : 0,
      cohesion: spread > 1e-12 ? Math.min(1, n / spread) : 1,
    };
  }

  /** L2 norm of an article's IDF-weighted contribution to its story sum (its unit vector times IDF). */
  private weightOf(d: Doc): number {
    let n = 0;
    for (let i = 0; i < d.ids.length; i++) {
      const x = (d.w[i] as number) * d.scale * this.vocabulary.idfOf(d.ids[i] as number);
      n += x * x;
    }
    return Math.sqrt(n);
  }

  /**
   * A story's cohesion in O(1): its members' average pairwise cosine under the IDF, each
   * pair weighed by the product of the two members' IDF norms (u_i: a member's
   * IDF-weighted contribution; Σ_{i≠j} u_i·u_j = |Σu|² − Σ|u_i|², over
   * Σ_{i≠j} |u_i||u_j| = (Σ|u_i|)² − Σ|u_i|²). 1 for a story of one.
   */
  private cohesion(s: Story): number {
    const n = this.norm(s);
    const den = s.spread * s.spread - s.spread2;
    return den > 1e-12 ? (n * n - s.spread2) / den : 1;
  }

  private readonly idfSquared = (t: number): number => this.vocabulary.idfOf(t) ** 2;

  private storySimilarity(a: Story, b: Story): number {
    const d = this.norm(a) * this.norm(b);
    return d > 0 ? dot(a.sum, b.sum, this.idfSquared) / d : 0;
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
      const pairs = [...features.terms].map(([t, x]) => [this.vocabulary.id(t), x] as const).sort((a, b) => a[0] - b[0]);
      ids = Int32Array.from(pairs, (p) => p[0]);
      w = Float32Array.from(pairs, (p) => p[1]);
    }
    let norm = 0;
    for (const x of w) norm += x * x;
    const key = new Float64Array(ids.length);
    for (let k = 0; k < ids.length; k++) key[k] = (w[k] as number) * this.vocabulary.idfOf(ids[k] as number);
    const indexed = Int32Array.from(topIndices(key, ids, this.opts.queryTerms), (k) => ids[k] as number);
    return {
      id,
      placedAt: 0,
      ids,
      w,
      scale: norm > 0 ? 1 / Math.sqrt(norm) : 0,
      weight: 0,
      indexed,
      story,
      bands: bandsOf(features.minhash),
      minhash: features.minhash,
      shingles: features.shingles,
      day: features.day,
    };
  }

  private attach(d: Doc, s: Story): void {
    d.story = s;
    s.members.add(d);
    d.weight = this.weightOf(d);
    s.spread += d.weight;
    s.spread2 += d.weight * d.weight;
    this.updateNorm(s, d, 1);
    s.sum.add(d.ids, d.w, d.scale, 1);
    s.changedAt = ++this.clock;
    d.placedAt = this.clock;
    if (d.day !== null) {
      s.first = s.first === null ? d.day : Math.min(s.first, d.day);
      s.last = s.last === null ? d.day : Math.max(s.last, d.day);
      if (this.maxDay === null || d.day > this.maxDay) this.maxDay = d.day;
    }
    for (const t of d.indexed) this.postings.add(t, s);
    this.docs.set(d.id, d);
    this.nearCopies.add(d);
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
    if (!cache || this.vocabulary.documentCount > cache.docs * 1.01 + 4 || this.vocabulary.documentCount < cache.docs) {
      s.cache = null;
      return;
    }
    let dot = 0;
    let self = 0;
    for (let i = 0; i < d.ids.length; i++) {
      const t = d.ids[i] as number;
      const idf = this.vocabulary.idfOf(t);
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
    for (const t of d.indexed) this.postings.remove(t, s);
    this.docs.delete(d.id);
    this.nearCopies.remove(d);
  }

  private detach(d: Doc): void {
    const s = d.story;
    s.members.delete(d);
    s.spread = s.members.size > 0 ? Math.max(0, s.spread - d.weight) : 0;
    s.spread2 = s.members.size > 0 ? Math.max(0, s.spread2 - d.weight * d.weight) : 0;
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
   * Local refinement: re-scores the batch's articles, the lone founders the batch's
   * articles matched (`revisit`, at most one per candidate scored) and every article of
   * the small stories the batch touched (at most `refineStorySize` members, so the work
   * per article added stays bounded) against their candidates, and moves an article
   * where it fits better by `refineMargin`. Returns whether anything moved.
   */
  private refine(added: string[], touched: Set<Story>, changes: ClusterChanges, revisit: ReadonlySet<string>): boolean {
    const o = this.opts;
    let movedAny = false;
    const pool = new Set<Doc>();
    for (const id of [...added, ...revisit]) {
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
      const scored = this.score(this.vocabulary.weigh(d), d, true, d.placedAt);
      if (!scored) continue;
      const own = from.members.size > 1 ? (scored.get(from) ?? 0) : 0;
      let best: Story | null = null;
      let bestSim = own + o.refineMargin;
      for (const [s, sim] of scored) {
        if (s === from) continue;
        if (sim >= this.joinAt && (sim > bestSim || (sim === bestSim && best && cmp(s.id, best.id) < 0))) {
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
      const ns = this.newStory(this.newId(minId(part), true));
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
    const idf = (t: number): number => this.vocabulary.idfOf(t);
    const cos = (q: Vec, sum: SparseSum): number => {
      let n = 0;
      for (let i = 0; i < sum.size; i++) n += ((sum.w[i] as number) * idf(sum.ids[i] as number)) ** 2;
      return n > 0 ? dot(q, sum, idf) / Math.sqrt(n) : 0;
    };
    for (const m of s.members) {
      const q = this.vocabulary.weigh(m);
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
      const sim = this.centroidCosine(this.vocabulary.weigh(d), s);
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

/** A query's similarities to a story (see `similarity`). */
interface Similarity {
  /** Cosine to the centroid. */
  cosine: number;
  /** Average cosine to the members. */
  average: number;
  /** The part of the cosine carried by name phrases. */
  names: number;
  /** |centroid| / Σ|members| (1 for one member). */
  cohesion: number;
}

/** The linking model's features (./linking.ts, LINK_FEATURES order) of a query against a story of `size` members. */
function linkFeatures(sim: Similarity, tf: number, size: number): Float64Array {
  const x = new Float64Array(LINK_FEATURES.length);
  const logSize = Math.log(Math.max(1, size));
  x[0] = sim.cosine * tf;
  x[1] = sim.average * tf;
  x[2] = sim.names * tf;
  x[3] = size <= 1 ? 1 : sim.cohesion;
  x[4] = logSize;
  x[5] = sim.cosine * tf * logSize;
  return x;
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
