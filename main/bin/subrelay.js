#!/usr/bin/env node
// The `subrelay` command: runs the bundled command line (out/cli/, see buildCli.js) with plain Node.
//
// `npm install` builds the bundle (the `prepare` script). A bundle older than any of its sources would
// silently run yesterday's code, so before starting the bin compares it with the files that went into
// it (out/cli/inputs.json, a stat per file, about a millisecond) and, when one changed, says so in one
// line on stderr and rebuilds it first (about a second). Writing to a reader that has gone away
// (`subrelay convert big.srt --to json | head`) ends the command quietly, with status 0.
import { pathToFileURL } from 'node:url';
import { cliEntry, staleness } from './buildCli.js';

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const stale = staleness();
if (stale !== undefined) {
  process.stderr.write(`subrelay: the built command line ${stale}; rebuilding it (npm run build:cli)\n`);
  try {
    await import('esbuild');
  } catch {
    process.stderr.write('subrelay: cannot rebuild without esbuild: run npm install\n');
    process.exit(1);
  }
  try {
    const { buildCli } = await import('./buildCli.js');
    await buildCli();
  } catch (error) {
    process.stderr.write(
      `subrelay: building the command line failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}

const { runCli } = await import(pathToFileURL(cliEntry).href);
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
