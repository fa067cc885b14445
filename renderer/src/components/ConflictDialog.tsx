import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';

/** A save found the file changed on disk since it was opened or saved: never overwrite it silently. */
export function ConflictDialog(props: {
  readonly path: string;
  readonly onChoose: (choice: 'overwrite' | 'saveAs' | 'reload' | 'cancel') => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal title={t('conflict.title')} onClose={() => props.onChoose('cancel')}>
      <p>{t('conflict.body', { path: props.path })}</p>
      <div className="buttons">
        <button type="button" onClick={() => props.onChoose('cancel')}>
          {t('conflict.cancel')}
        </button>
        <button type="button" onClick={() => props.onChoose('reload')}>
          {t('conflict.reload')}
        </button>
        <button type="button" onClick={() => props.onChoose('overwrite')}>
          {t('conflict.overwrite')}
        </button>
        <button type="button" className="primary" onClick={() => props.onChoose('saveAs')} data-autofocus>
          {t('conflict.saveAs')}
        </button>
      </div>
    </Modal>
  );
}
