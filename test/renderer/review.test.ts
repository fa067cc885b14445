import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { FindOptions } from '../../src/usecases/findReplace';
import { INITIAL_STATE, selectDocument, type AppState } from '../../renderer/src/store/appState';
import { createDispatcher } from '../../renderer/src/store/dispatcher';
import { selectProgress, selectVisibleRowIds } from '../../renderer/src/store/filters';
import { createStore } from '../../renderer/src/store/store';
import { apiOver } from './support';
import { createHistory } from '../../src/model/history';
import type { Segment } from '../../src/model/project';
import { replaceAt } from '../../src/model/segmentIndex';
import type { RowFilter } from '../../src/review/filter';
import { bigProject } from '../support/bigProject';
import { useTemporaryFolders } from '../main/support';

const temporaryFolder = useTemporaryFolders();

async function started() {
  const store = createStore<AppState>({ ...INITIAL_STATE, mode: 'web' });
  const dispatcher = createDispatcher(apiOver(await temporaryFolder('review')), store, randomUUID());
  dispatcher.guard({ kind: 'openSample' });
  await vi.waitFor(() => expect(store.getState().workspace).toBeDefined());
  return { store, dispatcher };
}

const options = (overrides: Partial<FindOptions>): FindOptions => ({
  query: '',
  matchCase: false,
  wholeWord: false,
  regex: false,
  languages: ['en', 'ko', 'uk', 'ru'],
  ...overrides,
});

const ukOf = (state: AppState, index: number) => selectDocument(state)?.segments[index]?.texts.uk;

describe('review actions over the store', () => {
  it('Ctrl+F and Ctrl+H open the find panel; Edit note opens the selected cell’s notes', async () => {
    const { store, dispatcher } = await started();
    dispatcher.run('find');
    expect(store.getState().dialog).toEqual({ kind: 'find', replace: false });
    dispatcher.run('replace');
    expect(store.getState().dialog).toEqual({ kind: 'find', replace: true });
    dispatcher.closeDialog();
    dispatcher.select({ segmentId: 'q002', language: 'uk' });
    dispatcher.run('editNote');
    expect(store.getState().dialog).toEqual({ kind: 'note', documentId: 'appeal', segmentId: 'q002', language: 'uk' });
  });

  it('find next selects the match, caret on it, and moves to another document when the match is there', async () => {
    const { store, dispatcher } = await started();
    const all = options({ query: 'брати', languages: ['uk'] });
    const first = dispatcher.findNext(all);
    expect(first).toMatchObject({ kind: 'match', match: { segmentId: 'q001', start: 0, end: 5 } });
    expect(store.getState().selection).toEqual({ segmentId: 'q001', language: 'uk', caret: 0, caretEnd: 5 });
    const focus = store.getState().focusToken;
    if (first.kind !== 'match') throw new Error('expected a match');
    const second = dispatcher.findNext(all, { ...first.match, offset: first.match.end });
    expect(second).toMatchObject({ kind: 'match', match: { documentId: 'article', segmentId: 'a005' } });
    expect(store.getState().documentId).toBe('article');
    expect(store.getState().selection?.segmentId).toBe('a005');
    expect(store.getState().focusToken).toBe(focus + 1);
    expect(dispatcher.findNext(options({ query: '(', regex: true }))).toMatchObject({
      kind: 'problem',
      problem: { code: 'invalid-regex' },
    });
    expect(dispatcher.findNext(options({ query: 'zzzz-not-there' }))).toEqual({ kind: 'none' });
  });

  it('replace all with a regular expression and $1 is one undo step, and says how many', async () => {
    const { store, dispatcher } = await started();
    const before = store.getState().workspace?.history.present;
    const steps = store.getState().workspace?.history.past.length ?? 0;
    const report = dispatcher.replaceAll(
      options({ query: String.raw`(\p{L}+) мої`, regex: true, languages: ['uk'], documentId: 'appeal' }),
      'мої $1',
    );
    expect(report).toEqual({ replaced: 1, cells: 1, tooLong: 0 });
    expect(ukOf(store.getState(), 0)).toBe('мої Брати, ми з вами з одного народу,');
    expect(store.getState().message).toMatchObject({ key: 'find.replacedAll', params: { count: 1 } });
    expect(store.getState().workspace?.history.past).toHaveLength(steps + 1);
    // The article (another document) was not in scope.
    const article = store.getState().workspace?.history.present.documents.find((d) => d.id === 'article');
    expect(article?.segments.find((s) => s.id === 'a005')?.texts.uk).toMatch(/^«Брати мої/u);
    dispatcher.run('undo');
    expect(store.getState().workspace?.history.present).toBe(before);
  });

  it('replace one replaces the match found and leaves the others', async () => {
    const { store, dispatcher } = await started();
    const chosen = options({ query: 'ми', wholeWord: true, languages: ['uk'], documentId: 'appeal' });
    const found = dispatcher.findNext(chosen);
    if (found.kind !== 'match') throw new Error('expected a match');
    const end = dispatcher.replaceMatch(chosen, found.match, 'МИ');
    expect(ukOf(store.getState(), 0)).toBe('Брати мої, МИ з вами з одного народу,');
    expect(end).toBe(found.match.start + 2);
    expect(ukOf(store.getState(), 1)).toBe('у нас одна кров, ми з однієї країни.');
  });

  it('status keys and the progress line follow each other', async () => {
    const { store, dispatcher } = await started();
    const uk = () => selectProgress(store.getState()).find((p) => p.language === 'uk');
    expect(uk()).toMatchObject({ translated: 0, reviewed: 0, approved: 0, total: 9 });
    dispatcher.select({ segmentId: 'q001', language: 'uk' });
    dispatcher.run('markTranslated');
    dispatcher.run('markReviewed');
    dispatcher.run('markApproved');
    expect(
      selectDocument(store.getState())
        ?.segments.slice(0, 3)
        .map((s) => s.status.uk),
    ).toEqual(['translated', 'reviewed', 'approved']);
    expect(uk()).toMatchObject({ translated: 1, reviewed: 1, approved: 1, total: 9 });
    expect(store.getState().selection).toMatchObject({ segmentId: 'q004', language: 'uk' });
    dispatcher.select({ segmentId: 'q002', language: 'uk' });
    dispatcher.run('markDraft');
    expect(uk()).toMatchObject({ reviewed: 0 });
  });

  it('the filter shows the rows with a status; the selected row stays until the selection moves on', async () => {
    const { store, dispatcher } = await started();
    expect(selectVisibleRowIds(store.getState())).toHaveLength(9);
    dispatcher.select({ segmentId: 'q001', language: 'uk' });
    dispatcher.run('markReviewed');
    dispatcher.setFilter({ language: 'uk', status: 'reviewed' });
    // q002 is selected now (mark moves on): it stays in view, though it is still a draft.
    expect(selectVisibleRowIds(store.getState())).toEqual(['q001', 'q002']);
    dispatcher.select({ segmentId: 'q005', language: 'uk' });
    expect(selectVisibleRowIds(store.getState())).toEqual(['q001', 'q005']);
    const shown = selectVisibleRowIds(store.getState());
    // Typing in a row changes nothing in view: the same array comes back.
    dispatcher.setText({ documentId: 'appeal', segmentId: 'q001' }, 'uk', 'Брати!');
    expect(selectVisibleRowIds(store.getState())).toBe(shown);
    dispatcher.select({ segmentId: 'q001', language: 'uk' });
    dispatcher.run('markDraft');
    dispatcher.select(undefined);
    expect(selectVisibleRowIds(store.getState())).toEqual([]);
    dispatcher.setFilter({});
    expect(selectVisibleRowIds(store.getState())).toHaveLength(9);
  });

  it('a note is one undo step, and the notes filter finds its row', async () => {
    const { store, dispatcher } = await started();
    dispatcher.select({ segmentId: 'q003', language: 'ru' });
    dispatcher.run('editNote');
    dispatcher.saveCellNotes({ documentId: 'appeal', segmentId: 'q003' }, 'ru', [
      { author: 'Ivan', time: '2026-11-30T09:00:00.000Z', text: 'Check the border.' },
    ]);
    expect(store.getState().dialog).toBeUndefined();
    expect(selectDocument(store.getState())?.segments[2]?.comments).toEqual([
      { language: 'ru', author: 'Ivan', time: '2026-11-30T09:00:00.000Z', text: 'Check the border.' },
    ]);
    dispatcher.setFilter({ notes: true, language: 'ru' });
    dispatcher.select(undefined);
    // q004–q006 carry the sample’s own row notes, but not on the Russian cell.
    expect(selectVisibleRowIds(store.getState())).toEqual(['q003']);
    dispatcher.run('undo');
    expect(selectDocument(store.getState())?.segments[2]?.comments).toBeUndefined();
  });
});

describe('the rows shown, while typing in a long document', () => {
  it('after an edit of one cell are worked out from that row alone, filter or not', () => {
    const project = bigProject(1000, 10);
    const transcript = project.documents[0]!;
    let reads = 0;
    const counted = new Proxy(transcript.segments as Segment[], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/u.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const stateWith = (segments: ReadonlyArray<Segment>, filter: RowFilter): AppState => {
      const shown = { ...project, documents: [{ ...transcript, segments }, ...project.documents.slice(1)] };
      return {
        ...INITIAL_STATE,
        workspace: {
          history: createHistory(shown),
          settings: shown.settings,
          savedSettings: shown.settings,
          path: null,
          name: 'big',
          journalId: 'j',
          revision: null,
        },
        documentId: 'appeal',
        filter,
      };
    };
    const approved: RowFilter = { language: 'uk', status: 'approved' };
    const before = selectVisibleRowIds(stateWith(counted, approved));
    expect(before).toHaveLength(250);
    const row = counted[500]!;
    expect(before).not.toContain(row.id);
    const typed = replaceAt(counted, 500, { ...row, status: { ...row.status, uk: 'approved' } });
    reads = 0;
    const after = selectVisibleRowIds(stateWith(typed, approved));
    expect(after).toHaveLength(251);
    expect(after).toContain(row.id);
    // The rows before the edit are not read one by one (the ids of the rows shown come from the new version).
    expect(reads).toBeLessThanOrEqual(1);
  });
});
