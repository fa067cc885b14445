import { describe, expect, it } from 'vitest';
import type { Cue } from '../../src/formats/cue';
import { importCuesIntoDocument } from '../../src/model/importCues';
import type { Project, Segment, SubrelayDocument } from '../../src/model/project';
import { emptyProject } from '../../src/usecases/newProject';
import { segment } from '../support/segments';

function timed(id: string, start: number, end: number, extra: Partial<Segment> = {}): Segment {
  return segment(id, 0, `Line ${id}.`, { start, end, ...extra });
}

function transcript(...segments: Segment[]): Project {
  const document: SubrelayDocument = { id: 't', kind: 'transcript', title: 'T', sourceLanguage: 'en', segments };
  return { ...emptyProject('P'), documents: [document] };
}

const rows = (project: Project): ReadonlyArray<Segment> => project.documents[0]!.segments;

describe('importCuesIntoDocument', () => {
  it('gives a cue that matches no row a new row with its own start and end, between its neighbours', () => {
    const project = transcript(timed('s1', 0, 2000), timed('s2', 10_000, 12_000));
    const cues: Cue[] = [{ start: 5000, end: 7500, text: 'Нова репліка' }];
    const imported = importCuesIntoDocument(project, 't', 'uk', cues, 'overlap');
    expect(rows(imported.project).map((s) => s.id)).toEqual(['s1', 'c001', 's2']);
    expect(rows(imported.project)[1]).toMatchObject({ start: 5000, end: 7500, texts: { uk: 'Нова репліка', en: '' } });
    expect(imported.report).toEqual({ matched: 0, added: 1 });
  });

  it('with --match order, steps over excluded rows and puts surplus cues after the last included row', () => {
    const project = transcript(
      timed('s1', 0, 2000),
      timed('furniture', 2000, 3000, { excluded: true }),
      timed('s2', 3000, 5000),
      timed('tail', 5000, 6000, { excluded: true }),
    );
    const cues: Cue[] = [
      { start: 100, end: 900, text: 'Перша' },
      { start: 200, end: 800, text: 'Друга' },
      { start: 300, end: 700, text: 'Третя, зайва' },
    ];
    const imported = importCuesIntoDocument(project, 't', 'uk', cues, 'order');
    const after = rows(imported.project);
    expect(after.map((s) => s.texts.uk)).toEqual(['Перша', '', 'Друга', 'Третя, зайва', '']);
    expect(after.map((s) => s.id)).toEqual(['s1', 'furniture', 's2', 'c001', 'tail']);
    expect(after.find((s) => s.id === 'furniture')).toEqual(rows(project)[1]);
  });

  it('keeps the status of a cell whose text does not change, and never empties a filled cell', () => {
    const approved = timed('s1', 0, 2000, {
      texts: { en: 'Hello.', ko: '', uk: 'Привіт.', ru: '' },
      status: { en: 'source', ko: 'draft', uk: 'approved', ru: 'draft' },
    });
    const filled = timed('s2', 3000, 5000, {
      texts: { en: 'Bye.', ko: '', uk: 'Бувай.', ru: '' },
      status: { en: 'source', ko: 'draft', uk: 'reviewed', ru: 'draft' },
    });
    const changed = timed('s3', 6000, 8000, {
      texts: { en: 'Again.', ko: '', uk: 'Знову.', ru: '' },
      status: { en: 'source', ko: 'draft', uk: 'translated', ru: 'draft' },
    });
    const project = transcript(approved, filled, changed);
    const cues: Cue[] = [
      { start: 0, end: 2000, text: 'Привіт.' },
      { start: 3000, end: 5000, text: '' },
      { start: 6000, end: 8000, text: 'Ще раз.' },
    ];
    const after = rows(importCuesIntoDocument(project, 't', 'uk', cues, 'overlap').project);
    expect(after[0]).toEqual(approved);
    expect(after[1]).toEqual(filled);
    expect(after[2]).toMatchObject({ texts: { uk: 'Ще раз.' }, status: { uk: 'draft', en: 'source' } });
  });

  it('keeps the source status when the file is in the document’s own language, new rows included', () => {
    const project = transcript(timed('s1', 0, 2000));
    const cues: Cue[] = [
      { start: 0, end: 2000, text: 'Hello there.' },
      { start: 9000, end: 9500, text: 'A new line.' },
    ];
    const after = rows(importCuesIntoDocument(project, 't', 'en', cues, 'overlap').project);
    expect(after.map((s) => s.status.en)).toEqual(['source', 'source']);
    expect(after[1]?.status.uk).toBe('draft');
  });
});
