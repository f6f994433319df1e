/**
 * Regenerates the ingest golden files: `npx tsx scripts/regen-golden.ts`.
 *
 *   test/golden/ingest/<id>.json       the five example articles (examples/syria-2017)
 *   test/golden/ingest/html/<id>.json  the constructed HTML pages (test/fixtures/ingest/*.html)
 *
 * Each file holds what ingest makes of one input: metadata, the cleaned text, every
 * removal and the diagnostics. test/ingest/golden.test.ts compares against them.
 * Inspect the diff by eye before committing: a golden file must be right, not just stable.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goldenOf, GOLDEN_CASES } from '../test/ingest/golden-cases.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(repo);
let n = 0;
for (const c of GOLDEN_CASES()) {
  const g = await goldenOf(c.input);
  mkdirSync(dirname(c.golden), { recursive: true });
  writeFileSync(c.golden, `${JSON.stringify(g, null, 2)}\n`);
  process.stderr.write(`wrote ${relative(repo, c.golden)}\n`);
  n++;
}
process.stderr.write(`${n} golden files (${readdirSync('test/golden/ingest').length} entries in test/golden/ingest)\n`);
