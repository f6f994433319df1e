/**
 * The guard of the summary-quality claim, on the DUC 2004 dev clusters (skipped
 * when ../shared is absent): crossread against every published anchor system,
 * scored by the same ROUGE code in the same run (duc2004 setting).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/run.js';
import { sharedFile } from '../helpers/shared.js';

const duc = sharedFile('data/dev/duc2004-dev.jsonl');

/**
 * Known gap, reported in the closing note of the summary-quality work: on ROUGE-1
 * recall crossread (0.389) is still behind the DPP anchor (0.394). The test keeps
 * the gap from growing and fails the day it should be removed from this list.
 */
const R1_GAP: Record<string, number> = { DPP: 0.006 };

describe.skipIf(!duc)('crossread against the published systems on DUC 2004 dev (duc2004 setting)', () => {
  it('is ahead of every anchor on ROUGE-2 recall and of every anchor but the known gap on ROUGE-1 recall', async () => {
    const r = await evaluate(duc as string, { systems: ['crossread'], setting: 'duc2004' });
    const ours = r.systems.crossread;
    expect(ours).toBeDefined();
    const anchors = Object.entries(r.systems).filter(([n]) => n.startsWith('anchor:'));
    expect(anchors.length).toBe(13);
    for (const [name, a] of anchors) {
      const short = name.slice('anchor:'.length);
      expect(ours!.metrics['ROUGE-2'].R, `ROUGE-2 R vs ${name}`).toBeGreaterThan(a.metrics['ROUGE-2'].R);
      const gap = R1_GAP[short];
      if (gap === undefined) expect(ours!.metrics['ROUGE-1'].R, `ROUGE-1 R vs ${name}`).toBeGreaterThan(a.metrics['ROUGE-1'].R);
      else {
        expect(ours!.metrics['ROUGE-1'].R, `ROUGE-1 R vs ${name} (known gap)`).toBeGreaterThan(a.metrics['ROUGE-1'].R - gap);
        expect(ours!.metrics['ROUGE-1'].R, `remove ${short} from R1_GAP: the gap is closed`).toBeLessThan(a.metrics['ROUGE-1'].R);
      }
    }
  });
});
