import type { Project } from './project';

/** One undoable step: the project before and after, and what to call it in menus. */
export interface HistoryEntry {
  readonly label: string;
  readonly before: Project;
  readonly after: Project;
  /** Edits with the same key in a row (typing in one cell) merge into one step. */
  readonly coalesceKey?: string | undefined;
  readonly at: number;
}

/**
 * Undo and redo over immutable projects.
 *
 * Each step keeps the two project values it joins. They share every
 * document and segment the step did not touch, so a step costs about one
 * segment array, whatever the project's size. Saving does not clear the
 * history; `savedProject` only tells whether the present is what is on disk.
 */
export interface History {
  readonly past: ReadonlyArray<HistoryEntry>;
  readonly present: Project;
  readonly future: ReadonlyArray<HistoryEntry>;
  /** The project as last saved or opened; undefined when it never was. */
  readonly savedProject: Project | undefined;
}

/** How many steps undo keeps at the least (the issue asks for 200). */
export const HISTORY_LIMIT = 500;

/** Typing pauses longer than this start a new undo step. */
export const COALESCE_MILLISECONDS = 1500;

export function createHistory(project: Project, saved = true): History {
  return { past: [], present: project, future: [], savedProject: saved ? project : undefined };
}

/** Records an edit; a no-op edit (the same project back) records nothing. */
export function recordEdit(
  history: History,
  after: Project,
  label: string,
  options: { readonly coalesceKey?: string | undefined; readonly at?: number } = {},
): History {
  if (after === history.present) return history;
  const at = options.at ?? Date.now();
  const last = history.past[history.past.length - 1];
  if (
    last !== undefined &&
    options.coalesceKey !== undefined &&
    last.coalesceKey === options.coalesceKey &&
    at - last.at <= COALESCE_MILLISECONDS &&
    history.future.length === 0
  ) {
    const merged: HistoryEntry = { ...last, after, at };
    return { ...history, past: [...history.past.slice(0, -1), merged], present: after };
  }
  const entry: HistoryEntry = { label, before: history.present, after, coalesceKey: options.coalesceKey, at };
  const past = [...history.past, entry];
  return {
    ...history,
    past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past,
    present: after,
    future: [],
  };
}

export function canUndo(history: History): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History): boolean {
  return history.future.length > 0;
}

export function undo(history: History): History {
  const entry = history.past[history.past.length - 1];
  if (entry === undefined) return history;
  return { ...history, past: history.past.slice(0, -1), present: entry.before, future: [entry, ...history.future] };
}

export function redo(history: History): History {
  const entry = history.future[0];
  if (entry === undefined) return history;
  return { ...history, past: [...history.past, entry], present: entry.after, future: history.future.slice(1) };
}

/** Marks the present as what is on disk now (after a save). */
export function markSaved(history: History, saved: Project = history.present): History {
  return { ...history, savedProject: saved };
}

/** Whether the present differs from the last saved or opened project. */
export function isDirty(history: History): boolean {
  return history.present !== history.savedProject;
}
