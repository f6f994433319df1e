/**
 * Counting independent lineages: articles linked by shared text (near-copies, shared
 * passages: ./near-copies.ts) count once. The one place the store's listed
 * `lineageCount` and the clusterer's counts are computed (a briefing counts the
 * analysis stage's lineages, src/analysis/lineages.ts, by its own rule).
 */
import { UnionFind } from '../union-find.js';

/** Number of groups of `articleIds` connected by `links` (links to other articles are ignored). */
export function lineageCount(articleIds: readonly string[], links: Iterable<{ a: string; b: string }>): number {
  const index = new Map<string, number>();
  for (const id of articleIds) if (!index.has(id)) index.set(id, index.size);
  const pairs: Array<[number, number]> = [];
  for (const l of links) {
    const a = index.get(l.a);
    const b = index.get(l.b);
    if (a !== undefined && b !== undefined) pairs.push([a, b]);
  }
  return index.size - unions(index.size, pairs);
}

/**
 * Number of lineages of a story of `articleCount` articles given the text links among
 * its members (both ends members), without listing the members: each link that joins
 * two groups makes one lineage fewer.
 */
export function lineagesOfLinked(articleCount: number, links: Iterable<readonly [string, string]>): number {
  const index = new Map<string, number>();
  const pairs: Array<[number, number]> = [];
  const at = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) index.set(id, (i = index.size));
    return i;
  };
  for (const [a, b] of links) pairs.push([at(a), at(b)]);
  return articleCount - unions(index.size, pairs);
}

/** How many of `pairs` join two different groups of 0..n−1. */
function unions(n: number, pairs: ReadonlyArray<[number, number]>): number {
  const uf = new UnionFind(n);
  let joined = 0;
  for (const [a, b] of pairs) {
    if (uf.find(a) === uf.find(b)) continue;
    uf.union(a, b);
    joined++;
  }
  return joined;
}
