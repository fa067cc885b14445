import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResponse, SubrelayApi } from '../../../src/api/contract';
import { commandById, shortcutLabel, type CommandId } from '../../../src/commands/commands';
import { screenText } from '../../../src/formats/exportCues';
import { ENDONYMS, type Language } from '../../../src/languages';
import type { SubrelayDocument } from '../../../src/model/project';
import { DEFAULT_RULES } from '../../../src/subtitles/rules';
import { formatTimestamp } from '../../../src/time/timecode';
import { cueAtTime } from '../../../src/timing/cueIndex';
import { snapToFrame } from '../../../src/timing/timing';
import { describeError } from '../describeError';
import { PLAYBACK_RATES, selectDocument, selectSegment, type AppState } from '../store/appState';
import { useAppState, useDispatcher } from '../store/context';
import type { MediaController } from '../store/dispatcher';
import { Waveform } from './Waveform';

const MAC = typeof navigator !== 'undefined' && navigator.platform.startsWith('Mac');

type MediaStatus = ApiResponse<'checkMedia'>;

/** The open transcript's media reference and the project file it is relative to. */
function selectMedia(state: AppState) {
  const document = selectDocument(state);
  if (document?.kind !== 'transcript') return undefined;
  return { documentId: document.id, media: document.media?.path, projectPath: state.workspace?.path ?? null };
}

function sameMedia(a: ReturnType<typeof selectMedia>, b: ReturnType<typeof selectMedia>): boolean {
  return a?.documentId === b?.documentId && a?.media === b?.media && a?.projectPath === b?.projectPath;
}

/** A command's label with its key, for a button's tooltip. */
function useCommandTitle(): (id: CommandId) => string {
  const { t } = useTranslation();
  return (id) => {
    const command = commandById(id);
    const label = t(command.labelKey).replace(/…$/u, '');
    return command.shortcut === undefined ? label : `${label} (${shortcutLabel(command.shortcut, MAC)})`;
  };
}

/**
 * The media panel above the grid (transcripts only): attach media, or play
 * it with the chosen language's subtitle over the video, and time cues on
 * the waveform under it.
 *
 * A file that is not there is said, with Locate…; it never blocks the
 * project. The player's commands (keys, menus) come through the dispatcher
 * to the controller this panel registers.
 */
export function MediaPanel({ api }: { readonly api: SubrelayApi }) {
  const { t } = useTranslation();
  const dispatcher = useDispatcher();
  const media = useAppState(selectMedia, sameMedia);
  const mode = useAppState((state) => state.mode);
  const collapsed = useAppState((state) => state.player.collapsed);
  const [checked, setChecked] = useState<
    | {
        readonly key: string;
        readonly status: MediaStatus | { readonly error: unknown };
        /** Where the page plays it from: the web mode's `/media` route, or `app://subrelay/media` on the desktop. */
        readonly url?: string;
      }
    | undefined
  >(undefined);
  const key = media?.media === undefined ? undefined : `${media.projectPath ?? ''}\n${media.media}`;
  // What the check of the media as it is now said (nothing yet while a new one runs).
  const status = checked !== undefined && checked.key === key ? checked.status : undefined;

  useEffect(() => {
    if (media?.media === undefined || key === undefined) return undefined;
    let live = true;
    const request = { projectPath: media.projectPath, media: media.media };
    api
      .checkMedia(request)
      .then(async (result) => {
        const url = result.found ? (await api.mediaUrl(request)).url : undefined;
        if (live) setChecked({ key, status: result, ...(url !== undefined ? { url } : {}) });
      })
      .catch((error: unknown) => live && setChecked({ key, status: { error } }));
    return () => {
      live = false;
    };
  }, [api, key, media?.media, media?.projectPath]);

  // On the desktop, a video or audio file dropped on the window is attached to the open transcript.
  const documentIdForDrop = media?.documentId;
  useEffect(() => {
    if (documentIdForDrop === undefined) return undefined;
    return window.subrelayMenu?.onDroppedMedia((path) => void dispatcher.attachMedia(documentIdForDrop, path));
  }, [dispatcher, documentIdForDrop]);

  if (media === undefined) return null;
  const documentId = media.documentId;
  const header = (
    <div className="media-bar">
      <h2 className="media-title">{t('media.title')}</h2>
      {/* Without media the panel is this one line, so the grid keeps its room. */}
      {media.media === undefined && <span className="media-note">{t('media.none')}</span>}
      {media.media !== undefined && (
        <span className="media-file" title={media.media}>
          {media.media.split(/[\\/]/u).pop()}
        </span>
      )}
      <button type="button" onClick={() => dispatcher.run('attachMedia')}>
        {t(media.media === undefined ? 'command.attachMedia' : 'media.replace')}
      </button>
      {media.media !== undefined && (
        <button
          type="button"
          aria-expanded={!collapsed}
          onClick={() => dispatcher.setPlayer({ collapsed: !collapsed })}
        >
          {t(collapsed ? 'media.show' : 'media.hide')}
        </button>
      )}
    </div>
  );

  let body = null;
  if (media.media === undefined) {
    // Nothing under the bar.
  } else if (status === undefined) {
    body = <p className="media-note">{t('media.checking')}</p>;
  } else if ('error' in status) {
    body = (
      <p role="alert" className="media-note">
        {describeError(status.error, t)}
      </p>
    );
  } else if (!status.found) {
    body = (
      <div role="alert" className="media-note">
        <span>{t('media.missing', { path: status.path })}</span>{' '}
        <button
          type="button"
          onClick={() =>
            mode === 'web'
              ? dispatcher.openDialog({ kind: 'attachMedia', documentId, locate: true })
              : void dispatcher.attachMedia(documentId)
          }
        >
          {t('media.locate')}
        </button>
      </div>
    );
  } else if (!collapsed && checked?.url !== undefined) {
    const url = checked.url;
    body = (
      <Player key={`${documentId}:${url}`} api={api} url={url} projectPath={media.projectPath} media={media.media} />
    );
  }
  return (
    <section className="media-panel" aria-label={t('media.title')}>
      {header}
      {body}
    </section>
  );
}

/** The stretch the player is limited to: a cue played once, or looped. */
interface PlayRange {
  readonly start: number;
  readonly end: number;
  readonly loop: boolean;
}

/** The subtitle over the video: the cue under the playhead, broken into lines as export breaks it. */
function SubtitlePreview(props: { readonly segmentId: string | undefined; readonly language: Language }) {
  const { t } = useTranslation();
  const segment = useAppState((state) =>
    props.segmentId === undefined ? undefined : selectSegment(state, props.segmentId),
  );
  const rules = useAppState((state) => state.workspace?.settings.rules ?? DEFAULT_RULES);
  const text = segment === undefined ? '' : screenText(segment.texts[props.language], props.language, rules);
  const lines = text === '' ? [] : text.split('\n');
  return (
    <div role="region" aria-label={t('media.preview')} className="subtitle-preview" lang={props.language}>
      {lines.map((line, index) => (
        <span key={index} className="subtitle-line">
          {line}
          {index < lines.length - 1 && <br />}
        </span>
      ))}
    </div>
  );
}

/** The language shown over the video: the one chosen, else the first translation language. */
function overlayLanguageOf(state: AppState, document: SubrelayDocument | undefined): Language {
  const chosen = state.player.overlayLanguage;
  const languages = state.workspace?.history.present.languages ?? [];
  if (chosen !== undefined && languages.includes(chosen)) return chosen;
  return languages.find((language) => language !== document?.sourceLanguage) ?? languages[0] ?? 'en';
}

function Player(props: {
  readonly api: SubrelayApi;
  readonly url: string;
  readonly projectPath: string | null;
  readonly media: string;
}) {
  const { t } = useTranslation();
  const title = useCommandTitle();
  const dispatcher = useDispatcher();
  const video = useRef<HTMLVideoElement>(null);
  const range = useRef<PlayRange | undefined>(undefined);
  /** The cue playback last selected, so that selecting it does not seek back to its start. */
  const followed = useRef<string | undefined>(undefined);
  const [element, setElement] = useState<HTMLVideoElement | null>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState(0);
  const [cueId, setCueId] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const player = useAppState((state) => state.player);
  const language = useAppState((state) => overlayLanguageOf(state, selectDocument(state)));
  const languages = useAppState((state) => state.workspace?.history.present.languages ?? []);
  const selectedId = useAppState((state) => state.selection?.segmentId);

  /** The cue under the playhead, the time shown, the range's end; and the grid following playback. */
  const update = useCallback(() => {
    const element = video.current;
    if (element === null) return;
    let ms = element.currentTime * 1000;
    const limit = range.current;
    if (limit !== undefined && !element.paused && ms >= limit.end) {
      if (limit.loop) {
        element.currentTime = limit.start / 1000;
        ms = limit.start;
      } else {
        element.pause();
        element.currentTime = limit.end / 1000;
        ms = limit.end;
        range.current = undefined;
      }
    }
    setPosition(ms);
    const state = dispatcher.store.getState();
    const document = selectDocument(state);
    const segments = document?.segments ?? [];
    const at = cueAtTime(segments, ms);
    const id = at < 0 ? undefined : segments[at]?.id;
    setCueId(id);
    if (
      id !== undefined &&
      !element.paused &&
      state.player.followPlayback &&
      state.dialog === undefined &&
      state.selection?.segmentId !== id
    ) {
      followed.current = id;
      const language = state.selection?.language ?? overlayLanguageOf(state, document);
      dispatcher.select({ segmentId: id, language }, true);
    }
  }, [dispatcher]);

  // While playing, every frame; when paused, on each seek.
  useEffect(() => {
    if (!playing) return undefined;
    let frame = requestAnimationFrame(function tick() {
      update();
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, update]);

  useEffect(() => {
    const element = video.current;
    if (element !== null) element.playbackRate = player.rate;
  }, [player.rate]);

  // Selecting a cue moves the playhead to its start (when paused, and not when playback selected it).
  useEffect(() => {
    const element = video.current;
    if (selectedId === undefined || element === null || !element.paused || !player.followSelection) return;
    if (followed.current === selectedId) return;
    const segment = selectSegment(dispatcher.store.getState(), selectedId);
    if (segment?.start === undefined) return;
    element.currentTime = segment.start / 1000;
  }, [selectedId, player.followSelection, dispatcher]);

  useEffect(() => {
    const controller: MediaController = {
      run(action) {
        const element = video.current;
        if (element === null) return;
        const state = dispatcher.store.getState();
        const document = selectDocument(state);
        const selection = state.selection;
        const segment = selection === undefined ? undefined : selectSegment(state, selection.segmentId);
        const frameRate = state.workspace?.history.present.frameRate ?? 25;
        const playCue = (loop: boolean): void => {
          if (segment?.start === undefined || segment.end === undefined) return;
          range.current = { start: segment.start, end: segment.end, loop };
          followed.current = segment.id;
          element.currentTime = segment.start / 1000;
          void element.play().catch((error: unknown) => setFailure(String(error)));
        };
        switch (action) {
          case 'playPause':
            if (element.paused) {
              range.current = state.player.loop ? range.current : undefined;
              void element.play().catch((error: unknown) => setFailure(String(error)));
            } else element.pause();
            return;
          case 'playCue':
            playCue(state.player.loop);
            return;
          case 'loopCue': {
            const loop = !state.player.loop;
            dispatcher.setPlayer({ loop });
            if (loop) playCue(true);
            else if (range.current !== undefined) range.current = { ...range.current, loop: false };
            return;
          }
          case 'previousFrame':
          case 'nextFrame': {
            element.pause();
            const step = action === 'nextFrame' ? 1 : -1;
            const ms = snapToFrame(element.currentTime * 1000, frameRate) + step * (1000 / frameRate);
            element.currentTime = Math.max(0, Math.min(ms, element.duration * 1000 || ms)) / 1000;
            return;
          }
          case 'startFromPlayhead':
          case 'endFromPlayhead':
            if (document === undefined || selection === undefined) return;
            dispatcher.setTime(
              { documentId: document.id, segmentId: selection.segmentId },
              action === 'startFromPlayhead' ? 'start' : 'end',
              Math.round(element.currentTime * 1000),
            );
            return;
        }
      },
    };
    return dispatcher.setMediaController(controller);
  }, [dispatcher]);

  const run = (id: CommandId) => () => dispatcher.run(id);
  const canPlayCue = useAppState((state) => {
    const id = state.selection?.segmentId;
    const segment = id === undefined ? undefined : selectSegment(state, id);
    return segment?.start !== undefined && segment.end !== undefined;
  });

  return (
    <div className="player">
      <div className="video-frame">
        <video
          ref={(node) => {
            video.current = node;
            setElement(node);
          }}
          src={props.url}
          preload="auto"
          aria-label={t('media.video')}
          onPlay={() => setPlaying(true)}
          onPause={() => {
            setPlaying(false);
            update();
          }}
          onSeeked={update}
          onTimeUpdate={() => video.current?.paused === true && update()}
          onLoadedMetadata={(event) => {
            setDuration(event.currentTarget.duration * 1000);
            event.currentTarget.playbackRate = dispatcher.store.getState().player.rate;
            update();
          }}
          onError={() => setFailure(t('media.cannotPlay', { name: props.media }))}
        />
        <SubtitlePreview segmentId={cueId} language={language} />
      </div>
      <div className="player-side">
        <div role="toolbar" aria-label={t('media.controls')} className="player-controls">
          <button type="button" onClick={run('playPause')} title={title('playPause')}>
            {t(playing ? 'media.pause' : 'media.play')}
          </button>
          <button type="button" onClick={run('playCue')} disabled={!canPlayCue} title={title('playCue')}>
            {t('media.playCue')}
          </button>
          <button
            type="button"
            aria-pressed={player.loop}
            onClick={run('loopCue')}
            disabled={!canPlayCue && !player.loop}
            title={title('loopCue')}
          >
            {t('media.loopCue')}
          </button>
          <button type="button" onClick={run('previousFrame')} title={title('previousFrame')}>
            {t('media.previousFrame')}
          </button>
          <button type="button" onClick={run('nextFrame')} title={title('nextFrame')}>
            {t('media.nextFrame')}
          </button>
        </div>
        {/* A timer, not a live region: it changes every frame while playing. */}
        <span role="timer" className="player-time" aria-label={t('media.position')}>
          {formatTimestamp(Math.round(position))} / {formatTimestamp(Math.round(duration))}
        </span>
        <div className="player-options">
          <label>
            {t('media.speed')}{' '}
            <select
              value={String(player.rate)}
              onChange={(event) => dispatcher.setPlayer({ rate: Number(event.target.value) })}
            >
              {PLAYBACK_RATES.map((rate) => (
                <option key={rate} value={String(rate)}>
                  {t('media.rate', { n: rate })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('media.overlayLanguage')}{' '}
            <select
              value={language}
              onChange={(event) => dispatcher.setPlayer({ overlayLanguage: event.target.value as Language })}
            >
              {languages.map((code) => (
                <option key={code} value={code}>
                  {ENDONYMS[code]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input
              type="checkbox"
              checked={player.followPlayback}
              onChange={(event) => dispatcher.setPlayer({ followPlayback: event.target.checked })}
            />{' '}
            {t('media.followPlayback')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={player.followSelection}
              onChange={(event) => dispatcher.setPlayer({ followSelection: event.target.checked })}
            />{' '}
            {t('media.followSelection')}
          </label>
        </div>
        <div className="player-speech">
          <button type="button" onClick={run('timeFromSpeech')}>
            {t('command.timeFromSpeech')}
          </button>
          <button type="button" onClick={run('snapToSpeech')}>
            {t('command.snapToSpeech')}
          </button>
        </div>
        {failure !== undefined && (
          <p role="alert" className="media-note">
            {failure}
          </p>
        )}
      </div>
      {element !== null && (
        <Waveform
          api={props.api}
          video={element}
          projectPath={props.projectPath}
          media={props.media}
          language={language}
        />
      )}
    </div>
  );
}
