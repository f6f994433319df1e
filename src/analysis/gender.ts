/**
 * The gender a person's name or title tells, when it tells one (data/lexicon/given-names.json):
 * used only to keep "she said" from resolving to a man named just before, and "he" from
 * a woman. Unknown names and names used for both tell nothing (null).
 */
import { loadJson } from '../data.js';
import type { EntityInfo } from './entities.js';

export type Gender = 'm' | 'f';

interface GivenNamesFile {
  male: string[];
  female: string[];
  maleTitles: string[];
  femaleTitles: string[];
}

let table: { names: Map<string, Gender>; titles: Map<string, Gender> } | null = null;

function load(): NonNullable<typeof table> {
  if (table) return table;
  const f = loadJson<GivenNamesFile>('lexicon/given-names.json');
  const names = new Map<string, Gender>();
  for (const n of f.male) names.set(n, 'm');
  for (const n of f.female) names.set(n, 'f');
  const titles = new Map<string, Gender>();
  for (const t of f.maleTitles) titles.set(t, 'm');
  for (const t of f.femaleTitles) titles.set(t, 'f');
  table = { names, titles };
  return table;
}

/** The gender a given name tells ("hillary" → f), or null when unknown or used for both. */
export function givenNameGender(name: string): Gender | null {
  return load().names.get(name.toLowerCase().replace(/\./g, '')) ?? null;
}

/** The gender of a pronoun ("he" → m, "her" → f), or null. */
export function pronounGender(norm: string): Gender | null {
  if (norm === 'he' || norm === 'him' || norm === 'his' || norm === 'himself') return 'm';
  if (norm === 'she' || norm === 'her' || norm === 'hers' || norm === 'herself') return 'f';
  return null;
}

/** The gender an entity's titles or given names tell: null when unknown or contradictory. */
export function entityGender(e: EntityInfo): Gender | null {
  if (memo.has(e)) return memo.get(e) ?? null;
  const g = computeGender(e);
  memo.set(e, g);
  return g;
}

const memo = new WeakMap<EntityInfo, Gender | null>();

function computeGender(e: EntityInfo): Gender | null {
  const { names, titles } = load();
  const votes = new Set<Gender>();
  for (const t of e.titles) {
    const g = titles.get(t.toLowerCase().replace(/\./g, ''));
    if (g) votes.add(g);
  }
  for (const n of [e.name, ...e.aliases]) {
    const words = n.split(/\s+/);
    if (words.length < 2) continue;
    const g = names.get((words[0] as string).toLowerCase().replace(/\./g, ''));
    if (g) votes.add(g);
  }
  return votes.size === 1 ? ([...votes][0] as Gender) : null;
}

/** Whether an entity may be what a pronoun of gender `g` points to. */
export function genderAgrees(e: EntityInfo, g: Gender | null): boolean {
  if (!g) return true;
  const eg = entityGender(e);
  return eg === null || eg === g;
}
