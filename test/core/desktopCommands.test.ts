import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  DESKTOP_COMMANDS,
  desktopCommandById,
  runDesktopCommand,
  type DesktopContext,
} from '../../src/commands/commands';

const context = (overrides: Partial<DesktopContext> = {}): DesktopContext => ({
  platform: 'linux',
  recent: ['/home/a/appeal.subrelay', '/home/a/old.subrelay'],
  modal: false,
  ...overrides,
});

describe('desktop commands', () => {
  it('have unique ids, none shared with the page’s commands, and shortcuts no page command uses', () => {
    const ids = DESKTOP_COMMANDS.map((command) => command.id);
    expect(new Set(ids).size).toBe(ids.length);
    const pageIds = new Set<string>(COMMANDS.map((command) => command.id));
    expect(ids.filter((id) => pageIds.has(id))).toEqual([]);
    const pageKeys = new Set(COMMANDS.flatMap((command) => [command.shortcut, ...(command.alternatives ?? [])]));
    const desktopKeys = DESKTOP_COMMANDS.flatMap((command) => command.shortcut ?? []);
    expect(desktopKeys.length).toBeGreaterThan(0);
    expect(desktopKeys.filter((key) => pageKeys.has(key))).toEqual([]);
  });

  it('Open Recent opens the entry it is given, only one on the list, never behind a dialog', () => {
    expect(runDesktopCommand('openRecent', context(), '/home/a/old.subrelay')).toEqual({
      kind: 'openFile',
      path: '/home/a/old.subrelay',
    });
    // A path the list does not hold is not granted by asking for it.
    expect(desktopCommandById('openRecent').when(context(), '/etc/passwd')).toBe(false);
    expect(runDesktopCommand('openRecent', context(), '/etc/passwd')).toEqual({ kind: 'none' });
    expect(runDesktopCommand('openRecent', context())).toEqual({ kind: 'none' });
    expect(runDesktopCommand('openRecent', context({ modal: true }), '/home/a/old.subrelay')).toEqual({
      kind: 'none',
    });
  });

  it('Clear Menu applies to a list with entries, outside dialogs', () => {
    expect(runDesktopCommand('clearRecent', context())).toEqual({ kind: 'clearRecent' });
    expect(desktopCommandById('clearRecent').when(context({ recent: [] }))).toBe(false);
    expect(desktopCommandById('clearRecent').when(context({ modal: true }))).toBe(false);
  });

  it('windows, the app and the clipboard are the OS’s roles; About is the app menu’s role on macOS only', () => {
    expect(runDesktopCommand('closeWindow', context({ modal: true }))).toEqual({ kind: 'role', role: 'close' });
    expect(runDesktopCommand('quit', context())).toEqual({ kind: 'role', role: 'quit' });
    expect(runDesktopCommand('minimize', context())).toEqual({ kind: 'role', role: 'minimize' });
    expect(runDesktopCommand('showAll', context())).toEqual({ kind: 'role', role: 'unhide' });
    expect(runDesktopCommand('paste', context({ modal: true }))).toEqual({ kind: 'role', role: 'paste' });
    expect(runDesktopCommand('about', context({ platform: 'darwin' }))).toEqual({ kind: 'role', role: 'about' });
    expect(runDesktopCommand('about', context({ platform: 'win32' }))).toEqual({ kind: 'about' });
    expect(runDesktopCommand('styleGuide', context())).toEqual({ kind: 'styleGuide' });
    expect(desktopCommandById('closeWindow').shortcut).toBe('CmdOrCtrl+W');
    expect(desktopCommandById('minimize').shortcut).toBe('Cmd+M');
  });
});
