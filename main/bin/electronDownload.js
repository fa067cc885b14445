#!/usr/bin/env node
// Run by `npm start` (main/bin/start.js) in a process group of its own: downloads Electron's zip into
// Electron's own cache, printing `@@progress TRANSFERRED TOTAL` lines the launcher turns into progress.
// `node node_modules/electron/install.js` then finds the zip in the cache and unpacks it.
//
// Arguments: the folder to download into (the launcher removes it when it is done or cancelled).
import { downloadArtifact } from '@electron/get';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { version } = require('electron/package.json');
const checksums = require('electron/checksums.json');
const [tempDirectory] = process.argv.slice(2);

let reported = -1;
try {
  await downloadArtifact({
    version,
    artifactName: 'electron',
    platform: process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform,
    arch: process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch,
    checksums,
    cacheRoot: process.env.electron_config_cache,
    tempDirectory,
    downloadOptions: {
      quiet: true,
      getProgressCallback: async ({ transferred, total }) => {
        // One line per percent (or per megabyte when the size is unknown) is plenty.
        const step = total ? Math.floor((transferred / total) * 100) : Math.floor(transferred / 1e6);
        if (step === reported) return;
        reported = step;
        process.stdout.write(`@@progress ${transferred} ${total ?? 0}\n`);
      },
    },
  });
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
