import { readdir, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ApiRequest, ApiResponse, Operation } from '../../src/api/contract';
import type { Problem } from '../../src/api/problems';
import { planExport, type ExportWarning } from '../../src/export/plan';
import type { Language } from '../../src/languages';
import type { Project } from '../../src/model/project';
import { serializeProject } from '../../src/model/serialize';
import {
  backupPathOf,
  FileError,
  readDecodedFile,
  readProjectFile,
  readProjectFileAndRevisionOfferingBackup,
  readProjectFileUnchecked,
  writeFileAtomic,
} from './files';
import { createJournals } from './journal';
import { unreadJson } from './jsonSource';
import { currentRevision, revisionOfBytes } from './revision';
import { createMediaHandlers } from './media';
import { measureExportLines } from './speech';

/** Raised when a request is well formed but names something that is not there. */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly problem: Problem,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Raised when a request is well formed but not allowed in this mode. */
export class ForbiddenError extends Error {
  constructor(
    message: string,
    readonly problem: Problem,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** Raised when a save would overwrite a file that changed on disk since it was read or saved. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly problem: Problem,
    readonly file: string,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Who is calling: the Electron edge passes the sending window's id. */
export interface CallContext {
  readonly senderId?: number;
}

/**
 * What the handlers need from their host: Electron's dialogs and windows, or nothing in web mode.
 *
 * In the desktop app every path comes from a dialog the user answered; the
 * renderer cannot name a path on its own. The web mode has no dialogs, so the
 * user types paths into the page (which only someone holding the per-run
 * token can reach), and they must lie inside the web mode's root folder.
 */
export interface HandlerHost {
  readonly mode: 'electron' | 'web';
  readonly version: string;
  readonly samplesFolder: string;
  readonly defaultExportFolder: string;
  /** Where journals of unsaved work are kept (the app's data folder). */
  readonly journalFolder: string;
  /** Web mode: the folder every typed path must stay inside. */
  readonly root?: string | undefined;
  /** Asks for a project to open; undefined when the user cancels or there is no dialog. */
  askOpenPath(): Promise<string | undefined>;
  askSavePath(suggestedName: string): Promise<string | undefined>;
  askExportFolder(): Promise<string | undefined>;
  setInterfaceLanguage?(language: Language): void;
  /** Desktop: which commands apply and whether a dialog is open, for the menus. */
  setCommandStates?(states: ApiRequest<'setCommandStates'>, context: CallContext): void;
  /** Desktop: the language column the caret is in (null: none), for the spell checker. */
  setFocusedLanguage?(language: Language | null, context: CallContext): void;
  /** Desktop: paths the main process granted itself (opened from the OS, dropped, recent documents). */
  isGrantedPath?(absolutePath: string): boolean;
  closeWindow?(context: CallContext): void;
  /** Desktop: asks for a video or audio file to attach to a transcript; undefined when canceled. */
  askMediaPath?(): Promise<string | undefined>;
  /** Desktop: the address of the media route for a query (`app://subrelay/media?…`); the web mode's by default. */
  mediaUrl?(query: string): string;
}

export type Handlers = {
  readonly [O in Operation]: (request: ApiRequest<O>, context?: CallContext) => Promise<ApiResponse<O>>;
};

const SAMPLE_EXTENSION = '.subrelay';
/** Files that are not projects but can start one. */
const START_FROM = /\.(srt|vtt|txt)$/iu;

/** The deepest existing ancestor of a path, resolved through symlinks, plus the rest. */
async function realPathOfNearest(path: string): Promise<string> {
  let existing = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(existing), ...rest.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return path;
      rest.push(basename(existing));
      existing = parent;
    }
  }
}

function isInside(folder: string, path: string): boolean {
  const relation = relative(folder, path);
  return relation === '' || (!relation.startsWith(`..${sep}`) && relation !== '..' && !isAbsolute(relation));
}

/** Creates the implementation of every contract operation for one host. */
export function createHandlers(host: HandlerHost): Handlers {
  /** Paths the user chose in a dialog (desktop) this run: the only ones the renderer may name again. */
  const grantedPaths = new Set<string>();
  const desktop = host.mode === 'electron';
  const journals = createJournals(host.journalFolder);

  /**
   * Checks a path the renderer named.
   *
   * Desktop: only paths chosen in a dialog this run. Web mode: relative
   * paths are taken from the root folder, and nothing may lead out of it,
   * neither `..` nor a symlink.
   */
  async function requirePath(path: string | undefined, purpose: string): Promise<string> {
    if (path === undefined) throw new ForbiddenError(`a path is needed to ${purpose}`, { code: 'needs-path' });
    if (desktop) {
      const absolute = resolve(path);
      if (!grantedPaths.has(absolute) && host.isGrantedPath?.(absolute) !== true) {
        throw new ForbiddenError(`${absolute}: choose it in a dialog first`, { code: 'needs-dialog' }, absolute);
      }
      return absolute;
    }
    if (host.root === undefined) return resolve(path);
    const root = resolve(host.root);
    const absolute = resolve(root, path);
    const realRoot = await realPathOfNearest(root);
    if (!isInside(root, absolute) || !isInside(realRoot, await realPathOfNearest(absolute))) {
      throw new ForbiddenError(
        `${absolute}: outside the web mode’s folder ${root}`,
        { code: 'outside-root', params: { root } },
        absolute,
      );
    }
    return absolute;
  }

  async function chooseOrRequire(
    path: string | undefined,
    ask: () => Promise<string | undefined>,
    purpose: string,
  ): Promise<string | undefined> {
    if (!desktop || path !== undefined) return requirePath(path, purpose);
    const asked = await ask();
    if (asked === undefined) return undefined;
    const chosen = resolve(asked);
    grantedPaths.add(chosen);
    return chosen;
  }

  /** A path a journal names: on the desktop only one the user granted, so a journal can never grant one. */
  async function journalPath(path: string | null): Promise<string | null> {
    return path === null ? null : requirePath(path, 'keep unsaved work');
  }

  const askMediaPath = host.askMediaPath?.bind(host);
  const media = createMediaHandlers({
    base: host.root !== undefined ? resolve(host.root) : process.cwd(),
    requirePath,
    peaksFolder: join(dirname(host.journalFolder), 'peaks'),
    ...(host.mediaUrl !== undefined ? { mediaUrl: host.mediaUrl.bind(host) } : {}),
    ...(desktop
      ? {
          // Granted media, or media inside the folder of a granted project (through symlinks too).
          isGranted: async (path: string, projectPath: string | null) => {
            const granted = (candidate: string) =>
              grantedPaths.has(candidate) || host.isGrantedPath?.(candidate) === true;
            if (granted(path)) return true;
            if (projectPath === null || !granted(resolve(projectPath))) return false;
            const folder = await realPathOfNearest(dirname(resolve(projectPath)));
            return isInside(folder, await realPathOfNearest(path));
          },
          ...(askMediaPath !== undefined
            ? {
                askMediaPath: async () => {
                  const asked = await askMediaPath();
                  if (asked === undefined) return undefined;
                  grantedPaths.add(resolve(asked));
                  return resolve(asked);
                },
              }
            : {}),
        }
      : {}),
  });

  return {
    ...media,
    getEnvironment: async () => ({
      mode: host.mode,
      defaultExportFolder: host.defaultExportFolder,
      version: host.version,
    }),

    listSamples: async () => {
      const names = await readdir(host.samplesFolder).catch(() => [] as string[]);
      const samples = [];
      for (const name of names.filter((n) => n.endsWith(SAMPLE_EXTENSION)).sort()) {
        const project = await readProjectFile(join(host.samplesFolder, name));
        samples.push({ id: name.slice(0, -SAMPLE_EXTENSION.length), title: project.title });
      }
      return { samples };
    },

    openSample: async ({ id }) => {
      const file = join(host.samplesFolder, `${id}${SAMPLE_EXTENSION}`);
      const project = await readProjectFile(file);
      // A sample opens as an untitled copy so that saving never overwrites the shipped file.
      return {
        canceled: false,
        project,
        path: null,
        name: `${id}${SAMPLE_EXTENSION}`,
        revision: null,
        recovered: null,
      };
    },

    openProject: async ({ path, sessionId, unchecked }) => {
      const chosen = await chooseOrRequire(path, () => host.askOpenPath(), 'open a project');
      if (chosen === undefined) return { canceled: true };
      grantedPaths.add(chosen);
      if (START_FROM.test(chosen)) {
        const { text } = await readDecodedFile(chosen);
        const kind = /\.txt$/iu.test(chosen) ? 'text' : 'subtitles';
        return { canceled: false, startFrom: { path: chosen, name: basename(chosen), kind, text } };
      }
      if (unchecked === true && !desktop) {
        // The page reads and validates the file's JSON itself (see the contract).
        const { bytes, revision } = await readProjectFileUnchecked(chosen);
        const recovered = await journals.newerThanFile(chosen, sessionId);
        const project = unreadJson(bytes) as Project;
        return { canceled: false, project, path: chosen, name: basename(chosen), revision, recovered };
      }
      const { project, revision } = await readProjectFileAndRevisionOfferingBackup(chosen);
      const recovered = await journals.newerThanFile(chosen, sessionId);
      return { canceled: false, project, path: chosen, name: basename(chosen), revision, recovered };
    },

    openBackup: async ({ path }) => {
      const original = await requirePath(path, 'open a backup');
      // The backup is a path of its own: in web mode a `.bak` symlinked out of the root is refused too.
      const backup = desktop ? backupPathOf(original) : await requirePath(backupPathOf(original), 'open a backup');
      const project = await readProjectFile(backup);
      // The backup opens under the original's name: saving it repairs the original.
      return {
        canceled: false,
        project,
        path: original,
        name: basename(original),
        revision: await currentRevision(original),
        recovered: null,
      };
    },

    saveProject: async ({ project, path, saveAs, expectedRevision, overwrite }) => {
      const ask = () => host.askSavePath(`${project.title || 'Untitled'}${SAMPLE_EXTENSION}`);
      // Save as always asks for a path on the desktop, whatever path the project had.
      const chosen = await chooseOrRequire(saveAs === true && desktop ? undefined : path, ask, 'save a project');
      if (chosen === undefined) return { canceled: true };
      if (typeof expectedRevision === 'string' && overwrite !== true) {
        const now = await currentRevision(chosen);
        if (now !== null && now !== expectedRevision) {
          throw new ConflictError(
            `${chosen}: changed on disk since it was opened or last saved`,
            { code: 'changed-on-disk' },
            chosen,
          );
        }
      }
      const text = serializeProject(project);
      await writeFileAtomic(chosen, text, { backup: true });
      return { canceled: false, path: chosen, revision: revisionOfBytes(text) };
    },

    chooseExportFolder: async () => {
      const folder = await host.askExportFolder();
      if (folder === undefined) return { canceled: true };
      const absolute = resolve(folder);
      grantedPaths.add(absolute);
      return { canceled: false, folder: absolute };
    },

    exportFiles: async (request) => {
      const folder = await requirePath(request.folder, 'export');
      const known = new Set(request.project.documents.map((d) => d.id));
      const unknown = request.documentIds.find((id) => !known.has(id));
      if (unknown !== undefined) {
        throw new RequestError(`exportFiles: no document "${unknown}" in the project`, {
          code: 'unknown-document',
          params: { id: unknown },
        });
      }
      const speech = await measureExportLines(request.project, request);
      const plan = await planExport(request.project, {
        ...request,
        creatorVersion: host.version,
        measuredMs: speech.measuredMs,
        exportedAt: new Date(),
      });
      const warnings: ExportWarning[] = [...plan.warnings];
      if (speech.espeakMissing) {
        warnings.unshift({
          documentId: request.documentIds[0] ?? '',
          language: request.languages[0] ?? 'en',
          code: 'espeak-missing',
        });
      }
      const written: string[] = [];
      for (const file of plan.files) {
        const target = join(folder, file.name);
        await writeFileAtomic(target, file.content);
        written.push(target);
      }
      return { folder, written, warnings };
    },

    writeJournal: async ({ sessionId, journalId, project, path, name }) => {
      await journals.write(sessionId, journalId, await journalPath(path), name, project);
      return {};
    },

    holdJournal: async ({ sessionId, journalId, path }) => {
      journals.hold(sessionId, journalId, await journalPath(path));
      return {};
    },

    releaseJournals: async ({ sessionId }) => {
      journals.release(sessionId);
      return {};
    },

    clearJournal: async ({ journalId, path }) => {
      await journals.clear(journalId, await journalPath(path));
      return {};
    },

    listJournals: async ({ sessionId }) => {
      const found = await journals.list(sessionId);
      // Their paths were granted when they were written (writeJournal takes no other): the user may save there again.
      for (const entry of found) if (entry.path !== null) grantedPaths.add(resolve(entry.path));
      return { journals: found };
    },

    setInterfaceLanguage: async ({ language }) => {
      host.setInterfaceLanguage?.(language);
      return {};
    },

    setCommandStates: async (request, context) => {
      host.setCommandStates?.(request, context ?? {});
      return {};
    },

    setFocusedLanguage: async ({ language }, context) => {
      host.setFocusedLanguage?.(language, context ?? {});
      return {};
    },

    closeWindow: async (_request, context) => {
      host.closeWindow?.(context ?? {});
      return {};
    },
  };
}

export { FileError };
