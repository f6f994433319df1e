/**
 * A story holding copies of its articles under other ids (a replayed feed, the same
 * wire text stored twice) must be analysed as the same story: copies join their
 * original's lineage and add sources to its items, but add no items of their own.
 * (The bounded comparisons of ./pairs.test.ts compare one copy for all.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { annotate } from '../../src/text/nlp.js';
import { analyzeStory, type StoryAnalysis } from '../../src/analysis/index.js';
import type { Article } from '../../src/types.js';
import { EXAMPLE } from '../helpers/shared.js';

const DATES: Record<string, string | null> = { '000': null, '001': '2017-12-07', '002': '2017-12-08', '003': null, '004': '2017-09-12' };

let once: StoryAnalysis;
let twice: StoryAnalysis;
const copyOf = (id: string) => `copy-${id}`;
beforeAll(async () => {
  const { articles } = await ingest([EXAMPLE]);
  for (const x of articles) x.published = DATES[x.id.slice(0, 3)] ?? null;
  const copies: Article[] = articles.map((a) => ({ ...a, id: copyOf(a.id), path: `copy/${a.path}` }));
  once = analyzeStory(articles.map(annotate));
  twice = analyzeStory([...articles, ...copies].map(annotate));
});

describe('a story with every article stored twice', () => {
  it('puts each copy in its original’s lineage, with the same number of lineages', () => {
    expect(twice.lineages).toHaveLength(once.lineages.length);
    for (const l of once.lineages) {
      const t = twice.lineages.find((x) => x.articleIds.includes(l.articleIds[0]!));
      expect(t?.articleIds.sort()).toEqual([...l.articleIds, ...l.articleIds.map(copyOf)].sort());
    }
  });
  it('gives the same quotes, each with the copies among its sources', () => {
    expect(twice.quotes.map((q) => q.text).sort()).toEqual(once.quotes.map((q) => q.text).sort());
    for (const q of once.quotes) {
      const t = twice.quotes.find((x) => x.text === q.text && x.speaker === q.speaker);
      expect(t?.sources.sort()).toEqual([...q.sources, ...q.sources.map(copyOf)].sort());
    }
  });
  it('gives the same disagreements, with the copies as further sources', () => {
    expect(twice.disagreements.map((d) => [d.kind, d.subject])).toEqual(once.disagreements.map((d) => [d.kind, d.subject]));
    twice.disagreements.forEach((d, i) => {
      const o = once.disagreements[i]!;
      expect(d.positions.map((p) => p.value)).toEqual(o.positions.map((p) => p.value));
      for (const [k, p] of d.positions.entries()) expect(p.sources.filter((s) => !s.startsWith('copy-')).sort()).toEqual([...o.positions[k]!.sources].sort());
    });
    const figures = twice.disagreements.find((d) => d.kind === 'number');
    expect(figures?.note).toMatch(/within each of 2 copies of one article/);
  });
  it('finds the same entities, timeline dates and background articles', () => {
    // (Names seen once become reportable: the copy is a second source of them.)
    for (const e of once.entities) {
      const t = twice.entities.find((x) => x.name === e.name);
      expect(t?.type).toBe(e.type);
      expect(t?.aliases.sort()).toEqual([...e.aliases].sort());
      expect(t?.mentions).toBe(2 * e.mentions);
    }
    expect(twice.timeline.map((t) => t.date)).toEqual(once.timeline.map((t) => t.date));
    expect(twice.background.map((b) => b.articleId).sort()).toEqual([...once.background.map((b) => b.articleId), ...once.background.map((b) => copyOf(b.articleId))].sort());
  });
});
