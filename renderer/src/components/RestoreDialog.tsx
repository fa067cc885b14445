import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';

/** Offers back the unsaved work a crash (or a closed tab) left in the journal. */
export function RestoreDialog(props: {
  readonly name: string;
  readonly savedAt: string;
  readonly onRestore: () => void;
  readonly onDiscard: () => void;
}) {
  const { t, i18n } = useTranslation();
  const time = new Date(props.savedAt).toLocaleString(i18n.language);
  return (
    <Modal title={t('journal.title')} onClose={props.onRestore}>
      <p>{t('journal.body', { name: props.name, time })}</p>
      <div className="buttons">
        <button type="button" onClick={props.onDiscard}>
          {t('journal.discard')}
        </button>
        <button type="button" className="primary" onClick={props.onRestore} autoFocus>
          {t('journal.restore')}
        </button>
      </div>
    </Modal>
  );
}
