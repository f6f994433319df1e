/**
 * Bounded comparisons for story-sized inputs: instead of comparing every pair of
 * quotes, statements, events or article sentences (quadratic in the story's size),
 * candidates are found through an inverted index and only they are compared.
 *
 *   pairsSharing   all pairs of key sets sharing at least m keys, by prefix filtering
 *                  (Chaudhuri et al., "A primitive operator for similarity joins", 2006):
 *                  with keys ordered rarest first, two sets sharing m keys share one of
 *                  the first |set| − m + 1 keys of each, so only those are indexed and
 *                  probed, and the very common keys (a story's main entity) mostly never are;
 *   KeyIndex       one-against-all queries (a claim against the story's statements);
 *   dedupe         identical items (copies of one wire story) reduced to one
 *                  representative before any pairing.
 *
 * Written here: a few dozen lines over the analysis's own key sets; the set-similarity
 * join libraries on npm index strings or vectors of their own and do not take a
 * minimum-overlap count.
 */

/**
 * For each set i, the indices j > i (ascending) of the sets sharing at least `minShared`
 * keys with it. Exact: the same pairs as comparing every pair, at a cost that grows with
 * the number of candidate pairs rather than with the square of the number of sets.
 */
export function pairsSharing<K>(sets: ReadonlyArray<ReadonlySet<K>>, minShared: number): number[][] {
  const m = Math.max(1, minShared);
  const df = new Map<K, number>();
  for (const s of sets) for (const k of s) df.set(k, (df.get(k) ?? 0) + 1);
  // A global order of keys: rarest first, ties by first appearance.
  const rank = new Map<K, number>();
  [...df.keys()]
    .map((k, i) => ({ k, i, n: df.get(k) as number }))
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .forEach((x, r) => rank.set(x.k, r));
  const postings = new Map<K, number[]>();
  const adj: number[][] = sets.map(() => []);
  const mark = new Int32Array(sets.length).fill(-1);
  for (let i = 0; i < sets.length; i++) {
    const s = sets[i] as ReadonlySet<K>;
    if (s.size < m) continue;
    const ordered = [...s].sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number));
    const prefix = ordered.slice(0, ordered.length - m + 1);
    const cands: number[] = [];
    for (const k of prefix) {
      const p = postings.get(k);
      if (!p) continue;
      for (const j of p) {
        if (mark[j] === i) continue;
        mark[j] = i;
        cands.push(j);
      }
    }
    for (const j of cands) if (sharedAtLeast(s, sets[j] as ReadonlySet<K>, m)) (adj[j] as number[]).push(i);
    for (const k of prefix) {
      const p = postings.get(k);
      if (p) p.push(i);
      else postings.set(k, [i]);
    }
  }
  for (const l of adj) l.sort((a, b) => a - b);
  return adj;
}

/** Whether two sets have at least `m` keys in common. */
export function sharedAtLeast<K>(a: ReadonlySet<K>, b: ReadonlySet<K>, m: number): boolean {
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  let left = s.size;
  for (const x of s) {
    if (l.has(x) && ++n >= m) return true;
    if (n + --left < m) return false;
  }
  return n >= m;
}

/** Keys → items holding them, for one-against-all queries by shared keys. */
export class KeyIndex<K> {
  private readonly postings = new Map<K, number[]>();
  constructor(sets: ReadonlyArray<ReadonlySet<K>>) {
    sets.forEach((s, i) => {
      for (const k of s) {
        const p = this.postings.get(k);
        if (p) p.push(i);
        else this.postings.set(k, [i]);
      }
    });
  }

  /** Items holding at least `minShared` of `keys`, ascending, with the number shared. */
  query(keys: Iterable<K>, minShared: number): Array<{ i: number; shared: number }> {
    const count = new Map<number, number>();
    for (const k of keys) for (const i of this.postings.get(k) ?? []) count.set(i, (count.get(i) ?? 0) + 1);
    const out: Array<{ i: number; shared: number }> = [];
    for (const [i, shared] of count) if (shared >= minShared) out.push({ i, shared });
    return out.sort((a, b) => a.i - b.i);
  }
}

/**
 * Groups items by a key: the first item of each key is its representative. Returns the
 * representatives (in input order) and, for each, the items it stands for (itself first).
 */
export function dedupe<T>(items: readonly T[], key: (x: T) => string): { reps: T[]; members: T[][] } {
  const at = new Map<string, number>();
  const reps: T[] = [];
  const members: T[][] = [];
  for (const x of items) {
    const k = key(x);
    const i = at.get(k);
    if (i === undefined) {
      at.set(k, reps.length);
      reps.push(x);
      members.push([x]);
    } else (members[i] as T[]).push(x);
  }
  return { reps, members };
}

/** Union-find lives lower down (src/union-find.ts): the story clusterer uses it too. */
export { UnionFind } from '../union-find.js';
