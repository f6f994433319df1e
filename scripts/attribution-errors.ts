/**
 * Groups the direct-quote errors of `crossread eval-attribution` into classes and counts
 * them, for study (issue 11 §1):
 *
 *   node --import tsx scripts/attribution-errors.ts <gold.jsonl> [--half even|odd] [--show CLASS] [--limit N]
 *
 * Missed gold quotes are classed by where the pipeline lost them: no quotation span over
 * them ("no-span": marks not paired, or the text cut by cleaning: "cleaned-out"), a span
 * that covers less than half ("span-mismatch"), or a span dropped by a filter (title,
 * naming word before it, heading, too long) or kept only as a fragment and left without
 * a speaker in its sentence ("fragment-no-speaker", split by length). Wrong and missing
 * speakers are classed by how the speaker was found and the kind of gold source.
 * `--show CLASS` prints the errors of one class with their context.
 */
import { readAttributionGold, type GoldArticle } from '../src/eval/attribution-gold.js';
import { alignOffsets, evaluateAttribution, type AttributionError } from '../src/eval/attribution.js';
import { articleFromRecord } from '../src/ingest/index.js';
import { annotate } from '../src/text/nlp.js';
import { analyzeQuotes } from '../src/analysis/index.js';
import { isTitleLike, MIN_QUOTE_WORDS } from '../src/analysis/quotes.js';
import { lexicon } from '../src/analysis/lexicon.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a) && args[args.indexOf(a) - 1] !== '--half' && args[args.indexOf(a) - 1] !== '--show');
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const half = opt('--half') as 'even' | 'odd' | undefined;
const show = opt('--show');
const limit = Number(opt('--limit') ?? 40);
if (!file) {
  process.stderr.write('usage: node --import tsx scripts/attribution-errors.ts <gold.jsonl> [--half even|odd] [--show CLASS] [--limit N]\n');
  process.exit(1);
}

const { articles } = await readAttributionGold(file, half ? { half } : {});
const report = evaluateAttribution(file, articles, { errors: true });
const byId = new Map<string, GoldArticle>(articles.map((a) => [a.id, a]));
const words = (s: string) => (s.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
const naming = new RegExp(`\\b(?:${lexicon().naming.map((w) => w.join(' ')).join('|')})(?: the| a| an)?\\s*$`);

/** Per article: the cleaned text, its quotation spans and the raw→clean offset map. */
const cache = new Map<string, { clean: string; spans: Array<{ start: number; end: number; open: number }>; toClean: Int32Array }>();
function analysed(g: GoldArticle) {
  let c = cache.get(g.id);
  if (c) return c;
  const { article } = articleFromRecord({ id: g.id, title: g.title, text: g.text, published: g.published, outlet: g.publisher || null }, 'x');
  const clean = article?.text ?? '';
  const detail = article ? analyzeQuotes([annotate(article)]) : null;
  const map = alignOffsets(clean, g.text);
  const toClean = new Int32Array(g.text.length + 1).fill(-1);
  map.forEach((r, i) => {
    if (r >= 0 && toClean[r] === -1) toClean[r] = i;
  });
  c = { clean, spans: detail?.spans.get(g.id) ?? [], toClean };
  cache.set(g.id, c);
  return c;
}

function missedClass(e: AttributionError): string {
  const g = byId.get(e.article) as GoldArticle;
  const { clean, spans, toClean } = analysed(g);
  const a = toClean[e.start] ?? -1;
  const b = toClean[Math.max(e.start, e.end - 1)] ?? -1;
  if (a < 0 || b < 0) return 'cleaned-out';
  const over = spans
    .map((s) => ({ s, o: Math.max(0, Math.min(s.end, b + 1) - Math.max(s.start, a)) }))
    .filter((x) => x.o > 0)
    .sort((x, y) => y.o - x.o)[0];
  if (!over) return 'no-span';
  const s = over.s;
  if (over.o < 0.5 * Math.min(s.end - s.start, b + 1 - a)) return 'span-mismatch';
  const body = clean.slice(s.start, s.end).trim();
  const n = words(body);
  if (n > 160) return 'too-long';
  if (isTitleLike(body)) return 'title';
  if (naming.test(clean.slice(Math.max(0, s.open - 30), s.open).toLowerCase())) return 'naming-before';
  if (n < MIN_QUOTE_WORDS) return `fragment-no-speaker-${n}w`;
  if (n < 6) return 'fragment-no-speaker-4-5w';
  return 'other';
}

const classes = new Map<string, AttributionError[]>();
for (const e of report.errors ?? []) {
  const k = e.kind === 'missed' ? `missed/${missedClass(e)}` : `${e.kind}/${e.how ?? 'none'}/gold-${e.goldKind}`;
  const l = classes.get(k) ?? [];
  l.push(e);
  classes.set(k, l);
}
const flat = (s: string) => s.replace(/\s+/g, ' ');
if (show) {
  const list = [...classes].filter(([k]) => k === show || k.startsWith(`${show}/`) || k.startsWith(show)).flatMap(([, l]) => l);
  for (const e of list.slice(0, limit)) {
    const t = byId.get(e.article)?.text ?? '';
    process.stdout.write(`${e.kind} ${e.article}@${e.start} gold(${e.goldKind})="${flat(e.gold)}"${e.goldName ? ` → ${e.goldName}` : ''} found=${e.found === null ? '-' : `"${e.found}" (${e.how})`}\n  ${flat(t.slice(Math.max(0, e.start - 200), e.start))}[[${flat(t.slice(e.start, Math.min(e.end, e.start + 100)))}]]${flat(t.slice(e.end, e.end + 80))}\n`);
  }
  process.stdout.write(`${list.length} error(s) in ${show}\n`);
} else {
  for (const [k, l] of [...classes].sort((x, y) => y[1].length - x[1].length)) process.stdout.write(`${String(l.length).padStart(5)}  ${k}\n`);
  const q = report.quotes;
  process.stdout.write(`recall ${q.recall.toFixed(3)}  speaker precision ${q.speakerPrecision.toFixed(3)}  coverage ${q.speakerCoverage.toFixed(3)}\n`);
}
