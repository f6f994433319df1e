/**
 * Gold entity labels: JSON Lines, one labelled mention per line, ids and character
 * offsets only (never article text):
 *
 *   {"dataset":"duc2004-dev.jsonl","cluster":"d30001","doc":"APW19981016.0240",
 *    "start":17,"end":24,"type":"person","entity":"hun-sen"}
 *
 * `start`/`end` are offsets into the document's text as the dataset file gives it
 * (`documents[k].text`), so the labels stay valid whatever cleaning does. `type` is
 * one of person, organization, place, group, other (a named thing of none of the four
 * types: an event, a work, a product) or `none` (a capitalised span that is not an
 * entity: a heading word, "Tweet", a sentence-initial word). `entity` is the gold key
 * of the entity within its cluster (mentions with one key are one entity); it is
 * required unless the type is `none`. Every document that has a label is labelled
 * exhaustively: each name in it has a line.
 */
import type { Diagnostic } from '../types.js';
import { diagnostic } from '../errors.js';
import { readUserFile } from '../ingest/files.js';

export const GOLD_TYPES = ['person', 'organization', 'place', 'group', 'other', 'none'] as const;
export type GoldType = (typeof GOLD_TYPES)[number];

export interface EntityLabel {
  dataset: string;
  cluster: string;
  doc: string;
  start: number;
  end: number;
  type: GoldType;
  /** Gold entity key within the cluster; null for `none`. */
  entity: string | null;
  /** 1-based line in the labels file. */
  line: number;
}

export interface EntityLabels {
  path: string;
  labels: EntityLabel[];
  diagnostics: Diagnostic[];
}

const isType = (x: unknown): x is GoldType => typeof x === 'string' && (GOLD_TYPES as readonly string[]).includes(x);

/** Parses one label line; returns the label or the reason it is unusable. */
export function parseLabelLine(text: string, path: string, line: number): { label: EntityLabel | null; diagnostic: Diagnostic | null } {
  const bad = (reason: string) => ({ label: null, diagnostic: diagnostic('error', path, 'DATASET_MALFORMED', path, line, reason) });
  let rec: unknown;
  try {
    rec = JSON.parse(text);
  } catch (e) {
    return bad(`not valid JSON (${(e as Error).message})`);
  }
  if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) return bad('expected a JSON object per line');
  const r = rec as Record<string, unknown>;
  for (const k of ['dataset', 'cluster', 'doc'] as const) if (typeof r[k] !== 'string' || !(r[k] as string)) return bad(`"${k}" must be a non-empty string`);
  const { start, end } = r;
  if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number)) {
    return bad(`"start" and "end" must be whole numbers with 0 ≤ start < end (got ${JSON.stringify(start)}, ${JSON.stringify(end)})`);
  }
  if (!isType(r.type)) return bad(`"type" must be one of ${GOLD_TYPES.join(', ')} (got ${JSON.stringify(r.type)})`);
  const entity = typeof r.entity === 'string' && r.entity ? r.entity : null;
  if (!entity && r.type !== 'none') return bad(`"entity" (the gold entity key) is required for type "${r.type}"`);
  return {
    label: {
      dataset: r.dataset as string,
      cluster: r.cluster as string,
      doc: r.doc as string,
      start: start as number,
      end: end as number,
      type: r.type,
      entity: r.type === 'none' ? null : entity,
      line,
    },
    diagnostic: null,
  };
}

/** Reads a labels file; bad lines become diagnostics, good ones are kept. */
export async function readEntityLabels(path: string): Promise<EntityLabels> {
  const text = await readUserFile(path, 64 * 1024 * 1024, 'a .jsonl file of entity labels');
  const labels: EntityLabel[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split('\n').forEach((l, i) => {
    if (!l.trim()) return;
    const { label, diagnostic: d } = parseLabelLine(l, path, i + 1);
    if (label) labels.push(label);
    if (d) diagnostics.push(d);
  });
  return { path, labels, diagnostics };
}
