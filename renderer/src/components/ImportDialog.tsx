import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cue } from '../../../src/formats/cue';
import { FORMAT_CATALOG } from '../../../src/formats/catalog';
import { parseSubtitles, SubtitleParseError } from '../../../src/formats/subtitleReader';
import type { Language } from '../../../src/languages';
import type { CueMatching } from '../../../src/model/importCues';
import type { AssScript, Project } from '../../../src/model/project';
import { decodeText, DecodeError } from '../../../src/text/decode';
import { LanguageSelect } from './LanguageSelect';
import { FormFooter } from './FormFooter';
import { Modal } from './Modal';

/** What to import where, handed to the app to apply as one undoable edit. */
export interface SubtitleImport {
  /** A transcript's id, or "new" for a new transcript. */
  readonly documentId: string;
  readonly title: string;
  readonly language: Language;
  readonly matching: CueMatching;
  readonly cues: ReadonlyArray<Cue>;
  /** Cues the reader could not read and left out (line and reason), so the translator is told. */
  readonly dropped: ReadonlyArray<{ readonly line: number; readonly problem: string }>;
  /** An ASS/SSA file's script info and styles, kept for the ASS export. */
  readonly assScript?: AssScript | undefined;
}

/** Every subtitle file Subrelay reads, from the format catalog (SRT, WebVTT, TTML, ASS, SBV…). */
const ACCEPTED = FORMAT_CATALOG.filter((format) => format.readable && format.convertible)
  .flatMap((format) => format.extensions.map((extension) => `.${extension}`))
  .join(',');

const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const ENCODINGS = [
  'auto',
  'utf-8',
  'utf-16le',
  'utf-16be',
  'euc-kr',
  'windows-1251',
  'koi8-r',
  'koi8-u',
  'windows-1252',
];

/** Resolves once the browser has painted what is on screen now (or after 100 ms where frames are paused). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

/** Reads a subtitle file (any format Subrelay reads, any encoding or the one the user names) into a transcript. */
export function ImportDialog(props: {
  readonly project: Project;
  readonly documentId: string | undefined;
  readonly onImport: (request: SubtitleImport) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const transcripts = props.project.documents.filter((d) => d.kind === 'transcript');
  const [documentId, setDocumentId] = useState<string>(
    transcripts.some((d) => d.id === props.documentId) ? (props.documentId ?? 'new') : (transcripts[0]?.id ?? 'new'),
  );
  const [language, setLanguage] = useState<Language>('ko');
  const [matching, setMatching] = useState<CueMatching>('overlap');
  const [encoding, setEncoding] = useState('auto');
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<string>();
  const [working, setWorking] = useState<string>();
  const fileId = useId();

  async function run(): Promise<void> {
    if (working !== undefined) return;
    if (file === undefined) return setProblem(t('import.needFile'));
    setProblem(undefined);
    const fail = (message: string): void => setProblem(t('error.withFile', { file: file.name, message }));
    if (file.size > MAX_IMPORT_BYTES) {
      return fail(t('problem.too-large', { size: file.size, limit: MAX_IMPORT_BYTES }));
    }
    // Reading and importing a long file holds the page for a second or more: say so first, and let it paint.
    setWorking(file.name);
    try {
      await afterPaint();
      const decoded = decodeText(new Uint8Array(await file.arrayBuffer()), {
        language,
        ...(encoding === 'auto' ? {} : { encoding }),
      });
      const { cues, dropped, assScript } = parseSubtitles(decoded.text, { file: file.name });
      const title = file.name.replace(/\.[^.]+$/u, '');
      props.onImport({ documentId, title, language, matching, cues, dropped, assScript });
    } catch (caught) {
      if (caught instanceof DecodeError) return fail(t(`problem.decode-${caught.problem}`));
      if (caught instanceof SubtitleParseError) {
        return fail(t('problem.bad-subtitles', { line: caught.line, detail: caught.problem }));
      }
      return fail(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setWorking(undefined);
    }
  }

  return (
    <Modal title={t('import.title')} onClose={props.onClose}>
      <form
        aria-busy={working !== undefined}
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <div className="field">
          <label htmlFor={fileId}>{t('import.file')}</label>
          <input id={fileId} type="file" accept={ACCEPTED} onChange={(event) => setFile(event.target.files?.[0])} />
        </div>
        <label className="field">
          <span>{t('import.document')}</span>
          <select value={documentId} onChange={(event) => setDocumentId(event.target.value)}>
            {transcripts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
            <option value="new">{t('import.newDocument')}</option>
          </select>
        </label>
        <LanguageSelect
          label={t('import.language')}
          value={language}
          languages={props.project.languages}
          onChange={setLanguage}
        />
        {documentId !== 'new' && (
          <label className="field">
            <span>{t('import.matching')}</span>
            <select
              value={matching}
              onChange={(event) => setMatching(event.target.value === 'order' ? 'order' : 'overlap')}
            >
              <option value="overlap">{t('import.byTime')}</option>
              <option value="order">{t('import.byOrder')}</option>
            </select>
          </label>
        )}
        <label className="field">
          <span>{t('import.encoding')}</span>
          <select value={encoding} onChange={(event) => setEncoding(event.target.value)}>
            {ENCODINGS.map((label) => (
              <option key={label} value={label}>
                {label === 'auto' ? t('import.detect') : label}
              </option>
            ))}
          </select>
        </label>
        <p role="status" className="status-line">
          {working !== undefined && t('import.working', { file: working })}
        </p>
        <FormFooter
          problem={problem}
          cancelLabel={t('import.cancel')}
          submitLabel={t('import.run')}
          onCancel={props.onClose}
        />
      </form>
    </Modal>
  );
}
