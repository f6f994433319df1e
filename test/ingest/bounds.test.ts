/**
 * Inputs that used to hang: a 100,000-character word (quadratic regexes in wink-nlp's
 * token features and the Porter stemmer) and HTML nested thousands of elements deep
 * (linkedom's tree walks and Readability). Each must now finish within a few seconds
 * and say what was capped.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readBytes } from '../../src/ingest/read.js';
import { boundHtml, MAX_HTML_DEPTH } from '../../src/ingest/html-bounds.js';
import { annotate, stem } from '../../src/text/nlp.js';
import { extractFeatures } from '../../src/stories/features.js';
import { briefArticles } from '../../src/brief.js';
import { MAX_WORD_CHARS, maskLongWords } from '../../src/ingest/words.js';

const enc = new TextEncoder();
const PARA =
  'The ministry said on Tuesday that twelve civilians were killed in the strike near the town, according to officials who spoke to reporters. ';

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

describe('long words', () => {
  it('a 100,000-character word in a 102 KB text is read, briefed and warned about in seconds', async () => {
    const text = `Long word headline\n\n${PARA.repeat(5)}\n\n${'a'.repeat(100_000)}\n\n${PARA.repeat(5)}`;
    const { value: r, ms } = timed(() => readBytes('long.txt', enc.encode(text)));
    expect(ms).toBeLessThan(5000);
    expect(r.articles).toHaveLength(1);
    const a = r.articles[0]!;
    expect(a.diagnostics.map((d) => d.code)).toContain('LONG_WORD');
    expect(a.diagnostics.find((d) => d.code === 'LONG_WORD')?.message).toContain('100000');
    const t = performance.now();
    const ann = annotate(a);
    const f = extractFeatures(a);
    const b = await briefArticles([a]);
    expect(performance.now() - t).toBeLessThan(8000);
    expect(ann.sentences.flatMap((s) => s.tokens).every((tok) => tok.text.length <= MAX_WORD_CHARS)).toBe(true);
    expect([...f.allTerms.keys()].every((k) => k.length <= MAX_WORD_CHARS * 2 + 1)).toBe(true);
    expect(b.stories).toHaveLength(1);
  }, 20_000);

  it('the stemmer leaves long words as they are', () => {
    const w = 'x'.repeat(MAX_WORD_CHARS + 1) + 'ing';
    expect(stem(w)).toBe(w);
    expect(stem('running')).toBe('run');
  });

  it('masking keeps offsets and only masks words over the cap', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(' '), fc.constant('\n'), fc.string({ minLength: 1, maxLength: 150 }).map((s) => s.replace(/\s/g, 'x')))), (parts) => {
        const text = parts.join('');
        const masked = maskLongWords(text);
        expect(masked.length).toBe(text.length);
        for (const w of masked.split(/\s+/)) expect(w.length).toBeLessThanOrEqual(MAX_WORD_CHARS);
        for (const w of text.split(/\s+/)) if (w.length <= MAX_WORD_CHARS && w) expect(masked).toContain(w);
      }),
      { numRuns: 200 },
    );
  });
});

describe('HTML bounds', () => {
  const deep = (n: number) => `<html><body>${'<div>text '.repeat(n)}<p>${PARA.repeat(3)}</p>${'</div>'.repeat(n)}</body></html>`;

  it.each([3000, 30_000, 100_000])('a page nested %i deep is read in seconds, with an HTML_CAPPED warning', (n) => {
    const { value: r, ms } = timed(() => readBytes('deep.html', enc.encode(deep(n))));
    expect(ms).toBeLessThan(n >= 100_000 ? 10_000 : 5000);
    expect(r.articles).toHaveLength(1);
    const a = r.articles[0]!;
    expect(a.text).toContain('twelve civilians were killed');
    expect(a.diagnostics.map((d) => d.code)).toContain('HTML_CAPPED');
  }, 30_000);

  it('an ordinary page passes unchanged', () => {
    const page = `<!doctype html><html><head><title>T</title><script>if (a < b && c > "d") x('</div>');</script></head><body><article><h1>Head</h1><p>One<p>Two<ul><li>a<li>b</ul><img src=x alt="a>b"><!-- <div> --></article></body></html>`;
    const b = boundHtml(page);
    expect(b.dropped).toBe(0);
    expect(b.html).toBe(page);
    expect(b.depth).toBeLessThan(10);
  });

  it('a stray quote does not hide the tags after it', () => {
    const page = `<html><body><div x">${'<div>'.repeat(500)}text " ${'</div>'.repeat(500)}</div></body></html>`;
    expect(boundHtml(page).depth).toBeGreaterThan(MAX_HTML_DEPTH);
    expect(boundHtml(boundHtml(page).html).depth).toBeLessThanOrEqual(MAX_HTML_DEPTH + 1);
  });

  it('unclosed paragraphs and list items do not count as nesting', () => {
    const page = `<html><body><div>${'<p>para '.repeat(500)}</div><ul>${'<li>item '.repeat(500)}</ul></body></html>`;
    expect(boundHtml(page).dropped).toBe(0);
  });

  it('keeps every text character and the script out of the text when tags are dropped', () => {
    const page = `<html><body>${'<div>'.repeat(MAX_HTML_DEPTH + 10)}<script>var secret = 1;</script>words here${'</div>'.repeat(MAX_HTML_DEPTH + 10)}</body></html>`;
    const b = boundHtml(page);
    expect(b.depth).toBeGreaterThan(MAX_HTML_DEPTH);
    expect(b.dropped).toBeGreaterThan(0);
    expect(b.html).toContain('words here');
    expect(b.html).not.toContain('secret');
    expect(boundHtml(b.html).depth).toBeLessThanOrEqual(MAX_HTML_DEPTH + 2);
  });

  it('is linear: any markup, any depth, within the bounds after one pass', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('<div>', '</div>', '<p>', '<span a="x>y">', '</span>', 'text ', '<!--', '-->', '<script>', '</script>', '<', '>', '"', '<br/>'), { maxLength: 400 }), fc.integer({ min: 1, max: 8 }), (parts, max) => {
        const b = boundHtml(parts.join(''), max, 50);
        expect(boundHtml(b.html, max, 50).depth).toBeLessThanOrEqual(max + 1);
      }),
      { numRuns: 300 },
    );
  });
});
