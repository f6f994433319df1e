/**
 * What a reader sees of grouping errors: how many gold stories each predicted story
 * mixes. A predicted story "holds articles of k gold stories" when k is the fewest gold
 * stories that together contain every article of it. With one gold label per article
 * that is the number of distinct labels; an article labelled with two stories (DUC 2004
 * has such articles) counts as belonging to either, so it does not by itself make a
 * story look mixed.
 *
 * Reported: the number of predicted stories holding articles of more than two gold
 * stories, and the largest number of gold stories in one predicted story.
 */

export interface StoryMixing {
  /** Predicted stories whose articles need more than two gold stories to cover them. */
  storiesOverTwoGold: number;
  /** The largest number of gold stories needed to cover one predicted story. */
  maxGoldInOneStory: number;
}

/**
 * The fewest labels such that every set holds one of them (a minimum hitting set, by
 * branch and bound). Sets of one label force that label; in practice few sets remain
 * after that, so the search is small.
 */
export function fewestCoveringLabels(sets: ReadonlyArray<ReadonlySet<string>>): number {
  const forced = new Set<string>();
  for (const s of sets) if (s.size === 1) for (const l of s) forced.add(l);
  const open = uniqueSets(sets.filter((s) => ![...s].some((l) => forced.has(l))));
  let best = Infinity;
  const search = (left: ReadonlyArray<ReadonlySet<string>>, chosen: number): void => {
    if (chosen >= best) return;
    const first = left[0];
    if (!first) {
      best = chosen;
      return;
    }
    for (const l of first) search(left.filter((s) => !s.has(l)), chosen + 1);
  };
  search(open, 0);
  return forced.size + (best === Infinity ? 0 : best);
}

function uniqueSets(sets: ReadonlyArray<ReadonlySet<string>>): ReadonlySet<string>[] {
  const seen = new Map<string, ReadonlySet<string>>();
  for (const s of sets) seen.set(JSON.stringify([...s].sort()), s);
  return [...seen.values()];
}

/** Counts mixed predicted stories. `predicted`: item → story; `gold`: item → its gold stories (one or more). Items missing from either are left out. */
export function storyMixing(predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, readonly string[]>): StoryMixing {
  const members = new Map<string, Set<string>[]>();
  for (const [id, story] of predicted) {
    const labels = gold.get(id);
    if (!labels || labels.length === 0) continue;
    (members.get(story) ?? members.set(story, []).get(story)!).push(new Set(labels));
  }
  let storiesOverTwoGold = 0;
  let maxGoldInOneStory = 0;
  for (const sets of members.values()) {
    const k = fewestCoveringLabels(sets);
    if (k > 2) storiesOverTwoGold++;
    if (k > maxGoldInOneStory) maxGoldInOneStory = k;
  }
  return { storiesOverTwoGold, maxGoldInOneStory };
}
