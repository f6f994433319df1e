/**
 * Page furniture inside a sentence: social-media embeds ("A post shared by …"),
 * sign-up and sharing boxes, video players, copyright and credit lines that
 * cleaning left in the text because they run on with narration. The patterns are
 * data (data/lexicon/page-furniture.json). Lineages leave these sentences out of
 * copied text (two pages sharing an embed are not copies of one report) and the
 * summary never selects them.
 */
import { loadJson } from '../data.js';

let compiled: { re: RegExp; triggers: string[] } | null = null;

/** The patterns as one alternation (one scan of a sentence), and their trigger strings. */
function rules(): { re: RegExp; triggers: string[] } {
  if (!compiled) {
    const d = loadJson<{ patterns: string[]; triggers: string[] }>('lexicon/page-furniture.json');
    compiled = { re: new RegExp(d.patterns.map((p) => `(?:${p})`).join('|'), 'iu'), triggers: d.triggers };
  }
  return compiled;
}

/** True when the sentence holds page furniture rather than the article's narration. */
export function isPageFurniture(text: string): boolean {
  const r = rules();
  const lower = text.toLowerCase();
  // Every pattern needs one trigger string: most sentences are done with here.
  if (!r.triggers.some((t) => lower.includes(t))) return false;
  return r.re.test(text);
}
