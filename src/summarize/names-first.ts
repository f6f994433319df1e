/**
 * A person is first named in full: a summary sentence that calls someone by the surname
 * alone ("Wyatt said police are seeking video …", "If Ziegenhorn had known …", "Mr
 * Carpentier's invention is …") reads right only after a sentence that names them in full
 * ("Sgt. Daron Wyatt says …"). Issue 10, leftover of the third held-out review ("Yusupov was
 * unaware …", mnval-073) and fifth review (mnval-035, mnval-055, mnval-161, mnval-179,
 * mnval-201): the summary took the surname's sentence from an article that had named the
 * person in full further up, and the full name came later or never.
 *
 * A surname here is a capitalised proper noun standing alone (no proper noun before or after
 * it, a title such as "Mr" or "Sgt." aside) that the sentence's article wrote earlier after a
 * given name ("Daron Wyatt"); a name the article never gives in full ("Obama") is not one.
 */
import type { Sentence, Token } from '../types.js';
import { lexicon } from '../analysis/lexicon.js';

const isName = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && t.pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(t.text);
const isInitial = (t: Token | undefined): boolean => t !== undefined && /^\p{Lu}\.?$/u.test(t.text);
const isTitle = (t: Token | undefined): boolean => t !== undefined && lexicon().personTitles.has(t.norm.replace(/\.$/, ''));

/**
 * A surname the tagger read as a common word ("Officer Collin Rose, 29, died …": Rose/VERB):
 * capitalised inside the sentence, right after a proper noun, with a comma or the sentence's
 * end after it (issue 10, sixth review's leftover, mnval-050).
 */
function mistaggedSurname(t: readonly Token[], i: number): boolean {
  const x = t[i];
  const next = t[i + 1];
  return x !== undefined && i > 0 && x.kind === 'word' && /^\p{Lu}\p{Ll}+$/u.test(x.text) && (next === undefined || next.text === ',' || next.text === '.');
}

/** Surnames a sentence gives after a given name/** Surnames a sentence gives after a given name, and those given names ("Daron Wyatt" → "wyatt", "daron"). */
export function namedInFull(s: Sentence): Set<string> {
  const out = new Set<string>();
  const t = s.tokens;
  for (let i = 1; i < t.length; i++) {
    const prev = t[i - 1];
    // (A middle initial between: "Mark E. Laidre".)
    const given = isInitial(prev) ? t[i - 2] : prev;
    if ((isName(t[i]) || mistaggedSurname(t, i)) && isName(given) && !isTitle(given) && !isName(t[i + 1])) {
      out.add((t[i] as Token).norm);
      // And the given name, which a feature uses alone too ("Anne keeps a video …" after "Anne
      // Roe, 34, …", issue 10 fifth review): it reads right only after the full name as well.
      // (Only a first name: not "York" of "New York City", whose word before is a name too.)
      const before = t[isInitial(prev) ? i - 3 : i - 2];
      if (!isName(before) || isTitle(before)) out.add((given as Token).norm);
    }
  }
  return out;
}

const fullCache = new WeakMap<Sentence, Set<string>>();
function fullOf(s: Sentence): Set<string> {
  let f = fullCache.get(s);
  if (!f) fullCache.set(s, (f = namedInFull(s)));
  return f;
}

/**
 * Surnames the sentence uses alone that its article named in full in an earlier sentence
 * (`sentences`: the article's sentences, by index), and the sentence itself does not.
 * (Also counting names given in full only in another article cost Multi-News ROUGE-1 F 0.011:
 * wire names such as "Obama" stand alone in most sentences that say what happened.)
 */
export function bareSurnames(s: Sentence, sentences: readonly Sentence[]): string[] {
  const t = s.tokens;
  const own = fullOf(s);
  const out = new Set<string>();
  for (let i = 0; i < t.length; i++) {
    const x = t[i] as Token;
    if (!isName(x) || own.has(x.norm) || isName(t[i + 1]) || out.has(x.norm)) continue;
    const prev = t[i - 1];
    if ((isName(prev) && !isTitle(prev)) || isInitial(prev)) continue;
    for (let k = 0; k < s.index; k++) {
      const e = sentences[k];
      if (e && fullOf(e).has(x.norm)) {
        out.add(x.norm);
        break;
      }
    }
  }
  return [...out];
}

/**
 * Names the sentence uses alone (a capitalised proper noun with no name before or after it, a
 * title aside) that `full` holds: with `full` the names another summary sentence gives in full,
 * these are read right only after that sentence, also when only another article gives the full
 * name ("Rose is the first Wayne State officer …" before "Officer Collin Rose, 29, died …", issue
 * 10, sixth review's leftover, mnval-050). For ordering only.
 */
export function loneNamesIn(s: Sentence, full: ReadonlySet<string>): string[] {
  const t = s.tokens;
  const own = fullOf(s);
  const out = new Set<string>();
  for (let i = 0; i < t.length; i++) {
    const x = t[i] as Token;
    // (Also a surname the tagger read as a common word: full.has tells it is a name.)
    if (!(isName(x) || (x.kind === 'word' && /^\p{Lu}\p{Ll}/u.test(x.text))) || !full.has(x.norm) || own.has(x.norm) || isName(t[i + 1])) continue;
    const prev = t[i - 1];
    if ((isName(prev) && !isTitle(prev)) || isInitial(prev)) continue;
    out.add(x.norm);
  }
  return [...out];
}

/**
 * The summary in an order that names each person in full/**
 * The summary in an order that names each person in full before calling them by the surname
 * alone: a sentence using a surname alone (`bare`) before the first sentence naming that person
 * in full has that sentence moved right before it (when `canLead` allows it at the front).
 * Only the order changes.
 */
export function namesFirst(summary: Sentence[], bare: ReadonlyMap<Sentence, readonly string[]>, canLead: (s: Sentence) => boolean = () => true): Sentence[] {
  const out = [...summary];
  for (let guard = 0; guard < summary.length; guard++) {
    let moved = false;
    for (let i = 0; i < out.length && !moved; i++) {
      for (const n of bare.get(out[i] as Sentence) ?? []) {
        if (out.slice(0, i).some((x) => namedInFull(x).has(n))) continue;
        const j = out.findIndex((x, k) => k > i && namedInFull(x).has(n));
        if (j < 0) continue;
        const s = out[j] as Sentence;
        if (i === 0 && !canLead(s)) continue;
        // (Not when it calls someone by the surname alone whom a sentence from i on names in full;
        // a name the summary gives in full nowhere does not hold it back.)
        if ((bare.get(s) ?? []).some((m) => !out.slice(0, i).some((x) => namedInFull(x).has(m)) && out.some((x, k) => k >= i && x !== s && namedInFull(x).has(m)))) continue;
        out.splice(j, 1);
        out.splice(i, 0, s);
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  return out;
}
