import { FORMAT_REQUIRES, PROJECT_VERSION } from './project';

type JsonObject = Record<string, unknown>;

/**
 * One step from format version N to N + 1, on plain JSON values.
 *
 * Steps run before validation, so each sees exactly what that version's
 * files held and never needs the current types.
 */
const MIGRATIONS: Readonly<Record<number, (project: JsonObject) => JsonObject>> = {
  /** Version 2 records the release a file needs and per-project settings. */
  1: (project) => ({ ...project, version: 2, requires: FORMAT_REQUIRES[2], settings: {} }),
  /** Version 3 may record the aligner's confidence per cell; nothing older has any. */
  2: (project) => ({ ...project, version: 3, requires: FORMAT_REQUIRES[3] }),
  /** Version 4 may mark headlines and record dubbing settings; nothing older has any. */
  3: (project) => ({ ...project, version: 4, requires: FORMAT_REQUIRES[4] }),
};

/** What `migrateProject` did, for messages like "migrated from format 1". */
export interface Migration {
  readonly value: unknown;
  readonly fromVersion: number | undefined;
}

/**
 * Brings an older project's JSON up to the current format version.
 *
 * Values that are not objects, have no numeric version, or are already
 * current (or newer) come back unchanged, for validation to judge.
 */
export function migrateProject(value: unknown): Migration {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { value, fromVersion: undefined };
  let project = value as JsonObject;
  const start = project['version'];
  if (typeof start !== 'number' || !Number.isInteger(start) || start >= PROJECT_VERSION) {
    return { value, fromVersion: undefined };
  }
  for (let version = start; version < PROJECT_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (step === undefined) return { value, fromVersion: undefined };
    project = step(project);
  }
  return { value: project, fromVersion: start };
}
