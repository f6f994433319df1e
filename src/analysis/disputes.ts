/**
 * Disputes: explicit rejections of a claim ("categorically denied Russia's
 * assertions that …", "such claims are false", "respectfully disagree with Russia
 * that …", "did not agree with Moscow's statements about …") and contrasting
 * statements ("But the Observatory said IS still held about eight percent …"),
 * each linked to the claim it disputes and to who disputes it.
 *
 * Cues are data (data/lexicon/disputes.json). For each cue the disputer is the
 * speaker of the quotation holding the cue or the subject of the sentence; the
 * claimant is the possessor of the claim noun ("Russia's assertions") or the object
 * of "disagree with"; the claim's content is the "that"/"about" clause. The claim is
 * then looked up among the story's attributed statements (quotations and reported
 * speech of someone other than the disputer) by content keys (./terms.ts). A
 * cue without content ("I respectfully disagree") takes the claim of a dispute
 * in the sentence just before. Contrasts need a contrast word, a persistence word
 * ("still", "remain") and a linked claim of another speaker. Disputes of one claim
 * form one disagreement; an item whose claim cannot be identified is left out.
 */
import type { Disagreement, DisagreementPosition } from '../briefing.js';
import type { AnnotatedArticle, Sentence, SentenceRef, Token } from '../types.js';
import type { Attribution, Attributor } from './attribution.js';
import type { EntityIndex, EntityInfo } from './entities.js';
import { lexicon } from './lexicon.js';
import type { RawQuote } from './quotes.js';
import { contentKeys, sentenceKeys } from './terms.js';
import { dedupe, KeyIndex, UnionFind } from './pairs.js';

/** A statement someone made: a quotation or a sentence of reported speech. */
/** Words opening an adverbial clause around a participle ("after denying", "while rejecting"). */
const ADVERBIAL_OPENERS = new Set(['after', 'before', 'while', 'since', 'when', 'despite', 'without', 'upon', 'by']);

export interface Statement {
  articleId: string;
  sentence: Sentence;
  text: string;
  speaker: EntityInfo | null;
  speakerText: string | null;
  keys: Set<string>;
  start: number;
  end: number;
}

interface DisputeItem {
  articleId: string;
  sentence: Sentence;
  disputer: Attribution | null;
  claimant: EntityInfo | null;
  /** Content keys of the disputed claim as the sentence states it. */
  claimKeys: Set<string>;
  claimText: string | null;
  claim: Statement | null;
  kind: 'dispute' | 'claim';
  /** The cue's own subject is a plural pronoun the sentence's speaker cannot be (`pluralSubjectOf`): who or what disputes is not said. */
  pronounSubject?: boolean;
}

/**
 * Whether the cue's own subject is a plural pronoun ("… argued that they contradicted the
 * plaintiff’s claims", "they" being the photographs) that the sentence's attribution, a
 * single person, cannot be: then that person is not the disputer (mnval-103 named the judge
 * who admitted the photographs). Auxiliaries, negations and adverbs may stand between.
 */
function pluralSubjectOf(s: Sentence, k: number, who: Attribution): boolean {
  if (who.entity?.type !== 'person') return false;
  let p = k - 1;
  while (p >= 0 && (s.tokens[p]!.pos === 'ADV' || s.tokens[p]!.pos === 'AUX' || s.tokens[p]!.pos === 'PART')) p--;
  const t = s.tokens[p];
  return t !== undefined && lexicon().pronouns.get(t.norm) === 'plural';
}

function negated(toks: Token[], i: number): boolean {
  const neg = new Set(lexicon().disputes.negators);
  for (let k = Math.max(0, i - 3); k < i; k++) if (neg.has(toks[k]!.norm)) return true;
  return false;
}

let phraseRe: RegExp | null = null;
function phraseRegex(): RegExp {
  if (!phraseRe) {
    const esc = lexicon().disputes.phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    phraseRe = new RegExp(esc.join('|'), 'i');
  }
  return phraseRe;
}

/** Index of a dispute cue in the sentence, or -1. */
export function cueIndex(s: Sentence): number {
  const d = lexicon().disputes;
  const toks = s.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'ADJ' || t.pos === 'NOUN') {
      if (d.verbSet.has(t.lemma) && t.pos !== 'NOUN' && !negated(toks, i) && !withholds(toks, i)) return i;
      if (d.objectVerbSet.has(t.lemma)) {
        const obj = toks.slice(i + 1, i + 7).some((x) => d.claimNounSet.has(x.norm));
        const neg = negated(toks, i);
        if (obj && (neg === d.negatedObjectVerbs.includes(t.lemma))) return i;
        // (Not "was recognised by experts as a fake": a verb that disputes only when negated.)
        if (!neg && !d.negatedObjectVerbs.includes(t.lemma) && passiveFalsity(toks, i)) return i;
      }
    }
  }
  const m = phraseRegex().exec(s.text);
  if (!m) return -1;
  const off = s.start + m.index;
  const k = toks.findIndex((t) => t.start >= off);
  return k < 0 ? toks.length - 1 : k;
}

/**
 * A passive rejection that names its rejecter and calls the claim false: "… were
 * dismissed by the CPP as mostly fabrications", "was rejected by the ministry as
 * baseless" (data/lexicon/disputes.json, `falsity`).
 */
function passiveFalsity(toks: Token[], i: number): boolean {
  if (!/^(?:was|were|been|being|is|are)$/.test(toks[i - 1]?.norm ?? '') || toks[i + 1]?.norm !== 'by') return false;
  const falsity = lexicon().disputes.falsitySet;
  for (let k = i + 2; k < toks.length && k - i <= 8; k++) {
    const t = toks[k] as Token;
    if (/^[,.;:!?]$/.test(t.text)) return false;
    if (t.norm === 'as') return toks.slice(k + 1, k + 4).some((x) => falsity.has(x.norm));
  }
  return false;
}

/**
 * The claim of a passive rejection ("The killings … documented by U.N. human rights
 * workers were dismissed by the CPP as fabrications"): the passive's subject, from the
 * sentence's start to the form of "be", and whose claim it is — a name after "by" or
 * before a possessive inside it. Null when the cue is not such a passive.
 */
function passiveClaim(s: Sentence, k: number, index: EntityIndex): { start: number; end: number; entity: EntityInfo | null } | null {
  const toks = s.tokens;
  if (!passiveFalsity(toks, k) || k < 3) return null;
  const be = toks[k - 1] as Token;
  const ms = (index.bySentence.get(s.id) ?? []).filter((m) => m.last < k - 1);
  const by = ms.find((m) => toks[m.first - 1]?.norm === 'by' || toks[m.first - 2]?.norm === 'by');
  const own = ms.find((m) => possessive(toks[m.last + 1]));
  const m = by ?? own;
  const e = m ? (index.of.get(m) ?? null) : null;
  return { start: s.start, end: be.start, entity: e && e.type !== 'place' ? e : null };
}

function possessive(t: Token | undefined): boolean {
  return t !== undefined && (t.text === "'s" || t.text === '’s');
}

/**
 * "deny" meaning withhold, with a receiver and a thing: "would deny Trump a $300 million
 * boost", "denied them the right to vote" — no denial of a claim.
 */
function withholds(toks: Token[], i: number): boolean {
  if ((toks[i] as Token).lemma !== 'deny') return false;
  const receiver = toks[i + 1];
  if (!receiver) return false;
  const pronoun = ['him', 'her', 'them', 'us', 'me', 'you', 'it'].includes(receiver.norm);
  if (!pronoun && !/^\p{Lu}/u.test(receiver.text)) return false;
  // The receiver's name may take a few words ("deny President Donald Trump a …").
  for (let j = i + 1; j < toks.length && j <= i + 4; j++) {
    const t = toks[j] as Token;
    if (['a', 'an', 'the', 'any', 'access', 'entry', 'permission'].includes(t.norm)) return j > i + 1;
    if (!(pronoun && j === i + 1) && !/^\p{Lu}/u.test(t.text)) return false;
  }
  return false;
}

/** The "that …" or "about …" clause after token k, as a character range. */
function claimClause(s: Sentence, k: number): [number, number] | null {
  const toks = s.tokens;
  const claimNouns = lexicon().disputes.claimNounSet;
  for (let i = k + 1; i < toks.length && i - k < 12; i++) {
    const t = toks[i] as Token;
    if (/^[,.;:!?]$/.test(t.text)) return null;
    if (t.norm === 'that' || t.norm === 'about' || (t.norm === 'of' && claimNouns.has(toks[i - 1]?.norm ?? ''))) {
      const start = toks[i + 1]?.start;
      if (start === undefined) return null;
      let end = s.end;
      for (let j = i + 1; j < toks.length; j++) {
        const x = toks[j] as Token;
        // "rejected claims of settlement expansion as “bunk”": what the denier calls the claim is not part of it.
        if (x.norm === 'as' && QUOTE_MARK.test(toks[j + 1]?.text ?? '')) {
          end = x.start;
          break;
        }
        // (A comma before a verb ends it too: the main clause resumes after a relative one
        // — "X, who is denying charges of having the drug, brought a challenge" — or the
        // source follows — "…, said the police".)
        // A relative clause after a comma describes a name of the claim, not the claim
        // ("denies that it is supporting the rebels, who wage raids from camps in Iraq"),
        // and ", and" before a verb is the main clause going on ("denied claims that its
        // troops massacred 40 people, and criticized Portugal for …").
        // (A closing quotation mark after the comma is passed over: "… as “bunk,” was interviewed".)
        const n = QUOTE_MARK.test(toks[j + 1]?.text ?? '') ? j + 2 : j + 1;
        const nx = toks[n];
        const andVerb = nx && nx.norm === 'and' && (toks[n + 1]?.pos === 'VERB' || (toks[n + 1]?.pos === 'ADV' && toks[n + 2]?.pos === 'VERB'));
        if (x.text === ',' && nx && (['saying', 'adding', 'but', 'which', 'while', 'who', 'whom', 'whose', 'where'].includes(nx.norm) || nx.pos === 'VERB' || (nx.pos === 'AUX' && n > j + 1) || andVerb)) {
          end = x.start;
          break;
        }
      }
      return [start, end];
    }
  }
  return null;
}

/**
 * The claim named as the object of a cue: "denied the charges", "denied the New York
 * Times report", "dismissed reports in the South Korean press that …". A dispute verb
 * takes any claim noun; an object verb ("rejected", "dismissed") only a standalone one
 * (data/lexicon/disputes.json). Returns the phrase's range and a named entity inside it
 * (whose claim it is), or null.
 */
/** Whether the comma at `c` closes a relative clause opened after an earlier comma (", who …,"). */
function closesRelative(toks: Token[], c: number): boolean {
  if (toks[c]?.text !== ',') return false;
  for (let i = c - 1; i > 0; i--) {
    if (toks[i]!.text !== ',') continue;
    return ['who', 'which', 'whose', 'whom'].includes(toks[i + 1]?.norm ?? '');
  }
  return false;
}

function claimObject(s: Sentence, k: number, index: EntityIndex): { start: number; end: number; entity: EntityInfo | null } | null {
  const d = lexicon().disputes;
  const toks = s.tokens;
  const cue = toks[k] as Token;
  if (!d.standaloneVerbSet.has(cue.lemma)) return null;
  // A participle modifying a noun is no dispute: "unproven, disputed or misleading
  // statements", "the disputed report".
  const next = toks[k + 1]?.norm ?? '';
  const prev = toks[k - 1]?.norm ?? '';
  // (A comma closing a relative clause is no such list: "The official, who spoke on
  // condition of anonymity, denied reports …".)
  if (['or', 'and', ','].includes(next) || (['or', 'and', ',', 'the', 'a', 'an'].includes(prev) && !closesRelative(toks, k - 1))) return null;
  const verb = d.verbSet.has(cue.lemma);
  for (let i = k + 1; i < toks.length && i - k <= 8; i++) {
    const t = toks[i] as Token;
    if (/^[,.;:!?]$/.test(t.text) || t.norm === 'that' || t.pos === 'VERB' || t.pos === 'AUX') return null;
    if (verb ? d.claimNounSet.has(t.norm) : d.standaloneSet.has(t.norm)) {
      // "disputed this notion": a claim named only by pointing back names none.
      if (i === k + 2 && ['this', 'that', 'these', 'those', 'such'].includes(toks[k + 1]!.norm)) return null;
      const ms = (index.bySentence.get(s.id) ?? []).filter((m) => m.first > k && m.last < i);
      const e = ms.length ? (index.of.get(ms[ms.length - 1] as (typeof ms)[number]) ?? null) : null;
      // A quoted manner phrase after the cue is not part of the claim ("rejected “with
      // contempt” suggestions …").
      let first = k + 1;
      if (QUOTE_MARK.test(toks[first]!.text)) {
        const close = toks.findIndex((x, j) => j > first && j < i && QUOTE_MARK.test(x.text));
        if (close > 0) first = close + 1;
      }
      // The claim noun followed by its clause without "that" ("suggestions ANC officials had
      // leaked the findings"): the clause is the claim's content, up to a comma or the end.
      let end = t.start + t.text.length;
      const after = toks[i + 1];
      // (Not after a participle: "after initially denying the report Peinovich took to the
      // forum" is the main clause resuming, not the report's content.)
      if (after && ['PROPN', 'NOUN', 'PRON', 'DET'].includes(after.pos) && after.norm !== 'that' && !/ing$/i.test(cue.text)) {
        let j = i + 1;
        while (j < toks.length && !/^[,.;:!?]$/.test(toks[j]!.text)) j++;
        const verb = toks.slice(i + 2, Math.min(j, i + 8)).some((x) => x.pos === 'VERB' || x.pos === 'AUX');
        if (verb) end = toks[j - 1]!.start + toks[j - 1]!.text.length;
      }
      return { start: (toks[first] as Token).start, end, entity: e && e.type !== 'place' ? e : null };
    }
  }
  return null;
}

/**
 * A claim noun before its denier: "… rumours he has flatly denied", "allegations that
 * the minister denies". The noun phrase's range, or null.
 */
function claimObjectBefore(s: Sentence, k: number): { start: number; end: number } | null {
  const d = lexicon().disputes;
  const toks = s.tokens;
  if (!d.verbSet.has((toks[k] as Token).lemma) || !d.standaloneVerbSet.has((toks[k] as Token).lemma)) return null;
  let i = k - 1;
  while (i >= 0 && (toks[i]!.pos === 'ADV' || toks[i]!.pos === 'AUX') && k - i <= 3) i--;
  // The denier: a pronoun or a name of up to three words.
  const subjectEnd = i;
  while (i >= 0 && subjectEnd - i < 3 && (toks[i]!.pos === 'PROPN' || (i === subjectEnd && toks[i]!.pos === 'PRON'))) i--;
  if (i === subjectEnd) return null;
  if (toks[i]?.norm === 'that' || toks[i]?.norm === 'which') i--;
  const noun = toks[i];
  if (!noun || !d.claimNounSet.has(noun.norm)) return null;
  return { start: noun.start, end: noun.start + noun.text.length };
}

/** "is denying Trump made the request": a dispute verb followed by a clause without "that". */
function barerClause(s: Sentence, k: number): [number, number] | null {
  const d = lexicon().disputes;
  const toks = s.tokens;
  const lemma = (toks[k] as Token).lemma;
  if (!d.verbSet.has(lemma) || !d.standaloneVerbSet.has(lemma)) return null;
  const first = toks[k + 1];
  if (!first || (first.pos !== 'PROPN' && first.pos !== 'PRON') || first.norm === 'it') return null;
  for (let i = k + 2; i < toks.length && i - k <= 5; i++) {
    const t = toks[i] as Token;
    if (/^[,.;:!?]$/.test(t.text)) return null;
    if (t.pos === 'VERB' || t.pos === 'AUX') {
      let end = s.end;
      for (let j = i + 1; j < toks.length; j++) {
        if (/^[,;:]$/.test(toks[j]!.text)) {
          end = toks[j]!.start;
          break;
        }
      }
      return [first.start, end];
    }
  }
  return null;
}

const QUOTE_MARK = /^["“”'‘’]$/;
const WEEKDAY = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i;

/**
 * "Damascus denies that …", "Indonesia on Tuesday denied claims …": a place opening the
 * sentence as the cue's subject (adverbs and a day between) speaks for its government.
 * The attributor names no place as a speaker; a denial's subject is another matter.
 */
function placeSubject(s: Sentence, k: number, index: EntityIndex): EntityInfo | null {
  const toks = s.tokens;
  let v = k - 1;
  while (v >= 0 && (toks[v]!.pos === 'ADV' || toks[v]!.pos === 'AUX')) v--;
  if (v >= 0 && WEEKDAY.test(toks[v]!.text)) {
    v--;
    if (v >= 0 && toks[v]!.norm === 'on') v--;
  }
  const m = (index.bySentence.get(s.id) ?? []).find((x) => x.first === 0 && x.last === v);
  const e = m ? (index.of.get(m) ?? null) : null;
  return e && e.type === 'place' ? e : null;
}

/** "Russia's assertions", "Moscow's statements", "disagree with Russia". */
function claimantOf(s: Sentence, k: number, index: EntityIndex): EntityInfo | null {
  const toks = s.tokens;
  const ms = index.bySentence.get(s.id) ?? [];
  const claimNouns = lexicon().disputes.claimNounSet;
  for (let i = k + 1; i < toks.length && i - k < 8; i++) {
    const t = toks[i] as Token;
    if ((t.text === "'s" || t.text === '’s') && claimNouns.has(toks[i + 1]?.norm ?? '')) {
      const m = ms.find((x) => x.last === i - 1);
      if (m) return index.of.get(m) ?? null;
    }
    if (t.norm === 'with') {
      const m = ms.find((x) => x.first === i + 1 || x.first === i + 2);
      if (m) return index.of.get(m) ?? null;
    }
  }
  return null;
}

function containment(a: Set<string>, b: Set<string>): { share: number; shared: number } {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return { share: a.size ? n / a.size : 0, shared: n };
}

/** The statements of a story: quotations and attributed sentences. */
export function statements(docs: AnnotatedArticle[], quotes: RawQuote[], attributor: Attributor, index: EntityIndex): Statement[] {
  const out: Statement[] = quotes.map((q) => ({
    articleId: q.articleId,
    sentence: q.sentences[0] as Sentence,
    text: q.text,
    speaker: q.speaker,
    speakerText: q.speakerText,
    keys: q.keys,
    start: q.start,
    end: q.end,
  }));
  for (const d of docs) {
    for (const s of d.sentences) {
      if (s.wordCount < 6) continue;
      const a = attributor.sentence(d, s);
      if (!a || (!a.entity && !a.text)) continue;
      out.push({ articleId: d.article.id, sentence: s, text: s.text.replace(/\s+/g, ' '), speaker: a.entity, speakerText: a.text, keys: sentenceKeys(s, index), start: s.start, end: s.end });
    }
  }
  return out;
}

function sameWho(a: Attribution | null, e: EntityInfo | null): boolean {
  return Boolean(a?.entity && e && a.entity === e);
}

/** Finds the disputes of a story. */
export function disputeDisagreements(
  docs: AnnotatedArticle[],
  quotes: RawQuote[],
  attributor: Attributor,
  index: EntityIndex,
): Disagreement[] {
  const lx = lexicon();
  // Most stories hold no dispute cue and no contrast: then there is nothing to link, and
  // the story's statements (an attribution per sentence) need not be gathered.
  const contrastWords = new Set(lx.disputes.contrast);
  const persistenceWords = new Set(lx.disputes.persistence);
  const contrastOf = (s: Sentence): number => {
    const toks = s.tokens;
    const at = toks.findIndex((t, i) => contrastWords.has(t.norm) && t.norm !== 'still' && (i === 0 || toks[i - 1]!.text === ','));
    if (at < 0) return -1;
    const persistent = toks.slice(at + 1).some((t) => persistenceWords.has(t.norm) || persistenceWords.has(t.lemma));
    return persistent ? at : -1;
  };
  const cueOf = new Map<Sentence, number>();
  const cue = (s: Sentence) => {
    let k = cueOf.get(s);
    if (k === undefined) {
      k = cueIndex(s);
      cueOf.set(s, k);
    }
    return k;
  };
  if (!docs.some((d) => d.sentences.some((s) => cue(s) >= 0 || contrastOf(s) >= 0))) return [];
  const stmts = statements(docs, quotes, attributor, index);
  // Keys shared by most statements (the story's main entities) do not identify a claim.
  const df = new Map<string, number>();
  for (const st of stmts) for (const k of st.keys) df.set(k, (df.get(k) ?? 0) + 1);
  const common = new Set(stmts.length >= 6 ? [...df].filter(([, n]) => n > 0.35 * stmts.length).map(([k]) => k) : []);
  const informative = (keys: Set<string>) => new Set([...keys].filter((k) => !common.has(k)));
  const informativeOf = stmts.map((st) => informative(st.keys));
  const indexOf = new Map(stmts.map((st, i) => [st, i]));
  // Attributed sentences (not quotations) by sentence.
  const stmtsBySentence = new Map<Sentence, Statement>();
  for (const st of stmts) if (st.start === st.sentence.start && (st.speaker || st.speakerText)) stmtsBySentence.set(st.sentence, st);
  // Statements by key: a claim is looked for only among statements sharing its keys.
  const byKey = new KeyIndex(stmts.map((st) => st.keys));
  // A statement that is itself a dispute is not the claim it disputes.
  const isCueStatement = (st: Statement) => cue(st.sentence) >= 0 && st.sentence.text.includes(st.text);
  const items: DisputeItem[] = [];
  // Copies of one sentence (the same wire text in several articles) ask the same question:
  // the answers are memoised by the sentence's words and who is excluded.
  const memo = new Map<string, Statement | null>();
  const memoKey = (kind: string, keys: Set<string>, not: Attribution | null, exclude: Sentence) =>
    `${kind}|${not?.entity?.id ?? ''}|${[...keys].sort().join(' ')}|${exclude.text}`;
  const bestClaim = (keys: Set<string>, not: Attribution | null, exclude: Sentence, minShared: number): Statement | null => {
    const k1 = informative(keys);
    const mk = memoKey(`best${minShared}`, k1, not, exclude);
    if (memo.has(mk)) return memo.get(mk) ?? null;
    let best: Statement | null = null;
    let score = 0;
    // k1 holds no common key, so its keys shared with a statement are informative ones.
    for (const { i } of byKey.query(k1, minShared)) {
      const st = stmts[i] as Statement;
      if (st.sentence === exclude) continue;
      if (!st.speaker && !st.speakerText) continue;
      if (sameWho(not, st.speaker)) continue;
      if (isCueStatement(st)) continue;
      // Figures of the claim must be the statement's when it gives figures too: "its troops
      // massacred more than 40 East Timorese" is not "40000 East Timorese were killed".
      const nums = [...k1].filter((k) => /^\d/.test(k));
      if (nums.length && [...(informativeOf[i] as Set<string>)].some((k) => /^\d/.test(k)) && !nums.some((k) => st.keys.has(k))) continue;
      const { share, shared } = containment(k1, informativeOf[i] as Set<string>);
      const sc = share + shared * 0.01;
      // The claim must be about the same named thing (an entity in common).
      const namesOne = [...k1].some((k) => k.startsWith('E') && st.keys.has(k));
      if (shared >= minShared && share >= 0.5 && namesOne && sc > score) {
        best = st;
        score = sc;
      }
    }
    memo.set(mk, best);
    return best;
  };
  // A contrast contradicts a statement of someone else about the same entity and
  // predicate (an equivalence-class word: "held" ~ "control"): the closest such statement.
  const predicates = new Set(lx.equivalents.values());
  const contrastClaim = (keys: Set<string>, not: Attribution | null, exclude: Sentence): Statement | null => {
    const mk = memoKey('contrast', keys, not, exclude);
    if (memo.has(mk)) return memo.get(mk) ?? null;
    let best: Statement | null = null;
    let score = 0;
    for (const { i } of byKey.query(keys, 2)) {
      const st = stmts[i] as Statement;
      if (st.sentence === exclude || !st.speaker || sameWho(not, st.speaker)) continue;
      if (st.sentence.text.length > 400) continue;
      const shared = [...st.keys].filter((k) => keys.has(k));
      if (shared.length < 2 || !shared.some((k) => predicates.has(k)) || !shared.some((k) => k.startsWith('E'))) continue;
      const sc = shared.length / st.keys.size;
      if (sc > score && sc >= 0.3) {
        best = st;
        score = sc;
      }
    }
    memo.set(mk, best);
    return best;
  };
  const quotesOf = new Map<string, RawQuote[]>();
  for (const q of quotes) {
    const l = quotesOf.get(q.articleId);
    if (l) l.push(q);
    else quotesOf.set(q.articleId, [q]);
  }
  for (const d of docs) {
    const quotesHere = quotesOf.get(d.article.id) ?? [];
    let prev: DisputeItem | null = null;
    for (const s of d.sentences) {
      // A line in capitals is a fact box, a caption or a headline, never a dispute of its own
      // ("MR. POOLE DENIED THE ALLEGATIONS BUT LATER PLEADED GUILTY …", mnval-136, beside the
      // article's own "Poole denied the allegations").
      if (!/\p{Ll}/u.test(s.text)) continue;
      const k = cue(s);
      if (k >= 0) {
        const at = s.tokens[k]!.start;
        const q = quotesHere.find((x) => at >= x.start && at < x.end);
        // A cue in an adverbial participle clause ("after initially denying the report, Smith
        // wrote …") belongs to the main clause's subject, not to the sentence's source
        // ("According to Salon, …"): without its own subject it has no disputer.
        const adverbial = /ing$/i.test(s.tokens[k]!.text) && s.tokens.slice(Math.max(0, k - 3), k).some((t) => ADVERBIAL_OPENERS.has(t.norm));
        // Inside a quotation the cue's own subject disputes ("The president has denied the
        // allegations," Sanders said: the president, or nobody named when it cannot be
        // resolved), the speaker only in the first person ("I deny it").
        const firstPerson = s.tokens.slice(Math.max(0, k - 3), k).some((t) => ['i', 'we'].includes(t.norm));
        // (Only for a claim the sentence states: "Syria denies the allegation" names no claim
        // a reader can weigh, and stays out as before when nobody else is named.)
        const place = q || !claimClause(s, k) ? null : placeSubject(s, k, index);
        const own = q || place ? null : attributor.subject(d, s, k);
        const fallback = own || adverbial || q || place ? null : attributor.sentence(d, s);
        const pronounSubject = Boolean(fallback && pluralSubjectOf(s, k, fallback));
        const disputer: Attribution | null = q
          ? (attributor.subject(d, s, k) ?? (firstPerson ? { entity: q.speaker, text: q.speakerText, how: 'after' } : null))
          : place
            ? { entity: place, text: null, how: 'subject' }
            : (own ?? (fallback && !pronounSubject ? fallback : null));
        const object =
          claimObject(s, k, index) ?? (claimObjectBefore(s, k) ? { ...(claimObjectBefore(s, k) as { start: number; end: number }), entity: null } : null) ?? passiveClaim(s, k, index);
        const clause = claimClause(s, k) ?? (object ? null : barerClause(s, k));
        const named = clause ?? (object ? ([object.start, object.end] as [number, number]) : null);
        const claimKeys = named ? contentKeys([s], named[0], named[1], index) : new Set<string>();
        const claimText = named ? d.article.text.slice(named[0], named[1]).replace(/[\s.,;]+$/, '') : null;
        const claimant = claimantOf(s, k, index) ?? object?.entity ?? null;
        let claim: Statement | null = null;
        if (claimKeys.size) claim = bestClaim(claimKeys, disputer, s, 3);
        // A denial right after someone else's statement on the same matter answers it:
        // "Councillors said the dam release made the flooding worse. The company denied
        // that it had contributed to the flooding."
        if (!claim && clause && s.index > 0) {
          const before = d.sentences[s.index - 1] as Sentence;
          const st = stmtsBySentence.get(before);
          const ks = informative(claimKeys);
          if (st && !sameWho(disputer, st.speaker) && !isCueStatement(st) && [...ks].some((x) => st.keys.has(x))) claim = st;
        }
        // "I respectfully disagree": the claim of a dispute just before.
        const item: DisputeItem = { articleId: d.article.id, sentence: s, disputer, claimant, claimKeys, claimText, claim, kind: 'dispute', pronounSubject };
        if (!claim && !claimText && prev && s.index - prev.sentence.index <= 2) {
          item.claim = prev.claim;
          item.claimKeys = prev.claimKeys;
          item.claimText = prev.claimText;
          item.claimant = item.claimant ?? prev.claimant;
        }
        // Kept when the claim is found among the story's statements, or named with whose it
        // is, or named as the object of the cue ("denied the charges", "denied the New York
        // Times report").
        // A clause alone ("denied that rebels were based …") without whose claim it is, or a
        // statement making it, is left out: the dispute would link no claimant.
        const stated = Boolean(object);
        if (item.claim || (item.claimText && item.claimant && item.claimKeys.size >= 2) || (item.claimText && stated)) {
          items.push(item);
          prev = item;
        }
        continue;
      }
      // Contrast: "But X said IS still held …" / "…, but the group is believed to still maintain …".
      const toks = s.tokens;
      const contrastAt = contrastOf(s);
      if (contrastAt < 0) continue;
      const afterStart = toks[contrastAt + 1]?.start ?? s.end;
      const keys = contentKeys([s], afterStart, s.end, index);
      const who = contrastAt === 0 ? attributor.sentence(d, s) : null;
      // The claim: a quotation earlier in the same sentence, or a statement of someone else.
      const inSentence = quotesHere.find((x) => x.sentences.includes(s) && x.end <= afterStart && x.speaker);
      const claim: Statement | null = inSentence
        ? { articleId: d.article.id, sentence: s, text: inSentence.text, speaker: inSentence.speaker, speakerText: null, keys: inSentence.keys, start: inSentence.start, end: inSentence.end }
        : contrastClaim(keys, who, s);
      if (!claim || sameWho(who, claim.speaker)) continue;
      items.push({ articleId: d.article.id, sentence: s, disputer: who, claimant: claim.speaker, claimKeys: keys, claimText: null, claim, kind: 'claim' });
    }
  }
  return groupDisputes(items, stmts, docs, informative, index, (st) => {
    const i = indexOf.get(st);
    return i === undefined ? `q:${st.speaker?.id ?? ''}:${st.text}` : `s${i}`;
  });
}

/** A reference to the whole sentence (citations anchor sentences, not parts of them). */
function refOf(s: Sentence, articleId: string, _start?: number, _end?: number): SentenceRef {
  return { articleId, sentence: s.index, start: s.start, end: s.end };
}

function who(a: Attribution | null): string | null {
  // A described disputer without the manner adverbs its phrase ends on ("Both sides angrily" → "Both sides").
  return a?.entity?.name ?? (a?.text ? a.text.replace(/(?:\s+\p{Ll}+ly)+$/u, '') : null) ?? null;
}

/** One dispute item with every article that carries it word for word. */
interface ItemCopies {
  item: DisputeItem;
  copies: Array<{ articleId: string; sentence: Sentence }>;
}

/**
 * The words of a claim that say what is claimed: the "that" clause when the dispute
 * states it, else the linked statement's content keys.
 */
function propositionKeys(it: DisputeItem): Set<string> {
  return it.claimText && it.claimKeys.size ? it.claimKeys : (it.claim?.keys ?? it.claimKeys);
}

/**
 * Whether two disputed claims state the same proposition in other words: they name a
 * common actor (an entity that is not a place: places say where, not who) and their
 * predicates belong to one frame of data/lexicon/equivalents.json (“no territory
 * controlled by IS” ~ “victory over IS” ~ “IS has been defeated”: the control/defeat
 * frame). Claims about another actor, or about the same actor doing something else
 * ("supported Kurdish forces"), stay apart.
 */
export function sameProposition(a: Set<string>, b: Set<string>, entityType: (key: string) => string | null): boolean {
  const frames = lexicon().frames;
  let actor = false;
  for (const k of a) {
    if (k.startsWith('E') && b.has(k)) {
      const t = entityType(k);
      if (t && t !== 'place') {
        actor = true;
        break;
      }
    }
  }
  if (!actor) return false;
  const framesOf = (keys: Set<string>) => {
    const out = new Set<number>();
    for (const k of keys) for (const f of frames.get(k) ?? []) out.add(f);
    return out;
  };
  const fb = framesOf(b);
  for (const f of framesOf(a)) if (fb.has(f)) return true;
  return false;
}

function groupDisputes(
  items: DisputeItem[],
  stmts: Statement[],
  docs: AnnotatedArticle[],
  informative: (k: Set<string>) => Set<string>,
  index: EntityIndex,
  stmtId: (st: Statement) => string,
): Disagreement[] {
  const published = new Map(docs.map((d) => [d.article.id, d.article.published]));
  const order = new Map(docs.map((d, i) => [d.article.id, i]));
  // Copies of one sentence with the same reading (wire text run by several outlets) are one item.
  const { reps, members } = dedupe(
    items,
    (it) => `${it.kind}|${it.sentence.text.replace(/\s+/g, ' ')}|${who(it.disputer) ?? ''}|${it.claim ? stmtId(it.claim) : (it.claimText ?? '')}|${it.claimant?.id ?? ''}`,
  );
  const entries: ItemCopies[] = reps.map((item, i) => ({ item, copies: (members[i] as DisputeItem[]).map((x) => ({ articleId: x.articleId, sentence: x.sentence })) }));
  const entityType = (k: string) => index.entities[Number(k.slice(1))]?.type ?? null;
  // Items disputing one claim: the same linked statement, similar claims, the same claim
  // content, or the same proposition in other words.
  const uf = new UnionFind(reps.length);
  const claimKeysOf = reps.map((it) => informative(it.claim ? it.claim.keys : it.claimKeys));
  const props = reps.map(propositionKeys);
  for (let i = 0; i < reps.length; i++) {
    for (let j = i + 1; j < reps.length; j++) {
      const a = reps[i] as DisputeItem;
      const b = reps[j] as DisputeItem;
      const ka = claimKeysOf[i] as Set<string>;
      const kb = claimKeysOf[j] as Set<string>;
      const same = a.claim && b.claim && (a.claim === b.claim || (a.claim.speaker && a.claim.speaker === b.claim.speaker && overlapShare(ka, kb) >= 0.5));
      const similar = overlapShare(ka, kb) >= 0.6 && Math.min(ka.size, kb.size) >= 2;
      // The same disputer twice in one article: one dispute told twice.
      const sameDisputer = a.articleId === b.articleId && a.kind === b.kind && Boolean(a.disputer?.entity) && a.disputer?.entity === b.disputer?.entity;
      if (same || similar || sameDisputer || sameProposition(props[i] as Set<string>, props[j] as Set<string>, entityType)) uf.union(i, j);
    }
  }
  const groups = uf.groups().map((g) => g.map((i) => entries[i] as ItemCopies));
  // Statements by speaker, for the other outlets reporting a claim.
  const bySpeaker = new Map<EntityInfo, Statement[]>();
  for (const st of stmts) {
    if (!st.speaker) continue;
    const l = bySpeaker.get(st.speaker);
    if (l) l.push(st);
    else bySpeaker.set(st.speaker, [st]);
  }
  const out: Disagreement[] = [];
  for (const g of groups) {
    const positions: DisagreementPosition[] = [];
    const add = (p: DisagreementPosition) => {
      const same = positions.find((x) => x.value === p.value && x.attributedTo === p.attributedTo && x.statement === p.statement);
      if (same) {
        for (const s of p.sources) if (!same.sources.includes(s)) same.sources.push(s);
        for (const r of p.refs ?? []) if (!same.refs?.some((x) => x.articleId === r.articleId && x.sentence === r.sentence)) same.refs?.push(r);
      } else positions.push(p);
    };
    // The claim(s), with every outlet that reports the same statement.
    for (const { item: it, copies } of g) {
      if (it.claim) {
        const st = it.claim;
        const ks = informative(st.keys);
        const also = (st.speaker ? (bySpeaker.get(st.speaker) ?? []) : []).filter((x) => x !== st && overlapShare(informative(x.keys), ks) >= 0.6);
        add({
          value: 'claims',
          statement: st.text,
          sources: [...new Set([st.articleId, ...also.map((x) => x.articleId)])],
          attributedTo: st.speaker?.name ?? st.speakerText ?? it.claimant?.name ?? null,
          refs: [refOf(st.sentence, st.articleId, st.start, st.end), ...also.map((x) => refOf(x.sentence, x.articleId, x.start, x.end))],
        });
      } else if (it.claimText) {
        add({
          value: 'claims',
          statement: it.claimText,
          sources: [...new Set(copies.map((c) => c.articleId))],
          attributedTo: it.claimant?.name ?? null,
          refs: copies.map((c) => refOf(c.sentence, c.articleId)),
        });
      }
    }
    for (const { item: it, copies } of g) {
      add({
        value: it.kind === 'dispute' ? 'disputes' : 'contradicts',
        statement: it.sentence.text.replace(/\s+/g, ' '),
        sources: [...new Set(copies.map((c) => c.articleId))],
        attributedTo: who(it.disputer),
        refs: copies.map((c) => refOf(c.sentence, c.articleId)),
      });
    }
    if (!positions.some((p) => p.value === 'claims') || !positions.some((p) => p.value !== 'claims')) continue;
    // Claims, then explicit disputes, then contradicting statements; sources in story order.
    const rank: Record<string, number> = { claims: 0, disputes: 1, contradicts: 2 };
    positions.sort((a, b) => (rank[a.value] ?? 3) - (rank[b.value] ?? 3));
    for (const p of positions) {
      p.sources.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      p.refs?.sort((a, b) => (order.get(a.articleId) ?? 0) - (order.get(b.articleId) ?? 0) || a.sentence - b.sentence);
    }
    const items = g.map((e) => e.item);
    const claimants = [...new Set(positions.filter((p) => p.value === 'claims').map((p) => p.attributedTo).filter(Boolean))];
    const named = (v: string) => [...new Set(positions.filter((p) => p.value === v).map((p) => p.attributedTo ?? 'an unattributed statement'))];
    // Nobody named on either side and a claim that is only a pointer ("denying the
    // report"): nothing a reader can weigh, so nothing is shown.
    // (Also when only the claimant is named: "That contradicted Trump's statement" says
    // neither who disputes nor what was claimed.)
    // (A short phrase ending on a claim noun names a claim without saying it: "other
    // witness statements", "media reports".)
    const claimNouns = lexicon().disputes.claimNounSet;
    const pointer = (t: string) => {
      const w = t.replace(/[.,;:!?"“”'’]+$/u, '').split(/\s+/);
      return w.length <= 4 && claimNouns.has((w[w.length - 1] ?? '').toLowerCase());
    };
    const bare = (t: string) =>
      ((/^(?:the|this|that|these|those|such|its|his|her|their)\b/i.test(t) || /^\p{Lu}[\p{L}.-]*(?: \p{Lu}[\p{L}.-]*)*['’]s?\s/u.test(t)) && t.split(/\s+/).length <= 4) || pointer(t);
    // A disputer that is itself a claim ("President Obama’s public statements contradict
    // other witness statements", as a court filing puts it) is no party disputing.
    const disputerKnown = positions.some((p) => p.value !== 'claims' && p.attributedTo && !pointer(p.attributedTo));
    if (!disputerKnown && positions.filter((p) => p.value === 'claims').every((p) => bare(p.statement))) continue;
    // Nobody named on either side and every denial's own subject a pronoun the sentence's
    // speaker cannot be ("… defense attorneys argued that they contradicted the plaintiff's
    // claims …", "they" the photographs, mnval-103): the denial is not explicit, as neither
    // who denies nor who claimed is said, so nothing is shown. A denial by a described
    // party ("The official … denied reports in the South Korean press that …") stays.
    if (!disputerKnown && claimants.length === 0 && items.every((x) => x.kind !== 'dispute' || x.pronounSubject)) continue;
    const disputers = named('disputes');
    const contradictors = named('contradicts').filter((x) => !disputers.includes(x));
    const subject = subjectOf(items);
    const claimDates = positions.filter((p) => p.value === 'claims').flatMap((p) => p.sources.map((s) => published.get(s) ?? null));
    const disputeDates = positions.filter((p) => p.value !== 'claims').flatMap((p) => p.sources.map((s) => published.get(s) ?? null));
    const cd = claimDates.filter((x): x is string => Boolean(x)).sort();
    const dd = disputeDates.filter((x): x is string => Boolean(x)).sort();
    const gap = cd.length && dd.length ? Math.abs(Date.parse(dd[0] as string) - Date.parse(cd[cd.length - 1] as string)) / 86_400_000 : 0;
    const moments = gap > 7;
    const claimOf = claimants.length ? ` of ${claimants.join(', ')}` : '';
    const parts: string[] = [];
    if (disputers.length) parts.push(`${disputers.join(', ')} ${disputers.length === 1 ? 'disputes' : 'dispute'} the claim${claimOf}`);
    if (contradictors.length) parts.push(`${contradictors.join(', ')} ${contradictors.length === 1 ? 'contradicts' : 'contradict'} ${disputers.length ? 'it' : `the claim${claimOf}`}`);
    let note = parts.join('; ');
    if (moments) note += `; different moments: the claim was reported ${cd[cd.length - 1]}, the dispute ${dd[0]}`;
    out.push({
      kind: items.some((x) => x.kind === 'dispute') ? 'dispute' : 'claim',
      subject,
      positions,
      note,
      status: moments ? 'different-moments' : 'conflict',
    });
  }
  return out;
}

/**
 * What a disagreement is about: the disputed clause as a dispute states it ("… that
 * the group has been defeated on both banks"), preferring a full clause (one with a
 * verb) of at most 30 words, the longest; else the first claim's opening words.
 */
function subjectOf(items: DisputeItem[]): string {
  const clauses = items.filter((x) => x.claimText);
  const withVerb = clauses
    .filter((x) => hasVerb(x) && (x.claimText as string).split(/\s+/).length <= 30)
    .sort((a, b) => (b.claimText as string).length - (a.claimText as string).length);
  const pick = withVerb[0] ?? clauses[0];
  if (pick) {
    // With the claim noun and its possessor when the sentence has them: "Russia’s
    // assertions that they supported …" says whose claim "they" is part of.
    const text = pick.claimText as string;
    const at = pick.sentence.text.indexOf(text);
    const m = at > 0 ? POSSESSED_CLAIM.exec(pick.sentence.text.slice(0, at)) : null;
    return m && lexicon().disputes.claimNounSet.has((m[2] as string).toLowerCase()) ? `${m[1]}${text}` : text;
  }
  const first = items[0] as DisputeItem;
  const words = (first.claim?.text ?? '').split(/\s+/);
  return words.length > 24 ? `${words.slice(0, 24).join(' ')} …` : words.join(' ');
}

/** "Russia’s assertions that ", "Moscow's statements about " right before a claim clause. */
const POSSESSED_CLAIM = /(\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,3}['’]s\s+(\p{L}+)\s+(?:that|about|of)\s+)$/u;

/** Whether the disputed clause of an item has a verb ("IS has been defeated", not "the victory over IS"). */
function hasVerb(it: DisputeItem): boolean {
  const text = it.claimText;
  if (!text) return false;
  const at = it.sentence.text.indexOf(text);
  if (at < 0) return false;
  const a = it.sentence.start + at;
  const b = a + text.length;
  return it.sentence.tokens.some((t) => t.start >= a && t.start < b && (t.pos === 'VERB' || t.pos === 'AUX'));
}

function overlapShare(a: Set<string>, b: Set<string>): number {
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  if (!s.size) return 0;
  let n = 0;
  for (const x of s) if (l.has(x)) n++;
  return n / s.size;
}
