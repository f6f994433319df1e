/**
 * Compares ways of typing entities on the hand labels (labels/entities-dev.jsonl): crossread's
 * typing, the same without the general name lexicon (data/lexicon/known-names.json), the parser
 * of `compromise` (npm; people/places/organizations) alone, and crossread with compromise's
 * parser for the entities it leaves untyped. Also the parser's speed. Mentions and merges are
 * crossread's in every row; only the types differ. compromise is not a dependency: install it
 * somewhere and pass its folder.
 *
 *   npm install --prefix /tmp/cmp compromise@14
 *   node --import tsx scripts/compare-entity-typers.ts /tmp/cmp/node_modules/compromise [labels.jsonl] [data dir]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseClusterLine } from '../src/eval/dataset.js';
import { annotate } from '../src/text/nlp.js';
import { analyzeStoryDetailed } from '../src/analysis/index.js';
import { OffsetMap } from '../src/eval/entities-align.js';
import { knownNames } from '../src/analysis/known-names.js';
import { parseLabelLine, type EntityLabel } from '../src/eval/entities-labels.js';
import { scoreEntities, type GoldMention, type SystemMention } from '../src/eval/entity-metrics.js';
const [cmpDir, labelsPath = 'labels/entities-dev.jsonl', dataDir = resolve(process.env.CROSSREAD_SHARED ?? '../shared', 'data', 'dev')] = process.argv.slice(2);
if (!cmpDir) throw new Error('usage: compare-entity-typers.ts <compromise folder> [labels.jsonl] [data dir]');
const require = createRequire(join(resolve(cmpDir), 'package.json'));
interface Selection {
  json(o: { offset: true }): Array<{ offset: { start: number; length: number } }>;
}
type Parsed = Record<'people' | 'places' | 'organizations', () => Selection>;
const loaded = require(resolve(cmpDir)) as ((text: string) => Parsed) | { default: (text: string) => Parsed };
const nlp = typeof loaded === 'function' ? loaded : loaded.default;
const labels = readFileSync(labelsPath, 'utf8').trim().split('\n')
  .map((l, i) => parseLabelLine(l, labelsPath, i + 1).label)
  .filter((l): l is EntityLabel => l !== null);
const gold: GoldMention[] = [];
const sysA: SystemMention[] = [];
const sysB: SystemMention[] = [];
const sysO: SystemMention[] = [];
const sysN: SystemMention[] = [];
const byCluster = new Map<string, EntityLabel[]>();
for (const l of labels) byCluster.set(`${l.dataset}|${l.cluster}`, [...(byCluster.get(`${l.dataset}|${l.cluster}`) ?? []), l]);
let tParse = 0;
let words = 0;
for (const [k, ls] of byCluster) {
  const [ds, cid] = k.split('|') as [string, string];
  const lines = readFileSync(join(dataDir, ds), 'utf8').split('\n');
  const idx = lines.findIndex((l) => l.includes(`"id": "${cid}"`));
  const rec = JSON.parse(lines[idx]!) as { documents: Array<{ id: string | number; text: string }> };
  const raw = new Map<string, string>(rec.documents.map((d) => [String(d.id), d.text]));
  const q = (d: string) => `${ds}/${cid}/${d}`;
  const docsL = new Set(ls.map((l) => l.doc));
  for (const l of ls) gold.push({ doc: q(l.doc), start: l.start, end: l.end, type: l.type, entity: l.entity ? `${cid}/${l.entity}` : null });
  const { cluster } = parseClusterLine(lines[idx]!, ds, idx + 1);
  const docs = cluster!.articles.map(annotate);
  const { detail } = analyzeStoryDetailed(docs);
  // The same without the general name lexicon (its sets emptied for one run, then restored).
  const kn = knownNames();
  const saved = [kn.firstNames, kn.places, kn.organizations, kn.persons].map((x) => new Set(x));
  [kn.firstNames, kn.places, kn.organizations, kn.persons].forEach((x) => x.clear());
  const plain = analyzeStoryDetailed(docs).detail;
  [kn.firstNames, kn.places, kn.organizations, kn.persons].forEach((x, i) => saved[i]!.forEach((w) => x.add(w)));
  for (const e of plain.index.entities)
    for (const m of e.mentions) {
      if (!docsL.has(m.articleId)) continue;
      const s = new OffsetMap(docs.find((x) => x.article.id === m.articleId)!.article.text, raw.get(m.articleId)!).span(m.start, m.end);
      if (s) sysN.push({ doc: q(m.articleId), start: s[0], end: s[1], entity: `${cid}/${e.id}`, type: e.type, text: m.text });
    }
  // compromise spans per labelled doc (raw text)
  const cspans = new Map<string, Array<[number, number, string]>>();
  for (const d of docsL) {
    const t0 = performance.now();
    const doc = nlp(raw.get(d) ?? '');
    const out: Array<[number, number, string]> = [];
    for (const [sel, type] of [['people', 'person'], ['places', 'place'], ['organizations', 'organization']] as const) {
      for (const j of doc[sel]().json({ offset: true })) out.push([j.offset.start, j.offset.start + j.offset.length, type]);
    }
    tParse += performance.now() - t0; words += raw.get(d)!.split(/\s+/).length;
    cspans.set(d, out);
  }
  for (const e of detail.index.entities) {
    const ms: Array<{ d: string; a: number; b: number; text: string }> = [];
    for (const m of e.mentions) {
      if (!docsL.has(m.articleId)) continue;
      const map = new OffsetMap(docs.find((x) => x.article.id === m.articleId)!.article.text, raw.get(m.articleId)!);
      const s = map.span(m.start, m.end); if (!s) continue;
      ms.push({ d: m.articleId, a: s[0], b: s[1], text: m.text });
    }
    if (!ms.length) continue;
    const votes = new Map<string, number>();
    for (const m of ms) for (const [a, b, t] of cspans.get(m.d) ?? []) if (Math.min(b, m.b) > Math.max(a, m.a)) votes.set(t, (votes.get(t) ?? 0) + 1);
    const ctype = [...votes].sort((x, y) => y[1] - x[1])[0]?.[0] ?? 'other';
    for (const m of ms) {
      const base = { doc: q(m.d), start: m.a, end: m.b, entity: `${cid}/${e.id}`, text: m.text };
      sysO.push({ ...base, type: e.type });
      sysA.push({ ...base, type: ctype });
      sysB.push({ ...base, type: e.type === 'other' ? ctype : e.type });
    }
  }
}
for (const [n, s] of [['crossread', sysO], ['crossread without known-names.json', sysN], ['compromise parser only', sysA], ['crossread, compromise parser for untyped', sysB]] as const) {
  const r = scoreEntities(gold, s as SystemMention[]);
  console.log(`${n}: type accuracy ${r.typeAccuracy.toFixed(3)} (${r.typeCorrect}/${r.typed})`);
}
console.log(`compromise parse: ${(words / (tParse / 1000)).toFixed(0)} words/s`);
