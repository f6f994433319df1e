/**
 * The clusterer's inverted index: term id → the stories whose articles index that term
 * (with how many of their articles do). A posting with one story holds it directly
 * (most terms are rare: no Map per term); longer ones are a Map whose insertion order
 * is recency (a story that takes an article moves to the end) and keep the
 * `maxPosting` most recently active stories (bounded memory and retrieval cost: news
 * is local in time, an older story drops out of a common term's list and stays
 * reachable through its rarer terms).
 */

/** One story with its count of indexing articles, or several in a Map ordered by recency. */
type Posting<S> = { story: S; n: number } | Map<S, number>;

export class Postings<S> {
  private readonly byTerm = new Map<number, Posting<S>>();

  constructor(private readonly maxPosting: number) {}

  /** One more article of story `s` indexes term `t`: `s` becomes the term's most recently active story. */
  add(t: number, s: S): void {
    const p = this.byTerm.get(t);
    if (!p) this.byTerm.set(t, { story: s, n: 1 });
    else if (!(p instanceof Map)) {
      if (p.story === s) p.n++;
      else this.byTerm.set(t, new Map([[p.story, p.n], [s, 1]]));
    } else {
      // Re-inserted at the end: the most recently active story.
      const n = (p.get(s) ?? 0) + 1;
      p.delete(s);
      p.set(s, n);
      if (p.size > this.maxPosting) p.delete(p.keys().next().value as S);
    }
  }

  /** One article of story `s` no longer indexes term `t`. */
  remove(t: number, s: S): void {
    const p = this.byTerm.get(t);
    if (!p) return;
    if (!(p instanceof Map)) {
      if (p.story === s && --p.n <= 0) this.byTerm.delete(t);
      return;
    }
    const c = (p.get(s) ?? 0) - 1;
    if (c > 0) p.set(s, c);
    else p.delete(s);
    if (p.size === 1) {
      const [only, n] = p.entries().next().value as [S, number];
      this.byTerm.set(t, { story: only, n });
    } else if (p.size === 0) this.byTerm.delete(t);
  }

  /** Calls `fn` with each story of term `t`'s posting, least recently active first. */
  each(t: number, fn: (s: S) => void): void {
    const p = this.byTerm.get(t);
    if (!p) return;
    if (p instanceof Map) for (const s of p.keys()) fn(s);
    else fn(p.story);
  }
}
