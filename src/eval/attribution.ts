/**
 * Scores quote attribution against gold attribution relations (PolNeAR-style files,
 * read by `attribution-gold.ts`).
 *
 * Each gold article goes through the pipeline `brief` uses (ingest's cleaning via
 * `articleFromRecord`, `annotate`, the story analysis) as a story of one article. The
 * cleaned text's offsets are aligned back to the gold text (cleaning drops the repeated
 * headline, datelines and boilerplate lines, and joins broken paragraphs).
 *
 * Direct quotes: a found quotation matches a gold direct quote when their characters
 * overlap by at least half of the shorter of the two (the found quotation's content
 * against the gold content's parts inside quotation marks); a found quotation matching
 * several takes the one it overlaps most.
 *   recall            gold direct quotes matched by a found quotation
 *   speakerPrecision  right speaker among matched found quotations that have a speaker
 *                     (and whose gold quote has one)
 *   speakerCoverage   matched found quotations whose gold quote has a speaker that get one
 * Claims (reported speech without quotation marks): the sentences outside quotations
 * that the attributor gives a speaker (`Attributor.sentence`) are the found claims; a
 * gold claim is found when its cue lies in one; speakers are scored the same way.
 *
 * A speaker is right when its name and the gold name share the surname (the last name
 * word of either is among the other's name words) without two different words before
 * it ("Bill Clinton" is not "Hillary Clinton"), or, for a described gold speaker
 * ("a spokesman for the ministry"), when the found speaker shares a content word with
 * the description.
 */
import type { AnnotatedArticle, Diagnostic, Sentence } from '../types.js';
import { articleFromRecord } from '../ingest/index.js';
import { annotate } from '../text/nlp.js';
import { analyzeQuotes } from '../analysis/index.js';
import { descriptionWords, hasGoldSpeaker, nameWords, type GoldArticle, type GoldRelation, type GoldSourceKind, type GoldSpeaker, type Span } from './attribution-gold.js';

export interface AttributionScores {
  gold: number;
  found: number;
  /** Found items that match a gold one. */
  matched: number;
  recall: number;
  speakerPrecision: number;
  speakerCoverage: number;
  /** Counts behind the ratios. */
  goldFound: number;
  withGoldSpeaker: number;
  speakerGiven: number;
  speakerRight: number;
}

export interface AttributionReport {
  file: string;
  articles: number;
  /** Articles ingest refused (their gold items count as not found). */
  refused: number;
  split: string | null;
  quotes: AttributionScores & {
    bySource: Record<Exclude<GoldSourceKind, 'none'>, AttributionScores>;
    /** Speaker precision and coverage by how the speaker was found ("after", "pronoun", "continuation", …; "none" without a speaker). */
    byHow: Record<string, AttributionScores>;
    /** The same by the finer route that found the speaker ("pronoun:he:prev-speaker", "continuation:prev-quote", …; "+para" when a pronoun's referent lies in an earlier paragraph). */
    byRoute: Record<string, AttributionScores>;
  };
  claims: AttributionScores;
  publishers: Record<string, { articles: number; quotes: AttributionScores; claims: AttributionScores }>;
  splits: Record<string, { articles: number; quotes: AttributionScores; claims: AttributionScores }>;
  seconds: number;
  diagnostics: Diagnostic[];
  /** Direct-quote errors, when asked for (`errors` option). */
  errors?: AttributionError[];
}

/** One scoring error, for study (`--errors`): offsets into the gold article's text. */
export interface AttributionError {
  article: string;
  kind: 'wrong-speaker' | 'no-speaker' | 'missed';
  goldKind: GoldSourceKind;
  /** Gold source text and the name words it resolves to (for pronouns and descriptions). */
  gold: string;
  goldName: string | null;
  found: string | null;
  how: string | null;
  start: number;
  end: number;
}

/** One found item, in gold-text offsets. */
export interface FoundItem {
  start: number;
  end: number;
  speaker: string | null;
  /** How the speaker was found (for `--errors`). */
  how?: string | null;
  /** The finer route that found it (for the per-route scores). */
  route?: string | null;
}

class Tally {
  gold = 0;
  found = 0;
  matched = 0;
  goldFound = 0;
  withGoldSpeaker = 0;
  speakerGiven = 0;
  speakerRight = 0;

  add(o: Tally): void {
    this.gold += o.gold;
    this.found += o.found;
    this.matched += o.matched;
    this.goldFound += o.goldFound;
    this.withGoldSpeaker += o.withGoldSpeaker;
    this.speakerGiven += o.speakerGiven;
    this.speakerRight += o.speakerRight;
  }

  scores(): AttributionScores {
    const r = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 10000 : 0);
    return {
      gold: this.gold,
      found: this.found,
      matched: this.matched,
      recall: r(this.goldFound, this.gold),
      speakerPrecision: r(this.speakerRight, this.speakerGiven),
      speakerCoverage: r(this.speakerGiven, this.withGoldSpeaker),
      goldFound: this.goldFound,
      withGoldSpeaker: this.withGoldSpeaker,
      speakerGiven: this.speakerGiven,
      speakerRight: this.speakerRight,
    };
  }
}

/**
 * Maps each offset of `clean` to the offset of the same character in `raw` (-1 where
 * none): paragraph by paragraph, anchored by their opening characters, walking over
 * whitespace differences and re-anchoring after a changed stretch.
 */
export function alignOffsets(clean: string, raw: string): Int32Array {
  const map = new Int32Array(clean.length + 1).fill(-1);
  let cursor = 0;
  let pa = 0;
  const ws = (c: string | undefined) => c !== undefined && /\s/.test(c);
  const find = (i: number, from: number): number => {
    for (const n of [40, 16, 8]) {
      const probe = clean.slice(i, Math.min(clean.length, i + n, clean.indexOf('\n', i) < 0 ? clean.length : clean.indexOf('\n', i)));
      if (probe.trim().length < Math.min(n, 4)) return -1;
      const at = raw.indexOf(probe, from);
      if (at >= 0) return at;
      // Whitespace may differ (doubled spaces, a line break where cleaning joined lines).
      const parts = probe.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      const re = new RegExp(parts.join('\\s+'), 'g');
      re.lastIndex = from;
      const m = re.exec(raw);
      if (m && probe.trim() === probe.slice(0, probe.trim().length)) return m.index;
    }
    return -1;
  };
  while (pa < clean.length) {
    let pb = clean.indexOf('\n', pa);
    if (pb < 0) pb = clean.length;
    let i = pa;
    let j = find(i, cursor);
    if (j < 0) j = find(i, 0);
    while (j >= 0 && i < pb) {
      if (j >= raw.length) break;
      const c = clean[i] as string;
      const r = raw[j] as string;
      if (c === r) {
        map[i++] = j++;
      } else if (ws(c) && ws(r)) {
        map[i++] = j++;
        while (ws(raw[j]) && !ws(clean[i])) j++;
      } else if (ws(r)) j++;
      else if (ws(c)) map[i++] = j;
      else {
        // A changed stretch (cleaning repairs mojibake: "PeÃ±a" → "Peña"): re-anchor on the
        // first of the next clean characters found again within 400 characters of raw text;
        // the characters skipped stay unmapped.
        let again = -1;
        let skip = 0;
        for (; skip < 12 && i + skip < pb; skip++) {
          again = find(i + skip, j);
          if (again >= 0 && again - j <= 400) break;
          again = -1;
        }
        if (again < 0) break;
        i += skip;
        j = again;
      }
    }
    if (j >= 0) cursor = Math.max(cursor, j);
    pa = pb + 1;
  }
  return map;
}

function overlap(a: Span, spans: Span[]): number {
  let n = 0;
  for (const [x, y] of spans) n += Math.max(0, Math.min(a[1], y) - Math.max(a[0], x));
  return n;
}

function length(spans: Span[]): number {
  return spans.reduce((n, [x, y]) => n + (y - x), 0);
}

/** Whether two name-word lists name the same one (see the module comment). Symmetric: either list's surname may anchor the match. */
export function sameName(a: string[], b: string[]): boolean {
  if (!a.length || !b.length) return false;
  return anchoredOn(a, b) || anchoredOn(b, a);
}

/** Whether `a`'s last word occurs in `b` and the words before it agree (or one is the other's initial). */
function anchoredOn(a: string[], b: string[]): boolean {
  const ia = a.length - 1;
  const ib = b.lastIndexOf(a[ia] as string);
  if (ib < 0) return false;
  const pa = a[ia - 1];
  const pb = b[ib - 1];
  if (pa && pb && pa !== pb && !b.includes(pa) && !a.includes(pb)) {
    // Initials agree with the word they abbreviate ("J." ~ "John").
    if (!((pa.length === 1 || pb.length === 1) && pa[0] === pb[0])) return false;
  }
  return true;
}

/** The initials of the capitalised words of a name ("Democratic National Committee" → "dnc"). */
function initials(s: string): string {
  return (s.match(/\p{Lu}[\p{L}'’-]*/gu) ?? []).map((w) => (w[0] as string).toLowerCase()).join('');
}

/** Whether one side is an acronym of the other ("the DNC" ~ "Democratic National Committee"). */
function acronymOf(a: string, b: string): boolean {
  const acr = a.match(/\b\p{Lu}{2,6}\b/gu);
  return Boolean(acr?.some((x) => initials(b).includes(x.toLowerCase()) && initials(b).length === x.length));
}

/** Whether a found speaker (a name or a description) is the gold speaker. */
export function speakerMatches(found: string, gold: GoldSpeaker): boolean {
  const names = nameWords(found);
  if (gold.name && names.length && sameName(names, gold.name)) return true;
  if (gold.inner && names.length && sameName(names, gold.inner)) return true;
  if (gold.kind === 'name' && (acronymOf(gold.text, found) || acronymOf(found, gold.text))) return true;
  if (gold.description?.length) {
    const ws = new Set(descriptionWords(found));
    if (gold.description.some((w) => ws.has(w))) return true;
  }
  return false;
}

/** The tally of key `k` in `map`, made when missing. */
function tallyOf<K>(map: Map<K, Tally>, k: K): Tally {
  let t = map.get(k);
  if (!t) map.set(k, (t = new Tally()));
  return t;
}

/** Scores found items against gold relations (both in gold-text offsets). */
export function scoreItems(found: FoundItem[], gold: GoldRelation[], mode: 'quote' | 'claim', errors?: Omit<AttributionError, 'article'>[]): { tally: Tally; bySource: Map<GoldSourceKind, Tally>; byHow: Map<string, Tally>; byRoute: Map<string, Tally> } {
  const byHow = new Map<string, Tally>();
  const how = (k: string) => tallyOf(byHow, k);
  const byRoute = new Map<string, Tally>();
  const route = (k: string) => tallyOf(byRoute, k);
  const tally = new Tally();
  const bySource = new Map<GoldSourceKind, Tally>();
  const src = (k: GoldSourceKind) => tallyOf(bySource, k);
  tally.gold = gold.length;
  for (const g of gold) src(g.speaker.kind).gold++;
  tally.found = found.length;
  const goldHit = new Set<GoldRelation>();
  for (const f of found) {
    let best: GoldRelation | null = null;
    let bestOverlap = 0;
    for (const g of gold) {
      if (mode === 'quote') {
        const o = overlap([f.start, f.end], g.quoted);
        const need = 0.5 * Math.min(f.end - f.start, length(g.quoted));
        if (o > 0 && o >= need && o > bestOverlap) {
          best = g;
          bestOverlap = o;
        }
      } else if (g.cueStart >= f.start && g.cueStart < f.end) {
        // A claim: every gold claim whose cue lies in the found sentence is found.
        if (!goldHit.has(g)) {
          goldHit.add(g);
          scoreSpeaker(f, g, tally, src(g.speaker.kind), errors);
        }
        best = g;
      }
    }
    if (!best) continue;
    tally.matched++;
    if (mode === 'quote') {
      const t = src(best.speaker.kind);
      t.matched++;
      if (!goldHit.has(best)) {
        goldHit.add(best);
      }
      const h = how(f.speaker ? (f.how ?? 'unknown') : 'none');
      h.found++;
      h.matched++;
      const r = route(f.speaker ? (f.route ?? f.how ?? 'unknown') : 'none');
      r.found++;
      r.matched++;
      scoreSpeaker(f, best, tally, t, errors, h, r);
    }
  }
  if (errors) {
    for (const g of gold) {
      if (goldHit.has(g)) continue;
      const at = (mode === 'quote' ? g.quoted : g.content)[0] ?? g.content[0] ?? [g.cueStart, g.cueStart];
      const last = (mode === 'quote' ? g.quoted : g.content).at(-1) ?? at;
      errors.push({ kind: 'missed', goldKind: g.speaker.kind, gold: g.speaker.text, goldName: g.speaker.name?.join(' ') ?? null, found: null, how: null, start: at[0], end: last[1] });
    }
  }
  tally.goldFound = goldHit.size;
  for (const g of goldHit) src(g.speaker.kind).goldFound++;
  return { tally, bySource, byHow, byRoute };
}

function scoreSpeaker(f: FoundItem, g: GoldRelation, tally: Tally, t: Tally, errors?: Omit<AttributionError, 'article'>[], h: Tally = new Tally(), r: Tally = new Tally()): void {
  if (!hasGoldSpeaker(g.speaker)) return;
  tally.withGoldSpeaker++;
  t.withGoldSpeaker++;
  h.withGoldSpeaker++;
  r.withGoldSpeaker++;
  const error = (kind: AttributionError['kind']) =>
    errors?.push({ kind, goldKind: g.speaker.kind, gold: g.speaker.text, goldName: g.speaker.name?.join(' ') ?? null, found: f.speaker, how: f.how ?? null, start: f.start, end: f.end });
  if (!f.speaker) {
    error('no-speaker');
    return;
  }
  tally.speakerGiven++;
  t.speakerGiven++;
  h.speakerGiven++;
  r.speakerGiven++;
  if (speakerMatches(f.speaker, g.speaker)) {
    tally.speakerRight++;
    t.speakerRight++;
    h.speakerRight++;
    r.speakerRight++;
  } else error('wrong-speaker');
}

/** Found quotations and claims of one gold article, through the pipeline `brief` uses. */
export function findAttributions(g: GoldArticle, source: string): { quotes: FoundItem[]; claims: FoundItem[]; refused: boolean; diagnostics: Diagnostic[] } {
  const { article, diagnostics } = articleFromRecord(
    { id: g.id, title: g.title, text: g.text, published: g.published, outlet: g.publisher || null },
    source,
  );
  if (!article) return { quotes: [], claims: [], refused: true, diagnostics };
  const doc: AnnotatedArticle = annotate(article);
  const detail = analyzeQuotes([doc]);
  const map = alignOffsets(article.text, g.text);
  const toRaw = (a: number, b: number): Span | null => {
    const x = map[a] ?? -1;
    const y = map[Math.max(a, b - 1)] ?? -1;
    return x >= 0 && y >= x ? [x, y + 1] : null;
  };
  const quotes: FoundItem[] = [];
  for (const q of [...detail.quotes, ...detail.fragments]) {
    const r = toRaw(q.start, q.end);
    if (r) quotes.push({ start: r[0], end: r[1], speaker: q.speaker?.name ?? q.speakerText, how: q.how, route: q.route });
  }
  const spans = detail.spans.get(article.id) ?? [];
  const claims: FoundItem[] = [];
  for (const s of doc.sentences as Sentence[]) {
    if (spans.some((q) => q.open < s.end && q.close >= s.start)) continue;
    const a = detail.attributor.sentence(doc, s);
    const speaker = a?.entity?.name ?? a?.text ?? null;
    if (!speaker) continue;
    const r = toRaw(s.start, s.end);
    if (r) claims.push({ start: r[0], end: r[1], speaker });
  }
  return { quotes, claims, refused: false, diagnostics };
}

export interface EvaluateAttributionOptions {
  split?: string | null;
  /** Collect the direct-quote errors (wrong or missing speaker, missed quote) into the report. */
  errors?: boolean;
  onProgress?: (p: { stage: string; done: number; total: number }) => void;
}

/** Scores every article of a gold file. */
export function evaluateAttribution(file: string, articles: GoldArticle[], opts: EvaluateAttributionOptions = {}): AttributionReport {
  const t0 = performance.now();
  const quotes = new Tally();
  const claims = new Tally();
  const bySource = new Map<GoldSourceKind, Tally>();
  const byHow = new Map<string, Tally>();
  const byRoute = new Map<string, Tally>();
  const publishers = new Map<string, { articles: number; quotes: Tally; claims: Tally }>();
  const splits = new Map<string, { articles: number; quotes: Tally; claims: Tally }>();
  const diagnostics: Diagnostic[] = [];
  const errors: AttributionError[] = [];
  let refused = 0;
  const group = (m: Map<string, { articles: number; quotes: Tally; claims: Tally }>, k: string) => {
    let v = m.get(k);
    if (!v) m.set(k, (v = { articles: 0, quotes: new Tally(), claims: new Tally() }));
    return v;
  };
  articles.forEach((g, i) => {
    const found = findAttributions(g, `${file}#${g.id}`);
    diagnostics.push(...found.diagnostics);
    if (found.refused) refused++;
    const qErrors: Omit<AttributionError, 'article'>[] | undefined = opts.errors ? [] : undefined;
    const q = scoreItems(found.quotes, g.quotes, 'quote', qErrors);
    for (const e of qErrors ?? []) errors.push({ article: g.id, ...e });
    const c = scoreItems(found.claims, g.claims, 'claim');
    quotes.add(q.tally);
    claims.add(c.tally);
    for (const [k, t] of q.byHow) tallyOf(byHow, k).add(t);
    for (const [k, t] of q.byRoute) tallyOf(byRoute, k).add(t);
    for (const [k, t] of q.bySource) tallyOf(bySource, k).add(t);
    for (const m of [group(publishers, g.publisher || '(none)'), group(splits, g.split || '(none)')]) {
      m.articles++;
      m.quotes.add(q.tally);
      m.claims.add(c.tally);
    }
    opts.onProgress?.({ stage: 'attribution', done: i + 1, total: articles.length });
  });
  const out = (m: Map<string, { articles: number; quotes: Tally; claims: Tally }>) =>
    Object.fromEntries([...m].sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => [k, { articles: v.articles, quotes: v.quotes.scores(), claims: v.claims.scores() }]));
  const src = (k: GoldSourceKind) => (bySource.get(k) ?? new Tally()).scores();
  return {
    file,
    articles: articles.length,
    refused,
    split: opts.split ?? null,
    quotes: { ...quotes.scores(), bySource: { name: src('name'), pronoun: src('pronoun'), description: src('description') },
      byHow: Object.fromEntries([...byHow].sort((a, b) => b[1].found - a[1].found).map(([k, t]) => [k, t.scores()])),
      byRoute: Object.fromEntries([...byRoute].sort((a, b) => b[1].found - a[1].found || a[0].localeCompare(b[0])).map(([k, t]) => [k, t.scores()])),
    },
    claims: claims.scores(),
    publishers: out(publishers),
    splits: out(splits),
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    diagnostics,
    ...(opts.errors ? { errors } : {}),
  };
}
