import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENDONYMS, type Language } from '../../../src/languages';
import type { Project } from '../../../src/model/project';
import { decodeText, DecodeError } from '../../../src/text/decode';
import { LanguageSelect } from './LanguageSelect';
import { FormFooter } from './FormFooter';
import { Modal } from './Modal';

/** What the translator asked to align, handed to the app to run as one undoable edit. */
export interface AlignRequest {
  readonly documentId: string;
  readonly language: Language;
  readonly pivot: Language;
  readonly text: string;
  readonly presegmented: boolean;
}

const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Paste or import a translation and choose where it goes and what it is aligned against. */
export function AlignDialog(props: {
  readonly project: Project;
  readonly documentId: string;
  readonly onAlign: (request: AlignRequest) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [documentId, setDocumentId] = useState(props.documentId);
  const document = props.project.documents.find((d) => d.id === documentId) ?? props.project.documents[0];
  const filled = useMemo(
    () =>
      props.project.languages.filter((language) =>
        document?.segments.some((s) => s.excluded !== true && s.texts[language].trim() !== ''),
      ),
    [document, props.project.languages],
  );
  const firstEmpty = props.project.languages.find((language) => !filled.includes(language));
  const [language, setLanguage] = useState<Language>(firstEmpty ?? props.project.languages[1] ?? 'ko');
  const defaultPivot =
    document !== undefined && filled.includes(document.sourceLanguage) ? document.sourceLanguage : filled[0];
  const [pivot, setPivot] = useState<Language | undefined>(defaultPivot);
  const [text, setText] = useState('');
  const [presegmented, setPresegmented] = useState(false);
  const [note, setNote] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const fileId = useId();

  async function importFile(file: File): Promise<void> {
    setProblem(undefined);
    if (file.size > MAX_IMPORT_BYTES) {
      setProblem(
        t('error.withFile', {
          file: file.name,
          message: t('problem.too-large', { size: file.size, limit: MAX_IMPORT_BYTES }),
        }),
      );
      return;
    }
    try {
      const decoded = decodeText(new Uint8Array(await file.arrayBuffer()), { language });
      setText(decoded.text);
      setNote(t('align.encoding', { encoding: decoded.encoding }));
    } catch (caught) {
      const message =
        caught instanceof DecodeError
          ? t(`problem.decode-${caught.problem}`)
          : caught instanceof Error
            ? caught.message
            : String(caught);
      setProblem(t('error.withFile', { file: file.name, message }));
    }
  }

  return (
    <Modal title={t('align.title')} onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim() === '') return setProblem(t('align.empty'));
          if (pivot === undefined || !filled.includes(pivot)) {
            return setProblem(t('align.noPivot', { language: ENDONYMS[pivot ?? 'en'] }));
          }
          if (document === undefined) return;
          props.onAlign({ documentId: document.id, language, pivot, text, presegmented });
        }}
      >
        <label className="field">
          <span>{t('align.document')}</span>
          <select value={documentId} onChange={(event) => setDocumentId(event.target.value)}>
            {props.project.documents.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
        <LanguageSelect
          label={t('align.language')}
          value={language}
          languages={props.project.languages}
          onChange={setLanguage}
        />
        <LanguageSelect
          label={t('align.pivot')}
          value={pivot}
          languages={filled.filter((l) => l !== language)}
          onChange={setPivot}
        />
        <label className="field">
          <span>{t('align.text')}</span>
          <textarea
            lang={language}
            rows={8}
            value={text}
            onChange={(event) => setText(event.target.value)}
            className="align-text"
          />
        </label>
        <div className="field">
          <label htmlFor={fileId}>{t('align.import')}</label>
          <input
            id={fileId}
            type="file"
            accept=".txt,text/plain"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file !== undefined) void importFile(file);
            }}
          />
          {note !== undefined && <p className="muted">{note}</p>}
        </div>
        <label className="check">
          <input type="checkbox" checked={presegmented} onChange={(event) => setPresegmented(event.target.checked)} />
          {t('align.presegmented')}
        </label>
        {document !== undefined && filled.includes(language) && (
          <p className="muted">{t('align.replaces', { language: ENDONYMS[language], document: document.title })}</p>
        )}
        <FormFooter
          problem={problem}
          cancelLabel={t('align.cancel')}
          submitLabel={t('align.run')}
          onCancel={props.onClose}
        />
      </form>
    </Modal>
  );
}
