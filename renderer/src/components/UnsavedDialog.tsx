import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';

/**
 * Asks before unsaved changes would be replaced (Open, New, Open sample, Restore) or closed.
 *
 * Save has the focus: Enter never throws work away.
 */
export function UnsavedDialog(props: {
  readonly name: string;
  readonly closing: boolean;
  readonly onSave: () => void;
  readonly onDiscard: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const words = props.closing ? 'close' : 'unsaved';
  return (
    <Modal title={t(`${words}.title`)} onClose={props.onCancel}>
      <p>{t(`${words}.body`, { name: props.name })}</p>
      <div className="buttons">
        <button type="button" onClick={props.onCancel}>
          {t(`${words}.cancel`)}
        </button>
        <button type="button" onClick={props.onDiscard}>
          {t(`${words}.discard`)}
        </button>
        <button type="button" className="primary" onClick={props.onSave} data-autofocus>
          {t(`${words}.save`)}
        </button>
      </div>
    </Modal>
  );
}
