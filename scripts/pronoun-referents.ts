/**
 * Counts crossread summary sentences holding a personal pronoun with no referent in them
 * (`pronounWithoutReferent`, src/summarize/readable.ts: "A stray bullet struck her as she
 * ran …") whose article's sentence before is not in the summary either, so the summary
 * does not say who. `--show` lists them.
 *
 *   node --import tsx scripts/pronoun-referents.ts ../shared/data/dev/multinews-val-sample.jsonl [words] [--show]
 *
 * Summaries are of `words` words (default 250, the Multi-News setting; 100 for DUC 2004).
 */
import { readDataset } from '../src/eval/dataset.js';
import { annotate } from '../src/text/nlp.js';
import { crossreadSummary } from '../src/summarize/crossread.js';
import { pronounWithoutReferent } from '../src/summarize/readable.js';

const args = process.argv.slice(2);
const show = args.includes('--show');
const [file, w] = args.filter((a) => a !== '--show');
if (!file) {
  process.stderr.write('usage: scripts/pronoun-referents.ts <dataset.jsonl> [words] [--show]\n');
  process.exit(2);
}
const words = Number(w ?? 250);
if (!Number.isFinite(words) || words <= 0) {
  process.stderr.write(`scripts/pronoun-referents.ts: words must be a positive number, got "${w}"\n`);
  process.exit(2);
}
const data = await readDataset(file);
let n = 0;
let without = 0;
for (const c of data.clusters) {
  const summary = crossreadSummary(c.articles.map(annotate), { words });
  for (const s of summary) {
    n++;
    if (!pronounWithoutReferent(s) || summary.some((x) => x.articleId === s.articleId && x.index === s.index - 1)) continue;
    without++;
    if (show) process.stdout.write(`${c.id} | ${s.text}\n`);
  }
}
process.stdout.write(`${file}: ${without} of ${n} summary sentences hold a pronoun whose referent neither they nor the sentence before in the summary name\n`);
