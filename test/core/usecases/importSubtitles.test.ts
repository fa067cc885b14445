import { describe, expect, it } from 'vitest';
import { parseProject } from '../../../src/model/schema';
import { serializeProject } from '../../../src/model/serialize';
import { importSubtitles } from '../../../src/usecases/importSubtitles';
import { refusal, sample } from './support';

describe('importSubtitles', () => {
  const cues = [
    { start: 1200, end: 3900, text: 'Братья!' },
    { start: 300_000, end: 302_000, text: 'Новая реплика' },
  ];

  it('puts cues into a transcript and reports what matched and what was added', () => {
    const { project, report } = importSubtitles(sample, {
      documentId: 'appeal',
      language: 'ru',
      cues,
      matching: 'overlap',
    });
    expect(report).toMatchObject({ documentId: 'appeal', created: false, cues: 2, matched: 1, added: 1 });
    expect(report.messages).toEqual([
      { code: 'import-summary', params: { count: 2, document: 'appeal', language: 'ru', matched: 1, added: 1 } },
    ]);
    expect(project.documents[0]!.segments[0]?.texts.ru).toBe('Братья!');
    expect(() => parseProject(serializeProject(project))).not.toThrow();
  });

  it('makes a new transcript of the cues', () => {
    const { project, report } = importSubtitles(sample, {
      documentId: 'new',
      title: 'Ru subs',
      language: 'ru',
      cues,
      matching: 'overlap',
    });
    expect(report).toMatchObject({ documentId: 'ru-subs', created: true, added: 2 });
    expect(project.documents[2]).toMatchObject({ id: 'ru-subs', kind: 'transcript', sourceLanguage: 'ru' });
  });

  it('refuses an unknown document, an article, a new document without cues and a language the project lacks', () => {
    const base = { language: 'ru' as const, cues, matching: 'overlap' as const };
    expect(refusal(() => importSubtitles(sample, { ...base, documentId: 'nope' }))).toEqual({
      code: 'unknown-document',
      params: { id: 'nope' },
    });
    expect(refusal(() => importSubtitles(sample, { ...base, documentId: 'article' })).code).toBe('import-into-article');
    expect(refusal(() => importSubtitles(sample, { ...base, documentId: 'new', cues: [] })).code).toBe(
      'import-no-cues',
    );
    const englishOnly = { ...sample, languages: ['en' as const] };
    expect(refusal(() => importSubtitles(englishOnly, { ...base, documentId: 'appeal' })).code).toBe(
      'language-not-in-project',
    );
  });

  it('refuses a cue past 100 hours rather than make a project Subrelay cannot open', () => {
    const late = [{ start: 101 * 3_600_000, end: 101 * 3_600_000 + 2000, text: 'Пізно' }];
    const problem = refusal(() =>
      importSubtitles(sample, { documentId: 'appeal', language: 'uk', cues: late, matching: 'overlap' }),
    );
    expect(problem).toMatchObject({ code: 'limit-time', params: { document: 'appeal', hours: 100 } });
  });

  it('refuses a cue longer than a cell may hold', () => {
    const long = [{ start: 1200, end: 3900, text: 'я'.repeat(100_001) }];
    expect(
      refusal(() => importSubtitles(sample, { documentId: 'appeal', language: 'uk', cues: long, matching: 'order' })),
    ).toMatchObject({ code: 'limit-text', params: { document: 'appeal', language: 'uk', limit: 100_000 } });
  });

  it('tells the progress of a long import: from none to all, never backwards, with steps between', () => {
    const many = Array.from({ length: 10_000 }, (_, index) => ({
      start: 400_000 + index * 3000,
      end: 400_000 + index * 3000 + 2000,
      text: `Рядок ${index + 1}`,
    }));
    const progressOf = (documentId: string): Array<[number, number]> => {
      const calls: Array<[number, number]> = [];
      const { report } = importSubtitles(
        sample,
        { documentId, language: 'uk', cues: many, matching: 'overlap' },
        { onProgress: (done, total) => calls.push([done, total]) },
      );
      expect(report.added).toBe(10_000);
      return calls;
    };
    const into = progressOf('appeal');
    const fresh = progressOf('new');
    // Matching 10,000 cues to rows reports on the way; a new transcript has nothing to match.
    expect(into.length).toBeGreaterThan(2);
    expect(fresh).toEqual([
      [0, 10_000],
      [10_000, 10_000],
    ]);
    expect(into[0]).toEqual([0, 10_000]);
    expect(into[into.length - 1]).toEqual([10_000, 10_000]);
    expect(new Set(into.map(([, total]) => total))).toEqual(new Set([10_000]));
    const done = into.map(([count]) => count);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('does not report an import done when the project limits refuse it', () => {
    const calls: Array<[number, number]> = [];
    const late = [{ start: 101 * 3_600_000, end: 101 * 3_600_000 + 2000, text: 'Пізно' }];
    const problem = refusal(() =>
      importSubtitles(
        sample,
        { documentId: 'appeal', language: 'uk', cues: late, matching: 'overlap' },
        { onProgress: (done, total) => calls.push([done, total]) },
      ),
    );
    expect(problem.code).toBe('limit-time');
    expect(calls).toEqual([[0, 1]]);
  });
});
