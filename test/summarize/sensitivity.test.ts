import { describe, expect, it } from 'vitest';
import { variants } from '../../scripts/summary-sensitivity.js';
import { CROSSREAD_DEFAULTS } from '../../src/summarize/crossread.js';

describe('sensitivity variants', () => {
  const v = variants();
  it('start from the defaults and move each setting by exactly ±25%', () => {
    expect(v[0]?.[1]).toEqual({});
    const r = v.filter(([, p]) => p.costExponent !== undefined).map(([, p]) => p.costExponent);
    expect(r).toEqual([CROSSREAD_DEFAULTS.costExponent * 0.75, CROSSREAD_DEFAULTS.costExponent * 1.25].map((x) => Number(x.toFixed(4))));
    const lf = v.filter(([n]) => n.startsWith('function-word')).map(([, p]) => p.functionWordWeight);
    expect(lf).toEqual([CROSSREAD_DEFAULTS.unigramWeight * 0.75, CROSSREAD_DEFAULTS.unigramWeight * 1.25].map((x) => Number(x.toFixed(4))));
  });
  it('scales the concept model logits without changing its features', () => {
    const scaled = v.filter(([n]) => n.startsWith('concept-model logits')).map(([, p]) => p.model);
    expect(scaled).toHaveLength(2);
    for (const m of scaled) expect(m?.features.length).toBe(24);
    expect(scaled[1]!.bigram[0]! / scaled[0]!.bigram[0]!).toBeCloseTo(1.25 / 0.75, 12);
  });
});
