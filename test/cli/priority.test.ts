/** Batch commands lower their own CPU priority (src/cli/priority.ts), so that a server on the same machine answers first. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BATCH_NICENESS, batchNiceness } from '../../src/cli/priority.js';
import { crossread } from './run.js';
import { EXAMPLE, REPO } from '../helpers/shared.js';

const LINUX = process.platform === 'linux';

/** The nice value of a process's main thread, from /proc. */
function niceOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-cli-priority-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('batchNiceness', () => {
  it('is BATCH_NICENESS by default, $CROSSREAD_NICE when set, --nice above both', () => {
    expect(BATCH_NICENESS).toBe(10);
    expect(batchNiceness(undefined, {})).toBe(10);
    expect(batchNiceness(undefined, { CROSSREAD_NICE: '' })).toBe(10);
    expect(batchNiceness(undefined, { CROSSREAD_NICE: '0' })).toBe(0);
    expect(batchNiceness(undefined, { CROSSREAD_NICE: ' 19 ' })).toBe(19);
    expect(batchNiceness(3, { CROSSREAD_NICE: '19' })).toBe(3);
    expect(batchNiceness(0, {})).toBe(0);
  });

  it('refuses a value that is not a nice value, naming the variable and the value', () => {
    for (const bad of ['20', '-1', 'low', '1.5']) {
      expect(() => batchNiceness(undefined, { CROSSREAD_NICE: bad })).toThrow(`CROSSREAD_NICE="${bad}" is not a whole number from 0 (unchanged) to 19`);
    }
  });
});

describe.skipIf(!LINUX)('lowerPriority (in a child process)', () => {
  const run = (nicePrefix: string[], n: number) => {
    const code = `import { lowerPriority } from ${JSON.stringify(`${REPO}src/priority.ts`)}; import { getPriority } from 'node:os'; const r = lowerPriority(${n}); process.stdout.write(JSON.stringify([r, getPriority(0)]));`;
    const argv = [...nicePrefix, process.execPath, '--import', 'tsx', '--input-type=module', '-e', code];
    const r = spawnSync(argv[0] as string, argv.slice(1), { cwd: REPO, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as [number | null, number];
  };

  it('lowers the calling thread to the nice value asked for', () => {
    expect(run([], 10)).toEqual([10, 10]);
  });

  it('leaves the priority alone for 0, and never raises one already lower', () => {
    expect(run([], 0)).toEqual([getPriority(0), getPriority(0)]);
    expect(run(['nice', '-n', '15'], 10)).toEqual([15, 15]);
  });
});

describe('the batch commands take the priority', () => {
  it.skipIf(!LINUX)('crossread watch runs at nice 10 by default, at its own priority with CROSSREAD_NICE=0, and at --nice n', async () => {
    // A feed that cannot be fetched: the poll fails at once and watch waits for the next one.
    const list = join(dir, 'feeds.txt');
    writeFileSync(list, 'http://127.0.0.1:1/feed.xml\n');
    const niceWhileWatching = (args: string[], env: NodeJS.ProcessEnv) =>
      new Promise<number>((resolve, reject) => {
        const p = spawn(process.execPath, [`${REPO}bin/crossread.js`, 'watch', list, '--db', join(dir, 'watch.db'), '--every', '1h', ...args], {
          env: { ...process.env, NO_COLOR: '1', ...env },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        p.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          if (err.includes('poll 1:')) {
            const n = niceOf(p.pid as number);
            p.kill('SIGTERM');
            resolve(n);
          }
        });
        p.on('exit', () => reject(new Error(`watch ended before its first poll: ${err}`)));
      });
    const parent = getPriority(0);
    expect(await niceWhileWatching([], { CROSSREAD_NICE: '' })).toBe(Math.max(parent, 10));
    expect(await niceWhileWatching([], { CROSSREAD_NICE: '0' })).toBe(parent);
    expect(await niceWhileWatching(['--nice', '17'], { CROSSREAD_NICE: '0' })).toBe(Math.max(parent, 17));
  }, 60_000);

  it('crossread ingest refuses a bad --nice or $CROSSREAD_NICE, naming it', () => {
    const db = join(dir, 'ingest.db');
    const flag = crossread(['ingest', EXAMPLE, '--db', db, '--nice', '25']);
    expect(flag.code).not.toBe(0);
    expect(flag.stderr).toContain('"25" is not a whole number from 0 (unchanged) to 19');
    const env = crossread(['ingest', EXAMPLE, '--db', db], { env: { CROSSREAD_NICE: 'low' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('CROSSREAD_NICE="low" is not a whole number from 0 (unchanged) to 19');
    const ok = crossread(['ingest', EXAMPLE, '--db', db, '--nice', '5']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
  });
});
