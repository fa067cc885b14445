import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.esm.js';
import type { SubrelayApi } from '../../../src/api/contract';
import type { Language } from '../../../src/languages';
import { setCueTimes } from '../../../src/model/edit';
import { DEFAULT_RULES } from '../../../src/subtitles/rules';
import { formatTimestamp } from '../../../src/time/timecode';
import { cuesBetween } from '../../../src/timing/cueIndex';
import { placeDraggedCue, type DragKind } from '../../../src/timing/dragCue';
import { describeError } from '../describeError';
import { selectDocument } from '../store/appState';
import { useAppState, useDispatcher } from '../store/context';
import type { Dispatcher } from '../store/dispatcher';

/** Peaks per second asked of the media operations (the overview; zooming in draws them wider). */
const PEAKS_PER_SECOND = 100;
/** At most this many cues are drawn as regions at once: the ones in view and a screen either side. */
const MAX_REGIONS = 400;
const ZOOM_MIN = 10;
/** The stretch whose peaks are asked for first, so a long file shows its start while the rest is read. */
const FIRST_VIEW_MS = 120_000;
const ZOOM_MAX = 400;

interface Peaks {
  readonly durationMs: number;
  /** One channel, the lowest and highest sample of each bucket in turn, as wavesurfer draws them. */
  readonly channel: Float32Array;
}

type PeaksAnswer = Awaited<ReturnType<SubrelayApi['mediaPeaks']>>;

/** The answer laid out over the whole file (buckets outside a window's answer stay flat until the whole comes). */
function peaksOf(answer: PeaksAnswer): Peaks {
  const perSecond = answer.peaksPerSecond;
  const offset = Math.round((answer.fromMs * perSecond) / 1000);
  const buckets = Math.max(Math.ceil((answer.durationMs * perSecond) / 1000), offset + answer.min.length);
  const channel = new Float32Array(buckets * 2);
  for (let index = 0; index < answer.min.length; index++) {
    channel[(offset + index) * 2] = answer.max[index] ?? 0;
    channel[(offset + index) * 2 + 1] = answer.min[index] ?? 0;
  }
  return { durationMs: answer.durationMs, channel };
}

/** The whole file's peaks, fetched once per media file and kept while the page lives. */
const peakCache = new Map<string, Promise<Peaks>>();

/**
 * The waveform's peaks, as soon as there are any: the first minutes at once
 * (`first`, decoded on their own while the whole file is computed), then the
 * whole file (`whole`, computed once by the main process and cached beside
 * the journals). A file seen before in this page has only `whole`.
 */
function loadPeaks(
  api: SubrelayApi,
  projectPath: string | null,
  media: string,
): { readonly first: Promise<Peaks> | undefined; readonly whole: Promise<Peaks> } {
  const key = `${projectPath ?? ''}\n${media}`;
  const cached = peakCache.get(key);
  if (cached !== undefined) return { first: undefined, whole: cached };
  const whole = api.mediaPeaks({ projectPath, media, peaksPerSecond: PEAKS_PER_SECOND }).then(peaksOf);
  whole.catch(() => peakCache.delete(key));
  peakCache.set(key, whole);
  const first = api
    .mediaPeaks({ projectPath, media, peaksPerSecond: PEAKS_PER_SECOND, fromMs: 0, toMs: FIRST_VIEW_MS })
    .then(peaksOf);
  return { first, whole };
}

/**
 * This page's style nonce (`<meta property="csp-nonce">`, put there by the server with the page):
 * wavesurfer's shadow root brings a `<style>` of its own, which the page's policy allows only with it.
 */
function styleNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce === undefined || meta.nonce === '' ? undefined : meta.nonce;
}

/** The colours of the waveform, read from the page's theme. */
function themeColour(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

/**
 * Makes one region edge a slider: named, with its time, moved a frame at a
 * time with the arrow keys (ten with Shift), so the waveform can be timed
 * without a mouse. The same placement rules as a drag apply.
 */
function makeEdgeSlider(
  handle: Element | null,
  label: string,
  ms: number,
  durationMs: number,
  onStep: (frames: number) => void,
): void {
  if (!(handle instanceof HTMLElement)) return;
  handle.setAttribute('role', 'slider');
  handle.setAttribute('aria-label', label);
  handle.setAttribute('aria-valuemin', '0');
  handle.setAttribute('aria-valuemax', String(Math.round(durationMs)));
  handle.setAttribute('aria-valuenow', String(Math.round(ms)));
  handle.setAttribute('aria-valuetext', formatTimestamp(ms));
  handle.tabIndex = 0;
  handle.onkeydown = (event) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    event.stopPropagation();
    onStep(step * (event.shiftKey ? 10 : 1));
  };
}

/**
 * Applies a drag (or an edge's key step) to the document: the cue lands on
 * frames, keeps its minimum gaps and never passes a neighbour
 * (`placeDraggedCue`), and a run of drags on one cue is one undo step.
 */
function applyDrag(
  dispatcher: Dispatcher,
  documentId: string,
  segmentId: string,
  wanted: { start: number; end: number },
  kind: DragKind,
  durationMs: number,
): { start: number; end: number } | undefined {
  const state = dispatcher.store.getState();
  const project = state.workspace?.history.present;
  const document = project?.documents.find((d) => d.id === documentId);
  if (project === undefined || document === undefined) return undefined;
  const placed = placeDraggedCue(document, segmentId, wanted, kind, {
    rules: state.workspace?.settings.rules ?? DEFAULT_RULES,
    frameRate: project.frameRate,
    mediaEndMs: durationMs,
  });
  if (placed === undefined) return undefined;
  dispatcher.edit(
    (p) => setCueTimes(p, { documentId, segmentId }, placed.start, placed.end),
    'timing',
    `drag:${documentId}:${segmentId}`,
  );
  return placed;
}

/**
 * The waveform under the player (wavesurfer.js with its regions and
 * timeline plugins), on the peaks the media operations computed and
 * cached: cues as labelled regions to drag (edges: start or end; body: the
 * whole cue), click to seek, zoom.
 *
 * Only the cues in view (and a screen either side) are regions, so a
 * transcript of 20,000 cues draws as quickly as one of nine.
 */
export function Waveform(props: {
  readonly api: SubrelayApi;
  readonly video: HTMLVideoElement;
  readonly projectPath: string | null;
  readonly media: string;
  readonly language: Language;
}) {
  const { t } = useTranslation();
  const dispatcher = useDispatcher();
  const container = useRef<HTMLDivElement>(null);
  const surfer = useRef<WaveSurfer | undefined>(undefined);
  const regions = useRef<ReturnType<typeof RegionsPlugin.create> | undefined>(undefined);
  const [peaks, setPeaks] = useState<Peaks | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [zoom, setZoom] = useState(50);
  const [view, setView] = useState<{ start: number; end: number }>({ start: 0, end: 0 });
  const document = useAppState(selectDocument);
  const selectedId = useAppState((state) => state.selection?.segmentId);

  useEffect(() => {
    // One waveform per media file (the player is keyed by it): nothing to reset here.
    let live = true;
    let whole = false;
    const { first, whole: all } = loadPeaks(props.api, props.projectPath, props.media);
    first
      ?.then((loaded) => live && !whole && setPeaks(loaded))
      // The whole file's answer says what went wrong, if anything did.
      .catch(() => undefined);
    all
      .then((loaded) => {
        whole = true;
        if (live) setPeaks(loaded);
      })
      .catch((error: unknown) => live && setFailure(error));
    return () => {
      live = false;
    };
  }, [props.api, props.projectPath, props.media]);

  // One wavesurfer per media element and peaks; it plays nothing itself (the video element does).
  const hasPeaks = peaks !== undefined;
  const durationMs = peaks?.durationMs ?? 0;
  useEffect(() => {
    const element = container.current;
    if (element === null || peaks === undefined) return undefined;
    const regionsPlugin = RegionsPlugin.create();
    const accent = themeColour('--accent', '#2563eb');
    const nonce = styleNonce();
    const ws = WaveSurfer.create({
      container: element,
      media: props.video,
      peaks: [peaks.channel],
      duration: peaks.durationMs / 1000,
      height: 88,
      minPxPerSec: zoom,
      fillParent: true,
      waveColor: themeColour('--muted', '#6b7280'),
      progressColor: accent,
      cursorColor: themeColour('--fg', '#1d1f23'),
      cursorWidth: 2,
      dragToSeek: true,
      autoScroll: true,
      autoCenter: false,
      normalize: true,
      plugins: [regionsPlugin, TimelinePlugin.create({ height: 16 })],
      ...(nonce !== undefined ? { cspNonce: nonce } : {}),
    });
    surfer.current = ws;
    regions.current = regionsPlugin;
    const showView = (): void => {
      const width = element.clientWidth;
      const pxPerSec = ws.options.minPxPerSec;
      const start = ws.getScroll() / Math.max(1, pxPerSec);
      setView({ start: start * 1000, end: (start + width / Math.max(1, pxPerSec)) * 1000 });
    };
    const unsubscribe = [
      ws.on('scroll', (visibleStart, visibleEnd) => setView({ start: visibleStart * 1000, end: visibleEnd * 1000 })),
      ws.on('zoom', showView),
      ws.on('ready', showView),
      regionsPlugin.on('region-updated', (region: Region, side) => {
        const documentId = selectDocument(dispatcher.store.getState())?.id;
        if (documentId === undefined) return;
        const kind: DragKind = side ?? 'move';
        const placed = applyDrag(
          dispatcher,
          documentId,
          region.id,
          { start: region.start * 1000, end: region.end * 1000 },
          kind,
          peaks.durationMs,
        );
        // Where the rules put it (frames, gaps), even when that is where it was.
        if (placed !== undefined) region.setOptions({ start: placed.start / 1000, end: placed.end / 1000 });
      }),
      regionsPlugin.on('region-clicked', (region: Region, event: MouseEvent) => {
        event.stopPropagation();
        const state = dispatcher.store.getState();
        dispatcher.select({ segmentId: region.id, language: state.selection?.language ?? props.language }, true);
        props.video.currentTime = region.start;
      }),
    ];
    return () => {
      unsubscribe.forEach((off) => off());
      ws.destroy();
      surfer.current = undefined;
      regions.current = undefined;
    };
    // The zoom is applied by its own effect, and the whole file's peaks replace the first minutes' in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hasPeaks, durationMs, props.video, dispatcher]);

  useEffect(() => {
    if (peaks !== undefined) surfer.current?.setOptions({ peaks: [peaks.channel], duration: peaks.durationMs / 1000 });
  }, [peaks]);

  useEffect(() => {
    surfer.current?.zoom(zoom);
  }, [zoom]);

  // The cues in view, as regions: added, moved, relabelled and removed as the document and the view change.
  useEffect(() => {
    const plugin = regions.current;
    if (plugin === undefined || document === undefined || peaks === undefined) return;
    const span = Math.max(10_000, view.end - view.start);
    const positions = cuesBetween(document.segments, view.start - span, view.end + span).slice(0, MAX_REGIONS);
    const wanted = new Map(positions.map((position) => [document.segments[position]?.id ?? '', position]));
    const existing = new Map(plugin.getRegions().map((region) => [region.id, region]));
    for (const [id, region] of existing) if (!wanted.has(id)) region.remove();
    for (const [id, position] of wanted) {
      const segment = document.segments[position];
      if (segment?.start === undefined || segment.end === undefined) continue;
      const number = position + 1;
      const text = segment.texts[props.language].replace(/\s+/gu, ' ').trim();
      const content = text === '' ? String(number) : `${number}. ${text}`;
      const colour = id === selectedId ? 'rgba(37, 99, 235, 0.28)' : 'rgba(37, 99, 235, 0.12)';
      let region = existing.get(id);
      if (region === undefined) {
        region = plugin.addRegion({ id, start: segment.start / 1000, end: segment.end / 1000, content, color: colour });
      } else {
        if (Math.abs(region.start * 1000 - segment.start) > 0.5 || Math.abs(region.end * 1000 - segment.end) > 0.5) {
          region.setOptions({ start: segment.start / 1000, end: segment.end / 1000 });
        }
        if (region.content?.textContent !== content) region.setContent(content);
        if (region.color !== colour) region.setOptions({ color: colour });
      }
      const { start, end } = segment;
      const element = region.element;
      element?.setAttribute(
        'aria-label',
        t('media.cue', { number, start: formatTimestamp(start), end: formatTimestamp(end) }),
      );
      const step = (kind: 'start' | 'end') => (frames: number) => {
        const frame = 1000 / (dispatcher.store.getState().workspace?.history.present.frameRate ?? 25);
        const wantedTimes =
          kind === 'start' ? { start: start + frames * frame, end } : { start, end: end + frames * frame };
        applyDrag(dispatcher, document.id, id, wantedTimes, kind, peaks.durationMs);
      };
      makeEdgeSlider(
        element?.querySelector('[part~="region-handle-left"]') ?? null,
        t('media.cueStart', { number }),
        start,
        peaks.durationMs,
        step('start'),
      );
      makeEdgeSlider(
        element?.querySelector('[part~="region-handle-right"]') ?? null,
        t('media.cueEnd', { number }),
        end,
        peaks.durationMs,
        step('end'),
      );
    }
  }, [document, view, peaks, props.language, selectedId, dispatcher, t]);

  return (
    <div className="waveform-area">
      <div
        ref={container}
        className="waveform"
        role="group"
        aria-label={t('media.waveform')}
        aria-busy={peaks === undefined && failure === undefined}
      />
      {peaks === undefined && failure === undefined && <p className="media-note">{t('media.readingWaveform')}</p>}
      {failure !== undefined && (
        <p role="alert" className="media-note">
          {describeError(failure, t)}
        </p>
      )}
      <label className="waveform-zoom">
        {t('media.zoom')}{' '}
        <input
          type="range"
          min={ZOOM_MIN}
          max={ZOOM_MAX}
          step={10}
          value={zoom}
          onChange={(event) => setZoom(Number(event.target.value))}
        />
      </label>
    </div>
  );
}
