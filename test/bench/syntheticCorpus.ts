/**
 * Synthetic parallel documents with a known alignment, for the benchmark.
 *
 * The sentences are the Kursk sample's (article and appeal, excluded page
 * furniture left out): 44 sentence pairs. A document of n source sentences is
 * a sequence of runs through the sample, each starting at a random sentence and
 * 5 to 30 sentences long, so that neighbours are real neighbours most of the
 * time and every sentence recurs about n / 44 times (a hard case: many
 * near-identical candidates). The target side then gets, per source
 * sentence, with a fixed seed: a deletion (1–0), a merge with the next
 * sentence (2–1), or a split in two at the space nearest its middle (1–2).
 * The gold beads follow from those operations.
 */
import { readFileSync } from 'node:fs';
import type { Language } from '../../src/languages';

export interface SyntheticDocument {
  readonly source: { readonly texts: string[]; readonly language: Language };
  readonly target: { readonly texts: string[]; readonly language: Language };
  /** [sourceStart, sourceEnd, targetStart, targetEnd] */
  readonly gold: Array<readonly [number, number, number, number]>;
}

export interface Operations {
  readonly deletion: number;
  readonly merge: number;
  readonly split: number;
}

export const DEFAULT_OPERATIONS: Operations = { deletion: 0.03, merge: 0.05, split: 0.03 };

/** Mulberry32: a small seeded generator, so every run builds the same documents. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SampleSegment {
  readonly excluded?: boolean;
  readonly texts: Readonly<Record<Language, string>>;
}

export function samplePairs(from: Language, to: Language): Array<readonly [string, string]> {
  const project = JSON.parse(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8')) as {
    readonly documents: ReadonlyArray<{ readonly segments: ReadonlyArray<SampleSegment> }>;
  };
  return project.documents
    .flatMap((document) => document.segments)
    .filter((segment) => segment.excluded !== true)
    .map((segment) => [segment.texts[from], segment.texts[to]] as const);
}

function splitNearMiddle(text: string): readonly [string, string] | undefined {
  const middle = Math.floor(text.length / 2);
  for (let offset = 0; offset < middle; offset++) {
    for (const at of [middle - offset, middle + offset]) {
      if (text[at] === ' ') return [text.slice(0, at), text.slice(at + 1)];
    }
  }
  return undefined;
}

export function syntheticDocument(
  size: number,
  from: Language,
  to: Language,
  seed: number,
  operations: Operations = DEFAULT_OPERATIONS,
): SyntheticDocument {
  const pairs = samplePairs(from, to);
  const random = seededRandom(seed);
  const order: number[] = [];
  while (order.length < size) {
    const start = Math.floor(random() * pairs.length);
    const length = 5 + Math.floor(random() * 26);
    for (let k = 0; k < length && order.length < size; k++) order.push((start + k) % pairs.length);
  }
  const source: string[] = [];
  const target: string[] = [];
  const gold: Array<readonly [number, number, number, number]> = [];
  for (let i = 0; i < order.length; i++) {
    const [sourceText = '', targetText = ''] = pairs[order[i] ?? 0] ?? [];
    const roll = random();
    const sourceStart = source.length;
    const targetStart = target.length;
    const next = pairs[order[i + 1] ?? -1];
    if (roll < operations.deletion) {
      source.push(sourceText);
    } else if (roll < operations.deletion + operations.merge && next !== undefined) {
      source.push(sourceText, next[0]);
      target.push(`${targetText} ${next[1]}`);
      i++;
    } else {
      const halves =
        roll < operations.deletion + operations.merge + operations.split ? splitNearMiddle(targetText) : undefined;
      source.push(sourceText);
      if (halves) target.push(...halves);
      else target.push(targetText);
    }
    gold.push([sourceStart, source.length, targetStart, target.length]);
  }
  return { source: { texts: source, language: from }, target: { texts: target, language: to }, gold };
}
