import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { confirmCell, shiftCellsDown, shiftCellsUp, uncertainSegments } from '../../src/model/alignEdit';
import { setSegmentText } from '../../src/model/edit';
import type { Project, SubrelayDocument } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';

/** The sample without its headline, so the article starts with the seed's first sentence. */
const sample = withoutHeadline(
  parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8')),
);

function withoutHeadline(project: Project): Project {
  return {
    ...project,
    documents: project.documents.map((d) => ({ ...d, segments: d.segments.filter((s) => s.role !== 'headline') })),
  };
}
const article = (project: Project): SubrelayDocument => project.documents.find((d) => d.id === 'article')!;
const included = article(sample).segments.filter((s) => s.excluded !== true);

describe('shifting cells', () => {
  const ref = (id: string) => ({ documentId: 'article', segmentId: id });

  it('down: empties the cell, moves the rest down, and adds a row rather than drop the last text', () => {
    const before = article(sample).segments;
    const shifted = article(shiftCellsDown(sample, ref('a037'), 'ru')).segments;
    expect(shifted).toHaveLength(before.length + 1);
    expect(shifted.find((s) => s.id === 'a037')?.texts.ru).toBe('');
    expect(shifted.find((s) => s.id === 'a038')?.texts.ru).toBe(before.find((s) => s.id === 'a037')?.texts.ru);
    // The last row is page furniture: it is stepped over, and the text gets a new row.
    expect(shifted.find((s) => s.id === 'a039')).toEqual(before.find((s) => s.id === 'a039'));
    expect(shifted[shifted.length - 1]?.texts.ru).toBe(before.find((s) => s.id === 'a038')?.texts.ru);
  });

  it('up: moves into an empty cell, appends to a filled one, and is undone by down into an empty cell', () => {
    const down = shiftCellsDown(sample, ref('a005'), 'ko');
    const back = shiftCellsUp(down, ref('a006'), 'ko');
    expect(
      article(back)
        .segments.slice(0, 39)
        .map((s) => s.texts.ko),
    ).toEqual(article(sample).segments.map((s) => s.texts.ko));
    const appended = article(shiftCellsUp(sample, ref('a002'), 'ko')).segments;
    expect(appended[0]?.texts.ko).toBe(`${included[0]!.texts.ko} ${included[1]!.texts.ko}`);
    expect(shiftCellsUp(sample, ref('a001'), 'ko')).toBe(sample);
  });
});

describe('uncertain links', () => {
  it('are listed until the translator edits or confirms the cell', () => {
    const confidences: Readonly<Record<string, number>> = { a001: 0.95, a002: 0.2 };
    const filled: Project = {
      ...sample,
      documents: sample.documents.map((d) =>
        d.id !== 'article'
          ? d
          : {
              ...d,
              segments: d.segments.map((s) =>
                confidences[s.id] === undefined ? s : { ...s, confidence: { uk: confidences[s.id]! } },
              ),
            },
      ),
    };
    expect(uncertainSegments(article(filled))).toEqual([{ id: 'a002', language: 'uk' }]);
    const ref = { documentId: 'article', segmentId: 'a002' };
    expect(uncertainSegments(article(confirmCell(filled, ref, 'uk')))).toEqual([]);
    expect(uncertainSegments(article(setSegmentText(filled, ref, 'uk', 'Два!')))).toEqual([]);
  });
});
