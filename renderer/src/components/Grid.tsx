import {
  createContext,
  memo,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ENDONYMS, type Language } from '../../../src/languages';
import type { DubbingSettings, Segment, SubrelayDocument, ViewSettings } from '../../../src/model/project';
import { originOf, positionOf } from '../../../src/model/segmentIndex';
import { CARET_AT_END } from '../../../src/commands/commands';
import { setSegmentStatus } from '../../../src/model/edit';
import { segmentFit } from '../../../src/dub/speakingTime';
import { formatTimestamp, parseTime } from '../../../src/time/timecode';
import { DEFAULT_DUBBING } from '../../../src/dub/speakingTime';
import { breakLines } from '../../../src/subtitles/lineBreak';
import { DEFAULT_RULES, lineLength, readingSpeed, type SubtitleRules } from '../../../src/subtitles/rules';
import { SEGMENT_STATUSES, type SegmentStatus } from '../../../src/model/project';
import { qaMessage } from './QaPanel';
import {
  sameFindings,
  selectCellFindings,
  selectCheckedSegment,
  selectDocument,
  selectSegment,
  type AppState,
} from '../store/appState';
import { useAppState, useDispatcher } from '../store/context';
import { sameWhenBoth } from '../store/store';
import { LocalizedError } from '../errors';
import { isFilterActive } from '../../../src/review/filter';
import { selectVisibleRowIds } from '../store/filters';
import { caretLines } from './caretLines';
import { columnWidths, contentWeights, FIXED_COLUMNS_EM } from './columns';
import { createFastT } from '../fastT';

/** The interface language and its `t` for the grid's rows and cells, worked out once for all of them. */
const GridTranslation = createContext<{ readonly t: TFunction; readonly language: string } | undefined>(undefined);

function useGridTranslation(): { readonly t: TFunction; readonly language: string } {
  const translation = useContext(GridTranslation);
  if (translation === undefined) throw new Error('A grid cell outside the grid');
  return translation;
}

const formats = new Map<string, Intl.NumberFormat>();

/** One number format per locale and kind, made once: `toLocaleString` builds a new one on every call. */
function numberFormat(locale: string, minimumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}:${minimumFractionDigits}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits, maximumFractionDigits: 1 });
    formats.set(key, format);
  }
  return format;
}

/** Seconds with one decimal in the interface language's notation ("2.5" / "2,5"). */
function seconds(milliseconds: number, locale: string): string {
  return numberFormat(locale, 1).format(milliseconds / 1000);
}

function number1(value: number, locale: string): string {
  return numberFormat(locale, 0).format(value);
}

/**
 * What a subtitler reads at a glance under a timed cell: the reading speed
 * against its limit, each line's length as the cue will be broken on export
 * against the line limit, and (only when the line does not fit its slot) the
 * dubbing fit with its tolerance. What is over a limit is marked with a sign
 * and in words for screen readers, so colour is never the only signal.
 *
 * Measured on the version of the row whose findings are shown: while the
 * translator types, the measures and the findings of a key follow just after
 * the frame that shows it (see `AppState.qaDocument`), together.
 */
const CellMeasures = memo(function CellMeasures(props: {
  readonly segmentId: string;
  readonly language: Language;
  readonly number: number;
  readonly rules: SubtitleRules;
  readonly dubbing: DubbingSettings;
}) {
  const { segmentId, language, rules } = props;
  const checked = useAppState(
    useCallback((state) => selectCheckedSegment(state, segmentId), [segmentId]),
    useCallback((a: Segment | undefined, b: Segment | undefined) => sameMeasuredSegment(a, b, language), [language]),
  );
  return checked === undefined ? null : (
    <Measures segment={checked} language={language} number={props.number} rules={rules} dubbing={props.dubbing} />
  );
});

/** Two versions of a row that measure the same in one language: its times and its text there. */
export function sameMeasuredSegment(a: Segment | undefined, b: Segment | undefined, language: Language): boolean {
  return sameWhenBoth(
    a,
    b,
    (x, y) => x.start === y.start && x.end === y.end && x.texts[language] === y.texts[language],
  );
}

function Measures(props: {
  readonly segment: Segment;
  readonly language: Language;
  readonly number: number;
  readonly rules: SubtitleRules;
  readonly dubbing: DubbingSettings;
}) {
  const { t, language: locale } = useGridTranslation();
  const { segment, language, rules } = props;
  const text = segment.texts[language];
  const measures = useMemo(() => {
    if (segment.start === undefined || segment.end === undefined || text.trim() === '') return undefined;
    const limits = rules.languages[language];
    const broken = breakLines(text, language, { maxLineLength: limits.maxLineLength, maxLines: rules.maxLines });
    const lines = broken.split(/\r\n|\r|\n/u).filter((line) => line.trim() !== '');
    return {
      broken: lines.join('\n'),
      lengths: lines.map((line) => lineLength(line.trim(), language)),
      cps: readingSpeed(text, segment.end - segment.start),
      limits,
    };
  }, [segment.start, segment.end, text, language, rules]);
  if (measures === undefined) return null;
  const { limits } = measures;
  const cpsOver = measures.cps > limits.maxCps;
  const linesOver =
    measures.lengths.some((length) => length > limits.maxLineLength) || measures.lengths.length > rules.maxLines;
  const cps = Number.isFinite(measures.cps) ? number1(measures.cps, locale) : '∞';
  const lengths = measures.lengths.map((length) => number1(length, locale));
  const label = t('grid.measures', {
    language: ENDONYMS[language],
    number: props.number,
  });
  const description = [
    t(cpsOver ? 'grid.cpsOver' : 'grid.cpsWithin', { cps, limit: limits.maxCps }),
    t(linesOver ? 'grid.linesOver' : 'grid.linesWithin', {
      count: lengths.length,
      lengths: lengths.join(', '),
      limit: limits.maxLineLength,
    }),
  ].join(' ');
  return (
    <span role="note" aria-label={label} aria-description={description} className="cell-measures">
      <span className={cpsOver ? 'over' : undefined} title={description}>
        {cpsOver && <span aria-hidden="true">▲ </span>}
        {t('grid.cpsShort', { cps, limit: limits.maxCps })}
      </span>
      <span className={linesOver ? 'over' : undefined} title={measures.broken}>
        {linesOver && <span aria-hidden="true">▲ </span>}
        {t('grid.linesShort', { lengths: lengths.join(' · '), limit: limits.maxLineLength })}
      </span>
      <FitChip segment={segment} language={language} dubbing={props.dubbing} />
    </span>
  );
}

/**
 * Shown only when a cell's line does not fit its cue's slot for dubbing: the
 * time it takes to say (estimated from syllables) against the slot, with the
 * tolerance allowed.
 */
function FitChip(props: { readonly segment: Segment; readonly language: Language; readonly dubbing: DubbingSettings }) {
  const { segment, language, dubbing } = props;
  const text = segment.texts[language];
  const fit = useMemo(
    () => segmentFit(segment, language, dubbing),
    // The fit depends on the text, the slot and the settings, not on the rest of the row.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [text, segment.start, segment.end, segment.excluded, language, dubbing],
  );
  if (fit === undefined || fit.fit.fits) return null;
  return <DoesNotFit fit={fit} dubbing={dubbing} />;
}

function DoesNotFit(props: {
  readonly fit: NonNullable<ReturnType<typeof segmentFit>>;
  readonly dubbing: DubbingSettings;
}) {
  const { t, language: locale } = useGridTranslation();
  const { fit } = props;
  const values = {
    speaking: seconds(fit.speakingMs, locale),
    slot: seconds(fit.slotMs, locale),
    tolerance: props.dubbing.tolerancePercent,
  };
  const label = t('grid.doesNotFit', values);
  return (
    <span className="fit-chip overflows" role="img" aria-label={label} title={label}>
      ✗ {t('grid.fitShort', values)}
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

export interface TextCellProps {
  readonly documentId: string;
  readonly segmentId: string;
  readonly number: number;
  readonly language: Language;
  readonly timed: boolean;
  readonly rules: SubtitleRules;
  readonly dubbing: DubbingSettings;
}

/**
 * Whether a cell shows the same of its segment as before: its own language's
 * text, status and confidence, and the row's times and exclusion. Typing in
 * one language of a row then re-renders that one cell, not the row's other
 * languages (nor the row).
 */
export function sameCellSegment(a: Segment | undefined, b: Segment | undefined, language: Language): boolean {
  return sameWhenBoth(
    a,
    b,
    (x, y) =>
      x.id === y.id &&
      x.texts[language] === y.texts[language] &&
      x.status[language] === y.status[language] &&
      x.confidence?.[language] === y.confidence?.[language] &&
      x.start === y.start &&
      x.end === y.end &&
      x.excluded === y.excluded,
  );
}

/** Whether a row's own cells (number, times, duration) show the same as before: not its texts. */
export function sameRowHeader(a: Segment | undefined, b: Segment | undefined): boolean {
  return sameWhenBoth(
    a,
    b,
    (x, y) =>
      x.id === y.id &&
      x.start === y.start &&
      x.end === y.end &&
      x.excluded === y.excluded &&
      x.paragraph === y.paragraph &&
      x.role === y.role,
  );
}

const statusLabelCache = new WeakMap<TFunction, ReadonlyArray<{ value: SegmentStatus; label: string }>>();

/** The statuses' names in the interface language: the same for every cell, worked out once per language. */
function statusLabels(t: TFunction): ReadonlyArray<{ value: SegmentStatus; label: string }> {
  let labels = statusLabelCache.get(t);
  if (labels === undefined) {
    labels = SEGMENT_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }));
    statusLabelCache.set(t, labels);
  }
  return labels;
}

/** One cell's text box: takes the focus when the store's selection asks for it. */
const TextCell = memo(function TextCell(props: TextCellProps) {
  const { t } = useGridTranslation();
  const dispatcher = useDispatcher();
  const { segmentId, language, number } = props;
  const segment = useAppState(
    useCallback((state) => selectSegment(state, segmentId), [segmentId]),
    useCallback((a: Segment | undefined, b: Segment | undefined) => sameCellSegment(a, b, language), [language]),
  );
  const findings = useAppState(
    useCallback((state) => selectCellFindings(state, segmentId, language), [segmentId, language]),
    sameFindings,
  );
  // One subscription for both: -1 when another cell is selected, else the focus requests so far.
  const focusToken = useAppState(
    useCallback(
      (state: AppState) =>
        state.selection?.segmentId === segmentId && state.selection.language === language ? state.focusToken : -1,
      [segmentId, language],
    ),
  );
  const selected = focusToken >= 0;
  const box = useRef<HTMLTextAreaElement>(null);
  // The box is not a controlled field: for one of those, React writes the text into the element's default value
  // too on every key, which lays the row out a second time. What the translator types stays in the box as typed;
  // a text changed elsewhere (undo, replace, an alignment) is put in here, before the frame is drawn.
  const text = segment?.texts[language] ?? '';
  const [firstText] = useState(text);
  useLayoutEffect(() => {
    const element = box.current;
    if (element !== null && element.value !== text) element.value = text;
  }, [text]);
  useEffect(() => {
    const element = box.current;
    if (focusToken <= 0 || element === null) return;
    if (document.activeElement !== element) element.focus({ preventScroll: true });
    const caret = dispatcher.store.getState().selection?.caret;
    if (caret !== undefined) {
      const at = Math.min(caret, element.value.length);
      element.setSelectionRange(at, at);
    }
  }, [focusToken, dispatcher]);
  // Worked out when what they say changes, not on every key.
  const uncertain = (segment?.confidence?.[language] ?? 1) < 0.5;
  const messages = useMemo(
    () => [...(uncertain ? [t('align.uncertainCell')] : []), ...findings.map((finding) => qaMessage(finding, t))],
    [uncertain, findings, t],
  );
  const labels = useMemo(() => {
    const cell = t('grid.cellLabel', { language: ENDONYMS[language], number });
    return {
      cell,
      status: t('grid.statusOf', { cell }),
      findings: t('grid.findingsOf', { cell }),
      statuses: statusLabels(t),
    };
  }, [t, language, number]);
  if (segment === undefined) return null;
  const excluded = segment.excluded === true;
  const severity = findings.some((f) => f.severity === 'error') ? 'qa-error' : findings.length > 0 ? 'qa-warning' : '';
  const description = messages.join('; ');
  const ref = { documentId: props.documentId, segmentId: segment.id };
  const cellName = labels.cell;
  const status = segment.status[language];
  return (
    <td role="cell" className={`text-cell lang-${language}${uncertain ? ' uncertain' : ''} ${severity}`}>
      {/* A form of its own per cell: the browser's form tracking (Chromium's autofill) then looks at this
          cell's fields on each key, not at every field of the grid. Nothing is ever submitted. */}
      <form className="cell-form" onSubmit={(event) => event.preventDefault()}>
        <textarea
          ref={box}
          lang={language}
          data-cell={`${segment.id}:${language}`}
          aria-label={cellName}
          aria-description={description === '' ? undefined : description}
          aria-invalid={severity === 'qa-error' ? true : undefined}
          title={description === '' ? undefined : description}
          defaultValue={firstText}
          rows={1}
          spellCheck
          onFocus={() => {
            if (!selected) dispatcher.select({ segmentId: segment.id, language });
          }}
          onChange={(event) => dispatcher.setText(ref, language, event.target.value)}
        />
        {selected && messages.length > 0 && (
          <ul className="cell-findings" aria-label={labels.findings}>
            {messages.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        )}
        <span className="cell-footer">
          {props.timed && !excluded && (
            <CellMeasures
              segmentId={segment.id}
              language={language}
              number={number}
              rules={props.rules}
              dubbing={props.dubbing}
            />
          )}
          <select
            className={`status-chip status-${status}`}
            aria-label={labels.status}
            value={status}
            onChange={(event) =>
              dispatcher.edit((p) => setSegmentStatus(p, ref, language, event.target.value as SegmentStatus), 'status')
            }
          >
            {labels.statuses.map(({ value, label }) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </span>
      </form>
    </td>
  );
});

/** One row: re-renders only when its own segment (or its findings) change. */
const Row = memo(function Row(props: {
  readonly documentId: string;
  readonly segmentId: string;
  readonly index: number;
  readonly timed: boolean;
  readonly languages: ReadonlyArray<Language>;
  readonly rules: SubtitleRules;
  readonly dubbing: DubbingSettings;
  readonly measure: (element: HTMLTableRowElement | null) => void;
}) {
  const { measure, index } = props;
  const { t, language: locale } = useGridTranslation();
  const dispatcher = useDispatcher();
  const segment = useAppState(
    useCallback((state) => selectSegment(state, props.segmentId), [props.segmentId]),
    sameRowHeader,
  );
  const selected = useAppState(
    useCallback((state) => state.selection?.segmentId === props.segmentId, [props.segmentId]),
  );
  // The row's number in the document (a filter shows some rows; their numbers stay).
  const position = useAppState(
    useCallback(
      (state) => {
        const document = selectDocument(state);
        return document === undefined ? -1 : positionOf(document.segments, props.segmentId);
      },
      [props.segmentId],
    ),
  );
  if (segment === undefined) return null;
  const number = (position < 0 ? index : position) + 1;
  const ref = { documentId: props.documentId, segmentId: segment.id };
  const excluded = segment.excluded === true;
  const invalidTime = (value: string): void => dispatcher.fail(new LocalizedError('grid.invalidTime', { value }));
  const duration = segment.start !== undefined && segment.end !== undefined ? segment.end - segment.start : undefined;
  return (
    <tr
      ref={measure}
      role="row"
      data-index={index}
      aria-rowindex={index + 2}
      className={excluded ? 'excluded' : undefined}
      aria-selected={selected}
    >
      <th
        scope="row"
        role="rowheader"
        className="number"
        title={excluded ? t('grid.excluded') : t('grid.paragraph', { number: segment.paragraph + 1 })}
      >
        {number}
        {excluded && <span className="visually-hidden"> {t('grid.excluded')}</span>}
        {segment.role === 'headline' && <span className="role-chip">{t('grid.headline')}</span>}
      </th>
      {props.timed && (
        <>
          <td role="cell" className="time-cell">
            <TimeInput
              value={segment.start}
              label={t('grid.startLabel', { number })}
              onCommit={(ms) => dispatcher.setTime(ref, 'start', ms)}
              onInvalid={invalidTime}
            />
          </td>
          <td role="cell" className="time-cell">
            <TimeInput
              value={segment.end}
              label={t('grid.endLabel', { number })}
              onCommit={(ms) => dispatcher.setTime(ref, 'end', ms)}
              onInvalid={invalidTime}
            />
            {duration !== undefined && (
              <span
                className="duration"
                aria-label={t('grid.durationLabel', { number, seconds: seconds(duration, locale) })}
              >
                {t('grid.duration', { seconds: seconds(duration, locale) })}
              </span>
            )}
          </td>
        </>
      )}
      {props.languages.map((language) => (
        <TextCell
          key={language}
          documentId={props.documentId}
          segmentId={segment.id}
          number={number}
          language={language}
          timed={props.timed}
          rules={props.rules}
          dubbing={props.dubbing}
        />
      ))}
    </tr>
  );
});

const rowIdCache = new WeakMap<ReadonlyArray<Segment>, ReadonlyArray<string>>();
let lastRowIds: { readonly segments: ReadonlyArray<Segment>; readonly ids: ReadonlyArray<string> } | undefined;

/**
 * The ids of the open document's rows: the same array until rows are added,
 * removed or reordered, worked out without reading the rows when an edit
 * changed one row's content.
 */
export function selectRowIds(state: AppState): ReadonlyArray<string> {
  const segments = selectDocument(state)?.segments;
  if (segments === undefined) return NO_IDS;
  const known = rowIdCache.get(segments);
  if (known !== undefined) return known;
  let ids: ReadonlyArray<string>;
  const last = lastRowIds;
  if (last !== undefined && sameRows(last.segments, segments)) ids = last.ids;
  else ids = segments.map((segment) => segment.id);
  rowIdCache.set(segments, ids);
  lastRowIds = { segments, ids };
  return ids;
}

/** Whether two versions of a document have the same rows in the same order. */
function sameRows(before: ReadonlyArray<Segment>, after: ReadonlyArray<Segment>): boolean {
  if (before.length !== after.length) return false;
  // An edit of one cell keeps every row (it says so): no pass over the rows.
  if (originOf(after)?.previous === before) return true;
  for (let index = 0; index < after.length; index++) {
    const a = before[index];
    const b = after[index];
    if (a !== b && a?.id !== b?.id) return false;
  }
  return true;
}

const NO_IDS: ReadonlyArray<string> = [];

const visibleIndexes = new WeakMap<ReadonlyArray<string>, ReadonlyMap<string, number>>();

/** Where a row is among the rows shown (all of them, or those a filter lets through); -1 if not shown. */
function visibleIndexOf(rowIds: ReadonlyArray<string>, id: string | undefined): number {
  if (id === undefined) return -1;
  let index = visibleIndexes.get(rowIds);
  if (index === undefined) {
    index = new Map(rowIds.map((rowId, position) => [rowId, position]));
    visibleIndexes.set(rowIds, index);
  }
  return index.get(id) ?? -1;
}

/** The rows shown: every row, or those the review filter lets through (the selected one always). */
function selectShownRowIds(state: AppState): ReadonlyArray<string> {
  return isFilterActive(state.filter) ? selectVisibleRowIds(state) : selectRowIds(state);
}

/** Rows moved by PageUp/PageDown: what fits in the view. */
function pageRows(element: HTMLElement | null, averageRow: number): number {
  return Math.max(1, Math.floor((element?.clientHeight ?? 600) / Math.max(averageRow, 20)) - 1);
}

/**
 * The segment grid: a real table, one row per segment, one column per
 * language, of which only the rows in view (and a few around them) exist in
 * the page. The selected row is always kept, so a cell being edited is never
 * taken away under the caret, and the keyboard moves through rows that are
 * not in the page by moving the store's selection.
 */
export function Grid() {
  const { t, i18n } = useTranslation();
  const translation = useMemo(() => ({ t: createFastT(i18n, t), language: i18n.language }), [i18n, t]);
  const dispatcher = useDispatcher();
  const document = useAppState(selectDocumentHeader, sameDocumentHeader);
  const allLanguages = useAppState(selectLanguages);
  const dubbing = useAppState(selectDubbing);
  const rules = useAppState(selectRules);
  const view = useAppState(selectView);
  const rowIds = useAppState(selectShownRowIds);
  const selectedId = useAppState((state) => state.selection?.segmentId);
  const selectedRow = visibleIndexOf(rowIds, selectedId);
  const focusToken = useAppState((state) => state.focusToken);
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  const [headHeight, setHeadHeight] = useState(30);
  const [width, setWidth] = useState(0);

  const hidden = view?.hiddenLanguages;
  const languages = useMemo(
    () => allLanguages.filter((language) => hidden?.includes(language) !== true),
    [allLanguages, hidden],
  );
  const timed = document?.kind === 'transcript';

  const keepSelected = useCallback(
    (range: Range): number[] => {
      const indexes = defaultRangeExtractor(range);
      if (selectedRow >= 0 && selectedRow < range.count && !indexes.includes(selectedRow)) {
        indexes.push(selectedRow);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [selectedRow],
  );
  // A new key function makes the virtualizer lay out every row again (20,000 of them): one per list of rows.
  const getItemKey = useCallback((index: number): string | number => rowIds[index] ?? index, [rowIds]);
  // A document's first frame draws only the rows in view; the few around them follow a frame later.
  const [overscanFor, setOverscanFor] = useState<string>();
  useEffect(() => {
    const id = document?.id;
    if (id === undefined) return undefined;
    const frame = requestAnimationFrame(() => setOverscanFor(id));
    return () => cancelAnimationFrame(frame);
  }, [document?.id]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is a mutable instance by design; render reads it.
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count: rowIds.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => (timed ? 62 : 50),
    overscan: overscanFor !== undefined && overscanFor === document?.id ? 3 : 0,
    getItemKey,
    rangeExtractor: keepSelected,
    scrollMargin: headHeight,
  });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return undefined;
    const observer = new ResizeObserver(() => {
      setWidth(element.clientWidth);
      setHeadHeight(head.current?.offsetHeight ?? 30);
    });
    observer.observe(element);
    setWidth(element.clientWidth);
    setHeadHeight(head.current?.offsetHeight ?? 30);
    return () => observer.disconnect();
  }, []);

  // A command, a jump or a dialog closing asks for the selected cell: bring its row into view first.
  useLayoutEffect(() => {
    if (focusToken > 0 && selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
    // Only a new request scrolls; following the selection while typing would fight the translator's scrolling.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusToken]);

  const weights = useMemo(
    () => ({ ...contentWeightsOf(dispatcher.store.getState(), languages), ...view?.columnWeights }),
    // Worked out when the document or the columns change, not on every edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [document?.id, languages, view?.columnWeights],
  );
  const widths = columnWidths(languages, weights, width, timed);
  const template = [
    `${FIXED_COLUMNS_EM.number}em`,
    ...(timed ? [`${FIXED_COLUMNS_EM.time}em`, `${FIXED_COLUMNS_EM.time}em`] : []),
    ...languages.map((language) => (widths[language] === undefined ? 'minmax(0, 1fr)' : `${widths[language]}px`)),
  ].join(' ');

  if (document === undefined) return null;

  const move = (row: number, language: Language, caret?: number): void => {
    const target = rowIds[Math.max(0, Math.min(row, rowIds.length - 1))];
    if (target !== undefined) dispatcher.select({ segmentId: target, language, caret }, true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const target = event.target;
    if (!(target instanceof HTMLTextAreaElement) || target.dataset['cell'] === undefined) return;
    if (event.nativeEvent.isComposing || event.altKey || event.metaKey || event.ctrlKey) return;
    const selection = dispatcher.store.getState().selection;
    const language = selection?.language;
    if (selection === undefined || language === undefined || selectedRow < 0) return;
    const column = languages.indexOf(language);
    switch (event.key) {
      case 'ArrowUp': {
        if (event.shiftKey || selectedRow === 0 || !caretLines(target).first) return;
        move(selectedRow - 1, language, CARET_AT_END);
        break;
      }
      case 'ArrowDown': {
        if (event.shiftKey || selectedRow === rowIds.length - 1 || !caretLines(target).last) return;
        move(selectedRow + 1, language, 0);
        break;
      }
      case 'PageUp':
      case 'PageDown': {
        if (event.shiftKey) return;
        const items = virtualizer.getVirtualItems();
        const average = items.length === 0 ? 60 : items.reduce((sum, item) => sum + item.size, 0) / items.length;
        const step = pageRows(scroller.current, average);
        move(selectedRow + (event.key === 'PageDown' ? step : -step), language);
        break;
      }
      case 'Tab': {
        const next = column + (event.shiftKey ? -1 : 1);
        if (next >= 0 && next < languages.length) {
          move(selectedRow, languages[next] ?? language, CARET_AT_END);
        } else {
          const row = selectedRow + (event.shiftKey ? -1 : 1);
          // Past the first or the last cell, Tab leaves the grid as usual.
          if (row < 0 || row >= rowIds.length) return;
          move(row, (event.shiftKey ? languages[languages.length - 1] : languages[0]) ?? language, CARET_AT_END);
        }
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const items = virtualizer.getVirtualItems();
  const total = virtualizer.getTotalSize();
  const margin = virtualizer.options.scrollMargin;
  const body: React.ReactNode[] = [];
  let offset = margin;
  for (const item of items) {
    if (item.start > offset) body.push(<Spacer key={`gap-${item.index}`} height={item.start - offset} />);
    const segmentId = rowIds[item.index];
    if (segmentId !== undefined) {
      body.push(
        <Row
          key={segmentId}
          documentId={document.id}
          segmentId={segmentId}
          index={item.index}
          timed={timed}
          languages={languages}
          rules={rules}
          dubbing={dubbing}
          measure={virtualizer.measureElement}
        />,
      );
    }
    offset = item.end;
  }
  if (total + margin > offset) body.push(<Spacer key="end" height={total + margin - offset} />);

  return (
    <GridTranslation.Provider value={translation}>
      <div className="grid-area">
        <ColumnChooser languages={allLanguages} hidden={hidden ?? []} />
        {/* The scroller is placed in a frame rather than being the panel's flex item: a flex item is laid out with
          its container, so typing in a row laid out the whole window; the scroller (size-contained) is not. */}
        <div className="grid-frame">
          <div className="grid-scroll" ref={scroller} onKeyDown={onKeyDown}>
            {/* A table to assistive technology (the roles are said outright: the rows are laid out as CSS grids,
            each its own layout and paint boundary, so typing in one cell lays out and paints that row only). */}
            <table
              className="grid"
              role="table"
              aria-label={t('grid.label', { title: document.title })}
              aria-rowcount={rowIds.length + 1}
              style={{ '--grid-columns': template } as React.CSSProperties}
            >
              <thead ref={head} role="rowgroup">
                <tr role="row" aria-rowindex={1}>
                  <th scope="col" role="columnheader" className="number">
                    {t('grid.number')}
                  </th>
                  {timed && (
                    <>
                      <th scope="col" role="columnheader" className="time-col">
                        {t('grid.start')}
                      </th>
                      <th scope="col" role="columnheader" className="time-col">
                        {t('grid.end')}
                      </th>
                    </>
                  )}
                  {languages.map((language, index) => (
                    <th scope="col" role="columnheader" key={language} lang={language} aria-label={ENDONYMS[language]}>
                      {ENDONYMS[language]}
                      {index < languages.length - 1 && (
                        <ColumnResizer
                          language={language}
                          next={languages[index + 1] ?? language}
                          weights={weights}
                          width={widths[language] ?? 0}
                        />
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody role="rowgroup">{body}</tbody>
            </table>
          </div>
        </div>
      </div>
    </GridTranslation.Provider>
  );
}

function Spacer(props: { readonly height: number }) {
  return <tr className="spacer" aria-hidden="true" style={{ height: props.height }} />;
}

/** Checkboxes that show or hide each language's column; remembered with the project. */
function ColumnChooser(props: {
  readonly languages: ReadonlyArray<Language>;
  readonly hidden: ReadonlyArray<Language>;
}) {
  const { t } = useTranslation();
  const dispatcher = useDispatcher();
  const toggle = (language: Language, show: boolean): void => {
    const settings = dispatcher.store.getState().workspace?.settings;
    if (settings === undefined) return;
    const hidden = show ? props.hidden.filter((l) => l !== language) : [...props.hidden, language];
    // At least one column stays.
    if (hidden.length >= props.languages.length) return;
    dispatcher.setSettings({ ...settings, view: { ...settings.view, hiddenLanguages: hidden } });
  };
  return (
    <fieldset className="column-chooser">
      <legend>{t('grid.columns')}</legend>
      {props.languages.map((language) => (
        <label key={language} lang={language}>
          <input
            type="checkbox"
            checked={!props.hidden.includes(language)}
            onChange={(event) => toggle(language, event.target.checked)}
          />
          {ENDONYMS[language]}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The border between two language columns: drag it (or focus it and press
 * Left/Right) to give one column more room and the next one less.
 */
function ColumnResizer(props: {
  readonly language: Language;
  readonly next: Language;
  readonly weights: Readonly<Partial<Record<Language, number>>>;
  readonly width: number;
}) {
  const { t } = useTranslation();
  const dispatcher = useDispatcher();
  const shift = (fraction: number): void => {
    const settings = dispatcher.store.getState().workspace?.settings;
    if (settings === undefined) return;
    const a = props.weights[props.language] ?? 1;
    const b = props.weights[props.next] ?? 1;
    const moved = Math.max(-(a - 0.1), Math.min(b - 0.1, (a + b) * fraction));
    const columnWeights = { ...props.weights, [props.language]: a + moved, [props.next]: b - moved };
    dispatcher.setSettings({ ...settings, view: { ...settings.view, columnWeights: roundWeights(columnWeights) } });
  };
  return (
    <span
      role="separator"
      aria-orientation="vertical"
      aria-label={t('grid.resizeColumn', { language: ENDONYMS[props.language] })}
      aria-valuenow={Math.round(props.width)}
      tabIndex={0}
      className="column-resizer"
      onKeyDown={(event) => {
        if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
          shift(event.key === 'ArrowRight' ? 0.05 : -0.05);
          event.preventDefault();
        }
      }}
      onPointerDown={(event) => {
        const startX = event.clientX;
        const element = event.currentTarget;
        const pairWidth = Math.max(props.width * 2, 1);
        element.setPointerCapture(event.pointerId);
        const onUp = (up: PointerEvent): void => {
          element.removeEventListener('pointerup', onUp);
          const dx = up.clientX - startX;
          if (dx !== 0) shift(dx / pairWidth);
        };
        element.addEventListener('pointerup', onUp);
      }}
    />
  );
}

function roundWeights(weights: Readonly<Partial<Record<Language, number>>>): Partial<Record<Language, number>> {
  return Object.fromEntries(
    Object.entries(weights).map(([language, weight]) => [
      language,
      Math.round(Math.min(20, Math.max(0.05, weight ?? 1)) * 1000) / 1000,
    ]),
  );
}

const contentWeightCache = new WeakMap<SubrelayDocument, Readonly<Partial<Record<Language, number>>>>();

function contentWeightsOf(
  state: AppState,
  languages: ReadonlyArray<Language>,
): Readonly<Partial<Record<Language, number>>> {
  const document = selectDocument(state);
  if (document === undefined) return {};
  let weights = contentWeightCache.get(document);
  if (weights === undefined) {
    weights = contentWeights(document, languages);
    contentWeightCache.set(document, weights);
  }
  return weights;
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
  return sameWhenBoth(a, b, (x, y) => x.id === y.id && x.title === y.title && x.kind === y.kind);
}

const NO_LANGUAGES: ReadonlyArray<Language> = [];

function selectLanguages(state: AppState): ReadonlyArray<Language> {
  return state.workspace?.history.present.languages ?? NO_LANGUAGES;
}

function selectDubbing(state: AppState): DubbingSettings {
  return state.workspace?.settings.dubbing ?? DEFAULT_DUBBING;
}

function selectRules(state: AppState): SubtitleRules {
  return state.workspace?.settings.rules ?? DEFAULT_RULES;
}

function selectView(state: AppState): ViewSettings | undefined {
  return state.workspace?.settings.view;
}
