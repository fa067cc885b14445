import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** A file's content revision: the SHA-256 of its bytes. */
export function revisionOfBytes(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The revision of the file at `path` now, or null when there is no such file. */
export async function currentRevision(path: string): Promise<string | null> {
  try {
    return revisionOfBytes(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
