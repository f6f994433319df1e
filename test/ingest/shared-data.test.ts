/**
 * Ingest over the research data in ../shared (skipped when absent): DUC 2004 documents
 * are clean single paragraphs and must come through untouched; the Multi-News sample is
 * scraped web text, where cleaning must remove only short lines (or repeats).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBytes } from '../../src/ingest/index.js';
import { countWords } from '../../src/text/nlp.js';
import { sharedFile } from '../helpers/shared.js';

const duc = sharedFile('data/dev/duc2004-dev.jsonl');
const mn = sharedFile('data/dev/multinews-val-sample.jsonl');
const wiki = sharedFile('data/dev/cluster-wikiref220.jsonl');

describe.skipIf(!duc)('DUC 2004 dev', () => {
  it('reads all 250 documents with their clusters; the two documents shared by two clusters get a suffix', () => {
    const r = readBytes('duc2004-dev.jsonl', readFileSync(duc as string));
    expect(r.diagnostics).toEqual([]);
    expect(r.articles).toHaveLength(250);
    expect(new Set(r.articles.map((a) => a.cluster)).size).toBe(25);
    expect(r.articles.flatMap((a) => a.diagnostics).map((d) => d.code)).toEqual(['DUPLICATE_ID', 'DUPLICATE_ID']);
  });
  it('leaves the clean newswire text untouched', () => {
    const lines = readFileSync(duc as string, 'utf8').split('\n').filter(Boolean);
    const texts = new Map(lines.flatMap((l) => (JSON.parse(l) as { documents: Array<{ id: string; text: string }> }).documents.map((d) => [d.id, d.text.trim()])));
    const r = readBytes('duc2004-dev.jsonl', readFileSync(duc as string));
    for (const a of r.articles) {
      expect(a.removed).toEqual([]);
      expect(a.text).toBe((texts.get(a.id.replace(/-2$/, '')) as string).replace(/\s+/g, ' '));
      expect(a.language).toBe('en');
    }
  });
  it('--cluster reads one cluster', () => {
    const r = readBytes('duc2004-dev.jsonl', readFileSync(duc as string), { cluster: 'd30001' });
    expect(r.articles.length).toBe(10);
    expect(new Set(r.articles.map((a) => a.cluster))).toEqual(new Set(['d30001']));
  });
});

describe.skipIf(!mn)('Multi-News sample (scraped web text)', () => {
  const r = mn ? readBytes('multinews-val-sample.jsonl', readFileSync(mn)) : { articles: [], diagnostics: [] };
  it('skips only near-empty pages, with a reason each', () => {
    // 645 of 690: the others are empty pages or web-archive / social-embed notices only.
    expect(r.articles.length).toBeGreaterThan(640);
    for (const d of r.diagnostics) expect(d.code).toBe('TOO_SHORT');
  });
  it('removes only short lines, except repeats (never a long paragraph as boilerplate)', () => {
    for (const a of r.articles) {
      for (const x of a.removed) {
        if (x.kind === 'repeated-body' || x.kind === 'repeated-paragraph' || x.kind === 'caption') continue;
        // Web-archive notices, newsletter sign-up blocks and a broadcaster's transcript notice are
        // single long lines (patterns with their own word cap in data/ingest/boilerplate.json).
        if (/internet archive|archive pages|newsletter|transcripts are created on a rush deadline/i.test(x.text)) continue;
        expect(countWords(x.text), `${a.id}: ${x.kind}: ${x.text}`).toBeLessThanOrEqual(45);
      }
    }
  });
  it('removes well under a tenth of the words overall', () => {
    const raw = r.articles.reduce((n, a) => n + a.rawWords, 0);
    const kept = r.articles.reduce((n, a) => n + a.words, 0);
    expect(kept / raw).toBeGreaterThan(0.9);
  });
});

describe.skipIf(!wiki)('WikiRef clustering file {id, label, text}', () => {
  it('reads every record with its label, and most with a headline', () => {
    const r = readBytes('cluster-wikiref220.jsonl', readFileSync(wiki as string));
    expect(r.diagnostics).toEqual([]);
    expect(r.articles).toHaveLength(220);
    expect(r.articles.every((a) => typeof a.label === 'string')).toBe(true);
    expect(r.articles.filter((a) => a.title).length).toBeGreaterThan(200);
  });
});
