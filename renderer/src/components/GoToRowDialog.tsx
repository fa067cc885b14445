import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';

/** Go ▸ Go to row… (Ctrl+G, as "Go to subtitle number" in Subtitle Edit): a row number, 1 to `rows`. */
export function GoToRowDialog(props: {
  readonly rows: number;
  readonly current: number | undefined;
  readonly onGo: (row: number) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(props.current === undefined ? '' : String(props.current));
  const row = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(row) && row >= 1 && row <= props.rows;
  return (
    <Modal title={t('goToRow.title')} onClose={props.onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) props.onGo(row);
        }}
      >
        <label className="field">
          <span>{t('goToRow.label', { count: props.rows })}</span>
          <input
            type="number"
            min={1}
            max={props.rows}
            step={1}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={value.trim() !== '' && !valid ? true : undefined}
            data-autofocus
          />
        </label>
        <div className="buttons">
          <button type="button" onClick={props.onClose}>
            {t('file.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!valid}>
            {t('goToRow.go')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
