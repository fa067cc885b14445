/**
 * Benchmark of aligning a partial translation into a column: `npm run bench` (or `npx tsx test/bench/alignColumn.ts [rows×sentences,…]`).
 *
 * Builds an English article of `rows` rows from the synthetic corpus (see
 * `syntheticCorpus.ts`, Ukrainian side), then pastes the Ukrainian of a
 * stretch of about `sentences` sentences from its middle into the empty
 * Ukrainian column with `planAlignment`, as the Align dialog does. Prints
 * the wall and CPU time, how many progress reports came, whether the covered
 * stretch was found (its first and last row against the true ones), and the
 * share of sentences of true one-to-one links that landed in their true row.
 */
import { cpus, loadavg } from 'node:os';
import type { Project, Segment } from '../../src/model/project';
import { planAlignment } from '../../src/usecases/alignIntoColumn';
import { sample } from '../core/usecases/support';
import { syntheticDocument } from './syntheticCorpus';

interface Case {
  readonly rows: number;
  readonly sentences: number;
}

export interface ColumnResult extends Case {
  readonly pasted: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly progressReports: number;
  readonly stretchFound: boolean;
  readonly placed: number;
}

const SEED = 20251130;

/** A project of one article with `rows` English rows, and the Ukrainian of a stretch in its middle. */
export function columnCase(rows: number, sentences: number, seed = SEED) {
  const document = syntheticDocument(rows, 'en', 'uk', seed);
  const segments: Segment[] = document.source.texts.map((en, index) => ({
    id: `r${index}`,
    paragraph: 0,
    texts: { en, ko: '', uk: '', ru: '' },
    status: { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' },
  }));
  const project: Project = {
    ...sample,
    documents: [{ id: 'big', kind: 'article', title: 'Big', sourceLanguage: 'en', segments }],
  };
  // Gold beads whose targets make a stretch of about `sentences` sentences starting a third of the way in.
  const firstBead = document.gold.findIndex(
    ([, , targetStart]) => targetStart >= Math.floor(document.target.texts.length / 3),
  );
  const beads: Array<readonly [number, number, number, number]> = [];
  let count = 0;
  for (let k = firstBead; k < document.gold.length && count < sentences; k++) {
    const bead = document.gold[k]!;
    beads.push(bead);
    count += bead[3] - bead[2];
  }
  // The stretch starts and ends with rows that get a sentence.
  while (beads.length > 0 && beads[beads.length - 1]![3] === beads[beads.length - 1]![2]) beads.pop();
  while (beads.length > 0 && beads[0]![3] === beads[0]![2]) beads.shift();
  const first = beads[0]!;
  const last = beads[beads.length - 1]!;
  const texts = document.target.texts.slice(first[2], last[3]);
  const oneToOne = new Map<string, string>();
  for (const [sourceStart, sourceEnd, targetStart, targetEnd] of beads) {
    if (sourceEnd - sourceStart === 1 && targetEnd - targetStart === 1) {
      oneToOne.set(`r${sourceStart}`, document.target.texts[targetStart]!);
    }
  }
  return { project, texts, covered: { first: `r${first[0]}`, last: `r${last[1] - 1}` }, oneToOne };
}

export function measureColumn(rows: number, sentences: number): ColumnResult {
  const { project, texts, covered, oneToOne } = columnCase(rows, sentences);
  let progressReports = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const plan = planAlignment(
    project,
    { documentId: 'big', language: 'uk', pivot: 'en', text: texts.join('\n'), presegmented: true, replace: false },
    { onProgress: () => progressReports++ },
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  let placed = 0;
  for (const fill of plan.fills) if (oneToOne.get(fill.segmentId) === fill.text) placed++;
  return {
    rows,
    sentences,
    pasted: texts.length,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    progressReports,
    stretchFound: plan.covered?.first === covered.first && plan.covered.last === covered.last,
    placed: placed / Math.max(1, oneToOne.size),
  };
}

const CASES: ReadonlyArray<Case> = [
  { rows: 2_000, sentences: 20 },
  { rows: 2_000, sentences: 500 },
  { rows: 20_000, sentences: 2_000 },
];

function casesFromArguments(): ReadonlyArray<Case> {
  const given = process.argv[2];
  if (given === undefined) return CASES;
  return given.split(',').map((entry) => {
    const [rows, sentences] = entry.split(/[x×]/u).map(Number);
    if (!Number.isInteger(rows) || !Number.isInteger(sentences))
      throw new Error(`expected ROWSxSENTENCES, not ${entry}`);
    return { rows: rows!, sentences: sentences! };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    `\nAligning a pasted stretch into an empty column (planAlignment, en→uk), ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(2)}`,
  );
  console.log('rows     sentences  wall s   CPU s  progress  stretch found  in true row');
  for (const { rows, sentences } of casesFromArguments()) {
    const r = measureColumn(rows, sentences);
    console.log(
      `${String(r.rows).padEnd(8)} ${String(r.pasted).padStart(9)} ${r.seconds.toFixed(2).padStart(7)} ${r.cpuSeconds
        .toFixed(2)
        .padStart(7)} ${String(r.progressReports).padStart(9)}  ${(r.stretchFound ? 'yes' : 'no').padEnd(13)}  ${(
        100 * r.placed
      ).toFixed(1)} %`,
    );
  }
}
