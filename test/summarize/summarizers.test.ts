import { describe, expect, it } from 'vitest';
import { SUMMARIZERS, SUMMARIZER_NAMES } from '../../src/summarize/systems.js';
import { summarize } from '../../src/summarize/index.js';
import { rawWords, sameSentenceKey, summaryText } from '../../src/summarize/common.js';
import { story } from './fixture.js';
import { quoteHasNamedSpeaker } from '../../src/summarize/readable.js';

const docs = story();

describe.each(SUMMARIZER_NAMES)('summarizer %s on a constructed five-article story', (name) => {
  const run = SUMMARIZERS[name];
  it.each([20, 40, 60])('stays within a %i-word budget and returns whole sentences', (words) => {
    const out = run(docs, { words, seed: 7 });
    expect(out.length).toBeGreaterThan(0);
    expect(out.reduce((a, s) => a + rawWords(s), 0)).toBeLessThanOrEqual(words);
    const texts = new Set(docs.flatMap((d) => d.sentences.map((s) => s.text)));
    for (const s of out) expect(texts.has(s.text)).toBe(true);
  });
  it('never repeats a sentence, even one several articles share word for word', () => {
    const out = run(docs, { words: 200, seed: 7 });
    const keys = out.map(sameSentenceKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('is deterministic (with a seed for random)', () => {
    expect(summaryText(run(docs, { words: 60, seed: 3 }))).toBe(summaryText(run(docs, { words: 60, seed: 3 })));
  });
  it('with overrun, reaches the budget and passes it by at most one sentence', () => {
    const out = run(docs, { words: 50, overrun: true, seed: 7 });
    const total = out.reduce((a, s) => a + rawWords(s), 0);
    expect(total).toBeGreaterThanOrEqual(50);
    // Dropping one of the sentences brings it back under the budget.
    expect(out.some((s) => total - rawWords(s) < 50)).toBe(true);
  });
  it('honours a sentence count', () => {
    expect(run(docs, { sentences: 2, seed: 7 }).length).toBeLessThanOrEqual(2);
  });
});

describe('random baseline', () => {
  it('draws different summaries for different seeds', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 8; seed++) seen.add(summaryText(SUMMARIZERS.random(docs, { words: 40, seed })));
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe('crossread summarizer (summarize)', () => {
  it('returns the selected sentences in reading order', () => {
    const out = summarize(docs, { words: 80 });
    const order = docs.map((d) => d.article.id);
    const keys = out.map((s) => [order.indexOf(s.articleId), s.index] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
  });
  it('picks what most articles report: the emergency and the floods', () => {
    const text = summaryText(summarize(docs, { words: 40 })).toLowerCase();
    expect(text).toMatch(/state of emergency/);
    expect(text).toMatch(/flood/);
  });
  it('takes no sentence under 10 words and no quotation without a named speaker', () => {
    for (const s of summarize(docs, { words: 120 })) {
      expect(quoteHasNamedSpeaker(s)).toBe(true);
      expect(s.wordCount).toBeGreaterThanOrEqual(10);
    }
  });
  it('leaves out sentences that open with a dangling pronoun', () => {
    for (const s of summarize(docs, { words: 200 })) expect(s.text).not.toMatch(/^(He|She|It|They|This|These)\b/);
  });
  it('returns nothing for no articles', () => {
    expect(summarize([], { words: 50 })).toEqual([]);
  });
});
