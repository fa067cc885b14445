import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENDONYMS, type Language } from '../../../src/languages';
import type { SegmentComment } from '../../../src/model/project';
import { cellComments } from '../../../src/review/comments';
import { authorName, rememberAuthorName } from '../authorName';
import { indexOfSegment, selectDocument, type AppState } from '../store/appState';
import { useAppState, useDispatcher } from '../store/context';
import { FormFooter } from './FormFooter';
import { Modal } from './Modal';

/**
 * The notes on one cell: everyone's comments with their author and time,
 * the reviewer's own ones editable (emptied ones are deleted), and a new
 * one. Saving is one undo step; the reviewer's name is remembered on this
 * computer for the next note.
 */
export function NoteDialog(props: {
  readonly documentId: string;
  readonly segmentId: string;
  readonly language: Language;
}) {
  const { t, i18n } = useTranslation();
  const dispatcher = useDispatcher();
  const { documentId, segmentId, language } = props;
  const view = useAppState(
    useCallback(
      (state: AppState) => {
        const document =
          state.workspace?.history.present.documents.find((d) => d.id === documentId) ?? selectDocument(state);
        const index = document === undefined ? -1 : indexOfSegment(document, segmentId);
        return { segment: index < 0 ? undefined : document?.segments[index], number: index + 1 };
      },
      [documentId, segmentId],
    ),
    (a, b) => a.segment === b.segment && a.number === b.number,
  );
  const existing: ReadonlyArray<SegmentComment> =
    view.segment === undefined ? [] : cellComments(view.segment, language);
  const [author, setAuthor] = useState(authorName);
  const [edited, setEdited] = useState<ReadonlyArray<string>>(() => existing.map((comment) => comment.text));
  const [added, setAdded] = useState('');
  const [problem, setProblem] = useState<string>();
  const time = (iso: string): string => new Date(iso).toLocaleString(i18n.language);
  const mine = (comment: SegmentComment): boolean => author.trim() !== '' && comment.author === author.trim();

  function save(): void {
    const name = author.trim();
    const changed = existing.some((comment, index) => edited[index] !== comment.text);
    if (name === '' && (added.trim() !== '' || changed)) {
      setProblem(t('note.needAuthor'));
      return;
    }
    rememberAuthorName(name);
    const now = new Date().toISOString();
    const comments = [
      ...existing.map((comment, index) => {
        const text = edited[index] ?? comment.text;
        return text === comment.text ? comment : { author: comment.author, time: now, text };
      }),
      ...(added.trim() === '' ? [] : [{ author: name, time: now, text: added }]),
    ];
    dispatcher.saveCellNotes({ documentId, segmentId }, language, comments);
  }

  return (
    <Modal
      title={t('note.title', { language: ENDONYMS[language], number: view.number })}
      onClose={() => dispatcher.closeToCell()}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <label className="field">
          <span>{t('note.author')}</span>
          <input type="text" value={author} autoComplete="name" onChange={(event) => setAuthor(event.target.value)} />
        </label>
        {view.segment?.note !== undefined && view.segment.note !== '' && (
          <section className="note-existing">
            <h3>{t('note.rowNote')}</h3>
            <p>{view.segment.note}</p>
          </section>
        )}
        {existing.length === 0 && <p className="muted">{t('note.none')}</p>}
        {existing.map((comment, index) => {
          const label = t('note.byAuthor', { author: comment.author, time: time(comment.time) });
          return mine(comment) ? (
            <label className="field" key={`${comment.time}-${index}`}>
              <span>{label}</span>
              <textarea
                lang={language}
                value={edited[index] ?? ''}
                rows={2}
                onChange={(event) => setEdited(edited.map((text, i) => (i === index ? event.target.value : text)))}
              />
            </label>
          ) : (
            <section className="note-existing" key={`${comment.time}-${index}`}>
              <h3>{label}</h3>
              <p lang={language}>{comment.text}</p>
            </section>
          );
        })}
        <label className="field">
          <span>{t('note.new')}</span>
          <textarea lang={language} value={added} rows={3} onChange={(event) => setAdded(event.target.value)} />
        </label>
        <FormFooter
          problem={problem}
          cancelLabel={t('note.cancel')}
          submitLabel={t('note.save')}
          onCancel={() => dispatcher.closeToCell()}
        />
      </form>
    </Modal>
  );
}
