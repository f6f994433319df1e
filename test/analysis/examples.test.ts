/**
 * The example corpus (examples/syria-2017): what a reader must find in the analysis.
 * Publication dates are set as the ingest stage reads them (004 → 2017-09-12,
 * 002 → 2017-12-08, 001 → 2017-12-07, 000 and 003 undated), so that this test does
 * not depend on metadata extraction.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { annotate } from '../../src/text/nlp.js';
import { analyzeStory, type StoryAnalysis } from '../../src/analysis/index.js';
import { EXAMPLE } from '../helpers/shared.js';

const DATES: Record<string, string | null> = { '000': null, '001': '2017-12-07', '002': '2017-12-08', '003': null, '004': '2017-09-12' };
const short = (id: string) => id.slice(0, 3);

let a: StoryAnalysis;
beforeAll(async () => {
  const { articles } = await ingest([EXAMPLE]);
  for (const x of articles) x.published = DATES[short(x.id)] ?? null;
  a = analyzeStory(articles.map(annotate));
});

describe('analysis of the example corpus', () => {
  it('finds the casualty count that differs within one report (12 vs 21)', () => {
    const d = a.disagreements.find((x) => x.kind === 'number' && x.positions.some((p) => p.value === 'at least 12'));
    expect(d?.positions.map((p) => p.value)).toEqual(['at least 12', '21']);
    expect(d?.positions.every((p) => p.sources.length === 1 && short(p.sources[0]!) === '001')).toBe(true);
    expect(d?.positions[1]?.attributedTo).toBe('Syrian Observatory for Human Rights');
  });
  it('names no article by its id in a disagreement note (an id is no name for a reader)', () => {
    const notes = a.disagreements.map((d) => d.note ?? '').join('\n');
    expect(notes).toMatch(/at least 12/);
    expect(notes).not.toMatch(/\d{3}_[0-9a-f]{16}/);
  });
  it("finds Russia's claim of victory disputed by the Pentagon and the Syrian Observatory as one item", () => {
    const victory = a.disagreements.filter((x) => x.positions.some((p) => p.value === 'disputes' && p.attributedTo === 'Pentagon'));
    expect(victory).toHaveLength(1);
    const d = victory[0]!;
    expect(d.kind).toBe('dispute');
    const by = (v: string) => d.positions.filter((p) => p.value === v).map((p) => p.attributedTo);
    expect(by('claims')).toEqual(expect.arrayContaining(['Valery Gerasimov', 'Vladimir Putin']));
    expect(by('disputes')).toEqual(expect.arrayContaining(['Pentagon', 'Eric Pehon']));
    expect(by('contradicts')).toEqual(['Syrian Observatory for Human Rights']);
    // The US-led coalition's denial of Russian air support is another claim: a separate item.
    const support = a.disagreements.find((x) => x.positions.some((p) => p.attributedTo === 'Ryan Dillon'));
    expect(support).toBeDefined();
    expect(support).not.toBe(d);
  });
  it('raises no more than a handful of disagreements', () => {
    expect(a.disagreements.length).toBeLessThanOrEqual(6);
  });
  it('marks the September article as background', () => {
    expect(a.background.map((b) => short(b.articleId))).toEqual(['004']);
    expect(a.background[0]?.reason).toMatch(/2017-09-12/);
  });
  it('puts the wire copy shared by two outlets in one lineage', () => {
    const shared = a.lineages.filter((l) => l.articleIds.length > 1);
    expect(shared.map((l) => l.articleIds.map(short))).toEqual([['001', '002']]);
    expect(a.lineages).toHaveLength(4);
  });
  it("groups Gerasimov's statement in its different wordings", () => {
    const q = a.quotes.find((x) => x.speaker === 'Valery Gerasimov' && x.variants.some((v) => v.text.startsWith('All ISIS formations')));
    expect(q?.variants.length).toBeGreaterThanOrEqual(3);
    expect(q?.sources.map(short)).toEqual(['000', '001', '003']);
    expect(q?.variants.every((v) => (v.refs?.length ?? 0) >= 1)).toBe(true);
  });
  // "has been fighting … since September 2014": the start of an activity still going on.
  it('builds a timeline from 2014 to December 2017', () => {
    const dates = a.timeline.map((t) => t.date);
    expect(dates[0]).toBe('2014-09');
    expect(dates[dates.length - 1]?.startsWith('2017-12')).toBe(true);
    expect(dates).toEqual([...dates].sort());
    expect(a.timeline.find((t) => t.date === '2017-12-06' && t.sources.some((s) => short(s) === '003'))).toBeDefined();
  });
  it('merges the aliases of the main entities', () => {
    const names = (n: string) => {
      const e = a.entities.find((x) => x.name === n || x.aliases.includes(n));
      return e ? [e.name, ...e.aliases] : [];
    };
    expect(names('Valery Gerasimov')).toContain('Gerasimov');
    expect(names('Islamic State')).toEqual(expect.arrayContaining(['ISIS', 'IS', 'ISIL', 'Daesh']));
    expect(names('Deir ez-Zor')).toEqual(expect.arrayContaining(['Deir Ezzor', 'Deir el-Zour', 'Deir az-Zour']));
    expect(names('Hemeimeem')).toEqual(expect.arrayContaining(['Khmeimime']));
    expect(names('Russia')).not.toContain('Russian Federation Council');
    expect(names('Syria').some((x) => x.includes('Observatory'))).toBe(false);
  });
});
