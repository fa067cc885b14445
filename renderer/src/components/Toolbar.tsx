import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENDONYMS, isLanguage, LANGUAGES } from '../../../src/languages';
import type { Project } from '../../../src/model/project';
import { rememberInterfaceLanguage } from '../i18n';

interface ToolbarProps {
  readonly project: Project | undefined;
  readonly projectName: string | undefined;
  readonly dirty: boolean;
  readonly activeDocumentId: string | undefined;
  readonly onSelectDocument: (id: string) => void;
  readonly onOpen: () => void;
  readonly onSave: () => void;
  readonly onSaveAs: () => void;
  readonly onOpenSample: () => void;
  readonly onExport: () => void;
}

function ProjectMenu({
  onOpen,
  onSave,
  onSaveAs,
  onOpenSample,
}: Pick<ToolbarProps, 'onOpen' | 'onSave' | 'onSaveAs' | 'onOpenSample'>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [open]);
  const item = (label: string, shortcut: string | undefined, action: () => void) => (
    <li role="none">
      <button
        type="button"
        role="menuitem"
        aria-keyshortcuts={shortcut}
        onClick={() => {
          setOpen(false);
          action();
        }}
      >
        <span>{label}</span>
        {shortcut !== undefined && <kbd>{shortcut.replace('Control', 'Ctrl')}</kbd>}
      </button>
    </li>
  );
  return (
    <div
      className="menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
    >
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('toolbar.project')} ▾
      </button>
      {open && (
        <ul role="menu" aria-label={t('toolbar.project')} ref={menu} className="menu-list">
          {item(t('toolbar.open'), 'Control+O', onOpen)}
          {item(t('toolbar.save'), 'Control+S', onSave)}
          {item(t('toolbar.saveAs'), undefined, onSaveAs)}
          {item(t('toolbar.openSample'), undefined, onOpenSample)}
        </ul>
      )}
    </div>
  );
}

/** The top bar: project menu, document switcher, Export and the interface language. */
export function Toolbar(props: ToolbarProps) {
  const { t, i18n } = useTranslation();
  return (
    <header className="toolbar">
      <div role="toolbar" aria-label={t('toolbar.label')} className="toolbar-row">
        <span className="app-name">{t('app.name')}</span>
        <ProjectMenu
          onOpen={props.onOpen}
          onSave={props.onSave}
          onSaveAs={props.onSaveAs}
          onOpenSample={props.onOpenSample}
        />
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
        <button type="button" className="primary" onClick={props.onExport} disabled={props.project === undefined}>
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
