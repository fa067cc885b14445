import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExportFormat, ExportWarning } from '../../src/export/plan';
import { isLanguage, LANGUAGES, type Language } from '../../src/languages';
import { PROJECT_VERSION, SEGMENT_STATUSES, type SegmentStatus } from '../../src/model/project';
import { UsageError } from './usage';
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

/**
 * The usage text, worded from `cli.usage` with the format catalog's entries.
 *
 * Loaded only for `--help` and usage errors: the catalog is data only (no
 * reader or writer), and the words come through i18next.
 */
export async function usageText(): Promise<string> {
  const { FORMAT_CATALOG } = await import('../../src/formats/catalog');
  const { say } = await import('./words');
  const formats = [`        ${'auto'.padEnd(13)}${await say('formatAuto')}`];
  for (const format of FORMAT_CATALOG) {
    const summary =
      format.documents === 'transcript'
        ? await say('formatForTranscripts', { summary: format.summary })
        : format.summary;
    formats.push(`        ${format.id.padEnd(13)}${format.id.length > 12 ? '\n                     ' : ''}${summary}`);
  }
  const readable = FORMAT_CATALOG.filter((format) => format.readable && format.convertible)
    .flatMap((format) => format.extensions.map((extension) => `file.${extension}`))
    .join('|');
  const targets = [...FORMAT_CATALOG.filter((format) => format.convertible).map((format) => format.id), 'json'];
  return say('usage', { formats: formats.join('\n'), readable, targets: targets.join('|') });
}

function languagesFrom(value: string | undefined): Language[] {
  if (value === undefined || value === 'all') return [...LANGUAGES];
  const languages = value.split(',').map((part) => part.trim());
  const wrong = languages.find((language) => !isLanguage(language));
  if (wrong !== undefined)
    throw new UsageError('notOneOf', { flag: '--lang', value: wrong, choices: 'en, ko, uk, ru, all' });
  return [...new Set(languages as Language[])];
}

function languageOption(name: string, value: string | undefined): Language | undefined {
  if (value !== undefined && !isLanguage(value))
    throw new UsageError('notOneOf', { flag: name, value, choices: 'en, ko, uk, ru' });
  return value;
}

function statusesFrom(value: string | undefined): SegmentStatus[] | undefined {
  if (value === undefined) return undefined;
  const statuses = value.split(',').map((part) => part.trim());
  const wrong = statuses.find((status) => !(SEGMENT_STATUSES as ReadonlyArray<string>).includes(status));
  if (wrong !== undefined) {
    throw new UsageError('notOneOf', { flag: '--status', value: wrong, choices: SEGMENT_STATUSES.join(', ') });
  }
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
  return await subtitles[command](args, output.stdout, output.stderr);
}

/** One export warning as the CLI prints it, after `subrelay: <project>: warning: ` (`cli.exportWarning.<code>`). */
async function describeWarning(warning: ExportWarning, format: ExportFormat): Promise<string> {
  const { say } = await import('./words');
  const where =
    warning.segmentId !== undefined
      ? await say('whereSegment', {
          document: warning.documentId,
          language: warning.language,
          segment: warning.segmentId,
        })
      : `${warning.documentId} (${warning.language})`;
  return say(`exportWarning.${warning.code}`, { where, document: warning.documentId, format });
}

function one(positionals: ReadonlyArray<string>, missing: string): string {
  const [first, ...rest] = positionals;
  if (first === undefined) throw new UsageError(missing, {}, true);
  if (rest[0] !== undefined) throw new UsageError('unexpected', { argument: rest[0] });
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
      const file = one(positionals, 'missingProjectFile');
      const { MAX_PROJECT_BYTES, readProjectFileOfferingBackup, readTextFile } = await import('../handlers/files');
      const project = await readProjectFileOfferingBackup(file);
      const segments = project.documents.reduce((sum, d) => sum + d.segments.length, 0);
      const version = formatVersionOf(await readTextFile(file, MAX_PROJECT_BYTES));
      const { say } = await import('./words');
      const migrated =
        version !== undefined && version < PROJECT_VERSION
          ? await say('migrated', { version, current: PROJECT_VERSION })
          : '';
      const documents = await say('documents', { count: project.documents.length });
      output.stdout(
        `${await say('valid', { file, documents, segments: await say('segments', { count: segments }), migrated })}\n`,
      );
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
        throw new UsageError('giveLanguage', { flag: '--lang' });
      }
      const text = await readInput(one(positionals, 'missingTextFile'), language);
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
      const file = one(positionals, 'missingProjectFile');
      if (values.out === undefined) throw new UsageError('giveOut');
      const { EXPORT_FORMATS, planExport } = await import('../../src/export/plan');
      const { readProjectFile, writeFileAtomic, FileError } = await import('../handlers/files');
      const { measureExportLines } = await import('../handlers/speech');
      const format = values.format as ExportFormat;
      if (!EXPORT_FORMATS.includes(format))
        throw new UsageError('notOneOf', {
          flag: '--format',
          value: values.format,
          choices: EXPORT_FORMATS.join(', '),
        });
      const lineEnding = values['line-ending'];
      if (lineEnding !== 'crlf' && lineEnding !== 'lf')
        throw new UsageError('notOneOf', { flag: '--line-ending', value: lineEnding, choices: 'crlf, lf' });
      const languages = languagesFrom(values.lang);
      const second = languageOption('--second', values.second);
      const source = languageOption('--source', values.source);
      const statuses = statusesFrom(values.status);
      const speakingTime = values['speaking-time'];
      if (speakingTime !== 'syllables' && speakingTime !== 'espeak')
        throw new UsageError('notOneOf', {
          flag: '--speaking-time',
          value: speakingTime,
          choices: 'syllables, espeak',
        });
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
      } as const;
      const speech = await measureExportLines(project, request);
      const { say } = await import('./words');
      if (speech.espeakMissing) {
        const message = await say('exportWarning.espeak-missing');
        output.stderr(`subrelay: ${file}: ${await say('warning', { message })}\n`);
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
        output.stderr(
          `subrelay: ${file}: ${await say('warning', { message: await describeWarning(warning, format) })}\n`,
        );
      }
      return 0;
    }
    case 'qa':
      return await (await import('./qa')).runQa(args, output.stdout);
    case 'import':
      // An XLIFF file coming back from a CAT tool; anything else is subtitles.
      if (args.some(isXliffFile)) return await (await import('./xliffImport')).runXliffImport(args, output);
      return await runSubtitleCommand('runImport', args, output);
    case 'convert':
      return await runSubtitleCommand('runConvert', args, output);
    case 'new':
      return await (await import('./newProject')).runNew(args, output.stdout);
    case 'align':
      return await (await import('./align')).runAlign(args, output.stdout);
    default:
      throw command === undefined
        ? new UsageError('missingCommand', {}, true)
        : new UsageError('unknownCommand', { command }, true);
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
    output.stdout(`${await usageText()}\n`);
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
      // Worded from its problem code, as the interface words it (the handlers' own text is for logs).
      const { say, word } = await import('./words');
      const backup = error.backup !== undefined ? await say('backupReadable', { backup: error.backup }) : '';
      output.stderr(`subrelay: ${error.file}: ${await word(error.problemCode)}${backup}\n`);
      return 1;
    }
    const { UsecaseError } = await import('../../src/usecases/usecaseError');
    if (error instanceof UsecaseError) {
      const { word } = await import('./words');
      const where = error.problem.file !== undefined ? `${error.problem.file}: ` : '';
      output.stderr(`subrelay: ${where}${await word(error.problem)}\n`);
      return 1;
    }
    if (error instanceof UsageError) {
      const { say } = await import('./words');
      const message = await say(error.code, error.params);
      output.stderr(`subrelay: ${message}${error.withUsage ? `\n\n${await usageText()}` : ''}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    output.stderr(`subrelay: ${message}\n`);
    return ((error as { code?: string }).code ?? '').startsWith('ERR_PARSE_ARGS_') ? 2 : 1;
  }
}
