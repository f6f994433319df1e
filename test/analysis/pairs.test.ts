import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dedupe, KeyIndex, pairsSharing, sharedAtLeast, UnionFind } from '../../src/analysis/pairs.js';

function shared(a: Set<number>, b: Set<number>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

const keySets = fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 8 }), { maxLength: 25 }).map((xs) => xs.map((x) => new Set(x)));

describe('pairsSharing', () => {
  it('finds exactly the pairs that share at least m keys (property, against all pairs)', () => {
    fc.assert(
      fc.property(keySets, fc.integer({ min: 1, max: 4 }), (sets, m) => {
        const got = pairsSharing(sets, m);
        for (let i = 0; i < sets.length; i++) {
          const want: number[] = [];
          for (let j = i + 1; j < sets.length; j++) if (shared(sets[i]!, sets[j]!) >= m) want.push(j);
          expect(got[i]).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('handles empty sets and no sets', () => {
    expect(pairsSharing([], 2)).toEqual([]);
    expect(pairsSharing([new Set<string>(), new Set<string>()], 1)).toEqual([[], []]);
  });
  it('sharedAtLeast agrees with counting (property)', () => {
    fc.assert(
      fc.property(keySets, fc.integer({ min: 0, max: 5 }), (sets, m) => {
        for (let i = 1; i < sets.length; i++) expect(sharedAtLeast(sets[i - 1]!, sets[i]!, m)).toBe(shared(sets[i - 1]!, sets[i]!) >= m);
      }),
    );
  });
});

describe('KeyIndex', () => {
  it('returns the items holding at least m of the query keys, ascending (property)', () => {
    fc.assert(
      fc.property(keySets, fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 6 }), fc.integer({ min: 1, max: 3 }), (sets, q, m) => {
        const query = new Set(q);
        const want = sets.map((s, i) => ({ i, shared: shared(query, s) })).filter((x) => x.shared >= m);
        expect(new KeyIndex(sets).query(query, m)).toEqual(want);
      }),
    );
  });
});

describe('dedupe and UnionFind', () => {
  it('keeps the first item of each key as its representative, members in order', () => {
    const { reps, members } = dedupe(['a1', 'b1', 'a2', 'c1', 'b2', 'a3'], (x) => x[0] as string);
    expect(reps).toEqual(['a1', 'b1', 'c1']);
    expect(members).toEqual([['a1', 'a2', 'a3'], ['b1', 'b2'], ['c1']]);
  });
  it('partitions like the connected components of the unions (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), { maxLength: 15 }), (edges) => {
        const uf = new UnionFind(10);
        for (const [a, b] of edges) uf.union(a, b);
        // Reference: repeated relaxation of component labels.
        const label = Array.from({ length: 10 }, (_, i) => i);
        for (let changed = true; changed; ) {
          changed = false;
          for (const [a, b] of edges) {
            const m = Math.min(label[a]!, label[b]!);
            if (label[a] !== m || label[b] !== m) {
              label[a] = label[b] = m;
              changed = true;
            }
          }
        }
        for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) expect(uf.find(i) === uf.find(j)).toBe(label[i] === label[j]);
      }),
    );
  });
});

describe('UnionFind.groups', () => {
  it('partitions 0..n−1 into ascending sets ordered by their smallest member, one per root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.tuple(fc.nat(39), fc.nat(39)), { maxLength: 60 }), (n, pairs) => {
        const uf = new UnionFind(n);
        for (const [a, b] of pairs) if (a < n && b < n) uf.union(a, b);
        const groups = uf.groups();
        expect(groups.flat().sort((x, y) => x - y)).toEqual([...Array(n).keys()]);
        for (const g of groups) {
          expect(g).toEqual([...g].sort((x, y) => x - y));
          for (const i of g) expect(uf.find(i)).toBe(g[0]);
        }
        expect(groups.map((g) => g[0])).toEqual(groups.map((g) => g[0]).sort((x, y) => (x as number) - (y as number)));
      }),
    );
  });
});
