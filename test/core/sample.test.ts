import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/languages';
import { parseProject } from '../../src/model/schema';
import { segmentText } from '../../src/segment/sentences';

const seed = readFileSync(new URL('../../samples/kursk-appeal/article.en.txt', import.meta.url), 'utf8');
const project = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const article = project.documents.find((d) => d.id === 'article')!;
const appeal = project.documents.find((d) => d.id === 'appeal')!;

const FURNITURE = [
  'JOIN US ON TELEGRAM',
  'Follow our coverage of the war on the @Kyivpost_official.',
  'Why Russia is Losing Everywhere: Ukraine, Syria, and Beyond',
  'You can also highlight the text and press Ctrl + Enter',
];

describe('the sample project', () => {
  it('has the Appeal transcript and the Article, in all four languages', () => {
    expect(project.documents.map((d) => [d.id, d.kind, d.title])).toEqual([
      ['appeal', 'transcript', 'Appeal'],
      ['article', 'article', 'Article'],
    ]);
    expect(project.languages).toEqual(LANGUAGES);
  });

  it('holds every sentence of the seed, in order, with its paragraph, after one headline of its own', () => {
    const [headline, ...body] = article.segments;
    expect(headline?.role).toBe('headline');
    expect(headline?.paragraph).toBe(0);
    expect(headline?.note).toMatch(/scraped page had none/u);
    expect(body.some((s) => s.role !== undefined)).toBe(false);
    expect(body.map((s) => ({ paragraph: s.paragraph - 1, text: s.texts.en }))).toEqual(segmentText(seed, 'en'));
  });

  it('keeps page furniture as excluded segments, and nothing else excluded', () => {
    expect(article.segments.filter((s) => s.excluded === true).map((s) => s.texts.en)).toEqual(FURNITURE);
  });

  it('translates every included segment into Korean, Ukrainian and Russian as drafts', () => {
    for (const document of project.documents) {
      for (const segment of document.segments.filter((s) => s.excluded !== true)) {
        expect(segment.status.en, segment.id).toBe('source');
        for (const language of ['ko', 'uk', 'ru'] as const) {
          expect(segment.texts[language].trim(), `${segment.id} ${language}`).not.toBe('');
          expect(segment.status[language]).toBe('draft');
        }
      }
    }
  });

  it('writes each script in its own alphabet', () => {
    for (const segment of article.segments.filter((s) => s.excluded !== true)) {
      expect(segment.texts.ko, segment.id).toMatch(/[가-힣]/u);
      expect(segment.texts.uk, segment.id).not.toMatch(/[ыэъё]/iu);
      expect(segment.texts.ru, segment.id).not.toMatch(/[іїєґ]/iu);
    }
  });

  it('writes names and numbers as each language’s press does', () => {
    const all = (language: 'ko' | 'uk' | 'ru'): string => article.segments.map((s) => s.texts[language]).join(' ');
    expect(all('ko')).toContain('젤렌스키');
    expect(all('uk')).toContain('Зеленськ');
    expect(all('ru')).toContain('Зеленск');
    expect(all('ko')).toContain('1만 2000명');
    expect(all('uk')).toContain('12 тисяч');
    expect(all('ru')).toContain('12 тысяч');
    expect(all('uk')).toContain('Курськ');
    expect(all('ru')).toContain('Курск');
    expect(all('ko')).toContain('쿠르스크');
  });

  it('quotes only what the article quotes from the appeal, in order, with times inside 0–90 s', () => {
    const quotedText = seed.replace(/[“”]/gu, '').replace(/\s+/gu, ' ');
    let previousEnd = 0;
    for (const segment of appeal.segments) {
      const words = segment.texts.en.replace(/^…|…$/gu, '').replace(/[.,]$/u, '');
      expect(quotedText, segment.id).toContain(words);
      expect(segment.start).toBeGreaterThanOrEqual(previousEnd);
      expect(segment.end).toBeGreaterThan(segment.start!);
      expect(segment.end).toBeLessThanOrEqual(90_000);
      previousEnd = segment.end!;
    }
    expect(project.notes.some((note) => note.includes('placeholder'))).toBe(true);
  });
});
