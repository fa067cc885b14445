import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  InterchangeFormatError,
  readXliff,
  type XliffContent,
  type XliffImportReport,
} from '../../../src/interchange/xliff';
import { ENDONYMS } from '../../../src/languages';
import type { Project } from '../../../src/model/project';
import { importXliff } from '../../../src/usecases/importXliff';
import { UsecaseError } from '../../../src/usecases/usecaseError';
import { describeError } from '../describeError';
import { FormFooter } from './FormFooter';
import { Modal } from './Modal';

const MAX_XLIFF_BYTES = 50 * 1024 * 1024;

/**
 * Takes back an XLIFF file a CAT tool returned: target texts and statuses only.
 *
 * The app applies it as one undoable edit; the dialog then lists what changed.
 */
export function XliffImportDialog(props: {
  readonly project: Project;
  readonly onApply: (content: XliffContent) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<string>();
  const [report, setReport] = useState<XliffImportReport>();
  const fileId = useId();

  async function run(): Promise<void> {
    if (file === undefined) return setProblem(t('import.needFile'));
    setProblem(undefined);
    const fail = (message: string): void => setProblem(t('error.withFile', { file: file.name, message }));
    if (file.size > MAX_XLIFF_BYTES) return fail(t('problem.too-large', { size: file.size, limit: MAX_XLIFF_BYTES }));
    try {
      const content = readXliff(await file.text());
      // The same use case as `subrelay import`: it refuses a result Subrelay could not open again.
      const applied = importXliff(props.project, content);
      props.onApply(content);
      setReport(applied.report);
    } catch (caught) {
      if (caught instanceof InterchangeFormatError) return fail(t('xliffImport.bad', { detail: caught.message }));
      if (caught instanceof UsecaseError) return fail(describeError(caught, t));
      return fail(caught instanceof Error ? caught.message : String(caught));
    }
  }

  const title = (documentId: string): string =>
    props.project.documents.find((d) => d.id === documentId)?.title ?? documentId;
  const rowNumber = (documentId: string, segmentId: string): number =>
    (props.project.documents.find((d) => d.id === documentId)?.segments.findIndex((s) => s.id === segmentId) ?? -1) + 1;

  return (
    <Modal title={t('xliffImport.title')} onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <p>{t('xliffImport.explain')}</p>
        <div className="field">
          <label htmlFor={fileId}>{t('xliffImport.file')}</label>
          <input
            id={fileId}
            type="file"
            accept=".xlf,.xliff,application/xliff+xml"
            onChange={(event) => {
              setFile(event.target.files?.[0]);
              setReport(undefined);
            }}
          />
        </div>
        <div role="status" className="export-result">
          {report !== undefined && (
            <>
              <p>
                {t('xliffImport.done', {
                  count: report.changed.length,
                  unchanged: report.unchanged,
                  language: ENDONYMS[report.language],
                })}
              </p>
              <ul>
                {report.changed.map((change) => (
                  <li key={`${change.documentId}/${change.segmentId}`}>
                    {t('xliffImport.changedRow', {
                      document: title(change.documentId),
                      segment: rowNumber(change.documentId, change.segmentId),
                      before: t(`status.${change.statusBefore}`),
                      after: t(`status.${change.statusAfter}`),
                    })}
                  </li>
                ))}
              </ul>
              {report.unknownUnits.length + report.unknownFiles.length > 0 && (
                <p>{t('xliffImport.unknown', { count: report.unknownUnits.length + report.unknownFiles.length })}</p>
              )}
            </>
          )}
        </div>
        <FormFooter
          problem={problem}
          cancelLabel={report === undefined ? t('xliffImport.cancel') : t('xliffImport.close')}
          submitLabel={t('xliffImport.run')}
          onCancel={props.onClose}
        />
      </form>
    </Modal>
  );
}
