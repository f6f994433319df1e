/**
 * Clustering quality metrics: B-cubed precision/recall/F1 (Bagga & Baldwin 1998,
 * as used on the Priberam news-stream benchmark), pairwise precision/recall/F1, and
 * the Adjusted Rand Index (Hubert & Arabie 1985).
 *
 * Written by hand: each is a few lines over a contingency table, and the npm
 * packages for them are unmaintained or pull in a numeric framework.
 *
 * Both partitions map item id → cluster label; only items present in both count.
 */

export interface ClusterMetrics {
  items: number;
  predictedClusters: number;
  goldClusters: number;
  bcubed: { precision: number; recall: number; f1: number };
  pairwise: { precision: number; recall: number; f1: number };
  ari: number;
}

function f1(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

/** n choose 2. */
function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

/** Computes every metric for a predicted partition against a gold one. */
export function clusterMetrics(predicted: Map<string, string>, gold: Map<string, string>): ClusterMetrics {
  const ids = [...gold.keys()].filter((id) => predicted.has(id));
  const n = ids.length;
  // Contingency table: predicted → gold → count; and marginals.
  const cell = new Map<string, Map<string, number>>();
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  for (const id of ids) {
    const p = predicted.get(id) as string;
    const g = gold.get(id) as string;
    let row = cell.get(p);
    if (!row) cell.set(p, (row = new Map()));
    row.set(g, (row.get(g) ?? 0) + 1);
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
  }
  if (n === 0) {
    return {
      items: 0,
      predictedClusters: 0,
      goldClusters: 0,
      bcubed: { precision: 0, recall: 0, f1: 0 },
      pairwise: { precision: 0, recall: 0, f1: 0 },
      ari: 0,
    };
  }
  // B-cubed: for each item, the share of its predicted cluster that is in its gold
  // cluster (precision) and the share of its gold cluster in its predicted one (recall).
  // Summed per cell: a cell of size c contributes c × c / |pred| and c × c / |gold|.
  let bp = 0;
  let br = 0;
  let sumCellPairs = 0;
  for (const [p, row] of cell) {
    for (const [g, c] of row) {
      bp += (c * c) / (predSize.get(p) as number);
      br += (c * c) / (goldSize.get(g) as number);
      sumCellPairs += pairs(c);
    }
  }
  bp /= n;
  br /= n;
  let sumPredPairs = 0;
  for (const s of predSize.values()) sumPredPairs += pairs(s);
  let sumGoldPairs = 0;
  for (const s of goldSize.values()) sumGoldPairs += pairs(s);
  // Pairwise: same-cluster pairs. With no pairs on one side, precision/recall is 1 by convention
  // when the other side also has none (both all-singletons), else 0.
  const pp = sumPredPairs > 0 ? sumCellPairs / sumPredPairs : sumGoldPairs === 0 ? 1 : 0;
  const pr = sumGoldPairs > 0 ? sumCellPairs / sumGoldPairs : sumPredPairs === 0 ? 1 : 0;
  // ARI.
  const total = pairs(n);
  const expected = total > 0 ? (sumPredPairs * sumGoldPairs) / total : 0;
  const maxIndex = (sumPredPairs + sumGoldPairs) / 2;
  const ari = maxIndex === expected ? 1 : (sumCellPairs - expected) / (maxIndex - expected);
  return {
    items: n,
    predictedClusters: predSize.size,
    goldClusters: goldSize.size,
    bcubed: { precision: bp, recall: br, f1: f1(bp, br) },
    pairwise: { precision: pp, recall: pr, f1: f1(pp, pr) },
    ari,
  };
}
