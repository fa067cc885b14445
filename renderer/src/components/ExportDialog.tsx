import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResponse, SubrelayApi } from '../../../src/api/contract';
import type { ExportFormat, ExportWarning } from '../../../src/export/plan';
import { describeFormat, FORMAT_CATALOG, type FormatGroup, type FormatOption } from '../../../src/formats/catalog';
import { ENDONYMS, type Language } from '../../../src/languages';
import type { Project, ProjectSettings, SegmentStatus } from '../../../src/model/project';
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
    case 'source-language':
      return <li>{t('export.warningSourceLanguage', values)}</li>;
    case 'does-not-fit':
      return <li>{t('export.warningDoesNotFit', values)}</li>;
    case 'espeak-missing':
      return <li>{t('export.warningEspeakMissing')}</li>;
    case 'no-source-text':
      return <li>{t('export.warningNoSourceText', values)}</li>;
    case 'nothing-finished':
      return <li>{t('export.warningNothingFinished', values)}</li>;
    case 'language-not-supported':
      return <li>{t('export.warningLanguageNotSupported', values)}</li>;
    case 'characters-replaced':
      return (
        <li>
          {t('export.warningCharactersReplaced', {
            ...values,
            characters: warning.characters ?? '',
            writtenAs: warning.writtenAs ?? '',
          })}
        </li>
      );
  }
}

const GROUP_LABEL_KEYS: Readonly<Record<FormatGroup, string>> = {
  subtitles: 'export.groupSubtitles',
  documents: 'export.groupDocuments',
  dubbing: 'export.groupDubbing',
  review: 'export.groupReview',
  interchange: 'export.groupInterchange',
};

/** The formats in the dialog's list, grouped by what a translation desk ships, as the registry's catalog lists them. */
const FORMAT_GROUPS: ReadonlyArray<{ readonly labelKey: string; readonly formats: ReadonlyArray<ExportFormat> }> = (
  Object.keys(GROUP_LABEL_KEYS) as FormatGroup[]
).map((group) => ({
  labelKey: GROUP_LABEL_KEYS[group],
  formats: [
    ...(group === 'subtitles' ? (['auto'] as const) : []),
    ...FORMAT_CATALOG.filter((entry) => entry.group === group).map((entry) => entry.id),
  ],
}));

const FORMAT_LABEL_KEYS: Readonly<Record<ExportFormat, string>> = {
  auto: 'export.formatAuto',
  srt: 'export.formatSrt',
  vtt: 'export.formatVtt',
  'srt-bilingual': 'export.formatBilingual',
  ttml: 'export.formatTtml',
  ass: 'export.formatAss',
  sbv: 'export.formatSbv',
  stl: 'export.formatStl',
  txt: 'export.formatTxt',
  md: 'export.formatMd',
  docx: 'export.formatDocx',
  'dub-csv': 'export.formatDubCsv',
  'dub-html': 'export.formatDubHtml',
  'review-html': 'export.formatReviewHtml',
  'review-csv': 'export.formatReviewCsv',
  xliff2: 'export.formatXliff2',
  xliff12: 'export.formatXliff12',
  tmx: 'export.formatTmx',
};

const REVIEW_STATUSES: ReadonlyArray<SegmentStatus> = ['draft', 'translated', 'reviewed', 'approved'];

/** Whether the chosen format reads an option; `auto` writes SRT for transcripts. */
function usesOption(format: ExportFormat, option: FormatOption): boolean {
  return describeFormat(format === 'auto' ? 'srt' : format).options.includes(option);
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
  const [sourceLanguage, setSourceLanguage] = useState<Language>(remembered?.sourceLanguage ?? 'en');
  const [onlyFindings, setOnlyFindings] = useState(remembered?.reviewOnlyFindings ?? false);
  const [statuses, setStatuses] = useState<SegmentStatus[]>([...(remembered?.reviewStatuses ?? [])]);
  const [speakingTime, setSpeakingTime] = useState<'syllables' | 'espeak'>(remembered?.speakingTime ?? 'syllables');
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
    // Every choice is remembered, including those the chosen format does not use.
    const choices = {
      documentIds,
      languages: props.project.languages.filter((l) => languages.includes(l)),
      format,
      lineEnding,
      bom,
      secondLanguage,
      sourceLanguage,
      reviewOnlyFindings: onlyFindings,
      reviewStatuses: REVIEW_STATUSES.filter((s) => statuses.includes(s)),
      speakingTime,
    };
    props.onSettingsChange({ ...props.project.settings, export: choices });
    try {
      setResult(
        await props.api.exportFiles({
          project: props.project,
          documentIds,
          languages: choices.languages,
          format,
          folder: folder.trim(),
          lineEnding,
          bom,
          ...(usesOption(format, 'secondLanguage') ? { secondLanguage } : {}),
          ...(usesOption(format, 'sourceLanguage') ? { sourceLanguage } : {}),
          ...(usesOption(format, 'reviewFilters')
            ? { reviewOnlyFindings: onlyFindings, reviewStatuses: choices.reviewStatuses }
            : {}),
          ...(usesOption(format, 'speakingTime') ? { speakingTime } : {}),
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
            {FORMAT_GROUPS.map((group) => (
              <optgroup key={group.labelKey} label={t(group.labelKey)}>
                {group.formats.map((value) => (
                  <option key={value} value={value}>
                    {t(FORMAT_LABEL_KEYS[value])}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        {usesOption(format, 'sourceLanguage') && (
          <LanguageSelect
            label={t('export.sourceLanguage')}
            value={sourceLanguage}
            languages={props.project.languages}
            onChange={setSourceLanguage}
          />
        )}
        {usesOption(format, 'reviewFilters') && (
          <fieldset>
            <legend>{t('export.reviewRows')}</legend>
            <label className="check">
              <input
                type="checkbox"
                checked={onlyFindings}
                onChange={(event) => setOnlyFindings(event.target.checked)}
              />
              {t('export.onlyFindings')}
            </label>
            {REVIEW_STATUSES.map((status) => (
              <label key={status} className="check">
                <input
                  type="checkbox"
                  checked={statuses.includes(status)}
                  onChange={(event) => setStatuses(toggle(statuses, status, event.target.checked))}
                />
                {t('export.onlyStatus', { status: t(`status.${status}`) })}
              </label>
            ))}
          </fieldset>
        )}
        {usesOption(format, 'speakingTime') && (
          <label className="field">
            <span>{t('export.speakingTime')}</span>
            <select
              value={speakingTime}
              onChange={(event) => setSpeakingTime(event.target.value === 'espeak' ? 'espeak' : 'syllables')}
            >
              <option value="syllables">{t('export.speakingTimeSyllables')}</option>
              <option value="espeak">{t('export.speakingTimeEspeak')}</option>
            </select>
          </label>
        )}
        {usesOption(format, 'secondLanguage') && (
          <LanguageSelect
            label={t('export.secondLanguage')}
            value={secondLanguage}
            languages={props.project.languages}
            onChange={setSecondLanguage}
          />
        )}
        {usesOption(format, 'lineEnding') && (
          <>
            <label className="field">
              <span>{t('export.lineEnding')}</span>
              <select
                value={lineEnding}
                onChange={(event) => setLineEnding(event.target.value === 'lf' ? 'lf' : 'crlf')}
              >
                <option value="crlf">{t('export.lineEndingCrlf')}</option>
                <option value="lf">{t('export.lineEndingLf')}</option>
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={bom} onChange={(event) => setBom(event.target.checked)} />
              {t('export.bom')}
            </label>
          </>
        )}
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
