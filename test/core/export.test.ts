import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportFileName, planExport } from '../../src/export/plan';
import { toPlainText } from '../../src/formats/text/text';
import { LANGUAGES } from '../../src/languages';
import type { Project } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { setSegmentText, setSegmentTime } from '../../src/model/edit';
import { segment } from '../support/segments';

const seed = readFileSync(new URL('../../samples/kursk-appeal/article.en.txt', import.meta.url), 'utf8');
const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const FURNITURE_LINES = new Set([2, 3, 8, 22]);

describe('toPlainText', () => {
  it('rebuilds the seed’s paragraphs without the page furniture, under the headline', () => {
    const article = sample.documents.find((d) => d.id === 'article')!;
    const headline = article.segments.find((s) => s.role === 'headline')!.texts.en;
    const expected = `${headline}\n\n${seed
      .split('\n')
      .filter((_, index) => !FURNITURE_LINES.has(index))
      .join('\n\n')}\n`;
    expect(toPlainText(article.segments, 'en')).toBe(expected);
    expect(readFileSync(new URL('../fixtures/article.en.txt', import.meta.url), 'utf8')).toBe(expected);
  });

  it('leaves out excluded and empty cells, and joins sentences of a paragraph with a space', () => {
    const text = toPlainText(
      [
        segment('a', 0, 'One.'),
        segment('b', 0, 'Two.'),
        segment('c', 1, 'Gone.', { excluded: true }),
        segment('d', 2, '  '),
        segment('e', 3, 'Three.'),
      ],
      'en',
    );
    expect(text).toBe('One. Two.\n\nThree.\n');
    expect(toPlainText([], 'en')).toBe('');
  });
});

describe('planExport', () => {
  it('names files <document>.<language>.<extension> for every chosen language', async () => {
    const plan = await planExport(sample, { documentIds: ['appeal', 'article'], languages: LANGUAGES, format: 'auto' });
    expect(plan.files.map((f) => f.name)).toEqual([
      'appeal.en.srt',
      'appeal.ko.srt',
      'appeal.uk.srt',
      'appeal.ru.srt',
      'article.en.txt',
      'article.ko.txt',
      'article.uk.txt',
      'article.ru.txt',
    ]);
    expect(plan.warnings).toEqual([]);
    expect(exportFileName('x', 'uk', 'srt')).toBe('x.uk.srt');
  });

  it('writes SRT only for transcripts and says which documents it skipped', async () => {
    const plan = await planExport(sample, { documentIds: ['appeal', 'article'], languages: ['ru'], format: 'srt' });
    expect(plan.files.map((f) => f.name)).toEqual(['appeal.ru.srt']);
    expect(plan.warnings).toEqual([{ documentId: 'article', language: 'ru', code: 'not-applicable' }]);
  });

  it('leaves out untranslated and untimed cues with a warning each, and never an excluded one', async () => {
    const project: Project = {
      ...sample,
      documents: [
        {
          id: 't',
          kind: 'transcript',
          title: 'T',
          sourceLanguage: 'en',
          segments: [
            segment('s1', 0, 'Timed.', { start: 0, end: 1000 }),
            segment('s2', 0, 'Untimed.'),
            segment('s3', 0, '', { start: 2000, end: 3000 }),
            segment('s4', 0, 'Excluded.', { excluded: true, start: 4000, end: 5000 }),
          ],
        },
      ],
    };
    const plan = await planExport(project, { documentIds: ['t'], languages: ['en'], format: 'srt', lineEnding: 'lf' });
    expect(plan.files[0]?.content).toBe('1\n00:00:00,000 --> 00:00:01,000\nTimed.\n\n');
    expect(plan.warnings.map((w) => [w.segmentId, w.code])).toEqual([
      ['s2', 'untimed'],
      ['s3', 'untranslated'],
    ]);
  });
});

describe('edits', () => {
  const ref = { documentId: 'appeal', segmentId: 'q001' };
  it('change one cell and leave the rest untouched', () => {
    const edited = setSegmentText(sample, ref, 'uk', 'Нове');
    expect(edited.documents[0]?.segments[0]?.texts.uk).toBe('Нове');
    expect(edited.documents[0]?.segments[1]).toBe(sample.documents[0]?.segments[1]);
    expect(edited.documents[1]).toBe(sample.documents[1]);
    expect(sample.documents[0]?.segments[0]?.texts.uk).not.toBe('Нове');
  });
  it('return the same project when nothing changes', () => {
    expect(setSegmentText(sample, ref, 'en', sample.documents[0]!.segments[0]!.texts.en)).toBe(sample);
    expect(setSegmentTime(sample, ref, 'start', 1000)).toBe(sample);
  });
  it('set times and refuse unknown segments', () => {
    expect(setSegmentTime(sample, ref, 'end', 4500).documents[0]?.segments[0]?.end).toBe(4500);
    expect(() => setSegmentText(sample, { documentId: 'appeal', segmentId: 'nope' }, 'en', 'x')).toThrow('nope');
  });
});
