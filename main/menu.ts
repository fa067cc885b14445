import { Menu, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import {
  COMMANDS,
  desktopCommandById,
  MENUS,
  runDesktopCommand,
  type CommandId,
  type DesktopAction,
  type DesktopCommandId,
  type DesktopContext,
  type MenuId,
} from '../src/commands/commands';
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
  /** Carries out what a desktop command's `run` gave (open a recent project, clear the list, About…). */
  readonly perform?: (action: DesktopAction) => void;
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

function desktopContext(options: ApplicationMenuOptions): DesktopContext {
  return { platform: options.platform, recent: options.recent ?? [], modal: options.states?.modal === true };
}

/**
 * A menu item of a desktop command (`DESKTOP_COMMANDS`).
 *
 * A command the OS carries out keeps its Electron role, so that the
 * clipboard works in text fields and windows behave as on each platform;
 * the others run through `perform`, after `when` is asked again at the click.
 */
function desktopItem(
  id: DesktopCommandId,
  options: ApplicationMenuOptions,
  argument?: string,
  label?: string,
): MenuItemConstructorOptions {
  const command = desktopCommandById(id);
  const context = desktopContext(options);
  const shown = label ?? menuLabel(options.language, command.labelKey);
  const accelerator = command.shortcut !== undefined ? { accelerator: command.shortcut } : {};
  const action = command.run(context, argument);
  if (action.kind === 'role') return { id, role: action.role, label: shown, ...accelerator };
  return {
    id,
    label: shown,
    enabled: command.when(context, argument),
    ...accelerator,
    click: () => options.perform?.(runDesktopCommand(id, context, argument)),
  };
}

/** Desktop commands in menu order; `-` is a separator. */
function desktopItems(
  layout: ReadonlyArray<DesktopCommandId | '-'>,
  options: ApplicationMenuOptions,
): MenuItemConstructorOptions[] {
  return layout.map((entry) => (entry === '-' ? { type: 'separator' } : desktopItem(entry, options)));
}

function recentMenu(options: ApplicationMenuOptions): MenuItemConstructorOptions {
  const recent = options.recent ?? [];
  return {
    id: 'openRecent',
    label: menuLabel(options.language, desktopCommandById('openRecent').labelKey),
    submenu: [
      // One `openRecent` command, the entry's path its argument.
      ...recent.map((path) => ({ ...desktopItem('openRecent', options, path, basename(path)), toolTip: path })),
      ...(recent.length > 0 ? [{ type: 'separator' as const }] : []),
      desktopItem('clearRecent', options),
    ],
  };
}

/**
 * The application menu's template, built from the command lists in `src/commands`.
 *
 * Our commands' shortcuts are shown but not registered with the OS: the
 * renderer handles the keys itself (so the web mode behaves the same), and a
 * registered accelerator would run each command twice. The desktop's own
 * commands (`DESKTOP_COMMANDS`: recent projects, windows, the app, the
 * clipboard) are registered and carried out here. On macOS the first menu
 * is the app menu (About, Services, Hide, Quit) and a Window menu has Cmd+M
 * and Cmd+W; on Windows and Linux the Project menu ends with Close Window
 * and Quit.
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
      submenu: desktopItems(['about', '-', 'services', '-', 'hide', 'hideOthers', 'showAll', '-', 'quit'], options),
    });
  }
  for (const menu of MENUS) {
    // The Help menu is the platform's own (below), with the list's help commands in it.
    if (menu.id === 'help') continue;
    const items = commandItems(menu.id, options);
    if (menu.id === 'project') {
      const open = items.findIndex((item) => item.id === 'open');
      items.splice(open + 1, 0, recentMenu(options));
      if (!mac) items.push(...desktopItems(['-', 'closeWindow', 'quit'], options));
    }
    if (menu.id === 'edit') items.push(...desktopItems(['-', 'cut', 'copy', 'paste', 'selectAll'], options));
    template.push({ id: menu.id, label: label(menu.labelKey), submenu: items });
  }
  if (mac) {
    template.push({
      id: 'window',
      role: 'window',
      label: label('desktop.window'),
      submenu: desktopItems(['minimize', 'zoom', '-', 'closeWindow', '-', 'bringAllToFront'], options),
    });
  }
  template.push({
    id: 'help',
    role: 'help',
    label: label('desktop.help'),
    submenu: [
      ...desktopItems(mac ? ['styleGuide'] : ['about', 'styleGuide'], options),
      ...commandItems('help', options),
    ],
  });
  return template;
}

/** The application menu for this platform (see `applicationMenuTemplate`). */
export function buildApplicationMenu(options: ApplicationMenuOptions): Menu {
  return Menu.buildFromTemplate(applicationMenuTemplate(options));
}
