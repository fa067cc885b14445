import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResponse, SubrelayApi } from '../../../src/api/contract';
import { DEFAULT_DUBBING } from '../../../src/dub/speakingTime';
import { setSegmentTimes } from '../../../src/model/edit';
import type { Project } from '../../../src/model/project';
import { DEFAULT_RULES } from '../../../src/subtitles/rules';
import { formatTimestamp } from '../../../src/time/timecode';
import { snapDocumentToSpeech, timeDocumentFromSpeech, type MovedCue } from '../../../src/timing/documentSpeech';
import { describeError } from '../describeError';
import { useDispatcher } from '../store/context';
import { Modal } from './Modal';

type Speech = ApiResponse<'detectSpeech'>;

/** Speech found per media file, kept while the page lives (detecting takes seconds). */
const speechCache = new Map<string, Promise<Speech>>();

function detect(api: SubrelayApi, projectPath: string | null, media: string): Promise<Speech> {
  const key = `${projectPath ?? ''}\n${media}`;
  let speech = speechCache.get(key);
  if (speech === undefined) {
    speech = api.detectSpeech({ projectPath, media });
    speech.catch(() => speechCache.delete(key));
    speechCache.set(key, speech);
  }
  return speech;
}

/** The rows the list shows at most; the count says how many move in all. */
const LISTED = 200;

/**
 * Media ▸ Time from speech / Snap to speech: finds the speech in the
 * transcript's media (Silero VAD, in the main process), shows which cues
 * would move and where, and applies them as one undo step when asked. The
 * whole transcript, or only the selected cue. Cues never change order and
 * none is dropped (see `timeFromSpeech`, `snapToSpeech`).
 */
export function SpeechDialog(props: {
  readonly api: SubrelayApi;
  readonly mode: 'time' | 'snap';
  readonly project: Project;
  readonly documentId: string;
  readonly projectPath: string | null;
  readonly selectedId: string | undefined;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const dispatcher = useDispatcher();
  const document = props.project.documents.find((d) => d.id === props.documentId);
  const media = document?.media?.path;
  const [speech, setSpeech] = useState<Speech | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [scope, setScope] = useState<'all' | 'selected'>('all');

  useEffect(() => {
    if (media === undefined) return undefined;
    let live = true;
    detect(props.api, props.projectPath, media)
      .then((found) => live && setSpeech(found))
      .catch((error: unknown) => live && setFailure(error));
    return () => {
      live = false;
    };
  }, [props.api, props.projectPath, media]);

  const moved: MovedCue[] | undefined = useMemo(() => {
    if (speech === undefined || document === undefined) return undefined;
    const options = {
      rules: props.project.settings.rules ?? DEFAULT_RULES,
      frameRate: props.project.frameRate,
      dubbing: props.project.settings.dubbing ?? DEFAULT_DUBBING,
      mediaEndMs: speech.durationMs,
      ...(scope === 'selected' && props.selectedId !== undefined ? { segmentIds: [props.selectedId] } : {}),
    };
    return props.mode === 'time'
      ? timeDocumentFromSpeech(document, speech.speech, options)
      : snapDocumentToSpeech(document, speech.speech, options);
  }, [speech, document, props.project, props.mode, props.selectedId, scope]);

  const numbers = useMemo(
    () => new Map(document?.segments.map((segment, index) => [segment.id, index + 1]) ?? []),
    [document],
  );
  const title = t(props.mode === 'time' ? 'command.timeFromSpeech' : 'command.snapToSpeech').replace(/…$/u, '');

  const apply = (): void => {
    if (moved === undefined || moved.length === 0) return;
    const times = new Map(moved.map((cue) => [cue.id, cue.to]));
    dispatcher.edit((p) => setSegmentTimes(p, props.documentId, times), 'timing');
    dispatcher.say({ key: 'speech.applied', params: { count: moved.length } });
    props.onClose();
  };

  return (
    <Modal title={title} onClose={props.onClose}>
      <p>{t(props.mode === 'time' ? 'speech.timeHelp' : 'speech.snapHelp')}</p>
      <fieldset className="field">
        <legend>{t('speech.scope')}</legend>
        <label>
          <input type="radio" name="speech-scope" checked={scope === 'all'} onChange={() => setScope('all')} />{' '}
          {t('speech.all')}
        </label>
        <label>
          <input
            type="radio"
            name="speech-scope"
            checked={scope === 'selected'}
            disabled={props.selectedId === undefined}
            onChange={() => setScope('selected')}
          />{' '}
          {t('speech.selected')}
        </label>
      </fieldset>
      <div role="status" className="speech-status">
        {failure !== undefined
          ? ''
          : speech === undefined
            ? t('speech.detecting')
            : `${t('speech.found', { count: speech.speech.length })} ${t('speech.wouldMove', { count: moved?.length ?? 0 })}`}
      </div>
      {failure !== undefined && (
        <p role="alert" className="field-error">
          {describeError(failure, t)}
        </p>
      )}
      {moved !== undefined && moved.length > 0 && (
        <div className="speech-moves">
          <table>
            <caption className="visually-hidden">{t('speech.moves')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('grid.number')}</th>
                <th scope="col">{t('speech.before')}</th>
                <th scope="col">{t('speech.after')}</th>
              </tr>
            </thead>
            <tbody>
              {moved.slice(0, LISTED).map((cue) => (
                <tr key={cue.id}>
                  <td>{numbers.get(cue.id)}</td>
                  <td>
                    {cue.from === undefined
                      ? t('speech.untimed')
                      : `${formatTimestamp(cue.from.start)} → ${formatTimestamp(cue.from.end)}`}
                  </td>
                  <td>
                    {formatTimestamp(cue.to.start)} → {formatTimestamp(cue.to.end)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {moved.length > LISTED && <p>{t('speech.more', { count: moved.length - LISTED })}</p>}
        </div>
      )}
      <div className="buttons">
        <button type="button" onClick={props.onClose} data-autofocus>
          {t('file.cancel')}
        </button>
        <button type="button" className="primary" disabled={moved === undefined || moved.length === 0} onClick={apply}>
          {t('speech.apply', { count: moved?.length ?? 0 })}
        </button>
      </div>
    </Modal>
  );
}
