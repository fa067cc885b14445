import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProject, ProjectFormatError } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';

const text = readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8');
type Json = Record<string, unknown> & { documents: Record<string, unknown>[] };

function withMedia(index: number, media: unknown): string {
  const value = JSON.parse(text) as Json;
  value.documents[index]!['media'] = media;
  return JSON.stringify(value);
}

describe('a transcript’s media reference', () => {
  it('is optional: a project without media reads and writes back unchanged', () => {
    const project = parseProject(text);
    expect(project.documents.every((document) => document.media === undefined)).toBe(true);
    expect(serializeProject(project)).toBe(text);
  });

  it('survives a save, written after the source language', () => {
    const project = parseProject(withMedia(0, { path: 'media/appeal.mp4' }));
    expect(project.documents[0]?.kind).toBe('transcript');
    expect(project.documents[0]?.media).toEqual({ path: 'media/appeal.mp4' });
    const saved = serializeProject(project);
    expect(saved).toContain('"sourceLanguage": "en",\n      "media": {\n        "path": "media/appeal.mp4"\n      },');
    expect(parseProject(saved).documents[0]?.media).toEqual({ path: 'media/appeal.mp4' });
  });

  it('is refused on an article, naming the field', () => {
    expect(() => parseProject(withMedia(1, { path: 'a.mp4' }))).toThrow(ProjectFormatError);
    expect(() => parseProject(withMedia(1, { path: 'a.mp4' }))).toThrow(/^documents\[1\]\.media: only a transcript/u);
  });

  it('is refused with an empty path or unknown fields', () => {
    expect(() => parseProject(withMedia(0, { path: '' }))).toThrow(/^documents\[0\]\.media\.path: /u);
    expect(() => parseProject(withMedia(0, { path: 'a.mp4', offset: 3 }))).toThrow(/^documents\[0\]\.media/u);
  });
});
