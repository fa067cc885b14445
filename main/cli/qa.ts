import { parseArgs } from 'node:util';
import { isLanguage, LANGUAGES, type Language } from '../../src/languages';
import { checkProject } from '../../src/qa/projectQa';
import { checkCues, type QaFinding } from '../../src/qa/qa';
import { DEFAULT_RULES } from '../../src/subtitles/rules';
import { readProjectFile } from '../handlers/files';
import { readSubtitleFile } from './subtitles';
import { UsageError } from './usage';
import { englishWords, say, wordFinding } from './words';

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
  if (file === undefined) throw new UsageError('qaGiveFile');
  if (extra !== undefined) throw new UsageError('unexpected', { argument: extra });
  const language = values.lang;
  if (language === undefined || (language !== 'all' && !isLanguage(language))) {
    throw new UsageError('qaGiveLanguage');
  }
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UsageError('notOneOf', { flag: '--format', value: values.format, choices: 'text, json' });
  }
  const fps = values.fps === undefined ? DEFAULT_FRAME_RATE : Number(values.fps);
  if (!Number.isFinite(fps) || fps <= 0 || fps > 1000) {
    throw new UsageError('qaNotFrameRate', { value: values.fps ?? '' });
  }

  let findings: (QaFinding & { readonly document?: string })[];
  if (file.endsWith('.subrelay')) {
    const project = await readProjectFile(file);
    const languages: Language[] = language === 'all' ? [...LANGUAGES] : [language];
    const checked = checkProject(project, languages).filter(
      (entry) => values.document === undefined || entry.documentId === values.document,
    );
    if (values.document !== undefined && checked.length === 0) {
      throw new UsageError('qaNoTranscript', { document: values.document, file });
    }
    findings = checked.flatMap((entry) =>
      entry.findings.map((finding) => ({ ...finding, document: entry.documentId })),
    );
  } else {
    if (language === 'all') throw new UsageError('qaOneLanguage');
    const subtitles = await readSubtitleFile(file, language, values.encoding);
    findings = checkCues(subtitles.cues, language, DEFAULT_RULES, fps, { breakLines: false });
  }

  // Each message is worded from the locale's `qa.<rule>`, as the QA panel words it.
  const messages: string[] = [];
  for (const f of findings) messages.push(await wordFinding(f));
  if (values.format === 'json') {
    const several = new Set(findings.map((f) => f.document)).size > 1;
    write(
      `${JSON.stringify(
        findings.map((f, k) => ({
          ...(several && f.document !== undefined ? { document: f.document } : {}),
          ...(language === 'all' ? { language: f.language } : {}),
          cue: f.cue,
          rule: f.rule,
          severity: f.severity,
          message: messages[k] ?? f.message,
        })),
        null,
        2,
      )}\n`,
    );
  } else {
    const t = await englishWords();
    let lines = '';
    for (const [k, f] of findings.entries()) {
      const where = f.document === undefined ? f.language : `${f.document} ${f.language}`;
      lines += `${where} ${t(`qa.${f.severity}`)}: ${messages[k] ?? f.message} [${f.rule}]\n`;
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    const counts = [await say('errors', { count: errors }), await say('warnings', { count: findings.length - errors })];
    const summary = `${await say('findings', { count: findings.length })}: ${counts.join(', ')}`;
    write(`${lines}${summary}\n`);
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
