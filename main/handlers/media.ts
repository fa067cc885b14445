import { stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ApiRequest, ApiResponse } from '../../src/api/contract';
import { FileError, toFileError } from './files';
import { computePeaks, computePeaksBetween } from './peaks';
import { detectSpeech } from './speechDetection';

/** What Chromium plays, by extension, with the type the web mode serves it as. */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.ogv': 'video/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
};

/** Whether a path names a video or audio file by its extension (the only files the media routes hand out). */
export function isMediaPath(path: string): boolean {
  return Object.hasOwn(MEDIA_TYPES, extname(path).toLowerCase());
}

/**
 * What a document stores for its media: the path relative to the project file, with `/` between folders.
 *
 * Untitled projects (and media on another Windows drive) store the absolute path.
 */
export function mediaReferenceOf(projectPath: string | null, mediaPath: string, base: string): string {
  if (projectPath === null) return mediaPath;
  const relation = relative(dirname(resolve(base, projectPath)), mediaPath);
  return isAbsolute(relation) ? mediaPath : relation.split(sep).join('/');
}

/** Where a stored or typed media path points: relative paths are taken from the project file's folder. */
export function mediaPathOf(projectPath: string | null, media: string, base: string): string {
  const folder = projectPath === null ? base : dirname(resolve(base, projectPath));
  return resolve(folder, media.split('/').join(sep));
}

/** What the media handlers need from `createHandlers`: its path checks and grants. */
export interface MediaAccess {
  /** Where relative paths start when there is no project file: the web mode's root, or the working folder. */
  readonly base: string;
  /** Checks a path the renderer named (root in web mode, grants on the desktop); throws `ForbiddenError`. */
  requirePath(path: string | undefined, purpose: string): Promise<string>;
  /** Desktop: whether the media may be read without a dialog (see `createMediaHandlers`). */
  isGranted?(path: string, projectPath: string | null): Promise<boolean>;
  /** Desktop: asks for a media file; undefined when canceled. The chosen file is granted. */
  askMediaPath?(): Promise<string | undefined>;
  /** Where waveform peaks are cached (beside the journals). */
  readonly peaksFolder: string;
  /** The media route's address for a query (`project`, `media`); `./media?…` on the page's own server by default. */
  mediaUrl?(query: string): string;
}

type MediaStatus = ApiResponse<'checkMedia'>;

async function statusOf(path: string, reference: string): Promise<MediaStatus> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new FileError(path, 'is a folder, not a file', 'bad-file', { problem: { code: 'is-folder' } });
    }
    return { found: true, path, reference, sizeBytes: info.size, modifiedMs: info.mtimeMs };
  } catch (error) {
    const failure = toFileError(path, error);
    if (failure.kind !== 'not-found') throw failure;
    return { found: false, path, reference, problem: { code: 'media-missing', params: { path }, file: path } };
  }
}

/**
 * The media operations: attach, check, detect speech, waveform peaks.
 *
 * Paths go through the same checks as every other path: inside the root in
 * web mode; on the desktop, a file chosen in a dialog this run, or a video or
 * audio file inside the folder of a project that was itself granted (so a
 * project reopened from Open Recent plays its media, but cannot name a file
 * elsewhere, nor anything that is not media). Only video and audio
 * extensions are accepted at all.
 */
export function createMediaHandlers(access: MediaAccess) {
  async function allowedPath(projectPath: string | null, media: string): Promise<string> {
    const path = mediaPathOf(projectPath, media, access.base);
    if (!isMediaPath(path)) {
      throw new FileError(path, 'is not a video or audio file Subrelay can play', 'bad-file', {
        problem: { code: 'media-unreadable', params: { detail: extname(path) || 'no extension' } },
      });
    }
    if ((await access.isGranted?.(path, projectPath)) === true) return path;
    return access.requirePath(path, 'use media');
  }

  async function requireFound(request: ApiRequest<'checkMedia'>): Promise<string> {
    const path = await allowedPath(request.projectPath, request.media);
    const status = await statusOf(path, request.media);
    if (!status.found) throw new FileError(path, 'no such file or folder', 'not-found', { problem: status.problem });
    return path;
  }

  return {
    attachMedia: async ({ projectPath, media }: ApiRequest<'attachMedia'>): Promise<ApiResponse<'attachMedia'>> => {
      let chosen = media;
      if (chosen === undefined && access.askMediaPath !== undefined) chosen = await access.askMediaPath();
      if (chosen === undefined) {
        // Canceled; without a dialog (the web mode), requirePath says a path is needed.
        if (access.askMediaPath !== undefined) return { canceled: true };
        await access.requirePath(undefined, 'attach media');
        return { canceled: true };
      }
      const path = await allowedPath(projectPath, chosen);
      return statusOf(path, mediaReferenceOf(projectPath, path, access.base));
    },

    checkMedia: async ({ projectPath, media }: ApiRequest<'checkMedia'>): Promise<ApiResponse<'checkMedia'>> => {
      const path = await allowedPath(projectPath, media);
      return statusOf(path, mediaReferenceOf(projectPath, path, access.base));
    },

    mediaUrl: async (request: ApiRequest<'mediaUrl'>): Promise<ApiResponse<'mediaUrl'>> => {
      await requireFound(request);
      // The route checks the same two values again (checkMedia), so it gets them as the page sent them.
      const query = new URLSearchParams({
        ...(request.projectPath === null ? {} : { project: request.projectPath }),
        media: request.media,
      }).toString();
      return { url: access.mediaUrl?.(query) ?? `./media?${query}` };
    },

    detectSpeech: async (request: ApiRequest<'detectSpeech'>): Promise<ApiResponse<'detectSpeech'>> => {
      const path = await requireFound(request);
      const { speech, durationMs } = await detectSpeech(path, { model: request.model });
      return { speech, durationMs };
    },

    mediaPeaks: async (request: ApiRequest<'mediaPeaks'>): Promise<ApiResponse<'mediaPeaks'>> => {
      const path = await requireFound(request);
      const options = { peaksPerSecond: request.peaksPerSecond, cacheFolder: access.peaksFolder };
      const peaks =
        request.fromMs !== undefined && request.toMs !== undefined
          ? await computePeaksBetween(path, request.fromMs, request.toMs, options)
          : await computePeaks(path, options);
      // Four decimals are finer than any screen draws, and keep the answer small.
      const round = (values: Float32Array): number[] => {
        const rounded = new Array<number>(values.length);
        for (let index = 0; index < values.length; index++) {
          rounded[index] = Math.round((values[index] as number) * 1e4) / 1e4;
        }
        return rounded;
      };
      return {
        peaksPerSecond: peaks.peaksPerSecond,
        durationMs: peaks.durationMs,
        fromMs: peaks.fromMs,
        min: round(peaks.min),
        max: round(peaks.max),
      };
    },
  };
}
