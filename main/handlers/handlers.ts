import { randomUUID } from 'node:crypto';
import { readdir, realpath, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ApiRequest, ApiResponse, Operation } from '../../src/api/contract';
import type { Problem } from '../../src/api/problems';
import { planExport, type ExportWarning } from '../../src/export/plan';
import type { Language } from '../../src/languages';
import { validateProject } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';
import {
  backupPathOf,
  FileError,
  readProjectFile,
  readProjectFileOfferingBackup,
  readTextFile,
  writeFileAtomic,
} from './files';
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
  /** Desktop: paths the main process granted itself (opened from the OS, dropped, recent documents). */
  isGrantedPath?(absolutePath: string): boolean;
  closeWindow?(context: CallContext): void;
}

export type Handlers = {
  readonly [O in Operation]: (request: ApiRequest<O>, context?: CallContext) => Promise<ApiResponse<O>>;
};

const SAMPLE_EXTENSION = '.subrelay';
const JOURNAL_FORMAT = 'subrelay-journal';
const MAX_JOURNAL_BYTES = 256 * 1024 * 1024;

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
  /** Journals from other runs of the app are from a crash (or a closed tab) and are offered back. */
  const runId = randomUUID();

  /**
   * Checks a path the renderer named.
   *
   * Desktop: only paths chosen in a dialog this run. Web mode: relative
   * paths are taken from the root folder, and nothing may lead out of it,
   * neither `..` nor a symlink.
   */
  async function requirePath(path: string | undefined, purpose: string): Promise<string> {
    if (path === undefined) throw new ForbiddenError(`a path is needed to ${purpose}`, { reason: 'needs-path' });
    if (desktop) {
      const absolute = resolve(path);
      if (!grantedPaths.has(absolute) && host.isGrantedPath?.(absolute) !== true) {
        throw new ForbiddenError(`${absolute}: choose it in a dialog first`, { reason: 'needs-dialog' }, absolute);
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
        { reason: 'outside-root', params: { root } },
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

  function journalFile(sessionId: string): string {
    return join(host.journalFolder, `${sessionId}.json`);
  }

  return {
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
      return { canceled: false, project, path: null, name: `${id}${SAMPLE_EXTENSION}` };
    },

    openProject: async ({ path }) => {
      const chosen = await chooseOrRequire(path, () => host.askOpenPath(), 'open a project');
      if (chosen === undefined) return { canceled: true };
      grantedPaths.add(chosen);
      const project = await readProjectFileOfferingBackup(chosen);
      return { canceled: false, project, path: chosen, name: basename(chosen) };
    },

    openBackup: async ({ path }) => {
      const original = await requirePath(path, 'open a backup');
      // The backup is a path of its own: in web mode a `.bak` symlinked out of the root is refused too.
      const backup = desktop ? backupPathOf(original) : await requirePath(backupPathOf(original), 'open a backup');
      const project = await readProjectFile(backup);
      // The backup opens under the original's name: saving it repairs the original.
      return { canceled: false, project, path: original, name: basename(original) };
    },

    saveProject: async ({ project, path }) => {
      const chosen = await chooseOrRequire(
        path,
        () => host.askSavePath(`${project.title || 'Untitled'}${SAMPLE_EXTENSION}`),
        'save a project',
      );
      if (chosen === undefined) return { canceled: true };
      await writeFileAtomic(chosen, serializeProject(project), { backup: true });
      return { canceled: false, path: chosen };
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
          reason: 'unknown-document',
          params: { id: unknown },
        });
      }
      const speech = await measureExportLines(request.project, request);
      const plan = await planExport(request.project, {
        ...request,
        creatorVersion: host.version,
        measuredMs: speech.measuredMs,
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

    writeJournal: async ({ sessionId, project, path, name }) => {
      const entry = {
        format: JOURNAL_FORMAT,
        version: 1,
        runId,
        sessionId,
        savedAt: new Date().toISOString(),
        path,
        name,
        project: JSON.parse(serializeProject(project)) as unknown,
      };
      await writeFileAtomic(journalFile(sessionId), `${JSON.stringify(entry)}\n`);
      return {};
    },

    clearJournal: async ({ sessionId }) => {
      await rm(journalFile(sessionId), { force: true });
      return {};
    },

    findJournal: async ({ sessionId }) => {
      const names = await readdir(host.journalFolder).catch(() => [] as string[]);
      let newest: ApiResponse<'findJournal'>['journal'] = null;
      for (const name of names.filter((n) => /^[0-9a-f-]{36}\.json$/u.test(n))) {
        try {
          const entry = JSON.parse(await readTextFile(join(host.journalFolder, name), MAX_JOURNAL_BYTES)) as Record<
            string,
            unknown
          >;
          if (entry['format'] !== JOURNAL_FORMAT) continue;
          // Another window of this run is still working on its own journal.
          if (entry['runId'] === runId && entry['sessionId'] !== sessionId) continue;
          const candidate = {
            sessionId: String(entry['sessionId']),
            savedAt: String(entry['savedAt']),
            path: typeof entry['path'] === 'string' ? entry['path'] : null,
            name: String(entry['name']),
            project: validateProject(entry['project']),
          };
          if (newest === null || candidate.savedAt > newest.savedAt) newest = candidate;
        } catch {
          // A journal that cannot be read holds nothing to restore; it is left for inspection.
        }
      }
      if (newest?.path != null) grantedPaths.add(newest.path);
      return { journal: newest };
    },

    setInterfaceLanguage: async ({ language }) => {
      host.setInterfaceLanguage?.(language);
      return {};
    },

    setCommandStates: async (request, context) => {
      host.setCommandStates?.(request, context ?? {});
      return {};
    },

    closeWindow: async (_request, context) => {
      host.closeWindow?.(context ?? {});
      return {};
    },
  };
}

export { FileError };
