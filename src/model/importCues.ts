import type { Cue } from '../formats/cue';
import { LANGUAGES, type Language } from '../languages';
import type { Project, Segment, SubrelayDocument } from './project';

/** How imported cues find their segments. */
export type CueMatching = 'overlap' | 'order';

export interface CueImportReport {
  /** Cues that went into an existing segment. */
  readonly matched: number;
  /** Cues that matched no segment and got a new row of their own. */
  readonly added: number;
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function newSegment(id: string, language: Language, cue: Cue): Segment {
  const texts = { en: '', ko: '', uk: '', ru: '' };
  const status = { en: 'draft', ko: 'draft', uk: 'draft', ru: 'draft' } as const;
  const segment: Segment = {
    id,
    paragraph: 0,
    start: cue.start,
    end: cue.end,
    texts: { ...texts, [language]: cue.text },
    status,
  };
  return withAssStyle(segment, language, cue.style);
}

/** The segment with the ASS style its cue in this language was in (ASS imports only). */
function withAssStyle(segment: Segment, language: Language, style: string | undefined): Segment {
  if (style === undefined || segment.assStyle?.[language] === style) return segment;
  return { ...segment, assStyle: { ...segment.assStyle, [language]: style } };
}

function freshId(taken: Set<string>, base: string): string {
  for (let n = 1; ; n++) {
    const id = `${base}${String(n).padStart(3, '0')}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** A cell filled by an import: a draft, unless the text did not change (its status stays) or it is the source. */
function withImportedText(segment: Segment, language: Language, text: string): Segment {
  if (segment.texts[language] === text) return segment;
  return {
    ...segment,
    texts: { ...segment.texts, [language]: text },
    status: { ...segment.status, [language]: segment.status[language] === 'source' ? 'source' : 'draft' },
  };
}

/**
 * Puts a subtitle file's cues into one language column of a transcript.
 *
 * `overlap`: each cue goes to the timed segment it overlaps most (several
 * cues on one segment are joined with a line break); `order`: the n-th cue
 * goes to the n-th included segment (excluded rows are stepped over). A cue
 * that finds no segment gets a new row with its own start and end: placed
 * by start time with `overlap`, after the last included row with `order`
 * (order says nothing about time), so nothing in the file is dropped. A
 * filled cell becomes a draft, unless its text did not change (then its
 * status stays, so importing the same file twice costs no review) or it is
 * the document's source (it stays the source). A cue without text never
 * empties a filled cell. Returns the project unchanged with a report of zero
 * when there are no cues.
 */
export function importCuesIntoDocument(
  project: Project,
  documentId: string,
  language: Language,
  cues: ReadonlyArray<Cue>,
  matching: CueMatching,
): { readonly project: Project; readonly report: CueImportReport } {
  const document = project.documents.find((d) => d.id === documentId);
  if (document === undefined) throw new Error(`No document ${documentId}`);
  const included = document.segments.filter((s) => s.excluded !== true);
  const assigned = new Map<string, string[]>();
  /** The ASS style of the first cue that went into each segment. */
  const styles = new Map<string, string>();
  const orphans: Cue[] = [];
  cues.forEach((cue, index) => {
    let target: Segment | undefined;
    if (matching === 'order') {
      target = included[index];
    } else {
      let best = 0;
      for (const segment of included) {
        if (segment.start === undefined || segment.end === undefined) continue;
        const shared = overlap(cue, { start: segment.start, end: segment.end });
        if (shared > best) {
          best = shared;
          target = segment;
        }
      }
    }
    if (target === undefined) orphans.push(cue);
    else {
      assigned.set(target.id, [...(assigned.get(target.id) ?? []), cue.text]);
      if (cue.style !== undefined && !styles.has(target.id)) styles.set(target.id, cue.style);
    }
  });
  const taken = new Set(document.segments.map((s) => s.id));
  let segments: Segment[] = document.segments.map((segment) => {
    const texts = assigned.get(segment.id)?.filter((text) => text.trim() !== '');
    if (texts === undefined || texts.length === 0) return segment;
    return withAssStyle(withImportedText(segment, language, texts.join('\n')), language, styles.get(segment.id));
  });
  const lastIncluded = included[included.length - 1];
  // With `order`, cues past the last included row follow it, in the file's order.
  let orderAnchor =
    lastIncluded === undefined ? segments.length - 1 : segments.findIndex((s) => s.id === lastIncluded.id);
  for (const cue of orphans) {
    const fresh = newSegment(freshId(taken, 'c'), language, cue);
    const added: Segment =
      language === document.sourceLanguage ? { ...fresh, status: { ...fresh.status, [language]: 'source' } } : fresh;
    if (matching === 'order') {
      orderAnchor++;
      segments = [...segments.slice(0, orderAnchor), added, ...segments.slice(orderAnchor)];
      continue;
    }
    const at = segments.findIndex((s) => s.start !== undefined && s.start > cue.start);
    segments = at < 0 ? [...segments, added] : [...segments.slice(0, at), added, ...segments.slice(at)];
  }
  const updated: SubrelayDocument = { ...document, segments };
  return {
    project: { ...project, documents: project.documents.map((d) => (d.id === documentId ? updated : d)) },
    report: { matched: cues.length - orphans.length, added: orphans.length },
  };
}

/** A new transcript document made from a subtitle file, one segment per cue. */
export function documentFromCues(
  project: Project,
  title: string,
  language: Language,
  cues: ReadonlyArray<Cue>,
): { readonly project: Project; readonly documentId: string } {
  const taken = new Set(project.documents.map((d) => d.id));
  const base =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, '-')
      .replace(/^-+|-+$/gu, '') || 'subtitles';
  let documentId = base;
  for (let n = 2; taken.has(documentId); n++) documentId = `${base}-${n}`;
  const ids = new Set<string>();
  const document: SubrelayDocument = {
    id: documentId,
    kind: 'transcript',
    title,
    sourceLanguage: language,
    segments: cues.map((cue) => {
      const segment = newSegment(freshId(ids, 's'), language, cue);
      return {
        ...segment,
        status: Object.fromEntries(LANGUAGES.map((l) => [l, l === language ? 'source' : 'draft'])) as Segment['status'],
      };
    }),
  };
  return { project: { ...project, documents: [...project.documents, document] }, documentId };
}
