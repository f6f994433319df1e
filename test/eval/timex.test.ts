import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateTimex, matchExtents, normaliseValue, readTimexFile, type TimexDoc } from '../../src/eval/timex.js';
import { sharedFile } from '../helpers/shared.js';

describe('TIMEX3 value normalisation', () => {
  const CASES: Array<[string, string]> = [
    ['1998-08-07', '1998-08-07'],
    ['1968-XX', '1968'],
    ['1998-XX-XX', '1998'],
    ['198X', '198'],
    ['2000-W7', '2000-W07'],
    ['2000-W14', '2000-W14'],
    ['1998-08-07TNI', '1998-08-07TNI'],
    ['present_ref', 'PRESENT_REF'],
  ];
  it.each(CASES)('%s → %s', (v, n) => expect(normaliseValue(v)).toBe(n));
  it('keeps granularity apart: a month is not its day, a week not its month', () => {
    expect(normaliseValue('1998-08')).not.toBe(normaliseValue('1998-08-07'));
    expect(normaliseValue('1998-W32')).not.toBe(normaliseValue('1998-08'));
  });
});

describe('extent matching', () => {
  it('pairs overlapping expressions one-to-one', () => {
    expect(matchExtents([{ start: 0, end: 9 }, { start: 20, end: 26 }], [{ start: 3, end: 9 }, { start: 30, end: 35 }])).toEqual([[0, 0]]);
    // One found expression overlapping two gold ones takes only the larger overlap.
    expect(matchExtents([{ start: 0, end: 20 }], [{ start: 0, end: 3 }, { start: 5, end: 20 }])).toEqual([[0, 1]]);
  });
  it('never pairs an expression twice and only overlapping ones (property)', () => {
    const span = fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 20 })).map(([s, l]) => ({ start: s, end: s + l }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), fc.array(span, { maxLength: 12 }), (f, g) => {
        const pairs = matchExtents(f, g);
        const fi = pairs.map(([i]) => i);
        const gi = pairs.map(([, j]) => j);
        if (new Set(fi).size !== fi.length || new Set(gi).size !== gi.length) return false;
        return pairs.every(([i, j]) => f[i]!.start < g[j]!.end && g[j]!.start < f[i]!.end);
      }),
    );
  });
});

describe('scoring the resolver', () => {
  const text = 'Suspected bombs exploded Friday, killing dozens. The embassy will reopen on Monday, and 1,700 were hurt in 1998 attacks.';
  const at = (s: string) => text.indexOf(s);
  const docs: TimexDoc[] = [
    {
      id: 'a',
      dct: '1998-08-07',
      text,
      timexes: [
        { start: at('Friday'), end: at('Friday') + 6, text: 'Friday', type: 'DATE', value: '1998-08-07' },
        // Gold says the Monday before; the resolver reads "will reopen" as the next one.
        { start: at('Monday'), end: at('Monday') + 6, text: 'Monday', type: 'DATE', value: '1998-08-03' },
        { start: at('dozens'), end: at('dozens') + 6, text: 'dozens', type: 'DATE', value: '1998' },
        { start: 0, end: 9, text: 'Suspected', type: 'DURATION', value: 'P1D' },
      ],
    },
  ];
  it('counts gold, found, matches and right values (DATE and TIME only)', () => {
    const r = evaluateTimex('mem', docs).dates;
    expect(r.gold).toBe(3);
    expect(r.found).toBe(3); // Friday, Monday, 1998
    expect(r.matched).toBe(2);
    expect(r.valueRight).toBe(1);
    expect(r.precision).toBeCloseTo(2 / 3);
    expect(r.recall).toBeCloseTo(2 / 3);
    expect(r.valueAccuracy).toBeCloseTo(1 / 2);
    expect(r.valueF1).toBeCloseTo(1 / 3);
  });
  it('lists what it missed, found in excess and valued wrongly', () => {
    const kinds = evaluateTimex('mem', docs).errors.map((e) => `${e.kind}:${e.text}`).sort();
    expect(kinds).toEqual(['missed:dozens', 'spurious:1998', 'value:Monday']);
  });
});

describe('reading a TIMEX file', () => {
  it('skips malformed lines with a diagnostic naming the line, and reads the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossread-timex-'));
    const file = join(dir, 'gold.jsonl');
    const good = { id: 'd1', dct: '1998-08-07', text: 'It exploded Friday.', timexes: [{ start: 12, end: 18, text: 'Friday', type: 'DATE', value: '1998-08-07' }] };
    writeFileSync(file, [JSON.stringify(good), '{not json', JSON.stringify({ id: 'd2', dct: 'soon', text: 'No dates.', timexes: [{ start: 'x' }] }), JSON.stringify([1])].join('\n'));
    const { docs, diagnostics } = await readTimexFile(file);
    expect(docs.map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(docs[1]?.dct).toBeNull();
    expect(diagnostics.map((d) => d.message.split(': ')[0])).toEqual([`${file}:2`, `${file}:3`, `${file}:3`, `${file}:4`]);
    expect(evaluateTimex(file, docs).dates.valueF1).toBe(1);
  });
  it('names a missing file', async () => {
    await expect(readTimexFile('/nonexistent/gold.jsonl')).rejects.toThrow('/nonexistent/gold.jsonl: no such file');
  });
});

const dev = sharedFile('data/dev/timex-tempeval3-aquaint.jsonl');
describe.skipIf(!dev)('the date resolver on the TempEval-3 AQUAINT dev documents', () => {
  it('reaches value F1 0.80 on DATE and TIME expressions', async () => {
    const { docs, diagnostics } = await readTimexFile(dev as string);
    expect(diagnostics).toEqual([]);
    const r = evaluateTimex(dev as string, docs);
    expect(r.documents).toBe(73);
    expect(r.dates.gold).toBe(497);
    expect(r.dates.valueF1).toBeGreaterThanOrEqual(0.8);
    expect(r.seconds).toBeLessThan(30);
  });
});
