/**
 * Leading datelines: the place (and sometimes agency and date) a news report opens
 * with, before the first sentence: "ERBIL, Kurdistan Region – Russia’s defence
 * minister …", "WASHINGTON (AP) — …", "MOSCOW, Dec 6 (Reuters) - …", "Hemeimeem Air
 * Base (Syria): Russia's military …". It is metadata, not part of the first sentence.
 *
 * The general shape: a short place phrase (1–6 capitalised words, comma-separated
 * parts such as "SAN JUAN, Puerto Rico", a short date such as "Dec 6"), optional
 * parentheses ("(AP)", "(Syria)", "(Dec 6, Reuters)"), then a dash or a colon, then a
 * sentence starting with a capital. To keep ordinary sentences ("Russia – a key ally –
 * said …", "Moscow said …", "BREAKING: …"), the phrase must also show that it is a
 * dateline: a word in capitals (WASHINGTON), or parentheses, or a date; a phrase in
 * title case alone only when it is a place of the gazetteer (data/lexicon/places.json:
 * "Kabul – Afghan forces …"); a colon needs parentheses, a date, or a gazetteer place
 * ("BEIRUT: …"), since "JOHN SMITH: I think …" opens transcripts and "INVESTIGATORS: …"
 * headlines. An agency alone in parentheses ("(CNN) -- …") is a dateline when it is a
 * known agency or call letters in capitals, and with no separator ("(CNN) A Detroit man …")
 * when it is a known agency; places in capitals with no separator
 * ("WASHINGTON The Senate …") only when every one is a gazetteer place. Labels ("UPDATE –", "EXCLUSIVE:") are not
 * datelines (data/ingest/boilerplate.json `notDatelines`).
 *
 * Written by hand: no library reads news datelines; the pattern is a few regular
 * expressions over one paragraph.
 */
import { loadJson } from '../data.js';
import { agencyName, looksLikeOutlet } from './metadata.js';

export interface Dateline {
  /** The dateline as it stands at the start of the paragraph, separator included. */
  prefix: string;
  /** A news agency or station named in the dateline's parentheses ("AP", "Reuters", "KDKA"), or null. */
  agency: string | null;
}

/** Longest dateline prefix, in characters. */
const MAX_PREFIX = 90;
/** Fewest words the paragraph must keep after its dateline. */
const MIN_REST_WORDS = 6;

const CAPS_WORD = String.raw`\p{Lu}[\p{Lu}\p{M}.'’\-]*\p{Lu}\.?`;
const TITLE_WORD = String.raw`\p{Lu}[\p{Ll}\p{M}'’\-]*[\p{Ll}\p{M}]\.?(?:-\p{Lu}[\p{Ll}\p{M}]+)*`;
const PARTICLE = String.raw`(?:of|de|del|de la|al|el|la|le|du|da|ez|az|an|upon|am|on|sur|sul|do|dos|das|di|bin)`;
const WORD = String.raw`(?:${CAPS_WORD}|${TITLE_WORD})`;
const PHRASE = String.raw`${WORD}(?:\s+(?:${PARTICLE}\s+)?${WORD}){0,4}`;
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
const SHORT_DATE = String.raw`(?:${MONTH}\s+\d{1,2}|\d{1,2}\s+${MONTH})(?:,?\s+\d{4})?`;
const PARENS = String.raw`\([^()\n]{1,40}\)`;
const SEPARATOR = String.raw`(?:\s+(?:--|[–—-])\s+|\s*--(?!-)\s*|\s*[–—]\s*|:\s+)`;
const DATELINE = new RegExp(
  String.raw`^((${PHRASE})((?:,\s*(?:${SHORT_DATE}|${PHRASE}))*)(\s*${PARENS})?(,?\s*${SHORT_DATE})?(\s*${PARENS})?)(${SEPARATOR})(?=["“‘'(\[]?[\p{Lu}\d])`,
  'u',
);
/** A dateline that is only an agency in parentheses: "(CNN) -- As the death toll …". */
const AGENCY_ONLY = new RegExp(String.raw`^(\(([^()\n]{1,30})\))(${SEPARATOR})(?=["“‘'(\[]?[\p{Lu}\d])`, 'u');
/** The same with no separator, before a capitalised word: "(CNN) A Detroit man …" (a known agency only). */
const AGENCY_ONLY_BARE = /^(\(([^()\n]{1,30})\))[ \t]+(?=["“‘']?\p{Lu})/u;
/** A dateline of places in capitals with no separator: "WASHINGTON The Senate …", "SINGAPORE/BEIJING Flamboyant …". */
const CAPS_PLACES_BARE = /^((?:\p{Lu}[\p{Lu}.'’\-]+)(?:[ /](?:\p{Lu}[\p{Lu}.'’\-]+)){0,3})[ \t]+(?=\p{Lu}\p{Ll})/u;
const HAS_CAPS_WORD = new RegExp(String.raw`(?:^|\s)\p{Lu}[\p{Lu}\p{M}'’\-]{2,}(?=[\s,(]|$)`, 'u');
const DATE_RE = new RegExp(SHORT_DATE, 'u');
/** Words that open sentences, not datelines ("Meanwhile – …", "The Pentagon – …"). */
const SENTENCE_OPENERS = new Set(['the', 'a', 'an', 'in', 'on', 'at', 'but', 'and', 'meanwhile', 'however', 'yet', 'so', 'then', 'now', 'today', 'yesterday', 'this', 'that', 'these', 'those', 'it', 'he', 'she', 'they', 'we', 'i', 'mr', 'mrs', 'ms', 'dr', 'president', 'minister', 'general']);

interface PlacesFile {
  countries: Array<{ name: string; capitals: string[]; aliases: string[] }>;
  regions: string[];
  usStates: string[];
  cities: string[];
}

let places: Set<string> | null = null;
/** A place of the gazetteer (data/lexicon/places.json): countries, capitals, regions, states, cities. */
function knownPlace(phrase: string): boolean {
  if (!places) {
    const p = loadJson<PlacesFile>('lexicon/places.json');
    places = new Set([...p.countries.flatMap((c) => [c.name, ...c.capitals, ...c.aliases]), ...p.regions, ...p.usStates, ...p.cities].map((x) => x.toLowerCase()));
  }
  return places.has(phrase.toLowerCase().replace(/\s+/g, ' ').trim());
}

let labels: Set<string> | null = null;
function notDateline(phrase: string): boolean {
  labels ??= new Set(loadJson<{ notDatelines?: string[] }>('ingest/boilerplate.json').notDatelines ?? []);
  const p = phrase.toLowerCase().replace(/\s+/g, ' ').trim();
  return labels.has(p) || labels.has(p.split(' ')[0] as string);
}

/** Whether fewer than MIN_REST_WORDS words follow a dateline prefix of this length. */
function tooLittleAfter(paragraph: string, prefixLength: number): boolean {
  return paragraph.slice(prefixLength).split(/\s+/).filter(Boolean).length < MIN_REST_WORDS;
}

/**
 * A dateline of capitalised places without a separator: every place (split at "/") is
 * a gazetteer place written in capitals ("WASHINGTON", "SINGAPORE/BEIJING", "NEW
 * YORK"), so that "NASA Scientists …" or "BREAKING Police …" are not read as one.
 */
function bareCapsDateline(paragraph: string): Dateline | null {
  const b = CAPS_PLACES_BARE.exec(paragraph);
  if (!b) return null;
  const places = (b[1] as string).split('/');
  if (!places.every((p) => knownPlace(p))) return null;
  if (tooLittleAfter(paragraph, b[0].length)) return null;
  return { prefix: b[0], agency: null };
}

/** The dateline a paragraph opens with, or null. */
export function leadingDateline(paragraph: string): Dateline | null {
  const a = AGENCY_ONLY.exec(paragraph);
  if (a) {
    // Only a news agency or station's call letters, never a place or an aside ("(Syria) –", "(Updated) –").
    const name = (a[2] as string).trim();
    const agency = knownPlace(name) ? null : agencyName(name) ?? (/^\p{Lu}{2,6}$/u.test(name) ? name : null);
    if (!agency || a[0].length > MAX_PREFIX || tooLittleAfter(paragraph, a[0].length)) return null;
    return { prefix: a[0], agency };
  }
  const bare = AGENCY_ONLY_BARE.exec(paragraph);
  if (bare) {
    // With no dash or colon, only a news agency the lexicon knows ("(CNN) A Detroit man …"),
    // never call letters or an aside in capitals ("(UPDATE) Police …", "(VIDEO) The …").
    const agency = agencyName((bare[2] as string).trim());
    if (agency && !knownPlace(agency) && !tooLittleAfter(paragraph, bare[0].length)) return { prefix: bare[0], agency };
  }
  const m = DATELINE.exec(paragraph);
  if (!m) return bareCapsDateline(paragraph);
  const prefix = m[0];
  const head = m[1] as string;
  const first = m[2] as string;
  const sep = (m[7] as string).trim();
  if (prefix.length > MAX_PREFIX) return null;
  if (tooLittleAfter(paragraph, prefix.length)) return null;
  const firstWord = first.split(/\s+/)[0]?.toLowerCase().replace(/[.'’]/g, '') ?? '';
  if (SENTENCE_OPENERS.has(firstWord) || notDateline(head.replace(/\s*\([^)]*\)/g, ''))) return null;
  const parens = [m[4], m[6]].filter((x): x is string => Boolean(x)).map((x) => x.trim().slice(1, -1));
  const dated = DATE_RE.test(m[3] ?? '') || Boolean(m[5]);
  const caps = HAS_CAPS_WORD.test(first);
  const evidence = parens.length > 0 || dated;
  const shown = sep === ':' ? evidence || knownPlace(first) : evidence || caps || knownPlace(first);
  if (!shown) return null;
  // The outlet in the parentheses: an agency ("AP", "Reuters") or a station's call letters
  // ("KDKA"), never a place ("(Syria)", "(UK)").
  let agency: string | null = null;
  for (const p of parens) for (const part of p.split(/\s*[,/]\s*/)) if (!knownPlace(part)) agency ??= agencyName(part) ?? (looksLikeOutlet(part) ? part.trim() : null);
  return { prefix, agency };
}
