import { homedir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../handlers/handlers';
import { rendererBuildFolder, samplesFolder } from '../paths';
import { startWebServer } from './server';
import { version } from '../version';

function portFrom(argv: ReadonlyArray<string>): number {
  const index = argv.indexOf('--port');
  const inline = argv.find((arg) => arg.startsWith('--port='));
  const text = inline !== undefined ? inline.slice('--port='.length) : index >= 0 ? argv[index + 1] : undefined;
  if (text === undefined) {
    if (index >= 0) throw new Error('--port: give a port number (0 to 65535; 0 picks a free one)');
    return 0;
  }
  const port = Number(text);
  if (!/^\d+$/u.test(text) || port > 65535) {
    throw new Error(`--port: "${text}" is not a port number (0 to 65535; 0 picks a free one)`);
  }
  return port;
}

/** Starts the web mode and prints the one line that tells the user where it is. */
export async function runWebMode(argv: ReadonlyArray<string>): Promise<void> {
  const handlers = createHandlers({
    mode: 'web',
    version,
    samplesFolder: samplesFolder(),
    defaultExportFolder: join(homedir(), 'Subrelay', 'exports'),
    askOpenPath: async () => undefined,
    askSavePath: async () => undefined,
    askExportFolder: async () => undefined,
  });
  const server = await startWebServer({ handlers, rendererFolder: rendererBuildFolder(), port: portFrom(argv) });
  process.stdout.write(`Subrelay web mode: ${server.url}\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
