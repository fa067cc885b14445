/**
 * Aligner benchmark on pairs it was not built for: `npm run bench` (or `npx tsx test/bench/alignPairs.ts`).
 *
 * Prints, per UDHR pair (see test/fixtures/align/udhr.ts), the bead F1
 * against the article structure and the time of `align`; then, per
 * long-sentence book (test/fixtures/align/longBook.ts), F1, the true 1–1
 * pairs not linked 1–1, and the time; then the time of 500,000 inserts into
 * the aligner's hash table (`IntCounter`) and its mean and longest probe.
 * Each timing is the fastest of three runs after a warm-up.
 */
import { loadavg } from 'node:os';
import { align } from '../../src/align/align';
import type { AlignSide } from '../../src/align/align';
import { IntCounter } from '../../src/align/intCounter';
import type { Language } from '../../src/languages';
import type { GoldCase } from '../fixtures/align/gold';
import { rangeOf, scoreBeads } from '../fixtures/align/gold';
import { longSentenceBook } from '../fixtures/align/longBook';
import { udhrCase } from '../fixtures/align/udhr';

function fastest<T>(runs: number, work: () => T): { readonly ms: number; readonly result: T } {
  let best = Infinity;
  let result = work();
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    result = work();
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, result };
}

const plain = (side: GoldCase['source']): AlignSide => ({ texts: side.texts, language: side.language });

console.log(`Aligner on new pairs, load average ${loadavg()[0]?.toFixed(2)}`);
console.log('\nUDHR against English, one segment per heading or paragraph, no paragraph numbers given');
console.log('pair            segments  gold  F1      ms');
const pairs: ReadonlyArray<readonly [string, Language]> = [
  ['deu_1996', 'en'],
  ['hun', 'en'],
  ['ron_2006', 'en'],
  ['pol', 'en'],
  ['fra', 'en'],
  ['ita', 'en'],
  ['fin', 'en'],
  ['tur', 'en'],
  ['vie', 'en'],
  ['jpn', 'ko'],
  ['cmn_hans', 'ko'],
  ['kor', 'ko'],
  ['ukr', 'uk'],
  ['rus', 'ru'],
];
for (const [code, label] of pairs) {
  const goldCase = udhrCase('eng', code, 'en', label);
  const { ms, result } = fastest(3, () => align(plain(goldCase.source), plain(goldCase.target)));
  const score = scoreBeads(result.beads.map(rangeOf), goldCase.gold, goldCase.review);
  console.log(
    `eng-${code.padEnd(11)} ${String(goldCase.source.texts.length + goldCase.target.texts.length).padStart(8)}  ${String(goldCase.gold.length).padStart(4)}  ${score.f1.toFixed(3)}  ${ms.toFixed(0).padStart(5)}`,
  );
}

console.log('\nLong-sentence books (about 120 words a sentence, 1% of translations missing)');
console.log('pair            sentences  F1      1–1 pairs lost  ms');
for (const [code, label, size] of [
  ['deu_1996', 'en', 2000],
  ['hun', 'en', 2000],
  ['jpn', 'ko', 2000],
  ['deu_1996', 'en', 10000],
] as const) {
  const book = longSentenceBook(code, label, size, 7);
  const { ms, result } = fastest(size > 5000 ? 1 : 3, () => align(plain(book.source), plain(book.target)));
  const predicted = new Set(result.beads.map((bead) => rangeOf(bead).join(',')));
  const lost = book.gold.filter(
    (range) => range[1] - range[0] === 1 && range[3] - range[2] === 1 && !predicted.has(range.join(',')),
  ).length;
  const score = scoreBeads(result.beads.map(rangeOf), book.gold);
  console.log(
    `eng-${code.padEnd(11)} ${String(size).padStart(9)}  ${score.f1.toFixed(4)}  ${String(lost).padStart(14)}  ${ms.toFixed(0).padStart(5)}`,
  );
}

const keys = 500_000;
const { ms, result: counter } = fastest(3, () => {
  const table = new IntCounter();
  for (let k = 0; k < keys; k++) table.add(k, k & 7);
  return table;
});
const probes = counter.probeStats();
console.log(
  `\nIntCounter: ${keys.toLocaleString('en-US')} inserts in ${ms.toFixed(0)} ms; mean probe ${probes.mean.toFixed(2)}, longest ${probes.longest}`,
);
