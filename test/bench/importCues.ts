/**
 * Subtitle import benchmark: `npm run bench` (or `npx tsx test/bench/importCues.ts [--sizes 10000,100000]`).
 *
 * Generates a transcript of N timed rows (every 50th excluded) and a subtitle
 * file of N cues (nine in ten overlap a row, one in ten falls in the gap
 * between two rows and becomes a new row), then times the `importSubtitles`
 * use case, project limits check included, for both matchings (`overlap`,
 * by time, and `order`) and for a new transcript made of the cues. Prints
 * the fastest of three runs (wall and CPU time) and, beside it, the same
 * for `importCuesIntoDocument` alone; the rest is the project limits check. The target is under 2 s for 100,000 cues.
 * Figures go to stdout; nothing is asserted.
 */
import { loadavg } from 'node:os';
import type { Cue } from '../../src/formats/cue';
import { importCuesIntoDocument, type CueMatching } from '../../src/model/importCues';
import type { Project, Segment } from '../../src/model/project';
import { emptyProject } from '../../src/usecases/newProject';
import { importSubtitles } from '../../src/usecases/importSubtitles';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const sizes = (argument('sizes') ?? '10000,20000,40000,100000').split(',').map(Number);
const RUNS = 3;

/** N rows of two seconds with a one-second gap after each (100,000 rows end at 83 hours, inside the 100-hour limit). */
function transcriptOf(size: number): Project {
  const segments: Segment[] = [];
  for (let index = 0; index < size; index++) {
    const start = index * 3000;
    segments.push({
      id: `s${index + 1}`,
      paragraph: 0,
      start,
      end: start + 2000,
      texts: { en: `Line number ${index + 1} of the appeal.`, ko: '', uk: '', ru: '' },
      status: { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' },
      ...(index % 50 === 49 ? { excluded: true } : {}),
    });
  }
  return {
    ...emptyProject('Import benchmark'),
    documents: [{ id: 't', kind: 'transcript', title: 'T', sourceLanguage: 'en', segments }],
  };
}

/** N cues: nine in ten a little late on their row, one in ten inside the gap after it. */
function cuesOf(size: number): Cue[] {
  const cues: Cue[] = [];
  for (let index = 0; index < size; index++) {
    const row = index * 3000;
    const inGap = index % 10 === 9;
    const start = inGap ? row + 2100 : row + 120;
    cues.push({ start, end: inGap ? start + 800 : start + 1900, text: `Рядок номер ${index + 1}.` });
  }
  return cues;
}

/** The fastest of the runs: wall time and the process's CPU time in it (on a shared machine, wall ≫ CPU means waiting). */
function best(run: () => void): { readonly wall: number; readonly cpu: number } {
  let fastest = { wall: Infinity, cpu: Infinity };
  for (let round = 0; round < RUNS; round++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    run();
    const wall = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    if (wall < fastest.wall) fastest = { wall, cpu: (cpu.user + cpu.system) / 1000 };
  }
  return fastest;
}

const figures = (time: { readonly wall: number; readonly cpu: number }): string =>
  `${time.wall.toFixed(0).padStart(7)} ${time.cpu.toFixed(0).padStart(7)}`;

console.log(
  `Subtitle import (use case with limits check; best of ${RUNS}), Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}`,
);
console.log('                                    use case ms      model only ms');
console.log('cues      into        rows after     wall     cpu       wall     cpu');
for (const size of sizes) {
  const project = transcriptOf(size);
  const cues = cuesOf(size);
  for (const matching of ['overlap', 'order'] as const satisfies ReadonlyArray<CueMatching>) {
    let rows = 0;
    const whole = best(() => {
      const result = importSubtitles(project, { documentId: 't', language: 'uk', cues, matching });
      rows = result.project.documents[0]!.segments.length;
    });
    const model = best(() => importCuesIntoDocument(project, 't', 'uk', cues, matching));
    console.log(
      `${String(size).padEnd(9)} ${matching.padEnd(11)} ${String(rows).padStart(10)}  ${figures(whole)}    ${figures(model)}`,
    );
  }
  let rows = 0;
  const fresh = best(() => {
    const result = importSubtitles(project, { documentId: 'new', language: 'uk', cues, matching: 'overlap' });
    rows = result.project.documents[1]!.segments.length;
  });
  console.log(`${String(size).padEnd(9)} ${'new'.padEnd(11)} ${String(rows).padStart(10)}  ${figures(fresh)}`);
}
