/**
 * `crossread eval-briefing`: briefs each labelled cluster as one story and scores the
 * briefing against the hand labels (src/eval/briefing-labels.ts).
 *
 * Gold spans are offsets into the document text as the dataset (or pile file) gives
 * it; crossread's references are offsets into the cleaned text. Each gold span's text
 * is found in the cleaned text (whitespace-insensitive); a span that cleaning removed
 * cannot be matched (it still counts for recall) and is reported.
 *
 * Matching:
 * - figures: a predicted number disagreement matches a gold one when the sentences its
 *   positions cite overlap at least two different gold positions (in two articles, or
 *   two positions of one). Predicted kind: `conflict` (status conflict), `update`
 *   (status different-moments) or `compatible`. A predicted conflict on a gold update or
 *   compatible item is a false positive; a predicted update/compatible on a gold
 *   conflict is a match (it shows the difference) but not kind-correct. Precision over
 *   predicted items, recall over gold items.
 * - disputes: a predicted dispute (kind `dispute` or `claim`) matches a gold dispute
 *   when a sentence it cites overlaps the gold claim or denial span.
 * - lineages: pairwise over article pairs (two articles in one predicted lineage vs
 *   one gold lineage).
 * - headline: right when, after whitespace/case/quote normalisation, it equals the
 *   text of an accepted span.
 * - citations: src/eval/briefing-citations.ts, over every labelled cluster.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Article, AnnotatedArticle, Diagnostic, SentenceRef } from '../types.js';
import type { BriefingStory, Disagreement } from '../briefing.js';
import { diagnostic } from '../errors.js';
import { ingest } from '../ingest/index.js';
import { annotate } from '../text/nlp.js';
import { briefStory } from '../brief.js';
import { parseClusterLine } from './dataset.js';
import { checkCitations, type CitationCheck, type CitationProblem } from './briefing-citations.js';
import type { FigureKind, LabelledCluster, LabelSpan } from './briefing-labels.js';

export interface PR {
  predicted: number;
  gold: number;
  /** Predicted items that match a gold item. */
  truePositives: number;
  /** Gold items matched by a predicted item. */
  found: number;
  precision: number;
  recall: number;
}

export interface FigureScore extends PR {
  /** Matched predicted items whose kind equals the gold kind. */
  kindCorrect: number;
  /** Recall over gold conflicts only. */
  conflictRecall: number;
}

export interface ClusterResult {
  id: string;
  articles: number;
  figures: { predicted: Array<{ subject: string; kind: FigureKind; match: string | null }>; missed: string[] } | null;
  disputes: { predicted: Array<{ subject: string; match: boolean }>; missed: string[] } | null;
  lineages: { predicted: string[][]; gold: string[][] } | null;
  headline: { predicted: string; ok: string[]; right: boolean } | null;
  citations: CitationCheck;
}

export interface BriefingEvaluation {
  files: string[];
  clusters: number;
  figures: FigureScore;
  disputes: PR;
  lineages: PR;
  headline: { labelled: number; right: number; accuracy: number };
  citations: CitationCheck;
  perCluster: ClusterResult[];
  diagnostics: Diagnostic[];
}

export interface EvalBriefingOptions {
  /** Folder that dataset sources are resolved against (default ../shared/data/dev). */
  dataDir?: string;
  /** Folder that pile sources are resolved against (default: the working directory). */
  repoDir?: string;
  onProgress?: (done: number, total: number) => void;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

function pr(predicted: number, gold: number, truePositives: number, found: number): PR {
  return { predicted, gold, truePositives, found, precision: ratio(truePositives, predicted), recall: ratio(found, gold) };
}

/** Whitespace-collapsed text with a map back to offsets of the original. */
function collapsed(text: string): { text: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out += ' ';
      map.push(i);
      space = false;
    }
    out += c;
    map.push(i);
  }
  return { text: out, map };
}

export function normalizeText(s: string): string {
  return s
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

type Located = { article: string; start: number; end: number } | null;

/** Finds a gold span (offsets into the raw text) in the article's cleaned text. */
export function locate(article: Article, span: LabelSpan, labelled: string = article.rawText): Located {
  const raw = labelled.slice(span.start, span.end);
  const needle = collapsed(raw).text;
  if (!needle) return null;
  const hay = collapsed(article.text);
  let at = hay.text.indexOf(needle);
  let len = needle.length;
  if (at < 0) {
    // Cleaning may have changed a few characters: try the longer of its two halves.
    const half = Math.floor(needle.length / 2);
    const parts = [needle.slice(0, half), needle.slice(half)].filter((p) => p.length >= 12);
    for (const p of parts) {
      at = hay.text.indexOf(p);
      if (at >= 0) {
        len = p.length;
        break;
      }
    }
  }
  if (at < 0) return null;
  const start = hay.map[at] as number;
  const end = (hay.map[at + len - 1] as number) + 1;
  return { article: article.id, start, end };
}

function overlaps(r: SentenceRef, l: Located): boolean {
  return l !== null && r.articleId === l.article && r.start < l.end && l.start < r.end;
}

function refsOf(d: Disagreement): SentenceRef[][] {
  return d.positions.map((p) => p.refs ?? []);
}

export function predictedKind(d: Disagreement): FigureKind {
  if (d.status === 'different-moments') return 'update';
  if ((d.status as string | undefined) === 'compatible') return 'compatible';
  return 'conflict';
}

/** Reads the articles of a labelled cluster, or the reason they cannot be read. */
async function clusterArticles(
  c: LabelledCluster,
  opts: Required<Pick<EvalBriefingOptions, 'dataDir' | 'repoDir'>>,
  datasetCache: Map<string, Map<string, { text: string; number: number }>>,
): Promise<{ articles: Article[]; diagnostics: Diagnostic[]; labelled?: Map<string, string> }> {
  if ('dir' in c.source) {
    const dir = resolve(opts.repoDir, c.source.dir);
    const { articles, skipped } = await ingest([dir]);
    return { articles, diagnostics: skipped };
  }
  const path = resolve(opts.dataDir, c.source.file);
  let lines = datasetCache.get(path);
  if (!lines) {
    lines = new Map();
    const text = await readFile(path, 'utf8');
    for (const [i, l] of text.split('\n').entries()) {
      const m = /^\s*\{\s*"id"\s*:\s*"([^"]+)"/.exec(l);
      if (m) lines.set(m[1] as string, { text: l, number: i + 1 });
    }
    datasetCache.set(path, lines);
  }
  const found = lines.get(c.id);
  if (!found) return { articles: [], diagnostics: [diagnostic('error', path, 'CLUSTER_NOT_FOUND', path, c.id)] };
  const line = found.text;
  const { cluster, diagnostics } = parseClusterLine(line, path, found.number);
  // Label offsets count in the dataset's own document text; ingest drops zero-width
  // characters from `rawText` (src/ingest/decode.ts), which would shift every offset after one.
  const labelled = new Map<string, string>();
  const docs = (JSON.parse(line) as { documents?: unknown }).documents;
  if (Array.isArray(docs)) {
    for (const d of docs as Array<{ id?: unknown; text?: unknown }>) {
      if ((typeof d.id === 'string' || typeof d.id === 'number') && typeof d.text === 'string') labelled.set(String(d.id), d.text);
    }
  }
  return { articles: cluster?.articles ?? [], diagnostics, labelled };
}

/** Briefs every labelled cluster and scores it. */
export async function evaluateBriefings(files: string[], clusters: LabelledCluster[], options: EvalBriefingOptions = {}): Promise<BriefingEvaluation> {
  const opts = {
    dataDir: options.dataDir ?? resolve(process.env.CROSSREAD_SHARED ?? resolve('..', 'shared'), 'data', 'dev'),
    repoDir: options.repoDir ?? process.cwd(),
  };
  const diagnostics: Diagnostic[] = [];
  const cache = new Map<string, Map<string, { text: string; number: number }>>();
  const perCluster: ClusterResult[] = [];
  const fig = { predicted: 0, gold: 0, tp: 0, found: 0, kindCorrect: 0, goldConflicts: 0, foundConflicts: 0 };
  const dis = { predicted: 0, gold: 0, tp: 0, found: 0 };
  const lin = { predicted: 0, gold: 0, tp: 0 };
  const head = { labelled: 0, right: 0 };
  const cit: CitationCheck = { sentencesWithFigures: 0, citationsChecked: 0, unsupportedSentences: 0, sentences: 0, contentChecked: 0, unstatedSentences: 0, problems: [] as CitationProblem[] };
  let done = 0;
  for (const c of clusters) {
    let read: { articles: Article[]; diagnostics: Diagnostic[]; labelled?: Map<string, string> };
    try {
      read = await clusterArticles(c, opts, cache);
    } catch (e) {
      read = { articles: [], diagnostics: [diagnostic('error', c.origin[0] ?? null, 'LABELS_MALFORMED', c.origin[0] ?? '?', 0, `cluster "${c.id}": source cannot be read (${(e as Error).message})`)] };
    }
    diagnostics.push(...read.diagnostics.filter((d) => d.level !== 'info'));
    if (read.articles.length === 0) {
      diagnostics.push(diagnostic('error', c.origin[0] ?? null, 'LABELS_MALFORMED', c.origin[0] ?? '?', 0, `cluster "${c.id}": no article could be read; not scored`));
      continue;
    }
    const docs: AnnotatedArticle[] = read.articles.map((a) => annotate(a));
    const byId = new Map(read.articles.map((a) => [a.id, a]));
    const story: BriefingStory = briefStory(docs, {}, c.id);
    const labelledText = (a: Article) => read.labelled?.get(a.id) ?? a.rawText;
    const where = (s: LabelSpan): Located => {
      const a = byId.get(s.article);
      const l = a ? locate(a, s, labelledText(a)) : null;
      if (!l) {
        diagnostics.push(
          diagnostic('warning', c.origin[0] ?? null, 'LABEL_SPAN_NOT_FOUND', c.id, s.article, s.start, s.end, a ? 'is not in the cleaned text (removed by cleaning?)' : 'names an article that was not read'),
        );
      }
      return l;
    };
    const result: ClusterResult = { id: c.id, articles: docs.length, figures: null, disputes: null, lineages: null, headline: null, citations: checkCitations(story, docs) };

    if (c.figures) {
      const gold = c.figures.map((g) => ({ g, spans: g.positions.map(where) }));
      const predicted = story.disagreements.filter((d) => d.kind === 'number');
      const matchedGold = new Set<number>();
      result.figures = { predicted: [], missed: [] };
      for (const d of predicted) {
        const refs = refsOf(d).flat();
        const kind = predictedKind(d);
        let match: number | null = null;
        gold.forEach(({ g, spans }, gi) => {
          if (match !== null) return;
          const hit = spans.filter((l) => refs.some((r) => overlaps(r, l))).length;
          if (hit < 2) return;
          if (kind === 'conflict' && g.kind !== 'conflict') return;
          match = gi;
        });
        fig.predicted++;
        if (match !== null) {
          fig.tp++;
          matchedGold.add(match);
          if (gold[match]?.g.kind === kind) fig.kindCorrect++;
        }
        result.figures.predicted.push({ subject: d.subject, kind, match: match === null ? null : (gold[match]?.g.what ?? '') });
      }
      fig.gold += gold.length;
      fig.found += matchedGold.size;
      gold.forEach(({ g }, gi) => {
        if (g.kind === 'conflict') {
          fig.goldConflicts++;
          if (matchedGold.has(gi)) fig.foundConflicts++;
        }
        if (!matchedGold.has(gi)) result.figures?.missed.push(`${g.kind}: ${g.what}`);
      });
    }

    if (c.disputes) {
      const gold = c.disputes.map((g) => ({ g, claim: where(g.claim), denial: where(g.denial) }));
      const predicted = story.disagreements.filter((d) => d.kind === 'dispute' || d.kind === 'claim');
      const matchedGold = new Set<number>();
      result.disputes = { predicted: [], missed: [] };
      for (const d of predicted) {
        const refs = refsOf(d).flat();
        let hit = false;
        gold.forEach(({ claim, denial }, gi) => {
          if (refs.some((r) => overlaps(r, claim) || overlaps(r, denial))) {
            hit = true;
            matchedGold.add(gi);
          }
        });
        dis.predicted++;
        if (hit) dis.tp++;
        result.disputes.predicted.push({ subject: d.subject, match: hit });
      }
      dis.gold += gold.length;
      dis.found += matchedGold.size;
      gold.forEach(({ g }, gi) => {
        if (!matchedGold.has(gi)) result.disputes?.missed.push(`${g.denier} disputes ${g.claimant}`);
      });
    }

    if (c.lineages) {
      const pairs = (groups: string[][]): Set<string> => {
        const s = new Set<string>();
        for (const g of groups) {
          const ids = [...new Set(g)].sort();
          for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) s.add(`${ids[i]}\u0000${ids[j]}`);
        }
        return s;
      };
      const p = pairs(story.lineages.map((l) => l.articleIds));
      const g = pairs(c.lineages);
      lin.predicted += p.size;
      lin.gold += g.size;
      for (const x of p) if (g.has(x)) lin.tp++;
      result.lineages = { predicted: story.lineages.map((l) => l.articleIds), gold: c.lineages };
    }

    if (c.headline) {
      const ok = c.headline.ok
        .map((s) => {
          const a = byId.get(s.article);
          return a ? normalizeText(labelledText(a).slice(s.start, s.end)) : '';
        })
        .filter(Boolean);
      const right = ok.includes(normalizeText(story.headline));
      head.labelled++;
      if (right) head.right++;
      result.headline = { predicted: story.headline, ok, right };
    }

    cit.sentencesWithFigures += result.citations.sentencesWithFigures;
    cit.citationsChecked += result.citations.citationsChecked;
    cit.unsupportedSentences += result.citations.unsupportedSentences;
    cit.sentences += result.citations.sentences;
    cit.contentChecked += result.citations.contentChecked;
    cit.unstatedSentences += result.citations.unstatedSentences;
    cit.problems.push(...result.citations.problems.map((p) => ({ ...p, text: `${c.id}: ${p.text}` })));
    perCluster.push(result);
    options.onProgress?.(++done, clusters.length);
  }
  return {
    files,
    clusters: perCluster.length,
    figures: {
      ...pr(fig.predicted, fig.gold, fig.tp, fig.found),
      kindCorrect: fig.kindCorrect,
      conflictRecall: ratio(fig.foundConflicts, fig.goldConflicts),
    },
    disputes: pr(dis.predicted, dis.gold, dis.tp, dis.found),
    lineages: pr(lin.predicted, lin.gold, lin.tp, lin.tp),
    headline: { ...head, accuracy: ratio(head.right, head.labelled) },
    citations: cit,
    perCluster,
    diagnostics,
  };
}
