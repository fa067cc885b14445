import { z } from 'zod';
import { LANGUAGES, type Language } from '../languages';
import type { Problem } from '../api/problems';
import { migrateProject } from './migrate';
import {
  ASS_STYLE_FIELDS,
  EXPORT_FORMAT_NAMES,
  FORMAT_REQUIRES,
  MAX_COMMENTS_PER_SEGMENT,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  SEGMENT_ROLES,
  SEGMENT_STATUSES,
  type Project,
} from './project';

const languageSchema = z.enum(LANGUAGES as [Language, ...Language[]]);
const statusSchema = z.enum(SEGMENT_STATUSES as [string, ...string[]]);
const idSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/u, 'letters, digits, "-" and "_" only');
const milliseconds = z
  .number()
  .int()
  .min(0)
  .max(100 * 3600 * 1000);

function perLanguage<T extends z.ZodType>(value: T) {
  return z.strictObject({ en: value, ko: value, uk: value, ru: value });
}

function someLanguages<T extends z.ZodType>(value: T) {
  return z.strictObject({ en: value.optional(), ko: value.optional(), uk: value.optional(), ru: value.optional() });
}

/** An ASS style field or script-info value: one line of a script, without its line break. */
const assValue = z
  .string()
  .max(1000)
  .regex(/^[^\r\n]*$/u, 'one line');

/** The ASS script kept from an import (`AssScript`). */
const assScriptSchema = z.strictObject({
  info: z.array(z.tuple([assValue.regex(/^[^:]+$/u, 'a key without ":"'), assValue])).max(1000),
  styles: z
    .array(
      z.strictObject(
        Object.fromEntries(ASS_STYLE_FIELDS.map((field) => [field, assValue])) as Record<
          (typeof ASS_STYLE_FIELDS)[number],
          typeof assValue
        >,
      ),
    )
    .max(1000),
});

export const segmentSchema = z
  .strictObject({
    id: idSchema,
    paragraph: z.number().int().min(0),
    excluded: z.boolean().optional(),
    start: milliseconds.optional(),
    end: milliseconds.optional(),
    texts: perLanguage(z.string().max(100_000)),
    status: perLanguage(statusSchema),
    note: z.string().max(100_000).optional(),
    comments: z
      .array(
        z.strictObject({
          language: languageSchema,
          author: z.string().max(200),
          time: z.iso.datetime({ offset: true }),
          text: z.string().max(100_000),
        }),
      )
      .max(MAX_COMMENTS_PER_SEGMENT)
      .optional(),
    role: z.enum(SEGMENT_ROLES as [string, ...string[]]).optional(),
    confidence: z
      .strictObject({
        en: z.number().min(0).max(1).optional(),
        ko: z.number().min(0).max(1).optional(),
        uk: z.number().min(0).max(1).optional(),
        ru: z.number().min(0).max(1).optional(),
      })
      .optional(),
    assStyle: someLanguages(assValue).optional(),
  })
  .refine((s) => (s.start === undefined) === (s.end === undefined), {
    error: 'start and end must be given together',
    path: ['end'],
  })
  .refine((s) => s.start === undefined || s.end === undefined || s.end >= s.start, {
    error: 'end must not be before start',
    path: ['end'],
  });

function documentSchemaOf<S extends z.ZodType<{ readonly id: string }>>(segment: S) {
  return z
    .strictObject({
      id: idSchema,
      kind: z.enum(['transcript', 'article']),
      title: z.string().max(1000),
      sourceLanguage: languageSchema,
      media: z.strictObject({ path: z.string().min(1).max(4096) }).optional(),
      segments: z.array(segment).max(200_000),
      assScript: someLanguages(assScriptSchema).optional(),
    })
    .superRefine((document, context) => {
      if (document.media !== undefined && document.kind !== 'transcript') {
        context.addIssue({ code: 'custom', message: 'only a transcript can have media', path: ['media'] });
      }
      const seen = new Set<string>();
      document.segments.forEach((segment, index) => {
        if (seen.has(segment.id)) {
          context.addIssue({
            code: 'custom',
            message: `duplicate segment id "${segment.id}"`,
            path: ['segments', index, 'id'],
          });
        }
        seen.add(segment.id);
      });
    });
}

export const documentSchema = documentSchemaOf(segmentSchema);

/** The project's speaking rates for dubbing; the Speaking-rates dialog validates with it too. */
export const dubbingSettingsSchema = z.strictObject({
  rates: perLanguage(z.number().min(0.5).max(30)),
  tolerancePercent: z.number().min(0).max(500),
});

/** The project's subtitle rules; the Rules dialog validates with it too. */
export const rulesSettingsSchema = z.strictObject({
  languages: perLanguage(
    z.strictObject({ maxLineLength: z.number().positive().max(1000), maxCps: z.number().positive().max(1000) }),
  ),
  maxLines: z.number().int().min(1).max(10),
  minDurationMs: z.number().int().min(0).max(600_000),
  maxDurationMs: z.number().int().min(1).max(600_000),
  minGapFrames: z.number().int().min(0).max(1000),
});

const columnWeight = z.number().min(0.05).max(20).optional();

/** Which language columns the grid shows, and how wide. */
export const viewSettingsSchema = z.strictObject({
  hiddenLanguages: z.array(languageSchema).max(LANGUAGES.length).optional(),
  columnWeights: z.strictObject({ en: columnWeight, ko: columnWeight, uk: columnWeight, ru: columnWeight }).optional(),
});

function projectSchemaOf<D extends z.ZodType<{ readonly id: string }>>(document: D) {
  return z
    .strictObject({
      format: z.literal(PROJECT_FORMAT),
      version: z.literal(PROJECT_VERSION),
      requires: z.string().regex(/^\d+\.\d+\.\d+$/u, 'a release number like "0.2.0"'),
      title: z.string().max(1000),
      languages: z.array(languageSchema).min(1).max(LANGUAGES.length),
      frameRate: z.number().positive().max(1000),
      notes: z.array(z.string().max(100_000)).max(10_000),
      documents: z.array(document).max(1000),
      settings: z.strictObject({
        export: z
          .strictObject({
            documentIds: z.array(idSchema).max(1000),
            languages: z.array(languageSchema).max(LANGUAGES.length),
            format: z.enum(EXPORT_FORMAT_NAMES),
            secondLanguage: languageSchema.optional(),
            lineEnding: z.enum(['crlf', 'lf']),
            bom: z.boolean(),
            sourceLanguage: languageSchema.optional(),
            reviewOnlyFindings: z.boolean().optional(),
            reviewStatuses: z.array(statusSchema).max(SEGMENT_STATUSES.length).optional(),
            speakingTime: z.enum(['syllables', 'espeak']).optional(),
          })
          .optional(),
        dubbing: dubbingSettingsSchema.optional(),
        rules: rulesSettingsSchema.optional(),
        view: viewSettingsSchema.optional(),
      }),
    })
    .superRefine((project, context) => {
      const seen = new Set<string>();
      project.documents.forEach((document, index) => {
        if (seen.has(document.id)) {
          context.addIssue({
            code: 'custom',
            message: `duplicate document id "${document.id}"`,
            path: ['documents', index, 'id'],
          });
        }
        seen.add(document.id);
      });
    });
}

export const projectSchema = projectSchemaOf(documentSchema);

const LANGUAGE_SET: ReadonlySet<string> = new Set(LANGUAGES);
const STATUS_SET: ReadonlySet<string> = new Set(SEGMENT_STATUSES);
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/u;
const MAX_MILLISECONDS = 100 * 3600 * 1000;
/** The fields every row may have that `plainSegmentPasses` checks itself. */
const PLAIN_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'paragraph',
  'excluded',
  'start',
  'end',
  'texts',
  'status',
  'note',
]);
/** The other fields `segmentSchema` knows: a row that has one is checked by the schema itself. */
const RARE_FIELDS: ReadonlySet<string> = new Set(['comments', 'role', 'confidence', 'assStyle']);

/**
 * A value that is an object with exactly one field per language, each passing `passes`.
 * Read with `for…in` (a parsed row's fields are its own), so checking 20,000 rows allocates nothing.
 */
function perLanguagePasses(value: unknown, passes: (field: unknown) => boolean): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !LANGUAGE_SET.has(key)) return false;
    if (!passes((value as Record<string, unknown>)[key])) return false;
    count++;
  }
  return count === LANGUAGES.length;
}

const textPasses = (value: unknown): boolean => typeof value === 'string' && value.length <= 100_000;
const statusPasses = (value: unknown): boolean => typeof value === 'string' && STATUS_SET.has(value);
const millisecondsPass = (value: unknown): boolean =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_MILLISECONDS;

/**
 * Whether a row certainly passes `segmentSchema`, found without zod.
 *
 * Opening a 20,000-row project spent most of its validation in zod's
 * per-field machinery. This check reads a row's usual fields directly and
 * hands a row with any rarer field (comments, role, confidence, ASS style)
 * to the schema itself. It only ever says yes to what the schema accepts;
 * any doubt (a wrong value, an unknown field) is a no, and the whole project
 * is then checked by the schema, which names the problem.
 */
function plainSegmentPasses(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const segment = value as Record<string, unknown>;
  let rare = false;
  for (const key in segment) {
    if (!Object.hasOwn(segment, key)) return false;
    if (RARE_FIELDS.has(key)) rare = true;
    else if (!PLAIN_FIELDS.has(key)) return false;
  }
  const { id, paragraph, excluded, start, end, note } = segment;
  if (typeof id !== 'string' || id.length < 1 || id.length > 100 || !ID_PATTERN.test(id)) return false;
  if (!Number.isSafeInteger(paragraph) || (paragraph as number) < 0) return false;
  if (excluded !== undefined && typeof excluded !== 'boolean') return false;
  if (start !== undefined || end !== undefined) {
    if (!millisecondsPass(start) || !millisecondsPass(end) || (end as number) < (start as number)) return false;
  }
  if (note !== undefined && !textPasses(note)) return false;
  if (!perLanguagePasses(segment['texts'], textPasses) || !perLanguagePasses(segment['status'], statusPasses)) {
    return false;
  }
  return !rare || segmentSchema.safeParse(value).success;
}

/**
 * Checks a value against `projectSchema`, quickly when it is a usual project.
 *
 * The rows of a usual project are checked without zod (see
 * `plainSegmentPasses`, with the limits and the unique ids the document
 * schema asks for) and come back as they were given; the rest of the project
 * is checked by `projectSchema` itself, with its documents' rows left out.
 * Anything in doubt runs the whole schema, so the result, and the first
 * problem reported, are those of `projectSchema.safeParse`.
 */
export function safeParseProject(value: unknown): ReturnType<typeof projectSchema.safeParse> {
  return quickParseProject(value) ?? projectSchema.safeParse(value);
}

/** The largest number of rows a document may have (`documentSchemaOf`). */
const MAX_ROWS = 200_000;

/** `safeParseProject`'s quick way: the result when it is certainly `projectSchema`'s success, else undefined. */
function quickParseProject(value: unknown): ReturnType<typeof projectSchema.safeParse> | undefined {
  if (!isRecord(value) || !Array.isArray(value['documents'])) return undefined;
  const rowsOf: Array<ReadonlyArray<unknown>> = [];
  const documents: unknown[] = [];
  for (const document of value['documents'] as ReadonlyArray<unknown>) {
    if (!isRecord(document)) return undefined;
    const rows = document['segments'];
    if (!Array.isArray(rows) || rows.length > MAX_ROWS) return undefined;
    const ids = new Set<string>();
    for (const row of rows as ReadonlyArray<unknown>) {
      if (!plainSegmentPasses(row)) return undefined;
      const { id } = row as { readonly id: string };
      if (ids.has(id)) return undefined;
      ids.add(id);
    }
    rowsOf.push(rows);
    documents.push({ ...document, segments: [] });
  }
  const result = projectSchema.safeParse({ ...value, documents });
  if (!result.success) return undefined;
  // The parsed documents are zod's own new objects: their rows are put back in place.
  result.data.documents.forEach((document, index) => {
    (document as { segments: ReadonlyArray<unknown> }).segments = rowsOf[index] ?? [];
  });
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A problem with a project's content, naming the field it is in. */
export class ProjectFormatError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly problem: Problem = { code: 'invalid-project', params: { field, detail: message } },
  ) {
    super(field === '' ? message : `${field}: ${message}`);
    this.name = 'ProjectFormatError';
  }
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/**
 * Checks an already-parsed JSON value and returns it as a project.
 *
 * Throws `ProjectFormatError` for the first problem found, with the dotted
 * path of the field ("documents[1].segments[4].texts.ko"). A file of a newer
 * format version is refused with the version it needs rather than a list of
 * unknown fields.
 */
export function validateProject(value: unknown): Project {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProjectFormatError('not a Subrelay project (expected a JSON object)', '', { code: 'not-project' });
  }
  const record = value as Record<string, unknown>;
  if (record['format'] !== PROJECT_FORMAT) {
    throw new ProjectFormatError('not a Subrelay project (expected "format": "subrelay")', 'format', {
      code: 'not-project',
    });
  }
  const version = record['version'];
  if (typeof version === 'number' && Number.isInteger(version) && version > PROJECT_VERSION) {
    const requires = typeof record['requires'] === 'string' ? record['requires'].slice(0, 20) : undefined;
    const needed = requires ?? `> ${FORMAT_REQUIRES[PROJECT_VERSION] ?? ''}`;
    throw new ProjectFormatError(
      `needs ${requires === undefined ? 'a newer Subrelay' : `Subrelay ${requires} or later`} (it uses project format ${version}; this Subrelay reads formats up to ${PROJECT_VERSION}, written by Subrelay ${FORMAT_REQUIRES[PROJECT_VERSION] ?? ''} and later)`,
      'version',
      { code: 'newer-version', params: { requires: needed, version } },
    );
  }
  const result = safeParseProject(migrateProject(value).value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ProjectFormatError(issue?.message ?? 'invalid project', fieldPath(issue?.path ?? []));
  }
  return result.data as Project;
}

/** Parses the text of a `.subrelay` file; see `validateProject`. */
export function parseProject(text: string): Project {
  return readProjectText(text).project;
}

/**
 * Parses the text of a `.subrelay` file (see `validateProject`) and says
 * whether the project is exactly the JSON the text holds: nothing migrated,
 * given a default or left out. Then the text itself can stand for the
 * project, for instance sent as it is instead of written out again.
 */
export function readProjectText(text: string): { readonly project: Project; readonly asWritten: boolean } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ProjectFormatError(`not valid JSON (${detail})`, '', { code: 'not-json', params: { detail } });
  }
  const project = validateProject(value);
  return { project, asWritten: sameJsonValue(value, project) };
}

/**
 * Whether two JSON values hold the same: the same keys with the same values,
 * arrays of the same length and order. A part that is the same object in both
 * is not looked into, so a validated project whose rows came back as they were
 * read is compared in time proportional to its rows, not to its text.
 */
export function sameJsonValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!sameJsonValue(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(right, key) || !sameJsonValue(left[key], right[key])) return false;
  }
  return true;
}
