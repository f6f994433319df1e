/**
 * Sparse vectors over interned term ids (ids ascending): the clusterer's vectors, story
 * sums kept in typed arrays, the one dot product, and top-k selection by weight.
 */

/** A sparse vector over interned term ids (ids ascending). */
export interface Vec {
  ids: Int32Array;
  w: Float64Array;
}

/** The entries of a sparse vector: ids ascending, the first `size` entries (a `Vec` has no spare capacity). */
interface Entries {
  ids: Int32Array;
  w: ArrayLike<number>;
  size?: number;
}

/** First index in [from, n) whose id is ≥ t, or n (ids ascending; galloping, then binary search). */
export function lowerBound(ids: Int32Array, n: number, t: number, from: number): number {
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

/**
 * Dot product of two sparse vectors (ids ascending), each term's product times
 * `weight(term)` when given (IDF² for two story sums, IDF for a vector against a sum).
 * The only dot product of the clusterer: a merge over both id lists.
 */
export function dot(a: Entries, b: Entries, weight?: (term: number) => number): number {
  const na = a.size ?? a.ids.length;
  const nb = b.size ?? b.ids.length;
  let x = 0;
  for (let i = 0, j = 0; i < na && j < nb; ) {
    const ta = a.ids[i] as number;
    const tb = b.ids[j] as number;
    if (ta < tb) i++;
    else if (tb < ta) j++;
    else {
      x += weight ? (a.w[i] as number) * (b.w[j] as number) * weight(ta) : (a.w[i] as number) * (b.w[j] as number);
      i++;
      j++;
    }
  }
  return x;
}

/** Scratch arrays of `dotMatrix`, indexed by term id: members holding the term, then where its postings go (all zero between calls). */
let termCount = new Int32Array(0);
let termAt = new Int32Array(0);

/**
 * The symmetric n × n matrix of the vectors' dot products (the diagonal left 0), from
 * an inverted index of the vectors: for each term held by two vectors or more, in
 * ascending term id, each pair of its holders adds its product. That is the same sum,
 * in the same order (ascending term id, the order of `dot`'s merge), as a merge per
 * pair, so the same doubles, bit for bit; but the work is the pairs that share a term
 * (Σ df²), not every pair times both vectors' lengths: a story of 600 members costs
 * ~20× less. Each product is stored as it is computed (no heap number per pair).
 */
export function dotMatrix(vecs: ReadonlyArray<Vec>): Float64Array {
  const n = vecs.length;
  const sim = new Float64Array(n * n);
  let maxId = -1;
  let entries = 0;
  for (const v of vecs) {
    const k = v.ids.length;
    entries += k;
    if (k > 0 && (v.ids[k - 1] as number) > maxId) maxId = v.ids[k - 1] as number;
  }
  if (maxId < 0) return sim;
  if (termCount.length <= maxId) {
    termCount = new Int32Array(Math.max(maxId + 1, termCount.length * 2, 1024));
    termAt = new Int32Array(termCount.length);
  }
  const count = termCount;
  const at = termAt;
  for (const v of vecs) for (let i = 0; i < v.ids.length; i++) count[v.ids[i] as number] = (count[v.ids[i] as number] as number) + 1;
  // Terms held by two vectors or more, ascending, and where each one's postings start.
  let shared = 0;
  for (const v of vecs) {
    for (let i = 0; i < v.ids.length; i++) {
      const t = v.ids[i] as number;
      if ((count[t] as number) >= 2 && at[t] === 0) {
        at[t] = -1;
        shared++;
      }
    }
  }
  const terms = new Int32Array(shared);
  let k = 0;
  for (const v of vecs) {
    for (let i = 0; i < v.ids.length; i++) {
      const t = v.ids[i] as number;
      if (at[t] === -1) {
        at[t] = -2;
        terms[k++] = t;
      }
    }
  }
  terms.sort();
  const start = new Int32Array(shared + 1);
  for (let j = 0; j < shared; j++) {
    const t = terms[j] as number;
    start[j + 1] = (start[j] as number) + (count[t] as number);
    at[t] = start[j] as number;
  }
  // Postings: holders in ascending vector order, with their weights.
  const total = start[shared] as number;
  const who = new Int32Array(Math.min(total, entries));
  const wt = new Float64Array(who.length);
  for (let a = 0; a < n; a++) {
    const { ids, w } = vecs[a] as Vec;
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i] as number;
      if ((count[t] as number) < 2) continue;
      const p = at[t] as number;
      who[p] = a;
      wt[p] = w[i] as number;
      at[t] = p + 1;
    }
  }
  for (let j = 0; j < shared; j++) {
    const end = start[j + 1] as number;
    for (let x = start[j] as number; x < end; x++) {
      const row = (who[x] as number) * n;
      const wx = wt[x] as number;
      for (let y = x + 1; y < end; y++) sim[row + (who[y] as number)] = (sim[row + (who[y] as number)] as number) + wx * (wt[y] as number);
    }
  }
  for (const v of vecs) {
    for (let i = 0; i < v.ids.length; i++) {
      count[v.ids[i] as number] = 0;
      at[v.ids[i] as number] = 0;
    }
  }
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) sim[b * n + a] = sim[a * n + b] as number;
  return sim;
}

/**
 * Indices of the k largest `key` values (ties: smaller id first), in that order, by a
 * bounded insertion into a k-sized list (k is small: the query terms). An index is put
 * in place by shifting the worse ones down one slot, comparing numbers only: no array
 * per step (a swap by destructuring allocated one, some 150 KB per article assigned).
 */
export function topIndices(key: ArrayLike<number>, ids: Int32Array, k: number): number[] {
  const top: number[] = [];
  if (k <= 0) return top;
  for (let i = 0; i < key.length; i++) {
    const ki = key[i] as number;
    const ii = ids[i] as number;
    let j = top.length;
    if (j === k) {
      // Full: i must beat the last one, whose slot it takes.
      const last = top[k - 1] as number;
      const kl = key[last] as number;
      if (!(ki > kl || (ki === kl && ii < (ids[last] as number)))) continue;
      j = k - 1;
    } else top.push(i);
    while (j > 0) {
      const p = top[j - 1] as number;
      const kp = key[p] as number;
      if (!(ki > kp || (ki === kp && ii < (ids[p] as number)))) break;
      top[j] = p;
      j--;
    }
    top[j] = i;
  }
  return top;
}
