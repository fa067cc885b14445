import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, planExport, type ExportFormat } from '../../src/export/plan';
import { isLanguage, LANGUAGES, type Language } from '../../src/languages';
import { segmentText } from '../../src/segment/sentences';
import { decodeText } from '../../src/text/decode';
import { PROJECT_VERSION } from '../../src/model/project';
import {
  FileError,
  MAX_PROJECT_BYTES,
  readProjectFile,
  readDecodedFile,
  readProjectFileOfferingBackup,
  readTextFile,
  writeFileAtomic,
} from '../handlers/files';

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
import { AlignUsageError, runAlign } from './align';
import { QaUsageError, runQa } from './qa';
import { runConvert, runImport, SubtitleUsageError } from './subtitles';

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

const USAGE = `Usage: subrelay <command> [options]

Commands:
  export <project> --out DIR [--format auto|srt|vtt|srt-bilingual|txt]
                   [--lang en|ko|uk|ru|all] [--second L] [--line-ending crlf|lf] [--bom]
      Writes DIR/<document>.<lang>.srt for transcripts and DIR/<document>.<lang>.txt
      for articles (auto, the default); srt and vtt export transcripts only; txt all.
      srt-bilingual writes DIR/<document>.<lang>+<second>.srt, the second language
      under each cue (English by default; Korean under English).
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
      Fills a document's column from TGT and saves the project (with a backup).
  qa <project|file.srt|file.vtt> --lang L|all [--format text|json] [--fps N] [--document ID]
      Checks cues against subtitle rules (the project's own, or Netflix's); exits 1
      when any finding is an error. JSON: [{ "cue", "rule", "severity", "message" }].
  convert <file.srt|file.vtt> --to srt|vtt|json [--lang L] [--encoding auto|LABEL]
      Reads any SRT or WebVTT (any encoding) and writes it to stdout.
  import <project> <file.srt|file.vtt> --document ID|new --lang L [--match overlap|order]
      Puts the cues into a transcript's column (or a new transcript) and saves.

Options: --debug (stack traces), --help, --version
`;

function languagesFrom(value: string | undefined): Language[] {
  if (value === undefined || value === 'all') return [...LANGUAGES];
  const languages = value.split(',').map((part) => part.trim());
  const wrong = languages.find((language) => !isLanguage(language));
  if (wrong !== undefined) throw new CliError(`--lang: "${wrong}" is not one of en, ko, uk, ru, all`, 2);
  return [...new Set(languages as Language[])];
}

function one(positionals: ReadonlyArray<string>, what: string): string {
  const [first, ...rest] = positionals;
  if (first === undefined) throw new CliError(`missing ${what}\n\n${USAGE}`, 2);
  if (rest.length > 0) throw new CliError(`unexpected argument "${rest[0]}"`, 2);
  return first;
}

/** A text file (or standard input) in any encoding the language suggests. */
async function readInput(file: string, language: Language): Promise<string> {
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
          debug: { type: 'boolean' },
        },
      });
      const file = one(positionals, 'the project file');
      if (values.out === undefined) throw new CliError('--out: give the folder to write to', 2);
      const format = values.format as ExportFormat;
      if (!EXPORT_FORMATS.includes(format))
        throw new CliError(`--format: "${values.format}" is not one of ${EXPORT_FORMATS.join(', ')}`, 2);
      const lineEnding = values['line-ending'];
      if (lineEnding !== 'crlf' && lineEnding !== 'lf')
        throw new CliError(`--line-ending: "${lineEnding}" is not crlf or lf`, 2);
      const languages = languagesFrom(values.lang);
      const second = values.second;
      if (second !== undefined && !isLanguage(second)) {
        throw new CliError(`--second: "${second}" is not one of en, ko, uk, ru`, 2);
      }
      const project = await readProjectFile(file);
      const plan = planExport(project, {
        documentIds: project.documents.map((d) => d.id),
        languages,
        format,
        lineEnding,
        bom: values.bom,
        secondLanguage: second,
      });
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
        const where = warning.segmentId !== undefined ? ` segment ${warning.segmentId}` : '';
        const what =
          warning.code === 'untranslated'
            ? 'no translation, left out'
            : warning.code === 'untimed'
              ? 'no start or end time, left out'
              : `the ${format} format does not apply to this document`;
        output.stderr(`subrelay: ${file}: warning: ${warning.documentId} (${warning.language})${where}: ${what}\n`);
      }
      return 0;
    }
    case 'qa':
      try {
        return await runQa(args, output.stdout);
      } catch (error) {
        if (error instanceof QaUsageError) throw new CliError(error.message, 2);
        throw error;
      }
    case 'convert':
    case 'import':
      try {
        return await (command === 'convert' ? runConvert : runImport)(args, output.stdout);
      } catch (error) {
        if (error instanceof SubtitleUsageError) throw new CliError(error.message, 2);
        throw error;
      }
    case 'align':
      try {
        return await runAlign(args, output.stdout);
      } catch (error) {
        if (error instanceof AlignUsageError) throw new CliError(error.message, 2);
        throw error;
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
    if (error instanceof FileError) {
      const backup = error.backup !== undefined ? ` (its backup ${error.backup} is readable)` : '';
      output.stderr(`subrelay: ${error.file}: ${error.problem}${backup}\n`);
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
