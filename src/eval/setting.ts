/**
 * Which evaluation setting a dataset asks for, when `--setting` is not given: a
 * "setting" field on its first cluster line, else its file name, else its first
 * cluster id, by the patterns of data/eval/settings.json. A dataset that none of
 * them names is refused (the caller asks for --setting) rather than scored in a
 * setting it may not be meant for.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { loadJson } from '../data.js';
import { EVAL_SETTINGS, type EvalSetting } from './run.js';

interface SettingPatterns {
  fileNames: string[];
  clusterIds: string[];
}

type SettingsData = Record<EvalSetting, SettingPatterns>;

export type InferredSetting =
  | { setting: EvalSetting; from: 'field' | 'file name' | 'cluster id' }
  | { setting: null; reason: string }
  /** The file could not be read: the evaluation itself reports why. */
  | null;

function matches(patterns: string[], s: string): boolean {
  return patterns.some((p) => new RegExp(p, 'i').test(s));
}

/** The first non-empty line of a file (without reading the rest), or null when it cannot be read. */
async function firstLine(path: string): Promise<string | null> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.trim()) return line;
    return '';
  } catch {
    return null;
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** The setting of the dataset at `path` (see the module comment). */
export async function inferSetting(path: string): Promise<InferredSetting> {
  const data = loadJson<SettingsData>('eval/settings.json');
  const line = await firstLine(path);
  if (line === null) return null;
  let rec: Record<string, unknown> = {};
  try {
    const v = JSON.parse(line) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) rec = v as Record<string, unknown>;
  } catch {
    // A malformed first line: the file name may still tell; the evaluation reports the line.
  }
  if (typeof rec.setting === 'string') {
    const s = rec.setting.toLowerCase().replace(/[-_ ]/g, '');
    const known = EVAL_SETTINGS.find((x) => x === s);
    if (known) return { setting: known, from: 'field' };
    return { setting: null, reason: `its "setting" field says "${rec.setting}", which is not one of ${EVAL_SETTINGS.join(', ')}` };
  }
  const name = basename(path);
  for (const s of EVAL_SETTINGS) if (matches(data[s].fileNames, name)) return { setting: s, from: 'file name' };
  const id = typeof rec.id === 'string' || typeof rec.id === 'number' ? String(rec.id) : '';
  if (id) for (const s of EVAL_SETTINGS) if (matches(data[s].clusterIds, id)) return { setting: s, from: 'cluster id' };
  return {
    setting: null,
    reason: `neither a "setting" field, the file name nor the first cluster id${id ? ` ("${id}")` : ''} says which of ${EVAL_SETTINGS.join(', ')} it is`,
  };
}
