#!/usr/bin/env node
// Bundles the `subrelay` command line into out/cli/ with esbuild, so that it runs on plain Node.
//
// Runs on `npm install` / `npm ci` (the `prepare` script) and whenever main/bin/subrelay.js finds the
// bundle older than its sources. Each subcommand is a chunk of its own (main/cli/index.ts imports them
// with `import()`), so `subrelay --version` loads a few kilobytes, not the whole app. out/cli/inputs.json
// lists the source files that went in, which is how the bin tells whether the bundle is stale.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliFolder = join(root, 'out', 'cli');
export const cliEntry = join(cliFolder, 'index.js');
export const cliInputs = join(cliFolder, 'inputs.json');

/** Why the bundle cannot be used as it is ("is missing", "is older than its sources (…)"), or undefined. */
export function staleness() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(cliInputs, 'utf8'));
  } catch {
    return 'is missing';
  }
  for (const input of manifest.inputs) {
    let changed;
    try {
      changed = statSync(join(root, input)).mtimeMs;
    } catch {
      return `is older than its sources (${input} is gone)`;
    }
    if (changed > manifest.builtAt) return `is older than its sources (${input} changed)`;
  }
  return undefined;
}

/** Builds out/cli/ (into a fresh folder, then swapped in, so that a running CLI never sees half a bundle). */
export async function buildCli() {
  const { build } = await import('esbuild');
  const staging = join(root, 'out', `cli.${process.pid}.tmp`);
  rmSync(staging, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { index: 'main/cli/index.ts' },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // CommonJS dependencies call require() for Node's modules, which an ES module bundle must provide.
    banner: {
      js: "import { createRequire as __subrelayRequire } from 'node:module'; const require = __subrelayRequire(import.meta.url);",
    },
    // Loaded from node_modules at run time: it finds its WebAssembly files beside its own code.
    external: ['onnxruntime-web'],
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Dependencies change only through npm install or npm ci, which touch package-lock.json (and rebuild).
  const inputs = Object.keys(result.metafile.inputs)
    .filter((path) => !path.startsWith('<') && !path.startsWith('node_modules/'))
    .map((path) => relative(root, join(root, path)));
  writeFileSync(
    join(staging, 'inputs.json'),
    `${JSON.stringify({ builtAt: Date.now(), inputs: [...inputs, 'package.json', 'package-lock.json'] })}\n`,
  );
  mkdirSync(join(root, 'out'), { recursive: true });
  const old = join(root, 'out', `cli.${process.pid}.old`);
  try {
    renameSync(cliFolder, old);
  } catch {
    // No bundle yet.
  }
  renameSync(staging, cliFolder);
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await import('esbuild');
  } catch {
    // `npm install --omit=dev` runs `prepare` too; that install has no bundler and so no command line.
    console.error('subrelay: esbuild is not installed (a dev dependency), so the command line was not built');
    process.exit(0);
  }
  try {
    await buildCli();
  } catch (error) {
    console.error(
      `subrelay: building the command line failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
}
