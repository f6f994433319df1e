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
 * From the fifth review (issue 10): a photographer and a publication run into the lede
 * (`creditRunIn`: "William Wei, Business Insider Facebook is …"), by its own pattern; and by
 * the system's own tests (so on older code they count what the rules would have caught): a
 * headline run into the lede (`gluedTitle`: "… left alone Monkeys at …", "… suspended The
 * central town …", src/text/glued-title.ts), a noun phrase with no main verb (`noMainVerb`), a sentence of a page of teasers for other stories (`teaser`), a
 * lead holding the writer's judgement (`judgementLead`), and a surname alone that its article
 * named in full before while no summary sentence before it does (`surnameFirst`).
 * From the seventh review: a capitalised word standing alone whose full name (`namedInFull`)
 * only a later summary sentence gives, from any article (`fullNameLater`: "Rose is the first
 * Wayne State officer …" before "Officer Collin Rose, 29, …").
 *
 *   node --import tsx scripts/summary-classes.ts ../shared/data/dev/multinews-val-sample.jsonl [words] [--show]
 */
import { readDataset } from '../src/eval/dataset.js';
import { annotate } from '../src/text/nlp.js';
import { crossreadSummary } from '../src/summarize/crossread.js';
import { noMainVerb, pronounWithoutReferent, writerJudges } from '../src/summarize/readable.js';
import { bareSurnames, namedInFull } from '../src/summarize/names-first.js';
import { onTeaserPage } from '../src/text/teaser.js';
import { gluedTitleAt } from '../src/text/glued-title.js';

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
  creditRunIn: /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+, (?:\p{Lu}\S* ){0,3}(?:Insider|Times|Post|News|Journal|Herald|Tribune|Press) \p{Lu}\S* \p{Ll}/u,
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
for (const k of ['gluedTitle', 'pronounNoReferent', 'noMainVerb', 'teaser', 'judgementLead', 'surnameFirst', 'fullNameLater']) counts[k] = 0;
let n = 0;
for (const c of data.clusters) {
  const docs = c.articles.map(annotate);
  const summary = crossreadSummary(docs, { words });
  const sentencesOf = new Map(docs.map((d) => [d.article.id, d.sentences]));
  const articleOf = new Map(docs.map((d) => [d.article.id, d.article]));
  for (const [i, s] of summary.entries()) {
    n++;
    const found = Object.entries(CLASSES).filter(([, re]) => re.test(s.text.trim())).map(([k]) => k);
    if (pronounWithoutReferent(s) && !summary.some((x) => x.articleId === s.articleId && x.index === s.index - 1)) found.push('pronounNoReferent');
    if (gluedTitleAt(s.text, s.index === 0) >= 0) found.push('gluedTitle');
    if (noMainVerb(s)) found.push('noMainVerb');
    const a = articleOf.get(s.articleId);
    if (a && onTeaserPage(a, a.text)) found.push('teaser');
    if (i === 0 && summary.length > 1 && writerJudges(s.text)) found.push('judgementLead');
    const bare = bareSurnames(s, sentencesOf.get(s.articleId) ?? []);
    if (bare.some((n) => !summary.slice(0, i).some((x) => namedInFull(x).has(n)))) found.push('surnameFirst');
    // seventh review: a name standing alone whose full name only a later summary sentence gives
    // (also from another article: "Rose is …" before "Officer Collin Rose, 29, …", mnval-050).
    const own = namedInFull(s);
    const later = new Set(summary.slice(i + 1).flatMap((x) => [...namedInFull(x)]));
    const earlier = new Set(summary.slice(0, i).flatMap((x) => [...namedInFull(x)]));
    if (s.tokens.some((t, k) => t.kind === 'word' && /^\p{Lu}\p{Ll}/u.test(t.text) && later.has(t.norm) && !own.has(t.norm) && !earlier.has(t.norm) && !/^\p{Lu}/u.test(s.tokens[k + 1]?.text ?? '') && !/^\p{Lu}/u.test(s.tokens[k - 1]?.text ?? ''))) found.push('fullNameLater');
    for (const k of found) {
      counts[k] = (counts[k] ?? 0) + 1;
      if (show) process.stdout.write(`${k} | ${c.id} | ${s.text}\n`);
    }
  }
}
process.stdout.write(`${file}: ${n} summary sentences; ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
