/**
 * Timing of the O(size²) re-grouping checks of large stories (src/stories/resplit.ts),
 * the part of story assignment that grew with the corpus in the 50k ingest bench (a
 * loosely joined story of several hundred members is re-examined each time it grows by
 * a quarter). Stories of n members are built from the dev articles (Multi-News sample,
 * WikiRef220, DUC 2004, in file order, interned and weighted by one vocabulary over all
 * of them), and each check is timed on them: `splitIncoherent` (pairwise cosines, then
 * average-link grouping at `splitCohesion`) and `splitStory` (n ≤ splitMaxSize). Prints
 * ms per call (median of the repeats) and a digest of the groups found, so that two
 * versions of the code can be compared on the same input.
 *
 *   CROSSREAD_SHARED=../shared node --import tsx bench/resplit-timing.ts [repeats]
 */
import { createHash } from 'node:crypto';
import { extractFeatures } from '../src/stories/features.js';
import { DEFAULT_CLUSTER_OPTIONS } from '../src/stories/options.js';
import { splitIncoherent, splitStory } from '../src/stories/resplit.js';
import { Vocabulary } from '../src/stories/vocabulary.js';
import { readDevArticles } from './replay.js';
import { median, table } from './util.js';

const SIZES = [40, 80, 200, 400, 700, 1000];

function main(): void {
  const dev = readDevArticles();
  if (!dev) return;
  const repeats = Number(process.argv[2] ?? 5);
  const o = DEFAULT_CLUSTER_OPTIONS;
  const vocab = new Vocabulary(o.backgroundDocs);
  const docs = dev.map(({ article }) => {
    const f = extractFeatures(article);
    return vocab.selectInterned(vocab.observeInterned(f), f);
  });
  const rows: Array<Array<string | number>> = [['members', 'splitIncoherent ms', 'parts', 'splitStory ms', 'parts']];
  const digest = createHash('sha256');
  for (const n of SIZES.filter((s) => s <= docs.length)) {
    const members = docs.slice(0, n);
    const inc: number[] = [];
    const whole: number[] = [];
    let incParts: number[][] | null = null;
    let wholeParts: number[][] | null = null;
    for (let r = 0; r < repeats; r++) {
      let t = process.hrtime.bigint();
      incParts = splitIncoherent(members, vocab, o.splitCohesion);
      inc.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (n <= o.splitMaxSize) {
        t = process.hrtime.bigint();
        wholeParts = splitStory(members, vocab, o);
        whole.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }
    digest.update(JSON.stringify([n, incParts, wholeParts]));
    rows.push([n, median(inc), incParts ? incParts.length : 1, whole.length ? median(whole) : '-', whole.length ? (wholeParts ? wholeParts.length : 1) : '-']);
  }
  process.stdout.write(`${docs.length} dev articles; stories of the first n; median of ${repeats} calls\n`);
  process.stdout.write(table(rows));
  process.stdout.write(`groups digest ${digest.digest('hex').slice(0, 16)}\n`);
}

main();
