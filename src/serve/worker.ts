/**
 * The briefing worker: a worker thread that annotates and briefs stored stories, so
 * that the server's main thread keeps answering while a story is analysed (the
 * pipeline is synchronous CPU work). It holds no database handle: the main thread
 * sends the articles, the worker sends back the briefed story.
 *
 * A background worker lowers its own CPU priority (`WorkerData.niceness`): on a busy
 * machine its briefings then wait for idle CPU instead of slowing page requests. On
 * Linux a nice value belongs to one thread (setpriority on the calling thread), so the
 * main thread keeps its priority; elsewhere it would apply to the whole process, so it
 * is not applied there.
 */
import { lowerPriority } from '../priority.js';
import { parentPort, workerData } from 'node:worker_threads';
import { runTask, type WorkerData, type WorkerRequest, type WorkerResponse } from './tasks.js';

const port = parentPort;
if (!port) throw new Error('src/serve/worker.ts must run in a worker thread');

const niceness = (workerData as WorkerData | undefined)?.niceness ?? 0;
// Where it is not permitted the worker runs at the server's priority.
if (process.platform === 'linux') lowerPriority(niceness);

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
