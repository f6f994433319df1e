import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareC, memberAggregates } from '../../src/store/rows.js';

/** PostgreSQL's COLLATE "C": the strings' UTF-8 bytes. */
const bytes = (a: string, b: string): number => Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));

describe('compareC', () => {
  it('orders as the UTF-8 bytes do, astral characters and those past the surrogates included', () => {
    const chars = fc.constantFrom('a', 'b', '-', '0', '9', 'é', '\uffef', '\ue000', '😀', '𝒜', ' ');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 6 }), fc.array(chars, { maxLength: 6 }), (x, y) => {
        const a = x.join('');
        const b = y.join('');
        expect(Math.sign(compareC(a, b))).toBe(bytes(a, b));
      }),
      { numRuns: 500 },
    );
    // Where JavaScript's `<` disagrees: a surrogate pair sorts before U+FFEF by code units, after it by bytes.
    expect(compareC('😀', '\uffef')).toBeGreaterThan(0);
  });
});

describe('memberAggregates', () => {
  it('gives COUNT, MIN/MAX ignoring nulls and the distinct outlets', () => {
    const m = memberAggregates([
      { published: '2017-09-12', sort_date: '2017-09-12', outlet: 'AP' },
      { published: null, sort_date: '2017-09-20', outlet: null },
      { published: '2017-09-03', sort_date: '2017-09-03', outlet: 'AP' },
      { published: '2017-09-14T08:00:00Z', sort_date: '2017-09-14T08:00:00Z', outlet: 'Reuters' },
    ]);
    expect({ ...m, outlets: [...m.outlets] }).toEqual({ n: 4, dfrom: '2017-09-03', dto: '2017-09-14T08:00:00Z', sfrom: '2017-09-03', sto: '2017-09-20', outlets: ['AP', 'Reuters'] });
    const undated = memberAggregates([{ published: null, sort_date: '2020-01-01', outlet: null }]);
    expect([undated.dfrom, undated.dto, undated.sfrom, undated.sto]).toEqual([null, null, '2020-01-01', '2020-01-01']);
  });
});
