import { describe, expect, it } from 'vitest';
import { readXliff, writeXliff } from '../../../src/interchange/xliff';
import { importXliff } from '../../../src/usecases/importXliff';
import { refusal, sample } from './support';

const appeal = sample.documents.find((d) => d.id === 'appeal')!;
const first = appeal.segments[0]!;

/** The appeal's en→ko XLIFF with one target replaced. */
function edited(target: string): string {
  const written = writeXliff(sample, appeal, { version: '2.0', source: 'en', target: 'ko' });
  const original = first.texts.ko;
  expect(written).toContain(`<target xml:space="preserve">${original}</target>`);
  return written.replace(
    `<target xml:space="preserve">${original}</target>`,
    `<target xml:space="preserve">${target}</target>`,
  );
}

describe('importXliff', () => {
  it('takes a target back and reports it as problem-shaped lines', () => {
    const { project, report } = importXliff(sample, readXliff(edited('고친 번역')));
    expect(project.documents[0]!.segments[0]?.texts.ko).toBe('고친 번역');
    expect(report.changes).toEqual([
      { code: 'xliff-text-changed', params: { document: 'appeal', segment: first.id, language: 'ko' } },
    ]);
    expect(report.summary).toEqual({
      code: 'xliff-summary',
      params: { count: 1, unchanged: appeal.segments.length - 1 },
    });
    expect(report.warnings).toEqual([]);
  });

  it('refuses a 100,000-character target rather than save a project that will not open', () => {
    const problem = refusal(() => importXliff(sample, readXliff(edited('가'.repeat(100_001)))));
    expect(problem).toMatchObject({
      code: 'limit-text',
      params: { document: 'appeal', segment: first.id, language: 'ko', limit: 100_000, length: 100_001 },
    });
  });

  it('refuses a file whose target is the source language, as bad-xliff', () => {
    const swapped = edited('x').replace('srcLang="en" trgLang="ko"', 'srcLang="ko" trgLang="en"');
    expect(refusal(() => importXliff(sample, readXliff(swapped))).code).toBe('bad-xliff');
  });
});
