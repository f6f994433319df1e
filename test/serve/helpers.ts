/** Shared set-up of the web app tests: temporary stores, a running server, plain HTTP requests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/index.js';
import { openSqliteStore, type SqliteStoreOptions } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { startServer, type RunningServer, type ServeOptions } from '../../src/serve/index.js';
import type { Article } from '../../src/types.js';
import { EXAMPLE, REPO } from '../helpers/shared.js';

export interface TempStore {
  dir: string;
  path: string;
  store: Store;
  cleanup(): Promise<void>;
}

export function tempStore(opts: SqliteStoreOptions = {}): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'crossread-serve-'));
  const path = join(dir, 'test.db');
  const store = openSqliteStore(path, opts);
  return {
    dir,
    path,
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The five example articles, ingested as `crossread brief examples/syria-2017` reads them. */
export async function exampleArticles(): Promise<Article[]> {
  const { articles } = await ingest([EXAMPLE]);
  if (articles.length !== 5) throw new Error(`expected the 5 example articles, read ${articles.length}`);
  return articles;
}

export async function serve(store: Store, opts: Omit<ServeOptions, 'store' | 'db'> = {}): Promise<RunningServer> {
  return startServer({ store, port: 0, host: '127.0.0.1', ...opts });
}

export interface ServeProcess {
  /** The address it printed, e.g. http://127.0.0.1:40123/ */
  url: string;
  child: ChildProcess;
  /** Everything it wrote on stderr so far. */
  stderr(): string;
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>;
}

/**
 * `crossread serve <args…>` from the built CLI (bin/crossread.js over dist/) in a process
 * of its own; resolves once it has printed its address (the first line on stdout).
 */
export function startServeProcess(args: string[], cwd: string = REPO): Promise<ServeProcess> {
  const child = spawn(process.execPath, [`${REPO}bin/crossread.js`, 'serve', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`crossread serve printed no address within 20 s; stderr: ${err}`));
    }, 20_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve({ url: line.trim(), child, stderr: () => err, stop });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`crossread serve exited with ${code} before printing its address; stderr: ${err}`));
    });
  });
}

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = unknown>(): T;
}

/** A plain HTTP request (node:http, so that Host, Origin and any header can be set). */
export function request(
  base: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Res> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { method, hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** A multipart/form-data body. */
export function multipart(parts: Array<{ name: string; value: string | Buffer; filename?: string; type?: string }>): { body: Buffer; type: string } {
  const boundary = `----crossread${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.type) head += `Content-Type: ${p.type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** A news-like article about something unrelated to the example story (a new story when uploaded). */
export function harbourArticle(n = 1): string {
  return [
    `Port authorities in Rotterdam said on Tuesday that container traffic rose by ${n + 3} percent in the third quarter, driven by record shipments of electric vehicles from Asia.`,
    'The harbour master told reporters that two new deep-water berths would open next spring, allowing the largest container ships to dock without waiting for the tide.',
    'Dock workers’ unions welcomed the expansion but warned that automation of the cranes could cost hundreds of jobs over the next decade.',
    'The city council is expected to vote on the financing of the berths next month, according to a spokesperson for the port.',
  ].join('\n\n');
}
