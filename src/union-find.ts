/**
 * Union-find over 0..n−1: the one disjoint-set structure of crossread (lineages,
 * disputes, quote wordings, figure groups, story re-splitting, stored lineage counts).
 */

/** Union-find over 0..n−1 (path halving; the smaller index becomes the root). */
export class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i] as number] as number;
      i = p[i] as number;
    }
    return i;
  }
  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return ra;
    const [r, c] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[c] = r;
    return r;
  }
  /** The sets, each in ascending order, ordered by their smallest member (which is the root). */
  groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const r = this.find(i);
      const g = byRoot.get(r);
      if (g) g.push(i);
      else byRoot.set(r, [i]);
    }
    return [...byRoot.values()];
  }
}
