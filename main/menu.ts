import { Menu, type MenuItemConstructorOptions } from 'electron';
import { COMMANDS, MENUS, type CommandId } from '../src/commands/commands';
import type { Language } from '../src/languages';
import en from '../locales/en/translation.json';
import ko from '../locales/ko/translation.json';
import ru from '../locales/ru/translation.json';
import uk from '../locales/uk/translation.json';

type Strings = { readonly [key: string]: string | Strings };

const LOCALES: Readonly<Record<Language, Strings>> = { en, ko, uk, ru };

/** Looks up a dotted key in one locale, falling back to English, then to the key itself. */
export function menuLabel(language: Language, key: string): string {
  for (const strings of [LOCALES[language], LOCALES.en]) {
    let node: string | Strings | undefined = strings;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node === 'string') return node;
  }
  return key;
}

/**
 * The application menu, built from the one command list in `src/commands`.
 *
 * Our commands' shortcuts are shown but not registered with the OS: the
 * renderer handles the keys itself (so the web mode behaves the same), and a
 * registered accelerator would run each command twice. Clipboard items keep
 * their roles so that copy and paste work in text fields on every platform.
 */
export function buildApplicationMenu(language: Language, send: (command: CommandId) => void): Menu {
  const template: MenuItemConstructorOptions[] = MENUS.map((menu) => {
    const items: MenuItemConstructorOptions[] = COMMANDS.filter((command) => command.menu === menu.id).map(
      (command) => ({
        label: menuLabel(language, command.labelKey),
        ...(command.shortcut !== undefined ? { accelerator: command.shortcut, registerAccelerator: false } : {}),
        click: () => send(command.id),
      }),
    );
    if (menu.id === 'edit') {
      items.push(
        { type: 'separator' },
        { role: 'cut', label: menuLabel(language, 'command.cut') },
        { role: 'copy', label: menuLabel(language, 'command.copy') },
        { role: 'paste', label: menuLabel(language, 'command.paste') },
        { role: 'selectAll', label: menuLabel(language, 'command.selectAll') },
      );
    }
    if (menu.id === 'project') {
      items.push({ type: 'separator' }, { role: 'quit', label: menuLabel(language, 'command.quit') });
    }
    return { label: menuLabel(language, menu.labelKey), submenu: items };
  });
  return Menu.buildFromTemplate(template);
}
