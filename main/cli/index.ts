import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExportFormat, ExportWarning } from '../../src/export/plan';
// The catalog is data only (no reader or writer), so the help can list the formats without loading them.
import { FORMAT_CATALOG } from '../../src/formats/catalog';
import { assertNever, isLanguage, LANGUAGES, type Language } from '../../src/languages';
import { PROJECT_VERSION, SEGMENT_STATUSES, type SegmentStatus } from '../../src/model/project';
// Each subcommand imports what it needs when it runs (`await import(…)`), so that `subrelay --version`
// and every other command load only their own code (the built CLI puts each in a chunk of its own).

/** The `version` a project file declares, read without validating the rest. */
function formatVersionOf(text: string): number | undefined {
  try {
    const value = (JSON.parse(text.replace(/^\uFEFF/u, '')) as { version?: unknown }).version;
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}
import { version } from '../version';

export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** A problem to report in the one-line form `subrelay: <file>: <what is wrong>`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The export formats in the help, one line each, from the registry's catalog. */
function formatHelp(): string {
  const lines = ['        auto         SRT for transcripts, plain text for articles (the default)'];
  for (const format of FORMAT_CATALOG) {
    const applies = format.documents === 'transcript' ? ' (transcripts)' : '';
    const name = format.id.padEnd(13);
    lines.push(`        ${name}${format.id.length > 12 ? '\n                     ' : ''}${format.summary}${applies}`);
  }
  return lines.join('\n');
}

/** The subtitle files `convert` and `import` read, as `file.srt|file.vtt|…`. */
function readableFiles(): string {
  return FORMAT_CATALOG.filter((format) => format.readable && format.convertible)
    .flatMap((format) => format.extensions.map((extension) => `file.${extension}`))
    .join('|');
}

/** What `convert --to` writes: every cue format of the catalog, and JSON. */
const CONVERT_TARGETS: ReadonlyArray<string> = [
  ...FORMAT_CATALOG.filter((format) => format.convertible).map((format) => format.id),
  'json',
];

const USAGE = `Usage: subrelay <command> [options]

Commands:
  export <project> --out DIR [--format FORMAT] [--lang en|ko|uk|ru|all]
                   [--line-ending crlf|lf] [--bom] [--second L] [--source L]
                   [--only-findings] [--status S[,S...]] [--speaking-time syllables|espeak]
      Writes DIR/<document>.<lang>.<ext> for every document the format applies to:
${formatHelp()}
  segment --lang en|ko|uk|ru <file|->
      Prints one sentence per line (paragraphs separated by an empty line).
  validate <project>
      Checks a project file; exits 1 with the problem on stderr.
  align SRC TGT [--from L] [--to L] [--presegmented] [--format ladder|tsv|json]
      Aligns two texts (languages guessed from their letters unless given).
      ladder: hunalign's rungs "i<TAB>j<TAB>confidence"; tsv: aligned text pairs;
      json: beads with indices, texts and confidence. --presegmented: one
      segment per line, kept as is (empty lines too).
  align PROJECT.subrelay TGT --document ID --to L [--from PIVOT] [--presegmented]
                   [--replace] [--accept none|merge|newRow|all]
      Fills a document's column from TGT, only in the stretch TGT covers, and saves
      the project (with a backup). Rows are never merged, added or emptied unless
      asked: prints the proposals (merges, new rows, rows without a sentence) and
      what it applied. --accept takes proposals (default none); --replace also
      empties covered cells that get no sentence.
  qa <project|file.srt|file.vtt> --lang L|all [--format text|json] [--fps N] [--document ID]
      Checks cues against subtitle rules (the project's own, or Netflix's); exits 1
      when any finding is an error. JSON: [{ "cue", "rule", "severity", "message" }].
  convert <${readableFiles()}> --to ${CONVERT_TARGETS.join('|')} [--lang L] [--encoding auto|LABEL]
      Reads any subtitle file (any encoding) and writes it to stdout.
  import <project> <${readableFiles()}> --document ID|new --lang L [--match overlap|order]
      Puts the cues into a transcript's column (or a new transcript) and saves.
  import <project> <file.xlf|file.xliff> [--dry-run]
      Takes back the target texts and statuses of an exported XLIFF (2.0 or 1.2),
      matched by document and segment id; prints what changed and saves.
  new <out.subrelay> [--article FILE] [--transcript FILE.srt|vtt|txt]
                   [--lang L | --article-lang L --transcript-lang L] [--title T]
      Starts a project: an article (segmented, paragraphs kept, page furniture
      excluded), a transcript (timed from SRT/WebVTT, untimed from text), both or
      neither. Languages are guessed from the letters unless given. Never
      overwrites an existing file.
  import <project> <file.xlf|file.xliff> [--dry-run]
      Takes back the target texts and statuses of an exported XLIFF (2.0 or 1.2),
      matched by document and segment id; prints what changed and saves.

Options: --debug (stack traces), --help, --version
`;

function languagesFrom(value: string | undefined): Language[] {
  if (value === undefined || value === 'all') return [...LANGUAGES];
  const languages = value.split(',').map((part) => part.trim());
  const wrong = languages.find((language) => !isLanguage(language));
  if (wrong !== undefined) throw new CliError(`--lang: "${wrong}" is not one of en, ko, uk, ru, all`, 2);
  return [...new Set(languages as Language[])];
}

function languageOption(name: string, value: string | undefined): Language | undefined {
  if (value !== undefined && !isLanguage(value))
    throw new CliError(`${name}: "${value}" is not one of en, ko, uk, ru`, 2);
  return value;
}

function statusesFrom(value: string | undefined): SegmentStatus[] | undefined {
  if (value === undefined) return undefined;
  const statuses = value.split(',').map((part) => part.trim());
  const wrong = statuses.find((status) => !(SEGMENT_STATUSES as ReadonlyArray<string>).includes(status));
  if (wrong !== undefined) throw new CliError(`--status: "${wrong}" is not one of ${SEGMENT_STATUSES.join(', ')}`, 2);
  return statuses as SegmentStatus[];
}

function isXliffFile(path: string): boolean {
  return /\.(xlf|xliff)$/iu.test(path);
}

async function runSubtitleCommand(
  command: 'runImport' | 'runConvert',
  args: string[],
  output: CliOutput,
): Promise<number> {
  const subtitles = await import('./subtitles');
  const { SubtitleUsageError } = subtitles;
  try {
    return await subtitles[command](args, output.stdout, output.stderr);
  } catch (error) {
    if (error instanceof SubtitleUsageError) throw new CliError(error.message, 2);
    throw error;
  }
}

/** One export warning as the CLI prints it, after `subrelay: <project>: warning: `. */
function describeWarning(warning: ExportWarning, format: ExportFormat): string {
  const where = `${warning.documentId} (${warning.language})${warning.segmentId !== undefined ? ` segment ${warning.segmentId}` : ''}`;
  switch (warning.code) {
    case 'untranslated':
      return `${where}: no translation, left out`;
    case 'untimed':
      return `${where}: no start or end time, left out`;
    case 'not-applicable':
      return `${where}: the ${format} format does not apply to this document`;
    case 'source-language':
      return `${where}: is the XLIFF source language, so it gets no file of its own`;
    case 'does-not-fit':
      return `${where}: takes longer to say than its slot allows`;
    case 'espeak-missing':
      return 'espeak-ng is not installed; speaking times are estimated from syllables';
    case 'no-source-text':
      return `${where}: the document has no text in this source language, so no XLIFF was written`;
    case 'nothing-finished':
      return `${warning.documentId}: no segment has two or more finished (translated, reviewed or approved) languages, so no TMX was written`;
    case 'language-not-supported':
      return `${where}: EBU STL's Teletext character table (ISO 6937) has no letters for this language, so no STL was written; export TTML or SRT instead`;
    case 'characters-replaced':
      return `${where}: EBU STL's Cyrillic table (ISO 8859-5) has no ${warning.characters ?? ''}: written as ${warning.writtenAs ?? ''}`;
    default:
      return assertNever(warning.code, 'Unknown export warning');
  }
}

function one(positionals: ReadonlyArray<string>, what: string): string {
  const [first, ...rest] = positionals;
  if (first === undefined) throw new CliError(`missing ${what}\n\n${USAGE}`, 2);
  if (rest.length > 0) throw new CliError(`unexpected argument "${rest[0]}"`, 2);
  return first;
}

/** A text file (or standard input) in any encoding the language suggests. */
async function readInput(file: string, language: Language): Promise<string> {
  const { FileError, readDecodedFile } = await import('../handlers/files');
  const { decodeText } = await import('../../src/text/decode');
  if (file !== '-') return (await readDecodedFile(file, { language })).text;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  try {
    return decodeText(Buffer.concat(chunks), { language }).text;
  } catch (error) {
    throw new FileError('<stdin>', error instanceof Error ? error.message : String(error), 'bad-file');
  }
}

async function runCommand(command: string | undefined, args: string[], output: CliOutput): Promise<number> {
  switch (command) {
    case 'validate': {
      const { positionals } = parseArgs({ args, allowPositionals: true, options: { debug: { type: 'boolean' } } });
      const file = one(positionals, 'the project file');
      const { MAX_PROJECT_BYTES, readProjectFileOfferingBackup, readTextFile } = await import('../handlers/files');
      const project = await readProjectFileOfferingBackup(file);
      const segments = project.documents.reduce((sum, d) => sum + d.segments.length, 0);
      const version = formatVersionOf(await readTextFile(file, MAX_PROJECT_BYTES));
      const migrated =
        version !== undefined && version < PROJECT_VERSION
          ? `; written in project format ${version}, read as format ${PROJECT_VERSION}: saving it upgrades the file`
          : '';
      output.stdout(`${file}: valid (${project.documents.length} documents, ${segments} segments${migrated})\n`);
      return 0;
    }
    case 'segment': {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { lang: { type: 'string' }, debug: { type: 'boolean' } },
      });
      const language = values.lang;
      if (language === undefined || !isLanguage(language)) {
        throw new CliError(`--lang: give one of en, ko, uk, ru`, 2);
      }
      const text = await readInput(one(positionals, 'the text file'), language);
      const { segmentText } = await import('../../src/segment/sentences');
      let paragraph: number | undefined;
      let lines = '';
      for (const sentence of segmentText(text, language)) {
        if (paragraph !== undefined && sentence.paragraph !== paragraph) lines += '\n';
        paragraph = sentence.paragraph;
        lines += `${sentence.text}\n`;
      }
      output.stdout(lines);
      return 0;
    }
    case 'export': {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          out: { type: 'string' },
          format: { type: 'string', default: 'auto' },
          lang: { type: 'string', default: 'all' },
          'line-ending': { type: 'string', default: 'crlf' },
          bom: { type: 'boolean', default: false },
          second: { type: 'string' },
          source: { type: 'string' },
          'only-findings': { type: 'boolean', default: false },
          status: { type: 'string' },
          'speaking-time': { type: 'string', default: 'syllables' },
          debug: { type: 'boolean' },
        },
      });
      const file = one(positionals, 'the project file');
      if (values.out === undefined) throw new CliError('--out: give the folder to write to', 2);
      const { EXPORT_FORMATS, planExport } = await import('../../src/export/plan');
      const { readProjectFile, writeFileAtomic, FileError } = await import('../handlers/files');
      const { measureExportLines } = await import('../handlers/speech');
      const format = values.format as ExportFormat;
      if (!EXPORT_FORMATS.includes(format))
        throw new CliError(`--format: "${values.format}" is not one of ${EXPORT_FORMATS.join(', ')}`, 2);
      const lineEnding = values['line-ending'];
      if (lineEnding !== 'crlf' && lineEnding !== 'lf')
        throw new CliError(`--line-ending: "${lineEnding}" is not crlf or lf`, 2);
      const languages = languagesFrom(values.lang);
      const second = languageOption('--second', values.second);
      const source = languageOption('--source', values.source);
      const statuses = statusesFrom(values.status);
      const speakingTime = values['speaking-time'];
      if (speakingTime !== 'syllables' && speakingTime !== 'espeak')
        throw new CliError(`--speaking-time: "${speakingTime}" is not syllables or espeak`, 2);
      const project = await readProjectFile(file);
      const request = {
        documentIds: project.documents.map((d) => d.id),
        languages: project.languages.filter((l) => languages.includes(l)),
        format,
        lineEnding,
        bom: values.bom,
        secondLanguage: second,
        sourceLanguage: source,
        reviewOnlyFindings: values['only-findings'],
        reviewStatuses: statuses,
        speakingTime,
        creatorVersion: version,
        exportedAt: new Date(),
      } as const;
      const speech = await measureExportLines(project, request);
      if (speech.espeakMissing) {
        output.stderr(
          `subrelay: ${file}: warning: espeak-ng is not installed; speaking times are estimated from syllables\n`,
        );
      }
      const plan = await planExport(project, { ...request, measuredMs: speech.measuredMs });
      const folder = resolve(values.out);
      try {
        await mkdir(folder, { recursive: true });
      } catch (error) {
        throw new FileError(folder, error instanceof Error ? error.message : String(error));
      }
      for (const planned of plan.files) {
        const target = join(folder, planned.name);
        await writeFileAtomic(target, planned.content);
        output.stdout(`${target}\n`);
      }
      for (const warning of plan.warnings) {
        output.stderr(`subrelay: ${file}: warning: ${describeWarning(warning, format)}\n`);
      }
      return 0;
    }
    case 'qa': {
      const { QaUsageError, runQa } = await import('./qa');
      try {
        return await runQa(args, output.stdout);
      } catch (error) {
        if (error instanceof QaUsageError) throw new CliError(error.message, 2);
        throw error;
      }
    }
    case 'import':
      // An XLIFF file coming back from a CAT tool; anything else is subtitles.
      if (args.some(isXliffFile)) return await (await import('./xliffImport')).runXliffImport(args, output);
      return await runSubtitleCommand('runImport', args, output);
    case 'convert':
      return await runSubtitleCommand('runConvert', args, output);
    case 'new': {
      const { runNew, NewUsageError } = await import('./newProject');
      try {
        return await runNew(args, output.stdout);
      } catch (error) {
        if (error instanceof NewUsageError) throw new CliError(error.message, 2);
        throw error;
      }
    }
    case 'align': {
      const { AlignUsageError, runAlign } = await import('./align');
      try {
        return await runAlign(args, output.stdout);
      } catch (error) {
        if (error instanceof AlignUsageError) throw new CliError(error.message, 2);
        throw error;
      }
    }
    default:
      throw new CliError(
        command === undefined ? `missing command\n\n${USAGE}` : `unknown command "${command}"\n\n${USAGE}`,
        2,
      );
  }
}

/**
 * Runs the `subrelay` command line and returns its exit code.
 *
 * Every failure is reported as one line on stderr, `subrelay: <file>: <what
 * is wrong>`, with the stack trace only under `--debug`.
 */
export async function runCli(argv: ReadonlyArray<string>, output: CliOutput): Promise<number> {
  const debug = argv.includes('--debug');
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    output.stdout(USAGE);
    return 0;
  }
  if (command === '--version') {
    output.stdout(`${version}\n`);
    return 0;
  }
  try {
    return await runCommand(command, rest, output);
  } catch (error) {
    if (debug && error instanceof Error) output.stderr(`${error.stack ?? error.message}\n`);
    // Loaded already if a command threw it; otherwise loading it here costs only on the way out.
    const { FileError } = await import('../handlers/files');
    if (error instanceof FileError) {
      const backup = error.backup !== undefined ? ` (its backup ${error.backup} is readable)` : '';
      output.stderr(`subrelay: ${error.file}: ${error.problem}${backup}\n`);
      return 1;
    }
    const { UsecaseError } = await import('../../src/usecases/usecaseError');
    if (error instanceof UsecaseError) {
      const { word } = await import('./words');
      const where = error.problem.file !== undefined ? `${error.problem.file}: ` : '';
      output.stderr(`subrelay: ${where}${await word(error.problem)}\n`);
      return 1;
    }
    if (error instanceof CliError) {
      output.stderr(`subrelay: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    output.stderr(`subrelay: ${message}\n`);
    return ((error as { code?: string }).code ?? '').startsWith('ERR_PARSE_ARGS_') ? 2 : 1;
  }
}
