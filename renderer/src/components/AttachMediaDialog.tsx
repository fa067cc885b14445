import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/api/problems';
import { describeProblem } from '../describeError';
import { Modal } from './Modal';

/**
 * Media ▸ Attach video or audio… in the web mode (and Locate… for media
 * that is not there): a path field named "Media file path", inside the
 * folder the server was started on. A path that is not there, or is not
 * video or audio, is said here and nothing changes.
 */
export function AttachMediaDialog(props: {
  readonly locate: boolean;
  readonly initialPath: string;
  readonly onAttach: (path: string) => Promise<Problem | undefined>;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [path, setPath] = useState(props.initialPath);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  return (
    <Modal title={t(props.locate ? 'media.locateTitle' : 'media.attachTitle')} onClose={props.onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (path.trim() === '' || busy) return;
          setBusy(true);
          void props.onAttach(path.trim()).then((found) => {
            setBusy(false);
            setProblem(found);
          });
        }}
      >
        <p>{t('media.attachHelp')}</p>
        <label className="field">
          <span>{t('media.path')}</span>
          <input
            type="text"
            value={path}
            spellCheck={false}
            onChange={(event) => setPath(event.target.value)}
            aria-invalid={problem !== undefined ? true : undefined}
            data-autofocus
          />
        </label>
        {problem !== undefined && (
          <p role="alert" className="field-error">
            {describeProblem(problem, t)}
          </p>
        )}
        <div className="buttons">
          <button type="button" onClick={props.onClose}>
            {t('file.cancel')}
          </button>
          <button type="submit" className="primary" disabled={path.trim() === '' || busy}>
            {t('media.attach')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
