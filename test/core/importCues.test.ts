import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cue } from '../../src/formats/cue';
import type { Language } from '../../src/languages';
import { documentFromCues, importCuesIntoDocument, type CueMatching } from '../../src/model/importCues';
import type { Project, Segment, SegmentStatus, SubrelayDocument } from '../../src/model/project';
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

describe('importCuesIntoDocument: the rows it adds', () => {
  it('gives a new row the start and the end of its own cue, whichever the matching', () => {
    const project = transcript(timed('s1', 0, 2000), timed('s2', 10_000, 12_000));
    const byTime = rows(
      importCuesIntoDocument(project, 't', 'ko', [{ start: 4200, end: 6900, text: '새 줄' }], 'overlap').project,
    );
    expect(byTime.map((s) => [s.id, s.start, s.end])).toEqual([
      ['s1', 0, 2000],
      ['c001', 4200, 6900],
      ['s2', 10_000, 12_000],
    ]);
    const cues: Cue[] = [
      { start: 100, end: 900, text: 'один' },
      { start: 1000, end: 1900, text: 'два' },
      { start: 31_000, end: 33_750, text: 'три, зайвий' },
    ];
    const byOrder = rows(importCuesIntoDocument(project, 't', 'uk', cues, 'order').project);
    expect(byOrder[2]).toMatchObject({ id: 'c001', start: 31_000, end: 33_750, texts: { uk: 'три, зайвий' } });
    // The rows that were there keep their own times: a cue's times never move a matched row.
    expect(byOrder.slice(0, 2).map((s) => [s.start, s.end])).toEqual([
      [0, 2000],
      [10_000, 12_000],
    ]);
  });

  it('gives each row of a new transcript its cue’s start and end', () => {
    const cues: Cue[] = [
      { start: 1200, end: 3900, text: 'Brothers!' },
      { start: 4100, end: 4350, text: 'Short.' },
    ];
    const made = documentFromCues(transcript(), 'Appeal (EN)', 'en', cues);
    const document = made.project.documents.find((d) => d.id === made.documentId)!;
    expect(made.documentId).toBe('appeal-en');
    expect(document.segments.map((s) => [s.id, s.start, s.end, s.texts.en])).toEqual([
      ['s001', 1200, 3900, 'Brothers!'],
      ['s002', 4100, 4350, 'Short.'],
    ]);
    expect(document.segments.map((s) => s.status)).toEqual([
      { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' },
      { en: 'source', ko: 'draft', uk: 'draft', ru: 'draft' },
    ]);
  });

  it('numbers new rows after the largest c-number in the document, so no id is taken twice', () => {
    const project = transcript(timed('c001', 0, 1000), timed('c007', 5000, 6000), timed('c2x', 8000, 9000));
    const cues: Cue[] = [
      { start: 2000, end: 2500, text: 'a' },
      { start: 3000, end: 3500, text: 'b' },
    ];
    const after = rows(importCuesIntoDocument(project, 't', 'uk', cues, 'overlap').project);
    expect(after.map((s) => s.id)).toEqual(['c001', 'c008', 'c009', 'c007', 'c2x']);
    expect(new Set(after.map((s) => s.id)).size).toBe(after.length);
  });

  it('puts new rows that land in the same gap in time order, the file’s order on equal starts', () => {
    const project = transcript(timed('s1', 0, 1000), timed('s2', 10_000, 11_000));
    const cues: Cue[] = [
      { start: 7000, end: 7500, text: 'third' },
      { start: 3000, end: 3500, text: 'first' },
      { start: 5000, end: 5500, text: 'second' },
      { start: 5000, end: 5200, text: 'second too' },
      { start: 20_000, end: 21_000, text: 'last' },
    ];
    const after = rows(importCuesIntoDocument(project, 't', 'ru', cues, 'overlap').project);
    expect(after.map((s) => s.texts.ru || s.id)).toEqual([
      's1',
      'first',
      'second',
      'second too',
      'third',
      's2',
      'last',
    ]);
  });
});

describe('importCuesIntoDocument: --match overlap', () => {
  it('puts a cue into the row it overlaps most; on a tie, the row that comes first in the document', () => {
    // Rows out of time order, as after hand edits: the later one comes first.
    const project = transcript(timed('later', 2000, 3000), timed('earlier', 0, 2000), timed('long', 2900, 60_000));
    const cues: Cue[] = [
      { start: 1500, end: 2500, text: 'tie' },
      { start: 1400, end: 2500, text: 'more in the earlier row' },
      { start: 30_000, end: 31_000, text: 'inside the long row' },
    ];
    const after = rows(importCuesIntoDocument(project, 't', 'uk', cues, 'overlap').project);
    expect(after.map((s) => [s.id, s.texts.uk])).toEqual([
      ['later', 'tie'],
      ['earlier', 'more in the earlier row'],
      ['long', 'inside the long row'],
    ]);
  });
});

describe('importCuesIntoDocument: --match order and excluded rows', () => {
  const project = transcript(
    timed('lead', 0, 1000, { excluded: true }),
    timed('s1', 1000, 2000),
    timed('gap1', 2000, 3000, { excluded: true }),
    timed('gap2', 3000, 4000, { excluded: true }),
    timed('s2', 4000, 5000),
    timed('s3', 5000, 6000),
  );
  // Times that would put every cue somewhere else: order must ignore them.
  const cues: Cue[] = [
    { start: 5000, end: 6000, text: 'перший' },
    { start: 0, end: 1000, text: 'другий' },
    { start: 2000, end: 3000, text: 'третій' },
  ];

  it('fills the included rows in turn and leaves every excluded row as it was', () => {
    const imported = importCuesIntoDocument(project, 't', 'uk', cues, 'order');
    const after = rows(imported.project);
    expect(after.map((s) => [s.id, s.texts.uk])).toEqual([
      ['lead', ''],
      ['s1', 'перший'],
      ['gap1', ''],
      ['gap2', ''],
      ['s2', 'другий'],
      ['s3', 'третій'],
    ]);
    for (const id of ['lead', 'gap1', 'gap2']) {
      expect(after.find((s) => s.id === id)).toBe(rows(project).find((s) => s.id === id));
    }
    expect(imported.report).toEqual({ matched: 3, added: 0 });
  });

  it('does not fill excluded rows even when the file has more cues than included rows', () => {
    const more: Cue[] = [...cues, { start: 9000, end: 9900, text: 'четвертий' }];
    const imported = importCuesIntoDocument(project, 't', 'uk', more, 'order');
    const after = rows(imported.project);
    expect(after.filter((s) => s.excluded === true).map((s) => s.texts.uk)).toEqual(['', '', '']);
    expect(after.map((s) => s.id)).toEqual(['lead', 's1', 'gap1', 'gap2', 's2', 's3', 'c001']);
    expect(imported.report).toEqual({ matched: 3, added: 1 });
  });

  it('with --match overlap, never puts a cue into an excluded row it overlaps best', () => {
    const imported = importCuesIntoDocument(project, 't', 'uk', [{ start: 2000, end: 4000, text: 'x' }], 'overlap');
    const after = rows(imported.project);
    expect(after.filter((s) => s.excluded === true).map((s) => s.texts.uk)).toEqual(['', '', '']);
    expect(imported.report).toEqual({ matched: 0, added: 1 });
  });
});

describe('importCuesIntoDocument: statuses of the cells it fills', () => {
  const statuses: ReadonlyArray<SegmentStatus> = ['draft', 'translated', 'reviewed', 'approved'];
  const project = transcript(
    ...statuses.map((status, index) =>
      timed(`s${index + 1}`, index * 1000, index * 1000 + 900, {
        texts: { en: `Line ${index}.`, ko: `줄 ${index}.`, uk: '', ru: `Строка ${index}.` },
        status: { en: 'source', ko: status, uk: 'draft', ru: status },
      }),
    ),
  );
  const cuesWith = (text: (index: number) => string): Cue[] =>
    statuses.map((_, index) => ({ start: index * 1000, end: index * 1000 + 900, text: text(index) }));

  for (const matching of ['overlap', 'order'] as const) {
    it(`makes every changed cell a draft, whatever it was (--match ${matching})`, () => {
      const after = rows(
        importCuesIntoDocument(
          project,
          't',
          'ko',
          cuesWith((i) => `새 줄 ${i}.`),
          matching,
        ).project,
      );
      expect(after.map((s) => [s.texts.ko, s.status.ko])).toEqual(statuses.map((_, i) => [`새 줄 ${i}.`, 'draft']));
      // The other languages' cells and statuses are not touched.
      expect(after.map((s) => s.status.ru)).toEqual(statuses);
      expect(after.map((s) => s.status.en)).toEqual(statuses.map(() => 'source'));
      expect(after.map((s) => s.texts.ru)).toEqual(rows(project).map((s) => s.texts.ru));
    });

    it(`keeps every status where the text is the same (--match ${matching})`, () => {
      const imported = importCuesIntoDocument(
        project,
        't',
        'ru',
        cuesWith((i) => `Строка ${i}.`),
        matching,
      );
      expect(rows(imported.project).map((s) => s.status.ru)).toEqual(statuses);
      expect(rows(imported.project)).toEqual(rows(project));
    });
  }

  it('fills an empty cell as a draft and keeps a changed source cell the source', () => {
    const after = rows(
      importCuesIntoDocument(
        project,
        't',
        'uk',
        cuesWith((i) => `Рядок ${i}.`),
        'overlap',
      ).project,
    );
    expect(after.map((s) => s.status.uk)).toEqual(['draft', 'draft', 'draft', 'draft']);
    const english = rows(
      importCuesIntoDocument(
        project,
        't',
        'en',
        cuesWith((i) => `New ${i}.`),
        'order',
      ).project,
    );
    expect(english.map((s) => [s.texts.en, s.status.en])).toEqual(statuses.map((_, i) => [`New ${i}.`, 'source']));
  });

  it('joins several cues on one row with a line break, in the file’s order, and makes the cell a draft', () => {
    const cues: Cue[] = [
      { start: 2500, end: 2800, text: '둘째' },
      { start: 2000, end: 2400, text: '첫째' },
      { start: 2850, end: 2900, text: '   ' },
    ];
    const after = rows(importCuesIntoDocument(project, 't', 'ko', cues, 'overlap').project);
    expect(after[2]).toMatchObject({ texts: { ko: '둘째\n첫째' }, status: { ko: 'draft' } });
  });
});

/**
 * The import as it was before it was made linear: every cue compared with every row, a new list per new row.
 *
 * Kept as the reference the fast one must agree with, row for row.
 */
function quadraticImport(
  project: Project,
  language: Language,
  cues: ReadonlyArray<Cue>,
  matching: CueMatching,
): ReadonlyArray<Segment> {
  const document = project.documents[0]!;
  const overlap = (a: Cue, b: Segment): number => Math.max(0, Math.min(a.end, b.end!) - Math.max(a.start, b.start!));
  const included = document.segments.filter((s) => s.excluded !== true);
  const assigned = new Map<string, string[]>();
  const orphans: Cue[] = [];
  cues.forEach((cue, index) => {
    let target: Segment | undefined;
    if (matching === 'order') target = included[index];
    else {
      let best = 0;
      for (const segment of included) {
        if (segment.start === undefined || segment.end === undefined) continue;
        const shared = overlap(cue, segment);
        if (shared > best) {
          best = shared;
          target = segment;
        }
      }
    }
    if (target === undefined) orphans.push(cue);
    else assigned.set(target.id, [...(assigned.get(target.id) ?? []), cue.text]);
  });
  let segments: Segment[] = document.segments.map((segment) => {
    const texts = assigned.get(segment.id)?.filter((text) => text.trim() !== '');
    if (texts === undefined || texts.length === 0 || segment.texts[language] === texts.join('\n')) return segment;
    const status = segment.status[language] === 'source' ? 'source' : 'draft';
    return {
      ...segment,
      texts: { ...segment.texts, [language]: texts.join('\n') },
      status: { ...segment.status, [language]: status },
    };
  });
  const lastIncluded = included[included.length - 1];
  let anchor = lastIncluded === undefined ? segments.length - 1 : segments.findIndex((s) => s.id === lastIncluded.id);
  let next = 1;
  for (const cue of orphans) {
    const added: Segment = {
      id: `c${String(next++).padStart(3, '0')}`,
      paragraph: 0,
      start: cue.start,
      end: cue.end,
      texts: { en: '', ko: '', uk: '', ru: '', [language]: cue.text },
      status: {
        en: 'draft',
        ko: 'draft',
        uk: 'draft',
        ru: 'draft',
        [language]: language === document.sourceLanguage ? 'source' : 'draft',
      },
    };
    if (matching === 'order') {
      anchor++;
      segments = [...segments.slice(0, anchor), added, ...segments.slice(anchor)];
      continue;
    }
    const at = segments.findIndex((s) => s.start !== undefined && s.start > cue.start);
    segments = at < 0 ? [...segments, added] : [...segments.slice(0, at), added, ...segments.slice(at)];
  }
  return segments;
}

describe('importCuesIntoDocument agrees with comparing every cue with every row', () => {
  // Small times so that ties, shared edges, rows out of time order, overlapping rows and empty cues all happen.
  const time = fc.integer({ min: 0, max: 40 });
  const row = fc.record({
    start: time,
    length: fc.integer({ min: 0, max: 12 }),
    timed: fc.boolean(),
    excluded: fc.boolean(),
    text: fc.constantFrom('', 'Є.', 'Жовтень.'),
    status: fc.constantFrom<SegmentStatus>('draft', 'translated', 'approved'),
  });
  const cue = fc.record({
    start: time,
    length: fc.integer({ min: 0, max: 12 }),
    text: fc.constantFrom('', ' ', 'Є.', 'Жовтень.', 'Нове'),
  });

  it('for random rows and cues, with either matching', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 14 }),
        fc.array(cue, { maxLength: 14 }),
        fc.constantFrom<CueMatching>('overlap', 'order'),
        fc.constantFrom<Language>('uk', 'en'),
        (rowSpecs, cueSpecs, matching, language) => {
          const project = transcript(
            ...rowSpecs.map((spec, index) =>
              segment(`s${index}`, 0, 'Line.', {
                ...(spec.timed ? { start: spec.start, end: spec.start + spec.length } : {}),
                ...(spec.excluded ? { excluded: true } : {}),
                texts: { en: 'Line.', ko: '', uk: spec.text, ru: '' },
                status: { en: 'source', ko: 'draft', uk: spec.status, ru: 'draft' },
              }),
            ),
          );
          const cues = cueSpecs.map((spec) => ({ start: spec.start, end: spec.start + spec.length, text: spec.text }));
          const imported = importCuesIntoDocument(project, 't', language, cues, matching);
          expect(rows(imported.project)).toEqual(quadraticImport(project, language, cues, matching));
        },
      ),
      { numRuns: 500 },
    );
  });
});
