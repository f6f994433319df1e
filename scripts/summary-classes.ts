/**
 * Counts crossread summary sentences of the kinds issue 10's third held-out review found
 * (each read by its own pattern, independent of the rules in src/summarize/readable.ts, so
 * the count means the same on older code): sentences in capitals, ending on an ellipsis,
 * two sentences glued without a space, the rest of a sentence cut after its subject's
 * name ("King Features, was …"), a capitals dateline glued to the lead ("DUBAI A …"),
 * pointers to media or other text ("Watch …", "see this article", "clip above"), captions
 * naming people ", from left,"; and, from the fourth review, openings that sum up or pick one
 * of things named before ("All things considered, …", "In one case, …", "Not only …") and
 * a wide crawl's or a transcript's notice. Also counted (`pronounNoReferent`): sentences
 * holding a personal pronoun with no referent in them (`pronounWithoutReferent`,
 * src/summarize/readable.ts: "A stray bullet struck her as she ran …") whose article's
 * sentence before is not in the summary either, so the summary does not say who (that
 * one is the system's own test, so on older code it counts what the rule would have
 * caught). `--show` lists them.
 *
 *   node --import tsx scripts/summary-classes.ts ../shared/data/dev/multinews-val-sample.jsonl [words] [--show]
 */
import { readDataset } from '../src/eval/dataset.js';
import { annotate } from '../src/text/nlp.js';
import { crossreadSummary } from '../src/summarize/crossread.js';
import { pronounWithoutReferent } from '../src/summarize/readable.js';

const CLASSES: Record<string, RegExp> = {
  capitals: /^[^\p{Ll}]*$/u,
  ellipsisEnd: /(?:\.\.\.|…)["”’]?$/u,
  glued: /\p{Ll}{2}[.!?]["”’]?["“]?(?!(?:Com|Net|Org)\b)\p{Lu}\p{Ll}/u,
  cutAfterName: /^(?:\p{Lu}[\p{L}'’.&-]*\s+){0,3}\p{Lu}[\p{L}'’.&-]*,\s+(?:was|were|is|are|has|have|had|will|would)\s/u,
  capsDateline: /^\p{Lu}{2,}(?:[ -]\p{Lu}{2,}){0,3},?\s+(?:A|An|The)\s+[\p{L}\p{N}]/u,
  pointer: /^(?:watch|listen to)\s+(?!out\b|for\b)|\bsee (?:this|the following|our|the full) (?:article|story|post|page|guide|report)\b|\b(?:clip|footage) (?:shown |seen |featured )?(?:here|above|below)\b/iu,
  fromLeft: /,\s*(?:from left|left to right|from right|right to left)\s*,/iu,
  // fourth review: an opening that sums up or picks one of things named before; archive and transcript notices
  summingOpener: /^(?:all things considered|in (?:one|another) (?:case|instance)|in (?:both|either) cases?|not only (?:is|was|are|were|do|does|did|has|have|had|will|would|can|could) (?:it|he|she|they|this|that|these|those))\b/iu,
  comparesWithNothing: /^(?:unlike|like|as with|compared (?:to|with))\b[^,]{1,80},\s*there\s+(?:is|are|was|were|has been|have been|will be)\b/iu,
  notice: /\btranscripts are created on a rush deadline\b|\bcrawl (?:start|end) date\b|\bwide crawl with initial seedlist\b|\bthis set of crawl data\b|\bscope of the crawl\b/iu,
};

const args = process.argv.slice(2);
const show = args.includes('--show');
const [file, w] = args.filter((a) => a !== '--show');
if (!file) {
  process.stderr.write('usage: scripts/summary-classes.ts <dataset.jsonl> [words] [--show]\n');
  process.exit(2);
}
const words = Number(w ?? 250);
if (!Number.isFinite(words) || words <= 0) {
  process.stderr.write(`scripts/summary-classes.ts: words must be a positive number, got "${w}"\n`);
  process.exit(2);
}
const data = await readDataset(file);
const counts = Object.fromEntries(Object.keys(CLASSES).map((k) => [k, 0])) as Record<string, number>;
counts.pronounNoReferent = 0;
let n = 0;
for (const c of data.clusters) {
  const summary = crossreadSummary(c.articles.map(annotate), { words });
  for (const s of summary) {
    n++;
    const found = Object.entries(CLASSES).filter(([, re]) => re.test(s.text.trim())).map(([k]) => k);
    if (pronounWithoutReferent(s) && !summary.some((x) => x.articleId === s.articleId && x.index === s.index - 1)) found.push('pronounNoReferent');
    for (const k of found) {
      counts[k] = (counts[k] ?? 0) + 1;
      if (show) process.stdout.write(`${k} | ${c.id} | ${s.text}\n`);
    }
  }
}
process.stdout.write(`${file}: ${n} summary sentences; ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
