/** `crossread eval-attribution <file.jsonl> [--split S] [--half even|odd] [--json]`: score quote speakers against gold attributions. */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { progressReporter, writeOutput } from '../util.js';

interface EvalAttributionCliOptions {
  split?: string;
  half?: string;
  json?: boolean;
  quiet?: boolean;
  errors?: string;
}

export function evalAttributionCommand(ctx: CliContext): Command {
  return new Command('eval-attribution')
    .description('run the quote and attribution analysis of `brief` on each article and score direct quotes and their speakers against gold attributions')
    .argument('<file>', 'JSONL: {"id","publisher","split","text","attributions":[{"source","cue","content"}]} per line (PolNeAR)')
    .option('--split <name>', 'score only the articles of this split (e.g. train, dev)')
    .option('--half <half>', 'score only the articles whose id hashes (FNV-1a) to an even or an odd number: decide a rule on one half, confirm it on the other')
    .option('--json', 'print the results as JSON')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--errors <kinds>', 'list direct-quote errors with their context instead of the scores: wrong-speaker, no-speaker, missed (comma-separated) or all')
    .action(async (file: string, o: EvalAttributionCliOptions) => {
      const { readAttributionGold } = await import('../../eval/attribution-gold.js');
      const { evaluateAttribution } = await import('../../eval/attribution.js');
      if (o.half !== undefined && o.half !== 'even' && o.half !== 'odd') {
        ctx.stderr.write(`error: --half: "${o.half}" is not a half (expected even or odd)\n`);
        ctx.exitCode = 1;
        return;
      }
      const half = o.half as 'even' | 'odd' | undefined;
      const { articles, diagnostics } = await readAttributionGold(file, { ...(o.split ? { split: o.split } : {}), ...(half ? { half } : {}) });
      for (const d of diagnostics.slice(0, 5)) ctx.stderr.write(`${d.level}: ${d.message}\n`);
      if (diagnostics.length > 5) ctx.stderr.write(`… and ${diagnostics.length - 5} more such lines\n`);
      if (!articles.length) {
        ctx.stderr.write(`error: ${file}: no article${o.split ? ` of split "${o.split}"` : ''}${half ? ` in the ${half} half` : ''} to score\n`);
        ctx.exitCode = 1;
        return;
      }
      const progress = o.quiet ? undefined : progressReporter(ctx);
      const kinds = o.errors === undefined ? null : new Set(o.errors === 'all' ? ['wrong-speaker', 'no-speaker', 'missed'] : o.errors.split(',').map((k) => k.trim()));
      for (const k of kinds ?? []) {
        if (!['wrong-speaker', 'no-speaker', 'missed'].includes(k)) {
          ctx.stderr.write(`error: --errors: unknown kind "${k}" (expected wrong-speaker, no-speaker, missed or all)\n`);
          ctx.exitCode = 1;
          return;
        }
      }
      const r = evaluateAttribution(file, articles, { split: o.split ?? null, errors: kinds !== null, ...(progress ? { onProgress: progress } : {}) });
      progress?.({ stage: 'attribution', done: 1, total: 1, final: true });
      if (!o.quiet) ctx.stderr.write(`${r.articles} articles scored in ${r.seconds.toFixed(1)} s${r.refused ? ` (${r.refused} refused by ingest)` : ''}\n`);
      if (kinds) {
        const texts = new Map(articles.map((a) => [a.id, a.text]));
        const errs = (r.errors ?? []).filter((e) => kinds.has(e.kind));
        if (o.json) {
          await writeOutput(ctx, undefined, JSON.stringify(errs, null, 2));
          return;
        }
        const flat = (s: string) => s.replace(/\s+/g, ' ');
        const out = errs.map((e) => {
          const t = texts.get(e.article) ?? '';
          const ctxText = `${flat(t.slice(Math.max(0, e.start - 160), e.start))}[[${flat(t.slice(e.start, Math.min(e.end, e.start + 120)))}${e.end - e.start > 120 ? '…' : ''}]]${flat(t.slice(e.end, e.end + 100))}`;
          return `${e.kind} ${e.article}@${e.start} gold(${e.goldKind})="${flat(e.gold)}"${e.goldName ? ` → ${e.goldName}` : ''} found=${e.found === null ? '-' : `"${e.found}" (${e.how ?? '?'})`}\n  ${ctxText}`;
        });
        await writeOutput(ctx, undefined, [...out, `${errs.length} error(s)`].join('\n'));
        return;
      }
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
        `${file}: ${r.articles} articles${r.split ? ` (split ${r.split})` : ''}${half ? ` (${half} half)` : ''}`,
        '',
        `direct quotes`,
        head,
        row('all', r.quotes),
        ...Object.entries(r.quotes.bySource).map(([k, s]) => row(`  gold ${k}`, s, '-')),
        // By how the speaker was found: "found" counts matched quotations (recall does not apply).
        ...Object.entries(r.quotes.byHow).map(([k, s]) => `${`  how ${k}`.padEnd(18)} ${'-'.padStart(6)} ${String(s.matched).padStart(6)}  ${'-'.padStart(5)}   ${f(s.speakerPrecision)}    ${f(s.speakerCoverage)}`),
        ...Object.entries(r.publishers).map(([k, p]) => row(k, p.quotes)),
        '',
        // By the finer route that found the speaker: speakers given, right, wrong and precision.
        `direct quotes by route (matched quotations with a gold speaker)`,
        `${'route'.padEnd(40)} ${'given'.padStart(6)} ${'right'.padStart(6)} ${'wrong'.padStart(6)}  spk-prec`,
        ...Object.entries(r.quotes.byRoute).filter(([k]) => k !== 'none').map(([k, s]) => {
          const right = s.speakerRight;
          return `${k.padEnd(40)} ${String(s.speakerGiven).padStart(6)} ${String(right).padStart(6)} ${String(s.speakerGiven - right).padStart(6)}  ${f(s.speakerPrecision)}`;
        }),
        '',
        `claims (reported speech without quotation marks)`,
        head,
        row('all', r.claims),
        ...Object.entries(r.publishers).map(([k, p]) => row(k, p.claims)),
      ];
      await writeOutput(ctx, undefined, lines.join('\n'));
    });
}
