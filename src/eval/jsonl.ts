/** One JSON Lines line as an object: the first step of every labelled-file and dataset parser in eval. */

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Parses one line into a JSON object, or gives the reason it is not one (for a diagnostic naming the line). */
export function parseObjectLine(text: string): { record: Record<string, unknown>; reason?: undefined } | { record?: undefined; reason: string } {
  let rec: unknown;
  try {
    rec = JSON.parse(text);
  } catch (e) {
    return { reason: `not valid JSON (${(e as Error).message})` };
  }
  return isRecord(rec) ? { record: rec } : { reason: 'expected a JSON object per line' };
}
