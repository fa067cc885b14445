import { ApiError, type ApiResponse, type SubrelayApi } from '../../../src/api/contract';
import {
  COMMANDS,
  runCommand,
  type CellSelection,
  type CommandId,
  type CommandResult,
  type MediaAction,
} from '../../../src/commands/commands';
import type { Language } from '../../../src/languages';
import { setDocumentMedia, setSegmentText, setSegmentTime, type SegmentRef } from '../../../src/model/edit';
import { createHistory, markSaved, recordEdit, redo, undo } from '../../../src/model/history';
import type { Project, ProjectSettings } from '../../../src/model/project';
import { rememberRows } from '../../../src/model/serialize';
import { snapToFrame } from '../../../src/timing/timing';
import type { Problem } from '../../../src/api/problems';
import type { SegmentComment } from '../../../src/model/project';
import type { RowFilter } from '../../../src/review/filter';
import { setCellComments } from '../../../src/review/comments';
import {
  findNext,
  replaceAll,
  replaceMatch,
  type FindMatch,
  type FindOptions,
  type FindPosition,
  type ReplaceReport,
} from '../../../src/usecases/findReplace';
import { dialogForCommand } from './filters';
import type { Store } from './store';
import {
  checkedDocument,
  commandContextOf,
  projectOf,
  selectDirty,
  selectDocument,
  selectFindings,
  type AppState,
  type Dialog,
  type PlayerState,
  type JournalEntry,
  type Message,
  type PendingAction,
  type Workspace,
} from './appState';

export const SAMPLE_ID = 'kursk-appeal';

/** What the media panel registers to carry out the player's commands (it owns the media element). */
export interface MediaController {
  run(action: Exclude<MediaAction, 'attach' | 'timeFromSpeech' | 'snapToSpeech'>): void;
}
/** The history's name for typing in a cell (one undo step per cell and pause). */
const TYPING = 'editText';
const JOURNAL_DELAY_MS = 1500;
const JOURNAL_HOLD_MS = 4000;
/** The background QA check waits this long after the last edit, so typing never waits for it. */
export const TYPING_PAUSE_MS = 400;
/** The longest and the shortest slice of background checking. */
const SLICE_MS = 8;

/** Runs `work` in the page's idle time where the browser has one (within a second), else at once. */
function whenIdle(work: (deadline?: IdleDeadline) => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 1000 });
  else work();
}
const MIN_SLICE_MS = 2;
/** How long a typed row's check may wait for a frame that does not come (a tab in the background draws none). */
const FRAME_WAIT_MS = 100;

/** Runs `work` once, just after the next frame is drawn (or after `FRAME_WAIT_MS` when no frame comes). */
function afterNextFrame(work: () => void): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    work();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, typeof requestAnimationFrame === 'function' ? FRAME_WAIT_MS : 0);
}

type OpenResult = ApiResponse<'openProject'>;

interface Loaded {
  readonly project: Project;
  readonly path: string | null;
  readonly name: string;
  readonly saved: boolean;
  readonly revision: string | null;
  readonly journalId?: string;
}

/**
 * Every action the interface can take, over the store and the API.
 *
 * Components call these; none of them decides what a command does (the
 * command list does) or keeps project state of its own (the store does).
 * Anything that would replace or close a project with unsaved changes goes
 * through `guard`, which asks first.
 */
export function createDispatcher(api: SubrelayApi, store: Store<AppState>, sessionId: string) {
  const get = (): AppState => store.getState();
  const set = (update: (state: AppState) => AppState): void => store.setState(update);
  const say = (message: Message): void => set((s) => ({ ...s, message }));
  const fail = (error: unknown): void => {
    const backupOf =
      error instanceof ApiError && error.backup !== undefined && error.file !== undefined ? error.file : undefined;
    set((s) => ({ ...s, failure: backupOf === undefined ? { error } : { error, backupOf } }));
  };
  // Closing a dialog gives the keyboard back to the selected cell.
  const openDialog = (dialog: Dialog | undefined): void =>
    set((s) => ({
      ...s,
      dialog,
      focusToken:
        dialog === undefined && s.dialog !== undefined && s.selection !== undefined ? s.focusToken + 1 : s.focusToken,
    }));

  function load(loaded: Loaded): void {
    // Replacing a project with unsaved changes happens only after the user chose not to save them
    // (`guard` asks): its journal goes now, once the replacement is here, not before.
    const previous = get().workspace;
    if (previous !== undefined && selectDirty(get())) {
      api.clearJournal({ sessionId, journalId: previous.journalId, path: previous.path }).catch(fail);
    }
    const workspace: Workspace = {
      history: createHistory(loaded.project, loaded.saved),
      settings: loaded.project.settings,
      savedSettings: loaded.saved ? loaded.project.settings : undefined,
      path: loaded.path,
      name: loaded.name,
      journalId: loaded.journalId ?? crypto.randomUUID(),
      revision: loaded.revision,
    };
    set((s) => ({
      ...s,
      workspace,
      qaDocument: undefined,
      documentId: loaded.project.documents.some((d) => d.id === s.documentId)
        ? s.documentId
        : loaded.project.documents[0]?.id,
      selection: undefined,
      failure: undefined,
    }));
  }

  /** Takes what an open returned: a project (maybe with newer unsaved work to offer), or a file to start from. */
  function takeOpened(result: OpenResult): void {
    if (result.canceled) return;
    if ('startFrom' in result) {
      openDialog({ kind: 'newProject', startFrom: result.startFrom });
      return;
    }
    load({ ...result, saved: true });
    say({ key: 'file.opened', params: { name: result.name } });
    if (result.recovered !== null) openDialog({ kind: 'restore', journals: [result.recovered] });
  }

  async function clearOwnJournal(): Promise<void> {
    const workspace = get().workspace;
    if (workspace === undefined) return;
    await api.clearJournal({ sessionId, journalId: workspace.journalId, path: workspace.path });
  }

  async function perform(action: PendingAction): Promise<void> {
    try {
      switch (action.kind) {
        case 'open':
          if (action.path === undefined && get().mode === 'web') {
            openDialog({ kind: 'path', purpose: 'open' });
            return;
          }
          takeOpened(await api.openProject({ ...(action.path !== undefined ? { path: action.path } : {}), sessionId }));
          return;
        case 'openSample':
          takeOpened(await api.openSample({ id: SAMPLE_ID }));
          return;
        case 'newProject':
          openDialog({ kind: 'newProject', startFrom: action.startFrom });
          return;
        case 'restore': {
          const { journal } = action;
          load({
            project: journal.project,
            path: journal.path,
            name: journal.name,
            saved: false,
            revision: null,
            journalId: journal.journalId,
          });
          say({ key: 'journal.restored', params: { name: journal.name } });
          return;
        }
        case 'openBackup': {
          const result = await api.openBackup({ path: action.path });
          if (result.canceled || 'startFrom' in result) return;
          // The backup is not what the file on disk holds: it needs saving.
          load({ ...result, saved: false });
          say({ key: 'backup.opened', params: { name: result.name } });
          return;
        }
        case 'close':
          if (selectDirty(get())) await clearOwnJournal();
          await api.closeWindow({});
          return;
      }
    } catch (error) {
      fail(error);
    }
  }

  /** Runs an action that replaces or closes the project, asking first when there are unsaved changes. */
  function guard(action: PendingAction): void {
    if (selectDirty(get())) openDialog({ kind: 'unsaved', then: action });
    else void perform(action);
  }

  /** When the project was last edited (for the background check, which waits for a pause). */
  let lastEditAt = Number.NEGATIVE_INFINITY;

  function edit(change: (project: Project) => Project, action: string, coalesceKey?: string): void {
    lastEditAt = Date.now();
    const typing = action === TYPING;
    set((s) => {
      const workspace = s.workspace;
      if (workspace === undefined) return s;
      const after = change(workspace.history.present);
      if (after === workspace.history.present) return s;
      return {
        ...s,
        // Typing keeps showing the findings of the text before it until the key is drawn (`checkTyped`).
        qaDocument: typing ? checkedDocument(s) : undefined,
        workspace: { ...workspace, history: recordEdit(workspace.history, after, action, { coalesceKey }) },
      };
    });
    if (typing) checkTypedAfterFrame();
  }

  // The row being typed in is measured and checked again just after the frame that shows the key, once for
  // however many keys came before that frame: the key itself costs the edit and the character, and the cell's
  // measures and findings follow a frame later. Anything that reads the findings to act on them checks at once.
  let typedCheckPending = false;
  function checkTyped(): void {
    typedCheckPending = false;
    if (get().qaDocument !== undefined) set((s) => ({ ...s, qaDocument: undefined }));
  }
  function checkTypedAfterFrame(): void {
    if (typedCheckPending) return;
    typedCheckPending = true;
    afterNextFrame(checkTyped);
  }

  function moveHistory(step: typeof undo): void {
    set((s) =>
      s.workspace === undefined
        ? s
        : { ...s, qaDocument: undefined, workspace: { ...s.workspace, history: step(s.workspace.history) } },
    );
  }

  interface SaveOptions {
    readonly path?: string;
    readonly saveAs?: boolean;
    readonly overwrite?: boolean;
    readonly then?: PendingAction | undefined;
  }

  /** Saves; true when the project is now on disk. A web-mode save without a path asks for one first. */
  async function save(options: SaveOptions = {}): Promise<boolean> {
    const workspace = get().workspace;
    if (workspace === undefined) return false;
    const web = get().mode === 'web';
    const target = options.path ?? (options.saveAs === true ? undefined : (workspace.path ?? undefined));
    if (target === undefined && web) {
      openDialog({ kind: 'path', purpose: 'saveAs', then: options.then });
      return false;
    }
    const project = projectOf(workspace);
    const sameFile = target !== undefined && target === workspace.path;
    try {
      const result = await api.saveProject({
        project,
        ...(target !== undefined ? { path: target } : {}),
        ...(options.saveAs === true && options.path === undefined ? { saveAs: true } : {}),
        ...(sameFile && workspace.revision !== null ? { expectedRevision: workspace.revision } : {}),
        ...(options.overwrite === true ? { overwrite: true } : {}),
      });
      if (result.canceled) return false;
      const name = result.path.split(/[\\/]/u).pop() ?? result.path;
      // The work is on disk: its journal, under the old name and the new, has nothing left to keep.
      await api.clearJournal({ sessionId, journalId: workspace.journalId, path: workspace.path }).catch(fail);
      if (workspace.path !== result.path) {
        await api.clearJournal({ sessionId, journalId: workspace.journalId, path: result.path }).catch(fail);
      }
      set((s) =>
        s.workspace === undefined
          ? s
          : {
              ...s,
              workspace: {
                ...s.workspace,
                history: markSaved(s.workspace.history, workspace.history.present),
                savedSettings: workspace.settings,
                path: result.path,
                name,
                revision: result.revision,
              },
              message: { key: 'file.saved', params: { path: result.path } },
              failure: undefined,
            },
      );
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict' && error.file !== undefined) {
        openDialog({ kind: 'conflict', path: error.file, then: options.then });
        return false;
      }
      fail(error);
      return false;
    }
  }

  async function saveThen(options: SaveOptions): Promise<void> {
    if (await save(options)) {
      openDialog(undefined);
      if (options.then !== undefined) await perform(options.then);
    }
  }

  function apply(result: CommandResult): void {
    switch (result.kind) {
      case 'none':
        return;
      case 'edit':
        edit(result.change, result.action);
        if (result.select !== undefined) select(result.select, true);
        return;
      case 'select':
        select(result.selection, true);
        return;
      case 'document':
        set((s) => ({ ...s, documentId: result.documentId, selection: undefined }));
        return;
      case 'dialog':
        openDialog(dialogForCommand(result.dialog, get()));
        return;
      case 'media':
        runMedia(result.action);
        return;
      case 'effect':
        switch (result.effect) {
          case 'undo':
            moveHistory(undo);
            return;
          case 'redo':
            moveHistory(redo);
            return;
          case 'save':
            void saveThen({});
            return;
          case 'saveAs':
            void saveThen({ saveAs: true });
            return;
          case 'open':
            guard({ kind: 'open' });
            return;
          case 'openSample':
            guard({ kind: 'openSample' });
            return;
          case 'newProject':
            guard({ kind: 'newProject' });
            return;
        }
    }
  }

  let mediaController: MediaController | undefined;

  function runMedia(action: MediaAction): void {
    const document = selectDocument(get());
    if (document?.kind !== 'transcript') return;
    switch (action) {
      case 'attach':
        void attachMedia(document.id);
        return;
      case 'timeFromSpeech':
      case 'snapToSpeech':
        openDialog({ kind: 'speech', mode: action === 'timeFromSpeech' ? 'time' : 'snap', documentId: document.id });
        return;
      default:
        if (mediaController === undefined) say({ key: 'media.notReady' });
        else mediaController.run(action);
    }
  }

  /**
   * Attaches media to a transcript (one undo step): the desktop asks with a dialog, the web mode
   * takes a typed path (without one, it opens the path dialog). A path that is not there is answered
   * as a problem for the dialog to show; nothing changes then.
   */
  async function attachMedia(documentId: string, typed?: string): Promise<Problem | undefined> {
    const state = get();
    if (typed === undefined && state.mode === 'web') {
      openDialog({ kind: 'attachMedia', documentId, locate: false });
      return undefined;
    }
    const projectPath = state.workspace?.path ?? null;
    try {
      const result = await api.attachMedia({ projectPath, ...(typed !== undefined ? { media: typed } : {}) });
      if ('canceled' in result) return undefined;
      if (!result.found) return result.problem;
      edit((p) => setDocumentMedia(p, documentId, result.reference), 'media');
      if (get().dialog?.kind === 'attachMedia') openDialog(undefined);
      say({ key: 'media.attached', params: { name: result.reference.split(/[\\/]/u).pop() ?? result.reference } });
      return undefined;
    } catch (error) {
      if (error instanceof ApiError && error.problem !== undefined) {
        return error.file !== undefined ? { ...error.problem, file: error.file } : error.problem;
      }
      fail(error);
      return undefined;
    }
  }

  function select(selection: CellSelection | undefined, focus = false): void {
    set((s) => ({ ...s, selection, focusToken: focus ? s.focusToken + 1 : s.focusToken }));
  }

  // The desktop menu greys out what does not apply, and fires nothing behind a dialog: tell main when that changes.
  let lastCommandStates = '';
  store.subscribe(() => {
    const state = get();
    if (state.mode !== 'electron') return;
    const context = commandContextOf(state);
    const enabled = Object.fromEntries(COMMANDS.map((command) => [command.id, command.when(context)]));
    const modal = state.dialog !== undefined;
    const key = `${JSON.stringify(enabled)}${modal}`;
    if (key === lastCommandStates) return;
    lastCommandStates = key;
    api.setCommandStates({ enabled, modal }).catch(() => undefined);
  });

  // A long transcript is checked a slice at a time after it opens (the rows on screen are checked first, as
  // they are drawn), so that opening and typing never wait for the whole document's QA.
  let checking = false;
  const checkStep = (more: () => boolean): boolean => {
    const check = selectFindings(get());
    // Done (here, or by the grid checking the rows it drew meanwhile): tell whoever shows the count.
    const done = check === undefined || check.complete(more);
    if (check !== undefined && done) set((s) => ({ ...s, qaChecked: s.qaChecked + 1 }));
    if (done) checking = false;
    return done;
  };
  store.subscribe(() => {
    if (checking) return;
    const check = selectFindings(get());
    if (check === undefined || check.count !== undefined) return;
    checking = true;
    inIdleSlices(checkStep);
  });

  // Background work (the QA of a long transcript, writing an opened project's rows ahead) runs in short
  // slices in the page's idle time where the browser has one, none until a pause in the editing, so a key
  // pressed meanwhile waits a few milliseconds at most. `step` does what it can while `more()` and says
  // whether it is done.
  const inIdleSlices = (step: (more: () => boolean) => boolean, delay = 0): void => {
    const slice = (deadline?: IdleDeadline): void => {
      const sinceEdit = Date.now() - lastEditAt;
      if (sinceEdit < TYPING_PAUSE_MS) {
        setTimeout(() => whenIdle(slice), TYPING_PAUSE_MS - sinceEdit);
        return;
      }
      const until = Date.now() + Math.max(MIN_SLICE_MS, Math.min(SLICE_MS, deadline?.timeRemaining() ?? SLICE_MS));
      if (!step(() => Date.now() < until)) whenIdle(slice);
    };
    setTimeout(() => whenIdle(slice), delay);
  };

  // The journal (below) and saves write a project's rows from what was written of them before
  // (`stringifyRemembering`). After a project opens, its rows are written once ahead, in idle slices, so the
  // first journal is not a pause of its own.
  let rowsAhead: { readonly project: Project; document: number; row: number } | undefined;
  let writingAhead = false;
  const writeRowsAhead = (more: () => boolean): boolean => {
    const job = rowsAhead;
    if (job !== undefined && get().workspace !== undefined) {
      while (job.document < job.project.documents.length && more()) {
        const rows = job.project.documents[job.document]?.segments ?? [];
        job.row = rememberRows(rows, job.row, more);
        if (job.row >= rows.length) {
          job.document += 1;
          job.row = 0;
        }
      }
      if (job.document < job.project.documents.length) return false;
    }
    rowsAhead = undefined;
    writingAhead = false;
    return true;
  };
  let rowsWrittenFor: Project | undefined;
  store.subscribe(() => {
    const history = get().workspace?.history;
    if (history === undefined || history.past.length > 0 || history.present === rowsWrittenFor) return;
    rowsWrittenFor = history.present;
    rowsAhead = { project: history.present, document: 0, row: 0 };
    if (writingAhead) return;
    writingAhead = true;
    inIdleSlices(writeRowsAhead);
  });

  // The journal: while there are unsaved changes, keep them where a crash cannot take them.
  let journalTimer: ReturnType<typeof setTimeout> | undefined;
  let lastWorkspace: Workspace | undefined;
  store.subscribe(() => {
    const state = get();
    if (state.workspace === lastWorkspace) return;
    lastWorkspace = state.workspace;
    clearTimeout(journalTimer);
    const workspace = state.workspace;
    if (workspace === undefined || !selectDirty(state)) return;
    journalTimer = setTimeout(() => {
      api
        .writeJournal({
          sessionId,
          journalId: workspace.journalId,
          project: projectOf(workspace),
          path: workspace.path,
          name: workspace.name,
        })
        .catch(fail);
    }, JOURNAL_DELAY_MS);
  });

  return {
    store,

    /** Start: the environment, the sample, then any unsaved work left behind. */
    async start(): Promise<void> {
      try {
        const environment = await api.getEnvironment({});
        set((s) => ({ ...s, mode: environment.mode, defaultExportFolder: environment.defaultExportFolder }));
        const [sample, left] = await Promise.all([api.openSample({ id: SAMPLE_ID }), api.listJournals({ sessionId })]);
        if (get().workspace === undefined) takeOpened(sample);
        if (left.journals.length > 0) openDialog({ kind: 'restore', journals: left.journals });
      } catch (error) {
        fail(error);
      }
      // Tell the other tabs that this one still works on its journal; let go when it closes.
      setInterval(() => {
        const workspace = get().workspace;
        if (workspace === undefined || !selectDirty(get())) return;
        api.holdJournal({ sessionId, journalId: workspace.journalId, path: workspace.path }).catch(() => undefined);
      }, JOURNAL_HOLD_MS);
      window.addEventListener('pagehide', () => {
        api.releaseJournals({ sessionId }).catch(() => undefined);
      });
    },

    /** Runs a command from the list if it applies; `caret` is the text caret of the focused cell. */
    run(command: CommandId, caret?: number): void {
      checkTyped();
      apply(runCommand(command, commandContextOf(get(), caret)));
    },

    select,
    /** Gives the keyboard back to the selected cell (after a menu closes). */
    refocus(): void {
      set((s) => (s.selection === undefined ? s : { ...s, focusToken: s.focusToken + 1 }));
    },
    selectDocument(documentId: string): void {
      set((s) => ({ ...s, documentId, selection: undefined }));
    },
    setText(ref: SegmentRef, language: Language, text: string): void {
      edit((p) => setSegmentText(p, ref, language, text), TYPING, `text:${ref.segmentId}:${language}`);
    },
    // Typed times snap to the project's frames, as every subtitle editor does.
    setTime(ref: SegmentRef, bound: 'start' | 'end', milliseconds: number): void {
      edit((p) => setSegmentTime(p, ref, bound, snapToFrame(milliseconds, p.frameRate)), 'editTime');
    },
    edit,
    setSettings(settings: ProjectSettings): void {
      set((s) => {
        if (s.workspace === undefined || JSON.stringify(s.workspace.settings) === JSON.stringify(settings)) return s;
        return { ...s, workspace: { ...s.workspace, settings } };
      });
    },
    openDialog,
    closeDialog(): void {
      openDialog(undefined);
    },
    say,
    fail,
    dismissFailure(): void {
      set((s) => ({ ...s, failure: undefined }));
    },
    attachMedia,
    /** The media panel takes the player's commands while it shows a player; the returned function lets go. */
    setMediaController(controller: MediaController): () => void {
      mediaController = controller;
      return () => {
        if (mediaController === controller) mediaController = undefined;
      };
    },
    setPlayer(change: Partial<PlayerState>): void {
      set((s) => ({ ...s, player: { ...s.player, ...change } }));
    },
    toggleQa(): void {
      set((s) => ({ ...s, qaOpen: !s.qaOpen }));
    },
    guard,

    /** The path dialog (web mode) was answered. */
    confirmPath(purpose: 'open' | 'saveAs', path: string, then?: PendingAction): void {
      openDialog(undefined);
      if (purpose === 'open') void perform({ kind: 'open', path });
      else void saveThen({ path, then });
    },

    /** The unsaved-changes question was answered. */
    resolveUnsaved(choice: 'save' | 'discard' | 'cancel'): void {
      const dialog = get().dialog;
      if (dialog?.kind !== 'unsaved') return;
      openDialog(undefined);
      if (choice === 'save') void saveThen({ then: dialog.then });
      if (choice === 'discard') void perform(dialog.then);
    },

    /** A save found the file changed on disk; the user chose what to do. */
    resolveConflict(choice: 'overwrite' | 'saveAs' | 'reload' | 'cancel'): void {
      const dialog = get().dialog;
      if (dialog?.kind !== 'conflict') return;
      openDialog(undefined);
      if (choice === 'overwrite') void saveThen({ path: dialog.path, overwrite: true, then: dialog.then });
      if (choice === 'saveAs') void saveThen({ saveAs: true, then: dialog.then });
      if (choice === 'reload') void perform({ kind: 'open', path: dialog.path });
    },

    restoreJournal(journal: JournalEntry): void {
      const dialog = get().dialog;
      const rest = dialog?.kind === 'restore' ? dialog.journals.filter((j) => j !== journal) : [];
      openDialog(rest.length > 0 ? { kind: 'restore', journals: rest } : undefined);
      // Restoring replaces the open project: ask first if it has changes of its own.
      guard({ kind: 'restore', journal });
    },

    discardJournal(journal: JournalEntry): void {
      const dialog = get().dialog;
      const rest = dialog?.kind === 'restore' ? dialog.journals.filter((j) => j !== journal) : [];
      openDialog(rest.length > 0 ? { kind: 'restore', journals: rest } : undefined);
      api.clearJournal({ sessionId, journalId: journal.journalId, path: journal.path }).catch(fail);
    },

    /** A new project, made by the New-project dialog, replaces the open one (already asked). */
    loadNew(project: Project, name: string): void {
      openDialog(undefined);
      load({ project, path: null, name, saved: false, revision: null });
      say({ key: 'newProject.created', params: { name } });
    },

    openBackup(path: string): void {
      guard({ kind: 'openBackup', path });
    },

    /** A project the OS handed to the app (double-click, drag and drop, Open Recent): opened after asking. */
    openFromSystem(path: string): void {
      guard({ kind: 'open', path });
    },

    /** The desktop window is closing and there are unsaved changes (Electron asks through the page). */
    askBeforeClosing(): void {
      if (get().dialog?.kind !== 'unsaved') openDialog({ kind: 'unsaved', then: { kind: 'close' } });
    },

    // Review: filters, find and replace, notes.

    /** Shows only the rows that pass `filter` (`{}`: every row); see `selectVisibleRowIds`. */
    setFilter(filter: RowFilter): void {
      set((s) => ({ ...s, filter }));
    },

    /**
     * Finds the next match from `from` (or from the selected cell) and selects
     * it, caret on the match, switching document when it is in another one.
     */
    findNext(options: FindOptions, from?: FindPosition): FindOutcome {
      const state = get();
      const project = state.workspace?.history.present;
      if (project === undefined) return { kind: 'none' };
      const selection = state.selection;
      const documentId = state.documentId ?? project.documents[0]?.id;
      const start =
        from ??
        (selection?.language !== undefined && documentId !== undefined
          ? { documentId, segmentId: selection.segmentId, language: selection.language, offset: selection.caret ?? 0 }
          : undefined);
      const found = findNext(project, options, start);
      if (!found.ok) return { kind: 'problem', problem: found.problem };
      const match = found.match;
      if (match === undefined) return { kind: 'none' };
      if (match.documentId !== get().documentId) set((s) => ({ ...s, documentId: match.documentId }));
      select({ segmentId: match.segmentId, language: match.language, caret: match.start, caretEnd: match.end }, true);
      return { kind: 'match', match };
    },

    /** Replaces one match found by `findNext` (one undo step); the end of the replacement, or undefined if it was gone. */
    replaceMatch(options: FindOptions, match: FindMatch, replacement: string): number | undefined {
      const project = get().workspace?.history.present;
      if (project === undefined) return undefined;
      const result = replaceMatch(project, options, match, replacement);
      if (!result.ok || result.report.replaced === 0) {
        if (result.ok && result.report.tooLong > 0) say({ key: 'find.tooLong', params: { count: 1 } });
        return undefined;
      }
      edit(() => result.project, 'replace');
      return result.end;
    },

    /** Replaces every match as one undo step, and says how many (and which cells it left for the length limit). */
    replaceAll(options: FindOptions, replacement: string): ReplaceReport | Problem {
      const project = get().workspace?.history.present;
      if (project === undefined) return { replaced: 0, cells: 0, tooLong: 0 };
      const result = replaceAll(project, options, replacement);
      if (!result.ok) return result.problem;
      edit(() => result.project, 'replace');
      const { replaced, cells, tooLong } = result.report;
      say({
        key: 'find.replacedAll',
        params: { count: replaced, cells },
        ...(tooLong > 0 ? { also: { key: 'find.tooLong', params: { count: tooLong } } } : {}),
      });
      return result.report;
    },

    /** Sets one cell's comments (one undo step) and closes the note dialog, back to the cell. */
    saveCellNotes(
      ref: SegmentRef,
      language: Language,
      comments: ReadonlyArray<Omit<SegmentComment, 'language'>>,
    ): void {
      try {
        edit((p) => setCellComments(p, ref, language, comments), 'note');
      } catch (error) {
        fail(error);
        return;
      }
      openDialog(undefined);
      select({ segmentId: ref.segmentId, language }, true);
    },

    /** Closes a review dialog or the find panel and gives the focus back to the selected cell. */
    closeToCell(): void {
      openDialog(undefined);
      const selection = get().selection;
      if (selection !== undefined) select(selection, true);
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

/** What "Find next" met: a match (now selected), nothing, or a pattern it could not read. */
export type FindOutcome =
  | { readonly kind: 'match'; readonly match: FindMatch }
  | { readonly kind: 'none' }
  | { readonly kind: 'problem'; readonly problem: Problem };
