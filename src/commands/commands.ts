/**
 * Every command the translator can give, as data.
 *
 * The Electron application menu, the web mode's toolbar menus, keyboard
 * shortcuts and tests all read this one list, so a command's name, menu and
 * key cannot drift apart. What a command does to a project lives in the
 * pure reducers of `src/model/edit.ts`; this list says how it is reached.
 */
export type CommandId =
  | 'open'
  | 'save'
  | 'saveAs'
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
  | 'dubbing';

export type MenuId = 'project' | 'edit' | 'segment' | 'align';

export interface CommandSpec {
  readonly id: CommandId;
  readonly menu: MenuId;
  /** The locale key of its menu label. */
  readonly labelKey: string;
  /** Electron accelerator syntax; "CmdOrCtrl" is Ctrl, or Cmd on macOS. */
  readonly shortcut?: string;
  /** Further shortcuts that do the same (Ctrl+Y for redo, as on Windows). */
  readonly alternatives?: ReadonlyArray<string>;
}

export const COMMANDS: ReadonlyArray<CommandSpec> = [
  { id: 'open', menu: 'project', labelKey: 'command.open', shortcut: 'CmdOrCtrl+O' },
  { id: 'save', menu: 'project', labelKey: 'command.save', shortcut: 'CmdOrCtrl+S' },
  { id: 'saveAs', menu: 'project', labelKey: 'command.saveAs', shortcut: 'CmdOrCtrl+Shift+Alt+S' },
  { id: 'export', menu: 'project', labelKey: 'command.export', shortcut: 'CmdOrCtrl+E' },
  { id: 'importSubtitles', menu: 'project', labelKey: 'command.importSubtitles', shortcut: 'CmdOrCtrl+I' },
  { id: 'importXliff', menu: 'project', labelKey: 'command.importXliff' },
  { id: 'undo', menu: 'edit', labelKey: 'command.undo', shortcut: 'CmdOrCtrl+Z' },
  { id: 'redo', menu: 'edit', labelKey: 'command.redo', shortcut: 'CmdOrCtrl+Shift+Z', alternatives: ['CmdOrCtrl+Y'] },
  { id: 'split', menu: 'segment', labelKey: 'command.split', shortcut: 'CmdOrCtrl+Shift+S' },
  { id: 'merge', menu: 'segment', labelKey: 'command.merge', shortcut: 'CmdOrCtrl+Shift+M' },
  { id: 'markTranslated', menu: 'segment', labelKey: 'command.markTranslated', shortcut: 'CmdOrCtrl+Enter' },
  { id: 'toggleExcluded', menu: 'segment', labelKey: 'command.toggleExcluded', shortcut: 'CmdOrCtrl+Shift+X' },
  { id: 'toggleHeadline', menu: 'segment', labelKey: 'command.toggleHeadline', shortcut: 'CmdOrCtrl+Shift+H' },
  { id: 'timing', menu: 'segment', labelKey: 'command.timing' },
  { id: 'rules', menu: 'segment', labelKey: 'command.rules' },
  { id: 'dubbing', menu: 'segment', labelKey: 'command.dubbing' },
  { id: 'align', menu: 'align', labelKey: 'command.align', shortcut: 'CmdOrCtrl+Shift+L' },
  { id: 'shiftUp', menu: 'align', labelKey: 'command.shiftUp', shortcut: 'Alt+Shift+Up' },
  { id: 'shiftDown', menu: 'align', labelKey: 'command.shiftDown', shortcut: 'Alt+Shift+Down' },
  { id: 'previousUncertain', menu: 'align', labelKey: 'command.previousUncertain', shortcut: 'Alt+Up' },
  { id: 'nextUncertain', menu: 'align', labelKey: 'command.nextUncertain', shortcut: 'Alt+Down' },
];

export const MENUS: ReadonlyArray<{ readonly id: MenuId; readonly labelKey: string }> = [
  { id: 'project', labelKey: 'menu.project' },
  { id: 'edit', labelKey: 'menu.edit' },
  { id: 'segment', labelKey: 'menu.segment' },
  { id: 'align', labelKey: 'menu.align' },
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
}

/** Accelerator key names that differ from `KeyboardEvent.key`. */
const KEY_NAMES: Readonly<Record<string, string>> = {
  up: 'arrowup',
  down: 'arrowdown',
  left: 'arrowleft',
  right: 'arrowright',
};

function matches(accelerator: string, press: KeyPress, mac: boolean): boolean {
  const parts = accelerator.split('+');
  const named = (parts[parts.length - 1] ?? '').toLowerCase();
  const key = KEY_NAMES[named] ?? named;
  const wantCommandOrControl = parts.includes('CmdOrCtrl');
  const primary = mac ? press.metaKey : press.ctrlKey;
  const pressedKey = press.key.length === 1 ? press.key.toLowerCase() : press.key.toLowerCase();
  return (
    primary === wantCommandOrControl &&
    press.shiftKey === parts.includes('Shift') &&
    press.altKey === parts.includes('Alt') &&
    pressedKey === key
  );
}

/** The command a key press gives, if any. */
export function commandForKeyPress(press: KeyPress, mac = false): CommandId | undefined {
  for (const command of COMMANDS) {
    for (const accelerator of [command.shortcut, ...(command.alternatives ?? [])]) {
      if (accelerator !== undefined && matches(accelerator, press, mac)) return command.id;
    }
  }
  return undefined;
}

/** A shortcut as shown next to a menu item: "Ctrl+Shift+S", or "⌘⇧S" on macOS. */
export function shortcutLabel(accelerator: string, mac = false): string {
  const parts = accelerator.split('+');
  if (!mac) return parts.map((part) => (part === 'CmdOrCtrl' ? 'Ctrl' : part)).join('+');
  const symbols: Record<string, string> = { CmdOrCtrl: '⌘', Shift: '⇧', Alt: '⌥', Up: '↑', Down: '↓' };
  return parts.map((part) => symbols[part] ?? part).join('');
}
