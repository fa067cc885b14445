// electron-builder's afterPack hook: flips Electron's fuses on the packed binary, before signing.
//
// On macOS, changing the binary breaks its ad hoc signature (arm64 refuses to run it), so the fuses are
// flipped with `resetAdHocDarwinSignature`; electron-builder then signs the app properly if it can.
import { join } from 'node:path';
import { flipSubrelayFuses } from '../main/bin/fuses.js';

/** The packed Electron binary for each platform electron-builder packs. */
export function packedBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productName = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${productName}.app`, 'Contents', 'MacOS', productName);
    case 'win32':
      return join(appOutDir, `${productName}.exe`);
    default:
      return join(appOutDir, packager.executableName);
  }
}

export default async function afterPack(context) {
  const binary = packedBinary(context);
  await flipSubrelayFuses(binary, context.electronPlatformName);
  console.log(`  • Subrelay: fuses set on ${binary}`);
}
