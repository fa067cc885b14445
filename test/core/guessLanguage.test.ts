import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/languages';
import { parseProject } from '../../src/model/schema';
import { guessLanguage } from '../../src/text/guessLanguage';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

describe('guessLanguage', () => {
  it.each(LANGUAGES)('recognises the sample article in %s', (language) => {
    const text = sample.documents[1]!.segments.map((s) => s.texts[language]).join(' ');
    expect(guessLanguage(text)).toBe(language);
  });

  it('tells Ukrainian from Russian in single sentences of the sample', () => {
    const segments = sample.documents[1]!.segments.filter((s) => s.excluded !== true);
    const right = segments.filter((s) => guessLanguage(s.texts.uk) === 'uk' && guessLanguage(s.texts.ru) === 'ru');
    expect(right.length / segments.length).toBeGreaterThan(0.7);
  });

  it('has no answer for text without letters', () => {
    expect(guessLanguage('12 000 — 3,5!')).toBeUndefined();
    expect(guessLanguage('')).toBeUndefined();
  });
});
