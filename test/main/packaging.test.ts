import { spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppOnce } from './builtApp';
import { repoRoot, useTemporaryFolders } from './support';

/*
 * Packaging with electron-builder (`npm run dist`). The configuration is
 * checked with electron-builder's own validator and JSON schema
 * (app-builder-lib/scheme.json), and packed for Linux with `--dir` from a
 * stand-in Electron distribution: Electron's zip cannot be downloaded here.
 */

const temporaryFolder = useTemporaryFolders();

beforeAll(buildAppOnce, 300_000);

type Config = Record<string, unknown> & {
  readonly mac: Record<string, unknown>;
  readonly win: Record<string, unknown>;
  readonly linux: Record<string, unknown>;
};

async function load<T>(relative: string): Promise<T> {
  return (await import(/* @vite-ignore */ pathToFileURL(join(repoRoot, relative)).href)) as T;
}

async function builderConfig(): Promise<Config> {
  return (await load<{ default: Config }>('electron-builder.config.js')).default;
}

async function validate(config: unknown): Promise<void> {
  const { validateConfiguration } = await load<{
    validateConfiguration: (config: unknown, debugLogger: { add(key: string, value: unknown): void }) => Promise<void>;
  }>('node_modules/app-builder-lib/out/util/config/config.js');
  await validateConfiguration(config, { add: () => undefined });
}

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A stand-in for Electron's unpacked Linux distribution: a binary with a fuse wire, all fuses on. */
async function fakeElectronDistribution(folder: string): Promise<void> {
  await mkdir(join(folder, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('111111111')]);
  await writeFile(join(folder, 'electron'), Buffer.concat([Buffer.alloc(4096, 7), wire, Buffer.alloc(4096, 9)]));
  await chmod(join(folder, 'electron'), 0o755);
  await writeFile(join(folder, 'chrome-sandbox'), '');
  await writeFile(join(folder, 'version'), '45.5.0');
  await writeFile(join(folder, 'LICENSE'), '');
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validate(await builderConfig())).resolves.toBeUndefined();
  });

  it('the schema check is real: a misspelt key and a wrong type are refused', async () => {
    const config = await builderConfig();
    await expect(validate({ ...config, fileAssociation: [] })).rejects.toThrow(/fileAssociation/u);
    await expect(validate({ ...config, mac: { ...config.mac, hardenedRuntime: 'yes' } })).rejects.toThrow(
      /mac\.hardenedRuntime should be a boolean/u,
    );
  });

  it('builds Subrelay: AppImage and deb, dmg, NSIS; .subrelay files; the CLI; fuses before signing', async () => {
    const config = await builderConfig();
    expect(config).toMatchObject({
      productName: 'Subrelay',
      appId: 'org.subrelay.desktop',
      fileAssociations: [expect.objectContaining({ ext: 'subrelay', role: 'Editor' })],
      extraResources: [{ from: 'packaging/cli', to: 'cli' }],
      afterPack: './packaging/afterPack.js',
    });
    expect(config.linux['target']).toEqual(['AppImage', 'deb']);
    expect(config.linux['executableName']).toBe('subrelay-app');
    expect(config.mac['target']).toEqual(['dmg']);
    expect(config.win['target']).toEqual(['nsis']);
    const packageJson = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(packageJson).toMatchObject({ productName: 'Subrelay', scripts: { dist: 'node packaging/dist.js' } });
  });

  it('names the signing that will be skipped, and what turns it on', async () => {
    const { signingNotes } = await load<{ signingNotes: (platform: string, env: object) => string[] }>(
      'packaging/dist.js',
    );
    expect(signingNotes('darwin', {})).toEqual([
      expect.stringContaining('CSC_LINK'),
      expect.stringContaining('APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID'),
    ]);
    expect(
      signingNotes('darwin', { CSC_LINK: 'x', APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'b', APPLE_TEAM_ID: 'c' }),
    ).toEqual([]);
    expect(signingNotes('win32', {})).toEqual([expect.stringContaining('WIN_CSC_LINK')]);
    expect(signingNotes('linux', {})).toEqual([]);
  });

  it('afterPack finds the packed binary on each platform', async () => {
    const { packedBinary } = await load<{ packedBinary: (context: unknown) => string }>('packaging/afterPack.js');
    const packager = { appInfo: { productFilename: 'Subrelay' }, executableName: 'subrelay-app' };
    expect(packedBinary({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(
      '/o/Subrelay.app/Contents/MacOS/Subrelay',
    );
    expect(packedBinary({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe('/o/Subrelay.exe');
    expect(packedBinary({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe('/o/subrelay-app');
  });
});

interface DebScripts {
  readonly AFTER_INSTALL: string;
  readonly AFTER_REMOVE: string;
  readonly CLI_INSTALL: string;
  readonly CLI_REMOVE: string;
  readonly makeDebScripts: (folder: string) => string[];
}

/** A script as electron-builder fills its templates in (FpmTarget's writeConfigFile): an unknown macro is an error. */
function filledIn(template: string): string {
  const macros: Readonly<Record<string, string>> = { executable: 'subrelay-app', sanitizedProductName: 'Subrelay' };
  return template.replace(/\$\{([a-zA-Z]+)\}/gu, (_whole, name: string) => {
    const value = macros[name];
    if (value === undefined) throw new Error(`Macro ${name} is not defined`);
    return value;
  });
}

describe('the .deb puts the command line on PATH as /usr/bin/subrelay', () => {
  it('electron-builder runs our install scripts: its own, with /usr/bin/subrelay added', async () => {
    const config = await builderConfig();
    const scripts = await load<DebScripts>('packaging/debScripts.js');
    expect(config['deb']).toMatchObject({ afterInstall: scripts.AFTER_INSTALL, afterRemove: scripts.AFTER_REMOVE });
    const folder = await temporaryFolder('deb-scripts');
    const [install = '', remove = ''] = scripts.makeDebScripts(folder);
    expect([install, remove]).toEqual([join(folder, 'deb-after-install.tpl'), join(folder, 'deb-after-remove.tpl')]);
    const templates = join(repoRoot, 'node_modules', 'app-builder-lib', 'templates', 'linux');
    for (const [made, template, addition] of [
      [install, 'after-install.tpl', scripts.CLI_INSTALL],
      [remove, 'after-remove.tpl', scripts.CLI_REMOVE],
    ] as const) {
      const text = await readFile(made, 'utf8');
      // electron-builder's own script stays whole (the app on PATH, the sandbox, AppArmor), ours follows.
      expect(text.startsWith((await readFile(join(templates, template), 'utf8')).trimEnd())).toBe(true);
      expect(text.endsWith(addition)).toBe(true);
      const filled = join(folder, `${template}.sh`);
      await writeFile(filled, filledIn(text));
      const syntax = spawnSync('bash', ['-n', filled], { encoding: 'utf8' });
      expect(syntax.status, syntax.stderr).toBe(0);
    }
    expect(filledIn(scripts.CLI_INSTALL)).toContain(
      "update-alternatives --install '/usr/bin/subrelay' 'subrelay' \"$SUBRELAY_CLI\" 100",
    );
    expect(filledIn(scripts.CLI_INSTALL)).toContain("SUBRELAY_CLI='/opt/Subrelay/resources/cli/subrelay'");
  });

  it('registers and removes the subrelay alternative (run against a recording update-alternatives)', async () => {
    const scripts = await load<DebScripts>('packaging/debScripts.js');
    const folder = await temporaryFolder('deb-run');
    const log = join(folder, 'calls.log');
    const stub = join(folder, 'bin', 'update-alternatives');
    await mkdir(join(folder, 'bin'));
    await writeFile(stub, `#!/bin/sh\necho "$*" >> '${log}'\n`, { mode: 0o755 });
    const env = { PATH: `${join(folder, 'bin')}:/usr/bin:/bin` };
    const which = spawnSync('sh', ['-c', 'command -v update-alternatives'], { env, encoding: 'utf8' });
    // The stand-in must be the one the scripts find: the real one would change this machine.
    expect(which.stdout.trim()).toBe(stub);
    for (const snippet of [scripts.CLI_INSTALL, scripts.CLI_REMOVE]) {
      const run = spawnSync('sh', ['-c', filledIn(snippet)], { env, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
    }
    expect((await readFile(log, 'utf8')).split('\n').filter(Boolean)).toEqual([
      '--install /usr/bin/subrelay subrelay /opt/Subrelay/resources/cli/subrelay 100',
      '--remove subrelay /opt/Subrelay/resources/cli/subrelay',
    ]);
  });

  it('resources/cli/subrelay finds the app through the links on PATH', async () => {
    const folder = await temporaryFolder('deb-links');
    const app = join(folder, 'opt', 'Subrelay');
    await mkdir(join(app, 'resources', 'cli'), { recursive: true });
    await writeFile(join(app, 'subrelay-app'), '#!/bin/sh\necho "app $*"\n', { mode: 0o755 });
    await copyFile(join(repoRoot, 'packaging', 'cli', 'subrelay'), join(app, 'resources', 'cli', 'subrelay'));
    await chmod(join(app, 'resources', 'cli', 'subrelay'), 0o755);
    // /usr/bin/subrelay -> /etc/alternatives/subrelay -> /opt/Subrelay/resources/cli/subrelay, as update-alternatives links.
    await mkdir(join(folder, 'etc', 'alternatives'), { recursive: true });
    await mkdir(join(folder, 'usr', 'bin'), { recursive: true });
    await symlink(join(app, 'resources', 'cli', 'subrelay'), join(folder, 'etc', 'alternatives', 'subrelay'));
    await symlink('../../etc/alternatives/subrelay', join(folder, 'usr', 'bin', 'subrelay'));
    const run = spawnSync(join(folder, 'usr', 'bin', 'subrelay'), ['validate', 'a b.subrelay'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('app --cli validate a b.subrelay\n');
  });
});

describe('icons made from packaging/icon.svg', () => {
  it('PNGs in every Linux size, an ICO and an ICNS', async () => {
    const folder = await temporaryFolder('icons');
    const { makeIcons, LINUX_SIZES } = await load<{
      makeIcons: (folder: string) => string[];
      LINUX_SIZES: number[];
    }>('packaging/icons.js');
    expect(makeIcons(folder)).toHaveLength(LINUX_SIZES.length + 3);
    for (const size of LINUX_SIZES) {
      const png = await readFile(join(folder, 'icons', `${size}x${size}.png`));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const ico = await readFile(join(folder, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5);
    const icns = await readFile(join(folder, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });
});

describe('npm run dist -- --dir (Linux, from a stand-in Electron distribution)', () => {
  it('packs the app with the CLI and the samples, without tsx, and flips the fuses', async () => {
    const electronDist = await temporaryFolder('electron-dist');
    await fakeElectronDistribution(electronDist);
    const output = await temporaryFolder('dist');
    const result = spawnSync(
      process.execPath,
      ['packaging/dist.js', '--dir', '--linux', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`],
      { cwd: repoRoot, encoding: 'utf8', timeout: 280_000 },
    );
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    const unpacked = join(output, 'linux-unpacked');
    const check = spawnSync(process.execPath, ['main/bin/fuses.js', '--check', join(unpacked, 'subrelay-app')], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(check.stdout).toContain('fuses as Subrelay needs them');
    expect((await stat(join(unpacked, 'resources', 'cli', 'subrelay'))).mode & 0o111).not.toBe(0);
    const { listPackage } = await load<{ listPackage: (archive: string, options: object) => string[] }>(
      'node_modules/@electron/asar/lib/asar.js',
    );
    const files = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false });
    expect(files).toEqual(
      expect.arrayContaining(['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']),
    );
    expect(files).toContain('/samples/kursk-appeal.subrelay');
    expect(files).toContain('/node_modules/zod/package.json');
    expect(files.filter((file) => /^\/node_modules\/(tsx|react|esbuild)\//u.test(file))).toEqual([]);
  }, 300_000);
});
