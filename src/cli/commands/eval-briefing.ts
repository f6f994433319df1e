/**
 * `crossread eval-briefing <labelled.jsonl…> [--json] [--data-dir DIR]`: brief each
 * labelled cluster and score figure disagreements and disputes (precision/recall),
 * lineages (pairwise), headlines (accuracy) and citations (summary sentences citing
 * an article that lacks or contradicts their figures).
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { printDiagnostics, progressReporter, writeOutput } from '../util.js';

interface EvalBriefingCliOptions {
  json?: boolean;
  dataDir?: string;
  verbose?: boolean;
  quiet?: boolean;
}

export function evalBriefingCommand(ctx: CliContext): Command {
  return new Command('eval-briefing')
    .description('brief hand-labelled clusters and score disagreements, disputes, lineages, headlines and citations')
    .argument('<files...>', 'JSON Lines label files (lines with the same id are merged)')
    .option('--data-dir <dir>', 'folder of the dataset files named by "source.file" (default ../shared/data/dev or $CROSSREAD_SHARED/data/dev)')
    .option('--json', 'print the results as JSON')
    .option('-v, --verbose', 'list every predicted and missed item per cluster')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (files: string[], o: EvalBriefingCliOptions) => {
      const { readLabels } = await import('../../eval/briefing-labels.js');
      const { evaluateBriefings } = await import('../../eval/briefing.js');
      const { clusters, diagnostics } = await readLabels(files);
      const progress = o.quiet ? undefined : progressReporter(ctx);
      const r = await evaluateBriefings(files, clusters, {
        ...(o.dataDir ? { dataDir: o.dataDir } : {}),
        ...(progress ? { onProgress: (done: number, total: number) => progress({ stage: 'brief', done, total }) } : {}),
      });
      progress?.({ stage: 'brief', done: 1, total: 1, final: true });
      printDiagnostics(ctx, [...diagnostics, ...r.diagnostics]);
      if (o.json) {
        await writeOutput(ctx, undefined, JSON.stringify({ ...r, diagnostics: [...diagnostics, ...r.diagnostics] }, null, 2));
        return;
      }
      const f = (x: number): string => x.toFixed(3);
      const row = (name: string, s: { precision: number; recall: number; predicted: number; gold: number; truePositives: number; found: number }): string =>
        `${name.padEnd(12)} P ${f(s.precision)} (${s.truePositives}/${s.predicted})  R ${f(s.recall)} (${s.found}/${s.gold})`;
      const lines = [
        `${files.join(', ')}: ${r.clusters} clusters briefed`,
        `${row('figures', r.figures)}  kind right ${r.figures.kindCorrect}/${r.figures.truePositives}, conflict recall ${f(r.figures.conflictRecall)}`,
        row('disputes', r.disputes),
        row('lineages', r.lineages) + '  (article pairs)',
        `${'headline'.padEnd(12)} ${f(r.headline.accuracy)} (${r.headline.right}/${r.headline.labelled})`,
        `${'citations'.padEnd(12)} ${r.citations.unsupportedSentences} of ${r.citations.sentencesWithFigures} summary sentences with figures cite an article that lacks or contradicts them (${r.citations.citationsChecked} citations checked)`,
        `${''.padEnd(12)} ${r.citations.unstatedSentences} of ${r.citations.sentences} summary sentences cite an article whose sentence holds under a quarter of their words beyond names and figures (${r.citations.contentChecked} citations checked; a list to read: paraphrases count too)`,
      ];
      for (const p of r.citations.problems) {
        if (p.problem === 'unstated') lines.push(`  unstated ${p.articleId} (${p.figure}): "${p.other ?? ''}" — ${p.text}`);
        else lines.push(`  ${p.problem} ${p.articleId}: "${p.figure}"${p.other ? ` vs "${p.other}"` : ''} — ${p.text}`);
      }
      if (o.verbose) {
        for (const c of r.perCluster) {
          const items: string[] = [];
          for (const p of c.figures?.predicted ?? []) items.push(`  figure ${p.match !== null ? 'ok' : 'FP'} [${p.kind}] ${p.subject}${p.match ? ` = ${p.match}` : ''}`);
          for (const m of c.figures?.missed ?? []) items.push(`  figure missed ${m}`);
          for (const p of c.disputes?.predicted ?? []) items.push(`  dispute ${p.match ? 'ok' : 'FP'} ${p.subject}`);
          for (const m of c.disputes?.missed ?? []) items.push(`  dispute missed ${m}`);
          if (c.headline && !c.headline.right) items.push(`  headline wrong: "${c.headline.predicted}"`);
          if (items.length) lines.push(`${c.id}:`, ...items);
        }
      }
      await writeOutput(ctx, undefined, lines.join('\n'));
    });
}
