import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { readProjectText, ProjectFormatError } from '../../src/model/schema';
import type { Problem, ProblemCode } from '../../src/api/problems';
import type { Language } from '../../src/languages';
import type { Project } from '../../src/model/project';
import { DecodeError, decodeText } from '../../src/text/decode';
import { rememberJsonSource } from './jsonSource';
import { revisionOfBytes } from './revision';

/** A file problem worded for the translator: which file, and what is wrong with it. */
export class FileError extends Error {
  readonly problemCode: Problem;
  readonly backup: string | undefined;

  constructor(
    readonly file: string,
    readonly problem: string,
    readonly kind: 'not-found' | 'bad-file' | 'io' = 'io',
    options: { readonly problem?: Problem; readonly backup?: string | undefined } = {},
  ) {
    super(`${file}: ${problem}`);
    this.name = 'FileError';
    this.problemCode = options.problem ?? { code: 'system', params: { detail: problem } };
    this.backup = options.backup;
  }
}

/** Projects larger than this are refused before being read whole. */
export const MAX_PROJECT_BYTES = 200 * 1024 * 1024;

const SYSTEM_PROBLEMS: Readonly<Record<string, { readonly text: string; readonly code: ProblemCode }>> = {
  ENOENT: { text: 'no such file or folder', code: 'not-found' },
  EACCES: { text: 'permission denied', code: 'permission' },
  EPERM: { text: 'permission denied', code: 'permission' },
  ENOSPC: { text: 'the disk is full', code: 'disk-full' },
  EDQUOT: { text: 'the disk is full', code: 'disk-full' },
  EROFS: { text: 'the disk is read-only', code: 'read-only' },
  EEXIST: { text: 'a file is in the way of a folder of that name', code: 'in-the-way' },
  EISDIR: { text: 'is a folder, not a file', code: 'is-folder' },
  ENOTDIR: { text: 'a part of the path is not a folder', code: 'not-folder' },
  EIO: { text: 'the disk reported a read or write error', code: 'device-error' },
  EXDEV: { text: 'the disk reported a read or write error', code: 'device-error' },
};

/** Wraps a system error from touching `file` as a `FileError`. */
export function toFileError(file: string, error: unknown): FileError {
  if (error instanceof FileError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const known = SYSTEM_PROBLEMS[code];
  if (known !== undefined) {
    return new FileError(file, known.text, code === 'ENOENT' ? 'not-found' : 'io', {
      problem: { code: known.code },
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new FileError(file, detail, 'io', { problem: { code: 'system', params: { detail } } });
}

/**
 * Reads a file's bytes, refusing a folder or a file over `maxBytes` before reading it.
 *
 * Every failure is a `FileError` naming the file.
 */
export async function readFileBytes(file: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) {
      throw new FileError(file, 'is a folder, not a file', 'bad-file', { problem: { code: 'is-folder' } });
    }
    if (info.size > maxBytes) {
      throw new FileError(file, `is too large (${info.size} bytes; the limit is ${maxBytes} bytes)`, 'bad-file', {
        problem: { code: 'too-large', params: { size: info.size, limit: maxBytes } },
      });
    }
    return await handle.readFile();
  } catch (error) {
    throw toFileError(file, error);
  } finally {
    await handle?.close();
  }
}

/** Reads a file as UTF-8 text, refusing files over `maxBytes` before reading them. */
export async function readTextFile(file: string, maxBytes: number): Promise<string> {
  const text = decodeUtf8(await readFileBytes(file, maxBytes));
  if (text === undefined) throw notUtf8(file);
  return text;
}

/**
 * UTF-8 bytes as text without a leading byte order mark (as `TextDecoder`
 * gives them), or undefined when they are not UTF-8. Checked and decoded
 * natively: `TextDecoder` with `fatal` took 90–150 ms for a 14 MB project.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  const text = withoutByteOrderMark(bytes);
  return Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
}

function withoutByteOrderMark(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** Plain-text and subtitle files larger than this are refused before being read whole. */
export const MAX_TEXT_BYTES = 50 * 1024 * 1024;

/**
 * Reads a text file in whatever encoding it is in (see `decodeText`).
 *
 * Refuses, naming the file: a missing file, a folder, one over the size
 * limit (before reading it), binary data and bytes no known encoding reads.
 */
export async function readDecodedFile(
  file: string,
  options: { readonly language?: Language | undefined; readonly encoding?: string | undefined } = {},
): Promise<{ readonly text: string; readonly encoding: string }> {
  const bytes = await readFileBytes(file, MAX_TEXT_BYTES);
  try {
    return decodeText(bytes, options);
  } catch (error) {
    if (error instanceof DecodeError) {
      throw new FileError(file, error.message, 'bad-file', { problem: { code: `decode-${error.problem}` } });
    }
    throw error;
  }
}

/**
 * Parses a file's text with a reader from `src/`; whatever the reader throws names the file.
 *
 * Readers of XML (XLIFF, TMX) call a third-party parser whose own errors
 * ("External entities are not supported") know nothing of the file; the
 * file is named here, at the edge, where it was read.
 */
export function parseFileText<T>(file: string, text: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof FileError) throw error;
    const detail = (error instanceof Error ? error.message : String(error)).replace(/\s+/gu, ' ').trim();
    throw new FileError(file, detail, 'bad-file', { problem: { code: 'system', params: { detail } } });
  }
}

/** A project as read from its file, with the revision of the very bytes it was read from. */
export interface ReadProject {
  readonly project: Project;
  readonly revision: string;
}

/**
 * Reads and validates a `.subrelay` project file, and names the revision it read.
 *
 * The file is read once: the revision (which a later save compares with the
 * file on disk) is that of the bytes parsed, not of a second read.
 */
export async function readProjectFileAndRevision(file: string): Promise<ReadProject> {
  const bytes = await readFileBytes(file, MAX_PROJECT_BYTES);
  const text = decodeUtf8(bytes);
  if (text === undefined) throw notUtf8(file);
  try {
    const { project, asWritten } = readProjectText(text);
    if (asWritten) rememberJsonSource(project, withoutByteOrderMark(bytes));
    return { project, revision: revisionOfBytes(bytes) };
  } catch (error) {
    if (error instanceof ProjectFormatError) {
      throw new FileError(file, error.message, 'bad-file', { problem: error.problem });
    }
    throw error;
  }
}

function notUtf8(file: string): FileError {
  return new FileError(file, 'is not UTF-8 text', 'bad-file', { problem: { code: 'not-utf8' } });
}

/**
 * Reads a `.subrelay` project file's bytes without looking into them: UTF-8
 * (or refused, naming the file) and without a byte order mark, with the
 * revision of the bytes read. For a caller that parses and validates the
 * project itself (the web page; see `openProject`'s `unchecked`).
 */
export async function readProjectFileUnchecked(file: string): Promise<{ bytes: Uint8Array; revision: string }> {
  const bytes = await readFileBytes(file, MAX_PROJECT_BYTES);
  if (!isUtf8(bytes)) throw notUtf8(file);
  return { bytes: withoutByteOrderMark(bytes), revision: revisionOfBytes(bytes) };
}

/** Reads and validates a `.subrelay` project file. */
export async function readProjectFile(file: string): Promise<Project> {
  return (await readProjectFileAndRevision(file)).project;
}

/**
 * Reads a project file; when it is unreadable but its `.bak` is fine, says so.
 *
 * The error then carries the backup's path, so the app can offer it and the
 * CLI can name it. A file of a newer format is not "corrupt", so no backup is
 * offered for it.
 */
export async function readProjectFileOfferingBackup(file: string): Promise<Project> {
  return (await readProjectFileAndRevisionOfferingBackup(file)).project;
}

/** `readProjectFileOfferingBackup`, with the revision read (see `readProjectFileAndRevision`). */
export async function readProjectFileAndRevisionOfferingBackup(file: string): Promise<ReadProject> {
  try {
    return await readProjectFileAndRevision(file);
  } catch (error) {
    if (!(error instanceof FileError) || error.kind !== 'bad-file' || error.problem.startsWith('version: needs'))
      throw error;
    const backup = backupPathOf(file);
    try {
      await readProjectFile(backup);
    } catch {
      throw error;
    }
    throw new FileError(file, error.problem, 'bad-file', { problem: error.problemCode, backup });
  }
}

/** Error codes that Windows (virus scanners, indexers, editors) raises briefly on a busy file. */
const TRANSIENT_CODES = new Set(process.platform === 'win32' ? ['EBUSY', 'EPERM', 'EACCES'] : ['EBUSY']);

/** Temporary files older than this were left by a crash and are removed on the next save. */
const STALE_TEMPORARY_MS = 10 * 60 * 1000;

/** How long and how often a rename is retried on a transient error: about 1 s in all. */
const RETRY_DELAYS_MS = [20, 50, 100, 200, 300, 400];

async function withRetries<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
      const delay = RETRY_DELAYS_MS[attempt];
      if (!TRANSIENT_CODES.has(code) || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** The file system calls `writeFileAtomic` makes, replaceable in fault-injection tests. */
export interface AtomicWriteFileSystem {
  readonly open: typeof open;
  readonly rename: typeof rename;
  readonly copyFile: typeof copyFile;
  readonly rm: typeof rm;
  readonly mkdir: typeof mkdir;
}

const realFileSystem: AtomicWriteFileSystem = { open, rename, copyFile, rm, mkdir };

export interface AtomicWriteOptions {
  /** Keep the previous content as `<file>.bak` (project files do; exports do not). */
  readonly backup?: boolean;
  /**
   * The new file's permissions. By default a file that exists keeps its own,
   * and a new one is readable by its owner only (0600): it holds the user's text.
   */
  readonly mode?: number;
  readonly fileSystem?: AtomicWriteFileSystem;
}

/** Where the previous version of a project is kept. */
export function backupPathOf(file: string): string {
  return `${file}.bak`;
}

/**
 * Replaces a file's content so that a crash leaves either the old or the new file.
 *
 * Writes a temporary file in the same folder and flushes it to disk; with
 * `backup`, copies the current file to a second temporary file and flushes
 * that too; renames the new file over the target; only then renames the
 * copy to `<file>.bak`, so a failed save never costs the older backup. The
 * folder is flushed where the platform allows it. Renames are retried
 * briefly on the transient errors Windows raises. The folder is created
 * when missing. On any failure the target is untouched and no temporary
 * file is left behind; temporary files a crash left are cleared later.
 */
export async function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const fs = options.fileSystem ?? realFileSystem;
  const folder = dirname(file);
  const suffix = randomBytes(6).toString('hex');
  const temporary = join(folder, `.${basename(file)}.${suffix}.tmp`);
  const backupTemporary = join(folder, `.${basename(file)}.bak.${suffix}.tmp`);
  let haveBackup = false;
  try {
    await fs.mkdir(folder, { recursive: true });
    const mode = options.mode ?? (await existingMode(file)) ?? PRIVATE_FILE_MODE;
    const handle = await fs.open(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode);
    try {
      // The umask narrows the mode given to open(); a file that exists keeps exactly its own.
      if (process.platform !== 'win32') await handle.chmod(mode);
      await (typeof content === 'string' ? handle.writeFile(content, 'utf8') : handle.writeFile(content));
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.backup === true) {
      try {
        await fs.copyFile(file, backupTemporary);
        const copy = await fs.open(backupTemporary, 'r+');
        try {
          await copy.sync();
        } finally {
          await copy.close();
        }
        haveBackup = true;
      } catch (error) {
        // No previous version to keep is fine; any other failure stops the save.
        if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT') throw error;
      }
    }
    await withRetries(() => fs.rename(temporary, file));
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    await fs.rm(backupTemporary, { force: true }).catch(() => undefined);
    throw toFileError(file, error);
  }
  if (haveBackup) {
    // The save is done; keeping the previous version is a best effort from here.
    await withRetries(() => fs.rename(backupTemporary, backupPathOf(file))).catch(async () => {
      await fs.rm(backupTemporary, { force: true }).catch(() => undefined);
    });
  }
  await syncFolder(folder);
  await removeStaleTemporaries(folder, basename(file));
}

/** Owner read and write only: the mode of every new file Subrelay writes with the user's text. */
export const PRIVATE_FILE_MODE = 0o600;

/** Owner only: the mode of the app's data folder and its journal folder. */
export const PRIVATE_FOLDER_MODE = 0o700;

async function existingMode(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mode & 0o777;
  } catch {
    return undefined;
  }
}

/**
 * Creates a folder of the app's own data (journals) readable by its owner only.
 *
 * An existing folder is narrowed to 0700 too: journals written by an older
 * release into a world-readable folder stop being readable by others.
 */
export async function ensurePrivateFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (process.platform !== 'win32') await chmod(folder, PRIVATE_FOLDER_MODE);
}

/** Removes temporary files of `name` that a crashed save left behind long ago. */
async function removeStaleTemporaries(folder: string, name: string): Promise<void> {
  try {
    const prefix = `.${name}.`;
    const now = Date.now();
    for (const entry of await readdir(folder)) {
      if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
      const path = join(folder, entry);
      const info = await stat(path);
      if (now - info.mtimeMs > STALE_TEMPORARY_MS) await rm(path, { force: true });
    }
  } catch {
    // Cleaning up is a courtesy; a save that succeeded stays a success.
  }
}

async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse fsync on folders; the rename is done either way.
  }
}

/** Whether a path exists and is a folder. */
export async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
