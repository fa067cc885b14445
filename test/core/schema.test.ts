import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseProject,
  projectSchema,
  readProjectText,
  sameJsonValue,
  ProjectFormatError,
  safeParseProject,
  validateProject,
} from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';
import { migrateProject } from '../../src/model/migrate';

const text = readFileSync(new URL('../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8');

function mutated(change: (value: Record<string, unknown>) => void): string {
  const value = JSON.parse(text) as Record<string, unknown>;
  change(value);
  return JSON.stringify(value);
}

function errorOf(input: string): ProjectFormatError {
  try {
    parseProject(input);
  } catch (error) {
    if (error instanceof ProjectFormatError) return error;
    throw error;
  }
  throw new Error('expected the project to be refused');
}

type Json = Record<string, unknown> & { documents: { segments: Record<string, unknown>[] }[] };

describe('parseProject', () => {
  it('reads the sample and writes it back byte for byte', () => {
    expect(serializeProject(parseProject(text))).toBe(text);
  });

  it('names the field of a wrong status', () => {
    const error = errorOf(
      mutated((v) => {
        ((v as Json).documents[1]!.segments[4]!['status'] as Record<string, string>)['ko'] = 'done';
      }),
    );
    expect(error.field).toBe('documents[1].segments[4].status.ko');
    expect(error.message).toMatch(/^documents\[1\]\.segments\[4\]\.status\.ko: /u);
  });

  it('names a missing title, an unknown field and a wrong type', () => {
    expect(errorOf(mutated((v) => delete v['title'])).field).toBe('title');
    expect(errorOf(mutated((v) => (v['colour'] = 'red'))).message).toContain('colour');
    expect(errorOf(mutated((v) => ((v as Json).documents[0]!.segments[0]!['start'] = '1s'))).field).toBe(
      'documents[0].segments[0].start',
    );
  });

  it('refuses an end before the start and a start without an end', () => {
    expect(errorOf(mutated((v) => ((v as Json).documents[0]!.segments[0]!['end'] = 10))).field).toBe(
      'documents[0].segments[0].end',
    );
    expect(errorOf(mutated((v) => delete (v as Json).documents[0]!.segments[0]!['end'])).message).toContain(
      'start and end must be given together',
    );
  });

  it('refuses duplicate segment and document ids', () => {
    expect(errorOf(mutated((v) => ((v as Json).documents[0]!.segments[1]!['id'] = 'q001'))).message).toContain(
      'duplicate segment id "q001"',
    );
    expect(
      errorOf(mutated((v) => (((v as Json).documents[1] as Record<string, unknown>)['id'] = 'appeal'))).message,
    ).toContain('duplicate document id');
  });

  it('refuses a newer format version, naming the Subrelay release it needs', () => {
    const error = errorOf(
      mutated((v) => {
        v['version'] = 7;
        v['requires'] = '3.1.0';
        v['shinyNewField'] = true;
      }),
    );
    expect(error.field).toBe('version');
    expect(error.message).toBe(
      'version: needs Subrelay 3.1.0 or later (it uses project format 7; this Subrelay reads formats up to 4, written by Subrelay 0.4.0 and later)',
    );
    expect(errorOf(mutated((v) => (v['version'] = 5))).message).toContain('needs Subrelay');
  });

  it.each([
    ['kursk-appeal.v1.subrelay', 1],
    ['kursk-appeal.v2.subrelay', 2],
  ])('migrates %s (format %i) to the current format', (fixture, version) => {
    const old = readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), 'utf8');
    expect(JSON.parse(old)).toMatchObject({ version });
    const migrated = parseProject(old);
    expect(migrated).toMatchObject({ version: 4, requires: '0.4.0', settings: {} });
    expect(migrateProject(JSON.parse(old)).fromVersion).toBe(version);
    // Apart from the new fields and the sample's later headline, the content is what the old file held.
    const withoutHeadline = JSON.parse(text) as Json;
    const article = withoutHeadline.documents[1]!;
    article.segments = article.segments
      .filter((s) => s['role'] !== 'headline')
      .map((s) => ({ ...s, paragraph: (s['paragraph'] as number) - 1 }));
    expect(serializeProject(migrated)).toBe(serializeProject(parseProject(JSON.stringify(withoutHeadline))));
  });

  it('keeps the aligner’s confidence per cell, and refuses one outside 0..1', () => {
    const value = JSON.parse(text) as Json;
    value.documents[0]!.segments[0]!['confidence'] = { ko: 0.25, en: 1 };
    const project = parseProject(JSON.stringify(value));
    expect(project.documents[0]?.segments[0]?.confidence).toEqual({ en: 1, ko: 0.25 });
    expect(serializeProject(project)).toContain('"confidence":{"en":1,"ko":0.25}');
    value.documents[0]!.segments[0]!['confidence'] = { ko: 1.5 };
    expect(errorOf(JSON.stringify(value)).field).toBe('documents[0].segments[0].confidence.ko');
  });

  it('leaves current, newer and shapeless values to validation', () => {
    expect(migrateProject(JSON.parse(text)).fromVersion).toBeUndefined();
    expect(migrateProject({ version: 0 }).fromVersion).toBeUndefined();
    expect(migrateProject('x')).toEqual({ value: 'x', fromVersion: undefined });
  });

  it('refuses what is not a Subrelay project', () => {
    expect(errorOf('not json').message).toContain('not valid JSON');
    expect(errorOf('[]').message).toContain('not a Subrelay project');
    expect(errorOf('{"format":"srt"}').field).toBe('format');
  });

  it('accepts a byte order mark', () => {
    expect(parseProject(`\uFEFF${text}`).title).toBe('Kursk appeal');
  });

  it('never throws anything but ProjectFormatError on random input (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ format: 'subrelay', version: 1, documents: v })),
        ),
        (input) => {
          try {
            parseProject(input);
          } catch (error) {
            expect(error).toBeInstanceOf(ProjectFormatError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('validates values as well as text', () => {
    expect(() => validateProject(null)).toThrow(ProjectFormatError);
  });
});

/** `fields` with some changed; an undefined change leaves the field out. */
function withChanges(fields: object, changes: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const changed = new Map<string, unknown>(changes);
  return Object.fromEntries(
    [...Object.entries(fields).filter(([name]) => !changed.has(name)), ...changed].filter(
      ([, value]) => value !== undefined,
    ),
  );
}

/** `safeParseProject` says what `projectSchema` says: success, data and the first problem. */
function expectAsSchema(value: unknown): void {
  const quick = safeParseProject(value);
  const full = projectSchema.safeParse(value);
  expect(quick.success).toBe(full.success);
  if (quick.success && full.success) expect(quick.data).toEqual(full.data);
  expect(quick.error?.issues[0]).toEqual(full.error?.issues[0]);
}

describe('safeParseProject (the quick check of usual rows)', () => {
  const base = JSON.parse(text) as Json;
  const withSegment = (segment: unknown): unknown => {
    const value = structuredClone(base);
    (value.documents[0]!.segments as unknown[])[2] = segment;
    return value;
  };
  const good = base.documents[0]!.segments[2]!;

  /** A row field: the good value, or something near a limit or of the wrong kind. */
  const fieldValue = fc.oneof(
    fc.constantFrom<unknown>(
      undefined,
      null,
      '',
      'x',
      'a'.repeat(100_001),
      'c3',
      '-x',
      'with space',
      0,
      -1,
      1.5,
      360_000_000,
      360_000_001,
      Number.MAX_SAFE_INTEGER + 2,
      Number.NaN,
      true,
      [],
      {},
      { en: 'a', ko: 'b', uk: 'c', ru: 'd' },
      { en: 'a', ko: 'b', uk: 'c' },
      { en: 'a', ko: 'b', uk: 'c', ru: 'd', de: 'e' },
      { en: 'source', ko: 'draft', uk: 'translated', ru: 'approved' },
      { en: 'source', ko: 'done', uk: 'translated', ru: 'approved' },
      { en: 'a', ko: 1, uk: 'c', ru: 'd' },
      [{ language: 'ko', author: 'A', time: '2024-01-01T00:00:00Z', text: 'note' }],
      [{ language: 'ko', author: 'A', time: 'yesterday', text: 'note' }],
      'headline',
      { ko: 0.5 },
      { ko: 2 },
    ),
    fc.string({ maxLength: 8 }),
    fc.integer({ min: -10, max: 400_000_000 }),
  );
  const fieldName = fc.constantFrom(
    'id',
    'paragraph',
    'excluded',
    'start',
    'end',
    'texts',
    'status',
    'note',
    'comments',
    'role',
    'confidence',
    'assStyle',
    'unknown',
  );

  it('accepts exactly what the schema accepts, and names the same first problem (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fieldName, fieldValue), { maxLength: 4 }), (changes) => {
        expectAsSchema(withSegment(withChanges(good, changes)));
      }),
      { numRuns: 1000 },
    );
  });

  it('checks documents as the schema does, rows apart (property)', () => {
    const document = base.documents[0]!;
    const rows = document.segments;
    const documentValue = fc.oneof(
      fieldValue,
      fc.constantFrom<unknown>(
        [],
        [rows[0], rows[0]],
        [rows[1], { ...rows[2], id: rows[1]!.id }],
        rows.slice(1),
        'transcript',
        'article',
        { path: '/media/appeal.mp4' },
        { path: '' },
        { ko: { info: [], styles: [] } },
      ),
    );
    const documentField = fc.constantFrom(
      'id',
      'kind',
      'title',
      'sourceLanguage',
      'media',
      'segments',
      'assScript',
      'unknown',
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(documentField, documentValue), { maxLength: 3 }),
        fc.boolean(),
        (changes, twice) => {
          const edited = withChanges(document, changes);
          const value = structuredClone(base);
          value.documents[0] = edited as never;
          if (twice) value.documents.push(structuredClone(edited) as never);
          expectAsSchema(value);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives a usual project’s rows back as they were read', () => {
    const value = structuredClone(base);
    const quick = safeParseProject(value);
    expect(quick.success).toBe(true);
    expect(quick.data?.documents[1]?.segments).toBe(value.documents[1]?.segments);
    expect(quick.data?.documents[0]?.segments[0]).toBe(value.documents[0]?.segments[0]);
    expect(quick.data?.documents[0]).not.toBe(value.documents[0]);
  });

  it('refuses a row the quick check doubts with the schema’s own message', () => {
    const error = errorOf(JSON.stringify(withSegment({ ...good, start: 5000, end: 10 })));
    expect(error.message).toBe('documents[0].segments[2].end: end must not be before start');
    expect(errorOf(JSON.stringify(withSegment({ ...good, extra: 1 }))).field).toBe('documents[0].segments[2]');
  });

  it('checks a row with comments or a role through the schema', () => {
    const comment = { language: 'ko', author: 'A', time: '2024-01-01T00:00:00Z', text: 'n' };
    expect(safeParseProject(withSegment({ ...good, comments: [comment], role: 'headline' })).success).toBe(true);
    const error = errorOf(JSON.stringify(withSegment({ ...good, comments: [{ ...comment, time: 'later' }] })));
    expect(error.field).toBe('documents[0].segments[2].comments[0].time');
  });
});

describe('readProjectText', () => {
  it('says a current project is exactly what its text holds', () => {
    const { project, asWritten } = readProjectText(text);
    expect(asWritten).toBe(true);
    expect(project).toEqual(parseProject(text));
  });

  it('says so when reading changed the project (an older format, migrated)', () => {
    const old = readFileSync(new URL('../fixtures/kursk-appeal.v2.subrelay', import.meta.url), 'utf8');
    const read = readProjectText(old);
    expect(read.asWritten).toBe(false);
    expect(read.project).toEqual(parseProject(old));
  });
});

describe('sameJsonValue', () => {
  it('compares keys, values and array order, not key order', () => {
    expect(sameJsonValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameJsonValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJsonValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJsonValue({ a: {} }, { a: [] })).toBe(false);
    expect(sameJsonValue([], {})).toBe(false);
    expect(sameJsonValue({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameJsonValue(null, {})).toBe(false);
  });

  it('agrees with comparing the values written out with their keys sorted', () => {
    const sorted = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sorted)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
                .map(([key, item]) => [key, sorted(item)]),
            )
          : value;
    const canonical = (value: unknown): string => JSON.stringify(sorted(value));
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameJsonValue(a, b)).toBe(canonical(a) === canonical(b));
        expect(sameJsonValue(a, JSON.parse(JSON.stringify(a)))).toBe(true);
      }),
    );
  });
});
