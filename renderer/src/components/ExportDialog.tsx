import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResponse, SubrelayApi } from '../../../src/api/contract';
import type { ExportFormat, ExportWarning } from '../../../src/export/plan';
import { ENDONYMS, type Language } from '../../../src/languages';
import type { Project, ProjectSettings } from '../../../src/model/project';
import { describeError } from '../describeError';
import { LanguageSelect } from './LanguageSelect';
import { Modal } from './Modal';

function toggle<T>(list: ReadonlyArray<T>, value: T, on: boolean): T[] {
  return on ? [...new Set([...list, value])] : list.filter((item) => item !== value);
}

function WarningLine({ warning, project }: { readonly warning: ExportWarning; readonly project: Project }) {
  const { t } = useTranslation();
  const document = project.documents.find((d) => d.id === warning.documentId);
  const number = document ? document.segments.findIndex((s) => s.id === warning.segmentId) + 1 : 0;
  const values = {
    document: document?.title ?? warning.documentId,
    language: ENDONYMS[warning.language],
    segment: number,
  };
  switch (warning.code) {
    case 'untranslated':
      return <li>{t('export.warningUntranslated', values)}</li>;
    case 'untimed':
      return <li>{t('export.warningUntimed', values)}</li>;
    case 'not-applicable':
      return <li>{t('export.warningNotApplicable', values)}</li>;
  }
}

/** Chooses documents, languages, format and folder, then writes the files. */
export function ExportDialog(props: {
  readonly api: SubrelayApi;
  readonly mode: 'electron' | 'web';
  readonly project: Project;
  readonly defaultFolder: string;
  readonly onSettingsChange: (settings: ProjectSettings) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  // The dialog opens as it was last used for this project (the choices are saved with it).
  const remembered = props.project.settings.export;
  const known = new Set(props.project.documents.map((d) => d.id));
  const [documentIds, setDocumentIds] = useState<string[]>(
    remembered?.documentIds.filter((id) => known.has(id)) ?? [...known],
  );
  const [languages, setLanguages] = useState<Language[]>([...(remembered?.languages ?? props.project.languages)]);
  const [format, setFormat] = useState<ExportFormat>(remembered?.format ?? 'auto');
  const [lineEnding, setLineEnding] = useState<'crlf' | 'lf'>(remembered?.lineEnding ?? 'crlf');
  const [bom, setBom] = useState(remembered?.bom ?? false);
  const [secondLanguage, setSecondLanguage] = useState<Language>(remembered?.secondLanguage ?? 'en');
  const [folder, setFolder] = useState(props.mode === 'web' ? props.defaultFolder : '');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ApiResponse<'exportFiles'>>();
  const [problem, setProblem] = useState<string>();

  const allLanguages = languages.length === props.project.languages.length;

  async function run(): Promise<void> {
    if (documentIds.length === 0) return setProblem(t('export.needDocument'));
    if (languages.length === 0) return setProblem(t('export.needLanguage'));
    if (folder.trim() === '') return setProblem(t('export.needFolder'));
    setProblem(undefined);
    setBusy(true);
    props.onSettingsChange({
      ...props.project.settings,
      export: {
        documentIds,
        languages: props.project.languages.filter((l) => languages.includes(l)),
        format,
        lineEnding,
        bom,
        ...(format === 'srt-bilingual' ? { secondLanguage } : {}),
      },
    });
    try {
      setResult(
        await props.api.exportFiles({
          project: props.project,
          documentIds,
          languages: props.project.languages.filter((l) => languages.includes(l)),
          format,
          folder: folder.trim(),
          lineEnding,
          bom,
          ...(format === 'srt-bilingual' ? { secondLanguage } : {}),
        }),
      );
    } catch (caught) {
      setProblem(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={t('export.title')} onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <fieldset>
          <legend>{t('export.documents')}</legend>
          {props.project.documents.map((document) => (
            <label key={document.id} className="check">
              <input
                type="checkbox"
                checked={documentIds.includes(document.id)}
                onChange={(event) => setDocumentIds(toggle(documentIds, document.id, event.target.checked))}
              />
              {document.title}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('export.languages')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={allLanguages}
              onChange={(event) => setLanguages(event.target.checked ? [...props.project.languages] : [])}
            />
            {t('export.allLanguages')}
          </label>
          {props.project.languages.map((language) => (
            <label key={language} className="check" lang={language}>
              <input
                type="checkbox"
                checked={languages.includes(language)}
                onChange={(event) => setLanguages(toggle(languages, language, event.target.checked))}
              />
              {ENDONYMS[language]}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('export.format')}</span>
          <select value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)}>
            <option value="auto">{t('export.formatAuto')}</option>
            <option value="srt">{t('export.formatSrt')}</option>
            <option value="vtt">{t('export.formatVtt')}</option>
            <option value="srt-bilingual">{t('export.formatBilingual')}</option>
            <option value="txt">{t('export.formatTxt')}</option>
          </select>
        </label>
        {format === 'srt-bilingual' && (
          <LanguageSelect
            label={t('export.secondLanguage')}
            value={secondLanguage}
            languages={props.project.languages}
            onChange={setSecondLanguage}
          />
        )}
        <label className="field">
          <span>{t('export.lineEnding')}</span>
          <select value={lineEnding} onChange={(event) => setLineEnding(event.target.value === 'lf' ? 'lf' : 'crlf')}>
            <option value="crlf">{t('export.lineEndingCrlf')}</option>
            <option value="lf">{t('export.lineEndingLf')}</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={bom} onChange={(event) => setBom(event.target.checked)} />
          {t('export.bom')}
        </label>
        {props.mode === 'web' ? (
          <label className="field">
            <span>{t('export.folder')}</span>
            <input type="text" value={folder} spellCheck={false} onChange={(event) => setFolder(event.target.value)} />
          </label>
        ) : (
          <div className="field">
            <span>{t('export.folder')}</span>
            <output>{folder === '' ? t('export.noFolder') : folder}</output>
            <button
              type="button"
              onClick={() => {
                props.api.chooseExportFolder({}).then(
                  (chosen) => {
                    if (!chosen.canceled) setFolder(chosen.folder);
                  },
                  (caught: unknown) => setProblem(describeError(caught, t)),
                );
              }}
            >
              {t('export.chooseFolder')}
            </button>
          </div>
        )}
        {problem !== undefined && (
          <p role="alert" className="error-text">
            {problem}
          </p>
        )}
        <div role="status" className="export-result">
          {busy && <p>{t('export.working')}</p>}
          {result !== undefined && (
            <>
              <p>{t('export.done', { count: result.written.length, folder: result.folder })}</p>
              <ul className="written">
                {result.written.map((file) => (
                  <li key={file}>{file}</li>
                ))}
              </ul>
              {result.warnings.length > 0 && (
                <>
                  <p>{t('export.warnings', { count: result.warnings.length })}</p>
                  <ul>
                    {result.warnings.map((warning, index) => (
                      <WarningLine key={index} warning={warning} project={props.project} />
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </div>
        <div className="buttons">
          <button type="button" onClick={props.onClose}>
            {result === undefined ? t('export.cancel') : t('export.close')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('export.run')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
