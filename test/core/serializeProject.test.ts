import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/model/schema';
import { setSegmentText } from '../../src/model/edit';
import { serializeProject } from '../../src/model/serialize';

const text = readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8');
const project = parseProject(text);

describe('the project file’s layout', () => {
  it('writes each row on a line of its own, one level below its document’s "segments"', () => {
    const lines = text.split('\n');
    for (const document of project.documents) {
      const first = lines.findIndex((line) => line.includes(`{"id":"${document.segments[0]?.id ?? ''}",`));
      expect(first).toBeGreaterThan(0);
      expect(lines[first - 1]).toMatch(/^ {6}"segments": \[$/u);
      document.segments.forEach((segment, index) => {
        const line = lines[first + index] ?? '';
        expect(line.startsWith('        {"id":')).toBe(true);
        expect(JSON.parse(line.replace(/,$/u, ''))).toMatchObject({ id: segment.id, texts: segment.texts });
      });
      expect(lines[first + document.segments.length]).toMatch(/^ {6}\],?$/u);
    }
  });

  it('changes one line of the file for a text typed in one row', () => {
    const appeal = project.documents[0]!;
    const edited = setSegmentText(
      project,
      { documentId: appeal.id, segmentId: appeal.segments[2]!.id },
      'uk',
      'Новий текст',
    );
    const before = serializeProject(project).split('\n');
    const after = serializeProject(edited).split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.flatMap((line, index) => (line === before[index] ? [] : [index]));
    expect(changed).toHaveLength(1);
    expect(after[changed[0]!]).toContain('"uk":"Новий текст"');
  });

  it('writes a document without rows as an empty list, and reads back what it wrote', () => {
    const empty = { ...project, documents: project.documents.map((document) => ({ ...document, segments: [] })) };
    const written = serializeProject(empty);
    expect(written).toMatch(/"segments": \[\]\n/u);
    expect(parseProject(written)).toEqual(empty);
    expect(parseProject(serializeProject(project))).toEqual(project);
    expect(serializeProject(project)).toBe(text);
  });
});
