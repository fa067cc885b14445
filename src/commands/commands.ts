/**
 * Every command the translator can give, as data.
 *
 * The Electron application menu, the web mode's toolbar menus, keyboard
 * shortcuts and tests all read this one list, so a command's name, menu and
 * key cannot drift apart. Each command says when it applies (`when`) and what
 * it does (`run`): an edit to the project (a pure reducer of
 * `src/model/edit.ts`), a selection, a dialog to open, or an effect the
 * shell carries out (open, save, undo…). The renderer only dispatches.
 */
import { positionOf } from '../model/segmentIndex';
import type { Language } from '../languages';
import { confirmCell, shiftCellsDown, shiftCellsUp, uncertainSegments } from '../model/alignEdit';
import {
  mergeWithNext,
  setSegmentExcluded,
  setSegmentRole,
  setSegmentStatus,
  splitSegment,
  type SegmentRef,
} from '../model/edit';
import type { Project, SubrelayDocument } from '../model/project';

export type CommandId =
  | 'newProject'
  | 'open'
  | 'openSample'
  | 'save'
  | 'saveAs'
  | 'addDocument'
  | 'export'
  | 'undo'
  | 'redo'
  | 'split'
  | 'merge'
  | 'markTranslated'
  | 'toggleExcluded'
  | 'toggleHeadline'
  | 'align'
  | 'shiftUp'
  | 'shiftDown'
  | 'nextUncertain'
  | 'previousUncertain'
  | 'timing'
  | 'importSubtitles'
  | 'importXliff'
  | 'rules'
  | 'dubbing'
  | 'find'
  | 'replace'
  | 'markDraft'
  | 'markReviewed'
  | 'markApproved'
  | 'editNote'
  | 'rowAbove'
  | 'rowBelow'
  | 'firstRow'
  | 'lastRow'
  | 'previousDocument'
  | 'nextDocument'
  | 'keyboardShortcuts'
  | 'goToRow'
  | 'attachMedia'
  | 'playPause'
  | 'playCue'
  | 'loopCue'
  | 'previousFrame'
  | 'nextFrame'
  | 'startFromPlayhead'
  | 'endFromPlayhead'
  | 'timeFromSpeech'
  | 'snapToSpeech';

export type MenuId = 'project' | 'edit' | 'segment' | 'align' | 'media' | 'go' | 'help';

/** A caret past any text: the end of the cell's text. */
export const CARET_AT_END = Number.MAX_SAFE_INTEGER;

/** The cell the translator is in: a row, a language column, and the caret in its text. */
export interface CellSelection {
  readonly segmentId: string;
  readonly language?: Language | undefined;
  readonly caret?: number | undefined;
  /** The end of a selected stretch of the text (a find match runs from `caret` to here). */
  readonly caretEnd?: number | undefined;
}

/** What a command looks at: the open project and document, the selection, the history. */
export interface CommandContext {
  readonly project: Project | undefined;
  readonly document: SubrelayDocument | undefined;
  readonly selection: CellSelection | undefined;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Cells of the open document with QA findings, for "next item to check". */
  readonly findingCells: ReadonlyArray<{ readonly segmentId: string; readonly language: Language }>;
}

/** The dialogs a command can open. */
export type CommandDialog =
  | 'export'
  | 'align'
  | 'timing'
  | 'importSubtitles'
  | 'importXliff'
  | 'rules'
  | 'dubbing'
  | 'addDocument'
  | 'find'
  | 'replace'
  | 'note'
  | 'keyboardShortcuts'
  | 'goToRow';

/**
 * What the media panel does for a command: the player and the speech detector live in the page, so the
 * command list names the action and the panel carries it out (see `renderer/src/media`).
 */
export type MediaAction =
  | 'attach'
  | 'playPause'
  | 'playCue'
  | 'loopCue'
  | 'previousFrame'
  | 'nextFrame'
  | 'startFromPlayhead'
  | 'endFromPlayhead'
  | 'timeFromSpeech'
  | 'snapToSpeech';

/** What the shell does for a command that is not a pure edit (files, history, replacing the project). */
export type CommandEffect = 'newProject' | 'open' | 'openSample' | 'save' | 'saveAs' | 'undo' | 'redo';

/** The undo-history name of an edit (`action.<name>` in the locales). */
export type EditAction = 'split' | 'merge' | 'status' | 'exclude' | 'role' | 'shift' | 'replace' | 'note';

export type CommandResult =
  | {
      readonly kind: 'edit';
      readonly action: EditAction;
      readonly change: (project: Project) => Project;
      /** Where the selection goes after the edit. */
      readonly select?: CellSelection;
    }
  | { readonly kind: 'select'; readonly selection: CellSelection }
  | { readonly kind: 'document'; readonly documentId: string }
  | { readonly kind: 'dialog'; readonly dialog: CommandDialog }
  | { readonly kind: 'effect'; readonly effect: CommandEffect }
  | { readonly kind: 'media'; readonly action: MediaAction }
  | { readonly kind: 'none' };

export interface CommandSpec {
  readonly id: CommandId;
  readonly menu: MenuId;
  /** The locale key of its menu label. */
  readonly labelKey: string;
  /** Electron accelerator syntax; "CmdOrCtrl" is Ctrl, or Cmd on macOS. */
  readonly shortcut?: string;
  /** Further shortcuts that do the same (Ctrl+Y for redo, as on Windows). */
  readonly alternatives?: ReadonlyArray<string>;
  /**
   * A plain key that gives the command only when the focus is not in a text field (Space plays and
   * pauses, as in every player, but types a space in a cell).
   */
  readonly outsideText?: string;
  /** Whether the command applies now (menus grey it out, keys do nothing). */
  readonly when: (context: CommandContext) => boolean;
  /** What it does; called only when `when` holds. */
  readonly run: (context: CommandContext) => CommandResult;
}

const always = (): boolean => true;
const hasProject = (context: CommandContext): boolean => context.project !== undefined;

/** The selected row's place in its document, -1 if none (through the document's kept position index). */
function selectedRow(context: CommandContext): number {
  const segments = context.document?.segments;
  const id = context.selection?.segmentId;
  if (segments === undefined || id === undefined) return -1;
  return positionOf(segments, id);
}

const hasRow = (context: CommandContext): boolean => selectedRow(context) >= 0;
const hasCell = (context: CommandContext): boolean => hasRow(context) && context.selection?.language !== undefined;

function refOf(context: CommandContext): SegmentRef {
  return { documentId: context.document?.id ?? '', segmentId: context.selection?.segmentId ?? '' };
}

function languageOf(context: CommandContext): Language {
  const language = context.selection?.language;
  if (language === undefined) throw new Error('This command needs a cell');
  return language;
}

const effect = (name: CommandEffect) => (): CommandResult => ({ kind: 'effect', effect: name });
const media = (action: MediaAction) => (): CommandResult => ({ kind: 'media', action });
const isTranscript = (context: CommandContext): boolean => context.document?.kind === 'transcript';
/** The open transcript has media attached (whether the file is there is the panel's to say). */
const hasMedia = (context: CommandContext): boolean => isTranscript(context) && context.document?.media !== undefined;
/** A selected row with both times, in a transcript with media: a cue to play. */
function hasTimedCue(context: CommandContext): boolean {
  const segment = context.document?.segments[selectedRow(context)];
  return hasMedia(context) && segment?.start !== undefined && segment.end !== undefined;
}
const dialog = (name: CommandDialog) => (): CommandResult => ({ kind: 'dialog', dialog: name });

/** Uncertain links and cells with QA findings, in document order. */
function itemsToCheck(context: CommandContext): Array<{ readonly id: string; readonly language: Language }> {
  const document = context.document;
  if (document === undefined) return [];
  const order = new Map(document.segments.map((segment, index) => [segment.id, index]));
  return [
    ...uncertainSegments(document),
    ...context.findingCells.map((cell) => ({ id: cell.segmentId, language: cell.language })),
  ]
    .filter((item) => order.has(item.id))
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

function stepToItem(context: CommandContext, forward: boolean): CommandResult {
  const items = itemsToCheck(context);
  const order = new Map(context.document?.segments.map((segment, index) => [segment.id, index]) ?? []);
  const here = context.selection === undefined ? -1 : (order.get(context.selection.segmentId) ?? -1);
  const at = (item: { readonly id: string }): number => order.get(item.id) ?? -1;
  const target = forward
    ? (items.find((item) => at(item) > here) ?? items[0])
    : ([...items].reverse().find((item) => at(item) < here) ?? items[items.length - 1]);
  return target === undefined
    ? { kind: 'none' }
    : { kind: 'select', selection: { segmentId: target.id, language: target.language } };
}

function markTranslated(context: CommandContext): CommandResult {
  const ref = refOf(context);
  const language = languageOf(context);
  const segments = context.document?.segments ?? [];
  const index = positionOf(segments, ref.segmentId);
  const segment = segments[index];
  const next = segments[index + 1];
  const select = next === undefined ? undefined : { segmentId: next.id, language };
  const change =
    segment !== undefined && segment.status[language] !== 'source'
      ? (p: Project) => confirmCell(setSegmentStatus(p, ref, language, 'translated'), ref, language)
      : (p: Project) => confirmCell(p, ref, language);
  return { kind: 'edit', action: 'status', change, ...(select !== undefined ? { select } : {}) };
}

/** Whether the selected cell is a translation (not the document's source text), so it has a review status. */
function hasTranslationCell(context: CommandContext): boolean {
  if (!hasCell(context)) return false;
  const segment = context.document?.segments[selectedRow(context)];
  const language = context.selection?.language;
  return segment !== undefined && language !== undefined && segment.status[language] !== 'source';
}

/**
 * Sets the selected cell's review status; `advance` moves on to the same
 * language in the next row, as a reviewer working down a column does.
 * Reviewing or approving a cell also confirms the aligner's link, as
 * marking it translated does.
 */
function markStatus(status: 'draft' | 'reviewed' | 'approved', advance: boolean) {
  return (context: CommandContext): CommandResult => {
    const ref = refOf(context);
    const language = languageOf(context);
    const segments = context.document?.segments ?? [];
    const next = advance ? segments[selectedRow(context) + 1] : undefined;
    const change =
      status === 'draft'
        ? (p: Project) => setSegmentStatus(p, ref, language, status)
        : (p: Project) => confirmCell(setSegmentStatus(p, ref, language, status), ref, language);
    return {
      kind: 'edit',
      action: 'status',
      change,
      ...(next !== undefined ? { select: { segmentId: next.id, language } } : {}),
    };
  };
}

export const COMMANDS: ReadonlyArray<CommandSpec> = [
  {
    id: 'newProject',
    menu: 'project',
    labelKey: 'command.newProject',
    shortcut: 'CmdOrCtrl+N',
    when: always,
    run: effect('newProject'),
  },
  { id: 'open', menu: 'project', labelKey: 'command.open', shortcut: 'CmdOrCtrl+O', when: always, run: effect('open') },
  { id: 'openSample', menu: 'project', labelKey: 'command.openSample', when: always, run: effect('openSample') },
  {
    id: 'save',
    menu: 'project',
    labelKey: 'command.save',
    shortcut: 'CmdOrCtrl+S',
    when: hasProject,
    run: effect('save'),
  },
  {
    id: 'saveAs',
    menu: 'project',
    labelKey: 'command.saveAs',
    shortcut: 'CmdOrCtrl+Shift+Alt+S',
    when: hasProject,
    run: effect('saveAs'),
  },
  { id: 'addDocument', menu: 'project', labelKey: 'command.addDocument', when: hasProject, run: dialog('addDocument') },
  {
    id: 'export',
    menu: 'project',
    labelKey: 'command.export',
    shortcut: 'CmdOrCtrl+E',
    when: hasProject,
    run: dialog('export'),
  },
  {
    id: 'importSubtitles',
    menu: 'project',
    labelKey: 'command.importSubtitles',
    shortcut: 'CmdOrCtrl+I',
    when: hasProject,
    run: dialog('importSubtitles'),
  },
  { id: 'importXliff', menu: 'project', labelKey: 'command.importXliff', when: hasProject, run: dialog('importXliff') },
  {
    id: 'undo',
    menu: 'edit',
    labelKey: 'command.undo',
    shortcut: 'CmdOrCtrl+Z',
    when: (context) => context.canUndo,
    run: effect('undo'),
  },
  {
    id: 'redo',
    menu: 'edit',
    labelKey: 'command.redo',
    shortcut: 'CmdOrCtrl+Shift+Z',
    alternatives: ['CmdOrCtrl+Y'],
    when: (context) => context.canRedo,
    run: effect('redo'),
  },
  {
    id: 'find',
    menu: 'edit',
    labelKey: 'command.find',
    shortcut: 'CmdOrCtrl+F',
    when: (context) => context.document !== undefined,
    run: dialog('find'),
  },
  {
    id: 'replace',
    menu: 'edit',
    labelKey: 'command.replace',
    shortcut: 'CmdOrCtrl+H',
    when: (context) => context.document !== undefined,
    run: dialog('replace'),
  },
  {
    id: 'split',
    menu: 'segment',
    labelKey: 'command.split',
    shortcut: 'CmdOrCtrl+Shift+S',
    when: (context) => hasCell(context) && context.selection?.caret !== undefined,
    run: (context) => {
      const ref = refOf(context);
      const language = languageOf(context);
      const caret = context.selection?.caret ?? 0;
      return { kind: 'edit', action: 'split', change: (p) => splitSegment(p, ref, language, caret) };
    },
  },
  {
    id: 'merge',
    menu: 'segment',
    labelKey: 'command.merge',
    shortcut: 'CmdOrCtrl+Shift+M',
    when: (context) => {
      const row = selectedRow(context);
      return row >= 0 && row < (context.document?.segments.length ?? 0) - 1;
    },
    run: (context) => {
      const ref = refOf(context);
      return { kind: 'edit', action: 'merge', change: (p) => mergeWithNext(p, ref) };
    },
  },
  {
    id: 'markTranslated',
    menu: 'segment',
    labelKey: 'command.markTranslated',
    shortcut: 'CmdOrCtrl+Enter',
    when: hasCell,
    run: markTranslated,
  },
  // Review statuses. Ctrl+Enter confirms a translation (as in memoQ and Trados); the reviewer's confirm
  // adds Shift, the approver's Alt (Ctrl+Alt+Enter types nothing on any layout, unlike Ctrl+Alt+letter,
  // which is AltGr); Ctrl+Shift+Backspace takes a confirmation back to draft and stays on the cell.
  {
    id: 'markReviewed',
    menu: 'segment',
    labelKey: 'command.markReviewed',
    shortcut: 'CmdOrCtrl+Shift+Enter',
    when: hasTranslationCell,
    run: markStatus('reviewed', true),
  },
  {
    id: 'markApproved',
    menu: 'segment',
    labelKey: 'command.markApproved',
    shortcut: 'CmdOrCtrl+Alt+Enter',
    when: hasTranslationCell,
    run: markStatus('approved', true),
  },
  {
    id: 'markDraft',
    menu: 'segment',
    labelKey: 'command.markDraft',
    shortcut: 'CmdOrCtrl+Shift+Backspace',
    when: hasTranslationCell,
    run: markStatus('draft', false),
  },
  // Shift+F2 edits a cell's comment in Excel and LibreOffice Calc.
  {
    id: 'editNote',
    menu: 'segment',
    labelKey: 'command.editNote',
    shortcut: 'Shift+F2',
    when: hasCell,
    run: dialog('note'),
  },
  {
    id: 'toggleExcluded',
    menu: 'segment',
    labelKey: 'command.toggleExcluded',
    shortcut: 'CmdOrCtrl+Shift+X',
    when: hasRow,
    run: (context) => {
      const ref = refOf(context);
      const segment = context.document?.segments.find((s) => s.id === ref.segmentId);
      const excluded = segment?.excluded !== true;
      return { kind: 'edit', action: 'exclude', change: (p) => setSegmentExcluded(p, ref, excluded) };
    },
  },
  {
    id: 'toggleHeadline',
    menu: 'segment',
    labelKey: 'command.toggleHeadline',
    shortcut: 'CmdOrCtrl+Shift+H',
    when: hasRow,
    run: (context) => {
      const ref = refOf(context);
      const segment = context.document?.segments.find((s) => s.id === ref.segmentId);
      const role = segment?.role === 'headline' ? undefined : 'headline';
      return { kind: 'edit', action: 'role', change: (p) => setSegmentRole(p, ref, role) };
    },
  },
  {
    id: 'timing',
    menu: 'segment',
    labelKey: 'command.timing',
    when: (context) => context.document?.kind === 'transcript',
    run: dialog('timing'),
  },
  { id: 'rules', menu: 'segment', labelKey: 'command.rules', when: hasProject, run: dialog('rules') },
  { id: 'dubbing', menu: 'segment', labelKey: 'command.dubbing', when: hasProject, run: dialog('dubbing') },
  {
    id: 'align',
    menu: 'align',
    labelKey: 'command.align',
    shortcut: 'CmdOrCtrl+Shift+L',
    when: (context) => context.document !== undefined,
    run: dialog('align'),
  },
  {
    id: 'shiftUp',
    menu: 'align',
    labelKey: 'command.shiftUp',
    shortcut: 'Alt+Shift+Up',
    when: hasCell,
    run: (context) => {
      const ref = refOf(context);
      const language = languageOf(context);
      return { kind: 'edit', action: 'shift', change: (p) => shiftCellsUp(p, ref, language) };
    },
  },
  {
    id: 'shiftDown',
    menu: 'align',
    labelKey: 'command.shiftDown',
    shortcut: 'Alt+Shift+Down',
    when: hasCell,
    run: (context) => {
      const ref = refOf(context);
      const language = languageOf(context);
      return { kind: 'edit', action: 'shift', change: (p) => shiftCellsDown(p, ref, language) };
    },
  },
  {
    id: 'previousUncertain',
    menu: 'align',
    labelKey: 'command.previousUncertain',
    shortcut: 'Alt+Up',
    when: (context) => context.document !== undefined,
    run: (context) => stepToItem(context, false),
  },
  {
    id: 'nextUncertain',
    menu: 'align',
    labelKey: 'command.nextUncertain',
    shortcut: 'Alt+Down',
    when: (context) => context.document !== undefined,
    run: (context) => stepToItem(context, true),
  },
  {
    id: 'attachMedia',
    menu: 'media',
    labelKey: 'command.attachMedia',
    when: isTranscript,
    run: media('attach'),
  },
  {
    id: 'playPause',
    menu: 'media',
    labelKey: 'command.playPause',
    shortcut: 'CmdOrCtrl+P',
    outsideText: 'Space',
    when: hasMedia,
    run: media('playPause'),
  },
  {
    id: 'playCue',
    menu: 'media',
    labelKey: 'command.playCue',
    shortcut: 'CmdOrCtrl+Shift+P',
    when: hasTimedCue,
    run: media('playCue'),
  },
  { id: 'loopCue', menu: 'media', labelKey: 'command.loopCue', when: hasTimedCue, run: media('loopCue') },
  {
    id: 'previousFrame',
    menu: 'media',
    labelKey: 'command.previousFrame',
    shortcut: 'Alt+,',
    when: hasMedia,
    run: media('previousFrame'),
  },
  {
    id: 'nextFrame',
    menu: 'media',
    labelKey: 'command.nextFrame',
    shortcut: 'Alt+.',
    when: hasMedia,
    run: media('nextFrame'),
  },
  {
    id: 'startFromPlayhead',
    menu: 'media',
    labelKey: 'command.startFromPlayhead',
    shortcut: 'Alt+[',
    outsideText: '[',
    when: (context) => hasMedia(context) && hasRow(context),
    run: media('startFromPlayhead'),
  },
  {
    id: 'endFromPlayhead',
    menu: 'media',
    labelKey: 'command.endFromPlayhead',
    shortcut: 'Alt+]',
    outsideText: ']',
    when: (context) => hasMedia(context) && hasRow(context),
    run: media('endFromPlayhead'),
  },
  {
    id: 'timeFromSpeech',
    menu: 'media',
    labelKey: 'command.timeFromSpeech',
    when: (context) => hasMedia(context) && (context.document?.segments.length ?? 0) > 0,
    run: media('timeFromSpeech'),
  },
  {
    id: 'snapToSpeech',
    menu: 'media',
    labelKey: 'command.snapToSpeech',
    when: (context) => hasMedia(context) && (context.document?.segments.length ?? 0) > 0,
    run: media('snapToSpeech'),
  },
  {
    id: 'rowAbove',
    menu: 'go',
    labelKey: 'command.rowAbove',
    shortcut: 'CmdOrCtrl+Up',
    when: (context) => selectedRow(context) > 0,
    run: (context) => moveToRow(context, selectedRow(context) - 1),
  },
  {
    id: 'rowBelow',
    menu: 'go',
    labelKey: 'command.rowBelow',
    shortcut: 'CmdOrCtrl+Down',
    when: (context) => hasRow(context) && selectedRow(context) < (context.document?.segments.length ?? 0) - 1,
    run: (context) => moveToRow(context, selectedRow(context) + 1),
  },
  {
    id: 'firstRow',
    menu: 'go',
    labelKey: 'command.firstRow',
    shortcut: 'CmdOrCtrl+Home',
    when: (context) => (context.document?.segments.length ?? 0) > 0,
    run: (context) => moveToRow(context, 0),
  },
  {
    id: 'lastRow',
    menu: 'go',
    labelKey: 'command.lastRow',
    shortcut: 'CmdOrCtrl+End',
    when: (context) => (context.document?.segments.length ?? 0) > 0,
    run: (context) => moveToRow(context, (context.document?.segments.length ?? 1) - 1),
  },
  {
    id: 'goToRow',
    menu: 'go',
    labelKey: 'command.goToRow',
    shortcut: 'CmdOrCtrl+G',
    when: (context) => (context.document?.segments.length ?? 0) > 0,
    run: dialog('goToRow'),
  },
  {
    id: 'previousDocument',
    menu: 'go',
    labelKey: 'command.previousDocument',
    shortcut: 'Alt+PageUp',
    when: (context) => (context.project?.documents.length ?? 0) > 1,
    run: (context) => stepDocument(context, -1),
  },
  {
    id: 'nextDocument',
    menu: 'go',
    labelKey: 'command.nextDocument',
    shortcut: 'Alt+PageDown',
    when: (context) => (context.project?.documents.length ?? 0) > 1,
    run: (context) => stepDocument(context, 1),
  },
  {
    id: 'keyboardShortcuts',
    menu: 'help',
    labelKey: 'command.keyboardShortcuts',
    shortcut: 'CmdOrCtrl+/',
    when: always,
    run: dialog('keyboardShortcuts'),
  },
];

/**
 * The cell at `row` in the selected language (or the document's first
 * translation language when no cell is selected), keeping the column as a
 * spreadsheet does.
 */
function moveToRow(context: CommandContext, row: number): CommandResult {
  const segment = context.document?.segments[row];
  if (segment === undefined) return { kind: 'none' };
  const language =
    context.selection?.language ??
    context.project?.languages.find((l) => l !== context.document?.sourceLanguage) ??
    context.document?.sourceLanguage;
  // The caret goes to the end of the text, ready to go on typing.
  return { kind: 'select', selection: { segmentId: segment.id, language, caret: CARET_AT_END } };
}

/** The document before or after the open one, wrapping around, as Ctrl+Page keys switch tabs. */
function stepDocument(context: CommandContext, step: number): CommandResult {
  const documents = context.project?.documents ?? [];
  const here = documents.findIndex((document) => document.id === context.document?.id);
  const next = documents[(here + step + documents.length) % documents.length];
  return next === undefined ? { kind: 'none' } : { kind: 'document', documentId: next.id };
}

/** The command with this id. */
export function commandById(id: CommandId): CommandSpec {
  const found = COMMANDS.find((command) => command.id === id);
  if (found === undefined) throw new Error(`No command ${id}`);
  return found;
}

/** Runs a command if it applies now; `none` when it does not. */
export function runCommand(id: CommandId, context: CommandContext): CommandResult {
  const command = commandById(id);
  return command.when(context) ? command.run(context) : { kind: 'none' };
}

export const MENUS: ReadonlyArray<{ readonly id: MenuId; readonly labelKey: string }> = [
  { id: 'project', labelKey: 'menu.project' },
  { id: 'edit', labelKey: 'menu.edit' },
  { id: 'segment', labelKey: 'menu.segment' },
  { id: 'align', labelKey: 'menu.align' },
  { id: 'media', labelKey: 'menu.media' },
  { id: 'go', labelKey: 'menu.go' },
  { id: 'help', labelKey: 'menu.help' },
];

export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && COMMANDS.some((command) => command.id === value);
}

/** The parts of a keyboard event a shortcut depends on. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  /** The physical key (`KeyboardEvent.code`): punctuation is matched by it, since Alt/Option changes `key`. */
  readonly code?: string;
}

/** Punctuation keys of shortcuts, by their physical key (Option+[ types “ on a Mac keyboard). */
const PUNCTUATION_CODES: Readonly<Record<string, string>> = {
  ',': 'Comma',
  '.': 'Period',
  '[': 'BracketLeft',
  ']': 'BracketRight',
};

/** Accelerator key names that differ from `KeyboardEvent.key`. */
const KEY_NAMES: Readonly<Record<string, string>> = {
  up: 'arrowup',
  down: 'arrowdown',
  left: 'arrowleft',
  right: 'arrowright',
  space: ' ',
};

function matches(accelerator: string, press: KeyPress, mac: boolean): boolean {
  const parts = accelerator.split('+');
  const named = (parts[parts.length - 1] ?? '').toLowerCase();
  const key = KEY_NAMES[named] ?? named;
  const wantCommandOrControl = parts.includes('CmdOrCtrl');
  const primary = mac ? press.metaKey : press.ctrlKey;
  const pressedKey = press.key.toLowerCase();
  const code = PUNCTUATION_CODES[key];
  const sameKey = code !== undefined && press.code !== undefined ? press.code === code : pressedKey === key;
  return (
    primary === wantCommandOrControl &&
    press.shiftKey === parts.includes('Shift') &&
    press.altKey === parts.includes('Alt') &&
    sameKey
  );
}

/**
 * The command a key press gives, if any.
 *
 * `inText` says whether the focus is in a text field: the plain keys of
 * `outsideText` (Space, `[`, `]`) count only when it is not.
 */
export function commandForKeyPress(press: KeyPress, mac = false, inText = true): CommandId | undefined {
  for (const command of COMMANDS) {
    for (const accelerator of [command.shortcut, ...(command.alternatives ?? [])]) {
      if (accelerator !== undefined && matches(accelerator, press, mac)) return command.id;
    }
    if (!inText && command.outsideText !== undefined && matches(command.outsideText, press, mac)) return command.id;
  }
  return undefined;
}

/** A shortcut as shown next to a menu item: "Ctrl+Shift+S", or "⌘⇧S" on macOS. */
export function shortcutLabel(accelerator: string, mac = false): string {
  const parts = accelerator.split('+');
  if (!mac) return parts.map((part) => (part === 'CmdOrCtrl' ? 'Ctrl' : part)).join('+');
  const symbols: Record<string, string> = {
    CmdOrCtrl: '⌘',
    Shift: '⇧',
    Alt: '⌥',
    Up: '↑',
    Down: '↓',
    Home: '↖',
    End: '↘',
    PageUp: '⇞',
    PageDown: '⇟',
  };
  return parts.map((part) => symbols[part] ?? part).join('');
}

/*
 * The desktop app's own commands: recent projects, windows, the app, the clipboard.
 *
 * They are data like the commands above (id, label, shortcut, `when`,
 * `run`), and the application menu is built from them, but main carries them
 * out, not the page: the web mode has no windows, no recent list and no
 * application menu, so they are a list of their own that the page's toolbar
 * and keys do not read.
 */

export type DesktopCommandId =
  | 'openRecent'
  | 'clearRecent'
  | 'closeWindow'
  | 'quit'
  | 'minimize'
  | 'zoom'
  | 'bringAllToFront'
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'showAll'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'styleGuide';

/** What a desktop command looks at: the platform, the recent projects, whether the page has a dialog open. */
export interface DesktopContext {
  /** `process.platform`: `darwin`, `linux`, `win32`… */
  readonly platform: string;
  /** Recent projects, newest first (Open Recent). */
  readonly recent: ReadonlyArray<string>;
  /** A dialog is open in the page: nothing that would replace the project may run behind it. */
  readonly modal: boolean;
}

/** Electron menu roles: what the OS itself does (windows, the app, the clipboard in text fields). */
export type DesktopRole =
  | 'close'
  | 'quit'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll';

/** What main does for a desktop command. */
export type DesktopAction =
  | { readonly kind: 'role'; readonly role: DesktopRole }
  /** Opens a project main has granted (the page asks about unsaved changes first). */
  | { readonly kind: 'openFile'; readonly path: string }
  | { readonly kind: 'clearRecent' }
  /** The About box on Windows and Linux (macOS has the `about` role). */
  | { readonly kind: 'about' }
  /** The subtitle style guide, in the system browser. */
  | { readonly kind: 'styleGuide' }
  | { readonly kind: 'none' };

export interface DesktopCommandSpec {
  readonly id: DesktopCommandId;
  readonly labelKey: string;
  /** Electron accelerator syntax, registered with the OS (these keys never reach the page's list). */
  readonly shortcut?: string;
  /** Whether it applies now; `argument` is the project path for Open Recent. */
  readonly when: (context: DesktopContext, argument?: string) => boolean;
  readonly run: (context: DesktopContext, argument?: string) => DesktopAction;
}

const role = (name: DesktopRole) => (): DesktopAction => ({ kind: 'role', role: name });

export const DESKTOP_COMMANDS: ReadonlyArray<DesktopCommandSpec> = [
  {
    id: 'openRecent',
    labelKey: 'desktop.openRecent',
    // One command for every entry: the entry's path is its argument.
    when: (context, path) => !context.modal && path !== undefined && context.recent.includes(path),
    run: (context, path) =>
      path !== undefined && context.recent.includes(path) ? { kind: 'openFile', path } : { kind: 'none' },
  },
  {
    id: 'clearRecent',
    labelKey: 'desktop.clearRecent',
    when: (context) => !context.modal && context.recent.length > 0,
    run: () => ({ kind: 'clearRecent' }),
  },
  // Closing asks about unsaved changes in the page (beforeunload), so it may run behind a dialog.
  { id: 'closeWindow', labelKey: 'desktop.closeWindow', shortcut: 'CmdOrCtrl+W', when: always, run: role('close') },
  { id: 'quit', labelKey: 'command.quit', when: always, run: role('quit') },
  { id: 'minimize', labelKey: 'desktop.minimize', shortcut: 'Cmd+M', when: always, run: role('minimize') },
  { id: 'zoom', labelKey: 'desktop.zoom', when: always, run: role('zoom') },
  { id: 'bringAllToFront', labelKey: 'desktop.bringAllToFront', when: always, run: role('front') },
  {
    id: 'about',
    labelKey: 'desktop.about',
    when: always,
    run: (context) => (context.platform === 'darwin' ? { kind: 'role', role: 'about' } : { kind: 'about' }),
  },
  { id: 'services', labelKey: 'desktop.services', when: always, run: role('services') },
  { id: 'hide', labelKey: 'desktop.hide', when: always, run: role('hide') },
  { id: 'hideOthers', labelKey: 'desktop.hideOthers', when: always, run: role('hideOthers') },
  { id: 'showAll', labelKey: 'desktop.showAll', when: always, run: role('unhide') },
  // The clipboard works in every text field, a dialog's too.
  { id: 'cut', labelKey: 'command.cut', when: always, run: role('cut') },
  { id: 'copy', labelKey: 'command.copy', when: always, run: role('copy') },
  { id: 'paste', labelKey: 'command.paste', when: always, run: role('paste') },
  { id: 'selectAll', labelKey: 'command.selectAll', when: always, run: role('selectAll') },
  { id: 'styleGuide', labelKey: 'desktop.styleGuide', when: always, run: () => ({ kind: 'styleGuide' }) },
];

/** The desktop command with this id. */
export function desktopCommandById(id: DesktopCommandId): DesktopCommandSpec {
  const found = DESKTOP_COMMANDS.find((command) => command.id === id);
  if (found === undefined) throw new Error(`No desktop command ${id}`);
  return found;
}

/** Runs a desktop command if it applies now; `none` when it does not. */
export function runDesktopCommand(id: DesktopCommandId, context: DesktopContext, argument?: string): DesktopAction {
  const command = desktopCommandById(id);
  return command.when(context, argument) ? command.run(context, argument) : { kind: 'none' };
}
