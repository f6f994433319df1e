/**
 * Is this text English? A script test (letters outside the Latin script) and a
 * stop-word test: the share of words that are among the most frequent function words
 * of English and of a few other languages written in Latin script.
 *
 * Written by hand rather than with a language-identification package: crossread only
 * needs "English or not" for whole articles, where function-word rates separate
 * languages by a wide margin (English news ≈ 0.35–0.45, other languages < 0.08 on the
 * English list), with no model to load. Lists: data/ingest/stopwords.json.
 */
import { loadJson } from '../data.js';

interface StopwordData {
  languages: Record<string, string[]>;
}

let lists: Array<[string, Set<string>]> | null = null;

function load(): Array<[string, Set<string>]> {
  lists ??= Object.entries(loadJson<StopwordData>('ingest/stopwords.json').languages).map(([k, v]) => [k, new Set(v)]);
  return lists;
}

const SCRIPTS: Array<[string, RegExp]> = [
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['han', /\p{Script=Han}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['greek', /\p{Script=Greek}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['thai', /\p{Script=Thai}/u],
];

/** Fewest words needed to judge; shorter texts are assumed English. */
export const MIN_WORDS_TO_JUDGE = 12;
/** Share of letters outside the Latin script above which a text is not English. */
const MAX_NON_LATIN = 0.4;
/** A text is not English when another language's stop-word share is at least this … */
const OTHER_MIN = 0.12;
/** … and this many times the English share. */
const OTHER_MARGIN = 1.5;

export interface LanguageGuess {
  /** ISO 639-1 (`en`, `fr`, `ru`, …) or `und`. */
  language: string;
  english: boolean;
  /** Stop-word share of each language considered (Latin-script texts). */
  scores: Record<string, number>;
}

function scriptLanguage(script: string, sample: string): string {
  switch (script) {
    case 'cyrillic':
      return /[іїєґ]/iu.test(sample) ? 'uk' : /[ђјљњћџ]/iu.test(sample) ? 'sr' : 'ru';
    case 'arabic':
      return /[پچژگ]/u.test(sample) ? 'fa' : 'ar';
    case 'han':
      return 'zh';
    case 'kana':
      return 'ja';
    case 'hangul':
      return 'ko';
    case 'greek':
      return 'el';
    case 'hebrew':
      return 'he';
    case 'devanagari':
      return 'hi';
    case 'thai':
      return 'th';
    default:
      return 'und';
  }
}

/** Words read: the function-word rates are stable well before this. */
const SAMPLE_WORDS = 250;
/** An English function-word share above this settles it without scoring other languages. */
const CLEARLY_ENGLISH = 0.25;

/** Guesses whether `text` is English (reads at most its first 250 words). */
export function detectLanguage(text: string): LanguageGuess {
  const words = text.slice(0, SAMPLE_WORDS * 12).toLowerCase().match(/[\p{L}'’]+/gu)?.slice(0, SAMPLE_WORDS) ?? [];
  if (words.length < MIN_WORDS_TO_JUDGE) return { language: 'en', english: true, scores: {} };
  const sample = words.join('');
  let letters = 0;
  let latin = 0;
  const byScript = new Map<string, number>();
  for (let k = 0; k < sample.length; k++) {
    const code = sample.charCodeAt(k);
    // ASCII letters are Latin; only other characters need a Unicode script test.
    if (code < 0x80) {
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) {
        letters++;
        latin++;
      }
      continue;
    }
    const ch = sample[k] as string;
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (/\p{Script=Latin}/u.test(ch)) {
      latin++;
      continue;
    }
    for (const [name, re] of SCRIPTS) {
      if (re.test(ch)) {
        byScript.set(name, (byScript.get(name) ?? 0) + 1);
        break;
      }
    }
  }
  if (letters > 0 && 1 - latin / letters > MAX_NON_LATIN) {
    const top = [...byScript.entries()].sort((a, b) => b[1] - a[1])[0];
    // Japanese mixes Han with kana.
    const script = top?.[0] === 'han' && (byScript.get('kana') ?? 0) > 0 ? 'kana' : (top?.[0] ?? 'other');
    return { language: scriptLanguage(script, sample), english: false, scores: {} };
  }
  const scores: Record<string, number> = {};
  const straight = words.map((w) => (w.includes('’') ? w.replace(/’/g, "'") : w));
  const lists = load();
  const enList = lists.find(([l]) => l === 'en');
  if (enList) {
    let n = 0;
    for (const w of straight) if (enList[1].has(w)) n++;
    if (n / words.length >= CLEARLY_ENGLISH) return { language: 'en', english: true, scores: { en: n / words.length } };
  }
  for (const [lang, set] of lists) {
    let n = 0;
    for (const w of straight) if (set.has(w)) n++;
    scores[lang] = n / words.length;
  }
  const en = scores.en ?? 0;
  let best = 'en';
  let bestScore = en;
  for (const [lang, s] of Object.entries(scores)) {
    if (s > bestScore) {
      best = lang;
      bestScore = s;
    }
  }
  if (best !== 'en' && bestScore >= OTHER_MIN && bestScore >= OTHER_MARGIN * en) {
    return { language: best, english: false, scores };
  }
  return { language: en >= 0.1 ? 'en' : 'und', english: true, scores };
}
