import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../store/appState';
import { Modal } from './Modal';

/**
 * Offers back the unsaved work left in journals (a crash, a closed tab), newest first.
 *
 * Restore of the newest has the focus; Later keeps every journal for another time.
 */
export function RestoreDialog(props: {
  readonly journals: ReadonlyArray<JournalEntry>;
  readonly onRestore: (journal: JournalEntry) => void;
  readonly onDiscard: (journal: JournalEntry) => void;
  readonly onLater: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <Modal title={t('journal.title')} onClose={props.onLater}>
      <p>{t('journal.intro', { count: props.journals.length })}</p>
      <ul className="journal-list">
        {props.journals.map((journal, index) => {
          const time = new Date(journal.savedAt).toLocaleString(i18n.language);
          const describedBy = `${id}-${index}`;
          return (
            <li key={`${journal.journalId}:${journal.path ?? ''}`}>
              <span id={describedBy}>{t('journal.entry', { name: journal.name, time })}</span>
              <span className="buttons-inline">
                <button type="button" aria-describedby={describedBy} onClick={() => props.onDiscard(journal)}>
                  {t('journal.discard')}
                </button>
                <button
                  type="button"
                  className="primary"
                  aria-describedby={describedBy}
                  onClick={() => props.onRestore(journal)}
                  {...(index === 0 ? { 'data-autofocus': true } : {})}
                >
                  {t('journal.restore')}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      <div className="buttons">
        <button type="button" onClick={props.onLater}>
          {t('journal.later')}
        </button>
      </div>
    </Modal>
  );
}
