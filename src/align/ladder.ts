import type { Alignment } from './align';

/**
 * Writes an alignment as a hunalign ladder.
 *
 * One rung per line, "i\tj\tconfidence": the source and target sentence
 * indices where a bead starts and that bead's confidence (three decimals).
 * The first rung is "0\t0\t…" and the last is "n\tm\t1.000", the end of both
 * texts, which is certain; with no beads at all the two coincide and the
 * ladder is the single rung "0\t0\t1.000". Lines end with "\n".
 *
 * Throws a RangeError when the beads do not tile [0, n) × [0, m) in order,
 * because a ladder cannot express a gap or an overlap and would silently
 * misalign whatever reads it.
 */
export function toLadder(alignment: Alignment, sourceCount: number, targetCount: number): string {
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  for (const bead of alignment.beads) {
    const advances = bead.sourceEnd >= i && bead.targetEnd >= j && bead.sourceEnd + bead.targetEnd > i + j;
    if (bead.sourceStart !== i || bead.targetStart !== j || !advances) {
      throw new RangeError(`bead starting at (${bead.sourceStart}, ${bead.targetStart}) does not follow (${i}, ${j})`);
    }
    lines.push(`${i}\t${j}\t${bead.confidence.toFixed(3)}`);
    i = bead.sourceEnd;
    j = bead.targetEnd;
  }
  if (i !== sourceCount || j !== targetCount) {
    throw new RangeError(`beads end at (${i}, ${j}), not at (${sourceCount}, ${targetCount})`);
  }
  lines.push(`${sourceCount}\t${targetCount}\t${(1).toFixed(3)}`);
  return `${lines.join('\n')}\n`;
}
