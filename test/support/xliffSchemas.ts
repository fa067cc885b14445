import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The official OASIS XLIFF schemas and xmllint, for validating exported files.
 *
 * OASIS's own site is out of reach here, but Debian's php-symfony-translation
 * ships XLIFF 1.2 (strict) and 2.0 core schemas with the W3C xml.xsd. The
 * package is fetched once with `apt-get download` and unpacked with
 * `dpkg-deb -x` into node_modules/.cache (not in git). The schemas' imports
 * of xml.xsd are rewritten to the local copy, so xmllint runs with --nonet.
 */

/** Where xmllint lives on Debian (package libxml2-utils). */
export const XMLLINT = '/usr/bin/xmllint';

const cacheFolder = fileURLToPath(new URL('../../node_modules/.cache/subrelay-xliff-schemas/', import.meta.url));
const schemaFolderInPackage = join(
  'usr',
  'share',
  'php',
  'Symfony',
  'Component',
  'Translation',
  'Resources',
  'schemas',
);
const SCHEMA_FILES = ['xliff-core-1.2-strict.xsd', 'xliff-core-2.0.xsd', 'xml.xsd'] as const;

export interface XliffSchemas {
  readonly xliff12: string;
  readonly xliff20: string;
}

/** The schemas and xmllint, or the reason they cannot be had on this machine. */
export type SchemaSetup =
  { readonly available: true; readonly schemas: XliffSchemas } | { readonly available: false; readonly reason: string };

function run(command: string, args: ReadonlyArray<string>, cwd?: string): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`.trim();
  return { ok: result.status === 0, output };
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .at(-1) ?? text
  );
}

async function cachedSchemas(): Promise<XliffSchemas | undefined> {
  const paths = SCHEMA_FILES.map((name) => join(cacheFolder, name));
  if (!paths.every((path) => existsSync(path))) return undefined;
  return { xliff12: join(cacheFolder, SCHEMA_FILES[0]), xliff20: join(cacheFolder, SCHEMA_FILES[1]) };
}

/** Points every import of the W3C xml.xsd at the copy next to the schema. */
function localImports(schema: string): string {
  return schema.replace(
    /(<xsd?:import\s+namespace="http:\/\/www\.w3\.org\/XML\/1998\/namespace"\s+schemaLocation=")[^"]*(")/gu,
    '$1xml.xsd$2',
  );
}

async function downloadSchemas(): Promise<XliffSchemas | string> {
  if (!existsSync('/usr/bin/apt-get') || !existsSync('/usr/bin/dpkg-deb')) {
    return 'no apt-get or dpkg-deb to fetch php-symfony-translation (which ships the OASIS XLIFF schemas)';
  }
  const work = await mkdtemp(join(tmpdir(), 'subrelay-xliff-schemas-'));
  try {
    // As root, apt-get warns that the _apt user cannot write here; the download works all the same.
    const download = run('apt-get', ['download', '-q', 'php-symfony-translation'], work);
    const deb = (await readdir(work)).find((name) => name.endsWith('.deb'));
    if (deb === undefined) {
      return `apt-get download php-symfony-translation failed: ${lastLine(download.output)}`;
    }
    const unpacked = join(work, 'unpacked');
    const extract = run('dpkg-deb', ['-x', join(work, deb), unpacked]);
    if (!extract.ok) return `dpkg-deb -x ${deb} failed: ${lastLine(extract.output)}`;
    const staging = join(work, 'schemas');
    await mkdir(staging);
    for (const name of SCHEMA_FILES) {
      const from = join(unpacked, schemaFolderInPackage, name);
      if (!existsSync(from)) return `${deb} has no ${name}`;
      await writeFile(join(staging, name), localImports(await readFile(from, 'utf8')));
    }
    // Renamed into place whole, so a half-written cache never looks complete.
    await mkdir(join(cacheFolder, '..'), { recursive: true });
    await rm(cacheFolder, { recursive: true, force: true });
    await rename(staging, cacheFolder);
    return (await cachedSchemas()) ?? 'the schemas vanished from the cache';
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

let setup: Promise<SchemaSetup> | undefined;

/** Finds xmllint and the schemas, fetching the schemas on first use. */
export function xliffSchemaSetup(): Promise<SchemaSetup> {
  setup ??= (async (): Promise<SchemaSetup> => {
    if (!existsSync(XMLLINT)) {
      return { available: false, reason: `no ${XMLLINT} (Debian: apt-get install libxml2-utils)` };
    }
    const schemas = (await cachedSchemas()) ?? (await downloadSchemas());
    return typeof schemas === 'string' ? { available: false, reason: schemas } : { available: true, schemas };
  })();
  return setup;
}

/** What xmllint said about one document. */
export interface ValidationResult {
  readonly valid: boolean;
  readonly output: string;
}

/** Validates an XML text against a schema with xmllint, offline. */
export function validateWithSchema(xml: string, schema: string): ValidationResult {
  const result = spawnSync(XMLLINT, ['--noout', '--nonet', '--schema', schema, '-'], {
    input: xml,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { valid: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}
