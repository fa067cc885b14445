import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { HandlerHost } from '../../main/handlers/handlers';
import { parseProject } from '../../src/model/schema';
import type { Project } from '../../src/model/project';

/** The repository's root folder, found from this file rather than the working directory. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The shipped samples, the same folder the app and the web mode list. */
export const samplesFolder = fileURLToPath(new URL('../../samples', import.meta.url));

export const sampleFile = join(samplesFolder, 'kursk-appeal.subrelay');

export async function loadSample(): Promise<Project> {
  return parseProject(await readFile(sampleFile, 'utf8'));
}

/**
 * Returns a function that makes temporary folders, all removed after each test.
 *
 * Call it at the top level of a test file so that the cleanup hook belongs to the file.
 */
export function useTemporaryFolders(): (label: string) => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(
      made.splice(0).map((folder) => rm(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })),
    );
  });
  return async (label) => {
    const folder = await mkdtemp(join(tmpdir(), `subrelay-${label}-`));
    made.push(folder);
    return folder;
  };
}

/** A web-mode host: no dialogs, so every ask* answers "canceled". */
export function webHost(defaultExportFolder: string, overrides: Partial<HandlerHost> = {}): HandlerHost {
  return {
    mode: 'web',
    version: '0.0.0-test',
    samplesFolder,
    defaultExportFolder,
    journalFolder: join(defaultExportFolder, '.journal'),
    askOpenPath: async () => undefined,
    askSavePath: async () => undefined,
    askExportFolder: async () => undefined,
    ...overrides,
  };
}

/** Names of the leftover temporary files that `writeFileAtomic` would leave behind on failure. */
export async function temporaryFilesIn(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.endsWith('.tmp'));
}

/** Runs the CLI in this process and collects what it prints. */
export async function runCliCollecting(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { runCli } = await import('../../main/cli/index');
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}
