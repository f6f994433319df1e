/**
 * Entities with aliases: the name mentions of a story (./mentions.ts) merged into
 * entities by general methods, in this order:
 *   1. the same name: equal keys after particle removal, British/American spelling
 *      and demonym folding, word order ignored for organisations
 *      ("Defense Ministry" = "Ministry of Defence");
 *   2. the curated synonym lexicon and the gazetteer's official names (data, not
 *      code: "ISIS" = "ISIL" = "Daesh" = "Islamic State"; "Russian Federation" = "Russia");
 *   3. acronyms matched to the initials of exactly one longer name of the story
 *      ("SOHR" = "Syrian Observatory for Human Rights");
 *   4. an organisation named without its country joins the one qualified version of
 *      it in the story ("Defense Ministry" → "Russian Defense Ministry");
 *   5. transliteration and spelling variants (./names.ts: "Deir ez-Zor" = "Deir
 *      Ezzor" = "Deir el-Zour"), never between two distinct gazetteer places;
 *   6. short forms: a surname (or first + last name) joins the one full name of the
 *      story that ends with it ("Gerasimov" → "Valery Gerasimov"); a short form the
 *      story also writes as an ordinary lower-case word only with evidence of a person.
 * Each step only merges when the match is unique in the story, so that distinct
 * entities stay apart ("Russia" ≠ "Russian Federation Council"; "Syria" ≠ "Syrian
 * Observatory").
 */
import type { Entity, EntityType } from '../briefing.js';
import type { AnnotatedArticle, SentenceRef } from '../types.js';
import { demonymCountry, lexicon, lookupForm } from './lexicon.js';
import { emptyVotes, type Mention, type Votes } from './mentions.js';
import { defused, foldWord, nameWords, sameName, sameNameWord } from './names.js';
import { knownNames } from './known-names.js';

export interface EntityInfo {
  id: number;
  name: string;
  type: EntityType;
  aliases: string[];
  titles: string[];
  mentions: Mention[];
  sources: string[];
  votes: Votes;
  /** Canonical name given by the lexicon (synonym group or gazetteer), if any. */
  fixedName: string | null;
}

export interface EntityIndex {
  entities: EntityInfo[];
  /** Entity of each mention. */
  of: Map<Mention, EntityInfo>;
  /** Mentions by `articleId#sentence`. */
  bySentence: Map<string, Mention[]>;
}

/** Words of a name for comparison: particles and connectors out, spelling and demonyms folded. */
function keyWords(text: string): string[] {
  const lx = lexicon();
  const out: string[] = [];
  // Official names of countries inside longer names: "Armed Forces of the Russian Federation".
  const words = nameWords(text);
  for (let n = Math.min(4, words.length - 1); n >= 2; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const syn = lx.synonyms.get(words.slice(i, i + n).join(' '));
      if (syn && syn.type === 'place') words.splice(i, n, lookupForm(syn.name));
    }
  }
  for (const w0 of words) {
    if (lx.connectors.has(w0) && w0 !== 'and') continue;
    if (w0 === 'and') continue;
    let w = lx.spelling.get(w0) ?? w0;
    const country = demonymCountry(w);
    const syn = lx.synonyms.get(w);
    if (country) w = lookupForm(country);
    else if (syn && syn.type === 'place') w = lookupForm(syn.name);
    out.push(w);
  }
  return out;
}

function isOrgName(words: string[]): boolean {
  const heads = lexicon().organizationHeads;
  return words.some((w) => heads.has(w));
}

/** The exact-match key of a mention. */
function mentionKey(m: Mention): string {
  const lx = lexicon();
  if (m.synonym) return m.synonym.id;
  const low = lookupForm(m.text);
  const place = lx.places.get(low);
  if (place) return `place:${lookupForm(place)}`;
  let words = keyWords(m.text);
  if (isOrgName(words)) {
    if (m.qualifier && !words.includes(lookupForm(m.qualifier))) words.push(lookupForm(m.qualifier));
    words = [...words].sort();
  }
  return `name:${words.join(' ')}`;
}

/** Union-find over entity candidates. */
class Groups {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    while (this.parent[i] !== r) {
      const next = this.parent[i] as number;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

interface Candidate {
  key: string;
  mentions: Mention[];
  /** Comparison words of the most frequent surface. */
  words: string[];
  surface: string;
  votes: Votes;
  acronym: boolean;
  synonymId: string | null;
  place: boolean;
}

function addVotes(a: Votes, b: Votes): void {
  for (const k of Object.keys(a) as EntityType[]) a[k] += b[k];
}

function topType(v: Votes): EntityType {
  let best: EntityType = 'other';
  let score = 0;
  for (const k of ['person', 'organization', 'place', 'group'] as EntityType[]) {
    if (v[k] > score) {
      best = k;
      score = v[k];
    }
  }
  return score >= 1 ? best : 'other';
}

/** Initials of a name: of its content words, and of all its words. */
function initials(text: string): string[] {
  const lx = lexicon();
  const words = text.split(/[\s\-]+/).filter((w) => /^\p{L}/u.test(w));
  const content = words.filter((w) => !lx.connectors.has(w.toLowerCase()));
  const out = new Set<string>();
  if (content.length >= 2) out.add(content.map((w) => w[0]).join('').toUpperCase());
  if (words.length >= 2) out.add(words.map((w) => w[0]).join('').toUpperCase());
  return [...out];
}

/** Comparison words without trailing place heads ("Euphrates River" → "euphrates"). */
function coreWords(words: string[]): string[] {
  const heads = lexicon().strippablePlaceHeads;
  let w = words;
  while (w.length > 1 && (heads.has(w[w.length - 1] as string) || (w[w.length - 1] === 'base' && w[w.length - 2] === 'air'))) {
    w = w.slice(0, -1);
    if (w[w.length - 1] === 'air' && w.length > 1) w = w.slice(0, -1);
  }
  return w;
}

const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
/**
 * A bare surname shared by several full names joins the dominant one: written at least
 * this many times, and this many times more often than the next ("Pinochet" is Augusto
 * Pinochet, 29 mentions, not Lucia Pinochet, 1).
 */
const DOMINANT_MIN_MENTIONS = 3;
const DOMINANT_RATIO = 4;
const DIRECTIONS = new Set(['east', 'west', 'north', 'south', 'eastern', 'western', 'northern', 'southern', 'upper', 'lower', 'central', 'new', 'old', 'greater', 'little', 'great']);

function personLike(c: Candidate, v: Votes = c.votes): boolean {
  return (
    !c.place && !c.acronym && !c.synonymId && !isOrgName(c.words) && !DIRECTIONS.has(c.words[0] as string) &&
    v.organization <= v.person && v.place <= Math.max(1, v.person) && v.group <= v.person
  );
}

/**
 * A cheap necessary condition for sameNameWord (./names.ts), to skip most pairs without
 * an edit distance: equal skeletons; or skeletons of 5+ letters with the same first
 * letter and lengths within a fifth of each other (no closer match is possible with one
 * edit in five); or a word with a fused Arabic article (compared in full).
 */
function mayBeSameWord(a: string, b: string): boolean {
  const fa = foldWord(a);
  const fb = foldWord(b);
  if (fa === fb || defused(a) !== null || defused(b) !== null) return true;
  const la = fa.length;
  const lb = fb.length;
  if (Math.min(la, lb) < 5 || fa[0] !== fb[0]) return false;
  return Math.abs(la - lb) <= 0.2 * Math.max(la, lb);
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** Merges the mentions of a story into entities. */
export function buildEntities(mentions: Mention[], lowerWords: ReadonlySet<string> = new Set()): EntityIndex {
  const lx = lexicon();
  const byKey = new Map<string, Mention[]>();
  for (const m of mentions) {
    const k = mentionKey(m);
    const l = byKey.get(k);
    if (l) l.push(m);
    else byKey.set(k, [m]);
  }
  const cands: Candidate[] = [];
  for (const [key, ms] of byKey) {
    const votes = emptyVotes();
    for (const m of ms) addVotes(votes, m.votes);
    const counts = new Map<string, number>();
    for (const m of ms) counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
    const surface = [...counts].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]?.[0] ?? ms[0]!.text;
    cands.push({
      key,
      mentions: ms,
      words: keyWords(surface),
      surface,
      votes,
      acronym: ms.every((m) => m.acronym),
      synonymId: ms[0]?.synonym?.id ?? null,
      place: key.startsWith('place:'),
    });
  }
  const g = new Groups(cands.length);

  // 3. Acronyms: unique expansion among the story's longer names.
  const byInitials = new Map<string, number[]>();
  cands.forEach((c, i) => {
    if (c.acronym || c.words.length < 2) return;
    for (const ini of initials(c.surface)) {
      const l = byInitials.get(ini) ?? [];
      l.push(i);
      byInitials.set(ini, l);
    }
  });
  cands.forEach((c, i) => {
    if (!c.acronym || c.synonymId) return;
    const acr = c.surface.replace(/\./g, '').toUpperCase();
    const hits = byInitials.get(acr) ?? [];
    const roots = new Set(hits.map((h) => g.find(h)));
    if (roots.size === 1) g.union(i, hits[0] as number);
  });

  // 4. Organisations without their country join the one qualified version.
  // Countries only: a state or city ("Ohio Supreme Court") does not qualify a national body.
  const countryWords = countryKeys();
  const orgCore = new Map<string, Array<{ i: number; country: string | null }>>();
  cands.forEach((c, i) => {
    if (!isOrgName(c.words) || c.synonymId) return;
    const words = c.key.slice('name:'.length).split(' ');
    const country = words.find((w) => countryWords.has(w)) ?? null;
    const core = words.filter((w) => w !== country).join(' ');
    const l = orgCore.get(core) ?? [];
    l.push({ i, country });
    orgCore.set(core, l);
  });
  for (const [core, list] of orgCore) {
    // One-word cores ("Cabinet", "Senate") are too generic to assign to one country.
    if (core.split(' ').length < 2) continue;
    const qualified = list.filter((x) => x.country);
    const countries = new Set(qualified.map((x) => x.country));
    if (countries.size !== 1) continue;
    for (const x of list) g.union(x.i, (qualified[0] as { i: number }).i);
  }

  // 5. Spelling and transliteration variants, bucketed by word count and the first
  // letters of the words' skeletons (which sameName requires to be equal, or equal
  // to the skeleton of the word without a fused Arabic article: "Ezzor" ~ "Zor"),
  // so that only names that can match are compared.
  const buckets = new Map<string, number[]>();
  const initialsAt = (w: string, k: number): string[] => {
    const f = foldWord(w)[0] ?? '';
    if (k === 0) return [f];
    const d = defused(w);
    const fd = d ? (foldWord(d)[0] ?? '') : f;
    return fd === f ? [f] : [f, fd];
  };
  cands.forEach((c, i) => {
    if (c.acronym) return;
    const core = coreWords(c.words);
    let keys = [`${core.length}:`];
    core.slice(0, 3).forEach((w, k) => {
      const ini = initialsAt(w, k);
      keys = keys.flatMap((x) => ini.map((y) => `${x}${y}|`));
    });
    if (!core.length) keys = [`0:`];
    for (const key of keys) {
      const l = buckets.get(key) ?? [];
      l.push(i);
      buckets.set(key, l);
    }
  });
  // What each comparison needs, once per candidate.
  const info = cands.map((c) => {
    const core = coreWords(c.words);
    const folds = core.map((w) => foldWord(w));
    return {
      core,
      key: core.join(' '),
      org: isOrgName(c.words),
      type: topType(c.votes),
      fused: core.some((w) => defused(w) !== null),
      length: folds.reduce((n, f) => n + f.length, 0),
    };
  });
  const tryMerge = (i: number, j: number) => {
    if (g.find(i) === g.find(j)) return;
    const a = cands[i] as Candidate;
    const b = cands[j] as Candidate;
    const ia = info[i]!;
    const ib = info[j]!;
    // Distinct gazetteer entries and distinct synonym groups never merge.
    if ((a.place || a.synonymId) && (b.place || b.synonymId)) return;
    if (ia.org !== ib.org) return;
    if (ia.type !== 'other' && ib.type !== 'other' && ia.type !== ib.type) return;
    const equalCore = ia.key === ib.key;
    const ca = ia.core;
    const cb = ib.core;
    if (equalCore || (ca.join('').length >= 5 && ca.every((w, k) => mayBeSameWord(w, cb[k] as string)) && sameName(ca, cb))) g.union(i, j);
  };
  for (const idx of buckets.values()) {
    // Without a fused article, matching words differ in length by at most a fifth, so
    // two names whose skeletons differ by more than half in total length cannot match:
    // sorted by length, each name is compared only up to that bound.
    const plainIdx = idx.filter((i) => !info[i]!.fused).sort((a, b) => info[a]!.length - info[b]!.length);
    const fusedIdx = idx.filter((i) => info[i]!.fused);
    for (let x = 0; x < plainIdx.length; x++) {
      const i = plainIdx[x] as number;
      const bound = 1.5 * info[i]!.length;
      for (let y = x + 1; y < plainIdx.length && info[plainIdx[y] as number]!.length <= bound; y++) tryMerge(i, plainIdx[y] as number);
    }
    for (const i of fusedIdx) for (const j of idx) if (j !== i && (!info[j]!.fused || j > i)) tryMerge(Math.min(i, j), Math.max(i, j));
  }

  // 6. Short forms of person names: the one full name that ends with (or spans) them.
  // Votes of the groups formed so far: "Euphrates" is a place once merged with "Euphrates River".
  const groupVotes = new Map<number, Votes>();
  cands.forEach((c, i) => {
    const r = g.find(i);
    const v = groupVotes.get(r) ?? emptyVotes();
    addVotes(v, c.votes);
    groupVotes.set(r, v);
  });
  const votesOf = (i: number) => groupVotes.get(g.find(i)) as Votes;
  const multi = cands.map((c, i) => ({ c, i })).filter(({ c, i }) => c.words.length >= 2 && personLike(c, votesOf(i)));
  // Full names indexed by their surname's first skeleton letter (the surname is the last
  // word before a suffix: "John Conyers Jr." → "Conyers"), and by first + last word.
  // (Indexed by the surname's skeleton, and by its first letter and length: a surname
  // matching a one-word name has the same skeleton, or one of 5+ letters with the same
  // first letter and a length within a fifth; or it has a fused Arabic article.)
  const surnameOf = new Map<number, string>();
  const bySurnameFold = new Map<string, number[]>();
  const bySurnameShape = new Map<string, number[]>();
  const withFusedArticle: number[] = [];
  const byFirstLast = new Map<string, number[]>();
  const byTail = new Map<string, number[]>();
  const byFirst = new Map<string, number[]>();
  multi.forEach(({ c: m, i: j }) => {
    const ws = m.words.filter((x, k) => k === 0 || !SUFFIXES.has(x));
    const last = ws[ws.length - 1] as string;
    surnameOf.set(j, last);
    const f = foldWord(last);
    push(bySurnameFold, f, j);
    push(bySurnameShape, `${f[0] ?? ''}|${f.length}`, j);
    if (defused(last) !== null) withFusedArticle.push(j);
    const fl = `${m.words.length}|${m.words[0]}|${m.words[m.words.length - 1]}`;
    push(byFirstLast, fl, j);
    for (let n = 2; n < m.words.length; n++) push(byTail, m.words.slice(-n).join(' '), j);
    if (m.words.length === 2) push(byFirst, m.words[0] as string, j);
  });
  const surnamesLike = (w: string): number[] => {
    const f = foldWord(w);
    const out = [...(bySurnameFold.get(f) ?? []), ...withFusedArticle];
    if (f.length >= 5) {
      for (let n = Math.max(5, Math.ceil(0.8 * f.length)); n <= Math.floor(f.length / 0.8); n++) out.push(...(bySurnameShape.get(`${f[0]}|${n}`) ?? []));
    }
    return [...new Set(out)].sort((a, b) => a - b);
  };
  cands.forEach((c, i) => {
    // (A surname written alone with some evidence of a person — "Sanders said" — is a short
    // form even when it also modifies organisations more often: "the Sanders campaign",
    // "the forever Sanders movement".)
    const v = votesOf(i);
    const surnameLike = c.words.length === 1 && v.person >= 1 && personLike(c, { ...v, organization: 0, place: Math.min(v.place, v.person) });
    if (!personLike(c, v) && !surnameLike) return;
    let hits: number[] = [];
    if (c.words.length === 1) {
      const w = c.words[0] as string;
      // "The Hague" is no one's surname.
      if (c.mentions.every((m) => m.afterThe)) return;
      const pool = defused(w) !== null ? multi.map((x) => x.i) : surnamesLike(w);
      hits = pool.filter((j) => mayBeSameWord(surnameOf.get(j) as string, w) && sameNameWord(surnameOf.get(j) as string, w));
      // "Anwar" for Anwar Ibrahim, "Mahathir" for Mahathir Mohamad: a first name used
      // alone, as Malay, Thai or Arabic names are, when it is no common given name
      // (those are not used alone for one person) and only one two-word name starts with it.
      const kn = knownNames();
      if (!hits.length && !kn.firstNames.has(w) && !kn.persons.has(w)) hits = (byFirst.get(w) ?? []).filter((h) => h !== i && votesOf(h).person >= 1);
    } else if (c.words.length >= 2) {
      // "Vladimir Putin" within "Vladimir Vladimirovich Putin".
      hits = (byFirstLast.get(`${c.words.length + 1}|${c.words[0]}|${c.words[c.words.length - 1]}`) ?? []).filter((j) => j !== i);
      // "Kunz Jr." within "DeOrr Kunz Jr.", "Garcia Marquez" within "Gabriel Garcia Marquez".
      if (!hits.length) hits = (byTail.get(c.words.join(' ')) ?? []).filter((j) => j !== i);
    }
    // A short form that the story also uses as an ordinary lower-case word ("rap", "life",
    // "web") is a surname only with evidence that someone is a person (a title, "said",
    // "who"): "Art of Rap" and "Infamous Life" are titles, not people called Rap and Life.
    if (c.words.length === 1 && lowerWords.has(c.words[0] as string)) hits = hits.filter((h) => votesOf(h).person >= 1 || votesOf(i).person >= 1);
    const roots = new Set(hits.map((h) => g.find(h)));
    if (roots.size > 1 && c.words.length === 1) {
      // Several full names end with this word ("Augusto Pinochet", "Lucia Pinochet"): the
      // bare surname is the dominant one when it is written far more often.
      const weight = new Map<number, number>();
      for (const h of hits) weight.set(g.find(h), (weight.get(g.find(h)) ?? 0) + cands[h]!.mentions.length);
      const ranked = [...weight].sort((a, b) => b[1] - a[1]);
      const [top, second] = [ranked[0] as [number, number], ranked[1] as [number, number]];
      if (top[1] >= DOMINANT_MIN_MENTIONS && top[1] >= DOMINANT_RATIO * second[1]) {
        hits = hits.filter((h) => g.find(h) === top[0]);
        roots.clear();
        roots.add(top[0]);
      }
    }
    if (roots.size === 1 && hits.length) {
      g.union(i, hits[0] as number);
      for (const h of hits) cands[h]!.votes.person += 1;
    }
  });

  // 7. Short forms of organisations: the one longer organisation name that ends with a
  // one-word name ("the Rockies" → "Colorado Rockies") or that begins with a name before
  // "of" ("Information Center" → "Information Center of Human Rights…"). Head nouns alone
  // ("Party", "Council") are too generic.
  const orgLike = (i: number): boolean => {
    const c = cands[i] as Candidate;
    const v = votesOf(i);
    return !c.place && !c.synonymId && !c.acronym && (isOrgName(c.words) || v.organization > Math.max(v.person, v.place, v.group));
  };
  const byOrgLast = new Map<string, number[]>();
  const byOrgBeforeOf = new Map<string, number[]>();
  cands.forEach((c, i) => {
    if (!orgLike(i)) return;
    const ws = lookupForm(c.surface).split(' ');
    if (ws.length >= 2) push(byOrgLast, ws[ws.length - 1] as string, i);
    const of = ws.indexOf('of');
    if (of >= 2) push(byOrgBeforeOf, ws.slice(0, of).join(' '), i);
  });
  cands.forEach((c, i) => {
    if (!orgLike(i)) return;
    const ws = lookupForm(c.surface).split(' ');
    const hits = ws.length === 1 ? (lx.organizationHeads.has(ws[0] as string) ? [] : (byOrgLast.get(ws[0] as string) ?? [])) : (byOrgBeforeOf.get(ws.join(' ')) ?? []);
    const roots = new Set(hits.filter((h) => h !== i).map((h) => g.find(h)));
    if (roots.size === 1) g.union(i, hits.find((h) => h !== i) as number);
  });

  // Build the entities.
  const groups = new Map<number, Candidate[]>();
  cands.forEach((c, i) => {
    const r = g.find(i);
    const l = groups.get(r) ?? [];
    l.push(c);
    groups.set(r, l);
  });
  const entities: EntityInfo[] = [];
  const of = new Map<Mention, EntityInfo>();
  for (const members of groups.values()) {
    const votes = emptyVotes();
    // ("Former U.N. Ambassador John Bolton … Bolton said": a surname alone that is also known
    // as a place's name gives no place votes to the person whose full name it shortens.)
    const fullPerson = members.some((c) => c.words.length >= 2 && !c.place && c.votes.person >= 1 && c.votes.place === 0 && !isOrgName(c.words));
    for (const c of members) addVotes(votes, fullPerson && c.words.length === 1 && !c.place ? { ...c.votes, place: 0 } : c.votes);
    const ms = members.flatMap((c) => c.mentions);
    const syn = members.find((c) => c.synonymId)?.mentions[0]?.synonym;
    const placeKey = members.find((c) => c.place)?.key;
    const info: EntityInfo = {
      id: entities.length,
      name: '',
      type: topType(votes),
      aliases: [],
      titles: [],
      mentions: ms,
      sources: [...new Set(ms.map((m) => m.articleId))],
      votes,
      fixedName: syn ? syn.name : placeKey ? (lx.places.get(placeKey.slice('place:'.length)) ?? null) : null,
    };
    nameEntity(info);
    entities.push(info);
    for (const m of ms) of.set(m, info);
  }
  // An untyped name that ends with the surname of a person of the story is a relative
  // or namesake, a person too ("Eamon Hickey" beside Darren Hickey).
  const personSurnames = new Set<string>();
  for (const e of entities) if (e.type === 'person') for (const m of e.mentions) { const ws = nameWords(m.text); if (ws.length >= 2) personSurnames.add(ws[ws.length - 1] as string); }
  for (const e of entities) {
    if (e.type !== 'other' || e.fixedName) continue;
    const ws = nameWords(e.name);
    if (ws.length >= 2 && ws.length <= 3 && !isOrgName(ws) && personSurnames.has(ws[ws.length - 1] as string)) addEvidence(e, 'person', 1);
  }
  const bySentence = new Map<string, Mention[]>();
  for (const m of mentions) {
    const k = `${m.articleId}#${m.sentence}`;
    const l = bySentence.get(k);
    if (l) l.push(m);
    else bySentence.set(k, [m]);
  }
  for (const l of bySentence.values()) l.sort((a, b) => a.start - b.start);
  return { entities, of, bySentence };
}

/** Adds evidence for a type and recomputes the entity's type and name. */
export function addEvidence(e: EntityInfo, type: EntityType, weight: number): void {
  e.votes[type] += weight;
  e.type = topType(e.votes);
  nameEntity(e);
}

const displayCache = new Map<string, string>();
/** A name as shown: one space between words, straight apostrophes (memoised). */
function displayForm(text: string): string {
  let d = displayCache.get(text);
  if (d === undefined) {
    d = /[\s’‘]/.test(text) ? text.replace(/\s+/g, ' ').replace(/[’‘]/g, "'") : text;
    if (displayCache.size > 100_000) displayCache.clear();
    displayCache.set(text, d);
  }
  return d;
}

let countries: Set<string> | null = null;
/** Comparison keys of the countries that demonyms name ("russia", "syria"). */
function countryKeys(): Set<string> {
  countries ??= new Set([...lexicon().demonyms.values()].map((c) => lookupForm(c)));
  return countries;
}

/** Picks the canonical name and lists aliases and titles. */
function nameEntity(e: EntityInfo): void {
  const counts = new Map<string, number>();
  for (const m of e.mentions) {
    const t = displayForm(m.text);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  let name: string | undefined = e.fixedName ?? undefined;
  if (!name) {
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
    const nonAcronym = ranked.filter(([t]) => !/^(?:\p{Lu}{2,6}|(?:\p{Lu}\.){2,4})$/u.test(t));
    const pool = nonAcronym.length ? nonAcronym : ranked;
    const maxWords = Math.max(...pool.map(([t]) => t.split(/\s+/).length));
    const preferLong = (e.type === 'person' || e.type === 'organization') && maxWords >= 2;
    let pick = preferLong ? pool.filter(([t]) => t.split(/\s+/).length >= 2) : pool;
    if (e.type === 'organization') {
      // Prefer the form that names the country ("Russian Defense Ministry" over "Defense Ministry").
      const countries = countryKeys();
      const qualified = pick.filter(([t]) => keyWords(t).some((w) => countries.has(w)));
      if (qualified.length) pick = qualified;
    }
    name = pick[0]?.[0] ?? e.mentions[0]?.text ?? '';
  }
  e.name = name;
  e.aliases = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([t]) => t)
    .filter((t) => t !== name);
  const titles = new Map<string, number>();
  for (const m of e.mentions) if (m.title) titles.set(m.title, (titles.get(m.title) ?? 0) + 1);
  e.titles = [...titles].sort((a, b) => b[1] - a[1]).map(([t]) => t);
}

/** First mention of an entity in each article, as sentence references. */
export function entityRefs(e: EntityInfo, docs: Map<string, AnnotatedArticle>): SentenceRef[] {
  const seen = new Set<string>();
  const out: SentenceRef[] = [];
  for (const m of [...e.mentions].sort((a, b) => a.articleId.localeCompare(b.articleId) || a.start - b.start)) {
    if (seen.has(m.articleId)) continue;
    seen.add(m.articleId);
    const s = docs.get(m.articleId)?.sentences[m.sentence];
    if (s) out.push({ articleId: m.articleId, sentence: s.index, start: s.start, end: s.end });
  }
  return out;
}

/** Whether an entity is worth listing: seen twice, or in two sources, or titled. */
export function reportable(e: EntityInfo): boolean {
  return e.mentions.length >= 2 || e.sources.length >= 2 || e.titles.length > 0;
}

/** The JSON form of an entity. */
export function toEntity(e: EntityInfo, articleOrder: Map<string, number>, refs?: SentenceRef[]): Entity {
  const out: Entity = {
    name: e.name,
    type: e.type,
    aliases: e.aliases,
    mentions: e.mentions.length,
    sources: [...e.sources].sort((a, b) => (articleOrder.get(a) ?? 0) - (articleOrder.get(b) ?? 0)),
  };
  if (e.titles.length) out.titles = e.titles;
  if (refs?.length) out.refs = refs;
  return out;
}
