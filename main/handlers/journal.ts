import { createHash } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Project } from '../../src/model/project';
import { validateProject } from '../../src/model/schema';
import { serializeProject } from '../../src/model/serialize';
import { readTextFile, writeFileAtomic } from './files';

const JOURNAL_FORMAT = 'subrelay-journal';
const JOURNAL_VERSION = 2;
const MAX_JOURNAL_BYTES = 256 * 1024 * 1024;
/** A tab that has not said it still works on a journal for this long has left it behind. */
export const JOURNAL_LEASE_MS = 12_000;

/** Unsaved work as kept in the journal folder. */
export interface JournalEntry {
  readonly journalId: string;
  readonly savedAt: string;
  readonly path: string | null;
  readonly name: string;
  readonly project: Project;
}

/**
 * The journal file of a project: named after its path once it has one, else after its journal id.
 *
 * Keyed by project rather than by tab, so closing a tab, reloading it, or
 * opening the same project again later all find the same unsaved work.
 */
export function journalKeyOf(journalId: string, path: string | null): string {
  if (path === null) return `u-${journalId}`;
  return `p-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 40)}`;
}

const KEY_PATTERN = /^(?:u-[0-9a-f-]{36}|p-[0-9a-f]{40})\.json$/u;

/** Reads, writes and lists journals; remembers which tab of this run holds which. */
export function createJournals(folder: string, now: () => number = Date.now) {
  const leases = new Map<string, { readonly sessionId: string; readonly until: number }>();
  const fileOf = (key: string): string => join(folder, `${key}.json`);
  const heldByOther = (key: string, sessionId: string | undefined): boolean => {
    const lease = leases.get(key);
    return lease !== undefined && lease.sessionId !== sessionId && lease.until > now();
  };
  const hold = (sessionId: string, journalId: string, path: string | null): void => {
    leases.set(journalKeyOf(journalId, path), { sessionId, until: now() + JOURNAL_LEASE_MS });
  };

  async function read(name: string): Promise<JournalEntry | undefined> {
    try {
      const entry = JSON.parse(await readTextFile(join(folder, name), MAX_JOURNAL_BYTES)) as Record<string, unknown>;
      if (entry['format'] !== JOURNAL_FORMAT) return undefined;
      return {
        journalId: String(entry['journalId']),
        savedAt: String(entry['savedAt']),
        path: typeof entry['path'] === 'string' ? entry['path'] : null,
        name: String(entry['name']),
        project: validateProject(entry['project']),
      };
    } catch {
      // A journal that cannot be read holds nothing to restore; it is left for inspection.
      return undefined;
    }
  }

  return {
    hold,

    async write(sessionId: string, journalId: string, path: string | null, name: string, project: Project) {
      hold(sessionId, journalId, path);
      const entry = {
        format: JOURNAL_FORMAT,
        version: JOURNAL_VERSION,
        journalId,
        savedAt: new Date(now()).toISOString(),
        path,
        name,
        project: JSON.parse(serializeProject(project)) as unknown,
      };
      await writeFileAtomic(fileOf(journalKeyOf(journalId, path)), `${JSON.stringify(entry)}\n`);
    },

    release(sessionId: string): void {
      for (const [key, lease] of leases) if (lease.sessionId === sessionId) leases.delete(key);
    },

    async clear(journalId: string, path: string | null): Promise<void> {
      const key = journalKeyOf(journalId, path);
      leases.delete(key);
      await rm(fileOf(key), { force: true });
    },

    /** Every journal no other live tab holds, newest first. */
    async list(sessionId: string): Promise<JournalEntry[]> {
      const names = await readdir(folder).catch(() => [] as string[]);
      const entries: JournalEntry[] = [];
      for (const name of names.filter((n) => KEY_PATTERN.test(n))) {
        if (heldByOther(name.slice(0, -'.json'.length), sessionId)) continue;
        const entry = await read(name);
        if (entry !== undefined) entries.push(entry);
      }
      return entries.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
    },

    /** The unsaved work on the project at `path` when it is newer than the file itself. */
    async newerThanFile(path: string, sessionId: string | undefined): Promise<JournalEntry | null> {
      const key = journalKeyOf('', path);
      if (heldByOther(key, sessionId)) return null;
      const entry = await read(`${key}.json`);
      if (entry === undefined || entry.path === null || resolve(entry.path) !== resolve(path)) return null;
      const file = await stat(path).catch(() => undefined);
      if (file !== undefined && Date.parse(entry.savedAt) <= file.mtimeMs) return null;
      return entry;
    },
  };
}

export type Journals = ReturnType<typeof createJournals>;
