import type { ApiResponse } from '../../../src/api/contract';
import type { CellSelection, CommandContext } from '../../../src/commands/commands';
import { isDirty, canRedo, canUndo, type History } from '../../../src/model/history';
import type { Project, ProjectSettings, Segment, SubrelayDocument } from '../../../src/model/project';
import { createQaCache, type QaFinding } from '../../../src/qa/qa';
import { checkTranscriptIncrementally, type TranscriptCheck } from '../../../src/qa/transcriptCheck';
import { positionOf } from '../../../src/model/segmentIndex';
import { DEFAULT_RULES } from '../../../src/subtitles/rules';
import type { Language } from '../../../src/languages';
import type { RowFilter } from '../../../src/review/filter';

/**
 * The open project: its edit history, plus the remembered choices (settings),
 * which are saved with the file but are not edits to undo.
 */
export interface Workspace {
  readonly history: History;
  readonly settings: ProjectSettings;
  readonly savedSettings: ProjectSettings | undefined;
  readonly path: string | null;
  readonly name: string;
  /** Names the journal while the project has no path. */
  readonly journalId: string;
  /** What the file held when it was read or last saved (null: not read from a file, or unknown). */
  readonly revision: string | null;
}

export type JournalEntry = ApiResponse<'listJournals'>['journals'][number];
export type StartFrom = Extract<ApiResponse<'openProject'>, { startFrom: unknown }>['startFrom'];

/** A message for the status line: a locale key and its values, worded when shown. */
export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
  /** A second sentence shown after the first (what an import left out, say). */
  readonly also?: Message;
}

/** Something that failed, kept as it was thrown and worded when shown (in the current language). */
export interface Failure {
  readonly error: unknown;
  /** The damaged project whose backup can be opened. */
  readonly backupOf?: string;
}

/** What replaces or closes the open project, and so asks first when there are unsaved changes. */
export type PendingAction =
  | { readonly kind: 'open'; readonly path?: string }
  | { readonly kind: 'openSample' }
  | { readonly kind: 'newProject'; readonly startFrom?: StartFrom }
  | { readonly kind: 'restore'; readonly journal: JournalEntry }
  | { readonly kind: 'openBackup'; readonly path: string }
  | { readonly kind: 'close' };

/** The one dialog open at a time, each with its own data. */
export type Dialog =
  | { readonly kind: 'export' }
  | { readonly kind: 'align' }
  | { readonly kind: 'timing' }
  | { readonly kind: 'importSubtitles' }
  | { readonly kind: 'importXliff' }
  | { readonly kind: 'rules' }
  | { readonly kind: 'dubbing' }
  | { readonly kind: 'addDocument' }
  | { readonly kind: 'keyboardShortcuts' }
  | { readonly kind: 'goToRow' }
  | { readonly kind: 'newProject'; readonly startFrom?: StartFrom | undefined }
  | { readonly kind: 'path'; readonly purpose: 'open' | 'saveAs'; readonly then?: PendingAction | undefined }
  | { readonly kind: 'unsaved'; readonly then: PendingAction }
  | { readonly kind: 'conflict'; readonly path: string; readonly then?: PendingAction | undefined }
  | { readonly kind: 'restore'; readonly journals: ReadonlyArray<JournalEntry> }
  /** The find panel (not modal): with the replace field for Ctrl+H. */
  | { readonly kind: 'find'; readonly replace: boolean }
  /** Media ▸ Attach in the web mode (a path field), or Locate… for media that is not there. */
  | { readonly kind: 'attachMedia'; readonly documentId: string; readonly locate: boolean }
  /** Time from speech / Snap to speech: the speech found, what would move, Apply. */
  | { readonly kind: 'speech'; readonly mode: 'time' | 'snap'; readonly documentId: string }
  /** The notes of one cell, as they were chosen when the dialog opened. */
  | {
      readonly kind: 'note';
      readonly documentId: string;
      readonly segmentId: string;
      readonly language: Language;
    };

export type DialogKind = Dialog['kind'];

/** How the media panel plays: choices of this window, not edits (kept while projects change). */
export interface PlayerState {
  /** Play the selected cue again and again. */
  readonly loop: boolean;
  /** The grid's selection follows the cue under the playhead while playing. */
  readonly followPlayback: boolean;
  /** The playhead goes to a cue's start when it is selected (not while playing). */
  readonly followSelection: boolean;
  /** Playback speed, 0.5 to 2. */
  readonly rate: number;
  /** The subtitle language over the video; the first translation language when undefined. */
  readonly overlayLanguage: Language | undefined;
  /** The panel folded to its bar. */
  readonly collapsed: boolean;
}

export const PLAYBACK_RATES: ReadonlyArray<number> = [0.5, 0.75, 1, 1.25, 1.5, 2];

export interface AppState {
  readonly mode: 'electron' | 'web';
  readonly defaultExportFolder: string;
  readonly workspace: Workspace | undefined;
  readonly documentId: string | undefined;
  readonly selection: CellSelection | undefined;
  /** Bumped to move the keyboard focus to the selected cell (after a command, a jump, a dialog). */
  readonly focusToken: number;
  readonly dialog: Dialog | undefined;
  readonly message: Message | undefined;
  readonly failure: Failure | undefined;
  readonly qaOpen: boolean;
  /** Which rows the grid shows (review filters); `{}` shows every row. See `selectVisibleRowIds`. */
  readonly filter: RowFilter;
  /** Bumped when the background check of the open transcript's rows finishes (its count is then known). */
  readonly qaChecked: number;
  /**
   * While the translator types: the version of the open document whose QA findings and cell measures are
   * shown. The row being typed in is measured and checked again after the frame that shows the key (the
   * dispatcher then clears this), so a key costs the edit and the character, not the row's measures and check.
   * Undefined: the current version.
   */
  readonly qaDocument: SubrelayDocument | undefined;
  readonly player: PlayerState;
}

export const INITIAL_STATE: AppState = {
  mode: 'web',
  defaultExportFolder: '',
  workspace: undefined,
  documentId: undefined,
  selection: undefined,
  focusToken: 0,
  dialog: undefined,
  message: undefined,
  failure: undefined,
  qaOpen: false,
  filter: {},
  qaChecked: 0,
  qaDocument: undefined,
  player: {
    loop: false,
    followPlayback: true,
    followSelection: true,
    rate: 1,
    overlayLanguage: undefined,
    collapsed: false,
  },
};

/** The project as it would be saved: the history's present with the current settings. */
export function projectOf(workspace: Workspace): Project {
  return { ...workspace.history.present, settings: workspace.settings };
}

export function selectProject(state: AppState): Project | undefined {
  return state.workspace?.history.present;
}

export function selectDirty(state: AppState): boolean {
  const workspace = state.workspace;
  return workspace !== undefined && (isDirty(workspace.history) || workspace.settings !== workspace.savedSettings);
}

export function selectDocument(state: AppState): SubrelayDocument | undefined {
  const project = state.workspace?.history.present;
  return project?.documents.find((d) => d.id === state.documentId) ?? project?.documents[0];
}

/** Where a segment sits in its document, found without a scan (the index carries over edits of one row). */
export function indexOfSegment(document: SubrelayDocument, segmentId: string): number {
  return positionOf(document.segments, segmentId);
}

export function selectSegment(state: AppState, segmentId: string): Segment | undefined {
  const document = selectDocument(state);
  if (document === undefined) return undefined;
  return document.segments[positionOf(document.segments, segmentId)];
}

interface CachedCheck {
  readonly languages: ReadonlyArray<Language>;
  readonly frameRate: number;
  readonly rules: unknown;
  readonly check: TranscriptCheck;
}

const checks = new WeakMap<SubrelayDocument, CachedCheck>();
/** The newest check of each document, which the next version's check starts from. */
const latestChecks = new Map<string, TranscriptCheck>();
/** Each cue's own findings between checks that cannot go row by row (rows added, removed, rules changed). */
const qaCache = createQaCache();

/**
 * The QA findings of the open transcript, per version of it.
 *
 * Cached by the document's identity (an edit replaces it) together with the
 * rules, languages and frame rate, so every row reading its cell's findings
 * shares one check. A new version is checked from the last one: only the
 * rows the edit changed, and the cue after each (its gap), are checked again
 * (see `checkTranscriptIncrementally`), so typing costs the same in a
 * 20,000-cue transcript as in a short one.
 */
export function selectFindings(state: AppState): TranscriptCheck | undefined {
  const document = checkedDocument(state);
  const workspace = state.workspace;
  if (document === undefined || workspace === undefined || document.kind !== 'transcript') return undefined;
  const { languages, frameRate } = workspace.history.present;
  const rules = workspace.settings.rules ?? DEFAULT_RULES;
  const cached = checks.get(document);
  if (
    cached !== undefined &&
    cached.languages === languages &&
    cached.frameRate === frameRate &&
    cached.rules === rules
  ) {
    return cached.check;
  }
  const check = checkTranscriptIncrementally(
    latestChecks.get(document.id),
    document,
    languages,
    rules,
    frameRate,
    qaCache,
  );
  latestChecks.set(document.id, check);
  checks.set(document, { languages, frameRate, rules, check });
  return check;
}

/** The version of the open document whose findings are shown: see `AppState.qaDocument`. */
export function checkedDocument(state: AppState): SubrelayDocument | undefined {
  const document = selectDocument(state);
  const shown = state.qaDocument;
  return shown !== undefined && shown.id === document?.id ? shown : document;
}

/** A row as it is in the version of the open document whose findings are shown (see `AppState.qaDocument`). */
export function selectCheckedSegment(state: AppState, segmentId: string): Segment | undefined {
  const document = checkedDocument(state);
  if (document === undefined) return undefined;
  return document.segments[positionOf(document.segments, segmentId)];
}

const NONE: ReadonlyArray<QaFinding> = [];

/** One cell's findings: the same array until that cell's findings change. */
export function selectCellFindings(state: AppState, segmentId: string, language: Language): ReadonlyArray<QaFinding> {
  const check = selectFindings(state);
  if (check === undefined) return NONE;
  return check.cell(positionOf(check.segments, segmentId), language);
}

/** Findings compared by what they say, so a row re-renders only when its own findings change. */
export function sameFindings(a: ReadonlyArray<QaFinding>, b: ReadonlyArray<QaFinding>): boolean {
  return (
    a.length === b.length &&
    a.every((finding, index) => {
      const other = b[index];
      return (
        other !== undefined &&
        other.rule === finding.rule &&
        other.message === finding.message &&
        other.severity === finding.severity
      );
    })
  );
}

/** What the command list needs to decide what applies and what to do. */
export function commandContextOf(state: AppState, caret?: number): CommandContext {
  const workspace = state.workspace;
  const findings = selectFindings(state);
  const selection =
    state.selection === undefined ? undefined : caret === undefined ? state.selection : { ...state.selection, caret };
  let findingCells: CommandContext['findingCells'] | undefined;
  return {
    project: workspace?.history.present,
    document: selectDocument(state),
    selection,
    canUndo: workspace !== undefined && canUndo(workspace.history),
    canRedo: workspace !== undefined && canRedo(workspace.history),
    // Listed only when a command asks (next item to check), not each time the menus ask what applies.
    get findingCells() {
      findingCells ??= (findings?.all() ?? []).flatMap((finding) =>
        finding.segmentId === undefined ? [] : [{ segmentId: finding.segmentId, language: finding.language }],
      );
      return findingCells;
    },
  };
}
