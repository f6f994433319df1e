/**
 * Fuzzing the readers (issue 14, item 28): thousands of generated inputs — byte flips,
 * truncation, malformed JSON and XML, long tokens, deep nesting, NUL bytes, wrong
 * encodings, empty containers — each read with a time bound. It fails on any crash
 * (an exception, or a "failed while reading it" diagnostic: a caught bug), a hang (an
 * input over its time bound), a silent drop (no article and no diagnostic), or a good
 * article lost next to a bad one in the same batch. Inputs are generated from a
 * seeded generator (no research text), so every run reads the same inputs.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/random.js';
import { IdRegistry, readBytes } from '../../src/ingest/read.js';

const CASES = 2100;
/** Time bound per input, in ms (the slowest honest input here reads in well under it). */
const BOUND_MS = 2000;
const enc = new TextEncoder();

const WORDS = 'the ministry said on tuesday that twelve civilians were killed in a strike near town according to officials who spoke reporters rescue teams worked through night army denied claims observatory reported'.split(' ');

function sentence(rnd: () => number, n = 14): string {
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(WORDS[Math.floor(rnd() * WORDS.length)] as string);
  const s = w.join(' ');
  return `${s[0]?.toUpperCase()}${s.slice(1)}.`;
}

function article(rnd: () => number, paras = 3): { title: string; text: string } {
  const ps: string[] = [];
  for (let p = 0; p < paras; p++) ps.push(`${sentence(rnd)} ${sentence(rnd)} ${sentence(rnd)}`);
  return { title: `Strike kills civilians ${Math.floor(rnd() * 1e6)}`, text: ps.join('\n\n') };
}

type Kind = 'text' | 'html' | 'json' | 'jsonl' | 'rss' | 'atom';
const EXT: Record<Kind, string> = { text: 'txt', html: 'html', json: 'json', jsonl: 'jsonl', rss: 'rss', atom: 'atom' };

function seed(kind: Kind, rnd: () => number): string {
  const a = article(rnd);
  const b = article(rnd);
  switch (kind) {
    case 'text':
      return `${a.title}\n\n${a.text}`;
    case 'html':
      return `<!doctype html><html><head><title>${a.title}</title><meta property="article:published_time" content="2017-12-06"></head><body><article><h1>${a.title}</h1>${a.text
        .split('\n\n')
        .map((p) => `<p>${p}</p>`)
        .join('')}</article></body></html>`;
    case 'json':
      return JSON.stringify([{ id: 'a', title: a.title, text: a.text }, { id: 'b', title: b.title, text: b.text }]);
    case 'jsonl':
      return `${JSON.stringify({ id: 'a', title: a.title, text: a.text })}\n${JSON.stringify({ id: 'b', title: b.title, text: b.text })}\n`;
    case 'rss':
      return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><item><title>${a.title}</title><link>https://example.org/a</link><description><![CDATA[<p>${a.text}</p>]]></description></item><item><title>${b.title}</title><guid>b-1</guid><description>${b.text}</description></item></channel></rss>`;
    case 'atom':
      return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title><entry><title>${a.title}</title><id>urn:a</id><content type="html">&lt;p&gt;${a.text}&lt;/p&gt;</content></entry></feed>`;
  }
}

type Mutation = (bytes: Uint8Array, text: string, rnd: () => number, kind: Kind) => Uint8Array;

const at = (rnd: () => number, n: number) => Math.floor(rnd() * Math.max(1, n));

const MUTATIONS: Record<string, Mutation> = {
  'byte flips': (b, _t, rnd) => {
    const out = b.slice();
    const flips = 1 + at(rnd, 20);
    for (let k = 0; k < flips; k++) {
      const i = at(rnd, out.length);
      out[i] = (out[i] ?? 0) ^ (1 << at(rnd, 8));
    }
    return out;
  },
  truncation: (b, _t, rnd) => b.slice(0, at(rnd, b.length)),
  'malformed structure': (_b, t, rnd) => {
    // Drop or duplicate a structural character: brackets, braces, quotes, angle brackets.
    const idx: number[] = [];
    for (let i = 0; i < t.length; i++) if ('{}[]"<>:,/'.includes(t[i] as string)) idx.push(i);
    let s = t;
    for (let k = 0; k < 1 + at(rnd, 4) && idx.length; k++) {
      const i = idx[at(rnd, idx.length)] as number;
      s = rnd() < 0.5 ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + s[i] + s.slice(i);
    }
    return enc.encode(s);
  },
  'long tokens': (_b, t, rnd) => {
    const i = at(rnd, t.length);
    const ch = ['a', 'x-', '&', '.', 'é', '"'][at(rnd, 6)] as string;
    return enc.encode(t.slice(0, i) + ch.repeat(5000 + at(rnd, 60_000)) + t.slice(i));
  },
  'deep nesting': (_b, t, rnd, kind) => {
    const n = 500 + at(rnd, 20_000);
    if (kind === 'json' || kind === 'jsonl') return enc.encode(rnd() < 0.5 ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"text":'.repeat(n)}"x"${'}'.repeat(n)}`);
    if (kind === 'rss' || kind === 'atom') return enc.encode(t.replace('<title>Feed</title>', `<title>Feed</title>${'<x>'.repeat(n)}${'</x>'.repeat(n)}`));
    return enc.encode(t.replace('<h1>', `${'<div>'.repeat(n)}<h1>`).replace('</article>', `${'</div>'.repeat(n)}</article>`) + (kind === 'text' ? '<div>'.repeat(n) : ''));
  },
  'NUL bytes': (b, _t, rnd) => {
    const out = b.slice();
    for (let i = 0; i < 1 + at(rnd, 8); i++) out[at(rnd, out.length)] = 0;
    return out;
  },
  'wrong encoding': (_b, t, rnd) => {
    const r = at(rnd, 4);
    if (r === 0) return new Uint8Array(Buffer.from(t, 'utf16le')); // UTF-16 without a BOM
    if (r === 1) return new Uint8Array(Buffer.from(t.replace(/a/g, 'ä'), 'latin1')); // Latin-1, no charset
    if (r === 2) return new Uint8Array([0xef, 0xbb, 0xbf, 0xff, 0xfe, ...enc.encode(t)]); // two BOMs
    return new Uint8Array([0xfe, 0xff, ...enc.encode(t)]); // a UTF-16 BE BOM over UTF-8
  },
  'empty containers': (_b, _t, rnd, kind) => {
    const forms: Record<Kind, string[]> = {
      json: ['[]', '{}', '{"articles": []}', '{"documents": []}', '[{}]', '[[]]', 'null', '""'],
      jsonl: ['{}\n{}', '[]', '{"documents": []}\n', '\n\n\n', 'null\nnull'],
      html: ['<html></html>', '<html><body></body></html>', '<p></p>', '<!---->'],
      rss: ['<rss><channel></channel></rss>', '<rss></rss>', '<rss><channel><item></item></channel></rss>'],
      atom: ['<feed></feed>', '<feed xmlns="http://www.w3.org/2005/Atom"><entry></entry></feed>'],
      text: [' ', '\n', '\t\t', '.'],
    };
    const list = forms[kind];
    return enc.encode(list[at(rnd, list.length)] as string);
  },
};

const NAMES = Object.keys(MUTATIONS);
const KINDS: Kind[] = ['text', 'html', 'json', 'jsonl', 'rss', 'atom'];

interface Failure {
  n: number;
  mutation: string;
  kind: Kind;
  why: string;
}

describe('fuzzing the readers', () => {
  it(`${CASES} mutated and hostile inputs: no crash, no hang, no silent drop, no good article lost`, () => {
    const rnd = mulberry32(20261207);
    const failures: Failure[] = [];
    const perMutation = new Map<string, number>();
    let slowest = 0;
    const started = performance.now();
    for (let n = 0; n < CASES; n++) {
      const kind = KINDS[n % KINDS.length] as Kind;
      const mutation = NAMES[Math.floor(n / KINDS.length) % NAMES.length] as string;
      perMutation.set(mutation, (perMutation.get(mutation) ?? 0) + 1);
      const text = seed(kind, rnd);
      const bytes = (MUTATIONS[mutation] as Mutation)(enc.encode(text), text, rnd, kind);
      const name = `case-${n}.${EXT[kind]}`;
      const fail = (why: string) => failures.push({ n, mutation, kind, why });
      // The batch: a good article read before and after the mutated input, ids shared.
      const ids = new IdRegistry();
      const good = article(rnd);
      const before = readBytes(`good-before-${n}.txt`, enc.encode(`${good.title}\n\n${good.text}`), { ids });
      let r: ReturnType<typeof readBytes>;
      const t = performance.now();
      try {
        r = readBytes(name, bytes, { ids });
      } catch (e) {
        fail(`threw: ${(e as Error).message}`);
        continue;
      }
      const ms = performance.now() - t;
      slowest = Math.max(slowest, ms);
      if (ms > BOUND_MS) fail(`took ${Math.round(ms)} ms`);
      const after = readBytes(`good-after-${n}.txt`, enc.encode(`${good.title}\n\nLater. ${good.text}`), { ids });
      if (r.articles.length === 0 && r.diagnostics.length === 0) fail('silent: no article and no diagnostic');
      const crash = r.diagnostics.find((d) => /failed while reading it/.test(d.message));
      if (crash) fail(`caught a crash: ${crash.message}`);
      if (before.articles.length !== 1 || after.articles.length !== 1) fail('a good article next to it was lost');
      for (const a of r.articles) if (!a.text.trim()) fail(`article ${a.id} has no text`);
    }
    const total = performance.now() - started;
    // Every kind of mutation ran many times.
    for (const m of NAMES) expect(perMutation.get(m) ?? 0, m).toBeGreaterThanOrEqual(250);
    expect(failures.slice(0, 10), `${failures.length} failures; slowest input ${Math.round(slowest)} ms`).toEqual([]);
    expect(total).toBeLessThan(60_000);
  }, 120_000);
});
