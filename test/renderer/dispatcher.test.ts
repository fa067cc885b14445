import { randomUUID } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type SubrelayApi } from '../../src/api/contract';
import { parseProject } from '../../src/model/schema';
import { serializeProject, stringifyRemembering } from '../../src/model/serialize';
import {
  INITIAL_STATE,
  selectDirty,
  selectDocument,
  selectCellFindings,
  selectCheckedSegment,
  selectFindings,
  selectSegment,
  type AppState,
} from '../../renderer/src/store/appState';
import { createDispatcher, TYPING_PAUSE_MS } from '../../renderer/src/store/dispatcher';
import { bigProject } from '../support/bigProject';
import { createStore } from '../../renderer/src/store/store';
import { apiOver } from './support';
import { loadSample, useTemporaryFolders } from '../main/support';

const temporaryFolder = useTemporaryFolders();

async function started(folder: string) {
  const store = createStore<AppState>({ ...INITIAL_STATE, mode: 'web' });
  const dispatcher = createDispatcher(apiOver(folder), store, randomUUID());
  dispatcher.guard({ kind: 'openSample' });
  await vi.waitFor(() => expect(store.getState().workspace).toBeDefined());
  return { store, dispatcher };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function typeInto(dispatcher: ReturnType<typeof createDispatcher>, text: string): void {
  dispatcher.setText({ documentId: 'appeal', segmentId: 'q001' }, 'en', text);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the dispatcher (renderer store and actions)', () => {
  it('asks before Open sample replaces unsaved work; Cancel keeps it, Don’t save replaces it', async () => {
    const { store, dispatcher } = await started(await temporaryFolder('renderer'));
    typeInto(dispatcher, 'Edited.');
    expect(selectDirty(store.getState())).toBe(true);
    dispatcher.run('openSample');
    expect(store.getState().dialog).toMatchObject({ kind: 'unsaved', then: { kind: 'openSample' } });
    dispatcher.resolveUnsaved('cancel');
    await settle();
    expect(store.getState().dialog).toBeUndefined();
    expect(selectDocument(store.getState())?.segments[0]?.texts.en).toBe('Edited.');

    dispatcher.run('openSample');
    dispatcher.resolveUnsaved('discard');
    await vi.waitFor(() => expect(selectDirty(store.getState())).toBe(false));
    expect(selectDocument(store.getState())?.segments[0]?.texts.en).not.toBe('Edited.');
  });

  it('opens nothing without asking when there are no unsaved changes', async () => {
    const { store, dispatcher } = await started(await temporaryFolder('renderer'));
    dispatcher.run('newProject');
    expect(store.getState().dialog).toEqual({ kind: 'newProject', startFrom: undefined });
  });

  it('Save as asks for a path in web mode even when the project has one, and then saves there', async () => {
    const folder = await temporaryFolder('renderer');
    const { store, dispatcher } = await started(folder);
    dispatcher.confirmPath('saveAs', join(folder, 'first.subrelay'));
    await vi.waitFor(() => expect(store.getState().workspace?.path).toBe(join(folder, 'first.subrelay')));
    dispatcher.run('saveAs');
    await settle();
    expect(store.getState().dialog).toMatchObject({ kind: 'path', purpose: 'saveAs' });
    dispatcher.confirmPath('saveAs', join(folder, 'second.subrelay'));
    await vi.waitFor(() => expect(store.getState().workspace?.name).toBe('second.subrelay'));
    expect((await readdir(folder)).filter((n) => n.endsWith('.subrelay')).sort()).toEqual([
      'first.subrelay',
      'second.subrelay',
    ]);
  });

  it('a save that finds the file changed on disk asks, and Reload takes the file’s version', async () => {
    const folder = await temporaryFolder('renderer');
    const path = join(folder, 'shared.subrelay');
    const { store, dispatcher } = await started(folder);
    dispatcher.confirmPath('saveAs', path);
    await vi.waitFor(() => expect(store.getState().workspace?.path).toBe(path));
    const other = parseProject(await readFile(path, 'utf8'));
    await writeFile(path, serializeProject({ ...other, title: 'Changed elsewhere' }));

    typeInto(dispatcher, 'Mine.');
    dispatcher.run('save');
    await vi.waitFor(() => expect(store.getState().dialog).toEqual({ kind: 'conflict', path, then: undefined }));
    expect(parseProject(await readFile(path, 'utf8')).title).toBe('Changed elsewhere');
    dispatcher.resolveConflict('reload');
    await vi.waitFor(() => expect(store.getState().workspace?.history.present.title).toBe('Changed elsewhere'));
  });

  it('keeps unsaved work in the project’s journal about 1.5 s after the last edit', async () => {
    const folder = await temporaryFolder('renderer');
    const { dispatcher } = await started(folder);
    vi.useFakeTimers();
    typeInto(dispatcher, 'Kept in the journal.');
    await vi.advanceTimersByTimeAsync(1000);
    expect(await readdir(join(folder, '.journal')).catch(() => [])).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    vi.useRealTimers();
    await vi.waitFor(async () => expect(await readdir(join(folder, '.journal'))).toHaveLength(1));
    const [name] = await readdir(join(folder, '.journal'));
    const entry = JSON.parse(await readFile(join(folder, '.journal', name!), 'utf8')) as { project: unknown };
    expect(JSON.stringify(entry.project)).toContain('Kept in the journal.');
  });

  it('undo and redo run through the command list, and a failed save is reported, not thrown', async () => {
    const folder = await temporaryFolder('renderer');
    const { store, dispatcher } = await started(folder);
    const before = selectDocument(store.getState())?.segments[0]?.texts.en;
    typeInto(dispatcher, 'Undone.');
    dispatcher.run('undo');
    expect(selectDocument(store.getState())?.segments[0]?.texts.en).toBe(before);
    dispatcher.run('redo');
    expect(selectDocument(store.getState())?.segments[0]?.texts.en).toBe('Undone.');
    dispatcher.confirmPath('saveAs', '/outside/the/root.subrelay');
    await vi.waitFor(() => expect(store.getState().failure?.error).toBeInstanceOf(ApiError));
    expect(selectDirty(store.getState())).toBe(true);
  });

  it('the sample is the same project the handlers read', async () => {
    const { store } = await started(await temporaryFolder('renderer'));
    expect(store.getState().workspace?.history.present).toEqual(await loadSample());
  });
});

describe('the desktop menu', () => {
  it('hears which commands apply, and that a dialog is open, whenever that changes', async () => {
    const folder = await temporaryFolder('renderer');
    const api = apiOver(folder);
    const states: Array<{ enabled: Record<string, boolean>; modal: boolean }> = [];
    const spied: SubrelayApi = {
      ...api,
      setCommandStates: async (request) => {
        states.push(request);
        return {};
      },
    };
    const store = createStore<AppState>({ ...INITIAL_STATE, mode: 'electron' });
    const dispatcher = createDispatcher(spied, store, randomUUID());
    dispatcher.guard({ kind: 'openSample' });
    await vi.waitFor(() => expect(store.getState().workspace).toBeDefined());
    expect(states.at(-1)).toMatchObject({ enabled: { save: true, undo: false }, modal: false });
    const before = states.length;
    typeInto(dispatcher, 'Typed.');
    expect(states.at(-1)).toMatchObject({ enabled: { undo: true } });
    typeInto(dispatcher, 'Typed more.');
    // Nothing changed for the menu: nothing sent.
    expect(states.length).toBe(before + 1);
    dispatcher.run('rules');
    expect(states.at(-1)).toMatchObject({ modal: true });
  });
});

describe('QA of the open transcript, checked in the background', () => {
  it('knows the count soon after opening, and keeps it known while typing', async () => {
    const { store, dispatcher } = await started(await temporaryFolder('renderer-qa'));
    await vi.waitFor(() => expect(selectFindings(store.getState())?.count).toBeDefined());
    const before = selectFindings(store.getState())?.count ?? -1;
    expect(before).toBeGreaterThan(0);
    // An empty English cell is one more finding, known once the key is drawn (the edited row is checked then).
    typeInto(dispatcher, '');
    await vi.waitFor(() => expect(selectFindings(store.getState())?.count).toBe(before + 1));
  });

  it('checks a typed row after the frame that shows the key, once for all the keys before it', async () => {
    const { store, dispatcher } = await started(await temporaryFolder('renderer-qa-after-key'));
    await vi.waitFor(() => expect(selectFindings(store.getState())?.count).toBeDefined());
    const before = selectFindings(store.getState());
    const cellFindings = () => selectCellFindings(store.getState(), 'q001', 'en').length;
    expect(cellFindings()).toBe(0);
    vi.useFakeTimers();
    typeInto(dispatcher, 'Still typing');
    typeInto(dispatcher, '');
    // The keys are in the project at once; their row's findings are those of the text before them for now.
    expect(selectSegment(store.getState(), 'q001')?.texts.en).toBe('');
    expect(selectFindings(store.getState())).toBe(before);
    expect(cellFindings()).toBe(0);
    // The cell's measures are worked out on the same version as its findings.
    expect(selectCheckedSegment(store.getState(), 'q001')?.texts.en).not.toBe('');
    await vi.advanceTimersByTimeAsync(1);
    expect(cellFindings()).toBe(1);
    expect(selectCheckedSegment(store.getState(), 'q001')?.texts.en).toBe('');
    expect(selectFindings(store.getState())?.count).toBe((before?.count ?? -1) + 1);
    expect(store.getState().qaDocument).toBeUndefined();
  });

  it('checks a typed row at once when a command asks for the findings, an undo or any other edit', async () => {
    const { store, dispatcher } = await started(await temporaryFolder('renderer-qa-command'));
    vi.useFakeTimers();
    const cellFindings = () => selectCellFindings(store.getState(), 'q001', 'en').length;
    typeInto(dispatcher, '');
    expect(cellFindings()).toBe(0);
    // Next item to check reads the findings: the typed row is checked first.
    dispatcher.run('nextUncertain');
    expect(cellFindings()).toBe(1);
    typeInto(dispatcher, 'Back.');
    expect(cellFindings()).toBe(1);
    // Undo takes back the typing (one step) and shows the findings of what it brought back.
    dispatcher.run('undo');
    expect(store.getState().qaDocument).toBeUndefined();
    expect(selectSegment(store.getState(), 'q001')?.texts.en).not.toBe('');
    expect(cellFindings()).toBe(0);
    typeInto(dispatcher, '');
    expect(cellFindings()).toBe(0);
    // Any edit other than typing: checked at once.
    const end = selectSegment(store.getState(), 'q001')?.end ?? 0;
    dispatcher.setTime({ documentId: 'appeal', segmentId: 'q001' }, 'end', end + 40);
    expect(store.getState().qaDocument).toBeUndefined();
    expect(cellFindings()).toBe(1);
  });

  it('gives way to typing: no slice of the background check runs until the editing pauses', async () => {
    const { store, dispatcher } = await started(await temporaryFolder('renderer-qa-typing'));
    vi.useFakeTimers();
    dispatcher.loadNew(bigProject(2000, 10), 'big.subrelay');
    expect(selectDocument(store.getState())?.id).toBe('appeal');
    const typeAt = (text: string): void => dispatcher.setText({ documentId: 'appeal', segmentId: 'c1000' }, 'uk', text);
    typeAt('П');
    // Keys keep coming, each well within the pause: the check waits.
    for (let key = 0; key < 5; key++) {
      await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS / 2);
      typeAt(`П${'р'.repeat(key + 1)}`);
      expect(selectFindings(store.getState())?.count).toBeUndefined();
    }
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS / 2);
    expect(selectFindings(store.getState())?.count).toBeUndefined();
    // The pause: the rows are checked (the clock stands still under fake timers, so one slice does them all).
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    expect(selectFindings(store.getState())?.count).toBeGreaterThan(0);
    expect(store.getState().qaChecked).toBeGreaterThan(0);
  });
});

describe('the journal of an opened project', () => {
  it('writes the rows ahead after opening, so the first journal writes only the row typed in', async () => {
    const { store, dispatcher } = await started(await temporaryFolder('rows-ahead'));
    // Node has no requestIdleCallback: the rows are written at once here (in a page, in idle slices).
    await settle();
    typeInto(dispatcher, 'Edited.');
    const stringify = vi.spyOn(JSON, 'stringify');
    const project = store.getState().workspace?.history.present;
    const text = stringifyRemembering({ project });
    const rows = stringify.mock.calls.filter(
      ([value]) => typeof value === 'object' && value !== null && 'texts' in value,
    );
    stringify.mockRestore();
    expect(rows.map(([row]) => (row as { id: string }).id)).toEqual(['q001']);
    expect(text).toBe(JSON.stringify({ project }));
  });
});
