/**
 * CPU time of decoding staged story features (`decodeFeatures` after `JSON.parse`, what
 * the assigner does for each article it stores), per article, over CROSSREAD_BENCH_MAX
 * replayed dev articles (default 3000), four rounds. A diagnostic, not a bench scenario.
 *
 *   CROSSREAD_SHARED=../shared node --import tsx bench/decode-profile.ts
 */
import { decodeFeatures, encodeFeatures, precompute, type EncodedFeatures } from '../src/stories/features.js';
import { readDevArticles, replay } from './replay.js';

const MAX = Number(process.env.CROSSREAD_BENCH_MAX ?? 3000);

function main(): void {
  const read = readDevArticles();
  if (!read) return;
  const base = read.map((r) => r.article);
  const staged = Array.from({ length: MAX }, (_, i) => JSON.stringify(encodeFeatures(precompute(replay(base[i % base.length]!, Math.floor(i / base.length), { label: 'x' })))));
  for (let round = 0; round < 4; round++) {
    const c0 = process.cpuUsage();
    let terms = 0;
    for (const s of staged) terms += decodeFeatures(JSON.parse(s) as EncodedFeatures)?.features.allTerms.size ?? 0;
    const c = process.cpuUsage(c0);
    process.stdout.write(`round ${round + 1}: ${((c.user + c.system) / 1000 / MAX).toFixed(3)} CPU-ms per article (${MAX} articles, ${terms} terms)\n`);
  }
}

main();
