/**
 * The briefing worker: a worker thread that annotates and briefs stored stories, so
 * that the server's main thread keeps answering while a story is analysed (the
 * pipeline is synchronous CPU work). It holds no database handle: the main thread
 * sends the articles, the worker sends back the briefed story.
 */
import { parentPort } from 'node:worker_threads';
import { runTask, type WorkerRequest, type WorkerResponse } from './tasks.js';

const port = parentPort;
if (!port) throw new Error('src/serve/worker.ts must run in a worker thread');

port.on('message', (msg: WorkerRequest) => {
  let res: WorkerResponse;
  try {
    res = { id: msg.id, ok: true, value: runTask(msg.task) };
  } catch (err) {
    res = { id: msg.id, ok: false, error: err instanceof Error ? `${err.message}` : String(err) };
  }
  port.postMessage(res);
});
port.postMessage({ ready: true });
