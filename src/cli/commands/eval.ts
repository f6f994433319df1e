/**
 * `crossread eval <dataset.jsonl>`: runs summarizers over every cluster of a
 * dataset and prints ROUGE-1, -2, -L, -SU4 (R, P, F) with 95% bootstrap intervals,
 * time and clusters per second; the dataset's anchors are scored in the same run.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CliContext } from '../context.js';
import { parsePositiveInt, printDiagnostics, progressReporter, writeOutput } from '../util.js';
import { CrossreadError, message } from '../../errors.js';

interface EvalCliOptions {
  system?: string[];
  setting?: 'duc2004' | 'multinews';
  wide?: boolean;
  words?: number;
  limit?: number;
  json?: boolean;
  anchors: boolean;
  seed?: number;
  out?: string;
  quiet?: boolean;
}

function parseSystems(value: string): string[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError(`"${value}" names no system.`);
  return names;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new InvalidArgumentError(`"${value}" is not a whole number from 0 to 4294967295.`);
  return n;
}

export function evalCommand(ctx: CliContext): Command {
  return new Command('eval')
    .description('score summarizers with ROUGE (ROUGE-1.5.5 semantics) on a dataset of clusters, with the dataset\'s anchor systems')
    .argument('<dataset>', 'JSON Lines file: {"id", "documents": [{"id", "text"}], "references": [...], "anchors"?: {...}} per line')
    .option('--system <names>', 'comma-separated systems (default: crossread and every baseline)', parseSystems)
    .addOption(new Option('--setting <setting>', 'evaluation setting (default: from the dataset: a "setting" field, the file name or the cluster ids)').choices(['duc2004', 'multinews']))
    .option('-w, --words <n>', 'summary length in words (duc2004: 100; multinews: 250)', parsePositiveInt)
    .option('--limit <n>', 'evaluate only the first N clusters', parsePositiveInt)
    .option('--json', 'machine-readable JSON on stdout')
    .option('--wide', 'every metric as R, P, F and interval (the default table shows the headline figure of each, within 120 columns)')
    .option('--no-anchors', "do not score the dataset's anchors")
    .option('--seed <n>', 'seed of the random baseline (default 1)', parseSeed)
    .option('-o, --out <file>', 'write the table or JSON to a file instead of stdout')
    .option('-q, --quiet', 'no progress or warnings on stderr')
    .action(async (dataset: string, o: EvalCliOptions) => {
      const { SUMMARIZER_NAMES, isSummarizerName } = await import('../../summarize/systems.js');
      const { evaluate } = await import('../../eval/run.js');
      const { formatEvalTable, evalJson } = await import('../../eval/table.js');
      const systems = o.system ?? SUMMARIZER_NAMES;
      const unknown = systems.filter((s) => !isSummarizerName(s));
      if (unknown.length) {
        throw CrossreadError.of('USAGE', `unknown system ${unknown.map((s) => `"${s}"`).join(', ')}; choose from ${SUMMARIZER_NAMES.join(', ')}`);
      }
      let setting = o.setting;
      if (!setting) {
        const { inferSetting } = await import('../../eval/setting.js');
        const inferred = await inferSetting(dataset);
        if (inferred && inferred.setting === null) throw new CrossreadError('EVAL_SETTING_UNKNOWN', message('EVAL_SETTING_UNKNOWN', dataset, inferred.reason), 2);
        setting = inferred?.setting ?? 'duc2004'; // unreadable: evaluate() reports the file
        if (inferred && !o.quiet) ctx.stderr.write(`setting ${setting} (from the dataset's ${inferred.from})\n`);
      }
      const progress = o.quiet ? undefined : progressReporter(ctx);
      const report = await evaluate(dataset, {
        setting,
        words: o.words,
        limit: o.limit,
        systems: systems.filter(isSummarizerName),
        anchors: o.anchors,
        seed: o.seed,
        onProgress: progress,
      });
      progress?.({ stage: 'eval', done: 1, total: 1, final: true });
      if (!o.quiet) printDiagnostics(ctx, report.diagnostics);
      await writeOutput(ctx, o.out, o.json ? evalJson(report) : formatEvalTable(report, { wide: Boolean(o.wide) }));
      ctx.exitCode = report.clusters === 0 ? 1 : report.diagnostics.some((d) => d.level === 'error') ? 3 : 0;
    });
}
