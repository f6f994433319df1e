/**
 * Names known from a general lexicon (data/lexicon/known-names.json, generated from
 * compromise's word lists by scripts/gen-known-names.ts): given names, places,
 * organisations and well-known people, lower-cased. Weak evidence for an entity's
 * type, used by ./mentions.ts below the stronger evidence of titles, head nouns, the
 * gazetteer and the synonym lexicon. Also two lists of names.json that only the
 * mention finder reads (not part of the shared lexicon view of ./lexicon.ts).
 */
import { loadJson } from '../data.js';

export interface KnownNames {
  firstNames: Set<string>;
  places: Set<string>;
  organizations: Set<string>;
  persons: Set<string>;
  /** names.json: capitalised words that are not names alone ("CLOSE", "TV"). */
  notAcronyms: Set<string>;
  /** names.json: common nouns that make the name beside them an organisation ("newspaper"). */
  organizationNouns: Set<string>;
  /** names.json: nouns after a name that make it a place ("Millis police"). */
  jurisdictionNouns: Set<string>;
  /** names.json: first words of place names ("St.", "Fort", "Mount"). */
  placePrefixes: Set<string>;
}

let cached: KnownNames | null = null;

export function knownNames(): KnownNames {
  if (cached) return cached;
  const f = loadJson<Record<'firstNames' | 'places' | 'organizations' | 'persons', string[]>>('lexicon/known-names.json');
  const names = loadJson<Partial<Record<'notAcronyms' | 'organizationNouns' | 'jurisdictionNouns' | 'placePrefixes', string[]>>>('lexicon/names.json');
  cached = {
    firstNames: new Set(f.firstNames),
    places: new Set(f.places),
    organizations: new Set(f.organizations),
    persons: new Set(f.persons),
    notAcronyms: new Set(names.notAcronyms ?? []),
    organizationNouns: new Set(names.organizationNouns ?? []),
    jurisdictionNouns: new Set(names.jurisdictionNouns ?? []),
    placePrefixes: new Set(names.placePrefixes ?? []),
  };
  return cached;
}
