import { describe, expect, it } from 'vitest';
import type { Briefing, BriefingStory } from '../../src/briefing.js';
import { renderHtml, renderMarkdown, renderTerminal } from '../../src/report/index.js';

const EVIL = '<script>alert(1)</script>';

function story(): BriefingStory {
  const ref = { articleId: 'a', sentence: 0, start: 0, end: 10 };
  return {
    id: 's-1', headline: 'Headline', articleIds: ['a', 'b'], dateSpan: { from: '2017-12-07', to: '2017-12-08' }, outlets: [],
    summary: [{ text: 'Summary sentence.', sources: ['a'], from: ref, evidence: [ref], support: 1 }],
    entities: [{ name: `Gerasimov ${EVIL}`, type: 'person', aliases: [`Gera"simov`], mentions: 3, sources: ['a', 'b'], titles: ['General'], refs: [ref] }],
    quotes: [{ speaker: `Speaker ${EVIL}`, text: `Quote ${EVIL}`, sources: ['a', 'b'], variants: [
      { text: `Quote ${EVIL}`, sources: ['a'], refs: [ref] },
      { text: `Other wording ${EVIL}`, sources: ['b'], refs: [{ articleId: 'b', sentence: 2, start: 0, end: 5 }] },
    ] }],
    disagreements: [{ kind: 'number', subject: `civilians ${EVIL}`, note: `note ${EVIL}`, status: 'conflict', positions: [
      { value: 'at least 12', statement: `killed ${EVIL}`, sources: ['a'], attributedTo: 'activists', refs: [ref] },
      { value: '21', statement: 'were killed', sources: ['b'], attributedTo: null },
    ] }],
    lineages: [{ id: 'L1', articleIds: ['a', 'b'], evidence: `share ${EVIL}` }],
    background: [],
    timeline: [{ date: '2017-12-06', text: `event ${EVIL}`, sources: ['a'], reportedOn: '2017-12-07', refs: [ref] }],
  };
}

function briefing(): Briefing {
  const art = (id: string) => ({ id, path: `${id}.txt`, url: null, title: id, byline: null, outlet: null, published: null, publishedEvidence: null, words: 10, rawWords: 10, removed: [], warnings: [], storyId: 's-1' });
  return { schemaVersion: '1.0.0', generator: { name: 'crossread', version: '0' }, options: { words: 120, sentences: null }, articles: [art('a'), art('b')], stories: [story()], skipped: [], status: 0 };
}

describe('analysis sections in the reports', () => {
  it('HTML escapes every piece of article text and links citations to sentences', () => {
    const html = renderHtml(briefing(), { texts: new Map([['a', 'Some text here.'], ['b', 'Other text.']]) });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const h of ['Where sources differ', 'Who said what', 'Who and where', 'Timeline', 'Independence']) expect(html).toContain(h);
    expect(html).toContain('href="#a2-s2"');
    expect(html).toContain('Gera&quot;simov');
  });
  it('Markdown shows every section and escapes Markdown syntax', () => {
    const md = renderMarkdown(briefing());
    for (const h of ['### Where sources differ', '### Who said what', '### Who and where', '### Timeline', '### Independence']) expect(md).toContain(h);
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('also worded');
  });
  it('terminal output shows every section', () => {
    const t = renderTerminal(briefing(), { color: false, width: 100 });
    for (const h of ['Where sources differ', 'Who said what', 'Who and where', 'Timeline', 'Independence']) expect(t).toContain(h);
    expect(t).toContain('at least 12');
  });
  it('terminal timeline lines wrap under the text column, not under the date', () => {
    const b = briefing();
    const long = 'The forces of both sides met on the eastern bank of the river after a long advance through the desert villages, officials said on the day.';
    b.stories[0]!.timeline = [{ date: '2017', text: long, sources: ['a'], reportedOn: null }, { date: '2017-12-06', text: long, sources: ['b'], reportedOn: null }];
    const lines = renderTerminal(b, { color: false, width: 60 }).split('\n');
    const at = lines.findIndex((l) => l.trim() === 'Timeline');
    const block = lines.slice(at + 1, lines.indexOf('', at));
    const column = block[0]!.indexOf('The forces');
    expect(column).toBe(13);
    expect(block[0]!.startsWith('  2017       The')).toBe(true);
    for (const l of block.filter((x) => !/^\s{2}\d{4}/.test(x))) expect(l.length - l.trimStart().length).toBe(column);
  });
  it('lineage evidence names articles by their citation labels, never inside quoted excerpts', async () => {
    const { withLabels } = await import('../../src/report/sections/common.js');
    const labels = new Map([['a1', 1], ['a10', 2], ['a', 3]]);
    expect(withLabels('a1 and a10 share 1 sentence of narration, e.g. “a1 said a thing”; a and a1 have the same text', labels)).toBe(
      '[1] and [2] share 1 sentence of narration, e.g. “a1 said a thing”; [3] and [1] have the same text',
    );
    const t = renderTerminal({ ...briefing(), stories: [{ ...story(), lineages: [{ id: 'L1', articleIds: ['a', 'b'], evidence: 'copies: a and b share 2 sentences of narration, e.g. “a b c”' }] }] }, { color: false, width: 120 });
    expect(t).toContain('copies: [1] and [2] share 2 sentences of narration, e.g. “a b c”');
  });
});

describe('analysis sections on the example corpus', () => {
  it('every citation link in the HTML report points at an anchor on the page', async () => {
    const { briefWithArticles } = await import('../../src/brief.js');
    const { EXAMPLE } = await import('../helpers/shared.js');
    const { briefing, articles } = await briefWithArticles([EXAMPLE]);
    const html = renderHtml(briefing, { texts: new Map(articles.map((a) => [a.id, a.text])) });
    const hrefs = new Set([...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]));
    const ids = new Set([...html.matchAll(/id="([^"]+)"/g)].map((m) => m[1]));
    expect(hrefs.size).toBeGreaterThan(20);
    expect([...hrefs].filter((h) => !ids.has(h))).toEqual([]);
  });
});

describe('a summary sentence with a disagreeing source', () => {
  it('says so in every report, escaped, and does not count it as a citation', () => {
    const b = briefing();
    const s = b.stories[0]!;
    const ref = { articleId: 'b', sentence: 1, start: 0, end: 10 };
    s.summary[0]!.disagreeing = [{ articleId: 'b', ref, figure: '12', other: `21 ${EVIL}`, disagreement: 0 }];
    const term = renderTerminal(b, { color: false, width: 100 });
    expect(term).toMatch(/disagreeing: \[2\] gives 21 .* \(not 12\)/);
    const mdText = renderMarkdown(b);
    expect(mdText).toMatch(/disagreeing: \[2\] gives 21/);
    const html = renderHtml(b);
    expect(html).toMatch(/<span class="disagreeing">disagreeing: \[2\] gives 21 &lt;script&gt;/);
    expect(html).not.toContain(EVIL);
  });
});
