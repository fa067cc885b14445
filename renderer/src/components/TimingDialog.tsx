import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../src/languages';
import type { SubrelayDocument } from '../../../src/model/project';
import { parseTime } from '../../../src/time/timecode';
import { autoTime, mapTimes, shiftTimes } from '../../../src/timing/timing';
import type { SubtitleRules } from '../../../src/subtitles/rules';
import { LanguageSelect } from './LanguageSelect';
import { FormFooter } from './FormFooter';
import { Modal } from './Modal';

type Operation = 'shift' | 'map' | 'auto';

/** Shift, stretch or auto-time a transcript's cues; the result is one undoable edit. */
export function TimingDialog(props: {
  readonly document: SubrelayDocument;
  readonly languages: ReadonlyArray<Language>;
  readonly fromSegmentId: string | undefined;
  readonly rules: SubtitleRules;
  readonly frameRate: number;
  readonly onApply: (times: ReadonlyMap<string, { start: number; end: number }>) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<'all' | 'from'>(props.fromSegmentId === undefined ? 'all' : 'from');
  const [operation, setOperation] = useState<Operation>('shift');
  const [delta, setDelta] = useState('0');
  const [fromStart, setFromStart] = useState('0');
  const [fromEnd, setFromEnd] = useState('90');
  const [toStart, setToStart] = useState('0');
  const [toEnd, setToEnd] = useState('90');
  const [language, setLanguage] = useState<Language>(props.document.sourceLanguage);
  const [problem, setProblem] = useState<string>();

  const included = props.document.segments.filter((s) => s.excluded !== true);
  const startIndex =
    scope === 'from'
      ? Math.max(
          0,
          included.findIndex((s) => s.id === props.fromSegmentId),
        )
      : 0;
  const chosen = included.slice(startIndex);

  function apply(): void {
    const timed = chosen.flatMap((s) =>
      s.start !== undefined && s.end !== undefined ? [{ id: s.id, start: s.start, end: s.end }] : [],
    );
    const read = (text: string): number | undefined => {
      const trimmed = text.trim();
      const negative = trimmed.startsWith('-');
      const value = parseTime(negative ? trimmed.slice(1) : trimmed.replace(/^\+/u, ''));
      return value === undefined ? undefined : negative ? -value : value;
    };
    let result: { id: string; start: number; end: number }[];
    if (operation === 'shift') {
      const ms = read(delta);
      if (ms === undefined) return setProblem(t('grid.invalidTime', { value: delta }));
      result = shiftTimes(timed, ms);
    } else {
      const values = [fromStart, fromEnd, toStart, toEnd].map(read);
      const bad = values.findIndex((v) => v === undefined || v < 0);
      if (bad >= 0) return setProblem(t('grid.invalidTime', { value: [fromStart, fromEnd, toStart, toEnd][bad] }));
      const [a = 0, b = 0, c = 0, d = 0] = values as number[];
      if (operation === 'map') {
        result = mapTimes(timed, { start: a, end: b }, { start: c, end: d });
      } else {
        const span = { start: c, end: d };
        const times = autoTime(
          chosen.map((s) => s.texts[language]),
          span,
          language,
          props.rules,
          props.frameRate,
        );
        result = chosen.map((s, i) => ({
          id: s.id,
          start: times[i]?.start ?? span.start,
          end: times[i]?.end ?? span.start,
        }));
      }
    }
    props.onApply(new Map(result.map((r) => [r.id, { start: r.start, end: r.end }])));
  }

  const field = (label: string, value: string, set: (value: string) => void) => (
    <label className="field">
      <span>{label}</span>
      <input type="text" inputMode="decimal" value={value} onChange={(event) => set(event.target.value)} />
    </label>
  );

  return (
    <Modal title={t('timing.title')} onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          apply();
        }}
      >
        <fieldset>
          <legend>{t('timing.scope')}</legend>
          <label className="check">
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />
            {t('timing.scopeAll')}
          </label>
          <label className="check">
            <input
              type="radio"
              name="scope"
              checked={scope === 'from'}
              disabled={props.fromSegmentId === undefined}
              onChange={() => setScope('from')}
            />
            {t('timing.scopeFrom')}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('timing.operation')}</legend>
          {(['shift', 'map', 'auto'] as const).map((value) => (
            <label className="check" key={value}>
              <input type="radio" name="operation" checked={operation === value} onChange={() => setOperation(value)} />
              {t(`timing.${value}`)}
            </label>
          ))}
        </fieldset>
        {operation === 'shift' && field(t('timing.delta'), delta, setDelta)}
        {operation === 'map' && (
          <>
            {field(t('timing.fromStart'), fromStart, setFromStart)}
            {field(t('timing.fromEnd'), fromEnd, setFromEnd)}
          </>
        )}
        {operation !== 'shift' && (
          <>
            {field(t('timing.toStart'), toStart, setToStart)}
            {field(t('timing.toEnd'), toEnd, setToEnd)}
          </>
        )}
        {operation === 'auto' && (
          <LanguageSelect
            label={t('timing.language')}
            value={language}
            languages={props.languages}
            onChange={setLanguage}
          />
        )}
        <FormFooter
          problem={problem}
          cancelLabel={t('timing.cancel')}
          submitLabel={t('timing.apply')}
          onCancel={props.onClose}
        />
      </form>
    </Modal>
  );
}
