/**
 * Golden files: what ingest makes of the five example articles and of the constructed
 * HTML pages (metadata, cleaned text, removals, diagnostics). Regenerate with
 * `npx tsx scripts/regen-golden.ts` and review the diff by eye.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/shared.js';
import { GOLDEN_CASES, goldenOf } from './golden-cases.js';

process.chdir(REPO);

describe('ingest golden files', () => {
  const cases = GOLDEN_CASES();
  it('covers the five examples and the HTML fixtures', () => {
    expect(cases.filter((c) => c.input.startsWith('examples/')).length).toBe(5);
    expect(cases.filter((c) => c.input.endsWith('.html')).length).toBeGreaterThanOrEqual(2);
  });
  for (const c of cases) {
    it(`matches ${c.golden}`, async () => {
      const expected = JSON.parse(readFileSync(c.golden, 'utf8')) as unknown;
      expect(await goldenOf(c.input)).toEqual(expected);
    });
  }
});

describe('the example articles, as the issue describes them', () => {
  const load = (id: string) => JSON.parse(readFileSync(`test/golden/ingest/${id}.json`, 'utf8')).articles[0];
  it('000: the repeated body is removed once, as one removal; the leading dateline is cut', () => {
    const a = load('000_47ea86874e02de87');
    expect(a.removed.map((r: { kind: string }) => r.kind)).toEqual(['dateline', 'repeated-body']);
    expect(a.removed[0].text).toBe('ERBIL, Kurdistan Region –');
    expect(a.text[0]).toMatch(/^Russia’s defence minister/);
    expect(a.words).toBeLessThan(a.rawWords / 2 + 30);
  });
  it('001: repeated headline, reading time, dateline (the date), caption', () => {
    const a = load('001_fdee696dc7c08430');
    expect(a.published).toBe('2017-12-07');
    expect(a.publishedEvidence).toBe('07 December, 2017');
    expect(a.removed.map((r: { kind: string }) => r.kind)).toEqual(
      expect.arrayContaining(['repeated-headline', 'reading-time', 'dateline', 'caption']),
    );
  });
  it('002: the page date at the top is not the publication date; the byline is', () => {
    const a = load('002_5e5bea258574097d');
    expect(a.published).toBe('2017-12-08');
    expect(a.byline).toBe('Melinda Barton');
    expect(a.removed[0]).toEqual({ kind: 'page-date', text: 'Thursday, 18 October, 2018' });
    expect(a.title).toBe("Russian Federation says goal of defeating IS in Syria 'accomplished'");
  });
  it('003: no headline line and no date → both null; subheads between dashes are dividers', () => {
    const a = load('003_c9036755b914990e');
    expect(a.title).toBeNull();
    expect(a.published).toBeNull();
    expect(a.removed.filter((r: { kind: string }) => r.kind === 'divider').length).toBe(6);
    expect(a.removed.at(-1).kind).toBe('credit');
  });
  it('004: 12/09/2017 is 12 September ("on Tuesday"); the broken paragraph is joined; "- AP" signs off', () => {
    const a = load('004_1431156e20cd0360');
    expect(a.published).toBe('2017-09-12');
    expect(a.byline).toBeNull();
    expect(a.outlet).toBe('AP');
    expect(a.text.join('\n')).toContain('The IS militants carried out a counteroffensive but were finally driven out of the city in March 2017.');
    expect(a.diagnostics[0]).toMatchObject({ code: 'PARAGRAPH_JOINED', level: 'info' });
  });
});
