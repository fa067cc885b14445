import type { Problem } from '../api/problems';
import { projectSchema } from '../model/schema';
import type { Project } from '../model/project';
import { serializeProject } from '../model/serialize';
import { UsecaseError } from './usecaseError';

/** The largest project file Subrelay opens (the reader refuses bigger ones before reading them). */
export const MAX_PROJECT_FILE_BYTES = 200 * 1024 * 1024;

/** A text's UTF-8 size without encoding it. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** An upper bound of the serialized size: every character at its widest, plus generous room for the JSON around it. */
function sizeBound(project: Project): number {
  let bound = 64 * 1024 + project.notes.reduce((sum, note) => sum + note.length * 6, 0);
  for (const document of project.documents) {
    bound += 1024 + document.title.length * 6;
    for (const segment of document.segments) {
      bound += 600 + (segment.note?.length ?? 0) * 6;
      for (const comment of segment.comments ?? []) bound += 200 + (comment.author.length + comment.text.length) * 6;
      for (const text of Object.values(segment.texts)) bound += text.length * 6;
    }
  }
  return bound;
}

function problemOf(project: Project, path: ReadonlyArray<PropertyKey>, message: string, maximum: unknown): Problem {
  const [top, documentIndex, inDocument, segmentIndex, field, language] = path;
  const document =
    top === 'documents' && typeof documentIndex === 'number' ? project.documents[documentIndex] : undefined;
  const segment =
    document !== undefined && inDocument === 'segments' && typeof segmentIndex === 'number'
      ? document.segments[segmentIndex]
      : undefined;
  const limit = typeof maximum === 'number' || typeof maximum === 'bigint' ? Number(maximum) : undefined;
  if (document !== undefined && segment !== undefined && limit !== undefined) {
    const where = { document: document.id, segment: segment.id };
    if (field === 'texts' && typeof language === 'string') {
      return {
        code: 'limit-text',
        params: { ...where, language, limit, length: segment.texts[language as 'en'].length },
      };
    }
    if (field === 'note') return { code: 'limit-note', params: { ...where, limit } };
    if (field === 'start' || field === 'end')
      return { code: 'limit-time', params: { ...where, hours: limit / 3_600_000 } };
  }
  if (document !== undefined && inDocument === 'segments' && path.length === 3 && limit !== undefined) {
    return { code: 'limit-segments', params: { document: document.id, count: document.segments.length, limit } };
  }
  if (top === 'documents' && path.length === 1 && limit !== undefined) {
    return { code: 'limit-documents', params: { count: project.documents.length, limit } };
  }
  const field_ = path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
  return { code: 'limit-project', params: { field: field_, detail: message } };
}

/**
 * Checks that Subrelay can open a project again, before anything saves it.
 *
 * Runs the project schema (the same the reader runs) and the file size
 * limit, and throws a `UsecaseError` whose problem names the limit broken
 * (`limit-text`: a cell over 100,000 characters, `limit-time`: a time past
 * 100 hours, `limit-segments`: more than 200,000 rows, …). Every use case
 * calls it on its result, so a result that would break a limit is refused
 * rather than written and found unreadable at the next open.
 */
export function checkProjectLimits(project: Project): Project {
  const result = projectSchema.safeParse(project);
  if (!result.success) {
    const issue = result.error.issues[0];
    const maximum = issue !== undefined && 'maximum' in issue ? issue.maximum : undefined;
    throw new UsecaseError(problemOf(project, issue?.path ?? [], issue?.message ?? 'invalid', maximum));
  }
  if (sizeBound(project) > MAX_PROJECT_FILE_BYTES) {
    const bytes = utf8Bytes(serializeProject(project));
    if (bytes > MAX_PROJECT_FILE_BYTES) {
      throw new UsecaseError({
        code: 'limit-project',
        params: { field: 'file size', detail: `${bytes} bytes; the limit is ${MAX_PROJECT_FILE_BYTES} bytes` },
      });
    }
  }
  return project;
}
