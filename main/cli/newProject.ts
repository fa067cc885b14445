import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { isLanguage, type Language } from '../../src/languages';
import { serializeProject } from '../../src/model/serialize';
import { newProject, type NewProjectRequest } from '../../src/usecases/newProject';
import { UsecaseError } from '../../src/usecases/usecaseError';
import { readDecodedFile, writeFileAtomic } from '../handlers/files';
import { readSubtitleFile } from './subtitles';
import { UsageError } from './usage';
import { aboutFile, word } from './words';

function languageOption(flag: string, value: string | undefined): Language | undefined {
  if (value === undefined) return undefined;
  if (!isLanguage(value)) throw new UsageError('notOneOf', { flag, value, choices: 'en, ko, uk, ru' });
  return value;
}

function isSubtitleFile(file: string): boolean {
  return /\.(srt|vtt)$/iu.test(file);
}

/**
 * `subrelay new OUT.subrelay [--article FILE] [--transcript FILE] …`: starts a project.
 *
 * Through the `newProject` use case: an article is segmented in its
 * language with its paragraphs kept and page furniture excluded; a subtitle
 * file becomes a timed transcript, a text file an untimed one. Languages are
 * guessed from the letters unless given. An existing file is never
 * overwritten.
 */
export async function runNew(args: string[], write: (text: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      article: { type: 'string' },
      transcript: { type: 'string' },
      lang: { type: 'string' },
      'article-lang': { type: 'string' },
      'transcript-lang': { type: 'string' },
      title: { type: 'string' },
      encoding: { type: 'string', default: 'auto' },
      debug: { type: 'boolean' },
    },
  });
  const [out, extra] = positionals;
  if (out === undefined) throw new UsageError('newGiveFile');
  if (extra !== undefined) throw new UsageError('unexpected', { argument: extra });
  if (!out.endsWith('.subrelay')) throw new UsageError('newNotSubrelay', { file: out });
  const both = languageOption('--lang', values.lang);
  if (both !== undefined && (values['article-lang'] !== undefined || values['transcript-lang'] !== undefined)) {
    throw new UsageError('newLanguages');
  }
  const articleLanguage = both ?? languageOption('--article-lang', values['article-lang']);
  const transcriptLanguage = both ?? languageOption('--transcript-lang', values['transcript-lang']);
  if (existsSync(out)) throw new UsecaseError({ code: 'exists', file: out });

  const request: { -readonly [K in keyof NewProjectRequest]: NewProjectRequest[K] } = {
    title: values.title ?? basename(out, '.subrelay'),
    transcriptLanguage,
  };
  if (values.article !== undefined) {
    const { text } = await readDecodedFile(values.article, { language: articleLanguage });
    request.article = { text, language: articleLanguage };
  }
  const transcriptFile = values.transcript;
  if (transcriptFile !== undefined) {
    const title = basename(transcriptFile, extname(transcriptFile));
    if (isSubtitleFile(transcriptFile)) {
      const subtitles = await readSubtitleFile(transcriptFile, transcriptLanguage, values.encoding);
      request.transcript = { cues: subtitles.cues, title };
    } else {
      const { text } = await readDecodedFile(transcriptFile, { language: transcriptLanguage });
      request.transcript = { text, title };
    }
  }
  let made;
  try {
    made = newProject(request);
  } catch (error) {
    // A language that cannot be told, an empty article: about the file it came from.
    const aboutTranscript =
      error instanceof UsecaseError &&
      (error.problem.code === 'import-no-cues' || error.problem.params?.['part'] === 'transcript');
    const from = aboutTranscript ? transcriptFile : (values.article ?? transcriptFile);
    throw aboutFile(error, from ?? out);
  }
  // Checked again right before writing: nothing may have appeared there meanwhile.
  if (existsSync(out)) throw new UsecaseError({ code: 'exists', file: out });
  await writeFileAtomic(out, serializeProject(made.project));
  let lines = '';
  for (const message of made.report.messages) lines += `${out}: ${await word(message)}\n`;
  write(`${lines}${out}: ${await word({ code: 'project-created', params: { file: out } })}\n`);
  return 0;
}
