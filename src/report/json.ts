/** JSON renderer of a Briefing, optionally with each article's cleaned text. */
import type { Briefing } from '../briefing.js';

/**
 * The briefing with each article's cleaned `text` added (from `texts`, by id), so that
 * every citation `{start, end}` can be checked from the file alone. Articles whose
 * text is not in `texts` are left without one. The web app's download uses this too.
 */
export function withArticleTexts(b: Briefing, texts: ReadonlyMap<string, string>): Briefing {
  return {
    ...b,
    articles: b.articles.map((a) => {
      const text = texts.get(a.id);
      return text === undefined ? a : { ...a, text };
    }),
  };
}

export interface JsonOptions {
  /** Cleaned text of each article, by id. */
  texts?: ReadonlyMap<string, string>;
  /** Include `articles[].text` (from `texts`). */
  withText?: boolean;
}

export function renderJson(b: Briefing, opts: JsonOptions = {}): string {
  const out = opts.withText && opts.texts ? withArticleTexts(b, opts.texts) : b;
  return `${JSON.stringify(out, null, 2)}\n`;
}
