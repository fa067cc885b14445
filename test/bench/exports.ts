/**
 * Export benchmark: `npx tsx test/bench/exports.ts [--segments 10000]` (also part of `npm run bench`).
 *
 * Builds a project whose transcript and article repeat the sample's rows up to
 * the given size, marks every translation translated (so the TMX holds every
 * row), and times `planExport` for every format in all four languages:
 * wall time (fastest of three runs), files written, their total size, and the
 * growth of the JavaScript heap. Figures go to stdout; nothing is asserted.
 */
import { readFileSync } from 'node:fs';
import { EXPORT_FORMATS, planExport } from '../../src/export/plan';
import { LANGUAGES } from '../../src/languages';
import type { Project, Segment } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const size = Number(argument('segments') ?? 10_000);
const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

function grown(segments: ReadonlyArray<Segment>, timed: boolean): Segment[] {
  const rows: Segment[] = [];
  for (let index = 0; index < size; index++) {
    const row = segments[index % segments.length]!;
    const start = index * 4000;
    rows.push({
      ...row,
      id: `s${index}`,
      paragraph: Math.floor(index / 3),
      ...(timed ? { start, end: start + 3000 } : {}),
      status: { en: 'source', ko: 'translated', uk: 'translated', ru: 'translated' },
    });
  }
  return rows;
}

const project: Project = {
  ...sample,
  documents: sample.documents.map((d) => ({ ...d, segments: grown(d.segments, d.kind === 'transcript') })),
};

console.log(`Exports of ${size} segments per document (2 documents, 4 languages), Node ${process.version}`);
console.log('format         ms (best of 3)   files   MB written   heap Δ MB');
for (const format of EXPORT_FORMATS) {
  const request = { documentIds: project.documents.map((d) => d.id), languages: LANGUAGES, format };
  let best = Infinity;
  let files = 0;
  let bytes = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const plan = await planExport(project, request);
    best = Math.min(best, performance.now() - started);
    files = plan.files.length;
    bytes = plan.files.reduce(
      (sum, f) => sum + (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.length),
      0,
    );
  }
  const heap = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  console.log(
    `${format.padEnd(14)} ${best.toFixed(0).padStart(14)}   ${String(files).padStart(5)}   ${(bytes / 1e6).toFixed(2).padStart(10)}   ${heap.toFixed(1).padStart(9)}`,
  );
}
