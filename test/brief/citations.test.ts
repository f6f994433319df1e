/**
 * The summary's citations point at articles that really contain the content, and
 * every article that contains it is cited. Checked with a measure independent of
 * the citation code: shares of distinctive surface words (no stemming, no idf).
 */
import { describe, expect, it } from 'vitest';
import { briefWithArticles } from '../../src/brief.js';
import { EXAMPLE } from '../helpers/shared.js';
import { splitSentences } from '../../src/text/nlp.js';

const COMMON = new Set(
  'that with from this have been their they were will would which said says about after also into there than other over more some what when where while under'.split(' '),
);

function words(s: string): Set<string> {
  return new Set(
    s
      .toLowerCase()
      .replace(/[’']s\b/g, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4 && !COMMON.has(w)),
  );
}

function share(a: Set<string>, b: Set<string>): number {
  if (a.size === 0) return 0;
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n / a.size;
}

describe('summary citations on the example corpus', async () => {
  const { briefing, articles } = await briefWithArticles([EXAMPLE], { words: 200 });
  const text = new Map(articles.map((a) => [a.id, a.text]));
  const story = briefing.stories[0]!;

  it('has a summary', () => {
    expect(story.summary.length).toBeGreaterThanOrEqual(3);
  });

  it('each cited article contains the content at the cited offsets', () => {
    for (const s of story.summary) {
      expect(s.sources).toContain(s.from.articleId);
      expect(s.evidence.map((e) => e.articleId).sort()).toEqual([...s.sources].sort());
      for (const e of s.evidence) {
        const src = text.get(e.articleId)!;
        const cited = src.slice(e.start, e.end);
        expect(cited.length).toBeGreaterThan(0);
        const shorter = Math.min(words(s.text).size, words(cited).size);
        const common = [...words(s.text)].filter((w) => words(cited).has(w)).length;
        expect(common / shorter, `"${s.text}" vs ${e.articleId}: "${cited}"`).toBeGreaterThanOrEqual(0.4);
      }
    }
  });

  it('cites every article that repeats the sentence nearly word for word', () => {
    for (const s of story.summary) {
      const w = words(s.text);
      for (const [id, t] of text) {
        const best = Math.max(...splitSentences(t).map((x) => Math.min(share(w, words(x)), share(words(x), w))));
        if (best >= 0.8) expect(s.sources, `${id} repeats "${s.text}"`).toContain(id);
      }
    }
  });

  it('never repeats a sentence', () => {
    const texts = story.summary.map((s) => s.text);
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe('a citation states what the sentence says, not only its names (issue 10 rule 1)', async () => {
  const { cite } = await import('../../src/summarize/cite.js');
  const { doc } = await import('../analysis/helpers.js');
  it('does not cite an article whose sentence shares only the names', () => {
    const docs = [
      doc('a', 'Obermann was investigating the deaths of Lena Ruiz, Omar Tal, Piet Hoorn and Anna Berg of Vienna.'),
      doc('b', 'The victims Lena Ruiz, Omar Tal, Piet Hoorn and Anna Berg of Vienna were engineers.'),
      doc('c', 'Obermann is investigating the deaths of Lena Ruiz, Omar Tal, Piet Hoorn and Anna Berg of Vienna, police said.'),
    ];
    const [c] = cite([docs[0]!.sentences[0]!], docs);
    expect(c?.sources).toEqual(['a', 'c']);
  });
  it('does not cite an article whose sentence states one clause of the sentence only', () => {
    const docs = [
      doc('a', 'Negotiators from both chambers agreed on Thursday to require most federal health plans to cover prescription contraceptives for women, handing advocates a rare victory.'),
      doc('b', 'One would require federal health plans to cover contraceptives.'),
      doc('c', 'Negotiators agreed on Thursday to require federal health plans to cover prescription contraceptives, a rare victory for advocates.'),
    ];
    const [c] = cite([docs[0]!.sentences[0]!], docs);
    expect(c?.sources).toEqual(['a', 'c']);
  });
  it('does not count a title inside a name as what the sentence states (issue 10, fifth review, mnval-219)', () => {
    // (Before the rule b was cited: "President" of "President Donald Trump" counted as stated.)
    const more = ' The White House declined to comment on the report. Officials met in Washington on Friday to discuss the budget. Lawmakers returned from recess on Monday.';
    const docs = [
      doc('a', "Jared Kushner, a senior adviser to Donald Trump and the president's son-in-law, is under scrutiny by the FBI as part of the Russia investigation, it was reported on Thursday night." + more),
      doc('b', "President Donald Trump's son-in-law, Jared Kushner, is willing to cooperate with federal investigators looking into ties between Russia and the Trump campaign, his attorney said Thursday." + more),
      doc('c', "The FBI is scrutinising Jared Kushner, the president's son-in-law and senior adviser, as part of its Russia investigation, it was reported on Thursday night." + more),
    ];
    const [c] = cite([docs[0]!.sentences[0]!], docs);
    expect(c?.sources).toEqual(['a', 'c']);
  });
});
