import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../../src/model/schema';
import { serializeProject } from '../../../src/model/serialize';
import { addDocument, looksLikeFurniture, newProject } from '../../../src/usecases/newProject';
import { refusal, sample } from './support';

const articleText = readFileSync(new URL('../../../samples/kursk-appeal/article.en.txt', import.meta.url), 'utf8');
const sampleArticle = sample.documents.find((d) => d.id === 'article')!;

describe('newProject', () => {
  it('makes the sample’s article from its scraped text: same sentences, paragraphs and furniture', () => {
    const { project, report } = newProject({ title: 'Kursk', article: { text: articleText } });
    expect(() => parseProject(serializeProject(project))).not.toThrow();
    const made = project.documents[0]!;
    expect(made).toMatchObject({ id: 'article', kind: 'article', sourceLanguage: 'en' });
    // The sample adds a headline row (h001) that the scraped text does not have.
    const expected = sampleArticle.segments.filter((s) => s.role !== 'headline');
    expect(made.segments.map((s) => s.texts.en)).toEqual(expected.map((s) => s.texts.en));
    expect(made.segments.map((s) => s.paragraph)).toEqual(expected.map((s) => s.paragraph - 1));
    expect(made.segments.filter((s) => s.excluded === true).map((s) => s.texts.en)).toEqual(
      expected.filter((s) => s.excluded === true).map((s) => s.texts.en),
    );
    expect(report.excluded).toHaveLength(4);
    expect(report.messages).toEqual([
      { code: 'new-project-article', params: { document: 'article', language: 'en', count: 39, excluded: 4 } },
    ]);
    expect(made.segments[0]?.status).toEqual({ en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' });
  });

  it('segments an article in its own language, guessed from the letters, with a headline', () => {
    const text =
      'Зеленський закликав союзників\n\nПрезидент виступив у вівторок. Він говорив 10 хв.\n\nПІДПИШІТЬСЯ НА НАС\n\nДругий абзац тут.';
    const made = newProject({ article: { text } }).project.documents[0]!;
    expect(made.sourceLanguage).toBe('uk');
    expect(made.segments.map((s) => [s.texts.uk, s.paragraph, s.excluded === true, s.role ?? ''])).toEqual([
      ['Зеленський закликав союзників', 0, false, 'headline'],
      ['Президент виступив у вівторок.', 1, false, ''],
      ['Він говорив 10 хв.', 1, false, ''],
      ['ПІДПИШІТЬСЯ НА НАС', 2, true, ''],
      ['Другий абзац тут.', 3, false, ''],
    ]);
  });

  it('makes a timed transcript from cues and an untimed one from text', () => {
    const cues = [
      { start: 0, end: 2000, text: '형제 여러분!' },
      { start: 2500, end: 4000, text: '살아서 돌아가십시오.' },
    ];
    const timed = newProject({ transcript: { cues } }).project.documents[0]!;
    expect(timed).toMatchObject({ kind: 'transcript', sourceLanguage: 'ko' });
    expect(timed.segments.map((s) => [s.start, s.end, s.texts.ko])).toEqual([
      [0, 2000, '형제 여러분!'],
      [2500, 4000, '살아서 돌아가십시오.'],
    ]);
    const untimed = newProject({ transcript: { text: 'Brothers! Go home alive.' } }).project.documents[0]!;
    expect(untimed).toMatchObject({ kind: 'transcript', sourceLanguage: 'en' });
    expect(untimed.segments.map((s) => [s.start, s.texts.en])).toEqual([
      [undefined, 'Brothers!'],
      [undefined, 'Go home alive.'],
    ]);
  });

  it('makes an empty project that opens', () => {
    const { project } = newProject({});
    expect(project.documents).toEqual([]);
    expect(project.languages).toEqual(['en', 'ko', 'uk', 'ru']);
    expect(() => parseProject(serializeProject(project))).not.toThrow();
  });

  it('adds documents later under new ids, article and transcript together', () => {
    const both = newProject({ article: { text: 'One sentence.' }, transcript: { text: 'Два речення. Ось і все.' } });
    expect(both.project.documents.map((d) => [d.id, d.kind, d.sourceLanguage])).toEqual([
      ['article', 'article', 'en'],
      ['transcript', 'transcript', 'uk'],
    ]);
    const more = addDocument(both.project, { kind: 'article', text: 'Another one.', language: 'en' });
    expect(more.report.documentIds).toEqual(['article-2']);
  });

  it('refuses an empty article, an unknown language and a subtitle file without cues', () => {
    expect(refusal(() => newProject({ article: { text: ' \n\n ' } })).code).toBe('new-project-language-unknown');
    expect(refusal(() => newProject({ article: { text: ' \n\n ', language: 'en' } })).code).toBe(
      'new-project-empty-article',
    );
    expect(refusal(() => newProject({ article: { text: '1234 5678.' } })).code).toBe('new-project-language-unknown');
    expect(refusal(() => newProject({ transcript: { cues: [] }, transcriptLanguage: 'ko' })).code).toBe(
      'import-no-cues',
    );
  });
});

describe('looksLikeFurniture', () => {
  it.each([
    ['JOIN US ON TELEGRAM', 3],
    ['Follow our coverage of the war on the @Kyivpost_official.', 4],
    ['Why Russia is Losing Everywhere: Ukraine, Syria, and Beyond', 9],
    ['You can also highlight the text and press Ctrl + Enter', 23],
    ['Підпишіться на наш канал.', 5],
  ])('recognises “%s”', (text, index) => {
    expect(looksLikeFurniture(text, index)).toBe(true);
  });

  it.each([
    ['“We have a number of around 12,000 of them.', 5],
    ['The 90-second statement argued North Korean soldiers were fighting for no reason.', 2],
  ])('leaves the article’s own “%s”', (text, index) => {
    expect(looksLikeFurniture(text, index)).toBe(false);
  });
});
