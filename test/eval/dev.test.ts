/**
 * The guards of the summary-quality claims (skipped when ../shared is absent), each
 * measured by the same ROUGE code in the same run as what it is compared with:
 *
 * - DUC 2004 dev (duc2004 setting): crossread ahead of every published anchor
 *   system on ROUGE-1 and ROUGE-2 recall;
 * - Multi-News dev sample (multinews setting, 250-word summaries): crossread ahead
 *   of every baseline of the project on ROUGE-1 and ROUGE-2 F.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/run.js';
import { SUMMARIZER_NAMES } from '../../src/summarize/systems.js';
import { sharedFile } from '../helpers/shared.js';

const duc = sharedFile('data/dev/duc2004-dev.jsonl');
const multinews = sharedFile('data/dev/multinews-val-sample.jsonl');

describe.skipIf(!duc)('crossread against the published systems on DUC 2004 dev (duc2004 setting)', () => {
  it('is ahead of every anchor on ROUGE-1 and ROUGE-2 recall', async () => {
    const r = await evaluate(duc as string, { systems: ['crossread'], setting: 'duc2004' });
    const ours = r.systems.crossread;
    expect(ours).toBeDefined();
    const anchors = Object.entries(r.systems).filter(([n]) => n.startsWith('anchor:'));
    expect(anchors.length).toBe(13);
    for (const [name, a] of anchors) {
      expect(ours!.metrics['ROUGE-1'].R, `ROUGE-1 R vs ${name}`).toBeGreaterThan(a.metrics['ROUGE-1'].R);
      expect(ours!.metrics['ROUGE-2'].R, `ROUGE-2 R vs ${name}`).toBeGreaterThan(a.metrics['ROUGE-2'].R);
    }
  });
});

describe.skipIf(!multinews)('crossread against the project baselines on the Multi-News dev sample (multinews setting)', () => {
  it('is ahead of every baseline on ROUGE-1 and ROUGE-2 F', async () => {
    const r = await evaluate(multinews as string, { setting: 'multinews', anchors: false });
    expect(r.clusters).toBe(250);
    const ours = r.systems.crossread;
    expect(ours).toBeDefined();
    const baselines = SUMMARIZER_NAMES.filter((n) => n !== 'crossread');
    expect(baselines.length).toBeGreaterThanOrEqual(7);
    for (const name of baselines) {
      const b = r.systems[name];
      expect(b, name).toBeDefined();
      expect(ours!.metrics['ROUGE-1'].F, `ROUGE-1 F vs ${name}`).toBeGreaterThan(b!.metrics['ROUGE-1'].F);
      expect(ours!.metrics['ROUGE-2'].F, `ROUGE-2 F vs ${name}`).toBeGreaterThan(b!.metrics['ROUGE-2'].F);
    }
  });
});
