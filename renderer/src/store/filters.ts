/**
 * What the review tools read from the store: the rows the grid shows under
 * the current filter, the progress line, and the dialog a command opens.
 *
 * Both selectors are cached: by the document value, the filter, the QA
 * findings and the selected row. After an edit (a new document value with
 * as many rows) only the rows whose segment changed are looked at again,
 * and the very same array comes back when no row came or went, so a
 * component comparing with `Object.is` does not re-render.
 */
import type { CommandDialog } from '../../../src/commands/commands';
import { isLanguage } from '../../../src/languages';
import type { Segment, SubrelayDocument } from '../../../src/model/project';
import { changedPositions, positionOf } from '../../../src/model/segmentIndex';
import type { TranscriptCheck } from '../../../src/qa/transcriptCheck';
import { isFilterActive, rowPasses, type FindingCells, type RowFilter } from '../../../src/review/filter';
import { documentProgress, type LanguageProgress } from '../../../src/review/progress';
import { selectDocument, selectFindings, type AppState, type Dialog } from './appState';

const NO_ROWS: ReadonlyArray<string> = [];
const NO_PROGRESS: ReadonlyArray<LanguageProgress> = [];
/** More changed rows than this are looked at by a pass over the rows. */
const CHANGED_LIMIT = 256;

interface Visible {
  readonly document: SubrelayDocument;
  readonly filter: RowFilter;
  readonly findings: FindingCells | undefined;
  readonly selectedId: string | undefined;
  /** Per row: 1 when it passes the filter (all 1 without a filter). */
  readonly passes: Uint8Array;
  readonly ids: ReadonlyArray<string>;
}

let last: Visible | undefined;

const findingCells = new WeakMap<TranscriptCheck, FindingCells>();

/** The cells with findings of a transcript check, as the row filter asks for them ("segmentId:language"). */
function findingCellsOf(check: TranscriptCheck): FindingCells {
  let cells = findingCells.get(check);
  if (cells === undefined) {
    cells = {
      has(key: string): boolean {
        const colon = key.lastIndexOf(':');
        const language = key.slice(colon + 1);
        if (!isLanguage(language)) return false;
        const position = positionOf(check.segments, key.slice(0, colon));
        return position >= 0 && check.cell(position, language).length > 0;
      },
    };
    findingCells.set(check, cells);
  }
  return cells;
}

function idsOf(segments: ReadonlyArray<Segment>, passes: Uint8Array, selectedId: string | undefined): string[] {
  const ids: string[] = [];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    if (segment !== undefined && (passes[index] === 1 || segment.id === selectedId)) ids.push(segment.id);
  }
  return ids;
}

/**
 * The ids of the rows the grid shows, in document order: those that pass
 * `state.filter`, and the selected row whatever it holds (so that a row
 * does not vanish under the caret when marking it changes its status; it
 * goes when the selection moves on). Every row when no filter is set.
 */
export function selectVisibleRowIds(state: AppState): ReadonlyArray<string> {
  const document = selectDocument(state);
  if (document === undefined) return NO_ROWS;
  const filter = state.filter;
  const active = isFilterActive(filter);
  const check = active && filter.findings === true ? selectFindings(state) : undefined;
  const findings = check === undefined ? undefined : findingCellsOf(check);
  const selectedId = active ? state.selection?.segmentId : undefined;
  const previous = last;
  if (
    previous !== undefined &&
    previous.document === document &&
    previous.filter === filter &&
    previous.findings === findings &&
    previous.selectedId === selectedId
  ) {
    return previous.ids;
  }
  const segments = document.segments;
  const test = (segment: Segment): number => (!active || rowPasses(segment, filter, findings) ? 1 : 0);
  let passes: Uint8Array;
  let ids: ReadonlyArray<string> | undefined;
  if (
    previous !== undefined &&
    previous.filter === filter &&
    previous.findings === findings &&
    previous.document.id === document.id &&
    previous.document.segments.length === segments.length
  ) {
    // The same document after an edit: look again only at the rows whose segment changed.
    passes = previous.passes;
    let same = previous.selectedId === selectedId;
    const before = previous.document.segments;
    const look = (index: number): void => {
      const now = segments[index];
      const old = before[index];
      if (now === old || now === undefined) return;
      if (old === undefined || old.id !== now.id) same = false;
      const pass = test(now);
      if (pass !== passes[index]) {
        if (passes === previous.passes) passes = previous.passes.slice();
        passes[index] = pass;
        same = false;
      }
    };
    // An edit of one cell says which row it changed: no pass over the others.
    const changed = changedPositions(before, segments, CHANGED_LIMIT);
    if (changed !== undefined) changed.forEach(look);
    else for (let index = 0; index < segments.length; index++) look(index);
    if (same) ids = previous.ids;
  } else {
    passes = new Uint8Array(segments.length);
    for (let index = 0; index < segments.length; index++) {
      const segment = segments[index];
      passes[index] = segment === undefined ? 0 : test(segment);
    }
  }
  const value = ids ?? idsOf(segments, passes, selectedId);
  last = { document, filter, findings, selectedId, passes, ids: value };
  return value;
}

/** How many rows the open document has, for "12 of 40 rows". */
export function selectRowCount(state: AppState): number {
  return selectDocument(state)?.segments.length ?? 0;
}

/** The progress line of the open document: per translation language, its cells by status. */
export function selectProgress(state: AppState): ReadonlyArray<LanguageProgress> {
  const document = selectDocument(state);
  const project = state.workspace?.history.present;
  if (document === undefined || project === undefined) return NO_PROGRESS;
  return documentProgress(document, project.languages);
}

/** The dialog a command opens, with the data it needs from the state (the selected cell for a note). */
export function dialogForCommand(name: CommandDialog, state: AppState): Dialog | undefined {
  switch (name) {
    case 'find':
      return { kind: 'find', replace: false };
    case 'replace':
      return { kind: 'find', replace: true };
    case 'note': {
      const document = selectDocument(state);
      const selection = state.selection;
      if (document === undefined || selection?.language === undefined) return undefined;
      return { kind: 'note', documentId: document.id, segmentId: selection.segmentId, language: selection.language };
    }
    default:
      return { kind: name };
  }
}
