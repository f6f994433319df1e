/** `crossread eval-attribution <file.jsonl> [--split S] [--json]`: score quote speakers against gold attributions. */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { progressReporter, writeOutput } from '../util.js';

interface EvalAttributionCliOptions {
  split?: string;
  json?: boolean;
  quiet?: boolean;
}

export function evalAttributionCommand(ctx: CliContext): Command {
  return new Command('eval-attribution')
    .description('run the quote and attribution analysis of `brief` on each article and score direct quotes and their speakers against gold attributions')
    .argument('<file>', 'JSONL: {"id","publisher","split","text","attributions":[{"source","cue","content"}]} per line (PolNeAR)')
    .option('--split <name>', 'score only the articles of this split (e.g. train, dev)')
    .option('--json', 'print the results as JSON')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (file: string, o: EvalAttributionCliOptions) => {
      const { readAttributionGold } = await import('../../eval/attribution-gold.js');
      const { evaluateAttribution } = await import('../../eval/attribution.js');
      const { articles, diagnostics } = await readAttributionGold(file, o.split ? { split: o.split } : {});
      for (const d of diagnostics.slice(0, 5)) ctx.stderr.write(`${d.level}: ${d.message}\n`);
      if (diagnostics.length > 5) ctx.stderr.write(`… and ${diagnostics.length - 5} more such lines\n`);
      if (!articles.length) {
        ctx.stderr.write(`error: ${file}: no article${o.split ? ` of split "${o.split}"` : ''} to score\n`);
        ctx.exitCode = 1;
        return;
      }
      const progress = o.quiet ? undefined : progressReporter(ctx);
      const r = evaluateAttribution(file, articles, { split: o.split ?? null, ...(progress ? { onProgress: progress } : {}) });
      progress?.({ stage: 'attribution', done: 1, total: 1, final: true });
      if (!o.quiet) ctx.stderr.write(`${r.articles} articles scored in ${r.seconds.toFixed(1)} s${r.refused ? ` (${r.refused} refused by ingest)` : ''}\n`);
      if (o.json) {
        await writeOutput(ctx, undefined, JSON.stringify({ ...r, diagnostics: r.diagnostics.length }, null, 2));
        return;
      }
      const f = (x: number): string => x.toFixed(3);
      // (Found quotations are not counted per kind of gold source: that row shows "-".)
      const row = (name: string, s: { gold: number; found: number; recall: number; speakerPrecision: number; speakerCoverage: number }, found = String(s.found)) =>
        `${name.padEnd(18)} ${String(s.gold).padStart(6)} ${found.padStart(6)}  ${f(s.recall)}   ${f(s.speakerPrecision)}    ${f(s.speakerCoverage)}`;
      const head = `${''.padEnd(18)} ${'gold'.padStart(6)} ${'found'.padStart(6)}  recall  spk-prec  spk-cover`;
      const lines = [
        `${file}: ${r.articles} articles${r.split ? ` (split ${r.split})` : ''}`,
        '',
        `direct quotes`,
        head,
        row('all', r.quotes),
        ...Object.entries(r.quotes.bySource).map(([k, s]) => row(`  gold ${k}`, s, '-')),
        ...Object.entries(r.publishers).map(([k, p]) => row(k, p.quotes)),
        '',
        `claims (reported speech without quotation marks)`,
        head,
        row('all', r.claims),
        ...Object.entries(r.publishers).map(([k, p]) => row(k, p.claims)),
      ];
      await writeOutput(ctx, undefined, lines.join('\n'));
    });
}
