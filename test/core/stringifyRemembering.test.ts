import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGES } from '../../src/languages';
import { mergeSegments, setSegmentStatus, setSegmentText, splitSegment } from '../../src/model/edit';
import type { Project } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { rememberRows, stringifyRemembering } from '../../src/model/serialize';

const sample = parseProject(readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));

afterEach(() => {
  vi.restoreAllMocks();
});

/** A request as the page sends it: the project among other fields. */
const request = (project: Project) => ({ sessionId: 's', journalId: 'j', project, path: null, name: 'x' });

describe('stringifyRemembering', () => {
  it('writes exactly what JSON.stringify writes, before and after any run of edits', () => {
    const appeal = sample.documents[0];
    if (appeal === undefined) throw new Error('the sample has no document');
    const edit = fc.oneof(
      fc.record({
        kind: fc.constant('text' as const),
        row: fc.nat(),
        language: fc.constantFrom(...LANGUAGES),
        text: fc.string(),
      }),
      fc.record({ kind: fc.constant('status' as const), row: fc.nat(), language: fc.constantFrom(...LANGUAGES) }),
      fc.record({ kind: fc.constant('split' as const), row: fc.nat(), offset: fc.nat() }),
      fc.record({ kind: fc.constant('merge' as const), row: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 8 }), (edits) => {
        let project = sample;
        expect(stringifyRemembering(request(project))).toBe(JSON.stringify(request(project)));
        for (const change of edits) {
          const segments = project.documents[0]?.segments ?? [];
          const at = segments[change.row % segments.length];
          if (at === undefined) continue;
          const ref = { documentId: appeal.id, segmentId: at.id };
          try {
            if (change.kind === 'text') project = setSegmentText(project, ref, change.language, change.text);
            if (change.kind === 'status') project = setSegmentStatus(project, ref, change.language, 'reviewed');
            if (change.kind === 'split')
              project = splitSegment(project, ref, 'en', change.offset % (at.texts.en.length + 1));
            const next = segments[(change.row % segments.length) + 1];
            if (change.kind === 'merge' && next !== undefined)
              project = mergeSegments(project, appeal.id, [at.id, next.id]);
          } catch {
            continue; // an edit the model refuses (a split at an edge): nothing changed
          }
          expect(stringifyRemembering(request(project))).toBe(JSON.stringify(request(project)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('writes again only the rows an edit made', () => {
    const first = sample.documents[0]?.segments[0];
    if (first === undefined) throw new Error('the sample has no rows');
    stringifyRemembering(request(sample));
    const edited = setSegmentText(
      sample,
      { documentId: sample.documents[0]?.id ?? '', segmentId: first.id },
      'uk',
      'Нове',
    );
    const stringify = vi.spyOn(JSON, 'stringify');
    stringifyRemembering(request(edited));
    const rowsWritten = stringify.mock.calls.filter(
      ([value]) => typeof value === 'object' && value !== null && 'texts' in value,
    );
    expect(rowsWritten).toHaveLength(1);
    expect(rowsWritten[0]?.[0]).toMatchObject({ id: first.id, texts: { uk: 'Нове' } });
  });

  it('writes values without projects as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(stringifyRemembering(value)).toBe(JSON.stringify(value));
      }),
    );
  });
});

describe('rememberRows', () => {
  it('writes rows while there is time and says where it stopped; what it wrote is not written again', () => {
    const rows = parseProject(JSON.stringify(sample)).documents[1]?.segments ?? [];
    expect(rows.length).toBeGreaterThan(10);
    let left = 5;
    const stopped = rememberRows(rows, 0, () => left-- > 0);
    expect(stopped).toBe(5);
    expect(rememberRows(rows, stopped, () => true)).toBe(rows.length);
    const stringify = vi.spyOn(JSON, 'stringify');
    const project = { ...sample, documents: [{ ...sample.documents[1], segments: rows }] };
    stringifyRemembering(project);
    expect(
      stringify.mock.calls.filter(([value]) => typeof value === 'object' && value !== null && 'texts' in value),
    ).toEqual([]);
  });
});
