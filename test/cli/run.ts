/** Runs the real CLI (bin/crossread.js over the built dist/) in a child process. */
import { spawnSync } from 'node:child_process';
import { REPO } from '../helpers/shared.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function crossread(args: string[], opts: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [`${REPO}bin/crossread.js`, ...args], {
    cwd: opts.cwd ?? REPO,
    input: opts.input ?? '',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
