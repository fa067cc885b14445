import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type SubrelayApi } from '../../src/api/contract';
import type { Language } from '../../src/languages';
import type { Project } from '../../src/model/project';
import { setSegmentText, setSegmentTime, type SegmentRef } from '../../src/model/edit';
import { ExportDialog } from './components/ExportDialog';
import { Grid } from './components/Grid';
import { Inspector } from './components/Inspector';
import { PathDialog } from './components/PathDialog';
import { Toolbar } from './components/Toolbar';

const SAMPLE_ID = 'kursk-appeal';

interface Loaded {
  readonly project: Project;
  readonly path: string | null;
  readonly name: string;
  readonly dirty: boolean;
}

export interface Selection {
  readonly segmentId: string;
  readonly language?: Language;
}

type Dialog = 'export' | 'open' | 'saveAs' | undefined;

/** Words an API failure for the status area: which file, and what went wrong. */
function useDescribeError(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.message === 'unreachable') return t('error.unreachable');
        return error.file !== undefined && !error.message.startsWith(error.file)
          ? t('error.withFile', { file: error.file, message: error.message })
          : error.message;
      }
      return error instanceof Error ? error.message : String(error);
    },
    [t],
  );
}

export function App({ api }: { readonly api: SubrelayApi }) {
  const { t } = useTranslation();
  const describeError = useDescribeError();
  const [loaded, setLoaded] = useState<Loaded>();
  const [mode, setMode] = useState<'electron' | 'web'>('web');
  const [defaultExportFolder, setDefaultExportFolder] = useState('');
  const [documentId, setDocumentId] = useState<string>();
  const [selection, setSelection] = useState<Selection>();
  const [dialog, setDialog] = useState<Dialog>();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();

  const report = useCallback(
    (caught: unknown) => {
      setError(describeError(caught));
    },
    [describeError],
  );

  const openResult = useCallback(
    (result: Awaited<ReturnType<SubrelayApi['openProject']>>) => {
      if (result.canceled) return;
      setLoaded({ project: result.project, path: result.path, name: result.name, dirty: false });
      setDocumentId(result.project.documents[0]?.id);
      setSelection(undefined);
      setMessage(t('file.opened', { name: result.name }));
      setError(undefined);
    },
    [t],
  );

  useEffect(() => {
    let live = true;
    (async () => {
      const environment = await api.getEnvironment({});
      if (!live) return;
      setMode(environment.mode);
      setDefaultExportFolder(environment.defaultExportFolder);
      const sample = await api.openSample({ id: SAMPLE_ID });
      if (live) openResult(sample);
    })().catch(report);
    return () => {
      live = false;
    };
  }, [api, openResult, report]);

  const document = useMemo(
    () => loaded?.project.documents.find((d) => d.id === documentId) ?? loaded?.project.documents[0],
    [loaded, documentId],
  );

  const edit = useCallback((change: (project: Project) => Project) => {
    setLoaded((current) => {
      if (current === undefined) return current;
      const project = change(current.project);
      return project === current.project ? current : { ...current, project, dirty: true };
    });
  }, []);

  const onTextChange = useCallback(
    (ref: SegmentRef, language: Language, text: string) => edit((p) => setSegmentText(p, ref, language, text)),
    [edit],
  );
  const onTimeChange = useCallback(
    (ref: SegmentRef, bound: 'start' | 'end', milliseconds: number) =>
      edit((p) => setSegmentTime(p, ref, bound, milliseconds)),
    [edit],
  );

  const save = useCallback(
    async (path?: string) => {
      if (loaded === undefined) return;
      try {
        const target = path ?? loaded.path ?? undefined;
        if (target === undefined && mode === 'web') {
          setDialog('saveAs');
          return;
        }
        const result = await api.saveProject({
          project: loaded.project,
          ...(target !== undefined ? { path: target } : {}),
        });
        if (result.canceled) return;
        setLoaded(
          (current) =>
            current && {
              ...current,
              path: result.path,
              name: result.path.split(/[\\/]/u).pop() ?? result.path,
              dirty: false,
            },
        );
        setMessage(t('file.saved', { path: result.path }));
        setError(undefined);
      } catch (caught) {
        report(caught);
      }
    },
    [api, loaded, mode, report, t],
  );

  const open = useCallback(
    async (path?: string) => {
      try {
        if (path === undefined && mode === 'web') {
          setDialog('open');
          return;
        }
        openResult(await api.openProject(path !== undefined ? { path } : {}));
      } catch (caught) {
        report(caught);
      }
    },
    [api, mode, openResult, report],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void save();
      }
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        void open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, save]);

  const title = loaded?.project.title ?? t('app.untitled');
  useEffect(() => {
    window.document.title = `${loaded?.dirty === true ? '• ' : ''}${title} — ${t('app.name')}`;
  }, [loaded?.dirty, title, t]);

  const selectedSegment = document?.segments.find((s) => s.id === selection?.segmentId);

  return (
    <div className="app">
      <Toolbar
        project={loaded?.project}
        projectName={loaded?.name}
        dirty={loaded?.dirty ?? false}
        activeDocumentId={document?.id}
        onSelectDocument={(id) => {
          setDocumentId(id);
          setSelection(undefined);
        }}
        onOpen={() => void open()}
        onSave={() => void save()}
        onSaveAs={() => (mode === 'web' ? setDialog('saveAs') : void save(undefined))}
        onOpenSample={() => void api.openSample({ id: SAMPLE_ID }).then(openResult, report)}
        onExport={() => setDialog('export')}
      />
      <div className="status-area">
        {error !== undefined && (
          <div role="alert" className="error-banner">
            <span>{error}</span>
            <button type="button" onClick={() => setError(undefined)}>
              {t('error.dismiss')}
            </button>
          </div>
        )}
        <p role="status" className="status-line">
          {message}
        </p>
      </div>
      <main className="workspace">
        {document === undefined ? (
          <p className="loading">{t('app.loading')}</p>
        ) : (
          <>
            <Grid
              document={document}
              languages={loaded?.project.languages ?? []}
              selection={selection}
              onSelect={setSelection}
              onTextChange={onTextChange}
              onTimeChange={onTimeChange}
              onInvalidTime={(value) => setError(t('grid.invalidTime', { value }))}
            />
            <Inspector
              segment={selectedSegment}
              segmentNumber={selectedSegment ? document.segments.indexOf(selectedSegment) + 1 : undefined}
              projectNotes={loaded?.project.notes ?? []}
            />
          </>
        )}
      </main>
      {dialog === 'export' && loaded !== undefined && (
        <ExportDialog
          api={api}
          mode={mode}
          project={loaded.project}
          defaultFolder={defaultExportFolder}
          onClose={() => setDialog(undefined)}
        />
      )}
      {(dialog === 'open' || dialog === 'saveAs') && (
        <PathDialog
          title={dialog === 'open' ? t('file.openTitle') : t('file.saveTitle')}
          initialPath={loaded?.path ?? ''}
          onCancel={() => setDialog(undefined)}
          onConfirm={(path) => {
            setDialog(undefined);
            void (dialog === 'open' ? open(path) : save(path));
          }}
        />
      )}
    </div>
  );
}
