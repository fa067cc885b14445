import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { FORMAT_CATALOG } from '../../src/formats/catalog';
import { formatEntry } from '../../src/formats/registry';
import { parseSubtitles, SubtitleParseError, type SubtitleDocument } from '../../src/formats/subtitleReader';
import { isLanguage, type Language } from '../../src/languages';
import { serializeProject } from '../../src/model/serialize';
import { importSubtitles } from '../../src/usecases/importSubtitles';
import { FileError, readDecodedFile, readProjectFile, writeFileAtomic } from '../handlers/files';
import { UsageError } from './usage';
import { aboutFile, say, word } from './words';

/** The frame rate `convert` assumes, as a new project does. */
const DEFAULT_FRAME_RATE = 24;

function languageOption(value: string | undefined, required: boolean): Language | undefined {
  if (value === undefined) {
    if (required) throw new UsageError('giveLanguage', { flag: '--lang' });
    return undefined;
  }
  if (!isLanguage(value)) throw new UsageError('notOneOf', { flag: '--lang', value, choices: 'en, ko, uk, ru' });
  return value;
}

/** Reads a subtitle file in any encoding; a broken file is a FileError naming the file and the line. */
export async function readSubtitleFile(
  file: string,
  language: Language | undefined,
  encoding: string | undefined,
  keepTags = false,
): Promise<SubtitleDocument & { readonly encoding: string }> {
  const decoded = await readDecodedFile(file, {
    language,
    encoding: encoding === undefined || encoding === 'auto' ? undefined : encoding,
  });
  try {
    return { ...parseSubtitles(decoded.text, { keepTags }), encoding: decoded.encoding };
  } catch (error) {
    if (error instanceof SubtitleParseError) {
      throw new FileError(file, `line ${error.line}: ${error.problem}`, 'bad-file', {
        problem: { code: 'bad-subtitles', params: { line: error.line, detail: error.problem } },
      });
    }
    throw error;
  }
}

/** Tells the user of every cue a reader left out (a malformed WebVTT cue), one line each. */
async function reportDropped(file: string, document: SubtitleDocument, warn: (text: string) => void): Promise<void> {
  for (const dropped of document.dropped) {
    const message = await say('cueLeftOut', { line: dropped.line, detail: dropped.problem });
    warn(`subrelay: ${file}: ${await say('warning', { message })}\n`);
  }
}

/** What `subrelay convert --to` writes: every cue format of the registry, and the cues as JSON. */
export const CONVERT_TARGETS: ReadonlyArray<string> = [
  ...FORMAT_CATALOG.filter((format) => format.convertible).map((format) => format.id),
  'json',
];

/** `subrelay convert FILE --to srt|vtt|…|json`: reads any subtitle file and writes it to stdout. */
export async function runConvert(
  args: string[],
  write: (text: string) => void,
  warn: (text: string) => void = () => undefined,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      lang: { type: 'string' },
      encoding: { type: 'string', default: 'auto' },
      'keep-tags': { type: 'boolean', default: false },
      debug: { type: 'boolean' },
    },
  });
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError('convertGiveFile');
  if (extra !== undefined) throw new UsageError('unexpected', { argument: extra });
  const to = values.to;
  const target = FORMAT_CATALOG.find((format) => format.convertible && format.id === to);
  if (to !== 'json' && target === undefined) {
    throw new UsageError('giveOneOf', { flag: '--to', choices: CONVERT_TARGETS.join(', ') });
  }
  const language = languageOption(values.lang, false);
  const document = await readSubtitleFile(file, language, values.encoding, values['keep-tags']);
  await reportDropped(file, document, warn);
  if (target === undefined) {
    write(`${JSON.stringify({ encoding: document.encoding, cues: document.cues }, null, 2)}\n`);
    return 0;
  }
  const writeCues = formatEntry(target.id).writeCues;
  if (writeCues === undefined) throw new Error(`The ${target.id} format has no cue writer`);
  // SRT goes to a terminal or a pipe, where LF is the custom; each format keeps its other defaults.
  const written = writeCues(document.cues, {
    lineEnding: target.id === 'srt' ? 'lf' : undefined,
    language: language ?? 'en',
    frameRate: DEFAULT_FRAME_RATE,
  });
  if (typeof written !== 'string') throw new UsageError('convertBinary', { format: target.id });
  write(written);
  return 0;
}

/**
 * `subrelay import PROJECT FILE --document ID --lang L`: puts a subtitle file into a project and saves it.
 *
 * `--document new` makes a new transcript document from the file instead.
 * The project is written atomically, with its previous version kept as
 * `.bak`; when reading the file fails, the project is not touched.
 */
export async function runImport(
  args: string[],
  write: (text: string) => void,
  warn: (text: string) => void = () => undefined,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      document: { type: 'string' },
      lang: { type: 'string' },
      match: { type: 'string', default: 'overlap' },
      encoding: { type: 'string', default: 'auto' },
      debug: { type: 'boolean' },
    },
  });
  const [projectFile, file, extra] = positionals;
  if (projectFile === undefined || file === undefined) throw new UsageError('importGiveFiles');
  if (extra !== undefined) throw new UsageError('unexpected', { argument: extra });
  if (values.document === undefined) throw new UsageError('importGiveDocument');
  const language = languageOption(values.lang, true) ?? 'en';
  const matching = values.match;
  if (matching !== 'overlap' && matching !== 'order') {
    throw new UsageError('notOneOf', { flag: '--match', value: matching, choices: 'overlap, order' });
  }
  const project = await readProjectFile(projectFile);
  const subtitles = await readSubtitleFile(file, language, values.encoding);
  await reportDropped(file, subtitles, warn);
  let imported;
  try {
    imported = importSubtitles(project, {
      documentId: values.document,
      title: basename(file, extname(file)),
      language,
      cues: subtitles.cues,
      matching,
    });
  } catch (error) {
    throw aboutFile(error, projectFile);
  }
  await writeFileAtomic(projectFile, serializeProject(imported.project), { backup: true });
  for (const message of imported.report.messages) write(`${projectFile}: ${await word(message)}\n`);
  return 0;
}
