import { parseArgs } from 'node:util';
import { readXliff, type XliffContent } from '../../src/interchange/xliff';
import { importXliff } from '../../src/usecases/importXliff';
import { UsecaseError } from '../../src/usecases/usecaseError';
import { serializeProject } from '../../src/model/serialize';
import {
  backupPathOf,
  FileError,
  MAX_TEXT_BYTES,
  parseFileText,
  readProjectFile,
  readTextFile,
  writeFileAtomic,
} from '../handlers/files';
import { UsageError } from './usage';
import { aboutFile, say, word } from './words';

/** Where the CLI's two streams go. */
export interface XliffImportOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

function isParseArgsError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | undefined)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** Reads an XLIFF file; a file Subrelay cannot read is a FileError naming it. */
async function readXliffFile(file: string): Promise<XliffContent> {
  return parseFileText(file, await readTextFile(file, MAX_TEXT_BYTES), readXliff);
}

async function importXliffFile(args: string[], output: XliffImportOutput): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, debug: { type: 'boolean' } },
  });
  const [projectFile, xliffFile, extra] = positionals;
  if (projectFile === undefined || xliffFile === undefined) {
    throw new UsageError('xliffGiveFiles');
  }
  if (extra !== undefined) throw new UsageError('unexpected', { argument: extra });

  const project = await readProjectFile(projectFile);
  const content = await readXliffFile(xliffFile);
  let imported;
  try {
    imported = importXliff(project, content);
  } catch (error) {
    // The file's languages do not fit the project: a problem with the XLIFF file.
    if (error instanceof UsecaseError && error.problem.code === 'bad-xliff') {
      throw new FileError(xliffFile, await word(error.problem), 'bad-file', { problem: error.problem });
    }
    throw aboutFile(error, projectFile);
  }
  const { report } = imported;

  for (const warning of report.warnings) {
    output.stderr(`subrelay: ${xliffFile}: ${await say('warning', { message: await word(warning) })}\n`);
  }
  let lines = '';
  for (const change of report.changes) lines += `${await word(change)}\n`;
  output.stdout(lines);
  const summary = await word(report.summary);
  if (values['dry-run']) {
    output.stdout(`${summary} (${await word({ code: 'not-saved-dry-run', params: { file: projectFile } })})\n`);
  } else if (report.changed.length === 0) {
    output.stdout(`${summary}; ${await word({ code: 'left-as-it-was', params: { file: projectFile } })}\n`);
  } else {
    await writeFileAtomic(projectFile, serializeProject(imported.project), { backup: true });
    const saved = await word({
      code: 'project-saved',
      params: { file: projectFile, backup: backupPathOf(projectFile) },
    });
    output.stdout(`${summary}; ${saved}\n`);
  }
  return 0;
}

/**
 * `subrelay import PROJECT FILE.xlf|FILE.xliff [--dry-run]`: takes a CAT tool's translations back.
 *
 * Prints one line per changed segment and a summary on stdout, and files
 * or units the project does not have (and sources that differ) as warnings
 * on stderr. Saves the project atomically with a `.bak` of the previous
 * version, unless `--dry-run` or nothing changed. Usage problems are
 * reported here and return 2; an unreadable project or XLIFF file throws a
 * `FileError` (printed by the CLI as `subrelay: <file>: <problem>`).
 */
export async function runXliffImport(args: string[], output: XliffImportOutput): Promise<number> {
  try {
    return await importXliffFile(args, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr(`subrelay: ${await say(error.code, error.params)}\n`);
      return 2;
    }
    if (isParseArgsError(error)) {
      output.stderr(`subrelay: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
