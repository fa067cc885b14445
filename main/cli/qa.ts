import { parseArgs } from 'node:util';
import { isLanguage, LANGUAGES, type Language } from '../../src/languages';
import { checkProject } from '../../src/qa/projectQa';
import { checkCues, type QaFinding } from '../../src/qa/qa';
import { DEFAULT_RULES } from '../../src/subtitles/rules';
import { readProjectFile } from '../handlers/files';
import { readSubtitleFile } from './subtitles';

/** A usage problem (exit code 2). */
export class QaUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QaUsageError';
  }
}

const DEFAULT_FRAME_RATE = 24;

/**
 * `subrelay qa <project|file.srt|file.vtt> --lang L [--format text|json]`.
 *
 * Prints every finding, then exits 0 when none is an error and 1 otherwise.
 * A project is checked against its own rules (or the Netflix defaults) at
 * its frame rate; a subtitle file against the defaults at `--fps` (24).
 * JSON is an array of `{ cue, rule, severity, message }` (with `document`
 * for projects that hold several transcripts).
 */
export async function runQa(args: string[], write: (text: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      lang: { type: 'string' },
      format: { type: 'string', default: 'text' },
      fps: { type: 'string' },
      document: { type: 'string' },
      encoding: { type: 'string', default: 'auto' },
      debug: { type: 'boolean' },
    },
  });
  const [file, extra] = positionals;
  if (file === undefined) throw new QaUsageError('give a project or a subtitle file to check');
  if (extra !== undefined) throw new QaUsageError(`unexpected argument "${extra}"`);
  const language = values.lang;
  if (language === undefined || (language !== 'all' && !isLanguage(language))) {
    throw new QaUsageError('--lang: give one of en, ko, uk, ru (or all, for a project)');
  }
  if (values.format !== 'text' && values.format !== 'json') throw new QaUsageError('--format: give text or json');
  const fps = values.fps === undefined ? DEFAULT_FRAME_RATE : Number(values.fps);
  if (!Number.isFinite(fps) || fps <= 0 || fps > 1000)
    throw new QaUsageError(`--fps: "${values.fps}" is not a frame rate`);

  let findings: (QaFinding & { readonly document?: string })[];
  if (file.endsWith('.subrelay')) {
    const project = await readProjectFile(file);
    const languages: Language[] = language === 'all' ? [...LANGUAGES] : [language];
    const checked = checkProject(project, languages).filter(
      (entry) => values.document === undefined || entry.documentId === values.document,
    );
    if (values.document !== undefined && checked.length === 0) {
      throw new QaUsageError(`--document: no transcript "${values.document}" in ${file}`);
    }
    findings = checked.flatMap((entry) =>
      entry.findings.map((finding) => ({ ...finding, document: entry.documentId })),
    );
  } else {
    if (language === 'all') throw new QaUsageError('--lang: a subtitle file holds one language; name it');
    const subtitles = await readSubtitleFile(file, language, values.encoding);
    findings = checkCues(subtitles.cues, language, DEFAULT_RULES, fps, { breakLines: false });
  }

  if (values.format === 'json') {
    const several = new Set(findings.map((f) => f.document)).size > 1;
    write(
      `${JSON.stringify(
        findings.map((f) => ({
          ...(several && f.document !== undefined ? { document: f.document } : {}),
          ...(language === 'all' ? { language: f.language } : {}),
          cue: f.cue,
          rule: f.rule,
          severity: f.severity,
          message: f.message,
        })),
        null,
        2,
      )}\n`,
    );
  } else {
    for (const f of findings) {
      write(
        `${f.document === undefined ? '' : `${f.document} `}${f.language} ${f.severity}: ${f.message} [${f.rule}]\n`,
      );
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    write(`${findings.length} findings: ${errors} errors, ${findings.length - errors} warnings\n`);
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
