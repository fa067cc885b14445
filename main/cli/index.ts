import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, planExport, type ExportFormat } from '../../src/export/plan';
import { isLanguage, LANGUAGES, type Language } from '../../src/languages';
import { segmentText } from '../../src/segment/sentences';
import { PROJECT_VERSION } from '../../src/model/project';
import {
  FileError,
  MAX_PROJECT_BYTES,
  readProjectFile,
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

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
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
  export <project> --out DIR [--format auto|srt|txt] [--lang en|ko|uk|ru|all]
                   [--line-ending crlf|lf] [--bom]
      Writes DIR/<document>.<lang>.srt for transcripts and DIR/<document>.<lang>.txt
      for articles (auto, the default); srt exports transcripts only; txt exports all.
  segment --lang en|ko|uk|ru <file|->
      Prints one sentence per line (paragraphs separated by an empty line).
  validate <project>
      Checks a project file; exits 1 with the problem on stderr.

Options: --debug (stack traces), --help, --version
`;

const MAX_TEXT_BYTES = 50 * 1024 * 1024;

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

async function readInput(file: string): Promise<string> {
  if (file !== '-') return readTextFile(file, MAX_TEXT_BYTES);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new FileError('<stdin>', 'is not UTF-8 text', 'bad-file');
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
      const text = await readInput(one(positionals, 'the text file'));
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
      const project = await readProjectFile(file);
      const plan = planExport(project, {
        documentIds: project.documents.map((d) => d.id),
        languages,
        format,
        lineEnding,
        bom: values.bom,
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
