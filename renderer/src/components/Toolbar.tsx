import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMANDS, MENUS, shortcutLabel, type CommandId, type MenuId } from '../../../src/commands/commands';
import { ENDONYMS, isLanguage, LANGUAGES } from '../../../src/languages';
import type { Project } from '../../../src/model/project';
import { rememberInterfaceLanguage } from '../i18n';

interface ToolbarProps {
  readonly project: Project | undefined;
  readonly projectName: string | undefined;
  readonly dirty: boolean;
  readonly activeDocumentId: string | undefined;
  readonly undoLabel: string | undefined;
  readonly redoLabel: string | undefined;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly uncertainCount: number;
  readonly qaCount: number | undefined;
  readonly qaOpen: boolean;
  readonly onToggleQa: () => void;
  readonly onSelectDocument: (id: string) => void;
  readonly onCommand: (command: CommandId) => void;
  readonly onOpenSample: () => void;
}

const MAC = typeof navigator !== 'undefined' && navigator.platform.startsWith('Mac');

/** A toolbar menu listing the commands of one menu of the command list, with their keys. */
function CommandMenu(props: {
  readonly menu: MenuId;
  readonly label: string;
  readonly labelFor: (command: CommandId, fallback: string) => string;
  readonly enabled: (command: CommandId) => boolean;
  readonly onCommand: (command: CommandId) => void;
  readonly extra?: { readonly label: string; readonly run: () => void } | undefined;
}) {
  const [open, setOpen] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (open) list.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not([disabled])')?.focus();
  }, [open]);
  const choose = (action: () => void): void => {
    setOpen(false);
    action();
  };
  return (
    <div
      className="menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          const items = [
            ...(list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? []),
          ];
          const index = items.indexOf(document.activeElement as HTMLButtonElement);
          const next = items[(index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
          next?.focus();
          event.preventDefault();
        }
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {props.label} ▾
      </button>
      {open && (
        <ul role="menu" aria-label={props.label} ref={list} className="menu-list">
          {COMMANDS.filter((command) => command.menu === props.menu).map((command) => (
            <li role="none" key={command.id}>
              <button
                type="button"
                role="menuitem"
                disabled={!props.enabled(command.id)}
                aria-keyshortcuts={command.shortcut?.replace('CmdOrCtrl', MAC ? 'Meta' : 'Control')}
                onClick={() => choose(() => props.onCommand(command.id))}
              >
                <span>{props.labelFor(command.id, command.labelKey)}</span>
                {command.shortcut !== undefined && <kbd>{shortcutLabel(command.shortcut, MAC)}</kbd>}
              </button>
            </li>
          ))}
          {props.extra !== undefined && (
            <li role="none">
              <button type="button" role="menuitem" onClick={() => choose(props.extra?.run ?? (() => undefined))}>
                <span>{props.extra.label}</span>
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/** The top bar: menus, document switcher, Export and the interface language. */
export function Toolbar(props: ToolbarProps) {
  const { t, i18n } = useTranslation();
  const labelFor = (command: CommandId, key: string): string => {
    if (command === 'undo' && props.undoLabel !== undefined) return props.undoLabel;
    if (command === 'redo' && props.redoLabel !== undefined) return props.redoLabel;
    return t(key);
  };
  const enabled = (command: CommandId): boolean => {
    if (command === 'undo') return props.canUndo;
    if (command === 'redo') return props.canRedo;
    return props.project !== undefined;
  };
  return (
    <header className="toolbar">
      <div role="toolbar" aria-label={t('toolbar.label')} className="toolbar-row">
        <span className="app-name">{t('app.name')}</span>
        {MENUS.map((menu) => (
          <CommandMenu
            key={menu.id}
            menu={menu.id}
            label={t(menu.labelKey)}
            labelFor={labelFor}
            enabled={enabled}
            onCommand={props.onCommand}
            extra={menu.id === 'project' ? { label: t('command.openSample'), run: props.onOpenSample } : undefined}
          />
        ))}
        <span className="project-name">
          {props.projectName ?? t('app.untitled')}{' '}
          {props.dirty && <span className="unsaved">{t('app.unsavedMark')}</span>}
        </span>
        <div role="group" aria-label={t('toolbar.documents')} className="document-switcher">
          {props.project?.documents.map((document) => (
            <button
              key={document.id}
              type="button"
              aria-pressed={document.id === props.activeDocumentId}
              title={t(`document.${document.kind}`)}
              onClick={() => props.onSelectDocument(document.id)}
            >
              {document.title}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => props.onCommand('align')} disabled={props.project === undefined}>
          {t('command.align')}
        </button>
        {props.qaCount !== undefined && (
          <button type="button" aria-pressed={props.qaOpen} onClick={props.onToggleQa}>
            {t('qa.button', { count: props.qaCount })}
          </button>
        )}
        {props.uncertainCount > 0 && (
          <button type="button" className="attention" onClick={() => props.onCommand('nextUncertain')}>
            {t('align.uncertain', { count: props.uncertainCount })}
          </button>
        )}
        <button
          type="button"
          className="primary"
          onClick={() => props.onCommand('export')}
          disabled={props.project === undefined}
        >
          {t('toolbar.export')}
        </button>
        <label className="interface-language">
          <span>{t('toolbar.interfaceLanguage')}</span>
          <select
            value={isLanguage(i18n.language) ? i18n.language : 'en'}
            onChange={(event) => {
              const language = event.target.value;
              if (!isLanguage(language)) return;
              rememberInterfaceLanguage(language);
              void i18n.changeLanguage(language);
            }}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {ENDONYMS[language]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </header>
  );
}
