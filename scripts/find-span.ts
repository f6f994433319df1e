/**
 * Labelling helper: prints the character offsets (into the document text as the
 * dataset line or pile file gives it) of every match of a pattern, for writing
 * labels/briefing/*.jsonl by hand.
 *
 *   npx tsx scripts/find-span.ts ../shared/data/dev/duc2004-dev.jsonl d30001 'rejected[^.]*'
 *   npx tsx scripts/find-span.ts labels/piles/quake-magnitude - 'magnitude [0-9.]+'
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

const [src, id, pattern] = process.argv.slice(2);
if (!src || !id || !pattern) {
  process.stderr.write('usage: find-span.ts <dataset.jsonl|pile-dir> <cluster-id|-> <regex>\n');
  process.exit(2);
}
const docs: Array<{ id: string; text: string }> = [];
if (statSync(src).isDirectory()) {
  for (const f of readdirSync(src).sort()) {
    if (f.startsWith('.')) continue;
    docs.push({ id: basename(f, extname(f)), text: readFileSync(join(src, f), 'utf8') });
  }
} else {
  for (const l of readFileSync(src, 'utf8').split('\n')) {
    if (!l.includes(`"${id}"`)) continue;
    const rec = JSON.parse(l) as { id: string; documents: Array<{ id: string; text: string }> };
    if (rec.id === id) docs.push(...rec.documents);
  }
}
const re = new RegExp(pattern, 'gi');
for (const d of docs) {
  for (const m of d.text.matchAll(re)) {
    const start = m.index ?? 0;
    process.stdout.write(`${d.id}\t${start}\t${start + m[0].length}\t${m[0].replace(/\s+/g, ' ').slice(0, 160)}\n`);
  }
}
