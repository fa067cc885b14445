import { build } from 'esbuild';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { PathLike } from 'node:fs';
import { chmod, copyFile, mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/handlers/dispatch';
import { backupPathOf, FileError, writeFileAtomic, type AtomicWriteFileSystem } from '../../main/handlers/files';
import { createHandlers } from '../../main/handlers/handlers';
import { LANGUAGES, type Language } from '../../src/languages';
import type { Project } from '../../src/model/project';
import { parseProject } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';
import { loadSample, repoRoot, temporaryFilesIn, useTemporaryFolders, webHost } from './support';
// The same seeded generator (mulberry32) as the bench, so a failing run's kill delays can be replayed.
import { seededRandom } from '../bench/syntheticCorpus';

const temporaryFolder = useTemporaryFolders();

const filesModule = join(repoRoot, 'main', 'handlers', 'files.ts');
const saveLoopScript = fileURLToPath(new URL('fixtures/saveLoop.ts', import.meta.url));

const realFileSystem: AtomicWriteFileSystem = { open, rename, copyFile, rm, mkdir };

type SimulatedCode = 'ENOSPC' | 'EXDEV' | 'EIO' | 'EBUSY';

const DESCRIPTIONS: Readonly<Record<SimulatedCode, string>> = {
  ENOSPC: 'no space left on device',
  EXDEV: 'cross-device link not permitted',
  EIO: 'i/o error',
  EBUSY: 'resource busy or locked',
};

/** A system error shaped like the ones Node raises, which is all `writeFileAtomic` looks at. */
function systemError(code: SimulatedCode, syscall: string, path: PathLike): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: ${DESCRIPTIONS[code]}, ${syscall} '${String(path)}'`);
  error.code = code;
  error.errno = -osConstants.errno[code];
  error.syscall = syscall;
  error.path = String(path);
  return error;
}

/** The sample with different titles, so that each version of the file is recognisable. */
async function versions(): Promise<{ readonly older: string; readonly current: string; readonly next: string }> {
  const sample = await loadSample();
  return {
    older: serializeProject({ ...sample, title: 'The version before' }),
    current: serializeProject(sample),
    next: serializeProject({ ...sample, title: 'Saved while something failed' }),
  };
}

/** A folder holding a project and an older backup of it. */
async function projectWithBackup(label: string) {
  const folder = await temporaryFolder(label);
  const target = join(folder, 'appeal.subrelay');
  const contents = await versions();
  await writeFile(target, contents.current);
  await writeFile(backupPathOf(target), contents.older);
  return { folder, target, contents };
}

async function expectUntouched(folder: string, target: string, contents: { older: string; current: string }) {
  expect(await readFile(target, 'utf8')).toBe(contents.current);
  expect(await readFile(backupPathOf(target), 'utf8')).toBe(contents.older);
  expect(await temporaryFilesIn(folder)).toEqual([]);
  expect((await readdir(folder)).sort()).toEqual(['appeal.subrelay', 'appeal.subrelay.bak']);
}

async function rejection(promise: Promise<unknown>): Promise<FileError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(FileError);
  return caught as FileError;
}

describe('writeFileAtomic with injected faults', () => {
  it('reports a full disk as "the disk is full", keeping the project and its backup, leaving no temporary file', async () => {
    const { folder, target, contents } = await projectWithBackup('enospc');
    let writes = 0;
    const fileSystem: AtomicWriteFileSystem = {
      ...realFileSystem,
      // The handle writes half of the text, as a disk filling up does, then fails.
      open: async (...args: Parameters<typeof open>) => {
        const handle = await open(...args);
        return new Proxy(handle, {
          get(real, key): unknown {
            if (key === 'writeFile') {
              return async (data: string) => {
                writes++;
                await real.write(data.slice(0, data.length / 2));
                throw systemError('ENOSPC', 'write', args[0]);
              };
            }
            const value: unknown = Reflect.get(real, key, real);
            return typeof value === 'function' ? value.bind(real) : value;
          },
        });
      },
    };

    const error = await rejection(writeFileAtomic(target, contents.next, { backup: true, fileSystem }));

    expect(writes).toBe(1);
    expect(error).toMatchObject({ file: target, kind: 'io', message: `${target}: the disk is full` });
    await expectUntouched(folder, target, contents);
  });

  it('reports a full disk while keeping the backup, and removes both temporary files', async () => {
    const { folder, target, contents } = await projectWithBackup('enospc-backup');
    const fileSystem: AtomicWriteFileSystem = {
      ...realFileSystem,
      copyFile: async (source, destination) => {
        await writeFile(destination, (await readFile(source)).subarray(0, 100));
        throw systemError('ENOSPC', 'copyfile', destination);
      },
    };

    const error = await rejection(writeFileAtomic(target, contents.next, { backup: true, fileSystem }));

    expect(error.message).toBe(`${target}: the disk is full`);
    await expectUntouched(folder, target, contents);
  });

  it.each<[SimulatedCode]>([['EXDEV'], ['EIO']])(
    'reports a rename failing with %s naming the file, keeping the project and its backup',
    async (code) => {
      const { folder, target, contents } = await projectWithBackup(`rename-${code}`);
      let thrown: NodeJS.ErrnoException | undefined;
      const fileSystem: AtomicWriteFileSystem = {
        ...realFileSystem,
        rename: async (from, to) => {
          thrown = systemError(code, 'rename', to);
          throw thrown;
        },
      };

      const error = await rejection(writeFileAtomic(target, contents.next, { backup: true, fileSystem }));

      expect(thrown?.code).toBe(code);
      // The temporary file's path stays out of the message: the user sees the project's.
      expect(error).toMatchObject({
        file: target,
        kind: 'io',
        message: `${target}: the disk reported a read or write error`,
        problemCode: { code: 'device-error' },
      });
      await expectUntouched(folder, target, contents);
    },
  );

  // Regression: the copy used to replace `.bak` before the save was known to succeed.
  it.each<[SimulatedCode]>([['EXDEV'], ['EIO']])(
    'keeps the older backup when only the rename onto the project fails with %s',
    async (code) => {
      const { folder, target, contents } = await projectWithBackup(`rename-target-${code}`);
      const fileSystem: AtomicWriteFileSystem = {
        ...realFileSystem,
        rename: async (from, to) => {
          if (String(to) === target) throw systemError(code, 'rename', to);
          await rename(from, to);
        },
      };

      const error = await rejection(writeFileAtomic(target, contents.next, { backup: true, fileSystem }));

      expect(error.file).toBe(target);
      await expectUntouched(folder, target, contents);
    },
  );

  it.each([
    ['the project', (target: string) => target],
    ['the backup', (target: string) => backupPathOf(target)],
  ])('saves when the rename onto %s is busy twice and succeeds on the third try', async (_label, busyPathOf) => {
    const { folder, target, contents } = await projectWithBackup('ebusy');
    const busyPath = busyPathOf(target);
    let attempts = 0;
    const fileSystem: AtomicWriteFileSystem = {
      ...realFileSystem,
      rename: async (from, to) => {
        if (String(to) === busyPath && ++attempts <= 2) throw systemError('EBUSY', 'rename', to);
        await rename(from, to);
      },
    };

    await writeFileAtomic(target, contents.next, { backup: true, fileSystem });

    expect(attempts).toBe(3);
    expect(await readFile(target, 'utf8')).toBe(contents.next);
    expect(await readFile(backupPathOf(target), 'utf8')).toBe(contents.current);
    expect(await temporaryFilesIn(folder)).toEqual([]);
  });
});

/** The conventional "nobody" user and group. */
const NOBODY = 65534;

/** Why this machine cannot run a save as another user, or undefined when it can. */
function whyNoUnprivilegedUser(): string | undefined {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return 'the tests do not run as root';
  const readable = [filesModule, join(repoRoot, 'node_modules', 'tsx', 'package.json')];
  const probe = spawnSync(
    process.execPath,
    ['-e', `for (const f of ${JSON.stringify(readable)}) require('node:fs').accessSync(f, 4)`],
    { cwd: repoRoot, uid: NOBODY, gid: NOBODY, encoding: 'utf8', timeout: 10_000 },
  );
  if (probe.error !== undefined) return `no process can be started as uid ${NOBODY}: ${probe.error.message}`;
  if (probe.status !== 0) return `uid ${NOBODY} cannot read the repository: ${probe.stderr.trim().split('\n')[0]}`;
  return undefined;
}

const noUnprivilegedUser = whyNoUnprivilegedUser();
if (noUnprivilegedUser !== undefined) {
  console.warn(`Skipping the read-only folder test: ${noUnprivilegedUser}.`);
}

/** Run by `node --import tsx --input-type=module -e` as another user: one save, and what came of it as JSON. */
const SAVE_ONCE = `
const [moduleUrl, file] = process.argv.slice(1);
const { writeFileAtomic } = await import(moduleUrl);
try {
  await writeFileAtomic(file, 'a new version\\n', { backup: true });
  console.log(JSON.stringify({ saved: true }));
} catch (error) {
  console.log(JSON.stringify({ name: error.name, message: error.message, file: error.file, kind: error.kind }));
}
`;

describe('writeFileAtomic in a folder the user may not write to', () => {
  it.skipIf(noUnprivilegedUser !== undefined)(
    'reports "permission denied" naming the file, and leaves the file as it was',
    async () => {
      // Root ignores permissions, so the save runs as "nobody" in a folder owned by root.
      const folder = await temporaryFolder('read-only');
      await chmod(folder, 0o755);
      const target = join(folder, 'appeal.subrelay');
      const { current } = await versions();
      await writeFile(target, current);
      await chmod(target, 0o644);

      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', SAVE_ONCE, pathToFileURL(filesModule).href, target],
        { cwd: repoRoot, uid: NOBODY, gid: NOBODY, encoding: 'utf8', timeout: 30_000 },
      );

      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        name: 'FileError',
        message: `${target}: permission denied`,
        file: target,
        kind: 'io',
      });
      expect(await readFile(target, 'utf8')).toBe(current);
      expect(await readdir(folder)).toEqual(['appeal.subrelay']);
    },
  );
});

describe('saveProject to a path through a regular file', () => {
  it.each([
    ['inside a regular file', ['taken', 'appeal.subrelay'], 'a file is in the way of a folder of that name'],
    ['below a regular file (ENOTDIR)', ['taken', 'deeper', 'appeal.subrelay'], 'a part of the path is not a folder'],
  ])('rejects a path %s with a FileError naming it, which dispatch hands the UI', async (_label, parts, problem) => {
    const folder = await temporaryFolder('enotdir');
    await writeFile(join(folder, 'taken'), 'not a folder');
    const target = join(folder, ...parts);
    const handlers = createHandlers(webHost(folder));
    const project = await loadSample();

    const error = await rejection(handlers.saveProject({ project, path: target }));
    expect(error).toMatchObject({ file: target, kind: 'io', message: `${target}: ${problem}` });

    expect(await dispatch(handlers, 'saveProject', { project, path: target })).toMatchObject({
      ok: false,
      error: { code: 'io', message: `${target}: ${problem}`, file: target },
    });
    expect(await readFile(join(folder, 'taken'), 'utf8')).toBe('not a folder');
    expect(await readdir(folder)).toEqual(['taken']);
  });
});

/** The sample with every text padded, so that one save writes megabytes and takes measurable time. */
function paddedSample(sample: Project, filler: string, repeat: number): Project {
  return {
    ...sample,
    title: `${sample.title} (${filler})`,
    documents: sample.documents.map((document) => ({
      ...document,
      segments: document.segments.map((segment) => ({
        ...segment,
        texts: Object.fromEntries(
          LANGUAGES.map((language) => [
            language,
            `${segment.texts[language]} ${`${filler} ${segment.id} ${language} `.repeat(repeat)}`,
          ]),
        ) as Record<Language, string>,
      })),
    })),
  };
}

interface SaveLoop {
  readonly child: ChildProcessWithoutNullStreams;
  /** Settles once the child has loaded everything and waits for "go". */
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  /** How many saves the child reported finished. */
  savesFinished(): number;
}

/**
 * Bundles the save loop with `writeFileAtomic` and its imports into one plain ES module.
 *
 * A child started through tsx spends half a second or more (two seconds on a
 * busy machine) loading before it saves anything; the bundle starts in about
 * a fifth of that, which is what lets forty kills fit in a few seconds. It is
 * built from the same sources by the same compiler tsx uses.
 */
async function bundleSaveLoop(folder: string): Promise<string> {
  const bundle = join(folder, 'saveLoop.mjs');
  await build({
    entryPoints: [saveLoopScript],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return bundle;
}

function startSaveLoop(bundle: string, target: string, first: string, second: string): SaveLoop {
  const child = spawn(process.execPath, [bundle, target, first, second], { cwd: repoRoot, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.startsWith('ready\n')) resolve();
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`the save loop ended (${code ?? signal}) before it was ready:\n${stderr}`));
    });
  });
  // Awaited later; this only keeps an early failure from being reported as unhandled.
  ready.catch(() => undefined);
  return { child, ready, exited, savesFinished: () => stdout.split('\n').filter((line) => line === 'saved').length };
}

const MAX_ROUNDS = 40;
const MIN_ROUNDS = 10;
/** Rounds stop after this long even if fewer than MAX_ROUNDS ran, so that a slow machine stays well under a minute. */
const ROUND_BUDGET_MS = 25_000;

describe('writeFileAtomic killed with SIGKILL', () => {
  it('always leaves the project and its backup whole: exactly A or exactly B', { timeout: 120_000 }, async () => {
    const folder = await temporaryFolder('sigkill');
    const sources = await temporaryFolder('sigkill-sources');
    const sample = await loadSample();
    const texts = {
      A: serializeProject(paddedSample(sample, 'alpha', 1700)),
      B: serializeProject(paddedSample(sample, 'bravo-bravo', 1800)),
    };
    expect(parseProject(texts.A).title).toBe('Kursk appeal (alpha)');
    expect(parseProject(texts.B).title).toBe('Kursk appeal (bravo-bravo)');
    const bytes = { A: Buffer.from(texts.A), B: Buffer.from(texts.B) };
    expect(bytes.A.length).toBeGreaterThan(3_000_000);
    expect(bytes.B.length).toBeGreaterThan(bytes.A.length);
    const sourceFiles = { A: join(sources, 'a.subrelay'), B: join(sources, 'b.subrelay') };
    await writeFile(sourceFiles.A, texts.A);
    await writeFile(sourceFiles.B, texts.B);
    const bundle = await bundleSaveLoop(sources);

    const target = join(folder, 'big.subrelay');
    const backup = backupPathOf(target);
    const identify = (content: Buffer): string =>
      content.equals(bytes.A)
        ? 'A'
        : content.equals(bytes.B)
          ? 'B'
          : `neither A nor B (${content.length} bytes, A has ${bytes.A.length}, B ${bytes.B.length})`;

    // Two saves here: the project and its backup exist from the start, and the second save times one with a backup.
    await writeFileAtomic(target, texts.B, { backup: true });
    const started = performance.now();
    await writeFileAtomic(target, texts.A, { backup: true });
    const saveMs = Math.round(performance.now() - started);
    const maxDelayMs = Math.min(800, Math.max(150, 6 * saveMs));

    const seed = Number(process.env.SUBRELAY_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = seededRandom(seed);
    const live = new Set<SaveLoop>();
    const start = (round: number): SaveLoop => {
      const order = round % 2 === 0 ? [sourceFiles.B, sourceFiles.A] : [sourceFiles.A, sourceFiles.B];
      const loop = startSaveLoop(bundle, target, order[0]!, order[1]!);
      live.add(loop);
      void loop.exited.then(() => live.delete(loop));
      return loop;
    };

    let rounds = 0;
    let midWrite = 0;
    let duringBackup = 0;
    let beforeFirstSave = 0;
    let savesFinished = 0;
    /** Temporary files left by the previous kill: the next round's saves run beside them. */
    let leftovers: string[] = [];
    const deadline = performance.now() + ROUND_BUDGET_MS;
    try {
      // Each child starts loading while the one before it saves.
      let next = start(0);
      while (rounds < MAX_ROUNDS && (rounds < MIN_ROUNDS || performance.now() < deadline)) {
        const current = next;
        await current.ready;
        next = start(rounds + 1);
        const delayMs = random() * maxDelayMs;
        current.child.stdin.write('go\n');
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        current.child.kill('SIGKILL');
        await current.exited;
        rounds++;
        const saves = current.savesFinished();
        savesFinished += saves;
        if (saves === 0) beforeFirstSave++;

        const where = `round ${rounds} (seed ${seed}, killed after ${delayMs.toFixed(1)} ms, ${saves} saves finished)`;
        expect(identify(await readFile(target)), `${where}: the project`).toMatch(/^[AB]$/u);
        expect(identify(await readFile(backup)), `${where}: the backup`).toMatch(/^[AB]$/u);

        const temporaries = await temporaryFilesIn(folder);
        for (const name of temporaries) expect(name, where).toMatch(/^\.big\.subrelay\.(bak\.)?[0-9a-f]{12}\.tmp$/u);
        expect((await readdir(folder)).filter((name) => !temporaries.includes(name)).sort(), where).toEqual([
          'big.subrelay',
          'big.subrelay.bak',
        ]);
        const fresh = temporaries.filter((name) => !leftovers.includes(name));
        if (fresh.length > 0) midWrite++;
        if (fresh.some((name) => name.includes('.bak.'))) duringBackup++;
        // Keep the disk bounded: older leftovers have now sat beside one more round of saves.
        await Promise.all(leftovers.map((name) => rm(join(folder, name))));
        leftovers = fresh;
      }
    } finally {
      for (const loop of live) loop.child.kill('SIGKILL');
      await Promise.all([...live].map((loop) => loop.exited));
    }

    console.log(
      `SIGKILL fault test: ${rounds} rounds, ${midWrite} kills hit mid-write (a temporary file was left; ` +
        `${duringBackup} during the backup copy), ${beforeFirstSave} before the first save finished, ` +
        `${savesFinished} saves finished in all; one save took ${saveMs} ms, kills came 0–${maxDelayMs} ms ` +
        `after "go" (seed ${seed})`,
    );
    expect(savesFinished, 'no child ever finished a save: the kills came too early to test anything').toBeGreaterThan(
      0,
    );
    expect(midWrite, 'no kill landed during a write').toBeGreaterThan(0);

    // The next save works beside the leftovers and never picks one of them up.
    const before = identify(await readFile(target));
    const other = before === 'A' ? 'B' : 'A';
    await writeFileAtomic(target, texts[other], { backup: true });
    expect(identify(await readFile(target))).toBe(other);
    expect(identify(await readFile(backup))).toBe(before);
    expect((await temporaryFilesIn(folder)).sort()).toEqual([...leftovers].sort());
  });
});
