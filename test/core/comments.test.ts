import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { mergeWithNext } from '../../src/model/edit';
import { createHistory, recordEdit, undo } from '../../src/model/history';
import type { Project } from '../../src/model/project';
import { parseProject, validateProject } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';
import { cellComments, hasNotes, setCellComments } from '../../src/review/comments';

async function sample(): Promise<Project> {
  return parseProject(await readFile(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
}

const ref = { documentId: 'appeal', segmentId: 'q001' };
const first = (project: Project, index = 0) => project.documents.find((d) => d.id === 'appeal')!.segments[index]!;
const TIME = '2026-11-30T08:40:00.000Z';

describe('comments per cell', () => {
  it('a cell’s comments are set as one edit, and one undo takes them back', async () => {
    const project = await sample();
    const commented = setCellComments(project, ref, 'uk', [{ author: 'Olena', time: TIME, text: 'Check “брати”.' }]);
    expect(cellComments(first(commented), 'uk')).toEqual([
      { language: 'uk', author: 'Olena', time: TIME, text: 'Check “брати”.' },
    ]);
    expect(cellComments(first(commented), 'ru')).toEqual([]);
    expect(hasNotes(first(commented), 'uk')).toBe(true);
    expect(hasNotes(first(commented), 'ru')).toBe(false);
    expect(hasNotes(first(project))).toBe(false);
    const history = recordEdit(createHistory(project), commented, 'note');
    expect(undo(history).present).toBe(project);
  });

  it('keeps the other cells’ comments, drops emptied ones, and changes nothing for the same comments', async () => {
    const project = await sample();
    const both = setCellComments(
      setCellComments(project, ref, 'ru', [{ author: 'Ivan', time: TIME, text: 'ru note' }]),
      ref,
      'uk',
      [{ author: 'Olena', time: TIME, text: 'uk note' }],
    );
    expect(setCellComments(both, ref, 'uk', [{ author: 'Olena', time: TIME, text: 'uk note' }])).toBe(both);
    const emptied = setCellComments(both, ref, 'uk', [{ author: 'Olena', time: TIME, text: '  ' }]);
    expect(first(emptied).comments).toEqual([{ language: 'ru', author: 'Ivan', time: TIME, text: 'ru note' }]);
    const none = setCellComments(emptied, ref, 'ru', []);
    expect(first(none).comments).toBeUndefined();
    expect(() => setCellComments(project, { documentId: 'appeal', segmentId: 'nope' }, 'uk', [])).toThrow(/nope/u);
  });

  it('survive a save and an open, and the old single note stays valid beside them', async () => {
    const project = await sample();
    const commented = setCellComments(project, ref, 'ko', [{ author: '민지', time: TIME, text: '확인' }]);
    const withNote = {
      ...commented,
      documents: commented.documents.map((d) =>
        d.id === 'appeal'
          ? { ...d, segments: d.segments.map((s, i) => (i === 0 ? { ...s, note: 'old note' } : s)) }
          : d,
      ),
    };
    const reopened = parseProject(serializeProject(withNote));
    expect(first(reopened).comments).toEqual([{ language: 'ko', author: '민지', time: TIME, text: '확인' }]);
    expect(first(reopened).note).toBe('old note');
    expect(hasNotes(first(reopened))).toBe(true);
  });

  it('the schema refuses a comment without a real time or on an unknown language', async () => {
    const project = JSON.parse(serializeProject(await sample())) as {
      documents: Array<{ segments: Array<Record<string, unknown>> }>;
    };
    project.documents[0]!.segments[0]!['comments'] = [{ language: 'uk', author: 'A', time: 'yesterday', text: 'x' }];
    expect(() => validateProject(project)).toThrow(/comments\[0\]\.time/u);
    project.documents[0]!.segments[0]!['comments'] = [{ language: 'de', author: 'A', time: TIME, text: 'x' }];
    expect(() => validateProject(project)).toThrow(/comments\[0\]\.language/u);
  });

  it('merging rows keeps both rows’ comments', async () => {
    const project = await sample();
    const second = { documentId: 'appeal', segmentId: first(project, 1).id };
    const commented = setCellComments(
      setCellComments(project, ref, 'uk', [{ author: 'A', time: TIME, text: 'one' }]),
      second,
      'uk',
      [{ author: 'B', time: TIME, text: 'two' }],
    );
    const merged = mergeWithNext(commented, ref);
    expect(cellComments(first(merged), 'uk').map((c) => c.text)).toEqual(['one', 'two']);
  });
});
