import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../src/languages';
import type { Project, Segment, SubrelayDocument } from '../../../src/model/project';
import { parseProject } from '../../../src/model/schema';
import {
  AlignCancelled,
  applyAlignPlan,
  planAlignment,
  type AlignIntoColumnRequest,
  type AlignPlan,
} from '../../../src/usecases/alignIntoColumn';
import { UsecaseError } from '../../../src/usecases/usecaseError';
import { segment } from '../../support/segments';

const sample = parseProject(readFileSync(new URL('../../../samples/kursk-appeal.subrelay', import.meta.url), 'utf8'));
const article = (project: Project): SubrelayDocument => project.documents.find((d) => d.id === 'article')!;
const included = article(sample).segments.filter((s) => s.excluded !== true);

function request(text: string, extra: Partial<AlignIntoColumnRequest> = {}): AlignIntoColumnRequest {
  return { documentId: 'article', language: 'uk', pivot: 'en', text, presegmented: true, replace: false, ...extra };
}

function problemCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof UsecaseError) return error.problem.code;
    throw error;
  }
  return undefined;
}

describe.each([1, 2])(
  'aligning a partial translation into a filled column (issue 10, loss 1), row %i left out',
  (left) => {
    // The first four included rows of the Article (h001, a001, a002, a005), one left out of the pasted translation.
    const firstFour = included.slice(0, 4);
    const leftOut = firstFour[left]!;
    const pasted = firstFour.filter((s) => s !== leftOut);
    const plan = planAlignment(sample, request(pasted.map((s) => s.texts.uk).join('\n')));
    const applied = applyAlignPlan(sample, plan, new Set());
    const before = article(sample).segments;
    const after = article(applied).segments;

    it('keeps every row: same count, same order, same source texts', () => {
      expect(after).toHaveLength(40);
      expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
      expect(after.map((s) => s.texts.en)).toEqual(before.map((s) => s.texts.en));
    });

    it('puts the sentences in their true rows and leaves every other cell as it was', () => {
      for (const row of pasted) {
        expect(after.find((s) => s.id === row.id)?.texts.uk).toBe(row.texts.uk);
      }
      const touched = new Set(pasted.map((s) => s.id));
      const untouched = before.filter((s) => !touched.has(s.id));
      expect(untouched.length).toBe(37);
      expect(after.filter((s) => !touched.has(s.id))).toEqual(untouched);
      // The 30-odd drafts outside the covered stretch are all still there.
      expect(after.filter((s) => s.excluded !== true && s.texts.uk !== '').length).toBe(
        before.filter((s) => s.excluded !== true && s.texts.uk !== '').length,
      );
    });

    it('reports the left-out row as an omission and the covered stretch', () => {
      expect(plan.covered).toEqual({ first: firstFour[0]!.id, last: firstFour[3]!.id });
      expect(plan.sentences).toBe(3);
      expect(plan.proposals).toContainEqual({ kind: 'omission', id: `omission-${leftOut.id}`, segmentId: leftOut.id });
      expect(plan.proposals.filter((p) => p.kind !== 'omission')).toEqual([]);
    });

    it('makes the filled cells drafts with the link’s confidence, and leaves a cell with the same text alone', () => {
      expect(plan.fills.map((f) => f.segmentId)).toEqual(pasted.map((s) => s.id));
      // The pasted rows already hold these very texts: nothing about them changes.
      for (const row of pasted) expect(after.find((s) => s.id === row.id)).toEqual(row);
      const pastedIds = new Set(pasted.map((s) => s.id));
      const blank: Project = {
        ...sample,
        documents: sample.documents.map((d) =>
          d.id !== 'article'
            ? d
            : {
                ...d,
                segments: d.segments.map((s) =>
                  pastedIds.has(s.id)
                    ? { ...s, texts: { ...s.texts, uk: '' }, status: { ...s.status, uk: 'approved' as const } }
                    : s,
                ),
              },
        ),
      };
      const filled = article(applyAlignPlan(blank, plan, new Set())).segments;
      for (const fill of plan.fills) {
        const cell = filled.find((s) => s.id === fill.segmentId)!;
        expect(cell.texts.uk).toBe(fill.text);
        expect(cell.status.uk).toBe('draft');
        expect(cell.confidence?.uk).toBe(fill.confidence);
      }
    });

    it('empties the left-out row’s cell only when asked to replace', () => {
      const replacing = planAlignment(sample, request(pasted.map((s) => s.texts.uk).join('\n'), { replace: true }));
      const replaced = article(applyAlignPlan(sample, replacing, new Set())).segments;
      expect(replaced.find((s) => s.id === leftOut.id)?.texts.uk).toBe('');
      expect(replaced).toHaveLength(40);
      expect(after.find((s) => s.id === leftOut.id)?.texts.uk).toBe(leftOut.texts.uk);
    });
  },
);

/** A small English article with page furniture, and a Ukrainian translation written for it. */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  [
    'The army reported 12 attacks near Kupiansk on Monday.',
    'Армія повідомила про 12 атак біля Куп’янська в понеділок.',
  ],
  ['Three villages were shelled overnight.', 'Уночі обстріляли три села.'],
  ['Officials said 40 people were evacuated from Izium.', 'Посадовці заявили, що з Ізюма евакуювали 40 людей.'],
  ['The governor thanked the rescuers.', 'Губернатор подякував рятувальникам.'],
  ['Power was restored to 3,000 homes by Tuesday.', 'До вівторка світло повернули в 3 000 осель.'],
  ['Schools in Kharkiv will stay online until March.', 'Школи Харкова працюватимуть онлайн до березня.'],
  ['NATO ministers meet in Brussels next week.', 'Міністри НАТО зустрінуться в Брюсселі наступного тижня.'],
  ['They will discuss air defence for Ukraine.', 'Вони обговорять протиповітряну оборону для України.'],
];

function smallProject(): Project {
  const segments: Segment[] = [];
  PAIRS.forEach(([en], index) => {
    segments.push(segment(`s${index + 1}`, index, en));
    if (index === 3) segments.push(segment('furniture', index, 'JOIN US ON TELEGRAM', { excluded: true }));
  });
  return { ...sample, documents: [{ id: 'a', kind: 'article', title: 'A', sourceLanguage: 'en', segments }] };
}

describe('planAlignment', () => {
  it('proposes a merge for a 2–1 link, fills the first row, and merges only when accepted', () => {
    const project = smallProject();
    const joined = `${PAIRS[0]![1]} ${PAIRS[1]![1]}`;
    const text = [joined, ...PAIRS.slice(2).map(([, uk]) => uk)].join('\n');
    const plan = planAlignment(project, request(text, { documentId: 'a' }));
    const merge = plan.proposals.find((p) => p.kind === 'merge');
    expect(merge).toMatchObject({ kind: 'merge', segmentIds: ['s1', 's2'], text: joined });
    const declined = applyAlignPlan(project, plan, new Set());
    const rows = declined.documents[0]!.segments;
    expect(rows).toHaveLength(9);
    expect(rows[0]?.texts.uk).toBe(joined);
    expect(rows[0]?.confidence?.uk).toBeLessThan(0.5);
    const acceptedProject = applyAlignPlan(project, plan, new Set([merge!.id]));
    const merged = acceptedProject.documents[0]!.segments;
    expect(merged).toHaveLength(8);
    expect(merged[0]).toMatchObject({ id: 's1', texts: { en: `${PAIRS[0]![0]} ${PAIRS[1]![0]}`, uk: joined } });
  });

  it('never proposes a merge across an excluded row', () => {
    const project = smallProject();
    const joined = `${PAIRS[3]![1]} ${PAIRS[4]![1]}`;
    const text = [...PAIRS.slice(0, 3).map(([, uk]) => uk), joined, ...PAIRS.slice(5).map(([, uk]) => uk)].join('\n');
    const plan = planAlignment(project, request(text, { documentId: 'a' }));
    for (const proposal of plan.proposals) {
      if (proposal.kind === 'merge') expect(proposal.segmentIds).not.toContain('s5');
    }
    expect(plan.proposals.filter((p) => p.kind === 'merge')).toEqual([]);
    const rows = applyAlignPlan(project, plan, new Set(plan.proposals.map((p) => p.id))).documents[0]!.segments;
    expect(rows.map((s) => s.id)).toEqual(project.documents[0]!.segments.map((s) => s.id));
  });

  it('lists a sentence with no counterpart as a new row, inserted only when accepted', () => {
    const project = smallProject();
    const extra = 'Це речення вигадане і не має відповідника в англійському тексті, зовсім ніякого.';
    const text = [...PAIRS.slice(0, 4).map(([, uk]) => uk), extra, ...PAIRS.slice(4).map(([, uk]) => uk)].join('\n');
    const plan = planAlignment(project, request(text, { documentId: 'a' }));
    const newRow = plan.proposals.find((p) => p.kind === 'newRow');
    expect(newRow).toMatchObject({ kind: 'newRow', text: extra });
    expect(applyAlignPlan(project, plan, new Set()).documents[0]!.segments).toHaveLength(9);
    const inserted = applyAlignPlan(project, plan, new Set([newRow!.id])).documents[0]!.segments;
    expect(inserted).toHaveLength(10);
    const at = inserted.findIndex((s) => s.texts.uk === extra);
    expect(inserted[at]?.texts.en).toBe('');
    expect(inserted.slice(0, at).map((s) => s.id)).toContain('s4');
  });

  it('puts a 1–2 link’s two sentences in one cell, flagged', () => {
    const project = smallProject();
    const text = [
      ...PAIRS.slice(0, 5).map(([, uk]) => uk),
      'Школи Харкова працюватимуть онлайн.',
      'Так буде до березня.',
    ]
      .concat(PAIRS.slice(6).map(([, uk]) => uk))
      .join('\n');
    const plan = planAlignment(project, request(text, { documentId: 'a' }));
    const cell = plan.fills.find((f) => f.segmentId === 's6');
    expect(cell?.text).toBe('Школи Харкова працюватимуть онлайн. Так буде до березня.');
    expect(cell?.confidence).toBeLessThan(0.5);
  });

  it('refuses bad input with a problem', () => {
    expect(problemCode(() => planAlignment(sample, request('Текст.', { documentId: 'nope' })))).toBe(
      'unknown-document',
    );
    expect(problemCode(() => planAlignment(sample, request('  \n ')))).toBe('align-empty-text');
    expect(problemCode(() => planAlignment(sample, request('Текст.', { pivot: 'uk' })))).toBe('align-same-language');
    expect(problemCode(() => planAlignment(sample, request('Text.', { language: 'en', pivot: 'uk' })))).toBe(
      'align-into-source',
    );
    const noRussian = {
      ...sample,
      documents: sample.documents.map((d) => ({
        ...d,
        segments: d.segments.map((s) => ({ ...s, texts: { ...s.texts, ru: '' } })),
      })),
    };
    expect(problemCode(() => planAlignment(noRussian, request('Текст.', { pivot: 'ru' })))).toBe('align-empty-pivot');
  });

  it('refuses a plan that no longer fits the project', () => {
    const plan: AlignPlan = {
      documentId: 'article',
      language: 'uk',
      pivot: 'en',
      sentences: 1,
      covered: { first: 'gone', last: 'gone' },
      fills: [{ segmentId: 'gone', text: 'Текст.', confidence: 1, previous: '' }],
      proposals: [],
      alternatives: [],
    };
    expect(problemCode(() => applyAlignPlan(sample, plan, new Set()))).toBe('align-stale-plan');
  });
});

describe('very short pastes into an empty column (issue 10)', () => {
  // The sample's Article with its Ukrainian column emptied: one or two sentences pasted must find their rows.
  const blank: Project = {
    ...sample,
    documents: sample.documents.map((d) =>
      d.id !== 'article' ? d : { ...d, segments: d.segments.map((s) => ({ ...s, texts: { ...s.texts, uk: '' } })) },
    ),
  };
  const planFor = (rows: ReadonlyArray<Segment>): AlignPlan =>
    planAlignment(blank, request(rows.map((s) => s.texts.uk).join('\n')));
  const landed = (plan: AlignPlan, rows: ReadonlyArray<Segment>): boolean =>
    rows.every((row) => plan.fills.some((fill) => fill.segmentId === row.id && fill.text === row.texts.uk));

  it('puts a sentence that shares a name and a number with its row in that row (went to a028 in 0.4)', () => {
    const row = included.find((s) => s.id === 'a030')!;
    const plan = planFor([row]);
    expect(plan.fills.map((f) => [f.segmentId, f.text])).toEqual([['a030', row.texts.uk]]);
    expect(plan.proposals).toEqual([]);
    expect(plan.covered).toEqual({ first: 'a030', last: 'a030' });
  });

  it('puts two sentences that follow each other in their rows, not over a neighbour (a030, a031)', () => {
    const rows = included.filter((s) => s.id === 'a030' || s.id === 'a031');
    const plan = planFor(rows);
    expect(plan.fills.map((f) => f.segmentId)).toEqual(['a030', 'a031']);
    expect(landed(plan, rows)).toBe(true);
    expect(plan.proposals).toEqual([]);
  });

  it('places every single sentence and pair of the Article, or names its true place for review and flags the cells', () => {
    const cases = [...included.map((row) => [row]), ...included.slice(1).map((row, k) => [included[k]!, row])];
    expect(cases.length).toBe(71);
    let misplaced = 0;
    for (const rows of cases) {
      const plan = planFor(rows);
      if (landed(plan, rows)) continue;
      misplaced++;
      // Not placed: the true stretch is offered as an alternative, and every filled cell is flagged for review.
      expect(plan.alternatives, rows.map((r) => r.id).join(' ')).toContainEqual({
        first: rows[0]!.id,
        last: rows[rows.length - 1]!.id,
      });
      expect(Math.max(...plan.fills.map((f) => f.confidence))).toBeLessThanOrEqual(0.4);
    }
    // 0.4 misplaced 7 of these 71 silently; now at most a few, each with its true place offered.
    expect(misplaced).toBeLessThanOrEqual(4);
  });
});

describe('progress and cancellation', () => {
  const text = included
    .slice(5, 9)
    .map((s) => s.texts.uk)
    .join('\n');

  it('reports progress from 0 to 1, never going back', () => {
    const reports: number[] = [];
    planAlignment(sample, request(text), { onProgress: (done) => reports.push(done) });
    expect(reports.length).toBeGreaterThan(2);
    expect(reports[0]).toBe(0);
    expect(reports[reports.length - 1]).toBe(1);
    expect(reports.slice(1).filter((done, k) => done < reports[k]!)).toEqual([]);
  });

  it('stops with AlignCancelled once the signal is aborted, before or during the work', () => {
    expect(() => planAlignment(sample, request(text), { signal: { aborted: true } })).toThrow(AlignCancelled);
    const signal = { aborted: false };
    let reports = 0;
    const run = (): AlignPlan =>
      planAlignment(sample, request(text), {
        signal,
        onProgress: () => {
          reports++;
          if (reports === 2) signal.aborted = true;
        },
      });
    expect(run).toThrow(AlignCancelled);
    expect(reports).toBe(2);
  });
});

describe('aligning never reshapes what it was not asked to (property)', () => {
  const words = ['army', 'village', 'power', 'school', 'minister', 'city', 'report', 'attack', 'road', 'river'];
  const ukWords = ['армія', 'село', 'світло', 'школа', 'міністр', 'місто', 'звіт', 'атака', 'дорога', 'річка'];
  const rowArbitrary = fc.record({
    words: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 12 }),
    number: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
    excluded: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
    filled: fc.boolean(),
  });
  const caseArbitrary = fc
    .record({
      rows: fc.array(rowArbitrary, { minLength: 2, maxLength: 24 }),
      from: fc.nat(),
      length: fc.nat(),
      edits: fc.array(fc.constantFrom('keep', 'keep', 'keep', 'drop', 'merge'), { minLength: 24, maxLength: 24 }),
      replace: fc.constant(false),
    })
    .filter(({ rows }) => rows.some((r) => !r.excluded));

  function sentence(indices: ReadonlyArray<number>, table: ReadonlyArray<string>, number: number | undefined): string {
    const text = indices.map((i) => table[i]).join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}${number !== undefined ? ` ${number}` : ''}.`;
  }

  it('keeps source texts, row order and count, other columns, and every filled cell', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ rows, from, length, edits }) => {
        const segments: Segment[] = rows.map((row, index) =>
          segment(`r${index}`, index, sentence(row.words, words, row.number), {
            ...(row.excluded ? { excluded: true } : {}),
            texts: {
              en: sentence(row.words, words, row.number),
              ko: row.filled ? '한국어 문장.' : '',
              uk: row.filled && !row.excluded ? `Старий ${index}.` : '',
              ru: 'Русский текст.',
            },
          }),
        );
        const project: Project = {
          ...sample,
          documents: [{ id: 'd', kind: 'article', title: 'D', sourceLanguage: 'en', segments }],
        };
        const lane = rows.flatMap((row, index) => (row.excluded ? [] : [{ row, index }]));
        const start = from % lane.length;
        const slice = lane.slice(start, start + 1 + (length % (lane.length - start)));
        const lines: string[] = [];
        slice.forEach(({ row }, k) => {
          const edit = edits[k] ?? 'keep';
          const text = sentence(row.words, ukWords, row.number);
          if (edit === 'drop' && k < slice.length - 1) return;
          const last = lines.pop();
          if (last === undefined) lines.push(text);
          else if (edit === 'merge') lines.push(`${last} ${text}`);
          else lines.push(last, text);
        });
        const plan = planAlignment(project, {
          documentId: 'd',
          language: 'uk',
          pivot: 'en',
          text: lines.join('\n'),
          presegmented: true,
          replace: false,
        });
        const after = applyAlignPlan(project, plan, new Set()).documents[0]!.segments;
        expect(after.map((s) => s.id)).toEqual(segments.map((s) => s.id));
        for (const [k, before] of segments.entries()) {
          const now = after[k]!;
          for (const language of LANGUAGES.filter((l): l is Language => l !== 'uk')) {
            expect(now.texts[language]).toBe(before.texts[language]);
            expect(now.status[language]).toBe(before.status[language]);
          }
          if (before.texts.uk !== '') expect(now.texts.uk).not.toBe('');
          if (before.excluded === true) expect(now).toEqual(before);
          expect(now.excluded).toBe(before.excluded);
          expect(now.paragraph).toBe(before.paragraph);
        }
        // Nothing pasted is lost silently: every sentence is in a fill or a proposal.
        const placed = [
          ...plan.fills.map((f) => f.text),
          ...plan.proposals.flatMap((p) => (p.kind === 'omission' ? [] : [p.text])),
        ].join(' ');
        for (const line of lines) expect(placed).toContain(line);
      }),
      { numRuns: 200 },
    );
  });
});
