/** The plain words of a figure disagreement never show an empty "()" where a position has no source, outlet or date. */
import { describe, expect, it } from 'vitest';
import { analyzeStory } from '../../src/analysis/index.js';
import { doc } from './helpers.js';

describe('figure disagreement note', () => {
  it('names each position with what is known of it, and nothing when nothing is', () => {
    const a = analyzeStory([
      doc('a', 'At least 144 people were reported killed across the country on Monday, including 64 at a checkpoint in the province. The army said the fighting would go on.'),
      doc('b', 'As many as 125 people died across the country on Monday, many of them at a checkpoint in the province, the activists said. The army said the fighting would go on.'),
    ]);
    const d = a.disagreements.find((x) => x.kind === 'number');
    expect(d, 'a figure disagreement').toBeDefined();
    expect(d!.note).not.toContain('()');
    expect(d!.note).toMatch(/at least 144(?! \()/);
  });
});
