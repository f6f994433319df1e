/**
 * The analysis lexicons: typed, lazily loaded views of the JSON files in
 * data/lexicon/ (names.json, places.json, synonyms.json, speech.json,
 * disputes.json, equivalents.json, units.json, transliteration.json).
 *
 * Everything that is vocabulary (titles, head nouns, speech verbs, dispute cues,
 * units, synonym groups, place names) is data, so that it can be reviewed and
 * extended without touching the algorithms; nothing in these files names the
 * example articles' particular people or events.
 */
import { loadJson } from '../data.js';
import type { EntityType } from '../briefing.js';

interface NamesFile {
  personTitles: string[];
  strongTitles: string[];
  multiwordTitles: string[];
  organizationHeads: string[];
  placeHeads: string[];
  strippablePlaceHeads: string[];
  placeNouns: string[];
  groupHeads: string[];
  connectors: string[];
  particles: string[];
  nationalities: string[];
  nonNames: string[];
  rolePhrases?: Record<string, string[]>;
  adjectiveTitles?: string[];
}

interface PlacesFile {
  countries: Array<{ name: string; demonyms: string[]; capitals: string[]; aliases: string[] }>;
  regions: string[];
  usStates: string[];
  cities: string[];
}

interface SynonymsFile {
  groups: Array<{ name: string; type: EntityType; variants: string[] }>;
}

interface SpeechFile {
  verbs: string[];
  strongVerbs: string[];
  quoteVerbs: string[];
  according: string[];
  naming: string[];
  pronouns: Record<string, string>;
  listenerVerbs?: string[];
  phrasalVerbs?: Record<string, string[]>;
  notSpeakerWords?: string[];
  characterisingVerbs?: string[];
}

interface DisputesFile {
  verbs: string[];
  objectVerbs: string[];
  claimNouns: string[];
  negatedObjectVerbs: string[];
  phrases: string[];
  contrast: string[];
  persistence: string[];
  negators: string[];
  standaloneObjects?: string[];
  standaloneVerbs?: string[];
  falsity?: string[];
}

interface UnitsFile {
  units: Record<string, [string, number]>;
  scales: Record<string, number>;
  words: Record<string, number>;
  bounds: Record<string, string>;
  measures?: Record<string, { dim: string; subjects: Record<string, string>; default: string }>;
  tolls?: Record<string, { head: string; predicate: string }>;
  changeVerbs?: string[];
  positions?: Record<string, string>;
}

interface TranslitFile {
  replace: Array<[string, string]>;
  spelling: Record<string, string>;
}

export interface SynonymGroup {
  id: string;
  name: string;
  type: EntityType;
}

export interface Lexicon {
  personTitles: Set<string>;
  strongTitles: Set<string>;
  /** Multi-word titles as word lists (lower case). */
  multiwordTitles: string[][];
  organizationHeads: Set<string>;
  placeHeads: Set<string>;
  strippablePlaceHeads: Set<string>;
  placeNouns: Set<string>;
  groupHeads: Set<string>;
  connectors: Set<string>;
  particles: Set<string>;
  nonNames: Set<string>;
  /** Title words that are mostly adjectives when written in lower case ("major", "former"). */
  adjectiveTitles: Set<string>;
  /** Role phrases ("head of state") → the titles of the person they stand for, longest phrase first. */
  rolePhrases: Array<{ phrase: string; titles: string[] }>;
  /** Lower-cased place name → canonical country (or the place itself). */
  places: Map<string, string>;
  /** Lower-cased demonym → country name. */
  demonyms: Map<string, string>;
  /** Adjectives of peoples, religions and regions: like demonyms, not entities alone. */
  nationalities: Set<string>;
  /** Lower-cased variant (dots removed) → synonym group. */
  synonyms: Map<string, SynonymGroup>;
  speechVerbs: Set<string>;
  strongSpeechVerbs: Set<string>;
  quoteVerbs: Set<string>;
  /** Speech verbs whose object is the listener ("told Livingston"). */
  listenerVerbs: Set<string>;
  /** Verb + particle that attribute a quotation ("went on", "shot back"): lemma → particles. */
  phrasalSpeechVerbs: Map<string, string[]>;
  /** Words that make a phrase without a name something other than a speaker ("a statement", "last week", "what her team"). */
  notSpeakerWords: Set<string>;
  /** Verbs that attribute a quoted phrase right after them ("called it “a pretext”", "likened … to a “vicious snake”"). */
  characterisingVerbs: Set<string>;
  according: string[][];
  naming: string[][];
  pronouns: Map<string, string>;
  disputes: DisputesFile & { verbSet: Set<string>; objectVerbSet: Set<string>; claimNounSet: Set<string>; standaloneSet: Set<string>; standaloneVerbSet: Set<string>; falsitySet: Set<string> };
  /** Stem → representative stem of its equivalence class. */
  equivalents: Map<string, string>;
  /** Class representative → the frames (indices) it belongs to: classes stating one proposition. */
  frames: Map<string, number[]>;
  units: Map<string, { dim: string; factor: number }>;
  scales: Map<string, number>;
  numberWords: Map<string, number>;
  bounds: Array<{ words: string[]; kind: string }>;
  /** Measures written before their value ("a magnitude of 6.4"), by lower-case word. */
  measures: Map<string, { dim: string; subjects: Map<string, string>; default: string }>;
  /** Nouns standing for a count of the dead ("toll") → counted noun and predicate stems. */
  tolls: Map<string, { head: string; predicate: string }>;
  /** Lemmas of verbs of change ("rose to 31"). */
  changeVerbs: Set<string>;
  /** Words after a figure's unit or noun that make it a distance or size of a position ("six stories below") → their class. */
  positions: Map<string, string>;
  translit: TranslitFile;
  /** British → American spelling of common name words. */
  spelling: Map<string, string>;
}

let cached: Lexicon | null = null;

const lookupCache = new Map<string, string>();

/** Lower case, dots removed: the form names are looked up in (memoised: names repeat). */
export function lookupForm(s: string): string {
  let f = lookupCache.get(s);
  if (f === undefined) {
    f = s
      .toLowerCase()
      .replace(/[’‘`´]/g, "'")
      .replace(/\./g, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (lookupCache.size > 100_000) lookupCache.clear();
    lookupCache.set(s, f);
  }
  return f;
}

export function lexicon(): Lexicon {
  if (cached) return cached;
  const names = loadJson<NamesFile>('lexicon/names.json');
  const places = loadJson<PlacesFile>('lexicon/places.json');
  const syn = loadJson<SynonymsFile>('lexicon/synonyms.json');
  const speech = loadJson<SpeechFile>('lexicon/speech.json');
  const disputes = loadJson<DisputesFile>('lexicon/disputes.json');
  const eq = loadJson<{ classes: string[][]; frames?: string[][] }>('lexicon/equivalents.json');
  const units = loadJson<UnitsFile>('lexicon/units.json');
  const translit = loadJson<TranslitFile>('lexicon/transliteration.json');

  const placeMap = new Map<string, string>();
  const demonyms = new Map<string, string>();
  const synonyms = new Map<string, SynonymGroup>();
  for (const c of places.countries) {
    const group: SynonymGroup = { id: `place:${lookupForm(c.name)}`, name: c.name, type: 'place' };
    placeMap.set(lookupForm(c.name), c.name);
    for (const a of c.aliases) {
      placeMap.set(lookupForm(a), c.name);
      synonyms.set(lookupForm(a), group);
    }
    if (c.aliases.length) synonyms.set(lookupForm(c.name), group);
    for (const d of c.demonyms) demonyms.set(lookupForm(d), c.name);
    for (const cap of c.capitals) if (!placeMap.has(lookupForm(cap))) placeMap.set(lookupForm(cap), cap);
  }
  for (const p of [...places.regions, ...places.usStates, ...places.cities]) if (!placeMap.has(lookupForm(p))) placeMap.set(lookupForm(p), p);
  for (const g of syn.groups) {
    const group: SynonymGroup = { id: `syn:${lookupForm(g.name)}`, name: g.name, type: g.type };
    for (const v of [g.name, ...g.variants]) synonyms.set(lookupForm(v), group);
  }
  const equivalents = new Map<string, string>();
  for (const cls of eq.classes) for (const w of cls) if (!equivalents.has(w)) equivalents.set(w, cls[0] as string);
  const frames = new Map<string, number[]>();
  (eq.frames ?? []).forEach((f, i) => {
    for (const w of f) {
      const rep = equivalents.get(w) ?? w;
      frames.set(rep, [...(frames.get(rep) ?? []), i]);
    }
  });
  const unitMap = new Map<string, { dim: string; factor: number }>();
  for (const [k, [dim, factor]] of Object.entries(units.units)) unitMap.set(k, { dim, factor });
  cached = {
    personTitles: new Set(names.personTitles),
    strongTitles: new Set(names.strongTitles),
    multiwordTitles: names.multiwordTitles.map((t) => t.split(' ')),
    organizationHeads: new Set(names.organizationHeads),
    placeHeads: new Set(names.placeHeads),
    strippablePlaceHeads: new Set(names.strippablePlaceHeads),
    placeNouns: new Set(names.placeNouns),
    groupHeads: new Set(names.groupHeads),
    connectors: new Set(names.connectors),
    particles: new Set(names.particles),
    nonNames: new Set(names.nonNames),
    adjectiveTitles: new Set(names.adjectiveTitles ?? []),
    rolePhrases: Object.entries(names.rolePhrases ?? {})
      .map(([phrase, titles]) => ({ phrase, titles }))
      .sort((a, b) => b.phrase.length - a.phrase.length),
    places: placeMap,
    demonyms,
    nationalities: new Set(names.nationalities),
    synonyms,
    speechVerbs: new Set(speech.verbs),
    strongSpeechVerbs: new Set(speech.strongVerbs),
    quoteVerbs: new Set(speech.quoteVerbs),
    listenerVerbs: new Set(speech.listenerVerbs ?? []),
    phrasalSpeechVerbs: new Map(Object.entries(speech.phrasalVerbs ?? {})),
    notSpeakerWords: new Set(speech.notSpeakerWords ?? []),
    characterisingVerbs: new Set(speech.characterisingVerbs ?? []),
    according: speech.according.map((a) => a.split(' ')),
    naming: speech.naming.map((a) => a.split(' ')),
    pronouns: new Map(Object.entries(speech.pronouns)),
    disputes: {
      ...disputes,
      verbSet: new Set(disputes.verbs),
      objectVerbSet: new Set(disputes.objectVerbs),
      claimNounSet: new Set(disputes.claimNouns),
      standaloneSet: new Set(disputes.standaloneObjects ?? []),
      standaloneVerbSet: new Set(disputes.standaloneVerbs ?? []),
      falsitySet: new Set(disputes.falsity ?? []),
    },
    equivalents,
    frames,
    units: unitMap,
    scales: new Map(Object.entries(units.scales)),
    numberWords: new Map(Object.entries(units.words)),
    bounds: Object.entries(units.bounds)
      .map(([k, kind]) => ({ words: k.split(' '), kind }))
      .sort((a, b) => b.words.length - a.words.length),
    measures: new Map(
      Object.entries(units.measures ?? {}).map(([k, m]) => [k, { dim: m.dim, subjects: new Map(Object.entries(m.subjects)), default: m.default }]),
    ),
    tolls: new Map(Object.entries(units.tolls ?? {})),
    changeVerbs: new Set(units.changeVerbs ?? []),
    positions: new Map(Object.entries(units.positions ?? {})),
    translit,
    spelling: new Map(Object.entries(translit.spelling)),
  };
  return cached;
}

/** The country of a demonym ("Russian", "Syrians" → Russia, Syria), or null. */
export function demonymCountry(w: string): string | null {
  const { demonyms } = lexicon();
  return demonyms.get(w) ?? (w.endsWith('s') ? (demonyms.get(w.slice(0, -1)) ?? null) : null);
}

/** Whether a lower-case word is a demonym or an adjective of a people or region. */
export function isDemonymWord(w: string): boolean {
  return demonymCountry(w) !== null || lexicon().nationalities.has(w);
}
