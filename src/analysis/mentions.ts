/**
 * Name mentions: chains of capitalised tokens (wink-nlp PROPN chains, plus
 * capitalised titles and all-capital acronyms that the tagger mislabels, such as
 * "IS" read as a verb) with the connectors and particles names contain ("Ministry
 * of Defense", "Syrian Observatory for Human Rights", "Deir ez-Zor", "Bashar
 * al-Assad"), split from their titles ("General of the Army Valery Gerasimov" →
 * title + "Valery Gerasimov") and voted a type from the evidence around them:
 * titles → person; "Ministry", "Council", "Forces" → organization; gazetteer,
 * "province", "village of" → place; "militia", "group" → group.
 *
 * Written by hand on wink-nlp's tokens and tags: wink-eng-lite-web-model has no
 * PERSON/ORG/GPE recogniser, and the shapes of news names (titles, Arabic particles,
 * acronyms) are what this stage must handle.
 */
import type { EntityType } from '../briefing.js';
import type { AnnotatedArticle, Sentence, Token } from '../types.js';
import { demonymCountry, isDemonymWord, lexicon, lookupForm, type SynonymGroup } from './lexicon.js';
import { knownNames } from './known-names.js';

export type Votes = Record<EntityType, number>;

export interface Mention {
  articleId: string;
  /** Sentence index in its article. */
  sentence: number;
  /** Character offsets of the name (titles excluded) in the article text. */
  start: number;
  end: number;
  /** The name as written, without titles. */
  text: string;
  /** Title words written before the name ("General of the Army", "Lt. Gen."). */
  title: string | null;
  /** Country qualifying an organisation ("Russian Defense Ministry", "Russia's Ministry of Defence"). */
  qualifier: string | null;
  acronym: boolean;
  synonym: SynonymGroup | null;
  votes: Votes;
  /** Inside a direct quotation. */
  inQuote: boolean;
  /** Token index range [first, last] of the name in its sentence. */
  first: number;
  last: number;
  /** The name is preceded by a preposition ("with RT", "of Komsomolskaya Pravda"). */
  afterPreposition: boolean;
  /** The name is preceded by "the" ("The Hague", "the Pentagon"): not a person's name. */
  afterThe?: boolean;
}

export function emptyVotes(): Votes {
  return { person: 0, organization: 0, place: 0, group: 0, other: 0 };
}

const UPPER_START = /^\p{Lu}/u;
const ACRONYM = /^(?:\p{Lu}{2,6}|(?:\p{Lu}\.){2,4})$/u;
const PREPOSITIONS = new Set(['in', 'at', 'on', 'from', 'with', 'of', 'by', 'to', 'for', 'near', 'into', 'across', 'against', 'about', 'over', 'under', 'between', 'through', 'toward', 'towards', 'inside', 'outside']);
const PLACE_PREPOSITIONS = new Set(['in', 'near', 'across', 'from', 'into', 'outside', 'inside', 'around']);
const OPEN_PUNCT = /^["“”«»„‘'(\[–—-]$/;
/** Month names that are also surnames ("Theresa May", "Kelly March"). */
const MONTH_SURNAMES = new Set(['march', 'april', 'may', 'june', 'july', 'august']);
/** Month names that are also given names ("Jan Brewer", "June Carter"). */
const MONTH_GIVEN_NAMES = new Set(['jan', 'april', 'may', 'june', 'august']);
/** Words before a month that make it a date ("since June", "last May"), not a given name. */
const DATE_LEADS = new Set([...PREPOSITIONS, 'since', 'until', 'till', 'last', 'next', 'this', 'that', 'early', 'late', 'mid', 'before', 'after', 'during', 'every', 'each']);

function lower(t: Token): string {
  return t.norm.replace(/\.$/, '');
}

/** Fast test: the token starts with an upper-case letter (or a non-ASCII character). */
function upperFirst(t: Token): boolean {
  const c = t.text.charCodeAt(0);
  return c >= 128 || (c >= 65 && c <= 90);
}

/** True for a token written like an acronym ("ISIS", "U.S."). */
export function isAcronymToken(t: Token): boolean {
  return t.kind === 'word' || t.kind === 'abbreviation' ? ACRONYM.test(t.text) : ACRONYM.test(t.text);
}

function isCapWord(t: Token): boolean {
  return (t.kind === 'word' || t.kind === 'abbreviation') && UPPER_START.test(t.text);
}

/** Whether the tokens are adjacent in the text (no space between). */
function touching(a: Token, b: Token): boolean {
  return a.start + a.text.length === b.start;
}

/** Sentences written mostly in capitals (headlines): acronym detection is off there. */
function mostlyCaps(s: Sentence): boolean {
  let words = 0;
  let caps = 0;
  for (const t of s.tokens) {
    if (t.kind !== 'word' || t.text.length < 2) continue;
    words++;
    if (t.text === t.text.toUpperCase()) caps++;
  }
  return words >= 4 && caps / words > 0.6;
}

/**
 * Capitalised words seen away from the start of a sentence anywhere in the story:
 * a sentence-initial capitalised word only starts a name when it is seen capitalised
 * elsewhere too (or is in the lexicon), so that "Units of …" or "Announcing …" are not names.
 */
export function capitalisedElsewhere(docs: AnnotatedArticle[]): Set<string> {
  const seen = new Set<string>();
  for (const d of docs)
    for (const s of d.sentences)
      s.tokens.forEach((t, i) => {
        if (i === 0 || !isCapWord(t)) return;
        const prev = s.tokens[i - 1] as Token;
        if (OPEN_PUNCT.test(prev.text) || prev.text === ':' || prev.text === '.') return;
        seen.add(t.norm);
      });
  return seen;
}

/** Words the story writes in lower case (as ordinary words: "rap", "life"), normalised. */
export function lowerCaseWords(docs: AnnotatedArticle[]): Set<string> {
  const out = new Set<string>();
  for (const d of docs)
    for (const s of d.sentences)
      for (const t of s.tokens) {
        const c = t.text.charCodeAt(0);
        if (c >= 97 && c <= 122 && t.kind === 'word') out.add(t.norm);
      }
  return out;
}

interface Unit {
  /** Token index range in the sentence. */
  a: number;
  b: number;
  text: string;
  low: string;
}

function sentenceInitial(s: Sentence, i: number): boolean {
  if (i === 0) return true;
  const prev = s.tokens[i - 1] as Token;
  return OPEN_PUNCT.test(prev.text) || prev.text === ':' || prev.text === '.' || prev.text === '|';
}

/** A given name of hyphenated known given names ("Jo-Renee", "Jean-Marc" when both parts are known). */
function hyphenatedGivenName(w: string): boolean {
  const parts = w.split('-');
  return parts.length === 2 && parts.every((p) => knownNames().firstNames.has(p));
}

function knownWord(w: string): boolean {
  const lx = lexicon();
  return lx.places.has(w) || lx.synonyms.has(w) || lx.personTitles.has(w) || isDemonymWord(w);
}

/** A short synonym written in mixed case is an ordinary word ("Is there…" is not IS). */
function caseMismatch(t: Token, w: string): boolean {
  const lx = lexicon();
  return t.text.length <= 3 && t.text !== t.text.toUpperCase() && lx.synonyms.has(w) && !lx.places.has(w);
}

/** One sentence being read for names (module-level helpers instead of closures made per sentence). */
interface NameScan {
  s: Sentence;
  toks: Token[];
  text: string;
  elsewhere: Set<string>;
  /** Whether the sentence is mostly in capitals, computed when first needed. */
  caps: boolean | null;
}

/**
 * A month name written as a given name: spelt out (not "Jan."), followed by a capitalised
 * word that is neither a title, a place, a demonym, an organisation's head nor another
 * date word ("Jan Brewer", "June Carter said"), with no number after that word ("June
 * Primary 5") and no number or date lead before the month ("in June Trump said", "5 June
 * Cameron", "last May Clinton").
 */
function monthGivenName(toks: Token[], i: number): boolean {
  const t = toks[i];
  const next = toks[i + 1];
  if (!t || !next || !MONTH_GIVEN_NAMES.has(t.norm) || !isCapWord(t) || !isCapWord(next) || isAcronymToken(next)) return false;
  const lx = lexicon();
  const w = lower(next);
  if (lx.nonNames.has(w) || lx.personTitles.has(w) || lx.places.has(w) || isDemonymWord(w) || lx.organizationHeads.has(w) || lx.placeHeads.has(w)) return false;
  const after = toks[i + 2];
  if (after && (after.kind === 'number' || /^\d/.test(after.text))) return false;
  const prev = toks[i - 1];
  return !(prev && (prev.kind === 'number' || /^\d/.test(prev.text) || DATE_LEADS.has(prev.norm)));
}

function nameish(x: NameScan, i: number, initial: boolean): boolean {
  const lx = lexicon();
  const toks = x.toks;
  const t = toks[i];
  if (!t || !upperFirst(t)) return false;
  if (isAcronymToken(t) && !lx.nonNames.has(lower(t)) && !(x.caps ??= mostlyCaps(x.s))) return true;
  if (!isCapWord(t)) return false;
  const w = lower(t);
  if (lx.nonNames.has(w) && !knownWord(w) && !monthGivenName(toks, i)) return false;
  if (initial) {
    // (A capitalised word after a hyphen counts: "Jean-Marc Ayrault", "Jo-Renee Formicola".)
    const hyphened = toks[i + 1]?.text === '-' && toks[i + 2] && touching(t, toks[i + 1] as Token) && touching(toks[i + 1] as Token, toks[i + 2] as Token);
    const nextCap = i + 1 < toks.length && isCapWord(toks[hyphened ? i + 2 : i + 1] as Token);
    if (caseMismatch(t, w)) return false;
    // ("Josh Hendler, a …, warned": a known given name the tagger reads as a verb, opening
    // the sentence before a proper noun, opens the name.)
    if (t.pos === 'VERB' && knownNames().firstNames.has(w) && toks[i + 1]?.pos === 'PROPN' && isCapWord(toks[i + 1] as Token)) return true;
    return (t.pos === 'PROPN' || knownWord(w)) && (x.elsewhere.has(t.norm) || knownWord(w) || nextCap);
  }
  return true;
}

function pushUnit(units: Unit[], x: NameScan, a: number, b: number): void {
  const toks = x.toks;
  const ta = toks[a] as Token;
  const t = x.text.slice(ta.start, (toks[b] as Token).start + (toks[b] as Token).text.length);
  // One token: its normalised form, without dots, is its lookup form.
  const low = a === b && !/[’‘`´]/.test(ta.text) ? (ta.norm.includes('.') ? ta.norm.replace(/\./g, '') : ta.norm) : lookupForm(t);
  units.push({ a, b, text: t, low });
}

/**
 * Extracts the name mentions of one sentence. `quoteSpans` are the character ranges of
 * direct quotations in the article (mentions inside are flagged).
 */
export function sentenceMentions(
  articleId: string,
  s: Sentence,
  text: string,
  elsewhere: Set<string>,
  quoteSpans: Array<[number, number]>,
): Mention[] {
  const lx = lexicon();
  const toks = s.tokens;
  const scan: NameScan = { s, toks, text, elsewhere, caps: null };
  const out: Mention[] = [];
  let i = 0;
  while (i < toks.length) {
    if (!upperFirst(toks[i] as Token) || !nameish(scan, i, sentenceInitial(s, i))) {
      i++;
      continue;
    }
    // Grow the chain.
    const units: Unit[] = [];
    let j = i;
    pushUnit(units, scan, i, i);
    while (true) {
      const cur = toks[j] as Token;
      const nx = toks[j + 1];
      if (!nx) break;
      // Hyphenated compounds written without spaces: "al-Assad", "ez-Zor", "Commander-in-Chief".
      if (nx.text === '-' && touching(cur, nx)) {
        let k = j + 2;
        const parts = [j];
        while (toks[k] && touching(toks[k - 1] as Token, toks[k] as Token)) {
          parts.push(k);
          if (toks[k + 1]?.text === '-' && touching(toks[k] as Token, toks[k + 1] as Token)) k += 2;
          else break;
        }
        const lastTok = toks[parts[parts.length - 1] as number] as Token;
        const left = lower(cur);
        const right = lower(lastTok);
        const bothPlaces = (lx.places.has(left) || isDemonymWord(left)) && (lx.places.has(right) || isDemonymWord(right));
        // (So is a Korean given name, its second syllable in lower case, after a family
        // name: "Ban Ki-moon", "Moon Jae-in".)
        const syllables = parts.length === 2 && units.length >= 2 && /^\p{Lu}\p{Ll}{0,3}$/u.test(cur.text) && /^\p{Ll}{2,4}$/u.test(lastTok.text) && !lx.places.has(left);
        if (parts.length > 1 && (isCapWord(lastTok) || syllables) && !bothPlaces) {
          const last = units.pop() as Unit;
          j = parts[parts.length - 1] as number;
          pushUnit(units, scan, last.a, j);
          continue;
        }
        break;
      }
      // An office named after its holder: "Lemhi County Sheriff's Office", "District Attorney's Office".
      const heldBy = toks[j + 2];
      if (
        (nx.text === "'s" || nx.text === '’s') && touching(cur, nx) && lx.personTitles.has(lower(cur)) && units.length >= 2 &&
        heldBy && isCapWord(heldBy) && lx.organizationHeads.has(lower(heldBy))
      ) {
        const last = units.pop() as Unit;
        pushUnit(units, scan, last.a, j + 1);
        j += 2;
        pushUnit(units, scan, j, j);
        continue;
      }
      if (nameish(scan, j + 1, false) || monthSurname(toks, j, units)) {
        j++;
        pushUnit(units, scan, j, j);
        continue;
      }
      const w = lower(nx);
      // Particle joined by a hyphen to the next word: "Deir ez-Zor", "Bashar al-Assad".
      if (
        lx.particles.has(w) && nx.text === nx.text.toLowerCase() && !touching(cur, nx) &&
        toks[j + 2]?.text === '-' && toks[j + 3] && isCapWord(toks[j + 3] as Token) &&
        touching(nx, toks[j + 2] as Token) && touching(toks[j + 2] as Token, toks[j + 3] as Token)
      ) {
        j += 3;
        pushUnit(units, scan, j - 2, j);
        continue;
      }
      // Connectors inside names: "Ministry of Defense", "Observatory for Human Rights",
      // "Committee on Defense and Security", "General of the Army", "Hasan bin Talal".
      if (lx.connectors.has(w) && !touching(cur, nx) && nx.text === nx.text.toLowerCase()) {
        let k = j + 2;
        if (toks[k] && lower(toks[k] as Token) === 'the' && (w === 'of' || w === 'for' || w === 'on')) k++;
        // Two particles: "Oscar de la Renta", "Ursula von der Leyen".
        else if (lx.particles.has(w) && w !== 'the' && toks[k] && lx.particles.has(lower(toks[k] as Token)) && (toks[k] as Token).text === (toks[k] as Token).text.toLowerCase()) k++;
        const after = toks[k];
        const hasOrgHead = units.some((u) => lx.organizationHeads.has(u.low));
        // "and" joins one last word of an organisation's name ("Committee on Defense and
        // Security"), never two names ("the Observatory and Omar Abu Laila").
        const andOk = w === 'and' && k === j + 2 && hasOrgHead && !nameish(scan, k + 1, false) && toks[k + 1]?.text !== '-';
        // A place does not take "of": "director for Asia of the World Food Program".
        const soFar = lookupForm(units.map((u) => u.text).join(' '));
        const placeSoFar = lx.places.has(soFar) || lx.synonyms.get(soFar)?.type === 'place';
        const ok =
          after &&
          nameish(scan, k, false) &&
          !isAcronymToken(after) &&
          (w === 'of' || w === 'for' ? !placeSoFar : w === 'on' ? hasOrgHead : w === 'and' ? andOk : w !== 'the' && lx.particles.has(w));
        if (ok) {
          for (let x = j + 1; x < k; x++) pushUnit(units, scan, x, x);
          j = k;
          pushUnit(units, scan, k, k);
          continue;
        }
      }
      // A lower-case word that completes a known name: "the Islamic state".
      if (nx.text === nx.text.toLowerCase() && nx.kind === 'word') {
        const joined = lookupForm(`${units.map((u) => u.text).join(' ')} ${nx.text}`);
        if (lx.synonyms.has(joined)) {
          j++;
          pushUnit(units, scan, j, j);
          continue;
        }
      }
      // A number right after a name and before a verb or punctuation belongs to it ("Deir Ezzor 24 said").
      if (nx.kind === 'number' && /^\d{1,3}$/.test(nx.text) && units.length >= 1) {
        const after = toks[j + 2];
        if (after && (after.pos === 'VERB' || after.pos === 'AUX' || after.text === ',')) {
          j++;
          pushUnit(units, scan, j, j);
        }
      }
      break;
    }
    const next = j + 1;
    const m = buildMention(articleId, s, text, units, quoteSpans);
    if (m) out.push(...m);
    i = next;
  }
  return out;
}

/**
 * A month name as a surname ("Theresa May said"): after a capitalised first name, not
 * before a day number ("May 5"), not after a preposition-led date ("in May"), not after a
 * place or an organisation's head ("Soldier Field July 3").
 */
function monthSurname(toks: Token[], j: number, units: Unit[]): boolean {
  const t = toks[j + 1];
  if (!t || !MONTH_SURNAMES.has(lower(t)) || !isCapWord(t)) return false;
  const lx = lexicon();
  const cur = toks[j] as Token;
  const after = toks[j + 2];
  const prev = toks[units[0]!.a - 1];
  const last = units[units.length - 1] as Unit;
  return !(after && (after.kind === 'number' || /^\d/.test(after.text))) && !lx.personTitles.has(last.low) && !lx.nonNames.has(last.low) &&
    !lx.places.has(last.low) && !lx.placeHeads.has(last.low) && !lx.organizationHeads.has(last.low) &&
    !(prev && PREPOSITIONS.has(lower(prev))) && isCapWord(cur) && !isAcronymToken(cur);
}

function unitIsTitle(u: Unit): boolean {
  const lx = lexicon();
  if (lx.personTitles.has(u.low)) return true;
  if (!u.low.includes('-')) return u.low === 'in';
  return u.low.split('-').every((p) => lx.personTitles.has(p) || p === 'in');
}

/** End index of a multi-word title starting at unit k, or -1. */
function multiwordTitleEnd(units: Unit[], k: number): number {
  for (const mw of lexicon().multiwordTitles) {
    if (k + mw.length > units.length) continue;
    if (mw.every((w, x) => units[k + x]?.low === w)) return k + mw.length - 1;
  }
  return -1;
}

function lowAt(t: Token | undefined): string {
  return t ? lower(t) : '';
}

/** Whether the word before a name is a title of it, not an adjective (see buildMention). */
function titleWord(before: Token | undefined, before2: Token | undefined): boolean {
  const lx = lexicon();
  const w = lowAt(before);
  if (!lx.adjectiveTitles.has(w)) return before?.pos !== 'ADJ' || lx.strongTitles.has(w);
  return before?.pos === 'NOUN' || lx.multiwordTitles.some((mw) => mw.length === 2 && mw[0] === lowAt(before2) && mw[1] === w);
}

function buildMention(articleId: string, s: Sentence, text: string, all: Unit[], quoteSpans: Array<[number, number]>): Mention[] | null {
  const lx = lexicon();
  let units = all;
  // Trailing connectors never end a name.
  while (units.length && lx.connectors.has(units[units.length - 1]!.low)) units = units.slice(0, -1);
  while (
    units.length && lx.nonNames.has(units[0]!.low) && !lx.personTitles.has(units[0]!.low) &&
    !(units.length > 1 && units[0]!.a === units[0]!.b && monthGivenName(s.tokens, units[0]!.a))
  ) units = units.slice(1);
  // A demonym never ends a name ("Sergei Rudskoi Russian military").
  while (units.length > 1 && isDemonymWord(units[units.length - 1]!.low)) units = units.slice(0, -1);
  // … and what a stripped demonym leaves at the end ("Ilnur Cevik of the [English]").
  while (units.length > 1 && (lx.connectors.has(units[units.length - 1]!.low) || units[units.length - 1]!.low === 'the')) units = units.slice(0, -1);
  if (!units.length) return null;
  // "Rep. John Conyers Jr. of Michigan": a titled name followed by "of" and a place.
  // (Also without a title, after a known given name: "… Melvin Watt of North Carolina".)
  const givenFirst = units.length >= 4 && knownNames().firstNames.has(units[0]!.low);
  if (units.length >= 4 && (units.some(unitIsTitle) || givenFirst)) {
    const firstTitle = givenFirst ? 0 : units.findIndex(unitIsTitle);
    const ofAt = units.findIndex((u, k) => k > firstTitle + 1 && u.low === 'of');
    const rest = ofAt > 0 ? lookupForm(units.slice(ofAt + 1).map((u) => u.text).join(' ')) : '';
    // The place stays a mention of its own.
    if (ofAt > 0 && (lx.places.has(rest) || lx.synonyms.get(rest)?.type === 'place')) {
      return [...(buildMention(articleId, s, text, units.slice(0, ofAt), quoteSpans) ?? []), ...(buildMention(articleId, s, text, units.slice(ofAt + 1), quoteSpans) ?? [])];
    }
  }
  // Person names after titles: the name starts after the last title (or multi-word title).
  let titleEnd = -1;
  for (let k = 0; k < units.length; k++) {
    const mw = multiwordTitleEnd(units, k);
    if (mw >= 0) {
      titleEnd = mw;
      k = mw;
      continue;
    }
    if (unitIsTitle(units[k]!)) titleEnd = k;
  }
  let title: string | null = null;
  let strongTitle = false;
  if (titleEnd >= 0) {
    const rest = units.slice(titleEnd + 1);
    const restIsName =
      rest.length >= 1 &&
      rest.length <= 4 &&
      rest.every((u) => !lx.connectors.has(u.low) || lx.particles.has(u.low)) &&
      rest.every((u) => !lx.organizationHeads.has(u.low) && !isDemonymWord(u.low) && !lx.places.has(u.low));
    if (restIsName) {
      const titleUnits = units.slice(0, titleEnd + 1);
      title = text.slice((s.tokens[titleUnits[0]!.a] as Token).start, endOf(s, titleUnits[titleUnits.length - 1]!.b));
      strongTitle = titleUnits.some((u) => lx.strongTitles.has(u.low) || u.low.split('-').some((p) => lx.strongTitles.has(p))) ||
        multiwordTitleEnd(titleUnits, 0) >= 0;
      units = rest;
    } else if (units[titleEnd + 1]?.low === 'of' && units.slice(0, titleEnd + 1).every((u) => unitIsTitle(u) || isDemonymWord(u.low))) {
      // A role, not a name: "Chairman of the Federation Council Committee…" → the organisation.
      let k = titleEnd + 2;
      if (units[k]?.low === 'the') k++;
      units = units.slice(k);
      if (!units.some((u) => lx.organizationHeads.has(u.low) || lx.places.has(u.low) || lx.synonyms.has(u.low))) return null;
    } else if (units.every((u) => unitIsTitle(u) || isDemonymWord(u.low) || lx.connectors.has(u.low))) {
      return null;
    }
  }
  if (!units.length) return null;
  // Two names written side by side: a known place or organisation followed by a
  // person's name ("… of the Russian Federation Vladimir Putin", "Pentagon James").
  const kn = knownNames();
  if (!title) {
    const wholeLow = lookupForm(units.map((u) => u.text).join(' '));
    for (let k = 1; k < units.length; k++) {
      // (The cheap conditions first: a tail of at most three words after a known head.)
      if (units.length - k > 3) continue;
      const headUnits = units.slice(0, k);
      const last = headUnits[headUnits.length - 1] as Unit;
      const head = lookupForm(headUnits.map((u) => u.text).join(' '));
      const lexiconHead = lx.places.has(head) || lx.synonyms.has(head) || lx.synonyms.has(last.low);
      const headKnown = lexiconHead || lx.organizationHeads.has(last.low);
      if (!headKnown) continue;
      const tail = units.slice(k);
      const tailLow = lookupForm(tail.map((u) => u.text).join(' '));
      // A one-word tail splits only after a name from the lexicon ("Pentagon James"),
      // not after any head noun ("Mission Control" is one name).
      // Not a given name before a surname ("Jordan Deuschleman", "Israel Katz"), nor a
      // name known whole ("Colorado Rockies").
      const givenName = k === 1 && (kn.firstNames.has(last.low) || kn.persons.has(last.low)) && tail.length === 1 && !lx.places.has(tailLow);
      const knownWhole = kn.organizations.has(wholeLow) || kn.persons.has(wholeLow);
      if (
        !givenName && !knownWhole &&
        headKnown && tail.length <= 3 && (tail.length >= 2 || lexiconHead) && !lx.connectors.has(last.low) &&
        tail.every((u) => !lx.connectors.has(u.low) && !lx.organizationHeads.has(u.low) && !lx.placeHeads.has(u.low) && !unitIsTitle(u) && !isDemonymWord(u.low)) &&
        !lx.synonyms.has(tailLow) && !lx.places.has(tailLow) &&
        !lx.synonyms.has(wholeLow)
      ) {
        const left = buildMention(articleId, s, text, headUnits, quoteSpans) ?? [];
        const right = buildMention(articleId, s, text, tail, quoteSpans) ?? [];
        return [...left, ...right];
      }
    }
  }
  // Demonyms, months and title words alone are not entities.
  if (units.every((u) => isDemonymWord(u.low) || lx.nonNames.has(u.low) || unitIsTitle(u) || lx.connectors.has(u.low))) return null;
  // Capitalised page furniture and common abbreviations alone ("CLOSE", "STORY", "TV").
  if (units.length === 1 && kn.notAcronyms.has(units[0]!.low)) return null;
  // A US party and state label after a lawmaker's name ("R-Ky.", "D-N.Y.").
  if (units.length === 1 && /^[DRI]-\p{Lu}/u.test(units[0]!.text)) return null;
  const a = units[0]!.a;
  const b = units[units.length - 1]!.b;
  const start = (s.tokens[a] as Token).start;
  const end = endOf(s, b);
  const name = text.slice(start, end);
  const low = lookupForm(name);
  const votes = emptyVotes();
  const toks = s.tokens;
  const before = toks[a - 1];
  const before2 = toks[a - 2];
  const after = toks[b + 1];
  const after2 = toks[b + 2];
  const synonym = (units.length === 1 && name.length <= 3 && name !== name.toUpperCase() ? null : lx.synonyms.get(low)) ?? null;
  const acronym = units.length === 1 && ACRONYM.test(units[0]!.text);
  if (synonym) votes[synonym.type] += 3;
  if (title) votes.person += strongTitle ? 3 : 1;
  const lows = units.map((u) => u.low);
  if (lx.places.has(low)) votes.place += 3;
  if (!synonym) {
    if (lows.some((w) => lx.organizationHeads.has(w))) votes.organization += 2;
    const head = lows[lows.length - 1] as string;
    if (lx.placeHeads.has(head) && units.length > 1) votes.place += 2;
  }
  // Names known from the general lexicon (weaker than the gazetteer and the synonyms).
  // After a possessive only when the possessor is a place ("New Zealand's Stanley Shaw",
  // not "Smith's Mercedes").
  const possessive = before?.text === "'s" || before?.text === '’s';
  const possessor = lowAt(before2);
  const possessor2 = `${lowAt(toks[a - 3])} ${possessor}`;
  const possessorPlace = [possessor, possessor2].some((p) => lx.places.has(p) || kn.places.has(p));
  if (!synonym && !lx.places.has(low)) {
    const heads = lows.some((w) => lx.organizationHeads.has(w) || lx.placeHeads.has(w) || lx.groupHeads.has(w));
    if (kn.places.has(low)) votes.place += 2;
    else if (kn.organizations.has(low)) votes.organization += 2;
    else if (kn.persons.has(low)) votes.person += 2;
    else if (
      !heads && units.length <= 4 && (kn.firstNames.has(lows[0] as string) || (units.length >= 2 && hyphenatedGivenName(lows[0] as string))) &&
      !acronym && units[0]!.text !== units[0]!.text.toUpperCase() &&
      lowAt(before) !== 'the' && !(possessive && !possessorPlace)
    ) votes.person += units.length >= 2 ? 1.5 : 1;
    // "J. Scott Applewhite", "C.Z. Guest": initials before a name.
    if (!heads && units.length >= 2 && /^(?:\p{Lu}\.){1,3}$/u.test(units[0]!.text)) votes.person += 1.5;
    // "St. Louis", "Fort Worth", "Mount Everest".
    if (units.length >= 2 && kn.placePrefixes.has(lows[0] as string)) votes.place += 1.5;
    // "Kingdom of Cambodia", "Republic of Korea", "City of London".
    if (units.length >= 3 && lx.placeHeads.has(lows[0] as string) && lows[1] === 'of') votes.place += 2;
  }
  // "Kunz Jr.": a generational suffix ends a person's name.
  if (units.length >= 2 && /^(?:jr|sr|ii|iii|iv)$/.test(lows[lows.length - 1] as string)) votes.person += 2;
  // "WHP-TV": a head noun joined by a hyphen.
  const lastLow = lows[lows.length - 1] as string;
  const lastPart = lastLow.slice(lastLow.lastIndexOf('-') + 1);
  if (lastPart !== lastLow && lx.organizationHeads.has(lastPart)) votes.organization += 2;
  // Names written in capitals ("NFL", "AFL-CIO") are mostly organisations.
  if (!synonym && !lx.places.has(low) && /^\p{Lu}[\p{Lu}&-]*\p{Lu}$/u.test(name) && name.length <= 10) votes.organization += 1;
  // Context: the words around the name.
  if (after && after.text === after.text.toLowerCase()) {
    const w = lowAt(after);
    if (lx.placeHeads.has(w) && !lx.groupHeads.has(w)) votes.place += 2;
    if (lx.groupHeads.has(w)) votes.group += w === 'group' ? 1 : 2;
    if (kn.jurisdictionNouns.has(w)) votes.place += 1;
    else if (lx.organizationHeads.has(w) && !lx.groupHeads.has(w) && !lx.placeHeads.has(w)) votes.organization += 1;
    else if (kn.organizationNouns.has(w) && !lx.groupHeads.has(w)) votes.organization += 2;
  }
  // "the daily Milliyet", "the English language newspaper The Nation".
  // (Over "the" and a stripped article: "the leftist newspaper As Safir".)
  let nb = a - 1;
  while (nb >= a - 2 && toks[nb] && (lowAt(toks[nb]) === 'the' || (isCapWord(toks[nb] as Token) && lx.nonNames.has(lowAt(toks[nb]))))) nb--;
  const beforeNoun = toks[nb];
  if (beforeNoun && beforeNoun.text === beforeNoun.text.toLowerCase() && kn.organizationNouns.has(lowAt(beforeNoun)) && !lx.groupHeads.has(lowAt(beforeNoun))) votes.organization += 2;
  // "Granger Telecom, a British telephone company"; "Villejuif, a Paris suburb".
  if (after?.text === ',' && after2 && ['a', 'an', 'the'].includes(lowAt(after2))) {
    for (let x = b + 3; x < Math.min(toks.length, b + 8); x++) {
      const t = toks[x] as Token;
      if (t.kind !== 'word' || t.pos === 'VERB' || t.pos === 'AUX') break;
      const w = lowAt(t);
      if (t.text !== t.text.toLowerCase()) continue;
      if (lx.strongTitles.has(w)) break;
      if (kn.organizationNouns.has(w) && !lx.groupHeads.has(w)) votes.organization += 2;
      else if (lx.placeNouns.has(w) || lx.placeHeads.has(w)) votes.place += 2;
      else continue;
      break;
    }
  }
  // "in Kent, Connecticut", "Weybridge, south of London": a place beside a known place.
  if (after?.text === ',' && after2) {
    const next = lookupForm(after2.text);
    const nextIsPlace = (lx.places.has(next) || kn.places.has(next)) && !lx.synonyms.has(next);
    const direction = /^(?:north|south|east|west|northeast|northwest|southeast|southwest)$/.test(next) && lowAt(toks[b + 3]) === 'of';
    if ((nextIsPlace && before && PLACE_PREPOSITIONS.has(lowAt(before))) || direction) votes.place += 2;
  }
  // A dateline: the sentence opens with the name in capitals and a dash or a comma ("WARSAW —").
  if (a === 0 && name.length >= 4 && name === name.toUpperCase() && /\p{Lu}{3}/u.test(name) && after && /^(?:—|–|--|-|,|\()$/.test(after.text)) votes.place += 2;
  if (after?.text === ',' && (lowAt(after2) === 'who' || lowAt(after2) === 'whose')) votes.person += 2;
  if (after?.text === ',' && after2?.kind === 'number' && /^\d{2}$/.test(after2.text) && toks[b + 3]?.text === ',') votes.person += 2;
  if (before && lowAt(before) === 'of' && before2 && lx.placeNouns.has(lowAt(before2))) votes.place += 2;
  // A lower-case title right before the name ("opposition leader Sam Rainsy", "spokesman John Kirby").
  let lowerTitle: string | null = null;
  // (Not an adjective: "the last major IS holdout", "the former Soviet Union"; but
  // "Turkish premier Tansu Ciller", "attorney general Gideon Hausner".)
  if (before && before.text === before.text.toLowerCase() && lx.personTitles.has(lowAt(before)) && titleWord(before, before2) && units.length >= 1 && units.length <= 3) {
    if (lx.strongTitles.has(lowAt(before))) votes.person += 2;
    const from = before2 && before2.pos === 'NOUN' && before2.text === before2.text.toLowerCase() ? before2 : before;
    lowerTitle = text.slice(from.start, before.start + before.text.length);
  }
  if (before && PLACE_PREPOSITIONS.has(lowAt(before))) votes.place += 0.5;
  // "Viktor Bondarev, Chairman of …": an appositive title.
  if (after?.text === ',' && after2) {
    // "Roque Rodrigues, a Lisbon spokesman for …": a title within the next few words.
    const window = ['the', 'a', 'an'].includes(lowAt(after2)) ? toks.slice(b + 3, b + 8) : [after2];
    const title = window.find((t) => lx.strongTitles.has(lowAt(t)));
    if (title && window.slice(0, window.indexOf(title)).every((t) => t.kind === 'word' && t.pos !== 'VERB')) votes.person += 1;
  }
  // The subject or object of a speech verb ("Rudskoi said", "said Klintsevich").
  // "the Rockies", "the Democrats": a plural name after "the" is a team, party or group, not a person.
  const thePlural = lowAt(before) === 'the' && units.length === 1 && /[^s]s$/.test(name) && !lx.places.has(low);
  if (thePlural) votes.organization += 1;
  const plainName = units.length <= 3 && !/\d/.test(name) && !(before && PREPOSITIONS.has(lowAt(before))) && !thePlural;
  if (plainName && after && (after.pos === 'VERB' || after.pos === 'ADJ') && lx.speechVerbs.has(after.lemma)) votes.person += 1;
  const endsClause = !after || after.kind === 'punctuation';
  if (plainName && endsClause && before && before.pos === 'VERB' && lx.strongSpeechVerbs.has(before.lemma) && before2 && /^[,"”“']$/.test(before2.text)) votes.person += 1;
  // A country qualifying an organisation: a demonym inside the name or a possessive before it.
  let qualifier: string | null = null;
  for (const w of lows) {
    const syn = lx.synonyms.get(w);
    const c = demonymCountry(w) ?? (syn?.type === 'place' ? syn.name : null) ?? (lows.length > 1 && lx.places.has(w) ? (lx.places.get(w) as string) : null);
    if (c) {
      qualifier = c;
      break;
    }
  }
  if (!qualifier && before && (before.text === "'s" || before.text === '’s') && before2) {
    const c = lx.places.get(lowAt(before2)) ?? lx.synonyms.get(lowAt(before2))?.name;
    if (c && lx.synonyms.get(lowAt(before2))?.type !== 'organization') qualifier = c;
  }
  const inQuote = insideSpan(quoteSpans, start, end);
  return [
    {
      articleId,
      sentence: s.index,
      start,
      end,
      text: name,
      title: title ?? lowerTitle,
      qualifier,
      acronym,
      synonym,
      votes,
      inQuote,
      first: a,
      last: b,
      afterPreposition: Boolean(before && PREPOSITIONS.has(lowAt(before))),
      afterThe: lowAt(before) === 'the',
    },
  ];
}

/**
 * Whether [start, end) lies inside one of `spans` (sorted by start, as quoteSpans gives
 * them): the last span starting at or before `start`, found by binary search, or the
 * one before it (a quotation extended over a paragraph may overlap the next).
 */
function insideSpan(spans: Array<[number, number]>, start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as [number, number])[0] <= start) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let k = at; k >= 0 && k >= at - 1; k--) {
    const [qa, qb] = spans[k] as [number, number];
    if (start >= qa && end <= qb) return true;
  }
  return false;
}

function endOf(s: Sentence, b: number): number {
  const t = s.tokens[b] as Token;
  return t.start + t.text.length;
}

/**
 * The mentions of an article with the names inside each title of a work (`titles`: the
 * spans of quotations that are titles, src/analysis/quotes.ts `titleSpans`) made one
 * mention of the whole title, typed as a work ("other"): "Only Girl (In the World)" is one
 * song, not "Girl" and "World" (issue 10, mnval-082). A title holding no name, or one name
 * that is the whole title, is left as it is.
 */
export function withTitleMentions(mentions: Mention[], text: string, titles: Array<[number, number]>): Mention[] {
  if (!titles.length) return mentions;
  const out: Mention[] = [];
  const taken = new Set<Mention>();
  for (const [a, b] of titles) {
    const inside = mentions.filter((m) => m.start >= a && m.end <= b);
    const first = inside[0];
    const last = inside[inside.length - 1];
    if (!first || !last || inside.some((m) => m.sentence !== first.sentence)) continue;
    const body = text.slice(a, b).replace(/[\s,.;:!?]+$/u, '');
    if (inside.length === 1 && first.text === body) continue;
    for (const m of inside) taken.add(m);
    const votes = emptyVotes();
    votes.other = 3;
    out.push({ ...first, start: a, end: a + body.length, text: body, title: null, qualifier: null, acronym: false, synonym: null, votes, last: last.last, afterPreposition: false, afterThe: false });
  }
  if (!taken.size) return mentions;
  return [...mentions.filter((m) => !taken.has(m)), ...out].sort((x, y) => x.start - y.start);
}

/** All name mentions of one article. */
export function articleMentions(doc: AnnotatedArticle, elsewhere: Set<string>, quoteSpans: Array<[number, number]>): Mention[] {
  const out: Mention[] = [];
  for (const s of doc.sentences) out.push(...sentenceMentions(doc.article.id, s, doc.article.text, elsewhere, quoteSpans));
  return out;
}
