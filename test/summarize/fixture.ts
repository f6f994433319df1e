/** A small constructed story: five short articles about one event, with a repeated sentence. */
import type { AnnotatedArticle } from '../../src/types.js';
import { articleFromRecord } from '../../src/ingest/index.js';
import { annotate } from '../../src/text/nlp.js';

export const TEXTS = [
  'Floods swept through the river valley on Monday, forcing thousands of residents from their homes. Rescue teams in boats reached the worst-hit villages by nightfall. The regional governor declared a state of emergency across the valley. Forecasters expect more heavy rain later this week.',
  'The regional governor declared a state of emergency after floods swept through the river valley. Thousands of residents were forced from their homes as the river burst its banks. Rescue teams in boats searched flooded streets for people trapped on rooftops. Officials said at least twelve people had died in the floods. They said the floods swept through the river valley faster than the regional governor expected.',
  'At least twelve people died when floods swept through the river valley, officials said on Tuesday. The state of emergency declared by the regional governor remains in force. Schools across the valley stayed closed for a second day. Aid agencies sent food, blankets and clean water to emergency shelters.',
  'Aid agencies sent food and clean water to shelters housing thousands of residents forced from their homes by the floods. The regional governor declared a state of emergency across the valley. Engineers began inspecting the damaged dam upstream of the main town. Forecasters expect more heavy rain later this week.',
  'Engineers inspected the damaged dam upstream of the main town as floods swept through the river valley. The regional governor declared a state of emergency across the valley. Farmers said the floods had destroyed most of the harvest in the lower valley. Insurance companies estimated the damage at several hundred million dollars.',
];

export function story(): AnnotatedArticle[] {
  return TEXTS.map((text, i) => {
    const { article } = articleFromRecord({ id: `a${i + 1}`, text }, `fixture#${i + 1}`);
    if (!article) throw new Error(`fixture article ${i + 1} was not built`);
    return annotate(article);
  });
}
