import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENDONYMS, type Language } from '../../../src/languages';
import type { DubbingSettings, Segment, SubrelayDocument } from '../../../src/model/project';
import { segmentFit } from '../../../src/dub/speakingTime';
import type { SegmentRef } from '../../../src/model/edit';
import { formatTimestamp, parseTime } from '../../../src/time/timecode';
import type { Selection } from '../App';
import type { QaFinding } from '../../../src/qa/qa';
import { qaMessage } from './QaPanel';

interface GridProps {
  readonly document: SubrelayDocument;
  readonly languages: ReadonlyArray<Language>;
  readonly selection: Selection | undefined;
  readonly onSelect: (selection: Selection) => void;
  readonly onTextChange: (ref: SegmentRef, language: Language, text: string) => void;
  readonly onTimeChange: (ref: SegmentRef, bound: 'start' | 'end', milliseconds: number) => void;
  readonly onInvalidTime: (value: string) => void;
  /** QA findings by `${segmentId}:${language}`. */
  readonly findings: ReadonlyMap<string, ReadonlyArray<QaFinding>>;
  /** Speaking rates for the dubbing fit flag next to each timed transcript cell. */
  readonly dubbing: DubbingSettings;
}

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

const Row = memo(function Row(props: {
  readonly documentId: string;
  readonly segment: Segment;
  readonly number: number;
  readonly timed: boolean;
  readonly languages: ReadonlyArray<Language>;
  readonly selectedLanguage: Language | undefined;
  readonly onSelect: (selection: Selection) => void;
  readonly onTextChange: (ref: SegmentRef, language: Language, text: string) => void;
  readonly onTimeChange: (ref: SegmentRef, bound: 'start' | 'end', milliseconds: number) => void;
  readonly onInvalidTime: (value: string) => void;
  readonly findings: ReadonlyMap<string, ReadonlyArray<QaFinding>>;
  readonly dubbing: DubbingSettings;
}) {
  const { t } = useTranslation();
  const { segment, number } = props;
  const ref = { documentId: props.documentId, segmentId: segment.id };
  const excluded = segment.excluded === true;
  return (
    <tr className={excluded ? 'excluded' : undefined} aria-selected={props.selectedLanguage !== undefined}>
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
              onCommit={(ms) => props.onTimeChange(ref, 'start', ms)}
              onInvalid={props.onInvalidTime}
            />
          </td>
          <td className="time-cell">
            <TimeInput
              value={segment.end}
              label={t('grid.endLabel', { number })}
              onCommit={(ms) => props.onTimeChange(ref, 'end', ms)}
              onInvalid={props.onInvalidTime}
            />
          </td>
        </>
      )}
      {props.languages.map((language) => {
        const uncertain = (segment.confidence?.[language] ?? 1) < 0.5;
        const cellFindings = props.findings.get(`${segment.id}:${language}`) ?? [];
        const severity = cellFindings.some((f) => f.severity === 'error')
          ? 'qa-error'
          : cellFindings.length > 0
            ? 'qa-warning'
            : '';
        const description = [
          ...(uncertain ? [t('align.uncertainCell')] : []),
          ...cellFindings.map((finding) => qaMessage(finding, t)),
        ].join('; ');
        return (
          <td key={language} className={`text-cell lang-${language}${uncertain ? ' uncertain' : ''} ${severity}`}>
            <textarea
              lang={language}
              data-cell={`${segment.id}:${language}`}
              aria-label={t('grid.cellLabel', { language: ENDONYMS[language], number })}
              aria-description={description === '' ? undefined : description}
              aria-invalid={severity === 'qa-error' ? true : undefined}
              value={segment.texts[language]}
              rows={1}
              spellCheck
              onFocus={() => props.onSelect({ segmentId: segment.id, language })}
              onChange={(event) => props.onTextChange(ref, language, event.target.value)}
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
      })}
    </tr>
  );
});

/** The segment grid: a real table, one row per segment, one column per language. */
export function Grid(props: GridProps) {
  const { t } = useTranslation();
  const timed = props.document.kind === 'transcript';
  return (
    <div className="grid-scroll">
      <table className="grid">
        <caption className="visually-hidden">{t('grid.label', { title: props.document.title })}</caption>
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
            {props.languages.map((language) => (
              <th scope="col" key={language} lang={language}>
                {ENDONYMS[language]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.document.segments.map((segment, index) => (
            <Row
              key={segment.id}
              documentId={props.document.id}
              segment={segment}
              number={index + 1}
              timed={timed}
              languages={props.languages}
              selectedLanguage={props.selection?.segmentId === segment.id ? props.selection.language : undefined}
              onSelect={props.onSelect}
              onTextChange={props.onTextChange}
              onTimeChange={props.onTimeChange}
              onInvalidTime={props.onInvalidTime}
              findings={props.findings}
              dubbing={props.dubbing}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
