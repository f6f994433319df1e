/**
 * The corpus log's document-frequency changes as stored by every store: one row per
 * write, its changes as text (`term\tdelta\n…`), and its features rows page by page.
 * Shared by the SQLite and the PostgreSQL logs (./sqlite-log.ts, ./postgres/log.ts).
 */

/** Document-frequency changes as text: `term\tdelta\n…`. */
export function encodeDelta(delta: Iterable<readonly [string, number]>): string {
  let out = '';
  for (const [t, d] of delta) out += `${deltaTerm(t)}\t${d}\n`;
  return out;
}

/** A term as the change log stores it (tabs and newlines separate its fields). */
export function deltaTerm(t: string): string {
  return /[\t\n]/.test(t) ? t.replace(/[\t\n]/g, ' ') : t;
}

export function* decodeDelta(s: string): Generator<[string, number]> {
  let start = 0;
  while (start < s.length) {
    let end = s.indexOf('\n', start);
    if (end < 0) end = s.length;
    const tab = s.lastIndexOf('\t', end);
    if (tab > start) {
      const d = Number(s.slice(tab + 1, end));
      if (Number.isFinite(d)) yield [s.slice(start, tab), d];
    }
    start = end + 1;
  }
}

/** Every change of these rows (in their order), decoded. */
export function decodeDeltas(rows: Iterable<string>): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const terms of rows) for (const change of decodeDelta(terms)) out.push(change);
  return out;
}

/** Rows a page at a time. */
export function* pages<T>(rows: Iterable<T>, size = PAGE_ROWS): Generator<T[]> {
  let page: T[] = [];
  for (const r of rows) {
    page.push(r);
    if (page.length >= size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** Rows per page of the log's large reads. */
export const PAGE_ROWS = 2000;
