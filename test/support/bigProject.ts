import { readFileSync } from 'node:fs';
import { LANGUAGES } from '../../src/languages';
import type { Project, Segment } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

/**
 * A project the size of a feature film's dialogue list or a long article
 * series: `cues` timed cues in a transcript and `rows` rows in an article,
 * in the four languages, made from the sample's own sentences (with the row
 * number in each, so no two rows are the same) and statuses that vary.
 */
export function bigProject(cues: number, rows: number): Project {
  const appeal = sample.documents.find((d) => d.kind === 'transcript');
  const article = sample.documents.find((d) => d.kind === 'article');
  if (appeal === undefined || article === undefined) throw new Error('The sample lost a document');
  const statuses = ['draft', 'translated', 'reviewed', 'approved'] as const;
  const make = (from: ReadonlyArray<Segment>, count: number, timed: boolean, prefix: string): Segment[] =>
    Array.from({ length: count }, (_, index) => {
      const base = from[index % from.length] ?? from[0]!;
      const texts = Object.fromEntries(
        LANGUAGES.map((language) => [
          language,
          base.texts[language] === '' ? '' : `${base.texts[language]} ${index + 1}`,
        ]),
      ) as Segment['texts'];
      const status = statuses[index % statuses.length] ?? 'draft';
      return {
        id: `${prefix}${index + 1}`,
        paragraph: Math.floor(index / 4),
        ...(timed ? { start: index * 4000 + 200, end: index * 4000 + 3200 } : {}),
        texts,
        status: { en: 'source', ko: status, uk: status, ru: status },
        ...(base.excluded === true && !timed ? { excluded: true } : {}),
      };
    });
  return {
    ...sample,
    title: `Generated: ${cues} cues, ${rows} article rows`,
    documents: [
      { ...appeal, id: 'appeal', title: `Transcript (${cues} cues)`, segments: make(appeal.segments, cues, true, 'c') },
      {
        ...article,
        id: 'article',
        title: `Article (${rows} rows)`,
        segments: make(article.segments, rows, false, 'a'),
      },
    ],
  };
}
