/**
 * The search worker: a worker thread with a read-only handle of its own on the SQLite
 * store, answering filtered story lists (full-text search, outlet and date filters)
 * so that the server's event loop does not spend the query's CPU time (see
 * ./searcher.ts). It reads what is committed, like another process would.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStore } from '../store/sqlite.js';
import type { SearchData, SearchRequest, SearchResponse } from './searcher.js';

const port = parentPort;
if (!port) throw new Error('src/serve/search-worker.ts must run in a worker thread');

const { db } = workerData as SearchData;
const store = openSqliteStore(db, { readonly: true });

port.on('message', (msg: SearchRequest) => {
  store.listStories(msg.query).then(
    (page) => port.postMessage({ id: msg.id, ok: true, page } satisfies SearchResponse),
    (err: unknown) => port.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies SearchResponse),
  );
});
port.postMessage({ ready: true });
