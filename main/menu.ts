import { Menu, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import { COMMANDS, MENUS, type CommandId, type MenuId } from '../src/commands/commands';
import type { Language } from '../src/languages';
import en from '../locales/en/translation.json';
import ko from '../locales/ko/translation.json';
import ru from '../locales/ru/translation.json';
import uk from '../locales/uk/translation.json';

type Strings = { readonly [key: string]: string | Strings };

const LOCALES: Readonly<Record<Language, Strings>> = { en, ko, uk, ru };

/** Looks up a dotted key in one locale, falling back to English, then to the key itself. */
export function menuLabel(language: Language, key: string, values: Readonly<Record<string, string>> = {}): string {
  for (const strings of [LOCALES[language], LOCALES.en]) {
    let node: string | Strings | undefined = strings;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node === 'string')
      return node.replace(/\{\{(\w+)\}\}/gu, (whole, name: string) => values[name] ?? whole);
  }
  return key;
}

/** Which commands apply now, as the renderer last said (`setCommandStates`). */
export interface CommandStates {
  readonly enabled: Readonly<Record<string, boolean>>;
  /** A dialog is open: no command of ours may run behind it. */
  readonly modal: boolean;
}

export interface ApplicationMenuOptions {
  readonly language: Language;
  readonly platform: NodeJS.Platform;
  readonly send: (command: CommandId) => void;
  readonly states?: CommandStates | undefined;
  /** Projects for Open Recent, newest first. */
  readonly recent?: ReadonlyArray<string>;
  readonly openRecent?: (path: string) => void;
  readonly clearRecent?: () => void;
  /** Help ▸ About on Windows and Linux (macOS has it in the app menu). */
  readonly showAbout?: () => void;
  /** Help ▸ the style guide, opened in the system browser. */
  readonly openStyleGuide?: () => void;
}

function commandItems(menu: MenuId, options: ApplicationMenuOptions): MenuItemConstructorOptions[] {
  const { language, states } = options;
  return COMMANDS.filter((command) => command.menu === menu).map((command) => ({
    id: command.id,
    label: menuLabel(language, command.labelKey),
    // Behind a dialog nothing of ours runs; otherwise what the renderer says (everything until it says).
    enabled: states === undefined ? true : !states.modal && states.enabled[command.id] !== false,
    ...(command.shortcut !== undefined ? { accelerator: command.shortcut, registerAccelerator: false } : {}),
    click: () => options.send(command.id),
  }));
}

function recentMenu(options: ApplicationMenuOptions): MenuItemConstructorOptions {
  const { language } = options;
  const recent = options.recent ?? [];
  const modal = options.states?.modal === true;
  return {
    id: 'openRecent',
    label: menuLabel(language, 'desktop.openRecent'),
    submenu: [
      ...recent.map((path): MenuItemConstructorOptions => ({
        label: basename(path),
        toolTip: path,
        enabled: !modal,
        click: () => options.openRecent?.(path),
      })),
      ...(recent.length > 0 ? [{ type: 'separator' as const }] : []),
      {
        id: 'clearRecent',
        label: menuLabel(language, 'desktop.clearRecent'),
        enabled: recent.length > 0 && !modal,
        click: () => options.clearRecent?.(),
      },
    ],
  };
}

/**
 * The application menu's template, built from the one command list in `src/commands`.
 *
 * Our commands' shortcuts are shown but not registered with the OS: the
 * renderer handles the keys itself (so the web mode behaves the same), and a
 * registered accelerator would run each command twice. Clipboard and window
 * items keep their roles so that they work in text fields and follow each
 * platform. On macOS the first menu is the app menu (About, Services, Hide,
 * Quit) and a Window menu has Cmd+M and Cmd+W; on Windows and Linux the
 * Project menu ends with Close Window and Quit.
 */
export function applicationMenuTemplate(options: ApplicationMenuOptions): MenuItemConstructorOptions[] {
  const { language, platform } = options;
  const mac = platform === 'darwin';
  const label = (key: string): string => menuLabel(language, key);
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      id: 'app',
      // The product's name; macOS shows the app's name here whatever the label says.
      label: 'Subrelay',
      submenu: [
        { role: 'about', label: label('desktop.about') },
        { type: 'separator' },
        { role: 'services', label: label('desktop.services') },
        { type: 'separator' },
        { role: 'hide', label: label('desktop.hide') },
        { role: 'hideOthers', label: label('desktop.hideOthers') },
        { role: 'unhide', label: label('desktop.showAll') },
        { type: 'separator' },
        { role: 'quit', label: label('command.quit') },
      ],
    });
  }
  for (const menu of MENUS) {
    // The Help menu is the platform's own (below), with the list's help commands in it.
    if (menu.id === 'help') continue;
    const items = commandItems(menu.id, options);
    if (menu.id === 'project') {
      const open = items.findIndex((item) => item.id === 'open');
      items.splice(open + 1, 0, recentMenu(options));
      if (!mac) {
        items.push(
          { type: 'separator' },
          { role: 'close', label: label('desktop.closeWindow') },
          { role: 'quit', label: label('command.quit') },
        );
      }
    }
    if (menu.id === 'edit') {
      items.push(
        { type: 'separator' },
        { role: 'cut', label: label('command.cut') },
        { role: 'copy', label: label('command.copy') },
        { role: 'paste', label: label('command.paste') },
        { role: 'selectAll', label: label('command.selectAll') },
      );
    }
    template.push({ id: menu.id, label: label(menu.labelKey), submenu: items });
  }
  if (mac) {
    template.push({
      id: 'window',
      role: 'window',
      label: label('desktop.window'),
      submenu: [
        { role: 'minimize', label: label('desktop.minimize'), accelerator: 'Cmd+M' },
        { role: 'zoom', label: label('desktop.zoom') },
        { type: 'separator' },
        { role: 'close', label: label('desktop.closeWindow'), accelerator: 'Cmd+W' },
        { type: 'separator' },
        { role: 'front', label: label('desktop.bringAllToFront') },
      ],
    });
  }
  template.push({
    id: 'help',
    role: 'help',
    label: label('desktop.help'),
    submenu: [
      ...(mac ? [] : [{ id: 'about', label: label('desktop.about'), click: () => options.showAbout?.() }]),
      { id: 'styleGuide', label: label('desktop.styleGuide'), click: () => options.openStyleGuide?.() },
      ...commandItems('help', options),
    ],
  });
  return template;
}

/** The application menu for this platform (see `applicationMenuTemplate`). */
export function buildApplicationMenu(options: ApplicationMenuOptions): Menu {
  return Menu.buildFromTemplate(applicationMenuTemplate(options));
}
