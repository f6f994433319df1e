/**
 * Re-splitting a story that may have grown into a topic blob (see `splitStory`).
 */
import { dotMatrix, type Vec } from './sparse.js';
import type { Vocabulary } from './vocabulary.js';
import type { ClusterOptions } from './options.js';

type SplitOptions = Pick<ClusterOptions, 'splitLink' | 'splitSeparation'>;

/** Per-term counts within one story while it is re-examined; all zero between calls. */
let localDf = new Int32Array(0);

/**
 * Local re-splitting of a story that may have grown into a topic blob (articles of
 * several events sharing common names: "Trump", "White House"). The members are
 * re-grouped with their term weights multiplied by an IDF computed within the story
 * (ln((n + 1) / (df_story + 0.5))): a term every member shares weighs almost nothing
 * there, and the specific terms (the names and nouns of each event) decide. Grouping
 * is average-link agglomerative over the members (order-independent, n ≤ splitMaxSize),
 * stopping below `splitLink`; members left alone join the group they are closest to.
 * Groups stay together unless, under the corpus IDF, their members are far less alike
 * across than within (`splitSeparation`); groups are joined by average link, so no one
 * group bridges two others into one story. When two or more groups remain,
 * the caller (the clusterer) keeps the story id for the largest and makes the others new stories.
 * Returns the parts (indices into `members`) when there are two or more, else null.
 * This is the classic two-level ("scatter/gather") remedy; written here because it
 * works on the clusterer's own interned vectors and story sums.
 */
export function splitStory(members: ReadonlyArray<{ ids: Int32Array; w: Float32Array }>, vocab: Vocabulary, o: SplitOptions): number[][] | null {
  const n = members.length;
  // Document frequencies within the story, in a scratch array by term id (cleared below).
  if (localDf.length < vocab.size) localDf = new Int32Array(Math.max(vocab.size, localDf.length * 2, 1024));
  const ldf = localDf;
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
      const x = local > 0 ? (d.w[i] as number) * vocab.idfOf(t) * local : 0;
      w[i] = x;
      nn += x * x;
    }
    nn = Math.sqrt(nn);
    if (nn > 0) for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) / nn;
    return shared(d.ids, w);
  });
  // Member vectors under the corpus IDF (for the separation check below).
  const sortedQ = members.map((d) => shared(d.ids, vocab.weigh(d).w));
  for (const d of members) for (const t of d.ids) ldf[t] = 0;
  const sim = dotMatrix(vecs);
  const groups = averageLink(sim, n, o.splitLink);
  let parts = groups.filter((g) => g.length >= 2);
  if (parts.length < 2) return null;
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
  // across parts than within each part (average pairwise cosine). Parts are joined by
  // average link, the most alike pair first, and the test is made again against the
  // joined part: a chain of pairwise-close parts (A near B, B near C) does not by itself
  // pull A and C together, so no single bridging part glues unrelated events.
  // Their pairwise cosines, all at once (`dotMatrix` gives `dot`'s value for each pair, bit for bit).
  const qsim = dotMatrix(sortedQ);
  const gsim = (a: number, b: number): number => qsim[a * n + b] as number;
  const pairSum = (A: number[], B: number[] | null): PairSum => {
    let sum = 0;
    let k = 0;
    for (let x = 0; x < A.length; x++) {
      const ys = B ?? A;
      for (let y = B ? 0 : x + 1; y < ys.length; y++) {
        sum += gsim(A[x] as number, ys[y] as number);
        k++;
      }
    }
    return { sum, k };
  };
  const m = parts.length;
  const within = parts.map((p) => pairSum(p, null));
  const across: PairSum[] = new Array<PairSum>(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const x = pairSum(parts[a] as number[], parts[b] as number[]);
      across[a * m + b] = x;
      across[b * m + a] = x;
    }
  }
  const live = parts.map(() => true);
  for (;;) {
    const pair = bestPair(m, (a) => live[a] === true, o.splitSeparation, (a, b) => {
      const floor = Math.min(mean(within[a] as PairSum), mean(within[b] as PairSum));
      return floor > 0 ? mean(across[a * m + b] as PairSum) / floor : Number.POSITIVE_INFINITY;
    });
    if (!pair) break;
    const [best, bestJ] = pair;
    // Join part bestJ into part best: their pair sums add up.
    const wa = within[best] as PairSum;
    const wb = within[bestJ] as PairSum;
    const ab = across[best * m + bestJ] as PairSum;
    within[best] = { sum: wa.sum + wb.sum + ab.sum, k: wa.k + wb.k + ab.k };
    for (let c = 0; c < m; c++) {
      if (!live[c] || c === best || c === bestJ) continue;
      const x = across[best * m + c] as PairSum;
      const y = across[bestJ * m + c] as PairSum;
      const z = { sum: x.sum + y.sum, k: x.k + y.k };
      across[best * m + c] = z;
      across[c * m + best] = z;
    }
    (parts[best] as number[]).push(...(parts[bestJ] as number[]));
    live[bestJ] = false;
  }
  parts = parts.filter((_, i) => live[i]);
  return parts.length < 2 ? null : parts;
}

/**
 * Splitting a story whose members are, on average, unlike one another (issue 13 §1: a
 * story built by joins into a loose centroid, each newcomer close to the mixed centroid
 * but unlike its members). When the members' average pairwise cosine under the corpus
 * IDF is below `floor`, they are re-grouped by average-link agglomeration stopping at
 * `floor`: every group formed by a join has an average pairwise cosine of at least
 * `floor` (each join is at least `floor` across, and both sides were), so no part is
 * again a story of unlike members; members alike to no group stay alone. Returns the
 * groups (indices into `members`) when there are two or more, else null (the story is
 * cohesive enough, or average link keeps it whole). O(n²) dot products: the caller
 * runs it only when its O(1) estimate of the cohesion (`Story.cohesion` in
 * ./cluster.ts) is below the floor.
 */
export function splitIncoherent(members: ReadonlyArray<{ ids: Int32Array; w: Float32Array }>, vocab: Vocabulary, floor: number): number[][] | null {
  const n = members.length;
  if (n < 3) return null;
  const sim = dotMatrix(members.map((d) => vocab.weigh(d)));
  if (meanPair(sim, n) >= floor) return null;
  const groups = averageLink(sim, n, floor);
  return groups.length < 2 ? null : groups;
}

/**
 * Splitting a small loose story (see options.ts `splitSmallCohesion`): when the members'
 * average pairwise cosine under the corpus IDF is below `link`, they are re-grouped by
 * average link stopping at `link`; a member left alone then joins the group it is most
 * alike to on average when that average is at least `attach` (the `splitCohesion`
 * floor), else stays alone (saying less). Returns the groups (indices into `members`)
 * when there are two or more, else null. O(n²) for n ≤ `splitSmallSize`.
 */
export function splitSmallLoose(members: ReadonlyArray<{ ids: Int32Array; w: Float32Array }>, vocab: Vocabulary, link: number, attach: number): number[][] | null {
  const n = members.length;
  if (n < 3) return null;
  const sim = pairwise(members, vocab);
  if (meanPair(sim, n) >= link) return null;
  const groups = averageLink(sim, n, link);
  const parts = groups.filter((g) => g.length >= 2).map((g) => [...g]);
  const out = parts.map((g) => [...g]);
  for (const g of groups) {
    if (g.length >= 2) continue;
    const i = g[0] as number;
    let to = -1;
    let best = attach;
    parts.forEach((p, k) => {
      let sum = 0;
      for (const j of p) sum += sim[i * n + j] as number;
      if (sum / p.length >= best) {
        best = sum / p.length;
        to = k;
      }
    });
    if (to >= 0) (out[to] as number[]).push(i);
    else out.push([i]);
  }
  return out.length < 2 ? null : out;
}

/** Pairwise cosines (corpus IDF) of a story's members, n × n. */
function pairwise(members: ReadonlyArray<{ ids: Int32Array; w: Float32Array }>, vocab: Vocabulary): Float64Array {
  return dotMatrix(members.map((d) => vocab.weigh(d)));
}

/** The mean of the pairwise similarities above the diagonal. */
function meanPair(sim: Float64Array, n: number): number {
  let total = 0;
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) total += sim[a * n + b] as number;
  return total / ((n * (n - 1)) / 2);
}

/**
 * Average-link agglomeration of n items with pairwise similarities `sim` (n × n):
 * the two groups with the highest average similarity join while it is at least
 * `floor`; on ties the last such pair in scan order (i, then j > i, ascending), as
 * `bestPair` picks it. Returns the groups (indices), none empty.
 *
 * Each row i keeps its best partner j > i (highest average, ties to the larger j), so a
 * join rescans only the rows whose best partner was one of the two joined groups, not
 * every pair: O(n²) for most inputs instead of O(n³) (a story of 600 members re-grouped
 * in milliseconds). The same pairs join in the same order, as the scores are the same
 * doubles computed the same way.
 */
export function averageLink(sim: Float64Array, n: number, floor: number): number[][] {
  // `link` holds the summed similarity between groups.
  const groups: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const link = sim.slice();
  const alive = new Uint8Array(n).fill(1);
  const score = (i: number, j: number): number => (link[i * n + j] as number) / ((groups[i] as number[]).length * (groups[j] as number[]).length);
  /** Row i's best partner j > i (−1: none) and its score. */
  const bestJ = new Int32Array(n).fill(-1);
  const bestS = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const rescan = (i: number): void => {
    let bj = -1;
    let bs = Number.NEGATIVE_INFINITY;
    for (let j = i + 1; j < n; j++) {
      if (!alive[j]) continue;
      const s = score(i, j);
      if (s >= bs) {
        bs = s;
        bj = j;
      }
    }
    bestJ[i] = bj;
    bestS[i] = bs;
  };
  for (let i = 0; i < n; i++) rescan(i);
  for (;;) {
    // The best row: highest score at least `floor`, ties to the larger i.
    let a = -1;
    let top = floor;
    for (let i = 0; i < n; i++) {
      if (!alive[i] || (bestJ[i] as number) < 0) continue;
      const s = bestS[i] as number;
      if (s >= top) {
        top = s;
        a = i;
      }
    }
    if (a < 0) break;
    const b = bestJ[a] as number;
    (groups[a] as number[]).push(...(groups[b] as number[]));
    groups[b] = [];
    alive[b] = 0;
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === a) continue;
      const v = (link[a * n + k] as number) + (link[b * n + k] as number);
      link[a * n + k] = v;
      link[k * n + a] = v;
    }
    // Rows whose best partner was a or b are scanned again; rows before a compare their new score with a.
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === a) continue;
      const j = bestJ[k] as number;
      if (j === a || j === b) rescan(k);
      else if (k < a) {
        const s = score(k, a);
        if (s > (bestS[k] as number) || (s === bestS[k] && a > j)) {
          bestJ[k] = a;
          bestS[k] = s;
        }
      }
    }
    rescan(a);
  }
  return groups.filter((g) => g.length > 0);
}

/**
 * The pair (i < j) of live items with the highest score, at least `floor`; on ties the
 * last such pair in scan order. Null when no pair reaches the floor.
 */
function bestPair(n: number, live: (i: number) => boolean, floor: number, score: (i: number, j: number) => number): [number, number] | null {
  let pair: [number, number] | null = null;
  let top = floor;
  for (let i = 0; i < n; i++) {
    if (!live(i)) continue;
    for (let j = i + 1; j < n; j++) {
      if (!live(j)) continue;
      const s = score(i, j);
      if (s >= top) {
        pair = [i, j];
        top = s;
      }
    }
  }
  return pair;
}

/** A sum of pairwise cosines and the number of pairs. */
interface PairSum {
  sum: number;
  k: number;
}

function mean(x: PairSum): number {
  return x.k > 0 ? x.sum / x.k : 0;
}
