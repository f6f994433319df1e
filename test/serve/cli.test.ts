/**
 * `crossread serve` from the built CLI (bin/crossread.js over dist/, as installed):
 * prints its address on stdout, serves the store (briefing in the compiled worker),
 * refuses bad options, and stops cleanly on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/briefing.js';
import { openStore } from '../../src/store/index.js';
import { REPO } from '../helpers/shared.js';
import { crossread } from '../cli/run.js';
import { exampleArticles, request, startServeProcess, type ServeProcess } from './helpers.js';

let dir: string;
let db: string;
let server: ServeProcess | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-serve-cli-'));
  db = join(dir, 'news.db');
  const store = await openStore(db);
  await store.addArticles(await exampleArticles());
  await store.close();
});

afterAll(() => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('crossread serve', () => {
  it('serves the store on 127.0.0.1, briefs stories, and stops on SIGTERM', async () => {
    server = await startServeProcess(['--db', db, '--port', '0'], dir);
    const { url, stderr } = server;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(stderr()).toContain('5 articles in 1 stories');
    const list = await request(url, 'GET', '/api/stories');
    expect(list.status).toBe(200);
    const id = list.json<{ items: Array<{ id: string }> }>().items[0]?.id as string;
    const b = await request(url, 'GET', `/api/stories/${id}`);
    expect(b.status).toBe(200);
    expect(b.json<Briefing>().stories[0]?.summary.length).toBeGreaterThan(0);
    expect(stderr()).not.toContain('warning');
    expect(await server.stop()).toBe(0);
  });

  it('refuses a bad port and a database that is not crossread’s', () => {
    const bad = crossread(['serve', '--port', 'http']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"http" is not a port number');
    const notDb = crossread(['serve', '--db', join(REPO, 'package.json'), '--port', '0']);
    expect(notDb.code).toBe(1);
    expect(notDb.stderr).toMatch(/package\.json: not a crossread database/);
  });
});
