/**
 * Extended B-cubed (Amigó, Gonzalo, Artiles & Verdejo 2009, "A comparison of extrinsic
 * clustering evaluation metrics based on formal constraints", section 5): B-cubed for
 * items that may belong to several clusters, in the gold labels, the prediction or both.
 *
 * For items e, e' with predicted clusters C(·) and gold labels L(·):
 *
 *   multiplicity precision(e, e') = min(|C(e) ∩ C(e')|, |L(e) ∩ L(e')|) / |C(e) ∩ C(e')|
 *   multiplicity recall(e, e')    = min(|C(e) ∩ C(e')|, |L(e) ∩ L(e')|) / |L(e) ∩ L(e')|
 *
 * Precision is the mean over items e of the mean over the items e' sharing a predicted
 * cluster with e (e itself included) of the multiplicity precision; recall the same over
 * the items e' sharing a gold label with e. When every item has one cluster and one
 * label this is ordinary B-cubed (Bagga & Baldwin 1998), as the tests check.
 *
 * Items with the same clusters and the same labels contribute alike, so they are
 * counted as one class with a weight: the cost is the number of pairs of classes that
 * share a cluster or a label, not of pairs of items.
 *
 * Both maps give item id → its clusters (or labels); only items present in both count.
 */

export interface ExtendedBcubed {
  items: number;
  /** Distinct predicted clusters and gold labels among the scored items. */
  predictedClusters: number;
  goldClusters: number;
  /** Items with more than one gold label. */
  overlappingGold: number;
  precision: number;
  recall: number;
  f1: number;
}

interface ItemClass {
  predicted: Set<string>;
  gold: Set<string>;
  count: number;
}

function intersectionSize(a: Set<string>, b: Set<string>): number {
  let n = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) n++;
  return n;
}

function distinct(labels: readonly string[], id: string, side: string): Set<string> {
  const s = new Set(labels);
  if (s.size === 0) throw new Error(`extended B-cubed: item "${id}" has no ${side} cluster (every item needs at least one)`);
  return s;
}

/** Groups items by (predicted clusters, gold labels) and indexes the classes by each cluster and label. */
function classesOf(predicted: ReadonlyMap<string, readonly string[]>, gold: ReadonlyMap<string, readonly string[]>) {
  const byKey = new Map<string, ItemClass>();
  for (const [id, labels] of gold) {
    const p = predicted.get(id);
    if (!p) continue;
    const pred = distinct(p, id, 'predicted');
    const g = distinct(labels, id, 'gold');
    const key = JSON.stringify([[...pred].sort(), [...g].sort()]);
    const c = byKey.get(key);
    if (c) c.count++;
    else byKey.set(key, { predicted: pred, gold: g, count: 1 });
  }
  const classes = [...byKey.values()];
  const byPredicted = new Map<string, number[]>();
  const byGold = new Map<string, number[]>();
  classes.forEach((c, i) => {
    for (const l of c.predicted) (byPredicted.get(l) ?? byPredicted.set(l, []).get(l)!).push(i);
    for (const l of c.gold) (byGold.get(l) ?? byGold.set(l, []).get(l)!).push(i);
  });
  return { classes, byPredicted, byGold };
}

/** The classes sharing at least one key with the given keys (each once). */
function neighbours(keys: Set<string>, index: Map<string, number[]>): Set<number> {
  const out = new Set<number>();
  for (const k of keys) for (const i of index.get(k) ?? []) out.add(i);
  return out;
}

function f1(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

/** Extended B-cubed precision, recall and F1 of a (possibly overlapping) prediction against (possibly overlapping) gold labels. */
export function extendedBcubed(predicted: ReadonlyMap<string, readonly string[]>, gold: ReadonlyMap<string, readonly string[]>): ExtendedBcubed {
  const { classes, byPredicted, byGold } = classesOf(predicted, gold);
  let n = 0;
  let precision = 0;
  let recall = 0;
  let overlappingGold = 0;
  for (const a of classes) {
    n += a.count;
    if (a.gold.size > 1) overlappingGold += a.count;
    // Precision of an item of class a: over the items sharing a predicted cluster with it.
    let sum = 0;
    let weight = 0;
    for (const j of neighbours(a.predicted, byPredicted)) {
      const b = classes[j] as ItemClass;
      const c = intersectionSize(a.predicted, b.predicted);
      sum += (b.count * Math.min(c, intersectionSize(a.gold, b.gold))) / c;
      weight += b.count;
    }
    precision += (a.count * sum) / weight;
    // Recall: over the items sharing a gold label with it.
    sum = 0;
    weight = 0;
    for (const j of neighbours(a.gold, byGold)) {
      const b = classes[j] as ItemClass;
      const l = intersectionSize(a.gold, b.gold);
      sum += (b.count * Math.min(intersectionSize(a.predicted, b.predicted), l)) / l;
      weight += b.count;
    }
    recall += (a.count * sum) / weight;
  }
  if (n === 0) return { items: 0, predictedClusters: 0, goldClusters: 0, overlappingGold: 0, precision: 0, recall: 0, f1: 0 };
  precision /= n;
  recall /= n;
  return { items: n, predictedClusters: byPredicted.size, goldClusters: byGold.size, overlappingGold, precision, recall, f1: f1(precision, recall) };
}
