import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { writeFileAtomic } from './handlers/files';

/** A window's place on screen, as it was when it last closed. */
export interface WindowBounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** What the desktop app remembers between runs, in `desktop-state.json` in its data folder. */
export interface DesktopState {
  readonly window?: WindowBounds | undefined;
  /** Projects opened or saved, newest first. */
  readonly recent: ReadonlyArray<string>;
  /** The folder last chosen for exports. */
  readonly exportFolder?: string | undefined;
}

/** How many projects the Open Recent menu lists. */
export const MAX_RECENT = 10;

/** The smallest window Subrelay opens (the same as the window's minimum size). */
export const MIN_WINDOW = { width: 900, height: 600 } as const;

/** A display's usable area, as Electron's `screen.getAllDisplays()[i].workArea` gives it. */
export interface WorkArea {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function boundsFrom(value: unknown): WindowBounds | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const { x, y, width, height, maximized } = record;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(width) || !isFiniteNumber(height)) return undefined;
  return { x, y, width, height, maximized: maximized === true };
}

/**
 * Reads the remembered state; a missing or damaged file is a fresh start, never an error.
 *
 * Only absolute paths are kept: the file is ours, but a path in it is granted
 * to the renderer, so anything odd in it is dropped.
 */
export async function readDesktopState(file: string): Promise<DesktopState> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return { recent: [] };
  }
  if (typeof parsed !== 'object' || parsed === null) return { recent: [] };
  const record = parsed as Record<string, unknown>;
  const recent = Array.isArray(record['recent'])
    ? record['recent'].filter((path): path is string => typeof path === 'string' && isAbsolute(path))
    : [];
  const exportFolder = record['exportFolder'];
  return {
    window: boundsFrom(record['window']),
    recent: recent.slice(0, MAX_RECENT),
    exportFolder: typeof exportFolder === 'string' && isAbsolute(exportFolder) ? exportFolder : undefined,
  };
}

/** Writes the state atomically, readable by its owner only (it names the user's files). */
export async function writeDesktopState(file: string, state: DesktopState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

/** The recent list with `path` first, without duplicates, at most MAX_RECENT long. */
export function withRecent(recent: ReadonlyArray<string>, path: string): ReadonlyArray<string> {
  return [path, ...recent.filter((entry) => entry !== path)].slice(0, MAX_RECENT);
}

/**
 * Where to reopen the window: the remembered bounds if enough of them is on a display now.
 *
 * A window remembered on a monitor that has since been unplugged would open
 * out of sight, so at least 100×50 pixels of its top (where the title bar
 * is) must lie within some display's work area; otherwise the window opens
 * at the default place. The size never drops below the minimum.
 */
export function restoredBounds(
  saved: WindowBounds | undefined,
  workAreas: ReadonlyArray<WorkArea>,
): WindowBounds | undefined {
  if (saved === undefined) return undefined;
  const width = Math.max(MIN_WINDOW.width, Math.round(saved.width));
  const height = Math.max(MIN_WINDOW.height, Math.round(saved.height));
  const visible = workAreas.some((area) => {
    const overlapX = Math.min(saved.x + width, area.x + area.width) - Math.max(saved.x, area.x);
    const overlapY = Math.min(saved.y + 50, area.y + area.height) - Math.max(saved.y, area.y);
    return overlapX >= 100 && overlapY >= 50;
  });
  if (!visible) return undefined;
  return { x: Math.round(saved.x), y: Math.round(saved.y), width, height, maximized: saved.maximized };
}

/**
 * The project files among command-line arguments (double-click, `subrelay-app file.subrelay`).
 *
 * Options and Electron's own arguments (`.` in development) are skipped; the
 * caller resolves each against the working directory and checks that it is a file.
 */
export function projectArguments(argv: ReadonlyArray<string>): ReadonlyArray<string> {
  return argv.slice(1).filter((argument) => !argument.startsWith('-') && /\.subrelay$/iu.test(argument));
}
