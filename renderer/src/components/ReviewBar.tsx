import { useTranslation } from 'react-i18next';
import { ENDONYMS, isLanguage, type Language } from '../../../src/languages';
import { isFilterActive, type RowFilter } from '../../../src/review/filter';
import type { LanguageProgress } from '../../../src/review/progress';
import { useAppState, useDispatcher } from '../store/context';
import { selectProgress, selectRowCount, selectVisibleRowIds } from '../store/filters';
import type { AppState } from '../store/appState';

const REVIEW_STATUSES = ['draft', 'translated', 'reviewed', 'approved'] as const;
type ReviewStatus = (typeof REVIEW_STATUSES)[number];
const NO_LANGUAGES: ReadonlyArray<Language> = [];

function isReviewStatus(value: string): value is ReviewStatus {
  return (REVIEW_STATUSES as ReadonlyArray<string>).includes(value);
}

function sameProgress(a: ReadonlyArray<LanguageProgress>, b: ReadonlyArray<LanguageProgress>): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i];
      return (
        q !== undefined &&
        p.language === q.language &&
        p.translated === q.translated &&
        p.reviewed === q.reviewed &&
        p.approved === q.approved &&
        p.total === q.total
      );
    })
  );
}

const selectShown = (state: AppState): number => selectVisibleRowIds(state).length;

/**
 * The review line above the grid: how far each translation has come in the
 * open document, and the filter that chooses which rows the grid shows.
 */
export function ReviewBar() {
  const { t } = useTranslation();
  const dispatcher = useDispatcher();
  const progress = useAppState(selectProgress, sameProgress);
  const filter = useAppState((state) => state.filter);
  const shown = useAppState(selectShown);
  const total = useAppState(selectRowCount);
  const languages = useAppState((state) => state.workspace?.history.present.languages ?? NO_LANGUAGES);
  const change = (update: Partial<RowFilter>): void => {
    const merged = { ...filter, ...update };
    // Only the conditions that hold are kept, so "no filter" is always `{}`.
    dispatcher.setFilter(
      Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined && value !== false)),
    );
  };
  const active = isFilterActive(filter);
  return (
    <section className="review-bar" aria-label={t('review.label')}>
      <ul className="review-progress" aria-label={t('review.progressLabel')}>
        {progress.map((p) => (
          <li key={p.language}>
            {t('review.progress', {
              language: ENDONYMS[p.language],
              translated: p.translated,
              reviewed: p.reviewed,
              approved: p.approved,
              count: p.total,
            })}
          </li>
        ))}
      </ul>
      <div role="group" aria-label={t('review.filter')} className="review-filter">
        <span aria-hidden="true">{t('review.filter')}</span>
        <label className="check">
          <span>{t('review.filterLanguage')}</span>
          <select
            value={filter.language ?? ''}
            onChange={(event) => change({ language: isLanguage(event.target.value) ? event.target.value : undefined })}
          >
            <option value="">{t('review.anyLanguage')}</option>
            {languages.map((language) => (
              <option key={language} value={language} lang={language}>
                {ENDONYMS[language]}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <span>{t('review.filterStatus')}</span>
          <select
            value={filter.status ?? ''}
            onChange={(event) =>
              change({ status: isReviewStatus(event.target.value) ? event.target.value : undefined })
            }
          >
            <option value="">{t('review.anyStatus')}</option>
            {REVIEW_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.findings === true}
            onChange={(event) => change({ findings: event.target.checked })}
          />
          {t('review.withFindings')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.notes === true}
            onChange={(event) => change({ notes: event.target.checked })}
          />
          {t('review.withNotes')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.uncertain === true}
            onChange={(event) => change({ uncertain: event.target.checked })}
          />
          {t('review.uncertain')}
        </label>
        {active && (
          <>
            <span className="muted" role="status">
              {t('review.showing', { count: shown, total })}
            </span>
            <button type="button" onClick={() => dispatcher.setFilter({})}>
              {t('review.showAll')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
