import { describe, expect, it } from 'vitest';
import { COMMANDS, commandForKeyPress, isCommandId, shortcutLabel } from '../../src/commands/commands';

const press = (
  key: string,
  modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...modifiers,
});

describe('commands', () => {
  it('have unique ids and unique shortcuts', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
    const keys = COMMANDS.flatMap((c) => [c.shortcut, ...(c.alternatives ?? [])]).filter((k) => k !== undefined);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    [press('z', { ctrlKey: true }), 'undo'],
    [press('Z', { ctrlKey: true, shiftKey: true }), 'redo'],
    [press('y', { ctrlKey: true }), 'redo'],
    [press('S', { ctrlKey: true, shiftKey: true }), 'split'],
    [press('s', { ctrlKey: true }), 'save'],
    [press('M', { ctrlKey: true, shiftKey: true }), 'merge'],
    [press('Enter', { ctrlKey: true }), 'markTranslated'],
    [press('z'), undefined],
    [press('z', { ctrlKey: true, altKey: true }), undefined],
  ])('%j runs %s', (event, command) => {
    expect(commandForKeyPress(event)).toBe(command);
  });

  it('uses Cmd instead of Ctrl on macOS', () => {
    expect(commandForKeyPress(press('z', { metaKey: true }), true)).toBe('undo');
    expect(commandForKeyPress(press('z', { ctrlKey: true }), true)).toBeUndefined();
    expect(shortcutLabel('CmdOrCtrl+Shift+S', true)).toBe('⌘⇧S');
    expect(shortcutLabel('CmdOrCtrl+Shift+S')).toBe('Ctrl+Shift+S');
  });

  it('recognises its own ids only', () => {
    expect(isCommandId('merge')).toBe(true);
    expect(isCommandId('__proto__')).toBe(false);
    expect(isCommandId(3)).toBe(false);
  });
});
