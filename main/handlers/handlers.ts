import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ApiRequest, ApiResponse, Operation } from '../../src/api/contract';
import { planExport } from '../../src/export/plan';
import { serializeProject } from '../../src/model/serialize';
import { readProjectFile, writeFileAtomic } from './files';

/** Raised when a request is well formed but names something that is not there. */
export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Raised when a request is well formed but not allowed in this mode. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/**
 * What the handlers need from their host: Electron's dialogs, or nothing in web mode.
 *
 * In the desktop app every path comes from a dialog the user answered; the
 * renderer cannot name a path on its own. The web mode has no dialogs, so the
 * user types paths into the page, which only someone holding the per-run
 * token can reach.
 */
export interface HandlerHost {
  readonly mode: 'electron' | 'web';
  readonly version: string;
  readonly samplesFolder: string;
  readonly defaultExportFolder: string;
  /** Asks for a project to open; undefined when the user cancels or there is no dialog. */
  askOpenPath(): Promise<string | undefined>;
  askSavePath(suggestedName: string): Promise<string | undefined>;
  askExportFolder(): Promise<string | undefined>;
}

export type Handlers = {
  readonly [O in Operation]: (request: ApiRequest<O>) => Promise<ApiResponse<O>>;
};

const SAMPLE_EXTENSION = '.subrelay';

/** Creates the implementation of every contract operation for one host. */
export function createHandlers(host: HandlerHost): Handlers {
  /** Paths the user chose in a dialog (desktop) this run: the only ones the renderer may name again. */
  const grantedPaths = new Set<string>();
  const desktop = host.mode === 'electron';

  function requirePath(path: string | undefined, purpose: string): string {
    if (path === undefined) throw new ForbiddenError(`a path is needed to ${purpose}`);
    const absolute = resolve(path);
    if (desktop && !grantedPaths.has(absolute)) {
      throw new ForbiddenError(`${absolute}: choose it in a dialog first`);
    }
    return absolute;
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
      let chosen: string;
      if (desktop && path === undefined) {
        const asked = await host.askOpenPath();
        if (asked === undefined) return { canceled: true };
        chosen = resolve(asked);
        grantedPaths.add(chosen);
      } else {
        chosen = requirePath(path, 'open a project');
      }
      const project = await readProjectFile(chosen);
      grantedPaths.add(chosen);
      return { canceled: false, project, path: chosen, name: basename(chosen) };
    },

    saveProject: async ({ project, path }) => {
      let chosen: string;
      if (desktop && path === undefined) {
        const asked = await host.askSavePath(`${project.title || 'Untitled'}${SAMPLE_EXTENSION}`);
        if (asked === undefined) return { canceled: true };
        chosen = resolve(asked);
        grantedPaths.add(chosen);
      } else {
        chosen = requirePath(path, 'save a project');
      }
      await writeFileAtomic(chosen, serializeProject(project));
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
      const folder = requirePath(request.folder, 'export');
      const known = new Set(request.project.documents.map((d) => d.id));
      const unknown = request.documentIds.find((id) => !known.has(id));
      if (unknown !== undefined) throw new RequestError(`exportFiles: no document "${unknown}" in the project`);
      const plan = planExport(request.project, request);
      const written: string[] = [];
      for (const file of plan.files) {
        const target = join(folder, file.name);
        await writeFileAtomic(target, file.content);
        written.push(target);
      }
      return { folder, written, warnings: [...plan.warnings] };
    },
  };
}
