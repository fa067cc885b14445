#!/usr/bin/env node
// `node main/bin/fuses.js [--check] <packaged Electron binary>`: Electron's security checklist, item 19.
//
// Fuses are switches compiled into the Electron binary. They are flipped once on the packaged app's binary
// (never on node_modules/electron, which `npm start` runs from the source folder): with --check, prints
// the binary's fuses and exits 1 if any differs from SUBRELAY_FUSES.
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

/** What each fuse should be in a Subrelay release, and why. */
export const SUBRELAY_FUSES = {
  version: FuseVersion.V1,
  // No `ELECTRON_RUN_AS_NODE`: the app binary must not double as a Node.js interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and local storage encrypted with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // No `NODE_OPTIONS` or `--inspect`: nothing outside the app injects code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Only the signed, integrity-checked app.asar loads.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The app's pages come from app://, so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The fuses of a binary that differ from SUBRELAY_FUSES, as "Name: is → should be". */
export async function fuseDifferences(binary) {
  const current = await getCurrentFuseWire(binary);
  const differences = [];
  for (const [key, wanted] of Object.entries(SUBRELAY_FUSES)) {
    if (key === 'version') continue;
    const state = current[key];
    const enabled = state === 49;
    if (enabled !== wanted)
      differences.push(`${FuseV1Options[key]}: ${enabled ? 'on' : 'off'} → ${wanted ? 'on' : 'off'}`);
  }
  return differences;
}

/**
 * Flips SUBRELAY_FUSES on a packed binary.
 *
 * Flipping changes the binary, which breaks a macOS app's ad hoc signature (an arm64 Mac then refuses to
 * run it): for a binary inside a `.app`, the signature is reset ad hoc (macOS only, it needs `codesign`).
 * electron-builder signs after its afterPack hook, so a release's real signature covers the flipped fuses.
 */
export async function flipSubrelayFuses(binary, platform = process.platform) {
  const mac = (platform === 'darwin' || platform === 'mas') && /\.app[\\/]/u.test(binary);
  await flipFuses(binary, { ...SUBRELAY_FUSES, resetAdHocDarwinSignature: mac && process.platform === 'darwin' });
}

async function main(argv) {
  const check = argv.includes('--check');
  const binary = argv.find((arg) => !arg.startsWith('--'));
  if (binary === undefined) {
    console.error('subrelay: fuses: give the packaged Electron binary');
    return 2;
  }
  try {
    if (check) {
      const differences = await fuseDifferences(binary);
      for (const line of differences) console.log(line);
      console.log(
        differences.length === 0
          ? `${binary}: fuses as Subrelay needs them`
          : `${binary}: ${differences.length} fuses differ`,
      );
      return differences.length === 0 ? 0 : 1;
    }
    await flipSubrelayFuses(binary);
    console.log(`${binary}: fuses set`);
    return 0;
  } catch (error) {
    console.error(`subrelay: ${binary}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
