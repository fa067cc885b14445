import { anchorKey } from './anchors';
import type { AddKey, SideFeatures } from './features';
import { IntCounter } from './intCounter';

/**
 * A bilingual dictionary learnt from the texts themselves, as hunalign's `-realign` does.
 *
 * The first pass's confident 1–1 beads are a small parallel corpus. Word stems
 * that keep occurring in the same beads (Dice coefficient 2·c(x,y) / (c(x) + c(y))
 * of at least 0.5, seen together at least three times) are taken as
 * translations; in the second pass each such pair is one more anchor whose
 * weight grows with its Dice score. Stems found in more than a third of the
 * beads are function words and are left out, and at most two partners are
 * kept per stem. Counting is capped at two thousand beads spread over the
 * document, which is plenty to learn the recurring vocabulary and keeps the
 * cost flat for long documents.
 */

const MAX_BEADS = 2000;
const MIN_TOGETHER = 3;
const MIN_DICE = 0.5;
const MAX_SHARE = 1 / 3;
const MAX_PARTNERS = 2;
/** Nats for a pair with Dice 1. */
const WEIGHT = 2;

export interface LearnedDictionary {
  /** Number of word pairs learnt. */
  readonly size: number;
  /** Adds the dictionary keys of a source (target) sentence. */
  readonly sourceKeys: (segment: number, add: AddKey) => void;
  readonly targetKeys: (segment: number, add: AddKey) => void;
}

interface Partner {
  readonly other: number;
  readonly dice: number;
}

function tokensOf(side: SideFeatures, segment: number): Int32Array {
  return side.tokenIds.subarray(side.tokenOffsets[segment] ?? 0, side.tokenOffsets[segment + 1] ?? 0);
}

function topPartners(partners: Map<number, Partner[]>): void {
  for (const [token, list] of partners) {
    list.sort((p, q) => q.dice - p.dice);
    partners.set(token, list.slice(0, MAX_PARTNERS));
  }
}

/**
 * Learns word pairs from sentence pairs `(sourceIndex, targetIndex)` believed to be translations.
 */
export function learnDictionary(
  source: SideFeatures,
  target: SideFeatures,
  pairs: ReadonlyArray<readonly [number, number]>,
): LearnedDictionary {
  const step = Math.max(1, pairs.length / MAX_BEADS);
  const chosen: Array<readonly [number, number]> = [];
  for (let p = 0; p < pairs.length; p += step) {
    const pair = pairs[Math.floor(p)];
    if (pair !== undefined) chosen.push(pair);
  }
  const sourceCounts = new IntCounter(chosen.length * 8);
  const targetCounts = new IntCounter(chosen.length * 8);
  for (const [x, y] of chosen) {
    for (const token of tokensOf(source, x)) sourceCounts.add(token);
    for (const token of tokensOf(target, y)) targetCounts.add(token);
  }
  const ceiling = Math.max(MIN_TOGETHER, chosen.length * MAX_SHARE);
  const useful = (count: number): boolean => count >= MIN_TOGETHER && count <= ceiling;

  const together = new IntCounter(chosen.length * 16);
  const targetTokens: number[] = [];
  for (const [x, y] of chosen) {
    targetTokens.length = 0;
    for (const token of tokensOf(target, y)) if (useful(targetCounts.get(token))) targetTokens.push(token);
    if (targetTokens.length === 0) continue;
    for (const sourceToken of tokensOf(source, x)) {
      if (!useful(sourceCounts.get(sourceToken))) continue;
      for (const targetToken of targetTokens) together.add(sourceToken, targetToken);
    }
  }

  const sourcePartners = new Map<number, Partner[]>();
  const targetPartners = new Map<number, Partner[]>();
  together.forEach((sourceToken, targetToken, count) => {
    if (count < MIN_TOGETHER) return;
    const dice = (2 * count) / (sourceCounts.get(sourceToken) + targetCounts.get(targetToken));
    if (dice < MIN_DICE) return;
    const forSource = sourcePartners.get(sourceToken) ?? [];
    forSource.push({ other: targetToken, dice });
    sourcePartners.set(sourceToken, forSource);
    const forTarget = targetPartners.get(targetToken) ?? [];
    forTarget.push({ other: sourceToken, dice });
    targetPartners.set(targetToken, forTarget);
  });
  topPartners(sourcePartners);
  topPartners(targetPartners);

  // A pair is kept when each stem is among the other's best partners. Each side
  // maps a stem to its entry (index + 1 in an IntCounter, 0 for none).
  const sourceEntries = new Entries();
  const targetEntries = new Entries();
  let size = 0;
  for (const [sourceToken, list] of sourcePartners) {
    for (const { other: targetToken, dice } of list) {
      if (!(targetPartners.get(targetToken) ?? []).some((partner) => partner.other === sourceToken)) continue;
      const key = anchorKey(`D:${sourceToken}:${targetToken}`);
      sourceEntries.add(sourceToken, key, WEIGHT * dice);
      targetEntries.add(targetToken, key, WEIGHT * dice);
      size++;
    }
  }
  return { size, sourceKeys: sourceEntries.keysFor(source), targetKeys: targetEntries.keysFor(target) };
}

/** The dictionary keys of each stem of one side. */
class Entries {
  private readonly index = new IntCounter(256);
  private readonly keys: number[][] = [];
  private readonly weights: number[][] = [];

  add(stem: number, key: number, weight: number): void {
    let at = this.index.get(stem) - 1;
    if (at < 0) {
      at = this.keys.length;
      this.index.add(stem, 0, at + 1);
      this.keys.push([]);
      this.weights.push([]);
    }
    this.keys[at]?.push(key);
    this.weights[at]?.push(weight);
  }

  keysFor(side: SideFeatures): (segment: number, add: AddKey) => void {
    return (segment, add) => {
      if (this.keys.length === 0) return;
      for (const stem of tokensOf(side, segment)) {
        const at = this.index.get(stem) - 1;
        if (at < 0) continue;
        const keys = this.keys[at] ?? [];
        const weights = this.weights[at] ?? [];
        for (let k = 0; k < keys.length; k++) add(keys[k] ?? 0, weights[k] ?? 0, 0);
      }
    };
  }
}
