/** Small helpers shared by CLI commands: option parsing, output, progress, warnings. */
import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import type { CliContext } from './context.js';
import type { Diagnostic } from '../types.js';

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive whole number.`);
  return n;
}

export function parseNonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number ≥ 0.`);
  return n;
}

/** The filter and paging options `stories` and `articles` share. */
export interface ListCliOptions {
  since?: string;
  until?: string;
  outlet?: string;
  search?: string;
  limit?: number;
  offset?: number;
}

/** The store query of the shared list options: only those the user gave. */
export function listQuery(o: ListCliOptions): { since?: string; until?: string; outlet?: string; q?: string; limit?: number; offset?: number } {
  return {
    ...(o.since ? { since: o.since } : {}),
    ...(o.until ? { until: o.until } : {}),
    ...(o.outlet ? { outlet: o.outlet } : {}),
    ...(o.search ? { q: o.search } : {}),
    ...(o.limit ? { limit: o.limit } : {}),
    ...(o.offset ? { offset: o.offset } : {}),
  };
}

/** Writes `text` to `--out FILE` or stdout. */
export async function writeOutput(ctx: CliContext, out: string | undefined, text: string): Promise<void> {
  if (out) {
    await writeFile(out, text);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`, (err) => (err ? reject(err) : resolve()));
  });
}

/** One line per diagnostic on stderr: `warning: <message>`. */
export function printDiagnostics(ctx: CliContext, diags: Diagnostic[]): void {
  for (const d of diags) ctx.stderr.write(`${d.level}: ${d.message}\n`);
}

/** Prints the skipped inputs and per-article warnings of a briefing-like result. */
export function reportDiagnostics(ctx: CliContext, r: { skipped: Diagnostic[]; articles: Array<{ warnings: Diagnostic[] }> }): void {
  printDiagnostics(ctx, r.skipped);
  printDiagnostics(ctx, r.articles.flatMap((a) => a.warnings).filter((d) => d.level !== 'info'));
}

export interface ProgressEvent {
  stage: string;
  done: number;
  total: number;
  final?: boolean;
}

/**
 * A progress reporter on stderr: a self-rewriting line on a terminal (throttled),
 * nothing when stderr is not a terminal (logs stay clean).
 */
export function progressReporter(ctx: CliContext): ((p: ProgressEvent) => void) | undefined {
  const stream = ctx.stderr as NodeJS.WriteStream;
  if (!stream.isTTY) return undefined;
  let last = 0;
  let shown = false;
  return (p) => {
    if (p.final) {
      if (shown) stream.write('\r\x1b[K');
      return;
    }
    const now = Date.now();
    if (now - last < 100 && p.done !== p.total) return;
    last = now;
    shown = true;
    stream.write(`\r\x1b[K${p.stage} ${p.done}/${p.total}`);
  };
}
