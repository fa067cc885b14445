import type { ApiResponse } from '../../../src/api/contract';
import type { CellSelection, CommandContext } from '../../../src/commands/commands';
import { isDirty, canRedo, canUndo, type History } from '../../../src/model/history';
import type { Project, ProjectSettings, Segment, SubrelayDocument } from '../../../src/model/project';
import { checkTranscript, createQaCache, type QaFinding } from '../../../src/qa/qa';
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
  | { readonly kind: 'newProject'; readonly startFrom?: StartFrom | undefined }
  | { readonly kind: 'path'; readonly purpose: 'open' | 'saveAs'; readonly then?: PendingAction | undefined }
  | { readonly kind: 'unsaved'; readonly then: PendingAction }
  | { readonly kind: 'conflict'; readonly path: string; readonly then?: PendingAction | undefined }
  | { readonly kind: 'restore'; readonly journals: ReadonlyArray<JournalEntry> }
  /** The find panel (not modal): with the replace field for Ctrl+H. */
  | { readonly kind: 'find'; readonly replace: boolean }
  /** The notes of one cell, as they were chosen when the dialog opened. */
  | {
      readonly kind: 'note';
      readonly documentId: string;
      readonly segmentId: string;
      readonly language: Language;
    };

export type DialogKind = Dialog['kind'];

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

const segmentIndexes = new WeakMap<ReadonlyArray<Segment>, ReadonlyMap<string, number>>();

/** Where a segment sits in its document, found without a scan (cached per segments array). */
export function indexOfSegment(document: SubrelayDocument, segmentId: string): number {
  let index = segmentIndexes.get(document.segments);
  if (index === undefined) {
    index = new Map(document.segments.map((segment, position) => [segment.id, position]));
    segmentIndexes.set(document.segments, index);
  }
  return index.get(segmentId) ?? -1;
}

export function selectSegment(state: AppState, segmentId: string): Segment | undefined {
  const document = selectDocument(state);
  if (document === undefined) return undefined;
  return document.segments[indexOfSegment(document, segmentId)];
}

interface DocumentFindings {
  readonly all: ReadonlyArray<QaFinding>;
  readonly byCell: ReadonlyMap<string, ReadonlyArray<QaFinding>>;
}

interface CachedFindings {
  readonly languages: ReadonlyArray<Language>;
  readonly frameRate: number;
  readonly rules: unknown;
  readonly value: DocumentFindings;
}

const findingsCache = new WeakMap<SubrelayDocument, CachedFindings>();
/** Each cue's own findings between checks: an edit re-checks the edited cell and the gaps, not every text. */
const qaCache = createQaCache();
const NO_FINDINGS: DocumentFindings = { all: [], byCell: new Map() };

/**
 * The QA findings of the open transcript, worked out once per change of the document.
 *
 * Cached by the document's identity (an edit replaces it) together with the
 * rules, languages and frame rate, so every row reading its cell's findings
 * shares one check; within a check, each cue's own findings come from the
 * last check unless that cue changed (`createQaCache`).
 */
export function selectFindings(state: AppState): DocumentFindings | undefined {
  const document = selectDocument(state);
  const workspace = state.workspace;
  if (document === undefined || workspace === undefined || document.kind !== 'transcript') return undefined;
  const { languages, frameRate } = workspace.history.present;
  const rules = workspace.settings.rules ?? DEFAULT_RULES;
  const cached = findingsCache.get(document);
  if (
    cached !== undefined &&
    cached.languages === languages &&
    cached.frameRate === frameRate &&
    cached.rules === rules
  ) {
    return cached.value;
  }
  const all = checkTranscript(document, languages, rules, frameRate, qaCache);
  const byCell = new Map<string, QaFinding[]>();
  for (const finding of all) {
    if (finding.segmentId === undefined) continue;
    const cell = `${finding.segmentId}:${finding.language}`;
    const list = byCell.get(cell);
    if (list === undefined) byCell.set(cell, [finding]);
    else list.push(finding);
  }
  const value = all.length === 0 ? NO_FINDINGS : { all, byCell };
  findingsCache.set(document, { languages, frameRate, rules, value });
  return value;
}

const NONE: ReadonlyArray<QaFinding> = [];

/** One cell's findings: the same array until that cell's findings change. */
export function selectCellFindings(state: AppState, segmentId: string, language: Language): ReadonlyArray<QaFinding> {
  return selectFindings(state)?.byCell.get(`${segmentId}:${language}`) ?? NONE;
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
  return {
    project: workspace?.history.present,
    document: selectDocument(state),
    selection,
    canUndo: workspace !== undefined && canUndo(workspace.history),
    canRedo: workspace !== undefined && canRedo(workspace.history),
    findingCells: (findings?.all ?? []).flatMap((finding) =>
      finding.segmentId === undefined ? [] : [{ segmentId: finding.segmentId, language: finding.language }],
    ),
  };
}
