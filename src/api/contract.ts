import { z } from 'zod';
import { LANGUAGES, type Language } from '../languages';
import { projectSchema } from '../model/schema';
import { EXPORT_FORMAT_NAMES, SEGMENT_STATUSES, type Project, type SegmentStatus } from '../model/project';
import type { Problem } from './problems';
// Types only: the export writers (DOCX, XML) stay out of the renderer's bundle.
import type { ExportWarning } from '../export/plan';

/**
 * The one contract between the UI and the code that touches files.
 *
 * Both edges implement it: Electron IPC (the preload and `ipcMain.handle`)
 * and the web mode's HTTP routes. Requests are validated at run time on the
 * handling side because types do not survive a process boundary.
 */

const pathSchema = z.string().min(1).max(4096);
const sessionIdSchema = z.string().regex(/^[0-9a-f-]{36}$/u, 'a session id (UUID)');
const projectPayload = projectSchema as unknown as z.ZodType<Project, Project>;

/** A file's content revision, so a save can tell that the file changed on disk since it was read. */
const revisionSchema = z.string().regex(/^[0-9a-f]{64}$/u, 'a revision (SHA-256)');
const journalIdSchema = z.string().regex(/^[0-9a-f-]{36}$/u, 'a journal id (UUID)');

/** Unsaved work kept in the journal, as offered back. */
const journalEntry = z.strictObject({
  journalId: journalIdSchema,
  savedAt: z.string(),
  path: pathSchema.nullable(),
  name: z.string(),
  project: projectPayload,
});

const openResult = z.union([
  z.strictObject({ canceled: z.literal(true) }),
  z.strictObject({
    canceled: z.literal(false),
    project: projectPayload,
    path: pathSchema.nullable(),
    name: z.string(),
    /** What the file held when it was read; null for a sample or a backup. */
    revision: revisionSchema.nullable(),
    /** Unsaved work on this same project that is newer than the file: offered back. */
    recovered: journalEntry.nullable(),
  }),
  /** A subtitle or text file, not a project: the renderer offers to start a project from it. */
  z.strictObject({
    canceled: z.literal(false),
    startFrom: z.strictObject({
      path: pathSchema,
      name: z.string(),
      kind: z.enum(['subtitles', 'text']),
      text: z.string(),
    }),
  }),
]);

/** The longest media a waveform request may name a time in: 100 hours, as for cue times. */
const MAX_MEDIA_MS = 100 * 3600 * 1000;

/** A transcript's media, as the project stores it (relative to the project file) or as the user typed or chose it. */
const mediaRequest = z.strictObject({
  /** The project file a relative media path is relative to; null while untitled (web mode: relative to the root). */
  projectPath: pathSchema.nullable(),
  media: pathSchema,
});

/** Whether a transcript's media is there; a missing file is a problem to show (with "Locate…"), not a failure. */
const mediaStatus = z.union([
  z.strictObject({
    found: z.literal(true),
    /** Where the file is. */
    path: z.string(),
    /** What to store in the document's `media.path`: relative to the project file when there is one. */
    reference: z.string(),
    sizeBytes: z.number(),
    modifiedMs: z.number(),
  }),
  z.strictObject({ found: z.literal(false), path: z.string(), reference: z.string(), problem: z.custom<Problem>() }),
]);

export const contract = {
  getEnvironment: {
    request: z.strictObject({}),
    response: z.strictObject({
      mode: z.enum(['electron', 'web']),
      defaultExportFolder: z.string(),
      version: z.string(),
    }),
  },
  listSamples: {
    request: z.strictObject({}),
    response: z.strictObject({
      samples: z.array(z.strictObject({ id: z.string(), title: z.string() })),
    }),
  },
  openSample: {
    request: z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,64}$/u) }),
    response: openResult,
  },
  openProject: {
    /**
     * Without a path, the desktop app asks with a dialog; the web mode needs one.
     * The caller's session: unsaved work another live tab holds is not offered back.
     */
    request: z.strictObject({
      path: pathSchema.optional(),
      sessionId: sessionIdSchema.optional(),
      /**
       * Web mode only: answer with the project file as it is, not parsed or
       * validated, for the page to read itself (a 16 MB project is then read
       * once, not twice). If the page finds a problem, it asks again without
       * this, and the answer names the file and the problem (and any backup).
       * The desktop app ignores it.
       */
      unchecked: z.boolean().optional(),
    }),
    response: openResult,
  },
  saveProject: {
    /**
     * Without a path, the desktop app asks where to save; the web mode needs one.
     * `saveAs` always asks (desktop). `expectedRevision` is the revision the
     * project was read or last saved as: if the file changed on disk since,
     * the save is refused with a conflict unless `overwrite` is set.
     */
    request: z.strictObject({
      project: projectPayload,
      path: pathSchema.optional(),
      saveAs: z.boolean().optional(),
      expectedRevision: revisionSchema.nullable().optional(),
      overwrite: z.boolean().optional(),
    }),
    response: z.union([
      z.strictObject({ canceled: z.literal(true) }),
      z.strictObject({ canceled: z.literal(false), path: pathSchema, revision: revisionSchema }),
    ]),
  },
  chooseExportFolder: {
    request: z.strictObject({}),
    response: z.union([
      z.strictObject({ canceled: z.literal(true) }),
      z.strictObject({ canceled: z.literal(false), folder: pathSchema }),
    ]),
  },
  /**
   * Keeps unsaved work where a crash cannot take it; called every second or two while there are changes.
   *
   * A journal belongs to its project (its path, or its journal id while untitled), not to the tab.
   */
  writeJournal: {
    request: z.strictObject({
      sessionId: sessionIdSchema,
      journalId: journalIdSchema,
      project: projectPayload,
      path: pathSchema.nullable(),
      name: z.string().max(1000),
    }),
    response: z.strictObject({}),
  },
  /** Says that this tab still works on these journals, so no other tab offers them as left behind. */
  holdJournal: {
    request: z.strictObject({ sessionId: sessionIdSchema, journalId: journalIdSchema, path: pathSchema.nullable() }),
    response: z.strictObject({}),
  },
  /** The tab is closing: its journals are left behind from now on. */
  releaseJournals: {
    request: z.strictObject({ sessionId: sessionIdSchema }),
    response: z.strictObject({}),
  },
  /** Removes a project's journal after a save, or when the user discards it. */
  clearJournal: {
    request: z.strictObject({ sessionId: sessionIdSchema, journalId: journalIdSchema, path: pathSchema.nullable() }),
    response: z.strictObject({}),
  },
  /** Every journal left behind (by a crash, a closed tab or window), newest first. */
  listJournals: {
    request: z.strictObject({ sessionId: sessionIdSchema }),
    response: z.strictObject({ journals: z.array(journalEntry) }),
  },
  /** Opens `<path>.bak` after `path` itself turned out unreadable. */
  openBackup: {
    request: z.strictObject({ path: pathSchema }),
    response: openResult,
  },
  /** Tells the desktop app the interface language, for its menus. */
  setInterfaceLanguage: {
    request: z.strictObject({ language: z.enum(LANGUAGES as [Language, ...Language[]]) }),
    response: z.strictObject({}),
  },
  /**
   * Tells the desktop app which commands apply now, for its menus; the web mode ignores it.
   *
   * `enabled` maps command ids to whether they apply; `modal` is true while a
   * dialog is open, so that no menu item or accelerator fires behind it.
   */
  setCommandStates: {
    request: z.strictObject({
      enabled: z.record(z.string().max(100), z.boolean()).refine((value) => Object.keys(value).length <= 200, {
        error: 'at most 200 commands',
      }),
      modal: z.boolean(),
    }),
    response: z.strictObject({}),
  },
  /**
   * Tells the desktop app which language column the caret is in (null: none),
   * so that its spell checker checks that language; the web mode ignores it.
   */
  setFocusedLanguage: {
    request: z.strictObject({ language: z.enum(LANGUAGES as [Language, ...Language[]]).nullable() }),
    response: z.strictObject({}),
  },
  /** Closes the calling window without asking again (the renderer already asked). */
  closeWindow: {
    request: z.strictObject({}),
    response: z.strictObject({}),
  },
  exportFiles: {
    request: z.strictObject({
      project: projectPayload,
      documentIds: z.array(z.string().min(1).max(100)).min(1).max(1000),
      languages: z
        .array(z.enum(LANGUAGES as [Language, ...Language[]]))
        .min(1)
        .max(4),
      format: z.enum(EXPORT_FORMAT_NAMES),
      folder: pathSchema,
      lineEnding: z.enum(['crlf', 'lf']).optional(),
      bom: z.boolean().optional(),
      secondLanguage: z.enum(LANGUAGES as [Language, ...Language[]]).optional(),
      sourceLanguage: z.enum(LANGUAGES as [Language, ...Language[]]).optional(),
      reviewOnlyFindings: z.boolean().optional(),
      reviewStatuses: z
        .array(z.enum(SEGMENT_STATUSES as [SegmentStatus, ...SegmentStatus[]]))
        .max(SEGMENT_STATUSES.length)
        .optional(),
      /** Dubbing scripts: measure each line with espeak-ng where it is installed (else syllables). */
      speakingTime: z.enum(['syllables', 'espeak']).optional(),
    }),
    response: z.strictObject({
      folder: z.string(),
      written: z.array(z.string()),
      warnings: z.array(z.custom<ExportWarning>()),
    }),
  },
  /**
   * Chooses a transcript's media: the desktop app asks with a dialog (which grants the file), the web mode needs a path.
   *
   * Answers where it is and what to store as the document's `media.path`; the renderer makes that one edit.
   */
  attachMedia: {
    request: z.strictObject({ projectPath: pathSchema.nullable(), media: pathSchema.optional() }),
    response: z.union([z.strictObject({ canceled: z.literal(true) }), mediaStatus]),
  },
  /** Whether a transcript's stored media is there (on opening a project, before playing it). */
  checkMedia: {
    request: mediaRequest,
    response: mediaStatus,
  },
  /**
   * Where the page loads a transcript's media from, for `<video src>` (range requests, so seeking works).
   *
   * Web mode: `./media?project=…&media=…&token=…` on the server itself; the
   * desktop: `app://subrelay/media?project=…&media=…`. Either serves only
   * what `checkMedia` allows; a missing file is a `not-found` error.
   */
  mediaUrl: {
    request: mediaRequest,
    response: z.strictObject({ url: z.string() }),
  },
  /** Where the speech is in a transcript's media (Silero VAD), for Time from speech and Snap to speech. */
  detectSpeech: {
    request: mediaRequest.extend({ model: z.enum(['v5', 'v6']).optional() }),
    response: z.strictObject({
      speech: z.array(z.strictObject({ start: z.number(), end: z.number() })),
      durationMs: z.number(),
    }),
  },
  /**
   * The media's waveform: the lowest and highest sample per bucket (−1..1), computed once and cached.
   *
   * With `fromMs`/`toMs`, only the buckets of that stretch: from the cache
   * when the whole file's peaks are there, else decoded at once (the part in
   * view, while the whole file is computed by a call without them).
   */
  mediaPeaks: {
    request: mediaRequest
      .extend({
        peaksPerSecond: z.number().int().min(1).max(1000).optional(),
        fromMs: z.number().min(0).max(MAX_MEDIA_MS).optional(),
        toMs: z.number().min(0).max(MAX_MEDIA_MS).optional(),
      })
      .refine((request) => (request.fromMs === undefined) === (request.toMs === undefined), {
        error: 'fromMs and toMs go together',
        path: ['toMs'],
      })
      .refine((request) => request.fromMs === undefined || (request.toMs ?? 0) > request.fromMs, {
        error: 'toMs must be after fromMs',
        path: ['toMs'],
      }),
    response: z.strictObject({
      peaksPerSecond: z.number(),
      /** The whole file's duration, also for a stretch. */
      durationMs: z.number(),
      /** Where the first bucket starts: 0 for the whole file. */
      fromMs: z.number(),
      min: z.array(z.number()),
      max: z.array(z.number()),
    }),
  },
} as const;

export type Operation = keyof typeof contract;

export const OPERATIONS = Object.keys(contract) as ReadonlyArray<Operation>;

export type ApiRequest<O extends Operation> = z.input<(typeof contract)[O]['request']>;
export type ApiResponse<O extends Operation> = z.output<(typeof contract)[O]['response']>;

/** The contract as the renderer calls it (over the preload's `window.subrelayIpc`, or HTTP in web mode). */
export type SubrelayApi = {
  readonly [O in Operation]: (request: ApiRequest<O>) => Promise<ApiResponse<O>>;
};

/** The ways an operation can fail that the UI tells apart. */
export type ApiErrorCode = 'invalid-request' | 'not-found' | 'bad-file' | 'io' | 'forbidden' | 'conflict' | 'internal';

/**
 * What crosses the boundary: errors as values, because Electron's IPC keeps
 * only an error's message and rewrites even that.
 */
export type ApiEnvelope<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: ApiErrorCode;
        readonly message: string;
        readonly file?: string;
        /** A readable backup of `file`, offered when `file` itself is corrupt. */
        readonly backup?: string;
        /** What went wrong as a code the interface translates. */
        readonly problem?: Problem;
      };
    };

/** An operation's failure, as thrown on the calling side. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly file?: string,
    readonly backup?: string,
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isOperation(name: string): name is Operation {
  return Object.hasOwn(contract, name);
}

/** The IPC channel of an operation; one per operation, all under one prefix. */
export function channelOf(operation: Operation): string {
  return `subrelay:${operation}`;
}

/** Turns an envelope back into a value or a thrown `ApiError`. */
export function unwrapEnvelope<T>(envelope: ApiEnvelope<T>): T {
  if (envelope.ok) return envelope.value;
  const { code, message, file, backup, problem } = envelope.error;
  throw new ApiError(code, message, file, backup, problem);
}
