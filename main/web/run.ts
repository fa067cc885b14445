import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensurePrivateFolder } from '../handlers/files';
import { createHandlers } from '../handlers/handlers';
import { appDataFolder, rendererBuildFolder, samplesFolder } from '../paths';
import { version } from '../version';
import { startWebServer } from './server';

const PORT_HINT = '(0 to 65535; 0 picks a free one)';

function portFrom(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/u.test(text) || port > 65535) throw new Error(`--port: "${text}" is not a port number ${PORT_HINT}`);
  return port;
}

/**
 * Starts the web mode and prints the one line that tells the user where it is.
 *
 * `--root DIR` (default `~/Subrelay`) is the folder every path typed in the
 * page must stay inside; exports default to its `exports` folder.
 */
export async function runWebMode(argv: ReadonlyArray<string>): Promise<void> {
  let values: { port?: string | undefined; root?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { port: { type: 'string' }, root: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.includes("'--port") ? `--port: give a port number ${PORT_HINT}` : message);
  }
  const port = portFrom(values.port);
  const root = resolve(values.root ?? join(homedir(), 'Subrelay'));
  await mkdir(root, { recursive: true });
  const journalFolder = join(appDataFolder(), 'journal');
  await ensurePrivateFolder(appDataFolder());
  await ensurePrivateFolder(journalFolder);
  const handlers = createHandlers({
    mode: 'web',
    version,
    samplesFolder: samplesFolder(),
    defaultExportFolder: join(root, 'exports'),
    journalFolder,
    root,
    askOpenPath: async () => undefined,
    askSavePath: async () => undefined,
    askExportFolder: async () => undefined,
  });
  const server = await startWebServer({ handlers, rendererFolder: rendererBuildFolder(), port });
  process.stdout.write(`Subrelay web mode: ${server.url}\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
