import { js2tmx } from 'tmexchange';
import type { Language } from '../languages';
import type { Project, Segment, SegmentStatus, SubrelayDocument } from '../model/project';
import { xmlSafeText } from './xliff';

/**
 * TMX 1.4: a document's finished translations as a translation memory.
 *
 * Written by tmexchange's `js2tmx` (xml2js underneath, which escapes).
 * The root says `version="1.4"`: "1.4b" is the name of the spec, whose DTD
 * fixes the attribute to "1.4" (tmexchange's default of "1.4b" would not
 * validate). The header says creationtool "Subrelay", datatype "plaintext",
 * segtype "sentence", o-tmf "Subrelay" and adminlang "en"; there are no
 * dates, so the output is deterministic.
 *
 * tmexchange takes the units as an object keyed by tuid, so they come out
 * in document order except that JavaScript puts integer-like ids ("7",
 * "12") first, in numeric order. Segment ids are normally "q001"-like;
 * order carries no meaning in a translation memory anyway.
 */

export interface TmxWriteOptions {
  /** Subrelay's version for the header's `creationtoolversion` (src/ cannot read main/version.ts); "" writes "unknown". */
  readonly creationToolVersion: string;
}

/** Statuses whose text a translation memory may learn from (besides the source itself). */
const FINISHED: ReadonlySet<SegmentStatus> = new Set(['source', 'translated', 'reviewed', 'approved']);

/** The languages of one row worth putting in the memory: finished, non-empty texts. */
function variants(
  segment: Segment,
  languages: ReadonlyArray<Language>,
  sourceLanguage: Language,
): Array<[Language, string]> {
  return languages.flatMap((language): Array<[Language, string]> => {
    const text = xmlSafeText(segment.texts[language]);
    const finished = language === sourceLanguage || FINISHED.has(segment.status[language]);
    return text.trim() !== '' && finished ? [[language, text]] : [];
  });
}

/** The rows a memory of these languages holds: id and usable texts, at least two languages each. */
function memoryRows(
  document: SubrelayDocument,
  languages: ReadonlyArray<Language>,
): Array<readonly [string, Array<[Language, string]>]> {
  return document.segments
    .filter((segment) => segment.excluded !== true)
    .map((segment) => [segment.id, variants(segment, languages, document.sourceLanguage)] as const)
    .filter(([, usable]) => usable.length >= 2);
}

/**
 * How many `<tu>` a TMX of these languages would hold.
 *
 * Lets an export say "nothing finished yet" instead of writing an empty memory.
 */
export function tmxUnitCount(document: SubrelayDocument, languages: ReadonlyArray<Language>): number {
  return memoryRows(document, [...new Set(languages)]).length;
}

/**
 * Writes one document as TMX 1.4, one `<tu tuid>` per row with at least two usable languages.
 *
 * A language's text is used when it is not empty and is the source (the
 * document's source language, or status "source") or at least translated;
 * drafts stay out of the memory. Excluded rows are left out. Languages
 * outside the project's are ignored; the source language comes first in
 * each `<tu>`. When the document's source language is not among
 * `languages`, the header's `srclang` is `*all*`, as the spec asks.
 */
export function writeTmx(
  project: Project,
  document: SubrelayDocument,
  languages: ReadonlyArray<Language>,
  options: TmxWriteOptions,
): string {
  const chosen = [...new Set(languages)].filter((language) => project.languages.includes(language));
  const ordered = chosen.includes(document.sourceLanguage)
    ? [document.sourceLanguage, ...chosen.filter((language) => language !== document.sourceLanguage)]
    : chosen;
  // Built with fromEntries, so that no segment id can reach Object.prototype.
  const resources = Object.fromEntries(
    memoryRows(document, ordered).map(([id, usable]) => [id, Object.fromEntries(usable)]),
  );
  let xml = '';
  js2tmx(
    {
      version: '1.4',
      sourceLanguage: ordered.includes(document.sourceLanguage) ? document.sourceLanguage : '*all*',
      administrationLanguage: 'en',
      creationTool: 'Subrelay',
      // tmexchange would put its own version in place of an empty one.
      creationToolVersion: options.creationToolVersion.trim() === '' ? 'unknown' : options.creationToolVersion,
      datatype: 'plaintext',
      segtype: 'sentence',
      oTMF: 'Subrelay',
      resources,
    },
    { headless: false, pretty: true, indent: '  ', newline: '\n' },
    (error, result) => {
      if (error !== null) throw error;
      xml = result;
    },
  );
  return xml.endsWith('\n') ? xml : `${xml}\n`;
}
