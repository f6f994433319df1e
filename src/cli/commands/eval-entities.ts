/** `crossread eval-entities <labelled.jsonl> [--json]`: entity types, alias merges and noise against gold labels. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { printDiagnostics, progressReporter, writeOutput } from '../util.js';

interface EvalEntitiesCliOptions {
  data?: string;
  json?: boolean;
  errors?: boolean;
  quiet?: boolean;
}

/** The default folder of the dev datasets: $CROSSREAD_SHARED/data/dev, else ../shared/data/dev. */
function defaultDataDir(): string {
  const shared = process.env.CROSSREAD_SHARED ?? resolve('..', 'shared');
  return resolve(shared, 'data', 'dev');
}

export function evalEntitiesCommand(ctx: CliContext): Command {
  return new Command('eval-entities')
    .description('score entity types, alias merges and noise against labelled mentions (type accuracy, merge precision, noise share)')
    .argument('<labels>', 'JSONL: {"dataset","cluster","doc","start","end","type","entity"} per labelled mention (raw-text offsets)')
    .option('--data <dir>', 'folder of the datasets the labels name (default $CROSSREAD_SHARED/data/dev or ../shared/data/dev)')
    .option('--json', 'print the results as JSON')
    .option('--errors', 'list the wrong types, noise entities, wrong and missed merges')
    .option('-q, --quiet', 'no progress or warnings on stderr')
    .action(async (file: string, o: EvalEntitiesCliOptions) => {
      const { evaluateEntities } = await import('../../eval/entities.js');
      const progress = o.quiet ? undefined : progressReporter(ctx);
      const r = await evaluateEntities(file, { dataDir: o.data ?? defaultDataDir(), ...(progress ? { onProgress: progress } : {}) });
      if (!o.quiet) printDiagnostics(ctx, r.diagnostics);
      ctx.exitCode = r.documents === 0 ? 1 : r.diagnostics.some((d) => d.level === 'error') ? 3 : 0;
      if (o.json) {
        const { errors, ...rest } = r.scores;
        const out = { ...r, scores: o.errors ? r.scores : rest, diagnostics: r.diagnostics.length };
        await writeOutput(ctx, undefined, JSON.stringify(out, null, 2));
        return;
      }
      const s = r.scores;
      const f = (x: number): string => x.toFixed(3);
      const lines = [
        `${file}: ${r.clusters} clusters, ${r.documents} labelled documents, ${s.goldEntities} gold entities (${s.goldMentions} mentions)`,
        `type accuracy     ${f(s.typeAccuracy)}  (${s.typeCorrect}/${s.typed} system entities matched to gold)`,
        `merge precision   ${f(s.mergePrecision)}  (${s.mergePairsCorrect}/${s.mergePairs} mention pairs); alias pairs ${f(s.aliasPrecision)} (${s.aliasPairsCorrect}/${s.aliasPairs})`,
        `noise share       ${f(s.noiseShare)}  (${s.noiseEntities}/${s.systemEntities} system entities; ${s.noiseMentions}/${s.systemMentions} mentions)`,
        `merge recall      ${f(s.mergeRecall)}  (${s.goldPairsJoined}/${s.goldPairs} gold pairs found)`,
        `detection recall  ${f(s.detectionRecall)}  (${s.detected}/${s.goldEntities} gold entities with a matched mention; ${s.exactSpan} exact spans)`,
        `time              ${r.seconds.toFixed(1)} s${r.unaligned ? `; ${r.unaligned} system mentions not aligned to the raw text` : ''}`,
      ];
      if (o.errors) {
        lines.push('', 'wrong types (name: system → gold):', ...s.errors.types.map((e) => `  ${e.name}: ${e.system} → ${e.gold}`));
        lines.push('noise entities:', ...s.errors.noise.map((n) => `  ${n}`));
        lines.push('wrong merges:', ...s.errors.merges.map((m) => `  ${m.a} + ${m.b}`));
        lines.push('missed merges:', ...s.errors.splits.map((m) => `  ${m.a} | ${m.b}`));
      }
      await writeOutput(ctx, undefined, lines.join('\n'));
    });
}
