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

/** Guesses whether `text` is English (reads at most its first 2,000 words). */
export function detectLanguage(text: string): LanguageGuess {
  const words = text.toLowerCase().match(/[\p{L}'’]+/gu)?.slice(0, 2000) ?? [];
  if (words.length < MIN_WORDS_TO_JUDGE) return { language: 'en', english: true, scores: {} };
  const sample = words.join(' ');
  let letters = 0;
  let latin = 0;
  const byScript = new Map<string, number>();
  for (const ch of sample) {
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
  for (const [lang, set] of load()) {
    let n = 0;
    for (const w of words) if (set.has(w.replace(/’/g, "'"))) n++;
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
