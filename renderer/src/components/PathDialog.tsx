import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';

/** The web mode's stand-in for a file dialog: a labelled path field. */
export function PathDialog(props: {
  readonly title: string;
  readonly initialPath: string;
  readonly onCancel: () => void;
  readonly onConfirm: (path: string) => void;
}) {
  const { t } = useTranslation();
  const [path, setPath] = useState(props.initialPath);
  return (
    <Modal title={props.title} onClose={props.onCancel}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (path.trim() !== '') props.onConfirm(path.trim());
        }}
      >
        <label className="field">
          <span>{t('file.pathLabel')}</span>
          <input
            type="text"
            value={path}
            spellCheck={false}
            onChange={(event) => setPath(event.target.value)}
            data-autofocus
          />
        </label>
        <div className="buttons">
          <button type="button" onClick={props.onCancel}>
            {t('file.cancel')}
          </button>
          <button type="submit" className="primary" disabled={path.trim() === ''}>
            {t('file.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
