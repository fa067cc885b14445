import { stat } from 'node:fs/promises';
import { UsageError } from './usage';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dubbingOf } from '../../src/dub/speakingTime';
import { isLanguage } from '../../src/languages';
import { setSegmentTimes } from '../../src/model/edit';
import { serializeProject } from '../../src/model/serialize';
import { rulesOf } from '../../src/qa/projectQa';
import { formatTimestamp } from '../../src/time/timecode';
import { timeDocumentFromSpeech } from '../../src/timing/documentSpeech';
import { UsecaseError } from '../../src/usecases/usecaseError';
import { backupPathOf, FileError, readProjectFile, toFileError, writeFileAtomic } from '../handlers/files';
import { detectSpeech, type SileroVersion } from '../handlers/speechDetection';
import { word } from './words';

/** Where the CLI's two streams go. */
export interface SpeechOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

function modelOption(value: string | undefined): SileroVersion {
  if (value === undefined || value === 'v5' || value === 'v6') return value ?? 'v5';
  throw new UsageError('notOneOf', { flag: '--model', value, choices: 'v5, v6' });
}

/** The media file must be there before the decoder is started, so that a missing one is named plainly. */
async function requireMedia(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (info.isDirectory())
      throw new FileError(file, 'is a folder, not a file', 'bad-file', { problem: { code: 'is-folder' } });
  } catch (error) {
    throw toFileError(file, error);
  }
}

/**
 * `subrelay speech MEDIA [--format json|text] [--model v5|v6]`: prints where the speech is.
 *
 * JSON is `[{"start": ms, "end": ms}]`; text is one `start --> end` line per stretch.
 */
export async function runSpeech(args: string[], output: SpeechOutput): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, model: { type: 'string' }, debug: { type: 'boolean' } },
  });
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError('giveSpeechMedia');
  if (extra !== undefined) throw new UsageError('unexpected', { argument: extra });
  if (values.format !== 'json' && values.format !== 'text') {
    throw new UsageError('notOneOf', { flag: '--format', value: values.format ?? '', choices: 'json, text' });
  }
  const model = modelOption(values.model);
  await requireMedia(file);
  const { speech } = await detectSpeech(file, { model });
  if (values.format === 'json') {
    output.stdout(`${JSON.stringify(speech.map(({ start, end }) => ({ start, end })))}\n`);
  } else {
    output.stdout(speech.map(({ start, end }) => `${formatTimestamp(start)} --> ${formatTimestamp(end)}\n`).join(''));
  }
  return 0;
}

function span(time: { readonly start: number; readonly end: number }): string {
  return `${formatTimestamp(time.start)}–${formatTimestamp(time.end)}`;
}

/**
 * `subrelay autotime PROJECT --document ID [--media MEDIA] [--lang L] [--dry-run]`: times a transcript from its speech.
 *
 * The media is `--media`, or the transcript's own (relative to the project
 * file). Prints one line per cue that moved and a summary, then saves
 * atomically with a backup, unless `--dry-run` or nothing moved.
 */
export async function runAutotime(args: string[], output: SpeechOutput): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      document: { type: 'string' },
      media: { type: 'string' },
      lang: { type: 'string' },
      model: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      debug: { type: 'boolean' },
    },
  });
  const [projectFile, extra] = positionals;
  if (projectFile === undefined) throw new UsageError('missingProjectFile');
  if (extra !== undefined) throw new UsageError('unexpected', { argument: extra });
  if (values.document === undefined) throw new UsageError('giveTranscriptToTime');
  const language = values.lang;
  if (language !== undefined && !isLanguage(language)) {
    throw new UsageError('notOneOf', { flag: '--lang', value: language, choices: 'en, ko, uk, ru' });
  }
  const model = modelOption(values.model);
  const project = await readProjectFile(projectFile);
  const document = project.documents.find((candidate) => candidate.id === values.document);
  if (document === undefined) {
    throw new UsecaseError({ code: 'unknown-document', params: { id: values.document }, file: projectFile });
  }
  if (document.kind !== 'transcript') {
    throw new UsecaseError({ code: 'media-not-transcript', params: { id: document.id }, file: projectFile });
  }
  const named = values.media ?? document.media?.path;
  if (named === undefined) throw new UsageError('transcriptHasNoMedia', { id: document.id });
  // A path from the project is relative to the project file; one from the command line, to the working folder.
  const media = values.media !== undefined ? resolve(named) : resolve(dirname(resolve(projectFile)), named);
  await requireMedia(media);
  const { speech, durationMs } = await detectSpeech(media, { model });
  if (speech.length === 0) {
    output.stderr(`subrelay: ${media}: ${await word({ code: 'speech-none' })}\n`);
    output.stdout(`${await word({ code: 'left-as-it-was', params: { file: projectFile } })}\n`);
    return 1;
  }
  const moved = timeDocumentFromSpeech(document, speech, {
    rules: rulesOf(project),
    frameRate: project.frameRate,
    dubbing: dubbingOf(project),
    language: language ?? undefined,
    mediaEndMs: durationMs,
  });
  let lines = '';
  for (const cue of moved) {
    lines +=
      cue.from === undefined
        ? `${await word({ code: 'autotime-timed', params: { segment: cue.id, after: span(cue.to) } })}\n`
        : `${await word({ code: 'autotime-moved', params: { segment: cue.id, before: span(cue.from), after: span(cue.to) } })}\n`;
  }
  output.stdout(lines);
  const included = document.segments.filter((segment) => segment.excluded !== true).length;
  const summary = await word({
    code: 'autotime-summary',
    params: { count: moved.length, document: document.id, speech: speech.length, unchanged: included - moved.length },
  });
  if (values['dry-run']) {
    output.stdout(`${summary} (${await word({ code: 'not-saved-dry-run', params: { file: projectFile } })})\n`);
  } else if (moved.length === 0) {
    output.stdout(`${summary}; ${await word({ code: 'left-as-it-was', params: { file: projectFile } })}\n`);
  } else {
    const timed = setSegmentTimes(project, document.id, new Map(moved.map((cue) => [cue.id, cue.to])));
    await writeFileAtomic(projectFile, serializeProject(timed), { backup: true });
    const saved = await word({
      code: 'project-saved',
      params: { file: projectFile, backup: backupPathOf(projectFile) },
    });
    output.stdout(`${summary}; ${saved}\n`);
  }
  return 0;
}
