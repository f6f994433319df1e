/**
 * Synthetic news for tests: articles about a handful of made-up events, each event
 * with its own people, places and nouns, written from sentence templates so every
 * article's text is distinct while articles of one event share their vocabulary.
 */
import type { Article } from '../../src/types.js';

const EVENTS = [
  { who: ['Mayor Elena Vasquez', 'Commissioner Raj Patel', 'engineer Bo Lindahl'], where: ['Riverton', 'Riverton harbour', 'Kell river'], what: ['flood barrier', 'storm surge', 'levee breach', 'evacuation', 'sandbags', 'floodwater'] },
  { who: ['Coach Marcus Lindqvist', 'striker Tomas Berglund', 'goalkeeper Ivo Sandberg'], where: ['Nordvik Arena', 'Nordvik', 'Sundby stadium'], what: ['championship final', 'penalty shootout', 'trophy', 'hat-trick', 'semifinal', 'league title'] },
  { who: ['Dr. Amara Okafor', 'Kessler Institute', 'virologist Femi Adeyemi'], where: ['Kessler laboratory', 'Lagos', 'Ibadan clinic'], what: ['malaria vaccine', 'clinical trial', 'immunity', 'booster dose', 'antibodies', 'mosquito nets'] },
  { who: ['Senator Hugo Brandt', 'Finance Minister Ilse Moreau', 'central banker Otto Reiss'], where: ['Valdoria', 'Valdorian parliament', 'Port Marel'], what: ['budget deficit', 'tax reform', 'austerity', 'bond yields', 'pension cuts', 'inflation'] },
  { who: ['astronaut Keiko Tanaka', 'Orion Nine crew', 'flight director Sam Okoye'], where: ['Tanegashima', 'launch pad', 'mission control'], what: ['rocket launch', 'orbit', 'space station', 'capsule', 'docking', 'booster rocket'] },
  { who: ['Chief Executive Dana Whitfield', 'Competition Bureau', 'investor Carl Mendes'], where: ['Halvorsen Tower', 'Copenhagen', 'Oslo bourse'], what: ['merger', 'shareholders', 'antitrust review', 'acquisition', 'takeover bid', 'share price'] },
];

const TEMPLATES = [
  '{who0} said on {day} the {what0} near {where0} failed after the {what1}.',
  '{where1} officials confirmed the {what2} as {who1} met {who2}.',
  'The {what3} and the {what4} worried {who0} in {where2}.',
  '{who1}: the {what1} hit {where0} hard, the {what5} too.',
  '{where0} crowds heard {who0} on the {what2} and the {what3}.',
  'The {what0} could reshape the {what1}, {who2} said in {where1}.',
  '{who1} called the {what4} the biggest {where0} {what5} in decades.',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const FILLER = ['More details are expected.', 'A spokesperson declined to comment.', 'Witnesses described the scene.'];

function pick<T>(xs: readonly T[], n: number): T {
  return xs[n % xs.length] as T;
}

/** Text of article `k` about event `e` (deterministic). */
export function syntheticText(e: number, k: number): string {
  const ev = EVENTS[e % EVENTS.length]!;
  const sentences: string[] = [];
  for (let i = 0; i < 6; i++) {
    const t = pick(TEMPLATES, k * 3 + i * 5 + e);
    sentences.push(
      t
        .replace(/\{who(\d)\}/g, (_, j: string) => pick(ev.who, Number(j) + k))
        .replace(/\{where(\d)\}/g, (_, j: string) => pick(ev.where, Number(j) + k + i))
        .replace(/\{what(\d)\}/g, (_, j: string) => pick(ev.what, Number(j) + k + i))
        .replace('{day}', pick(DAYS, k + i)),
    );
    if (i % 3 === 0) sentences.push(pick(FILLER, k * 7 + i + e));
  }
  return `${sentences.join(' ')} (Report ${e}-${k}.)`;
}

export const EVENT_COUNT = EVENTS.length;

export function syntheticArticle(e: number, k: number, extra: Partial<Article> = {}): Article {
  const text = syntheticText(e, k);
  const words = text.split(/\s+/).length;
  return {
    id: `e${e}-a${k}`,
    path: `synthetic/e${e}-a${k}.txt`,
    format: 'text',
    url: null,
    title: null,
    byline: null,
    outlet: `Outlet ${k % 4}`,
    published: `2024-05-${String(10 + (k % 5)).padStart(2, '0')}`,
    publishedEvidence: null,
    rawText: text,
    text,
    rawWords: words,
    words,
    removed: [],
    encoding: 'utf-8',
    language: 'en',
    diagnostics: [],
    ...extra,
  };
}

/** `perEvent` articles for each of `events` events, event-major order. */
export function syntheticCorpus(events: number, perEvent: number): Article[] {
  const out: Article[] = [];
  for (let e = 0; e < events; e++) for (let k = 0; k < perEvent; k++) out.push(syntheticArticle(e, k));
  return out;
}

/** The event of a synthetic article id. */
export function eventOf(id: string): string {
  return id.split('-')[0] as string;
}
