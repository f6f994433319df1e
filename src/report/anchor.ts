/** Anchors of the HTML report: one id scheme for the text's sentences and the citations linking to them. */

/** Anchor id of a sentence of an article: safe whatever the article id is. */
export function sentenceAnchor(articleNo: number, sentence: number): string {
  return `a${articleNo}-s${sentence}`;
}
