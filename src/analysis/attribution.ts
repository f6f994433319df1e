/**
 * Who says something: the speaker of a quotation or the source of a reported
 * statement, from the attribution patterns of news text:
 *   “…,” Gerasimov said / “…,” said Gerasimov, adding … / “…,” he said
 *   Gerasimov told attachés that “…” / …, saying “…” (the subject of the clause)
 *   according to Gerasimov, … / according to a statement from Russia's Ministry of Defence
 *   “…,” RIA Novosti quotes the head of state (the object of "quote")
 *   “…” alone after a sentence that ends “…, Rudskoi said.” (the same speaker goes on)
 *   “…?” / “… .” then a sentence that only attributes ("Sanders replied.", "Rep. X (D-Ore.) said.")
 * Pronouns (he, she, it) and title phrases ("the general", "the head of state") are
 * resolved to the speaker going on, the subject of the sentence before, or else the
 * preceding person (or organisation for "it") named outside quotations in the same
 * article, looking back at most three sentences — for a person only when no other one
 * who fits is named there. A phrase opened by "a", "an", "one", "another" describes its
 * speaker ("said an Iowa Democrat"): never the entity named inside it.
 */
import type { AnnotatedArticle, Sentence, Token } from '../types.js';
import type { EntityIndex, EntityInfo } from './entities.js';
import { lexicon, lookupForm } from './lexicon.js';
import type { Mention } from './mentions.js';
import { entityGender, genderAgrees, pronounGender, type Gender } from './gender.js';

/**
 * Whether an entity is a person for attribution: typed so, or not typed yet but written
 * with a given name that tells a gender ("Florida delegate John Archer", named once).
 */
function personLike(e: EntityInfo | null | undefined): e is EntityInfo {
  return Boolean(e && (e.type === 'person' || (e.type === 'other' && entityGender(e) !== null)));
}

/**
 * Whether an entity is a name the index left untyped, with no gender told by a given name
 * or title, written like a person's: two or three capitalised words ("Zorvan Tekelli"). A
 * pronoun may point to it as well as to a typed person named near it.
 */
function untypedPersonName(e: EntityInfo): boolean {
  return e.type === 'other' && entityGender(e) === null && /^\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+){1,2}$/u.test(e.name);
}

/**
 * Whether an entity is a name the index left untyped, whose gender nothing tells, written
 * like a person's name or surname: one to three capitalised words ("Trump", "Zorvan Tekelli").
 */
function untypedName(e: EntityInfo): boolean {
  return e.type === 'other' && entityGender(e) === null && /^\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+){0,2}$/u.test(e.name);
}

export interface Attribution {
  /** The speaker as an entity, when the text names or points to one. */
  entity: EntityInfo | null;
  /** The words naming the speaker ("Syrian activists", "the head of state"), when no entity. */
  text: string | null;
  how: 'after' | 'before' | 'according' | 'pronoun' | 'continuation' | 'subject';
  /**
   * The finer route within `how` that found the speaker ("pronoun:prev-speaker",
   * "continuation:prev-quote", …), for scoring per route (`eval-attribution`); absent
   * where `how` says it all.
   */
  route?: string;
}

const LOOKBACK = 3;
/**
 * How many sentences back a pronoun may find the speaker going on: the sentence just
 * before only (two back was a guess wrong nearly as often as right on both halves of
 * PolNeAR dev: DESIGN.md, issue 11 §1 fifth round).
 */
const SPEAKER_LOOKBACK = 1;

/** Capitalised prepositions and verbs that only a headline puts inside a name. */
const HEADLINE_WORDS = new Set(['About', 'Between', 'Against', 'Into', 'Over', 'After', 'Before', 'Why', 'How', 'What', 'Is', 'Are', 'Was', 'Were', 'Will', 'Can', 'Says', 'Said', 'Has', 'Have', 'Wants', 'Gets']);

/**
 * Whether the token at `i` makes the name before it a possessor ("Clinton’s campaign"),
 * not the contraction of "has"/"is" ("Christie’s been making the case").
 */
function possessiveAt(toks: Token[], i: number): boolean {
  const t = toks[i];
  // "Sanders’ surge": a bare apostrophe right after a name ending in s, before a noun.
  const before = toks[i - 1];
  if (t && (t.text === '’' || t.text === "'") && before && /s$/i.test(before.text) && before.start + before.text.length === t.start) {
    return toks[i + 1]?.pos === 'NOUN' || toks[i + 1]?.pos === 'ADJ';
  }
  if (!t || (t.text !== "'s" && t.text !== '’s')) return false;
  const nx = toks[i + 1];
  return !(nx && (nx.pos === 'AUX' || nx.pos === 'VERB') && /^(been|got|gotten|going|made|said|told|done|had|not|never)$/i.test(nx.text));
}

/**
 * Determiners that introduce someone not named before ("said an Iowa Democrat", "a man
 * yelled", "added another New Hampshire Democrat"): the phrase describes its speaker; it
 * is neither the entity named inside it (the Democratic Party) nor a person titled so earlier.
 */
const INDEFINITE = new Set(['a', 'an', 'one', 'another', 'some']);

/** Words opening a clause before the subject of a sentence ("When Wallace died, …", "As the vote neared, …"). */
const CLAUSE_OPENERS = new Set(['when', 'while', 'as', 'if', 'after', 'before', 'since', 'because', 'although', 'though', 'once', 'until', 'whenever']);

/**
 * Whether token `i` lies in a subordinate clause: a subordinating word ("when", "if",
 * "that", …) stands between it and the comma before it (or the sentence start).
 */
function subordinate(toks: Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && toks[k]!.text !== ','; k--) {
    const t = toks[k]!;
    if (t.pos === 'SCONJ' || CLAUSE_OPENERS.has(t.norm) || t.norm === 'that' || t.norm === 'whether') return true;
  }
  return false;
}

/** Conjunctions opening a clause of time after an attribution ("… Sessions said as he launched the process"). */
/** Words between a described speaker and the name the article gives it ("the base chief known as Bob"). */
const KNOWN_AS: string[][] = [['known', 'as'], ['identified', 'only', 'as'], ['identified', 'as'], ['named']];
const ATTRIBUTION_TIME = new Set(['as', 'when', 'while', 'before', 'after']);

/**
 * Whether an entity can be a speaker: not a place (typed so, or a name of the
 * gazetteer: "South Carolina", "United States"), and not a fragment that only looks
 * like a name ("until Haley", "Houston and").
 */
export function isSpeaker(e: EntityInfo): boolean {
  if (e.type === 'place') return false;
  const lx = lexicon();
  if (lx.places.has(lookupForm(e.name)) || lx.demonyms.has(lookupForm(e.name))) return false;
  const words = e.name.split(/\s+/);
  if (!/^[\p{Lu}\p{N}]/u.test(words[0] ?? '')) return false;
  // A headline in capitals ("RED STATES OUTNUMBER BLUE STATES", "VOTERS CARE") is page
  // clutter, and so is a title-case headline cut into a name ("Difference Between Bernie
  // Sanders", "Message About Latinos"): a preposition or verb written with a capital.
  if (words.length >= 3 && words.every((w) => !/\p{Ll}/u.test(w))) return false;
  if (words.length >= 2 && words.every((w) => !/\p{Ll}/u.test(w)) && words.some((w) => w.length >= 5)) return false;
  if (words.slice(1).some((w) => HEADLINE_WORDS.has(w))) return false;
  const last = (words[words.length - 1] ?? '').toLowerCase();
  return !['and', 'or', 'but', 'nor'].includes(last);
}

/**
 * A speaker described rather than named, as shown to readers: one line, no trailing
 * punctuation, and a sentence-initial article in lower case ("The Russian military
 * says" → "the Russian military"), since it is quoted inside other sentences.
 */
export function phraseText(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:!?"“”'‘’)(\[\]-]+$/u, '')
    .replace(/^[\s"“”'‘’(\[-]+/u, '')
    .replace(/^(The|A|An) (?=\p{Ll}|\p{Lu}\p{Ll})/u, (m) => m.toLowerCase());
}

export class Attributor {
  /** Speakers found so far, by `articleId#sentence` (filled by the quote ledger). */
  readonly speakerOf = new Map<string, EntityInfo>();

  constructor(
    private readonly index: EntityIndex,
    /** Quotation spans (content offsets) per article. */
    private readonly spans: Map<string, Array<[number, number]>>,
  ) {}

  /** Whether `offset` is inside a quotation (marks included); spans are sorted by start. */
  private inQuote(articleId: string, offset: number): boolean {
    const spans = this.spans.get(articleId) ?? [];
    let lo = 0;
    let hi = spans.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((spans[mid] as [number, number])[0] - 1 <= offset) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let k = at; k >= 0 && k >= at - 1; k--) {
      const [a, b] = spans[k] as [number, number];
      if (offset >= a - 1 && offset <= b) return true;
    }
    return false;
  }

  mentionsOf(articleId: string, sentence: number): Mention[] {
    return this.index.bySentence.get(`${articleId}#${sentence}`) ?? [];
  }

  /**
   * The entity of a mention, when it can be a speaker (see `isSpeaker`). A single word
   * that the gazetteer knows as a place but that is the surname of a person named in the
   * same article ("said Bolton" after "John Bolton") is that person.
   */
  private entity(m: Mention): EntityInfo | null {
    const e = this.index.of.get(m) ?? null;
    if (e && isSpeaker(e)) return e;
    if (e && !/\s/.test(m.text.trim())) return this.personBySurname(m.articleId, m.text.trim());
    return null;
  }

  /** The entity of a mention when it can be a speaker (`entity`, for the quote ledger). */
  speakerEntity(m: Mention): EntityInfo | null {
    return this.entity(m);
  }

  private readonly surnames = new Map<string, EntityInfo | null>();

  /** The one person of an article whose name ends with `word` (and has a given name before it), or null. */
  private personBySurname(articleId: string, word: string): EntityInfo | null {
    const key = `${articleId}#${word}`;
    if (this.surnames.has(key)) return this.surnames.get(key) ?? null;
    const found = this.index.entities.filter((x) => {
      if (x.type !== 'person' || !isSpeaker(x)) return false;
      const ws = x.name.split(/\s+/);
      return ws.length >= 2 && ws[ws.length - 1] === word && x.mentions.some((mm) => mm.articleId === articleId);
    });
    const person = found.length === 1 ? (found[0] as EntityInfo) : null;
    this.surnames.set(key, person);
    return person;
  }

  /**
   * The speaker a sentence introducing a quotation with a colon names at its start
   * ("Cruz continued:", "President Clinton released the following statement:",
   * "He added:"): the name opening it, or its opening pronoun resolved.
   */
  introducer(doc: AnnotatedArticle, s: Sentence, until: number = s.tokens.length): EntityInfo | null {
    const toks = s.tokens;
    const lx = lexicon();
    // "When Wallace died in 1998, President Clinton released the following statement:": a
    // clause or phrase opening the sentence up to its comma is not where the subject is.
    let from = 0;
    const opener = toks[0];
    if (opener && (opener.pos === 'ADP' || opener.pos === 'SCONJ' || CLAUSE_OPENERS.has(opener.norm))) {
      const comma = toks.findIndex((t, x) => x < until && t.text === ',');
      if (comma < 0) return null;
      from = comma + 1;
    }
    const t0 = toks[from];
    if (!t0) return null;
    if (lx.pronouns.get(t0.norm) === 'person' || lx.pronouns.get(t0.norm) === 'organization') {
      return this.pronoun(doc, s, t0)?.entity ?? null;
    }
    let m = this.mentionAt(s, doc.article.id, from);
    if (!m || m.inQuote || m.last >= until) return null;
    // "Former Republican presidential candidate Jeb Bush broke down …:": a name modifying the
    // head of the phrase is not its subject; the head is (the next name, after modifiers only).
    for (let guard = 0; m && guard < 3; guard++) {
      const head: Mention | undefined = this.mentionsOf(doc.article.id, s.index).find((x) => x.first > m!.last && !x.inQuote);
      if (!head || head.first - m.last > 5) break;
      const between = toks.slice(m.last + 1, head.first);
      if (!between.every((t) => t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'PROPN' || lx.personTitles.has(t.norm.replace(/\.$/, '')))) break;
      m = head;
    }
    if (m.last >= until) return null;
    const nx = toks[m.last + 1];
    if (nx && possessiveAt(toks, m.last + 1)) return null;
    const e = this.entity(m);
    return e && (e.type === 'person' || e.type === 'organization' || e.type === 'other') ? e : null;
  }

  /**
   * The person or organisation named alone at `offset`, signing a quotation ("“…” ― Pamela
   * Padilla"): a name followed only by a full stop, the end of its paragraph or the next
   * quotation. Null otherwise ("“…” — the balloons cascaded", "“…” — Trump said").
   */
  signature(doc: AnnotatedArticle, offset: number): EntityInfo | null {
    const text = doc.article.text;
    const s = doc.sentences.find((x) => x.start <= offset && offset < x.end);
    if (!s) return null;
    const m = this.mentionsOf(doc.article.id, s.index).find((x) => x.start === offset && !x.inQuote);
    if (!m || !/^[ \t]*(?:[.,]?[ \t]*(?:$|\n|["“])|[.]?$)/.test(text.slice(m.end, m.end + 4))) return null;
    const e = this.entity(m);
    // (An untyped name of two to four capitalised words signing a quotation is its speaker
    // too: "” ― Beck Pimentel", a name the tagger does not know.)
    const fullName = e?.type === 'other' && /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}$/u.test(m.text);
    return e && (e.type === 'person' || e.type === 'organization' || personLike(e) || fullName) ? e : null;
  }

  /** A speech verb token ("said", "told", "saying", "added"). */
  isSpeechVerb(t: Token | undefined): boolean {
    if (!t) return false;
    const lx = lexicon();
    return (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'ADJ') && lx.speechVerbs.has(t.lemma);
  }

  /** A speech verb at token index `v`, or a verb with the particle that makes it one ("went on", "shot back"). */
  speechAt(toks: Token[], v: number): boolean {
    const t = toks[v];
    if (this.isSpeechVerb(t)) return true;
    if (!t || t.pos !== 'VERB') return false;
    const particles = lexicon().phrasalSpeechVerbs.get(t.lemma);
    if (!particles?.includes(toks[v + 1]?.norm ?? '')) return false;
    // "once the Senate goes on recess", "went on Fox News": a particle with its own object
    // is a preposition, and the verb is not speech.
    const object = toks[v + 2];
    return !(object && object.kind === 'word' && ['NOUN', 'PROPN', 'DET', 'ADJ', 'NUM', 'PRON'].includes(object.pos) && object.norm !== 'that');
  }

  /**
   * Whether a sentence is only an attribution ("Sanders replied.", "Bolton charged, …",
   * "said Bolton.", "Clinton spokesman Josh Schwerin said at the time, …"): a speech verb
   * among its first words, not followed by a clause of its own ("He said the plan would
   * fail" reports a new statement) up to the first comma or the end.
   */
  attributionOnly(s: Sentence): boolean {
    const toks = s.tokens;
    const lx = lexicon();
    // "Vitter wondered.": a name and a verb in the past alone (`after` checks the person).
    const last = toks.findLastIndex((t) => t.kind !== 'punctuation');
    const verb = toks[last];
    if (last >= 1 && last <= 4 && verb?.pos === 'VERB' && /ed$/.test(verb.norm) && toks.slice(0, last).every((t) => /^\p{Lu}/u.test(t.text))) return true;
    let v = 0;
    // (A name may carry a party label in parentheses: "Rep. Earl Blumenauer (D-Ore.) said.")
    while (v < toks.length && v < 14 && !this.speechAt(toks, v)) {
      const t = toks[v] as Token;
      if ((t.kind === 'punctuation' && !['(', ')', '-', '.', "'s", '’s'].includes(t.text)) || t.pos === 'VERB' || t.pos === 'AUX') return false;
      v++;
    }
    if (v >= toks.length || v >= 14) return false;
    // "explained Los Angeles-based attorney Edgar Martirosyan.": the speaker follows the verb.
    if (v === 0) return true;
    let n = v + 1;
    if (!this.isSpeechVerb(toks[v])) n++;
    // "told Britain’s ITV television station in an interview aired on Monday": after a
    // listener, only "that" opens a statement of its own.
    let listener = lx.listenerVerbs.has(toks[v]!.lemma);
    for (; n < toks.length; n++) {
      const t = toks[n] as Token;
      if (t.kind === 'punctuation') return true;
      // "said as he launched the process", "replied when asked": a clause of time
      // after the attribution is not a statement of its own.
      if (ATTRIBUTION_TIME.has(t.norm) && n > v) return true;
      if (t.norm === 'that' || t.pos === 'SCONJ') return false;
      // "said to People", "said in an interview aired Monday": after a preposition, the
      // listener or the occasion (whatever the tagger makes of its words); never "said to expect …".
      if (t.pos === 'ADP' || (t.norm === 'to' && /^\p{Lu}/u.test(toks[n + 1]?.text ?? ''))) listener = true;
      if (!listener && (t.pos === 'VERB' || t.pos === 'AUX')) return false;
    }
    return true;
  }

  /**
   * The named speaker of an attribution that closes a sentence after its last comma ("…,
   * Stovall said.", "…, said Sten Swedlund.", "…, Rep. Earl Blumenauer (D-Ore.) said."), or null.
   */
  private closingAttribution(doc: AnnotatedArticle, s: Sentence): Attribution | null {
    const toks = s.tokens;
    let end = toks.length;
    while (end > 0 && toks[end - 1]!.kind === 'punctuation') end--;
    let c = end - 1;
    while (c >= 0 && toks[c]!.text !== ',') c--;
    if (c < 1 || end - c > 10 || this.inQuote(doc.article.id, toks[c]!.start)) return null;
    const tail = toks.slice(c + 1, end);
    if (!tail.some((t) => this.isSpeechVerb(t)) || tail.some((t) => t.norm === 'that' || t.pos === 'SCONJ')) return null;
    const a = this.after(doc, s, c + 1);
    return a?.entity ? a : null;
  }

  /** The branch of the last `resolveBack` that found someone (for per-route scoring). */
  lastResolveRoute: string | null = null;

  /**
   * Resolves a pronoun or a title phrase at `offset` in sentence `si` to the nearest
   * preceding person (or organisation for "it") named outside quotations.
   */
  resolveBack(doc: AnnotatedArticle, si: number, offset: number, want: 'person' | 'organization', gender: Gender | null = null, nearestInParagraph = false): EntityInfo | null {
    const para = doc.sentences[si]?.paragraph;
    const mark = (route: string, k: number, e: EntityInfo | null): EntityInfo | null => {
      if (e) this.lastResolveRoute = `${route}${doc.sentences[k]?.paragraph !== para ? '+para' : ''}`;
      return e;
    };
    // The last speaker named in the previous sentences goes on speaking ("…,” Castro said.
    // … “…,” he said); so does the reported speaker of the sentence just before ("…, said
    // Sten Swedlund, head of … . “…,” he said"). Never someone whose name or title says
    // the other gender ("she said" is not the Bill named just before).
    const fits = (e: EntityInfo | null | undefined): e is EntityInfo => Boolean(e && genderAgrees(e, gender));
    if (want === 'person') {
      // "DeSantis said he backs bodies which he called “a cartel”": a pronoun inside a
      // sentence whose subject is a person opening it is that person, before anyone speaking
      // in the sentences before.
      const s = doc.sentences[si];
      // (Only a person opening it, or its main clause after an opening phrase or quotation:
      // "“…,” Stevens says, but she cautions …"; in "Asked about her vote in the event that
      // Clinton faces Trump, she replied:" the subject is "she", not the Clinton of the
      // opening clause.)
      const own = s && s.tokens[0] && s.tokens[0].start < offset && !lexicon().pronouns.has(s.tokens[0].norm) ? this.openingPerson(doc, si, true) : null;
      if (fits(own) && this.mentionsOf(doc.article.id, si).some((m) => m.end <= offset && !m.inQuote && this.entity(m) === own)) return mark('own-subject', si, own);
      // (The sentence just before only: see SPEAKER_LOOKBACK.)
      for (let k = si - 1; k >= Math.max(0, si - SPEAKER_LOOKBACK); k--) {
        const sp = this.speakerOf.get(`${doc.article.id}#${k}`);
        if (fits(sp)) return mark('prev-speaker', k, sp);
        if (k === si - 1) {
          const reported = this.reportedSpeaker(doc, k);
          if (fits(reported)) return mark('prev-reported', k, reported);
          // "…, Cuban said. “…,” he said": the sentence before reports a speaker written
          // as a name the index cannot take (a demonym, a place): "he" is that one, unnamed.
          const prevS = doc.sentences[k];
          const said = prevS && !reported ? this.sentence(doc, prevS) : null;
          if (said && !said.entity && said.text && /^\p{Lu}[\p{L}'’-]+$/u.test(said.text)) return null;
          // "Trump, the longtime owner of …, said in an interview …. “…,” he said": a name the
          // index left untyped, reported as the speaker of the sentence before, is that one.
          if (said?.entity && untypedName(said.entity)) return mark('prev-untyped', k, said.entity);
          // The sentence before opens with a pronoun of the same gender ("She appeared to
          // imply that Trump … than Clinton …. “…,” she said."): the same one, not a name
          // after it.
          const p0 = prevS?.tokens[0];
          if (p0 && gender && pronounGender(p0.norm) === gender && lexicon().pronouns.get(p0.norm) === 'person') {
            const same = this.resolveBack(doc, k, p0.start, 'person', gender);
            if (same) return mark('prev-same-pronoun', k, same);
          }
          // A person opening the sentence before as its subject ("Deputy Prime Minister
          // Michel Murr sought to calm fears. He told reporters …").
          const opening = this.openingPerson(doc, k);
          if (fits(opening)) return mark('prev-opening', k, opening);
        }
      }
    }
    // Otherwise the nearest one named before, outside quotations — for a person only when
    // the lookback names no other one who fits (two people: which one "he" is stays open).
    // A name the index could not type and whose gender nothing tells, written like a
    // person's (two or three capitalised words: "Zorvan Tekelli"), is such another one too.
    // (`nearestInParagraph`, for a speech pronoun standing for an organisation: only names in
    // its own paragraph. "It" taken to the nearest organisation of an earlier paragraph was
    // right 1 time in 7 on PolNeAR dev; a "he" so taken is withheld by `articleQuotes`, from
    // its route: DESIGN.md, issue 11 thirteenth round.)
    const found: EntityInfo[] = [];
    let foundAt = si;
    let untypedPeople = 0;
    for (let k = si; k >= Math.max(0, si - LOOKBACK); k--) {
      if (nearestInParagraph && doc.sentences[k]?.paragraph !== para) break;
      const ms = this.mentionsOf(doc.article.id, k)
        .filter((m) => (k < si || m.end <= offset) && !m.inQuote)
        .reverse();
      for (const m of ms) {
        const e = this.entity(m);
        if (want === 'person' && e && untypedPersonName(e)) untypedPeople++;
        if (!e || !(want === 'person' ? personLike(e) : e.type === want) || !fits(e)) continue;
        if (want !== 'person') return mark('nearest-org', k, e);
        if (!found.length) foundAt = k;
        if (!found.includes(e)) found.push(e);
      }
    }
    return found.length === 1 && untypedPeople === 0 ? mark('nearest-person', foundAt, found[0] as EntityInfo) : null;
  }

  /**
   * The person who is the subject of sentence k: named first when the sentence opens with
   * the name (titles allowed), else the first person named outside quotations, not after
   * a preposition and not a possessor, followed by a verb ("In a statement Saturday,
   * Sanders did go further in trying to hold Snyder accountable." → Sanders, not Snyder).
   */
  private openingPerson(doc: AnnotatedArticle, k: number, openingOnly = false): EntityInfo | null {
    const s = doc.sentences[k];
    if (!s) return null;
    const verbAfter = (m: Mention): boolean => {
      const next = s.tokens[m.last + 1];
      const contraction = Boolean(next && (next.text === "'s" || next.text === '’s') && !possessiveAt(s.tokens, m.last + 1));
      return contraction || Boolean(next && (next.pos === 'VERB' || next.pos === 'AUX' || next.pos === 'ADV' || next.text === ','));
    };
    // ("Like Makaeff, the former customer, Roffman doesn't want …": a name after an opening
    // preposition is not the subject.)
    const at0 = this.mentionAt(s, doc.article.id, 0);
    const m0 = at0 && personLike(this.entity(at0)) ? at0 : (this.describedOpening(s, doc.article.id) ?? at0);
    const m = m0 && (s.tokens[0]?.pos === 'ADP' || s.tokens[0]?.pos === 'SCONJ') && m0.first > 0 ? null : m0;
    const e = m && !m.inQuote ? this.entity(m) : null;
    if (m && personLike(e)) return verbAfter(m) ? e : null;
    const opener = !m && m0 ? s.tokens.findIndex((t) => t.text === ',') : -1;
    for (const x of this.mentionsOf(doc.article.id, k)) {
      if (x.inQuote || x.afterPreposition || x.last < opener) continue;
      const ex = this.entity(x);
      if (!personLike(ex)) continue;
      const next = s.tokens[x.last + 1];
      if (possessiveAt(s.tokens, x.last + 1)) continue;
      if (openingOnly && !/^[,"”]$/.test(s.tokens[x.first - 1]?.text ?? '')) return null;
      return next && (next.pos === 'VERB' || next.pos === 'AUX' || next.text === "'s" || next.text === '’s') ? ex : null;
    }
    return null;
  }

  /**
   * The first name of a sentence that opens with words describing it and nothing else
   * ("Former Arizona governor Jan Brewer, an early supporter of Trump, calls …"): only
   * determiners, adjectives and nouns before it, no preposition, verb or clause.
   */
  private describedOpening(s: Sentence, articleId: string): Mention | null {
    const m = this.mentionsOf(articleId, s.index).find((x) => !x.inQuote && personLike(this.entity(x)));
    if (!m || m.first === 0) return null;
    const lead = s.tokens.slice(0, m.first);
    return lead.every((t) => t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'PROPN') ? m : null;
  }

  private readonly reported = new Map<string, EntityInfo | null>();

  /** The person a sentence's speech verb attributes it to ("…, said Sten Swedlund."), or null. */
  private reportedSpeaker(doc: AnnotatedArticle, k: number): EntityInfo | null {
    const key = `${doc.article.id}#${k}`;
    if (this.reported.has(key)) return this.reported.get(key) ?? null;
    this.reported.set(key, null); // (no cycle: resolving a pronoun only looks further back)
    const s = doc.sentences[k];
    const e = s ? (this.sentence(doc, s)?.entity ?? null) : null;
    const person = personLike(e) ? e : null;
    this.reported.set(key, person);
    return person;
  }

  /** The nearest person named before `offset` in this article with one of the titles `title`. */
  resolveTitled(doc: AnnotatedArticle, si: number, offset: number, title: string | string[]): EntityInfo | null {
    const wanted = Array.isArray(title) ? title : [title];
    const has = (e: EntityInfo | null | undefined) =>
      Boolean(e && e.type === 'person' && e.titles.some((t) => t.toLowerCase().split(/[\s.-]+/).some((w) => wanted.includes(w))));
    for (let k = si; k >= 0; k--) {
      const ms = this.mentionsOf(doc.article.id, k).filter((m) => (k < si || m.end <= offset) && !m.inQuote).reverse();
      for (const m of ms) if (has(this.entity(m))) return this.entity(m);
    }
    return null;
  }

  /** The mention starting at token index `i` of sentence `s` (allowing a leading "the"), if any. */
  private mentionAt(s: Sentence, articleId: string, i: number): Mention | null {
    const ms = this.mentionsOf(articleId, s.index);
    const lx = lexicon();
    // Titles, demonyms and "the" may come first: "General of the Army Valery Gerasimov said".
    for (const m of ms) {
      if (m.first < i || m.first - i > 8) continue;
      let ok = true;
      for (let k = i; k < m.first; k++) {
        const t = s.tokens[k] as Token;
        const w = t.norm.replace(/\.$/, '');
        const role = t.pos === 'ADJ' || (t.pos === 'NOUN' && !t.norm.endsWith('s'));
        if (!(/^\p{Lu}/u.test(t.text) || lx.connectors.has(w) || lx.personTitles.has(w) || role || t.text === '-' || w === 'a' || w === 'an')) ok = false;
      }
      if (ok) return m;
    }
    return null;
  }

  /** Whether an indefinite determiner opens the phrase ending with mention `m` ("an Iowa Democrat"). */
  private indefiniteBefore(s: Sentence, m: Mention): boolean {
    for (let k = m.first - 1; k >= 0 && m.first - k <= 4; k--) {
      const t = s.tokens[k] as Token;
      if (INDEFINITE.has(t.norm)) return true;
      if (!(t.pos === 'ADJ' || t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'NUM' || /^\p{Lu}/u.test(t.text))) return false;
    }
    return false;
  }

  /**
   * Speaker from the words after a quotation closing at token index `i`:
   * "Gerasimov said", "said Gerasimov", "he said", "the Defense Ministry said",
   * "according to X", "RIA Novosti quotes X".
   */
  after(doc: AnnotatedArticle, s: Sentence, i: number): Attribution | null {
    const toks = s.tokens;
    let k = i;
    while (toks[k] && (toks[k]!.kind === 'punctuation' || toks[k]!.text === '"')) k++;
    if (k >= toks.length) return null;
    const id = doc.article.id;
    const lx = lexicon();
    // according to X
    const acc = this.according(doc, s, k);
    if (acc) return acc;
    // Pronoun + verb / verb + pronoun.
    const t0 = toks[k] as Token;
    if (lx.pronouns.has(t0.norm) && this.speechAt(toks, k + 1)) return this.pronoun(doc, s, t0);
    if (this.isSpeechVerb(t0)) {
      const t1 = toks[k + 1];
      // ("“…,” said he." inverts; in "“…,” suggesting he might consider …" the pronoun is the
      // subject of the clause the verb reports, not its speaker.)
      if (t1 && lx.pronouns.has(t1.norm)) {
        const t2 = toks[k + 2];
        return t2 && (t2.pos === 'VERB' || t2.pos === 'AUX') ? null : this.pronoun(doc, s, t1);
      }
      // "… posted on the Internet": a prepositional phrase is not a speaker.
      if (!t1 || t1.pos === 'ADP') return null;
      return this.nounPhrase(doc, s, k + 1, 'after');
    }
    // "“…” Blunt, after a long pause, said", "“…” Welch said": a surname the tagger reads as
    // a verb (so no mention) is the one person of the article with that surname, when a
    // speech verb follows it (after an apposition between commas, if any).
    if (t0.pos === 'VERB' && /^\p{Lu}\p{Ll}/u.test(t0.text) && !this.isSpeechVerb(t0)) {
      let v = k + 1;
      if (toks[v]?.text === ',') {
        let c = v + 1;
        while (c < toks.length && c - v <= 8 && toks[c]!.text !== ',' && toks[c]!.pos !== 'VERB' && toks[c]!.pos !== 'AUX') c++;
        v = toks[c]?.text === ',' ? c + 1 : -1;
      }
      const e = v > 0 && this.speechAt(toks, v) ? this.personBySurname(id, t0.text) : null;
      if (e) return { entity: e, text: null, how: 'after' };
    }
    // "X was quoted as saying", "the agency quoted X as saying".
    const quoted = this.quotedAs(s, id, k);
    if (quoted) return { entity: this.entity(quoted), text: null, how: 'after' };
    // Mention (+ adverb) + verb.
    const mention = this.mentionAt(s, id, k);
    let m = mention && !this.indefiniteBefore(s, mention) ? mention : null;
    // "Clinton spokesman Josh Schwerin said", "Iowa State University’s Dianne Bystrom
    // agreed": a name modifying the head of the phrase (its possessor, or before a role
    // noun) is not the speaker; the next name, after modifiers only, is.
    for (let guard = 0; m && guard < 3 && !this.speechAt(toks, m.last + 1); guard++) {
      const from: Mention = m;
      const head = this.mentionsOf(id, s.index).find((x) => x.first > from.last && !x.inQuote);
      if (!head || head.first - from.last > 4) break;
      const between = toks.slice(from.last + 1, head.first);
      if (!between.length || !between.every((t) => t.text === "'s" || t.text === '’s' || ((t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PROPN' || lx.personTitles.has(t.norm.replace(/\.$/, ''))) && t.kind === 'word'))) break;
      if (!this.speechAt(toks, head.last + 1) && !(toks[head.last + 1]?.pos === 'ADV' && this.speechAt(toks, head.last + 2))) break;
      m = head;
    }
    if (m) {
      let v = m.last + 1;
      // A party label in parentheses: "Rep. Earl Blumenauer (D-Ore.) said".
      if (toks[v]?.text === '(') {
        const close = toks.findIndex((t, x) => x > v && t.text === ')');
        if (close > v && close - v <= 8) v = close + 1;
      }
      if (toks[v]?.pos === 'ADV') v++;
      if (this.speechAt(toks, v)) return { entity: this.entity(m), text: null, how: 'after' };
      if (toks[v] && lx.quoteVerbs.has(toks[v]!.lemma)) return this.nounPhrase(doc, s, v + 1, 'after');
      // "“…?” Beck questioned.", "“…” Hannity started.": a person named right after the
      // quotation with a verb in the past and nothing after it but punctuation attributes it,
      // whatever the verb (the speaker going on would be someone else).
      const verb = toks[v];
      const e = m.first === k ? this.entity(m) : null;
      if (verb && verb.pos === 'VERB' && /ed$/.test(verb.norm) && (!toks[v + 1] || toks[v + 1]!.kind === 'punctuation') && personLike(e)) return { entity: e, text: null, how: 'after' };
      // "Representative Ted Deutch, Democrat of Florida, wrote …": a name, its apposition, the verb.
      if (toks[v]?.text === ',') {
        let c = v + 1;
        while (c < toks.length && c - v <= 10 && toks[c]!.text !== ',' && toks[c]!.pos !== 'VERB' && toks[c]!.pos !== 'AUX') c++;
        if (toks[c]?.text === ',' && c > v + 1 && this.isSpeechVerb(toks[c + 1])) return { entity: this.entity(m), text: null, how: 'after' };
      }
    }
    // A noun phrase without a name + verb: "the general said", "the ministry said".
    let v = k;
    while (v < toks.length && v - k < 6 && !this.isSpeechVerb(toks[v]) && toks[v]!.kind !== 'punctuation') v++;
    // (Never a participle with its agent: "“poison pill” measures added by Republicans".)
    if (v > k && this.isSpeechVerb(toks[v]) && toks[v + 1]?.norm !== 'by') return this.titlePhrase(doc, s, k, v, 'after');
    // "the majority leader, Rep. Dick Armey, told …": the name in apposition is the speaker.
    // (Only after a description: "Alexander Dzasokhov, the president of North Ossetia, told …"
    // names its speaker first, and is read above.)
    if (v > k && toks[v]?.text === ',' && !m) {
      const ap = this.mentionAt(s, id, v + 1);
      const e = ap ? this.entity(ap) : null;
      if (ap && e?.type === 'person' && toks[ap.last + 1]?.text === ',' && this.isSpeechVerb(toks[ap.last + 2])) return { entity: e, text: null, how: 'after' };
    }
    return null;
  }

  /**
   * The person a passive or reported "quoted … as saying" names, within a few tokens from
   * k: "Habibie was quoted as saying" (the subject), "the Bernama news agency quoted
   * Mahathir as saying" (the object before "as").
   */
  private quotedAs(s: Sentence, articleId: string, k: number): Mention | null {
    const toks = s.tokens;
    const lx = lexicon();
    for (let v = k; v < toks.length && v - k < 10; v++) {
      const t = toks[v] as Token;
      if (t.kind === 'punctuation') return null;
      if (!lx.quoteVerbs.has(t.lemma) || t.pos !== 'VERB') continue;
      const ms = this.mentionsOf(articleId, s.index).filter((m) => !m.inQuote);
      const aux = toks[v - 1];
      if (aux && aux.pos === 'AUX') {
        const subject = ms.find((m) => m.last === v - 2 && m.first >= k);
        return subject && toks[v + 1]?.norm === 'as' ? subject : null;
      }
      const object = ms.find((m) => m.first > v && m.first - v <= 4 && toks[m.last + 1]?.norm === 'as');
      return object ?? null;
    }
    return null;
  }

  /**
   * "according to X" later in the sentence, from token i on, before any other quotation
   * opens ("Trump said he was “happy to see” that Khan was voted in, according to The New
   * York Times."): the outer source of what the sentence reports.
   */
  trailingAccording(doc: AnnotatedArticle, s: Sentence, i: number): Attribution | null {
    const toks = s.tokens;
    for (let k = i; k < toks.length; k++) {
      if (toks[k]!.text === '"' || toks[k]!.text === '“') return null;
      if (toks[k]!.norm === 'according') return this.according(doc, s, k);
    }
    {
      // "…, saying the Ohio Republican was “doing the right thing,” …, CNN reported.": a
      // clause closing the sentence after a comma, a subject and a reporting verb.
      let c = toks.length - 1;
      while (c > i && toks[c]!.kind === 'punctuation' && toks[c]!.text !== ',') c--;
      const last = c;
      if (last > i && /^report(ed|s)$/.test(toks[last]!.norm)) {
        let k = last - 1;
        while (k > i && toks[k]!.text !== ',' && last - k <= 8) k--;
        if (toks[k]?.text === ',' && k > i && !toks.slice(k + 1, last).some((t) => t.pos === 'VERB' || t.pos === 'AUX')) {
          const a = this.subject(doc, s, last);
          return a ?? { entity: null, text: null, how: 'before' };
        }
      }
    }
    return null;
  }

  /** "according to X" starting at token k. */
  private according(doc: AnnotatedArticle, s: Sentence, k: number): Attribution | null {
    const toks = s.tokens;
    for (const phrase of lexicon().according) {
      if (phrase.every((w, x) => toks[k + x]?.norm === w)) return this.nounPhrase(doc, s, k + phrase.length, 'according');
    }
    return null;
  }

  private pronoun(doc: AnnotatedArticle, s: Sentence, t: Token): Attribution | null {
    const kind = lexicon().pronouns.get(t.norm);
    if (kind !== 'person' && kind !== 'organization') return null;
    const e = this.resolveBack(doc, s.index, t.start, kind, pronounGender(t.norm), kind === 'organization');
    return e ? { entity: e, text: null, how: 'pronoun', route: `pronoun:${t.norm}:${this.lastResolveRoute ?? '?'}` } : null;
  }

  /** The speaker named by the noun phrase starting at token k (up to punctuation or a verb). */
  private nounPhrase(doc: AnnotatedArticle, s: Sentence, k: number, how: Attribution['how']): Attribution | null {
    const toks = s.tokens;
    const lx = lexicon();
    // A given name the tagger reads as a verb ("said Don Fowler", "Josh Schwerin") is a name.
    const named = (i: number) => this.mentionsOf(doc.article.id, s.index).some((m) => m.first <= i && i <= m.last && !m.inQuote);
    let end = k;
    while (end < toks.length && end - k < 14) {
      const t = toks[end] as Token;
      if (t.kind === 'punctuation' && t.text !== '-' && t.text !== '.' && t.text !== "'s" && t.text !== '’s') break;
      // ("Los Angeles-based attorney": a participle joined by a hyphen is a modifier.)
      const hyphenated = toks[end - 1]?.text === '-' && toks[end - 1]!.start + 1 === t.start;
      if ((t.pos === 'VERB' || t.pos === 'AUX') && end > k && !hyphenated && !named(end)) break;
      // "a committee member who supports Trump": the relative clause is not the speaker.
      if (end > k && ['who', 'which', 'that', 'whose', 'whom'].includes(t.norm)) break;
      end++;
    }
    if (end === k) return null;
    const t0 = toks[k] as Token;
    if ((t0.pos === 'VERB' || t0.pos === 'AUX') && !named(k)) return null;
    // "said the base chief known as Bob": a described speaker, then the name the article
    // gives it ("known as", "identified (only) as", "named"), is that name.
    for (const form of KNOWN_AS) {
      if (end === k || !form.every((w, x) => toks[end + x]?.norm === w)) continue;
      const alias = this.mentionsOf(doc.article.id, s.index).find((m) => m.first === end + form.length && !m.inQuote);
      const e = alias ? this.entity(alias) : null;
      if (e && (e.type === 'person' || untypedName(e))) return { entity: e, text: null, how };
    }
    // ("according to her lawyers": a possessive before a noun describes the speaker, whose
    // possessor is not the one speaking.)
    if (['his', 'her', 'its', 'their'].includes(t0.norm) && end > k + 1 && ['NOUN', 'ADJ'].includes(toks[k + 1]!.pos)) return this.titlePhrase(doc, s, k, end, how);
    if (lx.pronouns.has(t0.norm)) return this.pronoun(doc, s, t0);
    const ms = this.mentionsOf(doc.article.id, s.index).filter((m) => m.first >= k && m.last < end && !m.inQuote);
    // "a statement from Russia's Ministry of Defence": the mention that is not a possessor.
    const heads = ms.filter((m) => {
      const nx = toks[m.last + 1];
      return !(nx && possessiveAt(toks, m.last + 1));
    });
    // "said Hun Sen aide Prak Sokhon": the last person named is the speaker.
    const people = heads.filter((m) => this.entity(m)?.type === 'person');
    const lastPerson = people[people.length - 1];
    if (lastPerson) return { entity: this.entity(lastPerson), text: null, how };
    // "said an Iowa Democrat": a described speaker, not the party named inside the phrase
    // (but "a statement from Russia's Ministry of Defence" is the ministry's).
    if (INDEFINITE.has(t0.norm) && heads.every((m) => !toks.slice(k, m.first).some((t) => t.pos === 'ADP'))) return this.titlePhrase(doc, s, k, end, how);
    // "the head of the White House": a person described by a role.
    const first = ms[0];
    if (first && first.first > k && t0.norm === 'the') {
      const role = toks.slice(k, first.first).some((t) => lx.personTitles.has(t.norm.replace(/\.$/, '')) || t.norm === 'head' || t.norm === 'representative');
      if (role) {
        const roleWord = toks.slice(k, first.first).find((t) => lx.personTitles.has(t.norm.replace(/\.$/, '')) || t.norm === 'head' || t.norm === 'representative');
        const e = roleWord ? this.resolveTitled(doc, s.index, t0.start, roleWord.norm.replace(/\.$/, '')) : null;
        if (e) return { entity: e, text: null, how };
        const last = toks[end - 1] as Token;
        return { entity: null, text: phraseText(doc.article.text.slice(t0.start, last.start + last.text.length)), how };
      }
    }
    // "said one of Anwar's lawyers, Pawancheek Marican": the name in apposition.
    if (toks[end]?.text === ',') {
      const appos = this.mentionsOf(doc.article.id, s.index).find((m) => m.first === end + 1 && !m.inQuote);
      const after = toks[appos ? appos.last + 1 : -1];
      if (appos && (!after || after.kind === 'punctuation')) return { entity: this.entity(appos), text: null, how };
    }
    // "said Rockets forward Mario Elie": the last name is the head of the phrase
    // (never a possessor: "one of Anwar's lawyers" is not Anwar).
    const pick = heads[heads.length - 1];
    if (pick) return { entity: this.entity(pick), text: null, how };
    return this.titlePhrase(doc, s, k, end, how);
  }

  /**
   * A phrase without a name: "the general", "the head of state", "the ministry",
   * "Syrian activists". Title phrases resolve to the nearest person; others are kept as text.
   */
  private titlePhrase(doc: AnnotatedArticle, s: Sentence, k: number, end: number, how: Attribution['how']): Attribution | null {
    const toks = s.tokens.slice(k, end);
    if (!toks.length || toks.length > 8) return null;
    const lx = lexicon();
    const words = toks.filter((t) => t.kind === 'word');
    // "the senator’s spokesman said": the possessor's title is not the speaker's; the
    // speaker is described by the words after the possessive.
    const possessive = toks.findLastIndex((t) => t.text === "'s" || t.text === '’s');
    const own = possessive < 0 ? words : toks.slice(possessive + 1).filter((t) => t.kind === 'word');
    const head = own.find((t) => lx.personTitles.has(t.norm.replace(/\.$/, '')) || t.norm === 'representative' || t.norm === 'head');
    const start = toks[0]!.start;
    // "the head of state": the person written with a title of that role ("President …").
    const phrase = own.map((t) => t.norm).join(' ');
    const role = lx.rolePhrases.find((r) => ` ${phrase} `.includes(` ${r.phrase} `));
    if (role && possessive < 0 && ['the', 'its', 'their', 'his', 'her'].includes(toks[0]!.norm)) {
      const e = this.resolveTitled(doc, s.index, start, role.titles);
      if (e) return { entity: e, text: null, how };
    }
    const plural = words.length > 0 && /s$/.test(words[words.length - 1]!.norm) && words[words.length - 1]!.pos === 'NOUN';
    if (head && !plural && possessive < 0 && toks[0]!.norm === 'the') {
      // "the king said": the nearest person written with that title ("King Norodom Sihanouk").
      const e = this.resolveTitled(doc, s.index, start, head.norm.replace(/\.$/, ''));
      if (e) return { entity: e, text: null, how };
    }
    if (words.some((t) => lx.organizationHeads.has(t.norm)) && toks[0]!.norm === 'the') {
      const e = this.resolveBack(doc, s.index, start, 'organization');
      if (e && words.some((t) => !t.stop && e.name.toLowerCase().includes(t.norm))) return { entity: e, text: null, how };
    }
    // A phrase with a verb in it is a clause, not a speaker ("Habibie was quoted as"); one
    // with a conjunction is a fragment ("Houston and", "until Haley").
    if (toks.some((t) => t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'CCONJ' || t.pos === 'SCONJ')) return null;
    // Not a speaker: a time ("Tuesday night", "two weeks ago"), a clause ("what her team"),
    // or the tail of a hyphenated word ("front-runner" → "runner").
    // (Only in the phrase's head, before a preposition: "the campaign in a statement" is the campaign.)
    const headEnd = words.findIndex((t) => t.pos === 'ADP');
    if (words.slice(0, headEnd < 0 ? words.length : headEnd).some((t) => lx.notSpeakerWords.has(t.norm))) return null;
    const before = s.tokens[k - 1];
    if (before && (before.text === '-' || before.text === '‐') && before.start + before.text.length === toks[0]!.start) return null;
    const last = toks[toks.length - 1] as Token;
    const text = phraseText(doc.article.text.slice(start, last.start + last.text.length));
    // (At most five words before a preposition: "one Democratic source on the panel".)
    const headWords = headEnd < 0 ? words.length : headEnd;
    if (headWords >= 1 && headWords <= 5 && words.some((t) => t.pos === 'NOUN' || t.pos === 'PROPN')) return { entity: null, text, how };
    return null;
  }

  /**
   * Token index of the speech verb that introduces a quotation opening at token index `i`
   * of sentence `s` (the last one before it, outside quotations), or of a characterising
   * verb close before it; -1 without one.
   */
  cueBefore(doc: AnnotatedArticle, s: Sentence, i: number): number {
    const toks = s.tokens;
    let elliptic = -1;
    for (let k = i - 1; k >= 0 && i - k <= 40; k--) {
      if (this.inQuote(doc.article.id, toks[k]!.start)) break;
      // (Also a verb with the particle that makes it one: "Rubio fired back forcefully: “…”".)
      // ("Lynch, who told Congress when asked last month about the inquiry: “…”": a speech
      // verb in a clause of time with no subject of its own is not the one that introduces it.)
      if (this.speechAt(toks, k)) {
        if (!(CLAUSE_OPENERS.has(toks[k - 1]?.norm ?? '') && /ed$/.test(toks[k]!.norm))) return k;
        if (elliptic < 0) elliptic = k;
        continue;
      }
      // "called these statements “a pretext …”": characterising verbs, right before the
      // quotation — or further before it with only its object between ("Comey called
      // Clinton's use of private email servers “extremely careless”": no verb between).
      if (toks[k]!.pos === 'VERB' && lexicon().characterisingVerbs.has(toks[k]!.lemma)) {
        if (i - k <= 6 || (i - k <= 12 && !toks.slice(k + 1, i).some((t) => t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'SCONJ' || t.text === ','))) return k;
      }
    }
    return elliptic;
  }

  /**
   * Speaker from the words before a quotation opening at token index `i`: the subject
   * of the last speech verb before it ("Gerasimov told attachés that “…”", "…, saying “…”"),
   * or "according to X, …".
   */
  before(doc: AnnotatedArticle, s: Sentence, i: number): Attribution | null {
    const toks = s.tokens;
    const verb = this.cueBefore(doc, s, i);
    // according to X, "…"
    for (let k = 0; k < i; k++) {
      if (toks[k]!.norm === 'according') {
        const a = this.according(doc, s, k);
        if (a) return a;
      }
    }
    if (verb < 0) return null;
    // "Said Dorothy Poynter, who grew up with Ali, “…”", "But, said Solovey, “…”", "Because
    // of how Democrats crafted the schedule, explained Rosenberg, “…”": a speech verb opening
    // its clause, its speaker after it, then a comma (never "said Trump was …"). Before the
    // subject: a name in the clause before the comma is not the one who speaks.
    const before = toks[verb - 1];
    // (Never a listener verb: in "Dick Dever, who …, told POLITICO, “…”" the name after
    // "told" is who heard it.)
    if (this.isSpeechVerb(toks[verb]) && (!before || before.text === ',' || before.pos === 'CCONJ') && !lexicon().listenerVerbs.has(toks[verb]!.lemma)) {
      const m = this.mentionsOf(doc.article.id, s.index).find((x) => x.first === verb + 1 && !x.inQuote);
      const e = m ? this.entity(m) : null;
      if (m && e && (e.type === 'person' || e.type === 'organization') && toks[m.last + 1]?.text === ',') return { entity: e, text: null, how: 'before' };
    }
    return this.subject(doc, s, verb);
  }

  /** The subject of the speech verb at token index `verb`. */
  subject(doc: AnnotatedArticle, s: Sentence, verb: number): Attribution | null {
    const toks = s.tokens;
    const lx = lexicon();
    // A passive: "Sanders was asked by host Bill Maher, …, “…”": the agent after "by" speaks.
    if (/^(was|were|been|being|is|are)$/.test(toks[verb - 1]?.norm ?? '') && toks[verb + 1]?.norm === 'by') {
      const agent = this.mentionsOf(doc.article.id, s.index).find((m) => m.first > verb + 1 && m.first - verb <= 5 && !m.inQuote);
      const e = agent ? this.entity(agent) : null;
      return e ? { entity: e, text: null, how: 'before' } : null;
    }
    let p = verb - 1;
    while (p >= 0 && toks[p]!.pos === 'ADV') p--;
    const prev = toks[p];
    if (prev && lx.pronouns.has(prev.norm)) return this.pronoun(doc, s, prev);
    // "Attorney General Loretta E. Lynch, who told Congress …:", "Sen. Marco Rubio of Florida,
    // who mused …": the relative pronoun after a comma is the subject, and it stands for the
    // name before the comma (the person before "of" and a place), not a name after the verb.
    // (Also past auxiliaries: "Franklin Graham, who has publicly vowed …".)
    let pw = p;
    while (pw > 0 && (toks[pw]!.pos === 'AUX' || toks[pw]!.pos === 'ADV') && toks[pw]!.norm !== 'who') pw--;
    if (pw !== p && toks[pw]?.norm === 'who' && toks[pw - 1]?.text === ',') p = pw;
    const rel = toks[p];
    if (rel && rel.norm === 'who' && toks[p - 1]?.text === ',') {
      const ms = this.mentionsOf(doc.article.id, s.index).filter((m) => !m.inQuote && m.last < p - 1);
      let m = ms.find((x) => x.last === p - 2);
      if (m && !this.entity(m) && toks[m.first - 1]?.norm === 'of') {
        const of = m.first - 1;
        m = ms.find((x) => x.last === of - 1);
      }
      const e = m && !possessiveAt(toks, m.last + 1) ? this.entity(m) : null;
      // (Only a person: in "Dianne Feinstein of California, the ranking Democrat on the Senate
      // Intelligence Committee, who said …" the name before the comma is inside an apposition.)
      if (personLike(e) && toks[m!.first - 1]?.pos !== 'DET') return { entity: e, text: null, how: 'before' };
    }
    // "…, he said, but added, “…”": the subject of the speech verb this one is coordinated with.
    if (prev && prev.pos === 'CCONJ' && toks[p - 1]?.text === ',') {
      for (let v = p - 2; v >= 0 && p - v <= 4; v--) if (this.isSpeechVerb(toks[v])) return this.subject(doc, s, v);
    }
    // "Even a top GOP strategist said Clinton will have to choose, saying, “…”": a participle
    // after a comma goes with the speech verb of its clause, whose subject speaks (not a
    // name in the reported clause between).
    if (prev?.text === ',' && /ing$/.test(toks[verb]!.norm)) {
      for (let v = p - 1; v >= 0; v--) {
        if (this.inQuote(doc.article.id, toks[v]!.start)) break;
        if (this.isSpeechVerb(toks[v]) && !/ing$/.test(toks[v]!.norm)) return this.subject(doc, s, v);
      }
      // "Meanwhile, it attacked Trump, saying he “…”": without a speech verb, the subject of
      // the clause's last verb before the comma speaks, not that verb's object (nor the
      // subject of a clause inside it: "Christie repeated accusations that Rubio recites …,
      // calling him …").
      for (let v = p - 1; v >= 0 && !this.inQuote(doc.article.id, toks[v]!.start); v--) {
        if (toks[v]!.pos !== 'VERB' || subordinate(toks, v)) continue;
        // (Not an infinitive, "to treat polluted runoff", a participle modifying a noun, nor a
        // noun the tagger reads as a verb after a determiner: "posted a Twitter comment".)
        const pre = toks[v - 1];
        if (pre && (pre.norm === 'to' || pre.pos === 'DET' || (pre.pos === 'PROPN' && toks[v - 2]?.pos === 'DET'))) continue;
        if (/ed$/.test(toks[v]!.norm) && toks[v + 1]?.pos === 'NOUN' && pre?.pos !== 'NOUN' && pre?.pos !== 'PROPN' && pre?.pos !== 'PRON') continue;
        if (/ing$/.test(toks[v]!.norm)) break;
        const a = this.subject(doc, s, v);
        if (a?.entity || a?.text) return a;
        break;
      }
    }
    // ("Republicans chimed in, with Donald Trump tweeting that …": a name after "with" before
    // a participle is that participle's subject, not the object of a preposition.)
    const withSubject = (m: Mention): boolean => toks[m.first - 1]?.norm === 'with' && toks[m.last + 1]?.pos === 'VERB' && /ing$/.test(toks[m.last + 1]!.norm);
    const ms = this.mentionsOf(doc.article.id, s.index).filter((m) => m.last < verb && !m.inQuote && (!m.afterPreposition || withSubject(m)));
    const subjects = ms.filter((m) => {
      const nx = toks[m.last + 1];
      return !(nx && possessiveAt(toks, m.last + 1));
    });
    // A name right before the verb is its subject ("If Habibie passes up APEC, Alatas said").
    let v = verb - 1;
    while (v >= 0 && toks[v]!.pos === 'ADV') v--;
    const adjacent = subjects.find((m) => m.last === v);
    // "Trump and Ryan issued a statement describing …": two people speak together, and
    // neither one alone is the speaker; nobody is named.
    const joined = (m: Mention): boolean =>
      toks[m.first - 1]?.norm === 'and' && this.mentionsOf(doc.article.id, s.index).some((x) => x.last === m.first - 2 && !x.inQuote && personLike(this.entity(x)));
    if (adjacent && joined(adjacent) && personLike(this.entity(adjacent))) return null;
    if (adjacent && !this.indefiniteBefore(s, adjacent)) return { entity: this.entity(adjacent), text: null, how: 'before' };
    // A common noun right before the verb heads its subject ("…, a man yelled", "the
    // Democratic presidential candidate stated"): a described speaker, not a name further back.
    let nounSubject = !adjacent && toks[v]?.pos === 'NOUN' && !ms.some((m) => m.first <= v && m.last >= v);
    if (nounSubject) {
      const start = this.subjectPhraseStart(s, verb);
      const before = toks[start - 1];
      // "Trump issued a statement saying “…”", "Trump released a new radio ad calling it
      // “…”": a phrase that is the object of a verb is what was issued; that verb's
      // subject speaks. "Trump in his announcement speech called …": a phrase after a
      // preposition is not the subject either; the name before it is.
      if (start < verb && before?.pos === 'VERB' && start - 1 < verb && !this.isSpeechVerb(before)) return this.subject(doc, s, start - 1);
      // ("as a Homeland Security memo put it": "as" opens a clause, whose subject the phrase is.)
      if (start < verb && before?.pos === 'ADP' && before.norm !== 'as') nounSubject = false;
    }
    if (adjacent || nounSubject) {
      const phrase = this.subjectPhrase(doc, s, verb);
      if (phrase || nounSubject) return phrase;
    }
    // Otherwise the first person named before the verb ("Home Office Minister Alun
    // Michael acknowledged that Pinochet …, but said"), else the last name before it.
    const people = subjects.filter((m) => personLike(this.entity(m)));
    // A name opening the sentence, then its verb or an apposition, is the subject ("Florida
    // delegate John Archer, wearing a T-shirt covered in Sanders buttons, said …").
    const opening = this.mentionAt(s, doc.article.id, 0);
    if (opening && subjects.includes(opening) && personLike(this.entity(opening))) {
      const nx = toks[opening.last + 1];
      if (nx && (nx.text === ',' || nx.pos === 'VERB' || nx.pos === 'AUX')) return { entity: this.entity(opening), text: null, how: 'before' };
    }
    // "Trump, the longtime owner of the Miss Universe pageant and star of “The Apprentice,”
    // said …": a name opening the sentence with an apposition between commas that closes
    // right before the verb is its subject, typed or not (never a name inside the apposition).
    if (opening && subjects.includes(opening) && this.entity(opening) && toks[opening.last + 1]?.text === ',' && v > opening.last + 2 && /^[,"”]$/.test(toks[v]?.text ?? '')) {
      return { entity: this.entity(opening), text: null, how: 'before' };
    }
    // "Officials at Homeland Security Investigations, a division of Immigration and Customs
    // Enforcement, said …": a phrase opening the sentence, then an apposition between commas
    // closing right before the verb: the phrase is the subject, never a name inside the
    // apposition (the phrase's own name when it has one, else the phrase as written).
    const c0 = toks.findIndex((t) => t.text === ',');
    if (toks[v]?.text === ',' && c0 > 0 && c0 < v && !opening && toks[0]!.pos !== 'ADP' && toks[0]!.pos !== 'SCONJ' && toks[0]!.pos !== 'ADV' && !CLAUSE_OPENERS.has(toks[0]!.norm) &&
      !toks.slice(0, c0).some((t) => t.pos === 'VERB' || t.pos === 'AUX' || t.kind === 'punctuation' || lx.pronouns.has(t.norm))) {
      const own = subjects.find((m) => m.last < c0 && !m.afterPreposition);
      if (own) return { entity: this.entity(own), text: null, how: 'before' };
      // ("Another superdelegate, Michael Brown of Washington, D.C., explained …": a person
      // named right after the described phrase is who it describes.)
      const named = subjects.find((m) => m.first === c0 + 1);
      if (named && personLike(this.entity(named))) return { entity: this.entity(named), text: null, how: 'before' };
      return this.titlePhrase(doc, s, 0, c0, 'subject');
    }
    // "She cited the violence in Homs and Hama and asked: …": no person named before the
    // verb, but the sentence opens with a personal pronoun: that is the subject.
    // (Only the speaker of the sentence just before: a pronoun resolved further back, with no
    // gender to check, too often lands on someone else.)
    const t0 = toks[0];
    if (!people.length && t0 && lx.pronouns.get(t0.norm) === 'person' && s.index > 0) {
      const prev = this.speakerOf.get(`${doc.article.id}#${s.index - 1}`) ?? this.reportedSpeaker(doc, s.index - 1);
      if (prev && genderAgrees(prev, pronounGender(t0.norm))) return { entity: prev, text: null, how: 'pronoun', route: `pronoun:${t0.norm}:opening-prev` };
    }
    // "She went on to attack Donald Trump, saying …", "He said that Clinton is … and said that
    // Rubio is “…”": a sentence whose subject is an opening pronoun names its people as
    // objects; the pronoun speaks, resolved, or nobody is named.
    const t1 = toks[1];
    if (people.length && t0 && lx.pronouns.get(t0.norm) === 'person' && t1 && (t1.pos === 'VERB' || t1.pos === 'AUX' || t1.pos === 'ADV')) {
      return this.pronoun(doc, s, t0);
    }
    // The first name followed by a verb is the subject ("With Bill Clinton by her side,
    // Hillary Clinton has told …"; "Clinton immediately posted a comment on Twitter, saying"),
    // never one inside a clause that a subordinating word opens ("In a year when Trump is
    // talking about …, Yepez said …", "When told Perez was …, Bush … said").
    const verbal = subjects.find((m) => {
      let n = m.last + 1;
      while (toks[n]?.pos === 'ADV') n++;
      return (toks[n]?.pos === 'VERB' || toks[n]?.pos === 'AUX') && this.entity(m) !== null && !subordinate(toks, m.first);
    });
    // (Nor the first person named when that name is inside a subordinate clause: "Even before
    // Sanders took the stage, his campaign sent out a message saying: …" is the campaign's.)
    const main = subjects.filter((m) => !subordinate(toks, m.first));
    // (Never a name modifying the head noun right before the verb: in "the former secretary
    // of state and current Democratic presidential nominee said" the subject is no party.)
    const modifier = (m: Mention): boolean => {
      const between = toks.slice(m.last + 1, v + 1);
      return between.length > 0 && between.every((t) => t.pos === 'NOUN' || t.pos === 'ADJ') && toks[v]?.pos === 'NOUN';
    };
    const lastMain = main[main.length - 1];
    const pick = verbal ?? people.find((m) => !subordinate(toks, m.first)) ?? (lastMain && !modifier(lastMain) ? lastMain : undefined);
    if (pick) return { entity: this.entity(pick), text: null, how: 'before' };
    const phrase = this.subjectPhrase(doc, s, verb);
    const any = people[0] ?? (subjects.length && !modifier(subjects[subjects.length - 1]!) ? subjects[subjects.length - 1] : undefined);
    return phrase ?? (any ? { entity: this.entity(any), text: null, how: 'before' } : null);
  }

  /**
   * A subject without a name right before the verb: "Syrian activists say …", "the
   * general said …" ("the head of state said", "a man in the crowd yelled": a preposition
   * between two nouns belongs to the phrase).
   */
  private subjectPhrase(doc: AnnotatedArticle, s: Sentence, verb: number): Attribution | null {
    const start = this.subjectPhraseStart(s, verb);
    // "Another intelligence source speaking to Fox News said": a phrase right after a
    // preposition is its object (a listener, an outlet), not the verb's subject; the
    // subject before it is not named, so nobody is.
    const before = s.tokens[start - 1];
    if (before?.pos === 'ADP' && before.norm !== 'as') return null;
    return start < verb ? this.titlePhrase(doc, s, start, verb, 'subject') : null;
  }

  /** First token of the phrase without a name right before the verb (`verb` itself when none). */
  private subjectPhraseStart(s: Sentence, verb: number): number {
    const toks = s.tokens;
    let start = verb - 1;
    const inPhrase = (k: number) => {
      const t = toks[k] as Token;
      if (t.kind !== 'word' || t.pos === 'VERB') return false;
      if (t.pos !== 'ADP') return true;
      // "a man in the crowd", "a spokesman for the campaign": a preposition after a noun.
      return ['of', 'in', 'at', 'from', 'for', 'with'].includes(t.norm) && toks[k - 1]?.pos === 'NOUN' && (toks[k + 1]?.pos === 'NOUN' || toks[k + 1]?.pos === 'DET');
    };
    while (start >= 0 && verb - start <= 6 && inPhrase(start)) start--;
    // ("Even a top GOP strategist said": an adverb opening the phrase is not part of it.)
    while (start + 1 < verb - 1 && toks[start + 1]!.pos === 'ADV') start++;
    return start < verb - 1 ? start + 1 : verb;
  }

  /** Who a whole sentence is attributed to: "X said (that) …", "according to X, …", "…, X said." */
  sentence(doc: AnnotatedArticle, s: Sentence): Attribution | null {
    const toks = s.tokens;
    // "Cruz electrified the crowds with speeches and promises …, Stovall said.": an
    // attribution closing the sentence after a comma reports all of it, whatever speech verb
    // (or word the tagger reads as one) stands in the clause before.
    const tail = this.closingAttribution(doc, s);
    if (tail) return tail;
    for (let k = 0; k < toks.length; k++) {
      const according = toks[k]!.norm === 'according';
      if (!according && !this.isSpeechVerb(toks[k])) continue;
      if (this.inQuote(doc.article.id, toks[k]!.start)) continue;
      if (according) {
        const a = this.according(doc, s, k);
        if (a) return a;
      }
      if (this.isSpeechVerb(toks[k])) {
        // "…, said Azzman Shariffadeen, head of …": after a comma, the speaker follows the verb
        // (a name, not a pronoun: "…, said he would …"; never the listener: "…, told Livingston").
        const lx = lexicon();
        const nx = toks[k + 1];
        if (k > 0 && /^[,"”“']$/.test(toks[k - 1]!.text) && nx && !lx.pronouns.has(nx.norm) && !lx.listenerVerbs.has(toks[k]!.lemma)) {
          const inverted = this.after(doc, s, k);
          // (Never a name after the verb followed by a verb of its own: in "Brian Murphy, …,
          // for example, said Trump continued to hurt his cause" Trump is what was said.)
          const named = inverted?.entity ? this.mentionsOf(doc.article.id, s.index).find((m) => m.first > k && !m.inQuote && this.entity(m) === inverted.entity) : undefined;
          const own = named ? toks[named.last + 1] : undefined;
          if (inverted?.entity && !(own && (own.pos === 'VERB' || own.pos === 'AUX'))) return inverted;
        }
        // "…, Rudskoi said." at the end, or "X said …" at the start.
        const subj = this.subject(doc, s, k);
        if (subj) return subj;
        const after = this.after(doc, s, k);
        if (after) return after;
      }
    }
    return null;
  }
}

