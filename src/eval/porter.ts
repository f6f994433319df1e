/**
 * The Porter stemmer exactly as ROUGE-1.5.5 implements it (`-m`).
 *
 * ROUGE-1.5.5 ships its own Perl port of Porter (1980), "An algorithm for suffix
 * stripping", Program 14(3):130-137, with one change by its author (CYL,
 * 2004-02-14): in step 4 a word ending in "-ement" is not also tried with the
 * "-ment" and "-ent" rules, and "-ment", "-ent" and "-(s|t)ion" are separate
 * successive tests rather than alternatives of one rule. It therefore differs
 * from the Snowball/NLTK/wink-nlp Porter stemmers on words such as
 * "agreement" → "agreem", "statement" → "statem", "international" → "intern".
 *
 * Written by hand because no package reproduces this variant, and ROUGE scores
 * are only comparable with published figures when the stems are identical. Each
 * rule below mirrors one line of the Perl source; the regular expressions are the
 * same (JavaScript and Perl agree on leftmost-first matching for these patterns).
 *
 * ROUGE only calls the stemmer on tokens longer than 3 characters (see ./rouge.ts).
 */

const c = '[^aeiou]'; // consonant (note: 'y', 'Y' and digits count as consonants here)
const v = '[aeiouy]'; // vowel
const C = `${c}[^aeiouy]*`; // consonant sequence
const V = `${v}[aeiou]*`; // vowel sequence

const MGR0 = new RegExp(`^(${C})?${V}${C}`); // [C]VC... is m>0
const MEQ1 = new RegExp(`^(${C})?${V}${C}(${V})?$`); // [C]VC[V] is m=1
const MGR1 = new RegExp(`^(${C})?${V}${C}${V}${C}`); // [C]VCVC... is m>1
const HAS_V = new RegExp(`^(${C})?${v}`); // vowel in stem
const CVC = new RegExp(`^${C}${v}[^aeiouwxy]$`);

const STEP2: Record<string, string> = {
  ational: 'ate', tional: 'tion', enci: 'ence', anci: 'ance', izer: 'ize', bli: 'ble',
  alli: 'al', entli: 'ent', eli: 'e', ousli: 'ous', ization: 'ize', ation: 'ate',
  ator: 'ate', alism: 'al', iveness: 'ive', fulness: 'ful', ousness: 'ous', aliti: 'al',
  iviti: 'ive', biliti: 'ble', logi: 'log',
};
const STEP2_RE = /(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
const STEP3: Record<string, string> = {
  icate: 'ic', ative: '', alize: 'al', iciti: 'ic', ical: 'ic', ful: '', ness: '',
};
const STEP3_RE = /(icate|ative|alize|iciti|ical|ful|ness)$/;
const STEP4_RE = /(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$/;

/** The text before a match (Perl's `$\``). */
function before(w: string, m: RegExpExecArray): string {
  return w.slice(0, m.index);
}

/** ROUGE-1.5.5's Porter stem of a lower-case word. */
export function rougePorterStem(word: string): string {
  let w = word;
  if (w.length < 3) return w;
  // Initial y is mapped to Y so that the patterns never treat it as a vowel.
  const initialY = w[0] === 'y';
  if (initialY) w = `Y${w.slice(1)}`;
  let m: RegExpExecArray | null;

  // Step 1a
  if ((m = /(ss|i)es$/.exec(w))) w = before(w, m) + m[1];
  else if ((m = /([^s])s$/.exec(w))) w = before(w, m) + m[1];

  // Step 1b
  if ((m = /eed$/.exec(w))) {
    if (MGR0.test(before(w, m))) w = w.slice(0, -1);
  } else if ((m = /(ed|ing)$/.exec(w))) {
    const stem = before(w, m);
    if (HAS_V.test(stem)) {
      w = stem;
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      else if (CVC.test(w)) w += 'e';
    }
  }

  // Step 1c
  if ((m = /y$/.exec(w))) {
    const stem = before(w, m);
    if (HAS_V.test(stem)) w = `${stem}i`;
  }

  // Step 2
  if ((m = STEP2_RE.exec(w))) {
    const stem = before(w, m);
    if (MGR0.test(stem)) w = stem + STEP2[m[1] as string];
  }

  // Step 3
  if ((m = STEP3_RE.exec(w))) {
    const stem = before(w, m);
    if (MGR0.test(stem)) w = stem + STEP3[m[1] as string];
  }

  // Step 4 (ROUGE's modified form: three successive tests)
  if ((m = STEP4_RE.exec(w))) {
    const stem = before(w, m);
    if (MGR1.test(stem)) w = stem;
  }
  if ((m = /ment$/.exec(w))) {
    const stem = before(w, m);
    if (MGR1.test(stem)) w = stem;
  }
  if ((m = /ent$/.exec(w))) {
    const stem = before(w, m);
    if (MGR1.test(stem)) w = stem;
  } else if ((m = /(s|t)(ion)$/.exec(w))) {
    const stem = before(w, m) + m[1];
    if (MGR1.test(stem)) w = stem;
  }

  // Step 5
  if ((m = /e$/.exec(w))) {
    const stem = before(w, m);
    if (MGR1.test(stem) || (MEQ1.test(stem) && !CVC.test(stem))) w = stem;
  }
  if (/ll$/.test(w) && MGR1.test(w)) w = w.slice(0, -1);

  if (initialY) w = `y${w.slice(1)}`;
  return w;
}
