import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { planExport } from '../../src/export/plan';
import type { Language } from '../../src/languages';
import type { Project } from '../../src/model/project';
import { ffmpegAvailable } from '../handlers/audio';
import { FileError } from '../handlers/files';

/**
 * Burns one language's subtitles into a copy of the media: `<document>.<lang>.preview.mp4`.
 *
 * The subtitles are the project's own ASS export (its line breaks, one style
 * per language), rendered by ffmpeg's `subtitles` filter (libass) over the
 * video, H.264 and AAC. Audio-only media gets a black picture. One file per
 * transcript; articles are left out.
 */
export async function writePreviews(
  project: Project,
  options: {
    readonly media: string;
    readonly language: Language;
    readonly folder: string;
    readonly documentIds: ReadonlyArray<string>;
    readonly version: string;
  },
): Promise<string[]> {
  if (!(await ffmpegAvailable())) {
    throw new FileError(options.media, 'ffmpeg is not installed, and a preview video needs it', 'bad-file', {
      problem: { code: 'media-needs-ffmpeg', params: { detail: 'a preview video needs ffmpeg' } },
    });
  }
  const transcripts = project.documents.filter(
    (document) => document.kind === 'transcript' && options.documentIds.includes(document.id),
  );
  const plan = await planExport(project, {
    documentIds: transcripts.map((document) => document.id),
    languages: [options.language],
    format: 'ass',
    lineEnding: 'lf',
    bom: false,
    creatorVersion: options.version,
  });
  const written: string[] = [];
  const work = await mkdtemp(join(tmpdir(), 'subrelay-preview-'));
  try {
    for (const [index, file] of plan.files.entries()) {
      const document = transcripts[index]?.id ?? basename(file.name).split('.')[0] ?? 'preview';
      // A plain name in ffmpeg's working folder: the filter graph's own escaping never meets the user's path.
      await writeFile(join(work, 'preview.ass'), file.content);
      const target = join(options.folder, `${document}.${options.language}.preview.mp4`);
      const { stdout } = await promisify(execFile)(
        'ffprobe',
        ['-v', 'error', '-select_streams', 'v', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', options.media],
        { encoding: 'utf8' },
      ).catch(() => ({ stdout: '' }));
      const hasVideo = stdout.includes('video');
      const input = hasVideo
        ? ['-i', options.media, '-vf', 'subtitles=preview.ass']
        : [
            '-f',
            'lavfi',
            '-i',
            'color=c=black:s=1280x720:r=25',
            '-i',
            options.media,
            '-shortest',
            '-vf',
            'subtitles=preview.ass',
            '-map',
            '0:v',
            '-map',
            '1:a',
          ];
      try {
        await promisify(execFile)(
          'ffmpeg',
          [
            '-nostdin',
            '-v',
            'error',
            '-y',
            ...input,
            '-c:v',
            'libx264',
            '-preset',
            'veryfast',
            '-crf',
            '23',
            '-pix_fmt',
            'yuv420p',
            '-c:a',
            'aac',
            '-movflags',
            '+faststart',
            target,
          ],
          { cwd: work, maxBuffer: 16 * 1024 * 1024 },
        );
      } catch (error) {
        const detail = (error as { stderr?: string }).stderr?.trim().split('\n').pop() ?? String(error);
        throw new FileError(options.media, `ffmpeg could not make the preview (${detail})`, 'bad-file', {
          problem: { code: 'media-unreadable', params: { detail } },
        });
      }
      written.push(target);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return written;
}
