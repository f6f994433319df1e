/** Small helpers shared by CLI commands: option parsing, output, progress, warnings. */
import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { CliContext } from './context.js';
import type { Diagnostic } from '../types.js';
import { CrossreadError } from '../errors.js';

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

/** Why a file operation failed, in words, by Node's error code (EACCES → "permission denied"). */
const ERRNO_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EBUSY: 'the file is busy',
  EINVAL: 'invalid path',
};

/** A Node system error (fs, streams): it has a string `code` such as "ENOENT". */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((err as NodeJS.ErrnoException).code ?? '');
}

/** The reason of a system error in words (falls back to its code). */
export function systemReason(err: NodeJS.ErrnoException): string {
  return (err.code && ERRNO_REASONS[err.code]) ?? err.code ?? 'unknown error';
}

/** Writes `text` to `--out FILE` (a one-line usage-free error naming the file when it cannot) or stdout. */
export async function writeOutput(ctx: CliContext, out: string | undefined, text: string): Promise<void> {
  if (out) {
    try {
      await writeFile(out, text);
    } catch (err) {
      if (!isSystemError(err)) throw err;
      // A missing folder is the usual cause: name it.
      const reason = err.code === 'ENOENT' ? `the folder ${dirname(out)} does not exist` : systemReason(err);
      throw CrossreadError.of('OUTPUT_UNWRITABLE', out, reason);
    }
    return;
  }
  await writeStdout(ctx, text.endsWith('\n') ? text : `${text}\n`);
}

/** Writes to stdout and waits for it; a closed pipe (`| head`) rejects with EPIPE, which `main` ends quietly. */
export function writeStdout(ctx: CliContext, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    ctx.stdout.write(text, (err) => (err ? reject(err) : resolve()));
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
