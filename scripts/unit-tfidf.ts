/**
 * Unit TF-IDF vectors over a set of documents' term weights, for the clustering study
 * scripts (`cluster-ceiling.ts`, `pair-signals.ts`): idf(t) = ln((1 + n) / (1 + df(t))) + 1
 * over the n documents given, each vector scaled to length 1.
 */
export interface UnitTfIdf {
  /** The idf of a term over the documents given. */
  idf(term: string): number;
  /** One unit vector per document, in the order given. */
  vectors: Map<string, number>[];
  /** How many of the documents hold each term. */
  documentFrequency: ReadonlyMap<string, number>;
}

export function unitTfIdf(docs: readonly ReadonlyMap<string, number>[]): UnitTfIdf {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const idf = (t: string): number => Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1;
  const vectors = docs.map((d) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, w] of d) {
      const x = w * idf(t);
      v.set(t, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, x] of v) v.set(t, x / norm);
    return v;
  });
  return { idf, vectors, documentFrequency: df };
}
