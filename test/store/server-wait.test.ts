import { describe, expect, it, vi } from 'vitest';
import { whenServerAnswers } from '../../src/store/postgres/connect.js';

/** A refused connection, as node-postgres reports one. */
function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
}

describe('whenServerAnswers: one wait for a server that does not answer', () => {
  it('tries again after a lost connection and gives the first answer', async () => {
    let tries = 0;
    const waits: string[] = [];
    const got = await whenServerAnswers(
      async () => {
        tries++;
        if (tries < 3) throw refused();
        return 'answered';
      },
      { seconds: 30, onWait: (e) => waits.push((e as Error).message) },
    );
    expect(got).toBe('answered');
    expect(tries).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('lets any other error through at once', async () => {
    let tries = 0;
    await expect(
      whenServerAnswers(async () => {
        tries++;
        throw new Error('syntax error at or near "SELEC"');
      }, {}),
    ).rejects.toThrow(/syntax error/);
    expect(tries).toBe(1);
  });

  it('with a deadline, gives up when the next wait would pass it', async () => {
    let tries = 0;
    await expect(
      whenServerAnswers(async () => {
        tries++;
        throw refused();
      }, { seconds: 0.4 }),
    ).rejects.toThrow(/ECONNREFUSED/);
    expect(tries).toBe(1);
  });

  it('with a number of retries, tries that many times again and then lets the error through', async () => {
    vi.useFakeTimers();
    try {
      let tries = 0;
      const run = whenServerAnswers(async () => {
        tries++;
        throw refused();
      }, { retries: 2 });
      const settled = expect(run).rejects.toThrow(/ECONNREFUSED/);
      await vi.runAllTimersAsync();
      await settled;
      expect(tries).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('without a deadline, a stop cuts the wait short and the error goes on', async () => {
    // Timers never advance here: the run ends only if the stop ends the 500 ms wait.
    vi.useFakeTimers();
    try {
      const stop = new AbortController();
      let tries = 0;
      const run = whenServerAnswers(
        async () => {
          tries++;
          throw refused();
        },
        { signal: stop.signal, onWait: () => stop.abort() },
      );
      await expect(run).rejects.toThrow(/ECONNREFUSED/);
      expect(tries).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
