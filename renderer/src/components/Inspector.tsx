import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ENDONYMS } from '../../../src/languages';
import type { Segment } from '../../../src/model/project';

/** The side panel: the selected segment's details and the project's notes. */
export function Inspector(props: {
  readonly qa?: ReactNode;
  readonly segment: Segment | undefined;
  readonly segmentNumber: number | undefined;
  readonly projectNotes: ReadonlyArray<string>;
}) {
  const { t, i18n } = useTranslation();
  return (
    <aside className="inspector" aria-label={t('inspector.label')}>
      {props.qa}
      {props.segment === undefined ? (
        <p className="muted">{t('inspector.noSelection')}</p>
      ) : (
        <section>
          <h2>{t('inspector.segment', { number: props.segmentNumber })}</h2>
          {props.segment.excluded === true && <p className="muted">{t('grid.excluded')}</p>}
          {props.segment.note !== undefined && (
            <>
              <h3>{t('inspector.note')}</h3>
              <p>{props.segment.note}</p>
            </>
          )}
          {(props.segment.comments ?? []).length > 0 && (
            <>
              <h3>{t('inspector.comments')}</h3>
              <ul className="inspector-comments">
                {(props.segment.comments ?? []).map((comment, index) => (
                  <li key={`${comment.language}-${comment.time}-${index}`}>
                    <span className="muted">
                      {t('inspector.comment', {
                        language: ENDONYMS[comment.language],
                        author: comment.author,
                        time: new Date(comment.time).toLocaleString(i18n.language),
                      })}
                    </span>
                    <p lang={comment.language}>{comment.text}</p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {props.projectNotes.length > 0 && (
        <section>
          <h2>{t('inspector.projectNotes')}</h2>
          <ul>
            {props.projectNotes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
