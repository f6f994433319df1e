/** Issue 14, command line 5, 9, 13: counts that read right, code spans, how an article is named. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { briefArticles } from '../../src/brief.js';
import { articleFromRecord } from '../../src/ingest/index.js';
import { render } from '../../src/report/index.js';
import { articleName, count, firstWords } from '../../src/report/labels.js';
import { codeSpan, escapeHtml } from '../../src/report/escape.js';
import type { Article } from '../../src/types.js';
import { EXAMPLE } from '../helpers/shared.js';

const TEXT = readFileSync(join(EXAMPLE, '001_fdee696dc7c08430.txt'), 'utf8').split('\n').slice(3).join('\n');

function article(record: Record<string, string>): Article {
  const { article: a } = articleFromRecord({ text: TEXT, ...record }, `${record.id ?? 'x'}.json`);
  if (!a) throw new Error('fixture rejected');
  return a;
}

describe('articleName: never an id', () => {
  const text = 'Russia’s military said on Wednesday that Syria was completely liberated from the terrorists.';
  const cases: Array<[string, { title: string | null; outlet: string | null; published: string | null }, string | undefined, string]> = [
    ['title', { title: 'Syria freed', outlet: 'AP', published: '2017-12-07' }, text, 'Syria freed'],
    ['title with spaces', { title: '  Syria\n freed ', outlet: null, published: null }, undefined, 'Syria freed'],
    ['outlet and date', { title: null, outlet: 'AP', published: '2017-12-07' }, text, 'AP, 2017-12-07'],
    ['blank title: outlet and date', { title: '  ', outlet: 'AP', published: '2017-12-07' }, text, 'AP, 2017-12-07'],
    ['outlet, undated, text', { title: null, outlet: 'TASS', published: null }, text, 'TASS: “Russia’s military said on Wednesday that Syria was …”'],
    ['outlet, undated, no text', { title: null, outlet: 'TASS', published: null }, undefined, 'TASS, undated'],
    ['first words', { title: null, outlet: null, published: '2017-12-07' }, text, '“Russia’s military said on Wednesday that Syria was …”'],
    ['short text', { title: null, outlet: null, published: null }, 'Syria is free.', '“Syria is free.”'],
    ['nothing at all, dated', { title: null, outlet: null, published: '2017-12-07' }, undefined, 'untitled article of 2017-12-07'],
    ['nothing at all', { title: null, outlet: null, published: null }, undefined, 'untitled article'],
  ];
  it.each(cases)('%s', (_what, a, t, want) => expect(articleName(a, t)).toBe(want));

  it('firstWords keeps at most 8 words', () => {
    expect(firstWords('a b c d e f g h i j')).toBe('a b c d e f g h …');
    expect(firstWords('  a\n b ')).toBe('a b');
  });
});

describe('count', () => {
  it.each([
    [0, 'article', undefined, '0 articles'],
    [1, 'article', undefined, '1 article'],
    [2, 'article', undefined, '2 articles'],
    [1, 'story', 'stories', '1 story'],
    [3, 'story', 'stories', '3 stories'],
    [1, 'independent source', undefined, '1 independent source'],
  ])('%i %s', (n, one, many, want) => expect(count(n, one, many)).toBe(want));
});

describe('codeSpan', () => {
  it.each([
    ['000_47ea86874e02de87', '`000_47ea86874e02de87`'],
    ['a*b[c]', '`a*b[c]`'],
    ['back\\slash', '`back\\slash`'],
    ['a`b', '``a`b``'],
    ['`a', '`` `a ``'],
    ['two\nlines', '`two lines`'],
  ])('%j', (s, want) => expect(codeSpan(s)).toBe(want));

  it('holds the text literally, fenced by more backticks than any run inside', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/[\r\n]/.test(s) && s.trim() !== ''), (s) => {
        const span = codeSpan(s);
        const fence = /^`+/.exec(span)![0];
        const inner = span.slice(fence.length, span.length - fence.length);
        expect(span.endsWith(fence)).toBe(true);
        expect(inner === s || inner === ` ${s} `).toBe(true);
        for (const run of s.match(/`+/g) ?? []) expect(run.length).not.toBe(fence.length);
      }),
    );
  });
});

describe('reports of one untitled article', () => {
  const a = article({ id: '9f3c2a7be1d04c55' });
  const b = briefArticles([a]);
  const texts = new Map([[a.id, a.text]]);
  for (const format of ['terminal', 'markdown', 'html'] as const) {
    const out = render(b, format, { texts });
    it(`${format}: counts read "1 article", "1 story", "1 independent lineage"`, () => {
      expect(out).toMatch(/\b1 article\b/);
      expect(out).not.toMatch(/\b1 articles\b/);
      expect(out).toMatch(/\b1 story\b/);
      expect(out).toMatch(/\b1 independent lineage\b/);
      expect(out).not.toMatch(/\b1 independent (lineages|sources)\b/);
      if (format === 'html') expect(out).toMatch(/1 independent source\b/);
    });
    it(`${format}: the article is named by its first words, the id only as a reference`, () => {
      expect(out).toContain(firstWords(a.text));
      // the id is never the name: never bold (Markdown), a heading or a link text (HTML), or the start of a source line
      expect(out).not.toContain(`**${a.id}**`);
      expect(out).not.toMatch(new RegExp(`<(h3|a)[^>]*>${a.id}<`));
      expect(out).not.toMatch(new RegExp(`\\[1\\] ${a.id}`));
    });
  }

  it('markdown: no backslash escapes inside code spans', () => {
    const withUnderscore = article({ id: 'reuters_2017_12_07', title: 'Syria *freed*' });
    const md = render(briefArticles([withUnderscore]), 'markdown', { texts: new Map([[withUnderscore.id, withUnderscore.text]]) });
    const spans = md.match(/`[^`\n]+`/g) ?? [];
    expect(spans.length).toBeGreaterThan(0);
    for (const s of spans) expect(s).not.toContain('\\');
    expect(md).toContain('`reuters_2017_12_07`');
    expect(md).toContain('Syria \\*freed\\*'); // outside code spans, escapes stay
  });
});

describe('escapeHtml and count, written for speed, answer as the plain versions do', () => {
  it('escapeHtml: the same as one replace of & < > " \' ` (any text, these characters often)', () => {
    const plain = (s: string) => s.replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c] as string);
    const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.array(fc.constantFrom('&', '<', '>', '"', "'", '`', 'a', ' ', 'é', '\u{1F600}', '&amp;')).map((xs) => xs.join('')));
    fc.assert(fc.property(text, (s) => escapeHtml(s) === plain(s)), { numRuns: 1000 });
    expect(escapeHtml('plain words')).toBe('plain words');
    expect(escapeHtml('<a href="x">Tom\'s & `co`</a>')).toBe('&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; &#96;co&#96;&lt;/a&gt;');
  });

  it('count: numbers as toLocaleString("en-US") writes them', () => {
    const n = fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.integer(), fc.double({ noNaN: false }), fc.constantFrom(0, -0, 999, 1000, 999.5, 1e21));
    fc.assert(fc.property(n, (x) => count(x, 'story', 'stories') === `${x.toLocaleString('en-US')} ${x === 1 ? 'story' : 'stories'}`), { numRuns: 1000 });
  });
});
