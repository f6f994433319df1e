/**
 * Entity metrics against gold mention labels (./entities-labels.ts), on the documents
 * that carry labels (each labelled exhaustively):
 *
 * - a system mention is *matched* to the gold mention with the same span, else to the
 *   gold mention it overlaps most; one matched to a `none` label or to nothing is a
 *   noise mention;
 * - **noise share**: system entities (with a mention in a labelled document) all of
 *   whose labelled-document mentions are noise, over all such system entities;
 * - **type accuracy**: among the other system entities, the share whose type equals
 *   the gold type of their matched mentions (the majority one);
 * - **merge precision**: pairs of matched mentions that the system put in one entity
 *   whose gold entity keys are equal, over all such pairs; also over pairs of distinct
 *   surface forms (alias pairs), which identical repetitions do not inflate;
 * - **merge recall**: pairs of matched mentions with one gold key that the system put
 *   in one entity, over all such pairs;
 * - **detection recall**: gold entities (not `none`) with at least one mention matched.
 */
import type { GoldType } from './entities-labels.js';

export interface GoldMention {
  doc: string;
  start: number;
  end: number;
  type: GoldType;
  /** Gold entity key, unique across clusters (cluster-qualified); null for `none`. */
  entity: string | null;
}

export interface SystemMention {
  doc: string;
  start: number;
  end: number;
  /** System entity id, unique across clusters. */
  entity: string;
  type: string;
  /** The mention as written (for error listings). */
  text: string;
}

export interface EntityErrorType {
  name: string;
  system: string;
  gold: GoldType;
}

export interface EntityScores {
  goldMentions: number;
  goldEntities: number;
  systemMentions: number;
  systemEntities: number;
  exactSpan: number;
  noiseMentions: number;
  noiseEntities: number;
  noiseShare: number;
  typed: number;
  typeCorrect: number;
  typeAccuracy: number;
  mergePairs: number;
  mergePairsCorrect: number;
  mergePrecision: number;
  aliasPairs: number;
  aliasPairsCorrect: number;
  aliasPrecision: number;
  goldPairs: number;
  goldPairsJoined: number;
  mergeRecall: number;
  detected: number;
  detectionRecall: number;
  typeConfusion: Record<string, Record<string, number>>;
  errors: {
    types: EntityErrorType[];
    noise: string[];
    merges: Array<{ a: string; b: string }>;
    /** Names of system entities that gold says are one entity (missed merges). */
    splits: Array<{ a: string; b: string }>;
  };
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

function majority<T>(xs: T[]): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let n = 0;
  for (const x of xs) {
    const c = (counts.get(x) ?? 0) + 1;
    counts.set(x, c);
    if (c > n) {
      n = c;
      best = x;
    }
  }
  return best;
}

const surfaceKey = (t: string): string => t.replace(/\s+/g, ' ').replace(/[’‘]/g, "'").toLowerCase();

/** Scores system mentions against gold mentions; only documents with gold labels count. */
export function scoreEntities(gold: GoldMention[], system: SystemMention[]): EntityScores {
  const goldByDoc = new Map<string, GoldMention[]>();
  for (const g of gold) {
    const l = goldByDoc.get(g.doc);
    if (l) l.push(g);
    else goldByDoc.set(g.doc, [g]);
  }
  const sys = system.filter((m) => goldByDoc.has(m.doc));
  const match = new Map<SystemMention, GoldMention | null>();
  let exactSpan = 0;
  for (const m of sys) {
    let best: GoldMention | null = null;
    let overlap = 0;
    for (const g of goldByDoc.get(m.doc) as GoldMention[]) {
      if (g.start === m.start && g.end === m.end) {
        best = g;
        overlap = Infinity;
        break;
      }
      const o = Math.min(g.end, m.end) - Math.max(g.start, m.start);
      if (o > overlap) {
        overlap = o;
        best = g;
      }
    }
    if (best && overlap === Infinity) exactSpan++;
    match.set(m, best && best.type !== 'none' ? best : null);
  }
  const byEntity = new Map<string, SystemMention[]>();
  for (const m of sys) {
    const l = byEntity.get(m.entity);
    if (l) l.push(m);
    else byEntity.set(m.entity, [m]);
  }
  let noiseEntities = 0;
  let typed = 0;
  let typeCorrect = 0;
  let mergePairs = 0;
  let mergePairsCorrect = 0;
  let aliasPairs = 0;
  let aliasPairsCorrect = 0;
  const confusion: Record<string, Record<string, number>> = {};
  const errors: EntityScores['errors'] = { types: [], noise: [], merges: [], splits: [] };
  const nameOf = new Map<string, string>();
  for (const ms of byEntity.values()) {
    const matched = ms.filter((m) => match.get(m));
    const name = majority(ms.map((m) => m.text)) ?? '';
    nameOf.set(ms[0]!.entity, name);
    if (!matched.length) {
      noiseEntities++;
      errors.noise.push(name);
      continue;
    }
    const goldType = majority(matched.map((m) => (match.get(m) as GoldMention).type)) as GoldType;
    const sysType = ms[0]!.type;
    typed++;
    (confusion[goldType] ??= {})[sysType] = (confusion[goldType]?.[sysType] ?? 0) + 1;
    if (sysType === goldType) typeCorrect++;
    else errors.types.push({ name, system: sysType, gold: goldType });
    for (let i = 0; i < matched.length; i++)
      for (let j = i + 1; j < matched.length; j++) {
        mergePairs++;
        if ((match.get(matched[i]!) as GoldMention).entity === (match.get(matched[j]!) as GoldMention).entity) mergePairsCorrect++;
      }
    const surfaces = new Map<string, string[]>();
    for (const m of matched) {
      const k = surfaceKey(m.text);
      const l = surfaces.get(k) ?? [];
      l.push((match.get(m) as GoldMention).entity as string);
      surfaces.set(k, l);
    }
    const keys = [...surfaces].map(([s, ks]) => [s, majority(ks) as string] as const);
    for (let i = 0; i < keys.length; i++)
      for (let j = i + 1; j < keys.length; j++) {
        aliasPairs++;
        if (keys[i]![1] === keys[j]![1]) aliasPairsCorrect++;
        else errors.merges.push({ a: keys[i]![0], b: keys[j]![0] });
      }
  }
  // Merge recall over gold pairs whose both mentions the system found.
  const sysOfGold = new Map<GoldMention, string>();
  for (const m of sys) {
    const g = match.get(m);
    if (g && !sysOfGold.has(g)) sysOfGold.set(g, m.entity);
  }
  const goldByKey = new Map<string, GoldMention[]>();
  for (const g of gold) if (g.entity) goldByKey.set(g.entity, [...(goldByKey.get(g.entity) ?? []), g]);
  let goldPairs = 0;
  let goldPairsJoined = 0;
  let detected = 0;
  for (const gs of goldByKey.values()) {
    const found = gs.filter((g) => sysOfGold.has(g));
    if (found.length) detected++;
    const parts = [...new Set(found.map((g) => sysOfGold.get(g) as string))];
    for (let i = 1; i < parts.length; i++) errors.splits.push({ a: nameOf.get(parts[0]!) ?? '', b: nameOf.get(parts[i]!) ?? '' });
    for (let i = 0; i < found.length; i++)
      for (let j = i + 1; j < found.length; j++) {
        goldPairs++;
        if (sysOfGold.get(found[i]!) === sysOfGold.get(found[j]!)) goldPairsJoined++;
      }
  }
  const systemEntities = byEntity.size;
  return {
    goldMentions: gold.filter((g) => g.type !== 'none').length,
    goldEntities: goldByKey.size,
    systemMentions: sys.length,
    systemEntities,
    exactSpan,
    noiseMentions: sys.filter((m) => !match.get(m)).length,
    noiseEntities,
    noiseShare: systemEntities ? noiseEntities / systemEntities : 0,
    typed,
    typeCorrect,
    typeAccuracy: ratio(typeCorrect, typed),
    mergePairs,
    mergePairsCorrect,
    mergePrecision: ratio(mergePairsCorrect, mergePairs),
    aliasPairs,
    aliasPairsCorrect,
    aliasPrecision: ratio(aliasPairsCorrect, aliasPairs),
    goldPairs,
    goldPairsJoined,
    mergeRecall: ratio(goldPairsJoined, goldPairs),
    detected,
    detectionRecall: ratio(detected, goldByKey.size),
    typeConfusion: confusion,
    errors,
  };
}
