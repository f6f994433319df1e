/**
 * The crossread command line: a thin layer over the library (as commander itself
 * recommends). Each command lives in ./commands/<name>.ts, parses its options and
 * calls library functions; it never holds pipeline logic of its own.
 *
 * Exit codes: 0 everything processed (also when the reader of stdout stops early,
 * as `| head` does); 1 nothing could be processed, or a fatal error such as an
 * unusable database or an unwritable --out file (one line naming it, never a stack
 * trace); 2 usage error (help text printed); 3 some inputs were skipped; 70 an
 * internal error, that is a bug in crossread (stack trace with CROSSREAD_DEBUG=1).
 */
import { Command, CommanderError } from 'commander';
import { CrossreadError, message } from '../errors.js';
import { VERSION } from '../version.js';
import { commands } from './commands/index.js';
import type { CliContext } from './context.js';
import { isSystemError, systemReason } from './util.js';

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, PARTIAL: 3, INTERNAL: 70 } as const;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('crossread')
    .description('Turn many news articles about the same events into one cited briefing.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .exitOverride();
  for (const make of commands) {
    const cmd = make(ctx);
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });
    cmd.showHelpAfterError('(run with --help for usage)');
    program.addCommand(cmd);
  }
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and resolves to the exit code. */
export async function main(argv: string[], io: Partial<CliContext> = {}): Promise<number> {
  const ctx: CliContext = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    stdin: io.stdin ?? process.stdin,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    isTTY: io.isTTY ?? Boolean(process.stdout.isTTY),
    exitCode: 0,
  };
  // A reader that stops early (`crossread brief … | head -1`) closes the pipe: the
  // write fails with EPIPE, emitted as an 'error' event that would otherwise crash Node.
  let stdoutClosed = false;
  ctx.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') stdoutClosed = true;
    else ctx.stderr.write(`crossread: cannot write to stdout (${systemReason(err)})\n`);
  });
  const program = buildProgram(ctx);
  if (argv.length <= 2) {
    ctx.stderr.write(program.helpInformation());
    return EXIT.USAGE;
  }
  try {
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.OK;
      // commander already printed the message (and the hint to --help).
      return EXIT.USAGE;
    }
    if (err instanceof CrossreadError) {
      ctx.stderr.write(`crossread: ${err.message}\n`);
      if (err.exitCode === EXIT.USAGE) ctx.stderr.write('(run with --help for usage)\n');
      return err.exitCode;
    }
    const e = err as NodeJS.ErrnoException;
    // The reader of stdout went away: nothing more to say to it, and nothing went wrong.
    if (stdoutClosed || (e && (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED'))) return EXIT.OK;
    // A file the user named could not be read or written: one line naming it.
    if (isSystemError(e)) {
      ctx.stderr.write(`crossread: ${message('SYSTEM', e.path ?? e.syscall ?? 'input/output', systemReason(e))}\n`);
      return EXIT.FAILED;
    }
    ctx.stderr.write(`crossread: internal error: ${e && e.message ? e.message : String(err)}\n`);
    if (ctx.env.CROSSREAD_DEBUG) ctx.stderr.write(`${e && e.stack ? e.stack : String(err)}\n`);
    ctx.stderr.write(
      `This is a bug in crossread; please report it with the command you ran${ctx.env.CROSSREAD_DEBUG ? '' : ' (CROSSREAD_DEBUG=1 prints the stack trace)'}.\n`,
    );
    return EXIT.INTERNAL;
  }
}
