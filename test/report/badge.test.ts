import { describe, expect, it } from 'vitest';
import { agreementBadge } from '../../src/report/badge.js';
import { briefArticles } from '../../src/brief.js';
import { renderMarkdown } from '../../src/report/index.js';
import type { BriefingStory, Disagreement } from '../../src/briefing.js';
import { article } from '../analysis/helpers.js';

type S = Pick<BriefingStory, 'lineages' | 'background' | 'disagreements'>;
const lin = (...groups: string[][]) => groups.map((articleIds, i) => ({ id: `L${i + 1}`, articleIds, evidence: '' }));
const dis = (status?: Disagreement['status']) => ({ status }) as unknown as Disagreement;

describe('agreement badge', () => {
  const cases: Array<[string, S, string | null]> = [
    ['one article', { lineages: lin(['a']), background: [], disagreements: [] }, 'Single source'],
    ['two copies of one wire text', { lineages: lin(['a', 'b']), background: [], disagreements: [] }, 'Single source'],
    ['two independent sources, nothing found', { lineages: lin(['a'], ['b']), background: [], disagreements: [] }, 'Sources agree'],
    ['the second source is background', { lineages: lin(['a'], ['b']), background: [{ articleId: 'b', reason: 'old' }], disagreements: [] }, 'Single source'],
    ['only an update over time and a compatible pair', { lineages: lin(['a'], ['b']), background: [], disagreements: [dis('different-moments'), dis('compatible')] }, 'Sources agree'],
    ['a conflict', { lineages: lin(['a'], ['b']), background: [], disagreements: [dis('conflict'), dis('different-moments')] }, 'Sources disagree · 1'],
    ['no article', { lineages: [], background: [], disagreements: [] }, null],
  ];
  it.each(cases)('%s', (_name, story, label) => {
    expect(agreementBadge(story)?.label ?? null).toBe(label);
  });
  it('is shown in the reports: a one-article story is never "Sources agree"', () => {
    const b = briefArticles([article('solo', 'The council voted on Tuesday to close the old bridge over the river after engineers found cracks in two of its supports, officials said.')]);
    const md = renderMarkdown(b);
    expect(md).toContain('Single source');
    expect(md).not.toContain('Sources agree');
  });
});
