/** The story clusterer's parameters and their defaults (every writer of one store must use the same). */
import { BACKGROUND_DOCS } from './background.js';
import type { LinkingModel } from './linking.js';

export interface ClusterOptions {
  /**
   * How an article is linked to a candidate story: `rule`, its centroid cosine (after the
   * time factor) at least `joinThreshold`; `model`, the learned linking model's
   * probability at least the model's threshold (./linking.ts).
   */
  linking: 'rule' | 'model';
  /** The linking model when `linking` is `model` (null: the shipped data/stories/linking-model.json). */
  linkingModel: LinkingModel | null;
  /** Minimum similarity for an article to join a story under the `rule` linking (cosine, after the time factor). */
  joinThreshold: number;
  /**
   * Minimum average cosine (after the time factor) between an article and the members of
   * a story of two or more for the article to join it (0 disables). Off by default: on
   * dev data it removes centroid chaining on Multi-News but costs WikiRef far more
   * recall than it gains (DESIGN.md, stories; `eval-cluster --average-link`).
   */
  joinAverageLink: number;
  /** Minimum centroid cosine for two stories bridged by one article to merge. */
  mergeThreshold: number;
  /** Days outside a story's span with no time penalty. */
  windowDays: number;
  /** Days over which the time penalty decays (e-folding). */
  decayDays: number;
  /** Lowest time factor. */
  timeFloor: number;
  /** Articles further than this many days from a story's span never join it. */
  horizonDays: number;
  /** Estimated shingle Jaccard above which two articles are near-duplicates. */
  duplicateJaccard: number;
  /** Estimated containment above which two articles share a passage (same lineage). */
  sharedContainment: number;
  /** Terms per article used to query and index candidates. */
  queryTerms: number;
  /** Stories kept per posting list: the most recently active ones. */
  maxPosting: number;
  /** Candidate stories scored exactly per article. */
  maxCandidates: number;
  /** Weight of the background document-frequency prior, in virtual documents (0 disables). */
  backgroundDocs: number;
  /** Local refinement passes after each batch (0 disables). */
  refinePasses: number;
  /** Margin by which another story must beat an article's own story to move it. */
  refineMargin: number;
  /** Stories up to this size have all their members re-examined by refinement. */
  refineStorySize: number;
  /**
   * Lone founders revisited (issue 13): an article alone in the story it started by
   * arriving (not a re-split's part), that an arriving article matched at this fraction
   * of the join level or more without joining it, is re-examined by the batch's
   * refinement once the arriving article is placed, as if it arrived after it (0
   * disables). A store derives who founded a story from its id (./story-ids.ts), so a
   * restarted writer revisits as a running one.
   */
  revisitFloor: number;
  /**
   * Stories with at least this many members are re-examined after a batch that changed
   * them (`resplit`): their members are re-grouped under IDF computed within the story,
   * and the story splits when that finds separate groups (0 disables).
   */
  splitMinSize: number;
  /**
   * Stories of three or more whose members' average pairwise cosine (corpus IDF) is
   * below this are re-grouped by average link at this level (`splitIncoherent` in
   * ./resplit.ts), at any size (0 disables).
   */
  splitCohesion: number;
  /**
   * Stories of three to `splitSmallSize` members whose average pairwise cosine (corpus
   * IDF) is below `splitSmallCohesion` are re-grouped by average link at that level;
   * members alike to no group (average below `splitCohesion`) stay alone
   * (`splitSmallLoose` in ./resplit.ts; 0 disables). A few articles of a broad topic
   * held together by two or three pairs near the join threshold are more often
   * several events than one; a large story that keeps drawing articles is left to
   * `splitCohesion`.
   */
  splitSmallCohesion: number;
  /** Largest story `splitSmallCohesion` applies to. */
  splitSmallSize: number;
  /** Stories above this size are not re-examined (the check costs O(size²)). */
  splitMaxSize: number;
  /** Average-link cosine (under the story's own IDF) at which members stay grouped when re-examined. */
  splitLink: number;
  /**
   * Parts found by re-examination stay apart only when their members' average cosine
   * across parts (corpus IDF) is below this fraction of the average within each part.
   */
  splitSeparation: number;
  /**
   * Days past the time horizon after which `evictStale` drops a story from memory: a
   * story whose last article is more than horizonDays + evictGraceDays older than the
   * newest article seen (late articles up to the grace arrive without a reload).
   */
  evictGraceDays: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  linking: 'rule',
  linkingModel: null,
  joinThreshold: 0.17,
  joinAverageLink: 0,
  mergeThreshold: 0.5,
  windowDays: 3,
  decayDays: 30,
  timeFloor: 0.7,
  horizonDays: 180,
  duplicateJaccard: 0.5,
  sharedContainment: 0.3,
  queryTerms: 20,
  maxPosting: 200,
  maxCandidates: 10,
  backgroundDocs: BACKGROUND_DOCS,
  refinePasses: 1,
  refineMargin: 0.02,
  refineStorySize: 0,
  revisitFloor: 0.7,
  splitMinSize: 6,
  splitCohesion: 0.14,
  splitSmallCohesion: 0.2,
  splitSmallSize: 12,
  splitMaxSize: 80,
  splitLink: 0.1,
  splitSeparation: 0.6,
  evictGraceDays: 60,
};
