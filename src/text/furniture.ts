/**
 * Page furniture inside a sentence: social-media embeds ("A post shared by …"),
 * sign-up and sharing boxes, video players, copyright and credit lines that
 * cleaning left in the text because they run on with narration. The patterns are
 * data (data/lexicon/page-furniture.json). Lineages leave these sentences out of
 * copied text (two pages sharing an embed are not copies of one report) and the
 * summary never selects them.
 */
import { loadJson } from '../data.js';

let compiled: RegExp[] | null = null;

function patterns(): RegExp[] {
  if (!compiled) compiled = loadJson<{ patterns: string[] }>('lexicon/page-furniture.json').patterns.map((p) => new RegExp(p, 'iu'));
  return compiled;
}

/** True when the sentence holds page furniture rather than the article's narration. */
export function isPageFurniture(text: string): boolean {
  return patterns().some((re) => re.test(text));
}
