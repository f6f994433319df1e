/** Issue 14, command line 12: advertisement and promotion lines are removed and recorded, in text and HTML inputs. */
import { describe, expect, it } from 'vitest';
import { readBytes } from '../../src/ingest/index.js';

const BODY = [
  'The army said on Tuesday that its troops had taken the last district of the city after three weeks of fighting.',
  'Aid groups warned that about 20,000 people were still without clean water, and that the hospital had run out of fuel.',
  'The United Nations called for a ceasefire so that convoys could reach the eastern villages before winter.',
  'Prices of bread and fuel have tripled since the summer, residents said, and many families have left for the coast.',
];
const ADS = ['ADVERTISEMENT', 'Advertisement · Continue reading below', 'Get 50% off your first year of unlimited access'];

function interleave(): string[] {
  return [BODY[0]!, ADS[0]!, BODY[1]!, ADS[1]!, BODY[2]!, ADS[2]!, BODY[3]!];
}

describe('advertisement and promotion lines', () => {
  const text = `City falls after three weeks of fighting\n\n${interleave().join('\n\n')}\n`;
  const html = `<!doctype html><html><head><title>City falls after three weeks of fighting</title></head><body><article><h1>City falls after three weeks of fighting</h1>${interleave()
    .map((l) => (ADS.includes(l) ? `<div class="ad"><p>${l}</p></div>` : `<p>${l}</p>`))
    .join('')}</article></body></html>`;
  it.each([
    ['text', 'a.txt', text],
    ['HTML', 'a.html', html],
  ])('%s: removed from the text and recorded', (_what, name, input) => {
    const { articles } = readBytes(name, new TextEncoder().encode(input));
    expect(articles).toHaveLength(1);
    const a = articles[0]!;
    for (const ad of ADS) {
      expect(a.text).not.toContain(ad);
      expect(a.removed.map((r) => r.text.trim())).toContain(ad);
    }
    for (const line of BODY) expect(a.text).toContain(line);
  });
});
