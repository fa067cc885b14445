import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiResponse, type SubrelayApi } from '../../src/api/contract';
import { commandForKeyPress, type CommandId } from '../../src/commands/commands';
import { isLanguage, type Language } from '../../src/languages';
import {
  mergeWithNext,
  setSegmentExcluded,
  setSegmentRole,
  setSegmentStatus,
  setSegmentText,
  setSegmentTime,
  setSegmentTimes,
  splitSegment,
  type SegmentRef,
} from '../../src/model/edit';
import {
  canRedo,
  canUndo,
  createHistory,
  isDirty,
  markSaved,
  recordEdit,
  redo,
  undo,
  type History,
} from '../../src/model/history';
import type { Project, ProjectSettings } from '../../src/model/project';
import type { TFunction } from 'i18next';
import { align } from '../../src/align/align';
import {
  applyAlignment,
  confirmCell,
  shiftCellsDown,
  shiftCellsUp,
  uncertainSegments,
} from '../../src/model/alignEdit';
import { segmentText } from '../../src/segment/sentences';
import { ENDONYMS } from '../../src/languages';
import { AlignDialog, type AlignRequest } from './components/AlignDialog';
import { CloseDialog } from './components/CloseDialog';
import { QaPanel } from './components/QaPanel';
import { TimingDialog } from './components/TimingDialog';
import { ImportDialog } from './components/ImportDialog';
import { RulesDialog } from './components/RulesDialog';
import { documentFromCues, importCuesIntoDocument } from '../../src/model/importCues';
import { snapToFrame } from '../../src/timing/timing';
import { checkTranscript, type QaFinding } from '../../src/qa/qa';
import { DEFAULT_RULES } from '../../src/subtitles/rules';
import { describeError } from './describeError';
import { ExportDialog } from './components/ExportDialog';
import { DubbingDialog } from './components/DubbingDialog';
import { XliffImportDialog } from './components/XliffImportDialog';
import { applyXliff } from '../../src/interchange/xliff';
import { DEFAULT_DUBBING } from '../../src/dub/speakingTime';
import { Grid } from './components/Grid';
import { Inspector } from './components/Inspector';
import { PathDialog } from './components/PathDialog';
import { RestoreDialog } from './components/RestoreDialog';
import { Toolbar } from './components/Toolbar';
import { sessionId } from './session';

const SAMPLE_ID = 'kursk-appeal';
const JOURNAL_DELAY_MS = 1500;

/**
 * The open project: its edit history, plus the remembered choices (settings),
 * which are saved with the file but are not edits to undo.
 */
interface Workspace {
  readonly history: History;
  readonly settings: ProjectSettings;
  readonly savedSettings: ProjectSettings | undefined;
  readonly path: string | null;
  readonly name: string;
}

function projectOf(workspace: Workspace): Project {
  return { ...workspace.history.present, settings: workspace.settings };
}

export interface Selection {
  readonly segmentId: string;
  readonly language?: Language;
}

type Journal = NonNullable<ApiResponse<'findJournal'>['journal']>;
type Dialog =
  | 'export'
  | 'open'
  | 'saveAs'
  | 'close'
  | 'align'
  | 'timing'
  | 'import'
  | 'rules'
  | 'dubbing'
  | 'importXliff'
  | undefined;

/** The project's settings without one of them, which then takes its default. */
function withoutSetting(settings: ProjectSettings, key: keyof ProjectSettings): ProjectSettings {
  return Object.fromEntries(Object.entries(settings).filter(([name]) => name !== key));
}

interface Failure {
  readonly message: string;
  readonly backupOf?: string;
}

function failureOf(error: unknown, t: TFunction): Failure {
  const message = describeError(error, t);
  return error instanceof ApiError && error.backup !== undefined && error.file !== undefined
    ? { message, backupOf: error.file }
    : { message };
}

/** The caret of the focused text cell, for "split at the cursor". */
function caretOffset(): number | undefined {
  const element = document.activeElement;
  return element instanceof HTMLTextAreaElement ? element.selectionStart : undefined;
}

export function App({ api }: { readonly api: SubrelayApi }) {
  const { t, i18n } = useTranslation();
  const session = useMemo(() => sessionId(), []);
  const [workspace, setWorkspace] = useState<Workspace>();
  const [mode, setMode] = useState<'electron' | 'web'>('web');
  const [defaultExportFolder, setDefaultExportFolder] = useState('');
  const [documentId, setDocumentId] = useState<string>();
  const [selection, setSelection] = useState<Selection>();
  const [dialog, setDialog] = useState<Dialog>();
  const [journal, setJournal] = useState<Journal>();
  const [message, setMessage] = useState<string>();
  const [failure, setFailure] = useState<Failure>();
  const closeAfterSave = useRef(false);

  const report = useCallback((caught: unknown) => setFailure(failureOf(caught, t)), [t]);

  const load = useCallback((project: Project, path: string | null, name: string, saved: boolean) => {
    setWorkspace({
      history: createHistory(project, saved),
      settings: project.settings,
      savedSettings: saved ? project.settings : undefined,
      path,
      name,
    });
    setDocumentId((current) => (project.documents.some((d) => d.id === current) ? current : project.documents[0]?.id));
    setSelection(undefined);
    setFailure(undefined);
  }, []);

  const openResult = useCallback(
    (result: ApiResponse<'openProject'>, note?: string) => {
      if (result.canceled) return;
      load(result.project, result.path, result.name, true);
      setMessage(note ?? t('file.opened', { name: result.name }));
    },
    [load, t],
  );

  // Start: the environment, then unsaved work from a crash if there is any, else the sample.
  useEffect(() => {
    let live = true;
    (async () => {
      const environment = await api.getEnvironment({});
      if (!live) return;
      setMode(environment.mode);
      setDefaultExportFolder(environment.defaultExportFolder);
      const found = await api.findJournal({ sessionId: session });
      if (!live) return;
      if (found.journal !== null) setJournal(found.journal);
      const sample = await api.openSample({ id: SAMPLE_ID });
      if (live) openResult(sample);
    })().catch(report);
    return () => {
      live = false;
    };
  }, [api, openResult, report, session]);

  const history = workspace?.history;
  const project = history?.present;
  const dirty =
    workspace !== undefined && (isDirty(workspace.history) || workspace.settings !== workspace.savedSettings);
  const currentDocument = useMemo(
    () => project?.documents.find((d) => d.id === documentId) ?? project?.documents[0],
    [project, documentId],
  );
  const [qaOpen, setQaOpen] = useState(false);
  const rules = workspace?.settings.rules ?? DEFAULT_RULES;
  const findings = useMemo(
    () =>
      currentDocument?.kind === 'transcript' && project !== undefined
        ? checkTranscript(currentDocument, project.languages, rules, project.frameRate)
        : undefined,
    [currentDocument, project, rules],
  );
  const findingsByCell = useMemo(() => {
    const cells = new Map<string, QaFinding[]>();
    for (const finding of findings ?? []) {
      if (finding.segmentId === undefined) continue;
      const key = `${finding.segmentId}:${finding.language}`;
      cells.set(key, [...(cells.get(key) ?? []), finding]);
    }
    return cells;
  }, [findings]);

  // The journal: while there are unsaved changes, keep them where a crash cannot take them.
  useEffect(() => {
    if (workspace === undefined || !dirty) return;
    const timer = setTimeout(() => {
      api
        .writeJournal({ sessionId: session, project: projectOf(workspace), path: workspace.path, name: workspace.name })
        .catch(report);
    }, JOURNAL_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, dirty, report, session, workspace]);

  // Closing with unsaved changes asks first (the browser's own prompt in web mode, ours in Electron).
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      if (!dirty) return;
      event.preventDefault();
      if (mode === 'electron') setDialog('close');
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty, mode]);

  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${workspace?.name ?? t('app.untitled')} — ${t('app.name')}`;
  }, [dirty, workspace?.name, t]);

  useEffect(() => {
    const language = i18n.language;
    if (isLanguage(language)) api.setInterfaceLanguage({ language }).catch(() => undefined);
  }, [api, i18n.language]);

  const edit = useCallback((change: (project: Project) => Project, action: string, coalesceKey?: string) => {
    setWorkspace((current) => {
      if (current === undefined) return current;
      const after = change(current.history.present);
      return { ...current, history: recordEdit(current.history, after, action, { coalesceKey }) };
    });
  }, []);

  const onTextChange = useCallback(
    (ref: SegmentRef, language: Language, text: string) =>
      edit((p) => setSegmentText(p, ref, language, text), 'editText', `text:${ref.segmentId}:${language}`),
    [edit],
  );
  // Typed times snap to the project's frames, as every subtitle editor does.
  const onTimeChange = useCallback(
    (ref: SegmentRef, bound: 'start' | 'end', milliseconds: number) =>
      edit((p) => setSegmentTime(p, ref, bound, snapToFrame(milliseconds, p.frameRate)), 'editTime'),
    [edit],
  );
  const onSettingsChange = useCallback((settings: ProjectSettings) => {
    setWorkspace((current) => {
      if (current === undefined || JSON.stringify(current.settings) === JSON.stringify(settings)) return current;
      return { ...current, settings };
    });
  }, []);

  const save = useCallback(
    async (path?: string) => {
      if (workspace === undefined) return;
      const target = path ?? workspace.path ?? undefined;
      if (target === undefined && mode === 'web') {
        setDialog('saveAs');
        return;
      }
      const saving = workspace.history.present;
      const settings = workspace.settings;
      try {
        const result = await api.saveProject({
          project: projectOf(workspace),
          ...(target !== undefined ? { path: target } : {}),
        });
        if (result.canceled) return;
        const name = result.path.split(/[\\/]/u).pop() ?? result.path;
        setWorkspace(
          (current) =>
            current && {
              ...current,
              history: markSaved(current.history, saving),
              savedSettings: settings,
              path: result.path,
              name,
            },
        );
        await api.clearJournal({ sessionId: session });
        setMessage(t('file.saved', { path: result.path }));
        setFailure(undefined);
        if (closeAfterSave.current) await api.closeWindow({});
      } catch (caught) {
        report(caught);
      } finally {
        closeAfterSave.current = false;
      }
    },
    [api, mode, report, session, t, workspace],
  );

  const open = useCallback(
    async (path?: string) => {
      if (path === undefined && mode === 'web') {
        setDialog('open');
        return;
      }
      try {
        openResult(await api.openProject(path !== undefined ? { path } : {}));
      } catch (caught) {
        report(caught);
      }
    },
    [api, mode, openResult, report],
  );

  const run = useCallback(
    (command: CommandId) => {
      const ref =
        selection && currentDocument ? { documentId: currentDocument.id, segmentId: selection.segmentId } : undefined;
      switch (command) {
        case 'open':
          void open();
          return;
        case 'save':
          void save();
          return;
        case 'saveAs':
          if (mode === 'web') setDialog('saveAs');
          else void save(undefined);
          return;
        case 'export':
          setDialog('export');
          return;
        case 'undo':
          setWorkspace((current) => current && { ...current, history: undo(current.history) });
          return;
        case 'redo':
          setWorkspace((current) => current && { ...current, history: redo(current.history) });
          return;
        case 'split': {
          const offset = caretOffset();
          if (ref === undefined || selection?.language === undefined || offset === undefined) return;
          const language = selection.language;
          edit((p) => splitSegment(p, ref, language, offset), 'split');
          return;
        }
        case 'merge':
          if (ref !== undefined) edit((p) => mergeWithNext(p, ref), 'merge');
          return;
        case 'markTranslated': {
          if (ref === undefined || selection?.language === undefined || currentDocument === undefined) return;
          const language = selection.language;
          const segment = currentDocument.segments.find((s) => s.id === ref.segmentId);
          if (segment !== undefined && segment.status[language] !== 'source') {
            edit((p) => confirmCell(setSegmentStatus(p, ref, language, 'translated'), ref, language), 'status');
          } else if (segment?.confidence?.[language] !== undefined) {
            edit((p) => confirmCell(p, ref, language), 'status');
          }
          const index = currentDocument.segments.findIndex((s) => s.id === ref.segmentId);
          const next = currentDocument.segments[index + 1];
          if (next !== undefined) {
            document.querySelector<HTMLTextAreaElement>(`textarea[data-cell="${next.id}:${language}"]`)?.focus();
          }
          return;
        }
        case 'align':
          setDialog('align');
          return;
        case 'rules':
          setDialog('rules');
          return;
        case 'dubbing':
          setDialog('dubbing');
          return;
        case 'importSubtitles':
          setDialog('import');
          return;
        case 'importXliff':
          setDialog('importXliff');
          return;
        case 'timing':
          if (currentDocument?.kind === 'transcript') setDialog('timing');
          return;
        case 'shiftUp':
        case 'shiftDown': {
          if (ref === undefined || selection?.language === undefined) return;
          const language = selection.language;
          const shift = command === 'shiftUp' ? shiftCellsUp : shiftCellsDown;
          edit((p) => shift(p, ref, language), 'shift');
          return;
        }
        case 'nextUncertain':
        case 'previousUncertain': {
          if (currentDocument === undefined) return;
          const order = currentDocument.segments.map((s) => s.id);
          // Items to check: uncertain links and cells with QA findings, in document order.
          const uncertain = [
            ...uncertainSegments(currentDocument),
            ...(findings ?? []).flatMap((f) =>
              f.segmentId === undefined ? [] : [{ id: f.segmentId, language: f.language }],
            ),
          ].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
          const here = selection === undefined ? -1 : order.indexOf(selection.segmentId);
          const after = (id: string): boolean => order.indexOf(id) > here;
          const target =
            command === 'nextUncertain'
              ? (uncertain.find((u) => after(u.id)) ?? uncertain[0])
              : ([...uncertain].reverse().find((u) => order.indexOf(u.id) < here) ?? uncertain[uncertain.length - 1]);
          if (target !== undefined) {
            document
              .querySelector<HTMLTextAreaElement>(`textarea[data-cell="${target.id}:${target.language}"]`)
              ?.focus();
          }
          return;
        }
        case 'toggleExcluded': {
          if (ref === undefined || currentDocument === undefined) return;
          const segment = currentDocument.segments.find((s) => s.id === ref.segmentId);
          edit((p) => setSegmentExcluded(p, ref, segment?.excluded !== true), 'exclude');
          return;
        }
        case 'toggleHeadline': {
          if (ref === undefined || currentDocument === undefined) return;
          const segment = currentDocument.segments.find((s) => s.id === ref.segmentId);
          edit((p) => setSegmentRole(p, ref, segment?.role === 'headline' ? undefined : 'headline'), 'role');
          return;
        }
      }
    },
    [currentDocument, edit, findings, mode, open, save, selection],
  );

  // Keys: one handler for both modes, reading the same command list as the menus.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (dialog !== undefined || journal !== undefined) return;
      const command = commandForKeyPress(event, navigator.platform.startsWith('Mac'));
      if (command === undefined) return;
      event.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, journal, run]);

  useEffect(() => window.subrelayMenu?.onMenuCommand(run), [run]);

  const runAlignment = useCallback(
    (request: AlignRequest) => {
      const target = project?.documents.find((d) => d.id === request.documentId);
      if (target === undefined) return;
      const lines = request.presegmented
        ? request.text
            .replace(/\r\n?/gu, '\n')
            .replace(/\n$/u, '')
            .split('\n')
            .map((text) => ({ text, paragraph: 0 }))
        : segmentText(request.text, request.language);
      const sources = target.segments.filter((s) => s.excluded !== true);
      const alignment = align(
        {
          texts: sources.map((s) => s.texts[request.pivot]),
          language: request.pivot,
          paragraphs: sources.map((s) => s.paragraph),
        },
        {
          texts: lines.map((l) => l.text),
          language: request.language,
          ...(request.presegmented ? {} : { paragraphs: lines.map((l) => l.paragraph) }),
        },
      );
      edit(
        (p) =>
          applyAlignment(
            p,
            request.documentId,
            request.language,
            sources.map((s) => s.id),
            lines.map((l) => l.text),
            alignment.beads,
          ),
        'align',
      );
      setDocumentId(request.documentId);
      setDialog(undefined);
      setMessage(
        t('align.done', { sentences: lines.length, document: target.title, language: ENDONYMS[request.language] }),
      );
    },
    [edit, project, t],
  );

  const uncertainCount = currentDocument === undefined ? 0 : uncertainSegments(currentDocument).length;
  const selectedSegment = currentDocument?.segments.find((s) => s.id === selection?.segmentId);
  const lastPast = history?.past[history.past.length - 1];
  const nextFuture = history?.future[0];

  return (
    <div className="app">
      <Toolbar
        project={project}
        projectName={workspace?.name}
        dirty={dirty}
        activeDocumentId={currentDocument?.id}
        undoLabel={lastPast && t('command.undoNamed', { action: t(`action.${lastPast.label}`) })}
        redoLabel={nextFuture && t('command.redoNamed', { action: t(`action.${nextFuture.label}`) })}
        canUndo={history !== undefined && canUndo(history)}
        canRedo={history !== undefined && canRedo(history)}
        uncertainCount={uncertainCount}
        qaCount={findings?.length}
        qaOpen={qaOpen}
        onToggleQa={() => setQaOpen((open) => !open)}
        onSelectDocument={(id) => {
          setDocumentId(id);
          setSelection(undefined);
        }}
        onCommand={run}
        onOpenSample={() => void api.openSample({ id: SAMPLE_ID }).then((result) => openResult(result), report)}
      />
      <div className="status-area">
        {failure !== undefined && (
          <div role="alert" className="error-banner">
            <span>{failure.message}</span>
            <span className="buttons-inline">
              {failure.backupOf !== undefined && (
                <button
                  type="button"
                  onClick={() => {
                    const original = failure.backupOf ?? '';
                    api.openBackup({ path: original }).then((result) => {
                      if (result.canceled) return;
                      // The backup is not what the file on disk holds: it needs saving.
                      load(result.project, result.path, result.name, false);
                      setMessage(t('backup.opened', { name: result.name }));
                    }, report);
                  }}
                >
                  {t('backup.offer')}
                </button>
              )}
              <button type="button" onClick={() => setFailure(undefined)}>
                {t('error.dismiss')}
              </button>
            </span>
          </div>
        )}
        <p role="status" className="status-line">
          {message}
        </p>
      </div>
      <main className="workspace">
        {currentDocument === undefined || project === undefined ? (
          <p className="loading">{t('app.loading')}</p>
        ) : (
          <>
            <Grid
              document={currentDocument}
              languages={project.languages}
              selection={selection}
              onSelect={setSelection}
              onTextChange={onTextChange}
              onTimeChange={onTimeChange}
              onInvalidTime={(value) => setFailure({ message: t('grid.invalidTime', { value }) })}
              findings={findingsByCell}
              dubbing={workspace?.settings.dubbing ?? DEFAULT_DUBBING}
            />
            <Inspector
              qa={
                qaOpen ? (
                  <QaPanel
                    findings={findings}
                    onJump={(finding) =>
                      document
                        .querySelector<HTMLTextAreaElement>(
                          `textarea[data-cell="${finding.segmentId ?? ''}:${finding.language}"]`,
                        )
                        ?.focus()
                    }
                  />
                ) : undefined
              }
              segment={selectedSegment}
              segmentNumber={selectedSegment ? currentDocument.segments.indexOf(selectedSegment) + 1 : undefined}
              projectNotes={project.notes}
            />
          </>
        )}
      </main>
      {journal !== undefined && (
        <RestoreDialog
          name={journal.name}
          savedAt={journal.savedAt}
          onRestore={() => {
            load(journal.project, journal.path, journal.name, false);
            setMessage(t('journal.restored', { name: journal.name }));
            // The restored work now belongs to this session's journal.
            if (journal.sessionId !== session) api.clearJournal({ sessionId: journal.sessionId }).catch(report);
            setJournal(undefined);
          }}
          onDiscard={() => {
            api.clearJournal({ sessionId: journal.sessionId }).catch(report);
            setJournal(undefined);
          }}
        />
      )}
      {dialog === 'export' && workspace !== undefined && (
        <ExportDialog
          api={api}
          mode={mode}
          project={projectOf(workspace)}
          defaultFolder={defaultExportFolder}
          onSettingsChange={onSettingsChange}
          onClose={() => setDialog(undefined)}
        />
      )}
      {(dialog === 'open' || dialog === 'saveAs') && (
        <PathDialog
          title={dialog === 'open' ? t('file.openTitle') : t('file.saveTitle')}
          initialPath={workspace?.path ?? ''}
          onCancel={() => setDialog(undefined)}
          onConfirm={(path) => {
            setDialog(undefined);
            void (dialog === 'open' ? open(path) : save(path));
          }}
        />
      )}
      {dialog === 'align' && project !== undefined && currentDocument !== undefined && (
        <AlignDialog
          project={project}
          documentId={currentDocument.id}
          onAlign={runAlignment}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'rules' && workspace !== undefined && (
        <RulesDialog
          rules={workspace.settings.rules}
          onSave={(newRules) => {
            onSettingsChange(
              newRules === undefined
                ? withoutSetting(workspace.settings, 'rules')
                : { ...workspace.settings, rules: newRules },
            );
            setDialog(undefined);
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'importXliff' && project !== undefined && (
        <XliffImportDialog
          project={project}
          onApply={(content) => edit((p) => applyXliff(p, content).project, 'import')}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'dubbing' && workspace !== undefined && (
        <DubbingDialog
          settings={workspace.settings.dubbing}
          onSave={(dubbing) => {
            onSettingsChange(
              dubbing === undefined
                ? withoutSetting(workspace.settings, 'dubbing')
                : { ...workspace.settings, dubbing },
            );
            setDialog(undefined);
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'import' && project !== undefined && (
        <ImportDialog
          project={project}
          documentId={currentDocument?.id}
          onImport={(request) => {
            // Worked out once on the present project for the message; the edit itself reruns on the state.
            if (request.documentId === 'new') {
              const made = documentFromCues(project, request.title, request.language, request.cues);
              edit((p) => documentFromCues(p, request.title, request.language, request.cues).project, 'import');
              setDocumentId(made.documentId);
              setMessage(t('import.done', { count: request.cues.length, matched: 0, added: request.cues.length }));
            } else {
              const target = request.documentId;
              const apply = (p: Project) =>
                importCuesIntoDocument(p, target, request.language, request.cues, request.matching);
              edit((p) => apply(p).project, 'import');
              setDocumentId(target);
              setMessage(t('import.done', { count: request.cues.length, ...apply(project).report }));
            }
            setDialog(undefined);
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'timing' && project !== undefined && currentDocument !== undefined && (
        <TimingDialog
          document={currentDocument}
          languages={project.languages}
          fromSegmentId={selection?.segmentId}
          rules={rules}
          frameRate={project.frameRate}
          onApply={(times) => {
            edit((p) => setSegmentTimes(p, currentDocument.id, times), 'timing');
            setDialog(undefined);
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'close' && (
        <CloseDialog
          name={workspace?.name ?? t('app.untitled')}
          onSave={() => {
            setDialog(undefined);
            closeAfterSave.current = true;
            void save();
          }}
          onDiscard={() => {
            setDialog(undefined);
            void api.clearJournal({ sessionId: session }).then(() => api.closeWindow({}), report);
          }}
          onCancel={() => setDialog(undefined)}
        />
      )}
    </div>
  );
}
