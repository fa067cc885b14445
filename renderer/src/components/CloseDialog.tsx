import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';

/** Asks before a window with unsaved changes closes (desktop app; browsers ask themselves). */
export function CloseDialog(props: {
  readonly name: string;
  readonly onSave: () => void;
  readonly onDiscard: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal title={t('close.title')} onClose={props.onCancel}>
      <p>{t('close.body', { name: props.name })}</p>
      <div className="buttons">
        <button type="button" onClick={props.onCancel}>
          {t('close.cancel')}
        </button>
        <button type="button" onClick={props.onDiscard}>
          {t('close.discard')}
        </button>
        <button type="button" className="primary" onClick={props.onSave} autoFocus>
          {t('close.save')}
        </button>
      </div>
    </Modal>
  );
}
