import { describe, expect, it } from 'vitest';
import type { Project, Segment } from '../../../src/model/project';
import { checkProjectLimits } from '../../../src/usecases/projectLimits';
import { segment } from '../../support/segments';
import { refusal, sample } from './support';

function withSegments(segments: Segment[]): Project {
  return { ...sample, documents: [{ id: 'd', kind: 'transcript', title: 'D', sourceLanguage: 'en', segments }] };
}

describe('checkProjectLimits', () => {
  it('passes a project Subrelay opens', () => {
    expect(checkProjectLimits(sample)).toBe(sample);
  });

  it('names the cell that is too long', () => {
    const project = withSegments([segment('s1', 0, 'x'.repeat(100_001))]);
    expect(refusal(() => checkProjectLimits(project))).toEqual({
      code: 'limit-text',
      params: { document: 'd', segment: 's1', language: 'en', limit: 100_000, length: 100_001 },
    });
  });

  it('names a time past 100 hours', () => {
    const project = withSegments([segment('s1', 0, 'Late.', { start: 0, end: 360_000_001 })]);
    expect(refusal(() => checkProjectLimits(project))).toEqual({
      code: 'limit-time',
      params: { document: 'd', segment: 's1', hours: 100 },
    });
  });

  it('names a note that is too long', () => {
    const project = withSegments([segment('s1', 0, 'Noted.', { note: 'n'.repeat(100_001) })]);
    expect(refusal(() => checkProjectLimits(project))).toMatchObject({
      code: 'limit-note',
      params: { limit: 100_000 },
    });
  });

  it('names the segment count over 200,000', () => {
    const one = segment('s', 0, 'A.');
    const segments = Array.from({ length: 200_001 }, (_, i) => ({ ...one, id: `s${i}` }));
    expect(refusal(() => checkProjectLimits(withSegments(segments)))).toEqual({
      code: 'limit-segments',
      params: { document: 'd', count: 200_001, limit: 200_000 },
    });
  });

  it('names the document count over 1,000', () => {
    const documents = Array.from({ length: 1001 }, (_, i) => ({
      id: `d${i}`,
      kind: 'article' as const,
      title: '',
      sourceLanguage: 'en' as const,
      segments: [],
    }));
    expect(refusal(() => checkProjectLimits({ ...sample, documents }))).toEqual({
      code: 'limit-documents',
      params: { count: 1001, limit: 1000 },
    });
  });

  it('names any other field the schema refuses', () => {
    const project = withSegments([segment('bad id', 0, 'A.')]);
    expect(refusal(() => checkProjectLimits(project))).toMatchObject({
      code: 'limit-project',
      params: { field: 'documents[0].segments[0].id' },
    });
  });
});
