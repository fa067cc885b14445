/**
 * Review benchmark: `npx tsx test/bench/review.ts` (part of `npm run bench`).
 *
 * On a generated document of 20,000 rows in four languages, times what the
 * review tools do on the main thread: the progress line per language
 * (recounted after every edit, since an edit makes a new document value),
 * the row filter, and find / replace all over every column. Prints the
 * median and the slowest of 50 runs each, beside the target.
 */
import { performance } from 'node:perf_hooks';
import type { Language } from '../../src/languages';
import type { Project, Segment, SegmentStatus } from '../../src/model/project';
import { filterRows } from '../../src/review/filter';
import { countProgress, documentProgress } from '../../src/review/progress';
import { setSegmentText } from '../../src/model/edit';
import { findMatches, replaceAll } from '../../src/usecases/findReplace';

const ROWS = 20_000;
const RUNS = 50;
const LANGUAGES: ReadonlyArray<Language> = ['en', 'ko', 'uk', 'ru'];
const STATUSES: ReadonlyArray<SegmentStatus> = ['draft', 'translated', 'reviewed', 'approved'];

function generated(): Project {
  const segments: Segment[] = [];
  for (let i = 0; i < ROWS; i++) {
    const status = (n: number) => STATUSES[(i * 7 + n) % STATUSES.length] ?? 'draft';
    segments.push({
      id: `s${i}`,
      paragraph: Math.floor(i / 5),
      ...(i % 97 === 0 ? { excluded: true } : {}),
      start: i * 3000,
      end: i * 3000 + 2500,
      texts: {
        en: `Line ${i}: the cat sat on the mat and looked at the door.`,
        ko: `${i}번째 줄: 고양이가 매트 위에 앉아 문을 바라보았다.`,
        uk: `Рядок ${i}: кіт сидів на килимку й дивився на двері.`,
        ru: `Строка ${i}: кот сидел на коврике и смотрел на дверь.`,
      },
      status: { en: 'source', ko: status(1), uk: status(2), ru: status(3) },
      ...(i % 50 === 0 ? { confidence: { uk: 0.3 } } : {}),
      ...(i % 40 === 0 ? { comments: [{ language: 'uk', author: 'A', time: '2026-11-30T08:00:00Z', text: 'x' }] } : {}),
    });
  }
  return {
    format: 'subrelay',
    version: 4,
    requires: '0.4.0',
    title: 'bench',
    languages: LANGUAGES,
    frameRate: 25,
    notes: [],
    documents: [{ id: 'd', kind: 'transcript', title: 'd', sourceLanguage: 'en', segments }],
    settings: {},
  };
}

/** Times `run`; when it returns a number, that is the time it measured itself (leaving out its setup). */
function time(name: string, target: number, run: () => unknown): void {
  for (let i = 0; i < 5; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const own = run();
    samples.push(typeof own === 'number' ? own : performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? 0;
  const max = samples[samples.length - 1] ?? 0;
  const verdict = median <= target ? 'ok' : 'OVER';
  console.log(
    `${name.padEnd(44)} median ${median.toFixed(2).padStart(7)} ms   max ${max.toFixed(2).padStart(7)} ms   target ${target} ms  ${verdict}`,
  );
}

const project = generated();
const document = project.documents[0]!;
const options = { matchCase: false, wholeWord: false, regex: false, languages: LANGUAGES };
console.log(`Review tools on ${ROWS.toLocaleString('en')} rows × ${LANGUAGES.length} languages`);
time('progress line, counted from scratch', 20, () => countProgress(document, LANGUAGES));
let typed = project;
let keystroke = 0;
time('progress line after a keystroke (incremental)', 2, () => {
  typed = setSegmentText(typed, { documentId: 'd', segmentId: 's10000' }, 'uk', `typed ${keystroke++}`);
  const start = performance.now();
  documentProgress(typed.documents[0]!, LANGUAGES);
  return performance.now() - start;
});
time('filter: status reviewed in Українська', 2, () => filterRows(document, { language: 'uk', status: 'reviewed' }));
time('filter: with notes', 2, () => filterRows(document, { notes: true }));
time('filter: uncertain links', 2, () => filterRows(document, { uncertain: true }));
time('find all "cat" (plain, 4 columns)', 100, () => findMatches(project, { ...options, query: 'cat' }));
time('find all \\b\\w+at\\b (regex, whole word)', 200, () =>
  findMatches(project, { ...options, query: String.raw`\w+at`, regex: true, wholeWord: true }),
);
time('replace all "cat" → "dog" (4 columns)', 200, () => replaceAll(project, { ...options, query: 'cat' }, 'dog'));
