import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { INITIAL_STATE, selectDocument, type AppState } from '../../renderer/src/store/appState';
import { createDispatcher, type MediaController } from '../../renderer/src/store/dispatcher';
import { createStore } from '../../renderer/src/store/store';
import { apiOver } from './support';
import { useTemporaryFolders } from '../main/support';

const temporaryFolder = useTemporaryFolders();

async function started(folder: string, mode: AppState['mode'] = 'web') {
  const store = createStore<AppState>({ ...INITIAL_STATE, mode });
  const dispatcher = createDispatcher(apiOver(folder), store, randomUUID());
  dispatcher.guard({ kind: 'openSample' });
  await vi.waitFor(() => expect(store.getState().workspace).toBeDefined());
  return { store, dispatcher };
}

describe('the media actions of the dispatcher', () => {
  it('Attach in the web mode asks for a path; a path that is not there changes nothing', async () => {
    const folder = await temporaryFolder('media');
    const { store, dispatcher } = await started(folder);
    dispatcher.run('attachMedia');
    expect(store.getState().dialog).toEqual({ kind: 'attachMedia', documentId: 'appeal', locate: false });
    const before = store.getState().workspace?.history;
    const problem = await dispatcher.attachMedia('appeal', 'nothing.mp4');
    expect(problem).toMatchObject({ code: 'media-missing' });
    expect(store.getState().workspace?.history).toBe(before);
    expect(store.getState().dialog?.kind).toBe('attachMedia');
  });

  it('a found file is attached as one undo step, the dialog closes and the status line says so', async () => {
    const folder = await temporaryFolder('media');
    await writeFile(join(folder, 'appeal.wav'), Buffer.alloc(64));
    const { store, dispatcher } = await started(folder);
    dispatcher.run('attachMedia');
    expect(await dispatcher.attachMedia('appeal', 'appeal.wav')).toBeUndefined();
    // The sample is untitled: no project file to be relative to, so the media is stored where it is.
    expect(selectDocument(store.getState())?.media).toEqual({ path: join(folder, 'appeal.wav') });
    expect(store.getState().dialog).toBeUndefined();
    expect(store.getState().message).toEqual({ key: 'media.attached', params: { name: 'appeal.wav' } });
    dispatcher.run('undo');
    expect(selectDocument(store.getState())?.media).toBeUndefined();
  });

  it('a file that is not video or audio is refused with a problem naming it', async () => {
    const folder = await temporaryFolder('media');
    await writeFile(join(folder, 'notes.txt'), 'text');
    const { store, dispatcher } = await started(folder);
    const problem = await dispatcher.attachMedia('appeal', 'notes.txt');
    expect(problem).toBeDefined();
    expect(JSON.stringify(problem)).toContain('notes.txt');
    expect(selectDocument(store.getState())?.media).toBeUndefined();
  });

  it('player commands go to the registered panel, and say what to do when there is none', async () => {
    const folder = await temporaryFolder('media');
    await writeFile(join(folder, 'appeal.wav'), Buffer.alloc(64));
    const { store, dispatcher } = await started(folder);
    await dispatcher.attachMedia('appeal', 'appeal.wav');
    dispatcher.run('playPause');
    expect(store.getState().message).toEqual({ key: 'media.notReady' });
    const run = vi.fn<MediaController['run']>();
    const release = dispatcher.setMediaController({ run });
    dispatcher.run('playPause');
    dispatcher.run('nextFrame');
    expect(run.mock.calls).toEqual([['playPause'], ['nextFrame']]);
    // Time from speech opens its dialog (which shows what would move) rather than changing anything.
    dispatcher.run('timeFromSpeech');
    expect(store.getState().dialog).toEqual({ kind: 'speech', mode: 'time', documentId: 'appeal' });
    release();
    dispatcher.closeDialog();
    dispatcher.run('previousFrame');
    expect(run).toHaveBeenCalledTimes(2);
  });
});
