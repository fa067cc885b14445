import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENDONYMS, type Language } from '../../../src/languages';
import type { DubbingSettings, Segment, SubrelayDocument } from '../../../src/model/project';
import { segmentFit } from '../../../src/dub/speakingTime';
import { formatTimestamp, parseTime } from '../../../src/time/timecode';
import { DEFAULT_DUBBING } from '../../../src/dub/speakingTime';
import { qaMessage } from './QaPanel';
import { sameFindings, selectCellFindings, selectDocument, selectSegment, type AppState } from '../store/appState';
import { useAppState, useDispatcher } from '../store/context';
import { shallowArrayEqual } from '../store/store';
import { LocalizedError } from '../errors';

/** Seconds with one decimal in the interface language's notation ("2.5" / "2,5"). */
function seconds(milliseconds: number, locale: string): string {
  return (milliseconds / 1000).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/**
 * Whether a cell's line can be dubbed in its cue's slot: the time it takes
 * to say (estimated from syllables) against the slot, beyond the tolerance.
 */
function FitChip(props: { readonly segment: Segment; readonly language: Language; readonly dubbing: DubbingSettings }) {
  const { t, i18n } = useTranslation();
  const fit = segmentFit(props.segment, props.language, props.dubbing);
  if (fit === undefined) return null;
  const values = {
    speaking: seconds(fit.speakingMs, i18n.language),
    slot: seconds(fit.slotMs, i18n.language),
  };
  const label = fit.fit.fits ? t('grid.fits', values) : t('grid.doesNotFit', values);
  return (
    <span className={`fit-chip ${fit.fit.fits ? 'fits' : 'overflows'}`} role="img" aria-label={label} title={label}>
      {fit.fit.fits ? '✓' : '✗'} {values.speaking}/{values.slot}
    </span>
  );
}

function TimeInput(props: {
  readonly value: number | undefined;
  readonly label: string;
  readonly onCommit: (milliseconds: number) => void;
  readonly onInvalid: (value: string) => void;
}) {
  const shown = props.value === undefined ? '' : formatTimestamp(props.value);
  const [draft, setDraft] = useState<string>();
  return (
    <input
      className="time"
      type="text"
      inputMode="decimal"
      spellCheck={false}
      aria-label={props.label}
      value={draft ?? shown}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.currentTarget.blur();
        if (event.key === 'Escape') {
          setDraft(undefined);
        }
      }}
      onBlur={() => {
        if (draft === undefined || draft === shown) {
          setDraft(undefined);
          return;
        }
        const parsed = parseTime(draft);
        if (parsed === undefined) props.onInvalid(draft);
        else props.onCommit(parsed);
        setDraft(undefined);
      }}
    />
  );
}

/** One cell's text box: takes the focus when the store's selection asks for it. */
function TextCell(props: {
  readonly documentId: string;
  readonly segment: Segment;
  readonly number: number;
  readonly language: Language;
  readonly timed: boolean;
  readonly dubbing: DubbingSettings;
}) {
  const { t } = useTranslation();
  const dispatcher = useDispatcher();
  const { segment, language, number } = props;
  const findings = useAppState(
    useCallback((state) => selectCellFindings(state, segment.id, language), [segment.id, language]),
    sameFindings,
  );
  const focusToken = useAppState(
    useCallback(
      (state) =>
        state.selection?.segmentId === segment.id && state.selection.language === language ? state.focusToken : -1,
      [segment.id, language],
    ),
  );
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusToken > 0 && document.activeElement !== box.current) box.current?.focus();
  }, [focusToken]);
  const excluded = segment.excluded === true;
  const uncertain = (segment.confidence?.[language] ?? 1) < 0.5;
  const severity = findings.some((f) => f.severity === 'error') ? 'qa-error' : findings.length > 0 ? 'qa-warning' : '';
  const description = [
    ...(uncertain ? [t('align.uncertainCell')] : []),
    ...findings.map((finding) => qaMessage(finding, t)),
  ].join('; ');
  const ref = { documentId: props.documentId, segmentId: segment.id };
  return (
    <td className={`text-cell lang-${language}${uncertain ? ' uncertain' : ''} ${severity}`}>
      <textarea
        ref={box}
        lang={language}
        data-cell={`${segment.id}:${language}`}
        aria-label={t('grid.cellLabel', { language: ENDONYMS[language], number })}
        aria-description={description === '' ? undefined : description}
        aria-invalid={severity === 'qa-error' ? true : undefined}
        value={segment.texts[language]}
        rows={1}
        spellCheck
        onFocus={() => dispatcher.select({ segmentId: segment.id, language })}
        onChange={(event) => dispatcher.setText(ref, language, event.target.value)}
      />
      <span
        className={`status-chip status-${segment.status[language]}`}
        aria-label={t('status.label', { status: t(`status.${segment.status[language]}`) })}
      >
        {t(`status.${segment.status[language]}`)}
      </span>
      {props.timed && !excluded && <FitChip segment={segment} language={language} dubbing={props.dubbing} />}
    </td>
  );
}

/** One row: re-renders only when its own segment (or its findings) change. */
const Row = memo(function Row(props: {
  readonly documentId: string;
  readonly segmentId: string;
  readonly number: number;
  readonly timed: boolean;
  readonly languages: ReadonlyArray<Language>;
  readonly dubbing: DubbingSettings;
}) {
  const { t } = useTranslation();
  const dispatcher = useDispatcher();
  const segment = useAppState(useCallback((state) => selectSegment(state, props.segmentId), [props.segmentId]));
  const selected = useAppState(
    useCallback((state) => state.selection?.segmentId === props.segmentId, [props.segmentId]),
  );
  if (segment === undefined) return null;
  const { number } = props;
  const ref = { documentId: props.documentId, segmentId: segment.id };
  const excluded = segment.excluded === true;
  const invalidTime = (value: string): void => dispatcher.fail(new LocalizedError('grid.invalidTime', { value }));
  return (
    <tr className={excluded ? 'excluded' : undefined} aria-selected={selected}>
      <th
        scope="row"
        className="number"
        title={excluded ? t('grid.excluded') : t('grid.paragraph', { number: segment.paragraph + 1 })}
      >
        {number}
        {excluded && <span className="visually-hidden"> {t('grid.excluded')}</span>}
        {segment.role === 'headline' && <span className="role-chip">{t('grid.headline')}</span>}
      </th>
      {props.timed && (
        <>
          <td className="time-cell">
            <TimeInput
              value={segment.start}
              label={t('grid.startLabel', { number })}
              onCommit={(ms) => dispatcher.setTime(ref, 'start', ms)}
              onInvalid={invalidTime}
            />
          </td>
          <td className="time-cell">
            <TimeInput
              value={segment.end}
              label={t('grid.endLabel', { number })}
              onCommit={(ms) => dispatcher.setTime(ref, 'end', ms)}
              onInvalid={invalidTime}
            />
          </td>
        </>
      )}
      {props.languages.map((language) => (
        <TextCell
          key={language}
          documentId={props.documentId}
          segment={segment}
          number={number}
          language={language}
          timed={props.timed}
          dubbing={props.dubbing}
        />
      ))}
    </tr>
  );
});

/** The ids of the open document's rows: a new array only when rows are added, removed or reordered. */
function selectRowIds(state: AppState): ReadonlyArray<string> {
  return selectDocument(state)?.segments.map((segment) => segment.id) ?? [];
}

/** The segment grid: a real table, one row per segment, one column per language. */
export function Grid() {
  const { t } = useTranslation();
  const document = useAppState(selectDocumentHeader, sameDocumentHeader);
  const languages = useAppState(selectLanguages);
  const dubbing = useAppState(selectDubbing);
  const rowIds = useAppState(selectRowIds, shallowArrayEqual);
  if (document === undefined) return null;
  const timed = document.kind === 'transcript';
  return (
    <div className="grid-scroll">
      <table className="grid">
        <caption className="visually-hidden">{t('grid.label', { title: document.title })}</caption>
        <thead>
          <tr>
            <th scope="col" className="number">
              {t('grid.number')}
            </th>
            {timed && (
              <>
                <th scope="col">{t('grid.start')}</th>
                <th scope="col">{t('grid.end')}</th>
              </>
            )}
            {languages.map((language) => (
              <th scope="col" key={language} lang={language}>
                {ENDONYMS[language]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rowIds.map((segmentId, index) => (
            <Row
              key={segmentId}
              documentId={document.id}
              segmentId={segmentId}
              number={index + 1}
              timed={timed}
              languages={languages}
              dubbing={dubbing}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface DocumentHeader {
  readonly id: string;
  readonly title: string;
  readonly kind: SubrelayDocument['kind'];
}

function selectDocumentHeader(state: AppState): DocumentHeader | undefined {
  const document = selectDocument(state);
  return document === undefined ? undefined : { id: document.id, title: document.title, kind: document.kind };
}

function sameDocumentHeader(a: DocumentHeader | undefined, b: DocumentHeader | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.id === b.id && a.title === b.title && a.kind === b.kind);
}

const NO_LANGUAGES: ReadonlyArray<Language> = [];

function selectLanguages(state: AppState): ReadonlyArray<Language> {
  return state.workspace?.history.present.languages ?? NO_LANGUAGES;
}

function selectDubbing(state: AppState): DubbingSettings {
  return state.workspace?.settings.dubbing ?? DEFAULT_DUBBING;
}
