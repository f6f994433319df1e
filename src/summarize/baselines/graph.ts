/** PageRank by power iteration over a dense weighted graph (shared by LexRank and TextRank). */

/**
 * Scores of the stationary distribution of a random walk that follows edges with
 * probability `d` in proportion to their weight and jumps to a uniformly random
 * node otherwise (Brin & Page 1998). Nodes without edges only receive jumps.
 */
export function pagerank(weights: Float64Array, n: number, d = 0.85, tol = 1e-6, maxIter = 100): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += weights[i * n + j] as number;
    out[i] = s;
  }
  let p = new Float64Array(n).fill(1 / n);
  for (let it = 0; it < maxIter; it++) {
    const next = new Float64Array(n).fill((1 - d) / n);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      const pi = p[i] as number;
      const deg = out[i] as number;
      if (deg <= 0) {
        dangling += pi;
        continue;
      }
      const f = (d * pi) / deg;
      for (let j = 0; j < n; j++) {
        const w = weights[i * n + j] as number;
        if (w > 0) next[j] = (next[j] as number) + f * w;
      }
    }
    if (dangling > 0) for (let j = 0; j < n; j++) next[j] = (next[j] as number) + (d * dangling) / n;
    let diff = 0;
    for (let j = 0; j < n; j++) diff += Math.abs((next[j] as number) - (p[j] as number));
    p = next;
    if (diff < tol) break;
  }
  return p;
}
