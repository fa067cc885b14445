import { describe, expect, it } from 'vitest';
import { setCueTimes, setDocumentMedia } from '../../src/model/edit';
import type { Project } from '../../src/model/project';
import { articleOf, segment } from '../support/segments';

function project(): Project {
  return {
    format: 'subrelay',
    version: 4,
    title: 'P',
    languages: ['en', 'ko', 'uk', 'ru'],
    frameRate: 25,
    settings: {},
    notes: [],
    documents: [
      {
        id: 't',
        kind: 'transcript',
        title: 'T',
        sourceLanguage: 'ko',
        segments: [segment('a', 0, 'A', { start: 0, end: 1000 }), segment('b', 0, 'B', { start: 2000, end: 3000 })],
      },
      articleOf(segment('p', 1, 'P')),
    ],
  } as unknown as Project;
}

describe('setCueTimes', () => {
  it('changes one cue and keeps every other row as it was', () => {
    const before = project();
    const after = setCueTimes(before, { documentId: 't', segmentId: 'b' }, 2040, 3120);
    const [a, b] = after.documents[0]?.segments ?? [];
    expect(b).toMatchObject({ id: 'b', start: 2040, end: 3120, texts: { en: 'B' } });
    expect(a).toBe(before.documents[0]?.segments[0]);
    expect(after.documents[1]).toBe(before.documents[1]);
  });

  it('gives the same project back when the times are already those', () => {
    const before = project();
    expect(setCueTimes(before, { documentId: 't', segmentId: 'a' }, 0, 1000)).toBe(before);
  });
});

describe('setDocumentMedia', () => {
  it('attaches, replaces and detaches a transcript media', () => {
    const attached = setDocumentMedia(project(), 't', 'media/appeal.mp4');
    expect(attached.documents[0]?.media).toEqual({ path: 'media/appeal.mp4' });
    expect(setDocumentMedia(attached, 't', 'media/appeal.mp4')).toBe(attached);
    const detached = setDocumentMedia(attached, 't', undefined);
    expect(detached.documents[0]).not.toHaveProperty('media');
  });

  it('refuses media on an article and names a missing document', () => {
    expect(() => setDocumentMedia(project(), 'a', 'x.mp4')).toThrow(/Only a transcript/u);
    expect(() => setDocumentMedia(project(), 'zz', 'x.mp4')).toThrow(/No document zz/u);
  });
});
