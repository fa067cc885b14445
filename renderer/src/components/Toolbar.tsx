import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMANDS, MENUS, shortcutLabel, type CommandId, type MenuId } from '../../../src/commands/commands';
import { ENDONYMS, isLanguage, LANGUAGES } from '../../../src/languages';
import { rowCounter } from '../../../src/model/rowCounter';
import type { Segment, SubrelayDocument } from '../../../src/model/project';
import { rememberInterfaceLanguage } from '../i18n';
import { commandContextOf, selectDirty, selectDocument, selectFindings, type AppState } from '../store/appState';
import { useAppState, useDispatcher } from '../store/context';

const MAC = typeof navigator !== 'undefined' && navigator.platform.startsWith('Mac');

/** A toolbar menu listing the commands of one menu of the command list, with their keys. */
function CommandMenu(props: {
  readonly menu: MenuId;
  readonly label: string;
  readonly labelFor: (command: CommandId, fallback: string) => string;
  readonly enabled: (command: CommandId) => boolean;
  readonly onCommand: (command: CommandId) => void;
  /** Called when the menu closes without a choice (Escape). */
  readonly onDismiss?: () => void;
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
        if (event.key === 'Escape' && open) {
          setOpen(false);
          props.onDismiss?.();
        }
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
        </ul>
      )}
    </div>
  );
}

/** How many cells of a row the aligner was unsure of. */
const uncertainCells = (segment: Segment): number =>
  Object.values(segment.confidence ?? {}).filter((value) => value !== undefined && value < 0.5).length;

/** How many links the aligner was unsure of in a document (kept up to date edit by edit). */
const countUncertain = rowCounter(uncertainCells);

function uncertainCount(document: SubrelayDocument | undefined): number {
  return document === undefined ? 0 : countUncertain(document.segments);
}

/** Which commands apply now, as one string ("1" or "0" per command), so the bar re-renders only when that changes. */
function selectEnabled(state: AppState): string {
  const context = commandContextOf(state);
  return COMMANDS.map((command) => (command.when(context) ? '1' : '0')).join('');
}

interface ToolbarView {
  readonly name: string | undefined;
  readonly dirty: boolean;
  readonly documents: ReadonlyArray<{ readonly id: string; readonly title: string; readonly kind: string }>;
  readonly activeDocumentId: string | undefined;
  readonly undoAction: string | undefined;
  readonly redoAction: string | undefined;
  readonly uncertain: number;
  /** Findings in the open transcript; 'checking' while its rows are still being checked; undefined for an article. */
  readonly qaCount: number | 'checking' | undefined;
  readonly qaOpen: boolean;
  readonly hasProject: boolean;
}

function qaCountOf(state: AppState): number | 'checking' | undefined {
  const check = selectFindings(state);
  return check === undefined ? undefined : (check.count ?? 'checking');
}

function selectView(state: AppState): ToolbarView {
  const workspace = state.workspace;
  const project = workspace?.history.present;
  const document = selectDocument(state);
  return {
    name: workspace?.name,
    dirty: selectDirty(state),
    documents: project?.documents.map((d) => ({ id: d.id, title: d.title, kind: d.kind })) ?? [],
    activeDocumentId: document?.id,
    undoAction: workspace?.history.past[workspace.history.past.length - 1]?.label,
    redoAction: workspace?.history.future[0]?.label,
    uncertain: uncertainCount(document),
    qaCount: qaCountOf(state),
    qaOpen: state.qaOpen,
    hasProject: project !== undefined,
  };
}

function sameView(a: ToolbarView, b: ToolbarView): boolean {
  return (
    a.name === b.name &&
    a.dirty === b.dirty &&
    a.activeDocumentId === b.activeDocumentId &&
    a.undoAction === b.undoAction &&
    a.redoAction === b.redoAction &&
    a.uncertain === b.uncertain &&
    a.qaCount === b.qaCount &&
    a.qaOpen === b.qaOpen &&
    a.hasProject === b.hasProject &&
    a.documents.length === b.documents.length &&
    a.documents.every((d, i) => d.id === b.documents[i]?.id && d.title === b.documents[i]?.title)
  );
}

/** The top bar: menus, document switcher, Export and the interface language. */
export function Toolbar() {
  const { t, i18n } = useTranslation();
  const dispatcher = useDispatcher();
  const view = useAppState(selectView, sameView);
  const enabledFlags = useAppState(selectEnabled);
  const labelFor = (command: CommandId, key: string): string => {
    if (command === 'undo' && view.undoAction !== undefined)
      return t('command.undoNamed', { action: t(`action.${view.undoAction}`) });
    if (command === 'redo' && view.redoAction !== undefined)
      return t('command.redoNamed', { action: t(`action.${view.redoAction}`) });
    return t(key);
  };
  const enabled = (command: CommandId): boolean =>
    enabledFlags[COMMANDS.findIndex((candidate) => candidate.id === command)] === '1';
  // After a menu command the keyboard goes back to the cell, unless the command opened a dialog.
  const run = (command: CommandId): void => {
    dispatcher.run(command);
    if (dispatcher.store.getState().dialog === undefined) dispatcher.refocus();
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
            onCommand={run}
            onDismiss={() => dispatcher.refocus()}
          />
        ))}
        <span className="project-name">
          {view.name ?? t('app.untitled')} {view.dirty && <span className="unsaved">{t('app.unsavedMark')}</span>}
        </span>
        <div role="group" aria-label={t('toolbar.documents')} className="document-switcher">
          {view.documents.map((document) => (
            <button
              key={document.id}
              type="button"
              aria-pressed={document.id === view.activeDocumentId}
              title={t(`document.${document.kind}`)}
              onClick={() => dispatcher.selectDocument(document.id)}
            >
              {document.title}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => run('align')} disabled={!enabled('align')}>
          {t('command.align')}
        </button>
        {view.qaCount !== undefined && (
          <button type="button" aria-pressed={view.qaOpen} onClick={() => dispatcher.toggleQa()}>
            {view.qaCount === 'checking' ? t('qa.checking') : t('qa.button', { count: view.qaCount })}
          </button>
        )}
        {view.uncertain > 0 && (
          <button type="button" className="attention" onClick={() => run('nextUncertain')}>
            {t('align.uncertain', { count: view.uncertain })}
          </button>
        )}
        <button type="button" className="primary" onClick={() => run('export')} disabled={!enabled('export')}>
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
              // Words only: the project, the selection and the undo history live in the store and stay.
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
