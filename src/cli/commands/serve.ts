/** `crossread serve`: the local web app over a store (story list, story and article pages, uploads, JSON API). */
import { Command, InvalidArgumentError } from 'commander';
import type { CliContext } from '../context.js';
import { parsePositiveInt } from '../util.js';

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port number (0–65535).`);
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface ServeCliOptions {
  db?: string;
  port: number;
  host: string;
  allowHost: string[];
  words?: number;
  sentences?: number;
  maxBytes?: number;
  maxUploadBytes?: number;
  warm: boolean;
  quiet?: boolean;
}

export function serveCommand(ctx: CliContext): Command {
  return new Command('serve')
    .description('browse the store in a local web app: stories, cited briefings, articles, uploads, JSON API')
    .option('--db <path>', 'the store: a SQLite file or a postgres:// URL (default: $CROSSREAD_DB or ./crossread.db; created when missing)')
    .option('-p, --port <n>', 'port to listen on (0: any free port)', parsePort, 4317)
    .option('--host <address>', 'address to bind; anything but loopback exposes the store to the network', '127.0.0.1')
    .option('--allow-host <name>', 'also accept this host name in the Host header (repeatable; e.g. behind a reverse proxy)', collect, [])
    .option('-w, --words <n>', 'summary length in words (default 120)', parsePositiveInt)
    .option('-s, --sentences <n>', 'summary length in sentences (instead of --words)', parsePositiveInt)
    .option('--max-bytes <n>', 'largest uploaded input accepted, in bytes (default 16 MiB)', parsePositiveInt)
    .option('--max-upload-bytes <n>', 'largest upload request accepted, in bytes (default 64 MiB)', parsePositiveInt)
    .option('--no-warm', 'brief stories only when asked for (default: every story not briefed yet, in the background; briefings are kept in the store)')
    .option('-q, --quiet', 'print nothing but errors on stderr')
    .action(async (o: ServeCliOptions) => {
      const { defaultDbPath } = await import('../../store/index.js');
      const { startServer } = await import('../../serve/index.js');
      const db = defaultDbPath(o.db, ctx.env, ctx.cwd);
      const server = await startServer({
        db,
        port: o.port,
        host: o.host,
        allowedHosts: o.allowHost,
        ...(o.words !== undefined ? { words: o.words } : {}),
        ...(o.sentences !== undefined ? { sentences: o.sentences } : {}),
        ...(o.maxBytes !== undefined ? { maxBytes: o.maxBytes } : {}),
        ...(o.maxUploadBytes !== undefined ? { maxUploadBytes: o.maxUploadBytes } : {}),
        warmAll: o.warm,
        onWarn: (m) => ctx.stderr.write(`warning: ${m}\n`),
      });
      const stats = await server.store.stats();
      if (!o.quiet) {
        ctx.stderr.write(`crossread: serving ${server.store.location} (${stats.articles} articles in ${stats.stories} stories)\n`);
        if (!['127.0.0.1', 'localhost', '::1'].includes(o.host)) {
          ctx.stderr.write(`warning: bound to ${o.host}: anyone who can reach this machine can read and add to the store\n`);
        }
        ctx.stderr.write('press Ctrl+C to stop\n');
      }
      // The address is the command's output (machine-readable, one line on stdout).
      ctx.stdout.write(`${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
