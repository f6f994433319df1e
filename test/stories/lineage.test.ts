import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineageCount, lineagesOfLinked } from '../../src/stories/lineage.js';

describe('lineage counts', () => {
  it('counts groups connected by links, ignoring links to articles not listed', () => {
    const links = [
      { a: 'a', b: 'b' },
      { a: 'b', b: 'c' },
      { a: 'd', b: 'x' },
    ];
    expect(lineageCount(['a', 'b', 'c', 'd', 'e'], links)).toBe(3);
    expect(lineageCount(['a', 'b', 'c', 'd', 'e'], [])).toBe(5);
  });

  it("the store's count from a story's size and its internal links equals the count over its members", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 30 }), (n, raw) => {
        const ids = Array.from({ length: n }, (_, i) => `a${i}`);
        const links = raw.filter(([x, y]) => x < n && y < n && x !== y).map(([x, y]) => [`a${x}`, `a${y}`] as [string, string]);
        expect(lineagesOfLinked(n, links)).toBe(lineageCount(ids, links.map(([a, b]) => ({ a, b }))));
      }),
    );
  });
});
