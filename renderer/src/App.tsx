import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CARET_AT_END, commandForKeyPress } from '../../src/commands/commands';
import { ENDONYMS, isLanguage } from '../../src/languages';
import { setSegmentTimes } from '../../src/model/edit';
import type { ProjectSettings, Segment } from '../../src/model/project';
import { DEFAULT_RULES } from '../../src/subtitles/rules';
import { importSubtitles } from '../../src/usecases/importSubtitles';
import { importXliff } from '../../src/usecases/importXliff';
import { applyAlignPlan, type AlignPlan } from '../../src/usecases/alignIntoColumn';
import type { SubrelayApi } from '../../src/api/contract';
import { describeError } from './describeError';
import { AlignDialog } from './components/AlignDialog';
import { ConflictDialog } from './components/ConflictDialog';
import { DubbingDialog } from './components/DubbingDialog';
import { ExportDialog } from './components/ExportDialog';
import { FindReplaceDialog } from './components/FindReplaceDialog';
import { NoteDialog } from './components/NoteDialog';
import { ReviewBar } from './components/ReviewBar';
import { Grid } from './components/Grid';
import { GoToRowDialog } from './components/GoToRowDialog';
import { ImportDialog } from './components/ImportDialog';
import { KeyboardShortcutsDialog } from './components/KeyboardShortcutsDialog';
import { Inspector } from './components/Inspector';
import { NewProjectDialog } from './components/NewProjectDialog';
import { PathDialog } from './components/PathDialog';
import { QaPanel } from './components/QaPanel';
import { RestoreDialog } from './components/RestoreDialog';
import { RulesDialog } from './components/RulesDialog';
import { TimingDialog } from './components/TimingDialog';
import { Toolbar } from './components/Toolbar';
import { UnsavedDialog } from './components/UnsavedDialog';
import { XliffImportDialog } from './components/XliffImportDialog';
import { AttachMediaDialog } from './components/AttachMediaDialog';
import { MediaPanel } from './components/MediaPanel';
import { SpeechDialog } from './components/SpeechDialog';
import {
  projectOf,
  selectDirty,
  selectDocument,
  selectFindings,
  indexOfSegment,
  type AppState,
} from './store/appState';
import { useAppState, useDispatcher } from './store/context';
import { sameWhenBoth } from './store/store';
import type { Dispatcher } from './store/dispatcher';

/** The project's settings without one of them, which then takes its default. */
function withoutSetting(settings: ProjectSettings, key: keyof ProjectSettings): ProjectSettings {
  return Object.fromEntries(Object.entries(settings).filter(([name]) => name !== key));
}

/** The caret of the focused text cell, for "split at the cursor". */
function caretOfFocusedCell(): number | undefined {
  const element = document.activeElement;
  return element instanceof HTMLTextAreaElement ? element.selectionStart : undefined;
}

const MAC = typeof navigator !== 'undefined' && navigator.platform.startsWith('Mac');

/**
 * Whether a key goes to a text field or another control that takes it
 * (a button takes Space): the player's plain keys (Space, `[`, `]`) then do
 * not apply.
 */
function inControl(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('input, textarea, select, button, a[href], summary, [contenteditable], [role="slider"]') !== null
  );
}

/** The error banner and the status line, worded in the current interface language. */
function StatusArea() {
  const { t } = useTranslation();
  const dispatcher = useDispatcher();
  const failure = useAppState((state) => state.failure);
  const message = useAppState((state) => state.message);
  return (
    <div className="status-area">
      {failure !== undefined && (
        <div role="alert" className="error-banner">
          <span>{describeError(failure.error, t)}</span>
          <span className="buttons-inline">
            {failure.backupOf !== undefined && (
              <button type="button" onClick={() => dispatcher.openBackup(failure.backupOf ?? '')}>
                {t('backup.offer')}
              </button>
            )}
            <button type="button" onClick={() => dispatcher.dismissFailure()}>
              {t('error.dismiss')}
            </button>
          </span>
        </div>
      )}
      <p role="status" className="status-line">
        {message === undefined ? '' : t(message.key, { ...message.params })}
        {message?.also !== undefined && ` ${t(message.also.key, { ...message.also.params })}`}
      </p>
    </div>
  );
}

function selectInspector(state: AppState) {
  const document = selectDocument(state);
  const segmentId = state.selection?.segmentId;
  const index = document === undefined || segmentId === undefined ? -1 : indexOfSegment(document, segmentId);
  return {
    segment: index < 0 ? undefined : document?.segments[index],
    number: index < 0 ? undefined : index + 1,
    notes: state.workspace?.history.present.notes,
    qaOpen: state.qaOpen,
  };
}

/** The panel shows a segment's note, comments and whether it is excluded: typing in one of its cells changes none. */
function sameInspector(a: ReturnType<typeof selectInspector>, b: ReturnType<typeof selectInspector>): boolean {
  return (
    sameShownSegment(a.segment, b.segment) && a.number === b.number && a.notes === b.notes && a.qaOpen === b.qaOpen
  );
}

export function sameShownSegment(a: Segment | undefined, b: Segment | undefined): boolean {
  return sameWhenBoth(
    a,
    b,
    (x, y) => x.id === y.id && x.excluded === y.excluded && x.note === y.note && x.comments === y.comments,
  );
}

function InspectorPane() {
  const dispatcher = useDispatcher();
  const view = useAppState(selectInspector, sameInspector);
  const findings = useAppState((state) => (view.qaOpen ? selectFindings(state)?.all() : undefined));
  return (
    <Inspector
      qa={
        view.qaOpen ? (
          <QaPanel
            findings={findings}
            onJump={(finding) =>
              finding.segmentId !== undefined &&
              dispatcher.select({ segmentId: finding.segmentId, language: finding.language }, true)
            }
          />
        ) : undefined
      }
      segment={view.segment}
      segmentNumber={view.number}
      projectNotes={view.notes ?? []}
    />
  );
}

/** Applies a reviewed alignment plan as one undoable edit. */
function applyAlignment(dispatcher: Dispatcher, plan: AlignPlan, accepted: ReadonlySet<string>): void {
  const project = dispatcher.store.getState().workspace?.history.present;
  const target = project?.documents.find((d) => d.id === plan.documentId);
  if (target === undefined) return;
  try {
    dispatcher.edit((p) => applyAlignPlan(p, plan, accepted), 'align');
  } catch (caught) {
    dispatcher.fail(caught);
    return;
  }
  dispatcher.selectDocument(plan.documentId);
  dispatcher.closeDialog();
  dispatcher.say({
    key: 'align.done',
    params: { sentences: plan.sentences, document: target.title, language: ENDONYMS[plan.language] },
  });
}

/** The one open dialog, with the data it was opened with. */
function Dialogs({ api }: { readonly api: SubrelayApi }) {
  const { t } = useTranslation();
  const dispatcher = useDispatcher();
  const dialog = useAppState((state) => state.dialog);
  if (dialog === undefined) return null;
  const state = dispatcher.store.getState();
  const workspace = state.workspace;
  const project = workspace?.history.present;
  const currentDocument = selectDocument(state);
  const close = (): void => dispatcher.closeDialog();
  switch (dialog.kind) {
    case 'find':
      return <FindReplaceDialog replace={dialog.replace} />;
    case 'note':
      return <NoteDialog documentId={dialog.documentId} segmentId={dialog.segmentId} language={dialog.language} />;
    case 'restore':
      return (
        <RestoreDialog
          journals={dialog.journals}
          onRestore={(journal) => dispatcher.restoreJournal(journal)}
          onDiscard={(journal) => dispatcher.discardJournal(journal)}
          onLater={close}
        />
      );
    case 'unsaved':
      return (
        <UnsavedDialog
          name={workspace?.name ?? t('app.untitled')}
          closing={dialog.then.kind === 'close'}
          onSave={() => dispatcher.resolveUnsaved('save')}
          onDiscard={() => dispatcher.resolveUnsaved('discard')}
          onCancel={() => dispatcher.resolveUnsaved('cancel')}
        />
      );
    case 'conflict':
      return <ConflictDialog path={dialog.path} onChoose={(choice) => dispatcher.resolveConflict(choice)} />;
    case 'path':
      return (
        <PathDialog
          title={dialog.purpose === 'open' ? t('file.openTitle') : t('file.saveTitle')}
          initialPath={workspace?.path ?? ''}
          onCancel={close}
          onConfirm={(path) => dispatcher.confirmPath(dialog.purpose, path, dialog.then)}
        />
      );
    case 'newProject':
      return (
        <NewProjectDialog
          mode="new"
          startFrom={dialog.startFrom}
          onCreate={(made, name) => dispatcher.loadNew(made, name)}
          onClose={close}
        />
      );
    case 'addDocument':
      return project === undefined ? null : (
        <NewProjectDialog
          mode="add"
          project={project}
          onCreate={(made, _name, report) => {
            // One undoable step: the documents the dialog made, added to the project as it is now.
            const added = new Set(report.documentIds);
            const documents = made.documents.filter((d) => added.has(d.id));
            dispatcher.edit((p) => ({ ...p, documents: [...p.documents, ...documents] }), 'addDocument');
            const first = report.documentIds[0];
            if (first !== undefined) dispatcher.selectDocument(first);
            close();
          }}
          onClose={close}
        />
      );
    case 'export':
      return workspace === undefined ? null : (
        <ExportDialog
          api={api}
          mode={state.mode}
          project={projectOf(workspace)}
          defaultFolder={state.defaultExportFolder}
          onSettingsChange={(settings) => dispatcher.setSettings(settings)}
          onClose={close}
        />
      );
    case 'align':
      return project === undefined || currentDocument === undefined ? null : (
        <AlignDialog
          project={project}
          documentId={currentDocument.id}
          onApply={(plan, accepted) => applyAlignment(dispatcher, plan, accepted)}
          onClose={close}
        />
      );
    case 'rules':
      return workspace === undefined ? null : (
        <RulesDialog
          rules={workspace.settings.rules}
          onSave={(rules) => {
            const settings = dispatcher.store.getState().workspace?.settings ?? workspace.settings;
            dispatcher.setSettings(rules === undefined ? withoutSetting(settings, 'rules') : { ...settings, rules });
            close();
          }}
          onClose={close}
        />
      );
    case 'dubbing':
      return workspace === undefined ? null : (
        <DubbingDialog
          settings={workspace.settings.dubbing}
          onSave={(dubbing) => {
            const settings = dispatcher.store.getState().workspace?.settings ?? workspace.settings;
            dispatcher.setSettings(
              dubbing === undefined ? withoutSetting(settings, 'dubbing') : { ...settings, dubbing },
            );
            close();
          }}
          onClose={close}
        />
      );
    case 'importXliff':
      return project === undefined ? null : (
        <XliffImportDialog
          project={project}
          onApply={(content) => dispatcher.edit((p) => importXliff(p, content).project, 'import')}
          onClose={close}
        />
      );
    case 'importSubtitles':
      return project === undefined ? null : (
        <ImportDialog
          project={project}
          documentId={currentDocument?.id}
          onImport={(request) => {
            try {
              const { project: imported, report } = importSubtitles(project, request);
              // Imported once: the dialog is modal, so the project is still the one it read (else import again).
              dispatcher.edit((p) => (p === project ? imported : importSubtitles(p, request).project), 'import');
              dispatcher.selectDocument(report.documentId);
              const { dropped } = request;
              dispatcher.say({
                key: 'import.done',
                params: { count: report.cues, matched: report.matched, added: report.added },
                ...(dropped.length > 0
                  ? {
                      also: {
                        key: 'import.dropped',
                        params: { count: dropped.length, lines: dropped.map((cue) => cue.line).join(', ') },
                      },
                    }
                  : {}),
              });
              close();
            } catch (caught) {
              dispatcher.fail(caught);
            }
          }}
          onClose={close}
        />
      );
    case 'goToRow': {
      const segments = currentDocument?.segments ?? [];
      const selected =
        state.selection === undefined || currentDocument === undefined
          ? -1
          : indexOfSegment(currentDocument, state.selection.segmentId);
      return (
        <GoToRowDialog
          rows={segments.length}
          current={selected < 0 ? undefined : selected + 1}
          onGo={(row) => {
            const target = segments[row - 1];
            const language =
              state.selection?.language ??
              project?.languages.find((l) => l !== currentDocument?.sourceLanguage) ??
              currentDocument?.sourceLanguage;
            close();
            if (target !== undefined) dispatcher.select({ segmentId: target.id, language, caret: CARET_AT_END }, true);
          }}
          onClose={close}
        />
      );
    }
    case 'keyboardShortcuts':
      return <KeyboardShortcutsDialog mac={MAC} onClose={close} />;
    case 'attachMedia':
      return (
        <AttachMediaDialog
          locate={dialog.locate}
          initialPath={project?.documents.find((d) => d.id === dialog.documentId)?.media?.path ?? ''}
          onAttach={(path) => dispatcher.attachMedia(dialog.documentId, path)}
          onClose={close}
        />
      );
    case 'speech':
      return project === undefined ? null : (
        <SpeechDialog
          api={api}
          mode={dialog.mode}
          project={project}
          documentId={dialog.documentId}
          projectPath={workspace?.path ?? null}
          selectedId={state.selection?.segmentId}
          onClose={close}
        />
      );
    case 'timing':
      return project === undefined || currentDocument === undefined ? null : (
        <TimingDialog
          document={currentDocument}
          languages={project.languages}
          fromSegmentId={state.selection?.segmentId}
          rules={workspace?.settings.rules ?? DEFAULT_RULES}
          frameRate={project.frameRate}
          onApply={(times) => {
            dispatcher.edit((p) => setSegmentTimes(p, currentDocument.id, times), 'timing');
            close();
          }}
          onClose={close}
        />
      );
  }
}

/**
 * The window: toolbar, grid, inspector and the open dialog, over the store.
 *
 * It only lays out and routes keys and menu commands to the dispatcher; it
 * keeps no project state of its own, so nothing here can lose the project
 * when the interface language (or anything else React re-renders for) changes.
 */
export function App({ api }: { readonly api: SubrelayApi }) {
  const { t, i18n } = useTranslation();
  const dispatcher = useDispatcher();
  const dirty = useAppState(selectDirty);
  const mode = useAppState((state) => state.mode);
  const name = useAppState((state) => state.workspace?.name);
  const documentId = useAppState((state) => selectDocument(state)?.id);
  const hasDocument = documentId !== undefined;

  const runFromKeyOrMenu = useCallback(
    (command: Parameters<Dispatcher['run']>[0]) => dispatcher.run(command, caretOfFocusedCell()),
    [dispatcher],
  );

  // Keys: one handler for both modes, reading the same command list as the menus. Not behind a dialog.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (dispatcher.store.getState().dialog !== undefined) return;
      const command = commandForKeyPress(event, MAC, inControl(event.target));
      if (command === undefined) return;
      event.preventDefault();
      runFromKeyOrMenu(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatcher, runFromKeyOrMenu]);

  useEffect(
    () =>
      window.subrelayMenu?.onMenuCommand((command) => {
        if (dispatcher.store.getState().dialog === undefined) runFromKeyOrMenu(command);
      }),
    [dispatcher, runFromKeyOrMenu],
  );

  useEffect(() => window.subrelayMenu?.onOpenFile((path) => dispatcher.openFromSystem(path)), [dispatcher]);

  // Closing with unsaved changes asks first (the browser's own prompt in web mode, ours in Electron).
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      if (!selectDirty(dispatcher.store.getState())) return;
      event.preventDefault();
      if (dispatcher.store.getState().mode === 'electron') dispatcher.askBeforeClosing();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dispatcher]);

  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${name ?? t('app.untitled')} — ${t('app.name')}`;
  }, [dirty, name, t]);

  useEffect(() => {
    const language = i18n.language;
    if (isLanguage(language)) api.setInterfaceLanguage({ language }).catch(() => undefined);
  }, [api, i18n.language]);

  return (
    <div className="app" data-mode={mode}>
      <h1 className="visually-hidden">
        {t('app.name')}: {name ?? t('app.untitled')}
      </h1>
      <Toolbar />
      <StatusArea />
      {hasDocument && <ReviewBar />}
      <main className="workspace">
        {!hasDocument ? (
          <p className="loading">{t('app.loading')}</p>
        ) : (
          <>
            <div className="editor">
              <MediaPanel api={api} />
              {/* A new grid per document: each opens at its top, with its own measured rows. */}
              <Grid key={documentId} />
            </div>
            <InspectorPane />
          </>
        )}
      </main>
      <Dialogs api={api} />
    </div>
  );
}
