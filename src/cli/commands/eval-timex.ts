/** `crossread eval-timex <file.jsonl> [--json] [--errors]`: score the date resolver against gold TIMEX3 annotations. */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { printDiagnostics, progressReporter, writeOutput } from '../util.js';

interface EvalTimexCliOptions {
  json?: boolean;
  errors?: boolean;
  quiet?: boolean;
}

export function evalTimexCommand(ctx: CliContext): Command {
  return new Command('eval-timex')
    .description("run the timeline's date resolver over documents with gold TIMEX3 annotations and score DATE and TIME expressions (extent overlap, value)")
    .argument('<file>', 'JSONL: {"id","dct","text","timexes":[{"start","end","text","type","value"}]} per line')
    .option('--json', 'print the results as JSON')
    .option('--errors', 'list every missed, spurious and wrongly valued expression')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (file: string, o: EvalTimexCliOptions) => {
      const { readTimexFile, evaluateTimex } = await import('../../eval/timex.js');
      const { docs, diagnostics } = await readTimexFile(file);
      printDiagnostics(ctx, diagnostics);
      const progress = o.quiet ? undefined : progressReporter(ctx);
      const r = evaluateTimex(file, docs, progress ? (done, total) => progress({ stage: 'documents', done, total }) : undefined);
      progress?.({ stage: 'documents', done: 1, total: 1, final: true });
      r.diagnostics = diagnostics;
      if (o.json) {
        const out = { ...r, errors: o.errors ? r.errors : r.errors.length, diagnostics: diagnostics.length };
        await writeOutput(ctx, undefined, JSON.stringify(out, null, 2));
        return;
      }
      const d = r.dates;
      const f = (x: number): string => x.toFixed(3);
      const lines = [
        `${file}: ${r.documents} documents, ${d.gold} gold DATE/TIME expressions`,
        `extent   found ${d.found}, matched ${d.matched}   P ${f(d.precision)}  R ${f(d.recall)}  F1 ${f(d.f1)}`,
        `value    right ${d.valueRight}   accuracy ${f(d.valueAccuracy)}   P ${f(d.valuePrecision)}  R ${f(d.valueRecall)}  F1 ${f(d.valueF1)}`,
        `unresolved ${d.unresolved} (recognised, left without a value; not counted as found)`,
        `speed    ${r.seconds.toFixed(2)} s`,
      ];
      if (o.errors) for (const e of r.errors) lines.push(`${e.kind.padEnd(8)} ${e.id}  ${JSON.stringify(e.text)}  gold ${e.gold ?? '-'}  found ${e.found ?? '-'}`);
      await writeOutput(ctx, undefined, lines.join('\n'));
    });
}
