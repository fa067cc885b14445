import { XMLBuilder } from 'fast-xml-parser';
import { assertNever, isLanguage, type Language } from '../languages';
import {
  SEGMENT_STATUSES,
  type Project,
  type Segment,
  type SegmentStatus,
  type SubrelayDocument,
} from '../model/project';
import { formatTimestamp } from '../time/timecode';
import { elements, parseXml as parseXmlRoot, XmlError, xmlSafeText, type XmlElement } from '../formats/xml';

export { xmlSafeText } from '../formats/xml';

/**
 * XLIFF 2.0 and 1.2: hand a document to a CAT tool and take its translations back.
 *
 * One file per document and target language. Unit ids are segment ids and
 * the file id (2.0) or `original` (1.2) is the document id, so a returned
 * file finds its rows again however the tool reorders them. The element
 * tree is built as plain objects and serialized by fast-xml-parser, which
 * escapes; no XML is concatenated by hand.
 *
 * Status mapping (Subrelay → XLIFF 2.0 `<segment state subState>`):
 * source → initial + subState `subrelay:source`, draft → initial +
 * `subrelay:draft`, translated → translated, reviewed → reviewed,
 * approved → final. Read back, `initial` without a Subrelay subState is draft.
 *
 * Status mapping (Subrelay → XLIFF 1.2 `<target state>`): source →
 * `x-subrelay-source`, draft → needs-review-translation, translated →
 * translated, reviewed → signed-off, approved → final plus `approved="yes"`
 * on the trans-unit. Read back, every `new` and `needs-*` state is draft, and
 * `approved="yes"` is approved whatever the state says.
 *
 * Texts: line breaks are written as "\n" (a "\r\n" or lone "\r" becomes
 * "\n", as any XML parser would make of it anyway) and characters XML 1.0
 * cannot carry (C0 controls other than tab and line feed, lone surrogates,
 * U+FFFE and U+FFFF) are left out; see `xmlSafeText`. `<source>`/`<target>`
 * (2.0) and `<trans-unit>` (1.2) carry `xml:space="preserve"` so that tools
 * keep spaces and line breaks.
 *
 * Notes: the segment's own note becomes a `<note>`; a second note (2.0
 * category "subrelay", 1.2 from "subrelay") tells the translator where the
 * row is: "time 00:00:01.000 – 00:00:04.000" for timed transcript rows,
 * "paragraph 3" (1-based, ", headline" for headlines) for articles. The
 * reviewers' comments on the target cell follow, one `<note>` each about
 * the target (2.0 `appliesTo="target"`, 1.2 `annotates="target"` and
 * `from` the author), worded "author (time): text". The document's title
 * is a file-level note. Notes are not read back.
 */

/** The XLIFF versions Subrelay writes and reads. */
export type XliffVersion = '2.0' | '1.2';

export interface XliffWriteOptions {
  readonly version: XliffVersion;
  /** The language written as `<source>`. */
  readonly source: Language;
  /** The language written as `<target>`, and changed on import. */
  readonly target: Language;
}

/** One translatable unit as read from an XLIFF file. */
export interface XliffUnit {
  readonly id: string;
  readonly source: string;
  /** Absent when the unit has no target, an empty one, or only some of its segments translated. */
  readonly target?: string | undefined;
  /** Absent when the file says nothing Subrelay can map to a status. */
  readonly status?: SegmentStatus | undefined;
}

export interface XliffFile {
  /** The 2.0 file id or the 1.2 `original`: a document id when Subrelay wrote the file. */
  readonly id: string;
  readonly units: ReadonlyArray<XliffUnit>;
}

/** What `readXliff` found in a file: languages and units, independent of the XLIFF version. */
export interface XliffContent {
  readonly version: XliffVersion;
  readonly sourceLanguage: Language;
  readonly targetLanguage: Language;
  readonly files: ReadonlyArray<XliffFile>;
}

/** One segment whose target text or status an import changed. */
export interface XliffChange {
  readonly documentId: string;
  readonly segmentId: string;
  readonly textBefore: string;
  readonly textAfter: string;
  readonly statusBefore: SegmentStatus;
  readonly statusAfter: SegmentStatus;
}

/** What `applyXliff` did, for the CLI and the import dialog to show. */
export interface XliffImportReport {
  /** Documents the file matched, in the file's order. */
  readonly documentIds: ReadonlyArray<string>;
  readonly language: Language;
  readonly changed: ReadonlyArray<XliffChange>;
  /** Matched units that left the segment as it was (including units without a target). */
  readonly unchanged: number;
  readonly unknownUnits: ReadonlyArray<{ readonly fileId: string; readonly unitId: string }>;
  readonly unknownFiles: ReadonlyArray<string>;
  /** Rows whose source text in the file differs from the project's; their target was applied anyway. */
  readonly sourceMismatches: ReadonlyArray<{ readonly documentId: string; readonly segmentId: string }>;
}

/** An XLIFF file Subrelay cannot read or apply; the message is one line. */
export class InterchangeFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterchangeFormatError';
  }
}

const XLIFF_20_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';
const XLIFF_12_NAMESPACE = 'urn:oasis:names:tc:xliff:document:1.2';

/* ----------------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------------- */

/** The fast-xml-parser builder's object shape: `@_` attributes, `#text` text, arrays repeat an element. */
type XmlTree = { readonly [name: string]: string | XmlTree | ReadonlyArray<XmlTree> };

// fast-xml-parser marks its builder deprecated in favour of fast-xml-builder, which it re-exports
// unchanged; fast-xml-parser is the dependency package.json declares.
// eslint-disable-next-line @typescript-eslint/no-deprecated
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
});

function serialize(root: XmlTree): string {
  const xml = builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, ...root });
  return xml.endsWith('\n') ? xml : `${xml}\n`;
}

/** Where the row sits, for the translator: its time in a transcript, its paragraph in an article. */
function contextNote(document: SubrelayDocument, segment: Segment): string | undefined {
  switch (document.kind) {
    case 'transcript':
      return segment.start !== undefined && segment.end !== undefined
        ? `time ${formatTimestamp(segment.start, '.')} – ${formatTimestamp(segment.end, '.')}`
        : undefined;
    case 'article':
      return `paragraph ${segment.paragraph + 1}${segment.role === 'headline' ? ', headline' : ''}`;
    default:
      return assertNever(document.kind, 'Unknown document kind');
  }
}

interface ExportRow {
  readonly segment: Segment;
  readonly source: string;
  readonly target: string;
  readonly status: SegmentStatus;
  readonly context: string | undefined;
  readonly note: string | undefined;
  /** The reviewers' comments on the target cell, as `from` (the author) and the note's text. */
  readonly comments: ReadonlyArray<{ readonly from: string; readonly text: string }>;
}

function exportRows(document: SubrelayDocument, options: XliffWriteOptions): ExportRow[] {
  if (options.source === options.target) {
    throw new InterchangeFormatError(`the XLIFF source and target language are both ${options.source}`);
  }
  const rows = document.segments
    .filter((segment) => segment.excluded !== true)
    .map((segment) => {
      const note = segment.note === undefined ? '' : xmlSafeText(segment.note);
      return {
        segment,
        source: xmlSafeText(segment.texts[options.source]),
        target: xmlSafeText(segment.texts[options.target]),
        status: segment.status[options.target],
        context: contextNote(document, segment),
        note: note.trim() === '' ? undefined : note,
        comments: (segment.comments ?? [])
          .filter((comment) => comment.language === options.target && comment.text.trim() !== '')
          .map((comment) => ({
            from: xmlSafeText(comment.author),
            text: xmlSafeText(`${comment.author} (${comment.time}): ${comment.text}`),
          })),
      };
    })
    .filter((row) => row.source !== '');
  if (rows.length === 0) {
    throw new InterchangeFormatError(`document "${document.id}" has no ${options.source} text to translate`);
  }
  return rows;
}

function xliff20State(status: SegmentStatus): { readonly state: string; readonly subState?: string } {
  switch (status) {
    case 'source':
    case 'draft':
      return { state: 'initial', subState: `subrelay:${status}` };
    case 'translated':
      return { state: 'translated' };
    case 'reviewed':
      return { state: 'reviewed' };
    case 'approved':
      return { state: 'final' };
    default:
      return assertNever(status, 'Unknown segment status');
  }
}

function xliff12State(status: SegmentStatus): string {
  switch (status) {
    case 'source':
      return 'x-subrelay-source';
    case 'draft':
      return 'needs-review-translation';
    case 'translated':
      return 'translated';
    case 'reviewed':
      return 'signed-off';
    case 'approved':
      return 'final';
    default:
      return assertNever(status, 'Unknown segment status');
  }
}

function xliff20Unit(row: ExportRow): XmlTree {
  const notes = [
    ...(row.note !== undefined ? [{ '#text': row.note }] : []),
    ...(row.context !== undefined ? [{ '@_category': 'subrelay', '#text': row.context }] : []),
    ...row.comments.map((comment) => ({ '@_appliesTo': 'target', '#text': comment.text })),
  ];
  // A unit without a target is untranslated whatever its status says.
  const state = row.target === '' ? { state: 'initial' } : xliff20State(row.status);
  return {
    '@_id': row.segment.id,
    ...(notes.length > 0 ? { notes: { note: notes } } : {}),
    segment: {
      '@_state': state.state,
      ...(state.subState !== undefined ? { '@_subState': state.subState } : {}),
      source: { '@_xml:space': 'preserve', '#text': row.source },
      ...(row.target !== '' ? { target: { '@_xml:space': 'preserve', '#text': row.target } } : {}),
    },
  };
}

function xliff12Unit(row: ExportRow): XmlTree {
  const notes = [
    ...(row.note !== undefined ? [{ '#text': row.note }] : []),
    ...(row.context !== undefined ? [{ '@_from': 'subrelay', '#text': row.context }] : []),
    ...row.comments.map((comment) => ({ '@_from': comment.from, '@_annotates': 'target', '#text': comment.text })),
  ];
  const approved = row.target !== '' && row.status === 'approved';
  return {
    '@_id': row.segment.id,
    ...(approved ? { '@_approved': 'yes' } : {}),
    '@_xml:space': 'preserve',
    source: { '#text': row.source },
    ...(row.target !== '' ? { target: { '@_state': xliff12State(row.status), '#text': row.target } } : {}),
    ...(notes.length > 0 ? { note: notes } : {}),
  };
}

/**
 * Writes one document's rows for one target language as XLIFF 2.0 or 1.2.
 *
 * Excluded rows and rows without source text are left out; a row without a
 * target text gets no `<target>`. The output is deterministic (no dates), so
 * it can be compared byte for byte. Throws `InterchangeFormatError` when the
 * source and target language are the same or no row has source text (an
 * XLIFF 2.0 file must hold at least one unit). `project` is taken for
 * symmetry with the other exporters; the file needs nothing else from it.
 */
export function writeXliff(project: Project, document: SubrelayDocument, options: XliffWriteOptions): string {
  const rows = exportRows(document, options);
  const title = xmlSafeText(document.title);
  switch (options.version) {
    case '2.0':
      return serialize({
        xliff: {
          '@_xmlns': XLIFF_20_NAMESPACE,
          '@_version': '2.0',
          '@_srcLang': options.source,
          '@_trgLang': options.target,
          file: {
            '@_id': document.id,
            '@_original': document.id,
            // Units are Subrelay's rows: a tool that split them could not be imported back.
            '@_canResegment': 'no',
            ...(title.trim() !== '' ? { notes: { note: [{ '@_category': 'title', '#text': title }] } } : {}),
            unit: rows.map(xliff20Unit),
          },
        },
      });
    case '1.2':
      return serialize({
        xliff: {
          '@_version': '1.2',
          '@_xmlns': XLIFF_12_NAMESPACE,
          file: {
            '@_original': document.id,
            '@_source-language': options.source,
            '@_target-language': options.target,
            '@_datatype': 'plaintext',
            ...(title.trim() !== ''
              ? { header: { note: [{ '@_from': 'subrelay', '#text': `document title: ${title}` }] } }
              : {}),
            body: { 'trans-unit': rows.map(xliff12Unit) },
          },
        },
      });
    default:
      return assertNever(options.version, 'Unknown XLIFF version');
  }
}

/* ----------------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------------- */

function parseXml(text: string): XmlElement {
  let root: XmlElement;
  try {
    root = parseXmlRoot(text, 'XLIFF');
  } catch (error) {
    if (error instanceof XmlError) throw new InterchangeFormatError(error.message);
    throw error;
  }
  if (root.name !== 'xliff')
    throw new InterchangeFormatError(`not an XLIFF file (no <xliff> root; found <${root.name}>)`);
  return root;
}

function languageOf(code: string | undefined, what: string): Language {
  if (code === undefined || code.trim() === '') throw new InterchangeFormatError(`the XLIFF names no ${what} language`);
  const primary = code.trim().split(/[-_]/u)[0]?.toLowerCase() ?? '';
  if (!isLanguage(primary)) {
    throw new InterchangeFormatError(`${what} language "${code}" is not one of en, ko, uk, ru`);
  }
  return primary;
}

/** Text content of an inline-markup element; `skip` names the elements whose content is native code, not text. */
function flatten(node: XmlElement, skip: ReadonlySet<string>): string {
  return node.children
    .map((child) => {
      if (child.kind === 'text') return child.text;
      if (skip.has(child.name)) return '';
      if (child.name === 'cp') {
        const code = Number.parseInt(child.attributes.get('hex') ?? '', 16);
        return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      return flatten(child, skip);
    })
    .join('');
}

/** XLIFF 2.0 codes are empty elements; `<pc>` and `<mrk>` wrap text, and are read through. */
const XLIFF_20_CODES: ReadonlySet<string> = new Set(['ph', 'sc', 'ec', 'sm', 'em']);
/** XLIFF 1.2 `<ph>`, `<bpt>`, `<ept>` and `<it>` hold the original's native codes, not text. */
const XLIFF_12_CODES: ReadonlySet<string> = new Set(['ph', 'bpt', 'ept', 'it', 'x', 'bx', 'ex']);

const STATUS_RANK: ReadonlyMap<SegmentStatus, number> = new Map(
  SEGMENT_STATUSES.map((status, index) => [status, index]),
);

function lowestStatus(statuses: ReadonlyArray<SegmentStatus | undefined>): SegmentStatus | undefined {
  if (statuses.some((status) => status === undefined)) return undefined;
  return (statuses as ReadonlyArray<SegmentStatus>).reduce<SegmentStatus | undefined>(
    (lowest, status) =>
      lowest === undefined || (STATUS_RANK.get(status) ?? 0) < (STATUS_RANK.get(lowest) ?? 0) ? status : lowest,
    undefined,
  );
}

function statusFrom20(state: string | undefined, subState: string | undefined): SegmentStatus | undefined {
  switch (state ?? 'initial') {
    case 'initial':
      return subState === 'subrelay:source' ? 'source' : 'draft';
    case 'translated':
      return 'translated';
    case 'reviewed':
      return 'reviewed';
    case 'final':
      return 'approved';
    default:
      return undefined;
  }
}

function statusFrom12(state: string | undefined, approved: string | undefined): SegmentStatus | undefined {
  if (approved === 'yes') return 'approved';
  if (state === undefined) return undefined;
  if (state === 'x-subrelay-source') return 'source';
  if (state === 'new' || state.startsWith('needs-')) return 'draft';
  if (state === 'translated') return 'translated';
  if (state === 'signed-off') return 'reviewed';
  if (state === 'final') return 'approved';
  return undefined;
}

/** Walks `<group>`s down to the units, in document order. */
function unitsUnder(node: XmlElement, unitName: string): XmlElement[] {
  return elements(node).flatMap((child) =>
    child.name === unitName ? [child] : child.name === 'group' ? unitsUnder(child, unitName) : [],
  );
}

interface UnitCounter {
  count: number;
}

function unitId(unit: XmlElement, counter: UnitCounter, seen: Set<string>, fileId: string): string {
  counter.count++;
  const id = unit.attributes.get('id');
  if (id === undefined || id === '') throw new InterchangeFormatError(`unit ${counter.count} has no id`);
  if (seen.has(id)) throw new InterchangeFormatError(`unit "${id}" appears twice in file "${fileId}"`);
  seen.add(id);
  return id;
}

function read20Unit(unit: XmlElement, id: string): XliffUnit {
  let source = '';
  let target = '';
  let translated = true;
  const statuses: Array<SegmentStatus | undefined> = [];
  for (const part of elements(unit)) {
    if (part.name !== 'segment' && part.name !== 'ignorable') continue;
    const partSource = elements(part, 'source')[0];
    const partTarget = elements(part, 'target')[0];
    const sourceText = partSource === undefined ? '' : flatten(partSource, XLIFF_20_CODES);
    source += sourceText;
    if (part.name === 'ignorable') {
      // Ignorable whitespace between segments: its target, when missing, is its source.
      target += partTarget === undefined ? sourceText : flatten(partTarget, XLIFF_20_CODES);
      continue;
    }
    if (partTarget === undefined) translated = false;
    else target += flatten(partTarget, XLIFF_20_CODES);
    statuses.push(statusFrom20(part.attributes.get('state'), part.attributes.get('subState')));
  }
  const hasTarget = translated && statuses.length > 0 && target !== '';
  const status = hasTarget ? lowestStatus(statuses) : undefined;
  return { id, source, ...(hasTarget ? { target } : {}), ...(status !== undefined ? { status } : {}) };
}

function read20(root: XmlElement): XliffContent {
  const sourceLanguage = languageOf(root.attributes.get('srcLang'), 'source');
  const targetLanguage = languageOf(root.attributes.get('trgLang'), 'target');
  const counter = { count: 0 };
  const fileIds = new Set<string>();
  const files = elements(root, 'file').map((file, index): XliffFile => {
    const id = file.attributes.get('id');
    if (id === undefined || id === '') throw new InterchangeFormatError(`file ${index + 1} has no id`);
    if (fileIds.has(id)) throw new InterchangeFormatError(`file "${id}" appears twice`);
    fileIds.add(id);
    const seen = new Set<string>();
    const units = unitsUnder(file, 'unit').map((unit) => read20Unit(unit, unitId(unit, counter, seen, id)));
    return { id, units };
  });
  return { version: '2.0', sourceLanguage, targetLanguage, files };
}

function read12(root: XmlElement): XliffContent {
  const fileElements = elements(root, 'file');
  const first = fileElements[0];
  if (first === undefined) throw new InterchangeFormatError('the XLIFF has no <file>');
  const sourceCode = first.attributes.get('source-language');
  const targetCode = first.attributes.get('target-language');
  const sourceLanguage = languageOf(sourceCode, 'source');
  const targetLanguage = languageOf(targetCode, 'target');
  const counter = { count: 0 };
  const fileIds = new Set<string>();
  const files = fileElements.map((file, index): XliffFile => {
    const id = file.attributes.get('original');
    if (id === undefined || id === '') throw new InterchangeFormatError(`file ${index + 1} has no original`);
    if (fileIds.has(id)) throw new InterchangeFormatError(`file "${id}" appears twice`);
    fileIds.add(id);
    if (languageOf(file.attributes.get('source-language'), 'source') !== sourceLanguage) {
      throw new InterchangeFormatError(`file "${id}" has another source language than the first file`);
    }
    if (languageOf(file.attributes.get('target-language'), 'target') !== targetLanguage) {
      throw new InterchangeFormatError(`file "${id}" has another target language than the first file`);
    }
    const seen = new Set<string>();
    const units = elements(file, 'body')
      .flatMap((body) => unitsUnder(body, 'trans-unit'))
      .map((unit): XliffUnit => {
        const unitIdentifier = unitId(unit, counter, seen, id);
        const sourceElement = elements(unit, 'source')[0];
        const targetElement = elements(unit, 'target')[0];
        const target = targetElement === undefined ? '' : flatten(targetElement, XLIFF_12_CODES);
        const status =
          target === ''
            ? undefined
            : statusFrom12(targetElement?.attributes.get('state'), unit.attributes.get('approved'));
        return {
          id: unitIdentifier,
          source: sourceElement === undefined ? '' : flatten(sourceElement, XLIFF_12_CODES),
          ...(target !== '' ? { target } : {}),
          ...(status !== undefined ? { status } : {}),
        };
      });
    return { id, units };
  });
  return { version: '1.2', sourceLanguage, targetLanguage, files };
}

/**
 * Reads an XLIFF 2.0 or 1.2 file (told apart by `version`, or else the namespace).
 *
 * XLIFF 2.1 is read as 2.0: its core is the same. Inline markup is read
 * through to its text; native codes (1.2 `<ph>`, `<bpt>`, ...) are dropped.
 * Language codes are BCP 47; only the primary subtag counts ("en-GB" is en).
 * A byte order mark is allowed; a DOCTYPE is refused, so no entity is ever
 * expanded. Every problem is an `InterchangeFormatError` with a one-line message.
 */
export function readXliff(text: string): XliffContent {
  const root = parseXml(text);
  const version = root.attributes.get('version');
  const namespace = root.attributes.get('xmlns');
  if (version === '2.0' || version === '2.1' || (version === undefined && namespace === XLIFF_20_NAMESPACE)) {
    return read20(root);
  }
  if (version === '1.2' || (version === undefined && namespace === XLIFF_12_NAMESPACE)) return read12(root);
  throw new InterchangeFormatError(
    `XLIFF version ${version === undefined ? '(none given)' : version} is not supported (1.2 and 2.0 are)`,
  );
}

/* ----------------------------------------------------------------------------
 * Applying
 * ------------------------------------------------------------------------- */

function withTarget(segment: Segment, language: Language, text: string, status: SegmentStatus): Segment {
  const textChanged = segment.texts[language] !== text;
  const { confidence, ...rest } = segment;
  const remaining =
    confidence === undefined
      ? undefined
      : Object.fromEntries(Object.entries(confidence).filter(([key]) => !textChanged || key !== language));
  return {
    ...rest,
    texts: { ...segment.texts, [language]: text },
    status: { ...segment.status, [language]: status },
    ...(remaining !== undefined && Object.keys(remaining).length > 0 ? { confidence: remaining } : {}),
  };
}

/**
 * Puts an XLIFF file's translations into the project.
 *
 * Files match documents by id and units match segments by id. Only the
 * target language's text and status change (and the aligner's confidence
 * in that cell, when the text changed); sources, notes, times and the
 * other languages are never touched. A unit without a target leaves its
 * segment alone. A unit without a status that changes the text makes it a
 * draft; one that keeps the text keeps the status. A unit whose source
 * differs from the project's is still applied, and listed. Returns the
 * same project object when nothing changed.
 *
 * Throws `InterchangeFormatError` when the target language is not one of
 * the project's, is the file's source language, or is the source language
 * of a document the file matches (an import never rewrites source texts).
 */
export function applyXliff(
  project: Project,
  content: XliffContent,
): { readonly project: Project; readonly report: XliffImportReport } {
  const language = content.targetLanguage;
  if (!project.languages.includes(language)) {
    throw new InterchangeFormatError(
      `the XLIFF's target language ${language} is not one of the project's languages (${project.languages.join(', ')})`,
    );
  }
  if (language === content.sourceLanguage) {
    throw new InterchangeFormatError(`the XLIFF's source and target language are both ${language}`);
  }
  const changed: XliffChange[] = [];
  const unknownUnits: Array<{ fileId: string; unitId: string }> = [];
  const unknownFiles: string[] = [];
  const sourceMismatches: Array<{ documentId: string; segmentId: string }> = [];
  const documentIds: string[] = [];
  const replaced = new Map<string, SubrelayDocument>();
  let unchanged = 0;

  for (const file of content.files) {
    const document = replaced.get(file.id) ?? project.documents.find((d) => d.id === file.id);
    if (document === undefined) {
      unknownFiles.push(file.id);
      continue;
    }
    if (document.sourceLanguage === language) {
      throw new InterchangeFormatError(
        `${language} is the source language of document "${document.id}"; an XLIFF import does not change source texts`,
      );
    }
    if (!documentIds.includes(document.id)) documentIds.push(document.id);
    const updates = new Map<string, Segment>();
    const byId = new Map(document.segments.map((segment) => [segment.id, segment]));
    for (const unit of file.units) {
      const segment = byId.get(unit.id);
      if (segment === undefined) {
        unknownUnits.push({ fileId: file.id, unitId: unit.id });
        continue;
      }
      if (unit.source !== xmlSafeText(segment.texts[content.sourceLanguage])) {
        sourceMismatches.push({ documentId: document.id, segmentId: segment.id });
      }
      const textBefore = segment.texts[language];
      const statusBefore = segment.status[language];
      if (unit.target === undefined) {
        unchanged++;
        continue;
      }
      // The writer's own normalization (line breaks, forbidden characters) is no change.
      const textAfter = unit.target === xmlSafeText(textBefore) ? textBefore : unit.target;
      const statusAfter = unit.status ?? (textAfter !== textBefore ? 'draft' : statusBefore);
      if (textAfter === textBefore && statusAfter === statusBefore) {
        unchanged++;
        continue;
      }
      updates.set(segment.id, withTarget(segment, language, textAfter, statusAfter));
      changed.push({
        documentId: document.id,
        segmentId: segment.id,
        textBefore,
        textAfter,
        statusBefore,
        statusAfter,
      });
    }
    if (updates.size > 0) {
      replaced.set(document.id, {
        ...document,
        segments: document.segments.map((segment) => updates.get(segment.id) ?? segment),
      });
    }
  }

  const report: XliffImportReport = {
    documentIds,
    language,
    changed,
    unchanged,
    unknownUnits,
    unknownFiles,
    sourceMismatches,
  };
  if (replaced.size === 0) return { project, report };
  return {
    project: { ...project, documents: project.documents.map((d) => replaced.get(d.id) ?? d) },
    report,
  };
}

/** One English line per changed segment: "appeal q003 (ko): text changed, draft → translated". */
export function describeXliffReport(report: XliffImportReport): string[] {
  return report.changed.map((change) => {
    const what = [
      ...(change.textAfter !== change.textBefore ? ['text changed'] : []),
      ...(change.statusAfter !== change.statusBefore ? [`${change.statusBefore} → ${change.statusAfter}`] : []),
    ];
    return `${change.documentId} ${change.segmentId} (${report.language}): ${what.join(', ')}`;
  });
}

/** English warnings: files and units the project does not have, and sources that differ from the project's. */
export function describeXliffWarnings(report: XliffImportReport): string[] {
  return [
    ...report.unknownFiles.map((fileId) => `file "${fileId}" matches no document in the project; skipped`),
    ...report.unknownUnits.map((unit) => `${unit.fileId} ${unit.unitId}: no such segment in the project; skipped`),
    ...report.sourceMismatches.map(
      (row) =>
        `${row.documentId} ${row.segmentId}: the source text in the file differs from the project's; the translation was applied anyway`,
    ),
  ];
}

/** The summary line: "3 segments changed, 6 unchanged". */
export function summarizeXliffReport(report: XliffImportReport): string {
  const changed = report.changed.length;
  return `${changed} ${changed === 1 ? 'segment' : 'segments'} changed, ${report.unchanged} unchanged`;
}
