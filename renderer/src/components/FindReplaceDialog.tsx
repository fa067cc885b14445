import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemKey } from '../../../src/api/problems';
import { commandForKeyPress } from '../../../src/commands/commands';
import { ENDONYMS, type Language } from '../../../src/languages';
import type { FindMatch, FindOptions } from '../../../src/usecases/findReplace';
import { indexOfSegment, selectDocument } from '../store/appState';
import { useAppState, useDispatcher } from '../store/context';

const NO_LANGUAGES: ReadonlyArray<Language> = [];
const MAC = typeof navigator !== 'undefined' && navigator.platform.startsWith('Mac');

/** The last search, so that the panel opens again as it was left (for this window). */
let remembered: {
  query: string;
  replacement: string;
  matchCase: boolean;
  wholeWord: boolean;
  regex: boolean;
  allDocuments: boolean;
  includeExcluded: boolean;
  columns: ReadonlyArray<Language> | undefined;
} = {
  query: '',
  replacement: '',
  matchCase: false,
  wholeWord: false,
  regex: false,
  allDocuments: false,
  includeExcluded: false,
  columns: undefined,
};

/**
 * Find and replace (Ctrl+F, Ctrl+H): a panel beside the grid, not a modal,
 * so the found cell can be edited while it stays open. "Find next" selects
 * the next match in the store (the grid scrolls to it and the cell takes
 * the focus); "Replace" replaces the match found last and goes on; "Replace
 * all" is one undo step. Escape closes the panel and returns to the cell.
 */
export function FindReplaceDialog(props: { readonly replace: boolean }) {
  const { t } = useTranslation();
  const dispatcher = useDispatcher();
  const titleId = useId();
  const languages = useAppState((state) => state.workspace?.history.present.languages ?? NO_LANGUAGES);
  const [query, setQuery] = useState(remembered.query);
  const [replacement, setReplacement] = useState(remembered.replacement);
  const [matchCase, setMatchCase] = useState(remembered.matchCase);
  const [wholeWord, setWholeWord] = useState(remembered.wholeWord);
  const [regex, setRegex] = useState(remembered.regex);
  const [allDocuments, setAllDocuments] = useState(remembered.allDocuments);
  const [includeExcluded, setIncludeExcluded] = useState(remembered.includeExcluded);
  const [columns, setColumns] = useState<ReadonlyArray<Language>>(remembered.columns ?? languages);
  const [message, setMessage] = useState<{ readonly text: string; readonly problem: boolean }>();
  const current = useRef<FindMatch | undefined>(undefined);
  const search = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLElement>(null);

  // The panel is not modal: the keys go on working in the grid while it is open (the app's own key
  // handler stands aside while a dialog is open). Escape closes it from anywhere; Ctrl+F and Ctrl+H
  // switch between finding and replacing.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        dispatcher.closeToCell();
        return;
      }
      const command = commandForKeyPress(event, MAC);
      if (command === undefined) return;
      if (command === 'find' || command === 'replace') {
        event.preventDefault();
        dispatcher.openDialog({ kind: 'find', replace: command === 'replace' });
        search.current?.focus();
        return;
      }
      // In the panel's own fields the keys are the fields' (Ctrl+Z undoes typing in "Find").
      if (event.target instanceof Node && panel.current?.contains(event.target) === true) return;
      event.preventDefault();
      const target = event.target;
      dispatcher.run(command, target instanceof HTMLTextAreaElement ? target.selectionStart : undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatcher]);

  useEffect(() => {
    remembered = { query, replacement, matchCase, wholeWord, regex, allDocuments, includeExcluded, columns };
  }, [query, replacement, matchCase, wholeWord, regex, allDocuments, includeExcluded, columns]);
  useEffect(() => {
    search.current?.focus();
    search.current?.select();
  }, [props.replace]);

  function options(): FindOptions | undefined {
    if (columns.length === 0) {
      setMessage({ text: t('find.noColumns'), problem: true });
      return undefined;
    }
    const state = dispatcher.store.getState();
    return {
      query,
      matchCase,
      wholeWord,
      regex,
      languages: columns,
      documentId: allDocuments ? undefined : selectDocument(state)?.id,
      includeExcluded,
    };
  }

  /** The match found last, if the selection is still on its cell. */
  function stillCurrent(): FindMatch | undefined {
    const match = current.current;
    const selection = dispatcher.store.getState().selection;
    return match !== undefined && selection?.segmentId === match.segmentId && selection.language === match.language
      ? match
      : undefined;
  }

  function describe(match: FindMatch): string {
    const project = dispatcher.store.getState().workspace?.history.present;
    const document = project?.documents.find((d) => d.id === match.documentId);
    return t('find.found', {
      document: document?.title ?? match.documentId,
      language: ENDONYMS[match.language],
      number: document === undefined ? 0 : indexOfSegment(document, match.segmentId) + 1,
    });
  }

  function findFrom(after: FindMatch | undefined, offset?: number): void {
    const chosen = options();
    if (chosen === undefined) return;
    const from =
      after === undefined
        ? undefined
        : {
            documentId: after.documentId,
            segmentId: after.segmentId,
            language: after.language,
            offset: offset ?? (after.end > after.start ? after.end : after.start + 1),
          };
    const outcome = dispatcher.findNext(chosen, from);
    switch (outcome.kind) {
      case 'match':
        current.current = outcome.match;
        setMessage({ text: describe(outcome.match), problem: false });
        return;
      case 'none':
        current.current = undefined;
        setMessage({ text: t('find.noMatch'), problem: false });
        return;
      case 'problem':
        current.current = undefined;
        setMessage({ text: t(problemKey(outcome.problem), { ...outcome.problem.params }), problem: true });
        return;
    }
  }

  function replaceOne(): void {
    const chosen = options();
    const match = stillCurrent();
    if (chosen === undefined) return;
    if (match === undefined) {
      findFrom(undefined);
      return;
    }
    const end = dispatcher.replaceMatch(chosen, match, replacement);
    findFrom(match, end);
  }

  function replaceEverything(): void {
    const chosen = options();
    if (chosen === undefined) return;
    const result = dispatcher.replaceAll(chosen, replacement);
    current.current = undefined;
    if ('code' in result) {
      setMessage({ text: t(problemKey(result), { ...result.params }), problem: true });
      return;
    }
    setMessage({ text: t('find.replacedAll', { count: result.replaced }), problem: false });
  }

  const check = (label: string, checked: boolean, onChange: (value: boolean) => void) => (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );

  return (
    <section ref={panel} role="dialog" aria-labelledby={titleId} className="find-panel">
      <h2 id={titleId}>{t('find.title')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          findFrom(stillCurrent());
        }}
      >
        <label className="field">
          <span>{t('find.find')}</span>
          <input
            ref={search}
            type="search"
            value={query}
            spellCheck={false}
            onChange={(event) => {
              setQuery(event.target.value);
              current.current = undefined;
            }}
          />
        </label>
        {props.replace && (
          <label className="field">
            <span>{t('find.replaceWith')}</span>
            <input
              type="text"
              value={replacement}
              spellCheck={false}
              onChange={(event) => setReplacement(event.target.value)}
            />
          </label>
        )}
        <div className="find-options">
          {check(t('find.matchCase'), matchCase, setMatchCase)}
          {check(t('find.wholeWord'), wholeWord, setWholeWord)}
          {check(t('find.regex'), regex, setRegex)}
        </div>
        <fieldset>
          <legend>{t('find.columns')}</legend>
          {languages.map((language) => (
            <label className="check" key={language} lang={language}>
              <input
                type="checkbox"
                checked={columns.includes(language)}
                onChange={(event) =>
                  setColumns(
                    event.target.checked
                      ? languages.filter((l) => l === language || columns.includes(l))
                      : columns.filter((l) => l !== language),
                  )
                }
              />
              {ENDONYMS[language]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('find.scope')}</legend>
          <label className="check">
            <input type="radio" name="find-scope" checked={!allDocuments} onChange={() => setAllDocuments(false)} />
            {t('find.scopeDocument')}
          </label>
          <label className="check">
            <input type="radio" name="find-scope" checked={allDocuments} onChange={() => setAllDocuments(true)} />
            {t('find.scopeAll')}
          </label>
          {check(t('find.includeExcluded'), includeExcluded, setIncludeExcluded)}
        </fieldset>
        <p role="status" className={message?.problem === true ? 'error-text' : 'muted'}>
          {message?.text ?? ''}
        </p>
        <div className="buttons">
          <button type="submit" className="primary">
            {t('find.next')}
          </button>
          {props.replace && (
            <>
              <button type="button" onClick={replaceOne}>
                {t('find.replace')}
              </button>
              <button type="button" onClick={replaceEverything}>
                {t('find.replaceAll')}
              </button>
            </>
          )}
          <button type="button" onClick={() => dispatcher.closeToCell()}>
            {t('find.close')}
          </button>
        </div>
      </form>
    </section>
  );
}
