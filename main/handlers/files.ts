import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseProject, ProjectFormatError } from '../../src/model/schema';
import type { Project } from '../../src/model/project';

/** A file problem worded for the translator: which file, and what is wrong with it. */
export class FileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly kind: 'not-found' | 'bad-file' | 'io' = 'io',
  ) {
    super(`${file}: ${problem}`);
    this.name = 'FileError';
  }
}

/** Projects larger than this are refused before being read whole. */
export const MAX_PROJECT_BYTES = 200 * 1024 * 1024;

function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EEXIST':
      return 'a file is in the way of a folder of that name';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Wraps a system error from touching `file` as a `FileError`. */
export function toFileError(file: string, error: unknown): FileError {
  if (error instanceof FileError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new FileError(file, describeSystemError(error), code === 'ENOENT' ? 'not-found' : 'io');
}

/**
 * Reads a file as UTF-8 text, refusing files over `maxBytes` before reading them.
 */
export async function readTextFile(file: string, maxBytes: number): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) throw new FileError(file, 'is a folder, not a file', 'bad-file');
    if (info.size > maxBytes) {
      throw new FileError(file, `is too large (${info.size} bytes; the limit is ${maxBytes} bytes)`, 'bad-file');
    }
    const bytes = await handle.readFile();
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new FileError(file, 'is not UTF-8 text', 'bad-file');
    }
  } catch (error) {
    throw toFileError(file, error);
  } finally {
    await handle?.close();
  }
}

/** Reads and validates a `.subrelay` project file. */
export async function readProjectFile(file: string): Promise<Project> {
  const text = await readTextFile(file, MAX_PROJECT_BYTES);
  try {
    return parseProject(text);
  } catch (error) {
    if (error instanceof ProjectFormatError) throw new FileError(file, error.message, 'bad-file');
    throw error;
  }
}

/**
 * Replaces a file's content so that a crash leaves either the old or the new file.
 *
 * Writes a temporary file in the same folder, flushes it to disk, renames it
 * over the target, then flushes the folder where the platform allows it.
 * The folder is created when missing.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const folder = dirname(file);
  const temporary = join(folder, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(folder, { recursive: true });
    const handle = await open(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw toFileError(file, error);
  }
  await syncFolder(folder);
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
