/**
 * A bounded HTTP load generator for the web-app benchmark (autocannon/wrk are not
 * dependencies): `connections` keep-alive connections, each sending its next request
 * as soon as the previous answer has arrived, until a fixed number of requests has
 * been sent or a time cap has passed. Reports throughput and latency percentiles.
 */
import { Agent, request as httpRequest } from 'node:http';

export interface LoadOptions {
  /** Concurrent keep-alive connections (default 50). */
  connections?: number;
  /** Requests to send in all (default 2000). */
  requests?: number;
  /** Stop sending after this many ms even if requests remain (default 30 000). */
  timeCapMs?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Responses other than 200. */
  non200: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Requests that took more than 2 s. */
  over2s: number;
  /** True when the time cap stopped the run before every request was sent. */
  capped: boolean;
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

/** Sends `requests` GETs over `connections` keep-alive connections, cycling through `paths`. */
export async function load(base: string, paths: string[], opts: LoadOptions = {}): Promise<LoadResult> {
  const connections = opts.connections ?? 50;
  const total = opts.requests ?? 2000;
  const cap = opts.timeCapMs ?? 30_000;
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const times: number[] = [];
  let sent = 0;
  let errors = 0;
  let non200 = 0;
  const t0 = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - t0) / 1e6;
  const one = (path: string) =>
    new Promise<void>((resolve) => {
      const t = process.hrtime.bigint();
      const req = httpRequest({ hostname: url.hostname, port: url.port, path, agent }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          times.push(Number(process.hrtime.bigint() - t) / 1e6);
          if (res.statusCode !== 200) non200++;
          resolve();
        });
        res.on('error', () => {
          errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const worker = async () => {
    while (sent < total && elapsed() < cap) {
      const path = paths[sent % paths.length] as string;
      sent++;
      await one(path);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = elapsed() / 1000;
  agent.destroy();
  const sorted = [...times].sort((a, b) => a - b);
  return {
    requests: times.length,
    errors,
    non200,
    seconds,
    rps: times.length / seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    over2s: sorted.filter((x) => x > 2000).length,
    capped: sent < total,
  };
}
