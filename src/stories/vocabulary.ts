/**
 * The clusterer's vocabulary: terms interned to integer ids, their document
 * frequencies over the corpus, and IDF with a background prior, cached per term.
 * Selecting an article's most salient terms (by weight × IDF) lives here too.
 */
import { MAX_TERMS, ownString, type ExtractedFeatures } from './features.js';
import { backgroundDf } from './background.js';
import type { Vec } from './sparse.js';

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

export class Vocabulary {
  private nDocs = 0;
  // Interned terms: id → name, background prior, document frequency, cached IDF (NaN = stale).
  private readonly termIds = new Map<string, number>();
  private names: string[] = [];
  private prior = new Float64Array(1024);
  private dfById = new Int32Array(1024);
  private idfById = new Float64Array(1024).fill(Number.NaN);
  /** 1 for name phrases (`stormy_daniels`, see ./features.ts), by term id. */
  private phrase = new Uint8Array(1024);
  private idfDocs = 0;

  /**
   * `backgroundDocs`: weight of the background document-frequency prior, in virtual
   * documents (0 disables); `priorOf`: a term's background document probability.
   */
  constructor(
    private readonly backgroundDocs: number,
    private readonly priorOf: (term: string) => number = backgroundDf,
  ) {}

  /** Number of interned terms (term ids are below it). */
  get size(): number {
    return this.names.length;
  }

  /** The id of a term, interned on first sight. */
  id(t: string): number {
    let id = this.termIds.get(t);
    if (id !== undefined) return id;
    id = this.names.length;
    // Interned for good: a term decoded from a stored row must not keep the row's text alive.
    t = ownString(t);
    this.termIds.set(t, id);
    this.names.push(t);
    if (id >= this.dfById.length) {
      const grow = <T extends Uint8Array | Int32Array | Float64Array>(a: T, fill: number): T => {
        const b = new (a.constructor as { new (n: number): T })(a.length * 2);
        b.fill(fill);
        b.set(a);
        return b;
      };
      this.dfById = grow(this.dfById, 0);
      this.prior = grow(this.prior, 0);
      this.idfById = grow(this.idfById, Number.NaN);
      this.phrase = grow(this.phrase, 0);
    }
    this.phrase[id] = t.includes('_') ? 1 : 0;
    this.prior[id] = this.backgroundDocs > 0 ? this.backgroundDocs * this.priorOf(t) : 0;
    return id;
  }

  /** Counts a document's vocabulary in the document frequencies (before assigning it). */
  observe(vocabulary: Iterable<string>): void {
    this.nDocs++;
    this.checkIdfCache();
    for (const t of vocabulary) {
      const id = this.id(t);
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
    // forEach, not for…of over entries: no [term, weight] pair per term.
    f.allTerms.forEach((x, t) => {
      const id = this.id(t);
      this.dfById[id] = (this.dfById[id] as number) + 1;
      this.idfById[id] = Number.NaN;
      ids[k] = id;
      raw[k] = x;
      k++;
    });
    // Ids ascending by the typed array's own numeric sort; weights follow through a
    // scratch position table indexed by term id (no comparator, no allocation per term).
    const pos = this.scratch(this.names.length);
    for (let i = 0; i < n; i++) pos[ids[i] as number] = i;
    ids.sort();
    const w = new Float32Array(n);
    for (let i = 0; i < n; i++) w[i] = raw[pos[ids[i] as number] as number] as number;
    return { ids, w };
  }

  /**
   * How many of these documents hold each term: [term id, count] in the order the terms
   * are first met (document by document, each one's ids in its order). Counted in a
   * scratch array indexed by term id, not a Map: a batch of 256 articles counts some
   * 10^5 term occurrences.
   */
  countTerms(docs: ReadonlyArray<{ ids: Int32Array }>): Array<[number, number]> {
    const counts = this.scratch(this.names.length);
    // The scratch is shared with observeInterned, which leaves positions in it: cleared first.
    for (const d of docs) for (let i = 0; i < d.ids.length; i++) counts[d.ids[i] as number] = 0;
    const order: number[] = [];
    for (const d of docs) {
      for (let i = 0; i < d.ids.length; i++) {
        const id = d.ids[i] as number;
        if (counts[id] === 0) order.push(id);
        counts[id] = (counts[id] as number) + 1;
      }
    }
    return order.map((id) => [id, counts[id] as number]);
  }

  private scratchPos = new Int32Array(0);
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

  /** Whether a term id is a name phrase (two capitalised words side by side). */
  isPhrase(id: number): boolean {
    return this.phrase[id] === 1;
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
      const id = this.id(t);
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
    for (const [t, c] of df) this.dfById[this.id(t)] = c;
  }

  /**
   * Smoothed IDF with a background prior: ln((1 + N + B) / (1 + df + B × p)) + 1, where
   * B is `backgroundDocs` virtual documents and p the term's background document
   * probability (./background.ts). With B = 0 it is ../text/similarity.ts's IDF.
   * Cached values stay valid while the corpus grows by less than 5% (+16 documents);
   * terms whose document frequency changed are recomputed at once.
   */
  idfOf(id: number): number {
    let v = this.idfById[id] as number;
    if (Number.isNaN(v)) {
      const b = this.backgroundDocs;
      v = Math.log((1 + this.nDocs + b) / (1 + (this.dfById[id] as number) + (this.prior[id] as number))) + 1;
      this.idfById[id] = v;
    }
    return v;
  }

  /** Sets one term's document frequency (catching up with another writer's changes). */
  setDf(term: string, n: number): void {
    const id = this.id(term);
    this.dfById[id] = Math.max(0, n);
    this.idfById[id] = Number.NaN;
  }

  /** Adds `delta` to one term's document frequency. */
  addDf(term: string, delta: number): void {
    const id = this.id(term);
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

  /** IDF-weighted, L2-normalised vector of an article's terms (ids in the article's order). */
  weigh(d: { ids: Int32Array; w: Float32Array }): Vec {
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

  /** IDF of a term (see idfOf). */
  idf = (term: string): number => this.idfOf(this.id(term));

  get documentCount(): number {
    return this.nDocs;
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

}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
