/**
 * One fact stated twice in different words: "With 316 votes for and 301 against,
 * the coalition won the vote." and "The conservatives won in a 316-301 vote." share
 * too few words for the citation rule (./cite.ts) yet give the same figures about
 * the same thing. A summary keeps only one of them.
 *
 * Rule: every figure of the sentence with fewer figures, at least two, is also a
 * figure of the other, and they share a content term besides. One shared figure is
 * not enough: sentences about different things often share one (and on the
 * Multi-News sample that variant cost 0.002 ROUGE-2). Years (1900–2099) and figures
 * below 2 are not counted: they date or count too many different facts.
 *
 * And one claim of one named subject told twice in other words, without figures:
 * "Johns told authorities that the wedding crasher was not his girlfriend" and "Johns
 * told deputies that McDowell wasn't his girlfriend" (`sameClaim`).
 *
 * And one article's count of one thing given twice with different values: a live-updated
 * report ("The Latest") states its count as it changes ("Police say two people have been
 * stabbed …", later "All three people who were stabbed …", mnval-035). Those are updates of
 * one figure, not two facts: a summary states only one of them (`shiftingCount`).
 */
import type { Sentence } from '../types.js';

const FIGURE = /\d[\d,]*(?:\.\d+)?/g;

/** The figures a sentence gives, as numbers written without separators. */
export function figuresOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(FIGURE)) {
    const raw = m[0].replace(/,(?=\d{3}\b)/g, '').replace(/[.,]$/, '');
    const v = Number(raw);
    if (!Number.isFinite(v) || v < 2) continue;
    if (/^\d{4}$/.test(raw) && v >= 1900 && v <= 2099) continue;
    out.add(String(v));
  }
  return out;
}

/** True when two sentences give the same figures about the same thing (see the module comment). */
export function sameFigures(a: Sentence, b: Sentence): boolean {
  const fa = figuresOf(a.text);
  const fb = figuresOf(b.text);
  const [few, many] = fa.size <= fb.size ? [fa, fb] : [fb, fa];
  if (few.size === 0) return false;
  for (const f of few) if (!many.has(f)) return false;
  const tb = new Set(b.terms.filter((t) => !/^\d/.test(t)));
  let shared = 0;
  for (const t of new Set(a.terms)) if (!/^\d/.test(t) && tb.has(t)) shared++;
  return few.size >= 2 && shared >= 1;
}

/** The opening subject of a sentence (its tokens before the first verb) and that verb: "Johns told …". */
function subjectAndVerb(s: Sentence): { names: Set<string>; verb: string; rest: number } | null {
  const toks = s.tokens;
  for (let i = 0; i < Math.min(toks.length, 6); i++) {
    const t = toks[i]!;
    if (t.pos !== 'VERB' && t.pos !== 'AUX') continue;
    if (i === 0) return null;
    const subject = toks.slice(0, i);
    if (!subject.every((x) => x.pos === 'PROPN' || x.kind === 'punctuation')) return null;
    const names = new Set(subject.filter((x) => x.pos === 'PROPN').map((x) => x.norm));
    return names.size > 0 ? { names, verb: t.lemma.toLowerCase(), rest: i + 1 } : null;
  }
  return null;
}

/** Content stems of a sentence's tokens from `from` on, leaving out names. */
function restTerms(s: Sentence, from: number): Set<string> {
  const terms = new Set(s.terms);
  const out = new Set<string>();
  for (const t of s.tokens.slice(from)) if (!t.stop && t.pos !== 'PROPN' && terms.has(t.stem)) out.add(t.stem);
  return out;
}

/**
 * True when two sentences give one claim of one named subject twice: both open on the
 * same name as subject and the same verb ("Johns told authorities that the wedding
 * crasher was not his girlfriend" / "Johns told deputies that McDowell wasn't his
 * girlfriend"), and what follows shares at least two content words, two fifths of the
 * shorter's.
 */
export function sameClaim(a: Sentence, b: Sentence): boolean {
  const sa = subjectAndVerb(a);
  const sb = subjectAndVerb(b);
  if (!sa || !sb || sa.verb !== sb.verb || sa.names.size !== sb.names.size || ![...sa.names].every((n) => sb.names.has(n))) return false;
  const ra = restTerms(a, sa.rest);
  const rb = restTerms(b, sb.rest);
  const [few, many] = ra.size <= rb.size ? [ra, rb] : [rb, ra];
  let shared = 0;
  for (const t of few) if (many.has(t)) shared++;
  return shared >= 2 && shared >= 0.4 * few.size;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
};

/** The value of a token counting something: a number word or digits, not a year ("three", "1,200"; "2016" is none). */
function countValue(t: Sentence['tokens'][number]): number | undefined {
  const raw = t.norm.replace(/,(?=\d{3}\b)/g, '');
  const year = raw.length === 4 && Number(raw) >= 1900 && Number(raw) <= 2099;
  return NUMBER_WORDS[t.norm] ?? (/^\d+$/.test(raw) && !year ? Number(raw) : undefined);
}

/** The counts of a sentence: a number (word or digits, not a year) and the stem of the noun right after it ("three people" → people: 3). */
function countsOf(s: Sentence): Map<string, number> {
  const out = new Map<string, number>();
  const toks = s.tokens;
  for (let i = 0; i + 1 < toks.length; i++) {
    const v = countValue(toks[i]!);
    if (v === undefined) continue;
    const n = toks[i + 1]!;
    if (n.pos === 'NOUN' && !out.has(n.stem)) out.set(n.stem, v);
  }
  return out;
}

/**
 * True when two sentences of one article count one thing with different values: a number
 * before the same noun, with another content stem shared besides ("two people have been
 * stabbed" / "All three people who were stabbed"), a count the article updated.
 */
export function shiftingCount(a: Sentence, b: Sentence): boolean {
  if (a.articleId !== b.articleId) return countedDifferently(a, b);
  const ca = countsOf(a);
  const cb = countsOf(b);
  const tb = new Set(b.terms);
  for (const [noun, v] of ca) {
    const w = cb.get(noun);
    if (w === undefined || w === v) continue;
    for (const t of new Set(a.terms)) if (t !== noun && !/^\d/.test(t) && !(t in NUMBER_WORDS) && tb.has(t)) return true;
  }
  return false;
}

/**
 * The counts of a sentence with their verb: a number before a noun and the first verb within
 * four tokens after the noun, past auxiliaries and adverbs ("Three people were stabbed" →
 * people: 3, stab).
 */
function countedActs(s: Sentence): Array<{ noun: string; value: number; verb: string }> {
  const out: Array<{ noun: string; value: number; verb: string }> = [];
  const toks = s.tokens;
  for (let i = 0; i + 2 < toks.length; i++) {
    const v = countValue(toks[i]!);
    const n = toks[i + 1]!;
    if (v === undefined || n.pos !== 'NOUN') continue;
    for (let k = i + 2; k < Math.min(toks.length, i + 6); k++) {
      const x = toks[k]!;
      if (x.pos === 'AUX' || x.pos === 'ADV' || x.pos === 'PART') continue;
      if (x.pos === 'VERB') out.push({ noun: n.stem, value: v, verb: x.stem });
      break;
    }
  }
  return out;
}

/**
 * True when two sentences of different articles count one thing done with different values: a
 * number before the same noun with the same verb right after it ("Three people were stabbed …"
 * / "Police say two people have been stabbed …", issue 10, sixth review leftover, mnval-035).
 * The summary states one of them; the other article is no support for it (./cite.ts).
 */
function countedDifferently(a: Sentence, b: Sentence): boolean {
  const cb = countedActs(b);
  return countedActs(a).some((x) => cb.some((y) => y.noun === x.noun && y.verb === x.verb && y.value !== x.value));
}
