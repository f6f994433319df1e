/**
 * Starts one of the server's worker threads (./worker.ts: briefing and reading uploads;
 * ./search-worker.ts: searches). From compiled JavaScript (dist/) it is `<name>.js`;
 * when crossread runs from its TypeScript sources (tests, `tsx`), the worker registers
 * tsx's loader first and then imports `<name>.ts`.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type WorkerModule = 'worker' | 'search-worker';

export function startWorker(name: WorkerModule, workerData: unknown): Worker {
  const here = import.meta.url;
  if (/\.ts$/.test(new URL(here).pathname)) {
    const tsx = tsxEsmApi(here);
    const target = new URL(`./${name}.ts`, here).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(target)}); })`;
    return new Worker(boot, { eval: true, workerData });
  }
  return new Worker(new URL(`./${name}.js`, here), { workerData });
}

/** The file URL of tsx's ESM API (its `import` export), found through tsx's package.json. */
function tsxEsmApi(from: string): string {
  const pkgPath = createRequire(from).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, { import?: string | { default?: string } }> };
  const imp = pkg.exports?.['./esm/api']?.import;
  const rel = typeof imp === 'string' ? imp : imp?.default;
  if (!rel) throw new Error(`${pkgPath}: no ESM export "./esm/api"`);
  return pathToFileURL(join(dirname(pkgPath), rel)).href;
}
